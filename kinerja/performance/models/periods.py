"""Performance years and their evaluation periods (issue 3 §1)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.periods import MAX_YEAR, MIN_YEAR
from kinerja.org.models import Instansi

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
ROMAN = ("I", "II", "III", "IV")


class Cadence(models.TextChoices):
    MONTHLY = "monthly", _("Bulanan")
    QUARTERLY = "quarterly", _("Triwulanan")


class PeriodKind(models.TextChoices):
    PERIODIC = "periodic", _("Periodik")
    ANNUAL = "annual", _("Tahunan")


class PeriodState(models.TextChoices):
    OPEN = "open", _("Terbuka")
    CLOSED = "closed", _("Ditutup")
    LOCKED = "locked", _("Dikunci")


class PerformanceYear(models.Model):
    """One instansi's performance year: how often it evaluates and when SKPs are due."""

    instansi = models.ForeignKey(
        Instansi, on_delete=models.PROTECT, related_name="performance_years"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    cadence = models.CharField(_("evaluasi periodik"), max_length=12, choices=Cadence.choices)
    skp_deadline = models.DateField(_("batas penyampaian SKP"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tahun kinerja")
        verbose_name_plural = _("tahun kinerja")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "year"],
                name="performance_year_unique",
                violation_error_message=_("Tahun kinerja ini sudah ada untuk instansi ini."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=MIN_YEAR) & Q(year__lte=MAX_YEAR),
                name="performance_year_range",
                violation_error_message=_("Tahun harus antara 2000 dan 2100."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.year)


class Period(models.Model):
    """A periodic (month or quarter) or the annual evaluation period of a performance year.

    ``instansi`` repeats the year's instansi so that every query can be scoped (and the table
    partitioned) without a join.
    """

    performance_year = models.ForeignKey(
        PerformanceYear, on_delete=models.CASCADE, related_name="periods"
    )
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("jenis"), max_length=10, choices=PeriodKind.choices)
    number = models.PositiveSmallIntegerField(
        _("nomor"), help_text=_("1–12 (bulanan) atau 1–4 (triwulanan); 0 untuk tahunan")
    )
    starts = models.DateField(_("mulai"))
    ends = models.DateField(_("selesai"))
    evaluation_deadline = models.DateField(_("batas evaluasi"))
    state = models.CharField(
        _("status"), max_length=10, choices=PeriodState.choices, default=PeriodState.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("periode")
        verbose_name_plural = _("periode")
        ordering = ["performance_year", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["performance_year", "kind", "number"],
                name="period_unique",
                violation_error_message=_("Periode ini sudah ada."),
            ),
            models.CheckConstraint(
                condition=Q(ends__gte=F("starts")),
                name="period_dates",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            ),
            models.CheckConstraint(
                condition=Q(evaluation_deadline__gte=F("ends")),
                name="period_deadline",
                violation_error_message=_("Batas evaluasi tidak boleh sebelum periode selesai."),
            ),
            models.CheckConstraint(
                condition=(Q(kind=PeriodKind.ANNUAL) & Q(number=0))
                | (Q(kind=PeriodKind.PERIODIC) & Q(number__gte=1) & Q(number__lte=12)),
                name="period_number",
                violation_error_message=_("Nomor periode tidak sesuai jenisnya."),
            ),
        ]
        indexes = [models.Index(fields=["instansi", "state"], name="period_instansi_state_idx")]

    def __str__(self) -> str:
        year = self.starts.year
        if self.kind == PeriodKind.ANNUAL:
            return f"Tahunan {year}"
        if self.ends.month - self.starts.month >= 2:
            return f"Triwulan {ROMAN[self.number - 1]} {year}"
        return f"{MONTHS[self.number - 1]} {year}"
