"""Decisions around the evaluations (issue 3 §4; DOMAIN.md §1.4–1.5): the organisational
predikat of a unit with its penetapan of the distribution, and the employee's keberatan.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.org.models import Instansi, Position, Unit
from kinerja.performance.models.evaluation import Evaluation
from kinerja.performance.models.periods import Period


class OrgPredikatValue(models.TextChoices):
    """Predikat kinerja organisasi (SE MenPANRB 3/2023); values match ``scoring.OrgPredikat``."""

    ISTIMEWA = "istimewa", _("Istimewa")
    BAIK = "baik", _("Baik")
    BUTUH_PERBAIKAN = "butuh_perbaikan", _("Butuh Perbaikan (Cukup)")
    KURANG = "kurang", _("Kurang")
    SANGAT_KURANG = "sangat_kurang", _("Sangat Kurang")


class PenetapanState(models.TextChoices):
    DRAFT = "draft", _("Draf")
    APPROVED = "approved", _("Ditetapkan")


class UnitAssessment(models.Model):
    """A unit's organisational predikat for a period and the penetapan of its distribution.

    The unit predikat is set by the leader above the unit or by BKPSDM; it selects the
    distribution rule the unit's employee predikat are checked against. Each broken clause needs
    a written reason (``exceptions``, clause key → reason) before the penetapan can be approved;
    at approval the counts, the rule and the scoring version are stored so that the document can
    be reproduced.
    """

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="assessments")
    unit_path = models.CharField(max_length=64, editable=False)
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="unit_assessments")
    org_predikat = models.CharField(
        _("predikat kinerja organisasi"), max_length=16, choices=OrgPredikatValue.choices
    )
    basis = models.TextField(_("dasar penetapan predikat organisasi"), blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    set_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(
        _("status"), max_length=10, choices=PenetapanState.choices, default=PenetapanState.DRAFT
    )
    exceptions = models.JSONField(_("alasan pengecualian"), default=dict, blank=True)
    counts = models.JSONField(_("jumlah per predikat saat ditetapkan"), default=dict, blank=True)
    rule = models.JSONField(_("aturan distribusi saat ditetapkan"), default=dict, blank=True)
    scoring_version = models.CharField(max_length=20, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("penetapan predikat unit")
        verbose_name_plural = _("penetapan predikat unit")
        ordering = ["period", "unit_path"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period"],
                name="unit_assessment_unique",
                violation_error_message=_("Unit ini sudah memiliki predikat untuk periode ini."),
            ),
        ]
        indexes = [
            models.Index(fields=["instansi", "period", "state"], name="unit_assessment_state"),
        ]

    def __str__(self) -> str:
        return f"Predikat {self.unit} – {self.period}"


class ObjectionState(models.TextChoices):
    FILED = "filed", _("Diajukan")
    GRANTED = "granted", _("Dikabulkan")
    REJECTED = "rejected", _("Ditolak")


class Objection(models.Model):
    """Keberatan: the employee's objection to a confirmed evaluation, decided by the assessor's
    superior. ``before`` and ``after`` keep the ratings and predikat on each side of the
    decision; after a period is locked this is the only way a predikat changes."""

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    evaluation = models.ForeignKey(Evaluation, on_delete=models.PROTECT, related_name="objections")
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(_("alasan keberatan"))
    deadline = models.DateField(_("batas pengajuan"))
    decider_position = models.ForeignKey(
        Position, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    state = models.CharField(
        _("status"), max_length=10, choices=ObjectionState.choices, default=ObjectionState.FILED
    )
    decision_reason = models.TextField(_("pertimbangan keputusan"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")
        ordering = ["-filed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation"],
                condition=Q(state="filed"),
                name="objection_one_open",
                violation_error_message=_("Masih ada keberatan yang belum diputus."),
            ),
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="objection_reason",
                violation_error_message=_("Alasan keberatan wajib diisi."),
            ),
        ]
        indexes = [models.Index(fields=["decider_position", "state"], name="objection_decider")]

    def __str__(self) -> str:
        return f"Keberatan {self.evaluation}"
