"""Working time: the holiday calendar and the per-instansi settings of complaint handling.

Service levels are measured in working time (DOMAIN.md §5): weekends, national holidays and cuti
bersama do not count, nor the hours outside the work schedule.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kinerja.org.models import Instansi


class HolidayKind(models.TextChoices):
    NATIONAL = "nasional", _("Libur nasional")
    CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")
    LOCAL = "daerah", _("Libur daerah")


class Holiday(models.Model):
    """A whole day off in one instansi's calendar, kept per year and edited by BKPSDM."""

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("tanggal"))
    name = models.CharField(_("keterangan"), max_length=150)
    kind = models.CharField(_("jenis"), max_length=12, choices=HolidayKind.choices)
    #: Raised on every change; a change or removal drawn from an older version is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "date"],
                name="holiday_once_per_day",
                violation_error_message=_("Tanggal ini sudah ada di kalender libur."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.name}"


def default_schedule() -> dict[str, str]:
    """Perwali working hours, 37.5 hours over five days (weekday 0 = Monday)."""
    from kinerja.complaints.worktime import DEFAULT_SCHEDULE

    return {str(day): spec for day, spec in DEFAULT_SCHEDULE.to_spec().items()}


class ComplaintSettings(models.Model):
    """How one instansi measures complaint handling: work schedule, risk window, accuracy rules.

    One row per instansi, created with the defaults the first time it is read. The accuracy
    rules decide which complaints count against an officer's accuracy (docs/complaints.md).
    """

    instansi = models.OneToOneField(Instansi, on_delete=models.PROTECT, related_name="+")
    schedule = models.JSONField(
        _("jam kerja"),
        default=default_schedule,
        help_text=_("Per hari (0 = Senin), misalnya 07:15-12:00,12:30-16:00; kosong = libur."),
    )
    at_risk_share = models.DecimalField(
        _("batas berisiko"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.25"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("0.99"))],
        help_text=_("Langkah berstatus berisiko bila sisa waktunya sebesar ini atau kurang."),
    )
    reopen_days = models.PositiveSmallIntegerField(
        _("batas buka kembali (hari)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("Berapa hari setelah selesai warga masih dapat membuka kembali aduannya."),
    )
    low_rating = models.PositiveSmallIntegerField(
        _("nilai rendah"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("Penilaian warga sebesar ini atau kurang dihitung tidak akurat."),
    )
    count_reopened = models.BooleanField(_("dibuka kembali dihitung tidak akurat"), default=True)
    count_rejected = models.BooleanField(
        _("jawaban ditolak verifikator dihitung tidak akurat"), default=True
    )
    count_low_rating = models.BooleanField(_("nilai rendah dihitung tidak akurat"), default=True)
    count_not_solved = models.BooleanField(
        _("tidak menyelesaikan masalah dihitung tidak akurat"), default=True
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("pengaturan aduan")
        verbose_name_plural = _("pengaturan aduan")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.instansi_id}"
