"""Periodic and annual evaluation (issue 3 §4; DOMAIN.md §1.3): the per-instansi rules, and one
evaluation per SKP and period with its stored recommendation, ratings and predikat.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kinerja.employees.models import Employee
from kinerja.org.models import Instansi, Unit
from kinerja.performance.models.periods import Period
from kinerja.performance.models.skp import Skp


class RatingValue(models.TextChoices):
    """Rating of Hasil Kerja or Perilaku Kerja; the values are the SIASN codes."""

    DI_ATAS = "1", _("Di Atas Ekspektasi")
    SESUAI = "2", _("Sesuai Ekspektasi")
    DI_BAWAH = "3", _("Di Bawah Ekspektasi")


class PredikatValue(models.TextChoices):
    """Predikat kinerja pegawai; the values are the SIASN codes."""

    SANGAT_BAIK = "1", _("Sangat Baik")
    BAIK = "2", _("Baik")
    BUTUH_PERBAIKAN = "3", _("Butuh Perbaikan")
    KURANG = "4", _("Kurang/Misconduct")
    SANGAT_KURANG = "5", _("Sangat Kurang")


class EvaluationState(models.TextChoices):
    DRAFT = "draft", _("Draf")
    FINAL = "final", _("Ditetapkan")


def _pct(default: int) -> models.DecimalField:
    return models.DecimalField(
        max_digits=7,
        decimal_places=2,
        default=Decimal(default),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1_000_000))],
    )


class PerformanceSettings(models.Model):
    """The evaluation rules an instansi chose; defaults are those of docs/scoring.md."""

    instansi = models.OneToOneField(
        Instansi, on_delete=models.CASCADE, related_name="performance_settings"
    )
    di_atas_min = _pct(110)
    sesuai_min = _pct(90)
    most_pct = _pct(50)
    utama_short_max_pct = _pct(20)
    capaian_cap = _pct(150)
    self_assessment = models.BooleanField(
        _("penilaian diri sebelum penilaian atasan"), default=False
    )
    objection_days = models.PositiveSmallIntegerField(
        _("batas hari pengajuan keberatan"), default=14
    )
    #: Distribution rules per organisational predikat in the form of
    #: ``scoring.distribution`` clauses; empty means the defaults of SE MenPANRB 3/2023.
    distribution_rules = models.JSONField(_("aturan distribusi"), default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("aturan penilaian")
        verbose_name_plural = _("aturan penilaian")
        constraints = [
            models.CheckConstraint(
                condition=Q(sesuai_min__lte=F("di_atas_min")),
                name="settings_thresholds_ordered",
                violation_error_message=_(
                    "Ambang Sesuai tidak boleh lebih tinggi dari ambang Di Atas."
                ),
            ),
            models.CheckConstraint(
                condition=Q(most_pct__lt=100) & Q(utama_short_max_pct__lte=100),
                name="settings_shares",
                violation_error_message=_(
                    "“Sebagian besar” harus di bawah 100 % dan batas IKI utama paling tinggi 100 %."
                ),
            ),
            models.CheckConstraint(
                condition=Q(capaian_cap__gte=100),
                name="settings_cap",
                violation_error_message=_("Batas capaian paling rendah 100 %."),
            ),
        ]

    def __str__(self) -> str:
        return f"Aturan penilaian {self.instansi}"


class Evaluation(models.Model):
    """The assessment of one SKP for one period (periodic or annual).

    The recommendation is stored with its inputs and the scoring version so that it can be
    reproduced; ``hasil_kerja`` and ``perilaku`` are the assessor's ratings and ``predikat`` is
    set only when the assessor confirms (the system never finalises a predikat on its own).
    ``unit_path`` repeats the SKP unit's path so that a unit's distribution is one range query.
    """

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    skp = models.ForeignKey(Skp, on_delete=models.PROTECT, related_name="evaluations")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="evaluations")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="evaluations")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=64, editable=False)
    state = models.CharField(
        _("status"), max_length=8, choices=EvaluationState.choices, default=EvaluationState.DRAFT
    )
    recommended = models.CharField(
        _("rekomendasi sistem"), max_length=1, choices=RatingValue.choices, blank=True
    )
    recommendation = models.JSONField(_("rincian rekomendasi"), default=dict, blank=True)
    scoring_version = models.CharField(max_length=20, blank=True)
    hasil_kerja = models.CharField(
        _("rating hasil kerja"), max_length=1, choices=RatingValue.choices, blank=True
    )
    override_reason = models.TextField(_("alasan berbeda dari rekomendasi"), blank=True)
    perilaku = models.CharField(
        _("rating perilaku kerja"), max_length=1, choices=RatingValue.choices, blank=True
    )
    perilaku_values = models.JSONField(_("rating per nilai BerAKHLAK"), default=dict, blank=True)
    notes = models.TextField(_("catatan penilai"), blank=True)
    self_hasil_kerja = models.CharField(
        _("penilaian diri: hasil kerja"), max_length=1, choices=RatingValue.choices, blank=True
    )
    self_perilaku = models.CharField(
        _("penilaian diri: perilaku"), max_length=1, choices=RatingValue.choices, blank=True
    )
    self_notes = models.TextField(_("catatan penilaian diri"), blank=True)
    self_assessed_at = models.DateTimeField(null=True, blank=True)
    predikat = models.CharField(
        _("predikat kinerja"), max_length=1, choices=PredikatValue.choices, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("evaluasi kinerja")
        verbose_name_plural = _("evaluasi kinerja")
        ordering = ["period", "employee"]
        constraints = [
            models.UniqueConstraint(
                fields=["skp", "period"],
                name="evaluation_unique",
                violation_error_message=_("SKP ini sudah dievaluasi untuk periode ini."),
            ),
            models.CheckConstraint(
                condition=Q(state=EvaluationState.DRAFT)
                | (~Q(hasil_kerja="") & ~Q(perilaku="") & ~Q(predikat="")),
                name="evaluation_final_complete",
                violation_error_message=_(
                    "Evaluasi yang ditetapkan harus memiliki rating hasil kerja, perilaku dan "
                    "predikat."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["period", "unit_path"], name="evaluation_period_unit"),
            models.Index(fields=["instansi", "period", "state"], name="evaluation_period_state"),
        ]

    def __str__(self) -> str:
        return f"Evaluasi {self.period} – {self.employee.name}"
