"""What a complaint can be about, where it goes, and how fast it must be handled."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.org.models import Instansi, Unit


class Channel(models.TextChoices):
    """Where a complaint came in. ULAS covers its web form and app; LAPOR! is the national one."""

    ULAS = "ulas", _("ULAS (web/aplikasi)")
    WHATSAPP = "whatsapp", _("WhatsApp")
    LAPOR = "lapor", _("SP4N-LAPOR!")
    PHONE = "telepon", _("Telepon")
    WALK_IN = "langsung", _("Datang langsung")
    SOCIAL = "medsos", _("Media sosial")
    EMAIL = "email", _("E-mail")


class Classification(models.TextChoices):
    ASPIRASI = "aspirasi", _("Aspirasi")
    PENGADUAN = "pengaduan", _("Pengaduan")
    INFORMASI = "informasi", _("Permintaan informasi")


class Category(models.Model):
    """A subject of complaints (ULAS has about 90), routed by default to one OPD."""

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(_("kode"), max_length=60)
    name = models.CharField(_("nama"), max_length=150)
    default_unit = models.ForeignKey(
        Unit,
        verbose_name=_("OPD tujuan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    active = models.BooleanField(_("aktif"), default=True)
    #: Raised on every change; a change or removal drawn from an older version is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("kategori aduan")
        verbose_name_plural = _("kategori aduan")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "code"],
                name="category_code_unique",
                violation_error_message=_("Kode kategori ini sudah dipakai."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class SlaPolicy(models.Model):
    """How much working time each step may take, per channel and/or category.

    The most specific policy wins: channel and category, then category, then channel, then the
    instansi's general one; without any row the built-in defaults of ``kinerja.complaints.sla``
    apply (ULAS 1×24 h and 2×24 h; LAPOR! 3 and 5 working days). One working day is the
    schedule's standard day (7.5 hours under the Perwali schedule).
    """

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("kanal"), max_length=10, choices=Channel.choices, blank=True)
    category = models.ForeignKey(
        Category,
        verbose_name=_("kategori"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    response_minutes = models.PositiveIntegerField(
        _("batas respons (menit kerja)"),
        help_text=_("Dari aduan diterima sampai respons pertama atau penerusan ke OPD."),
    )
    followup_minutes = models.PositiveIntegerField(
        _("batas tindak lanjut (menit kerja)"),
        help_text=_("Dari aduan diterima sampai tindak lanjut dijawab."),
    )
    #: Raised on every change; a change or removal drawn from an older version is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("standar waktu layanan")
        verbose_name_plural = _("standar waktu layanan")
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "channel", "category"],
                condition=Q(category__isnull=False),
                name="sla_policy_unique_category",
                violation_error_message=_("Sudah ada standar untuk kanal dan kategori ini."),
            ),
            models.UniqueConstraint(
                fields=["instansi", "channel"],
                condition=Q(category__isnull=True),
                name="sla_policy_unique_channel",
                violation_error_message=_("Sudah ada standar untuk kanal ini."),
            ),
            models.CheckConstraint(
                condition=Q(response_minutes__gt=0)
                & Q(followup_minutes__gte=models.F("response_minutes")),
                name="sla_policy_order",
                violation_error_message=_(
                    "Batas tindak lanjut tidak boleh lebih pendek dari batas respons."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display() or '*'} / {self.category or '*'}"
