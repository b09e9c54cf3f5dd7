"""Survei Kepuasan Masyarakat (PermenPANRB 14/2017): nine elements answered 1–4 (issue 4 §5)."""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.complaints.models.complaint import Complaint
from kinerja.org.models import Instansi, Unit


class SurveySource(models.TextChoices):
    COMPLAINT = "aduan", _("Setelah aduan selesai")
    COUNTER = "loket", _("Loket layanan")


def _answer(label: Any) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )


class SkmResponse(models.Model):
    """One respondent's answers about one service unit. Anonymous: no name, no contact."""

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit layanan"), on_delete=models.PROTECT, related_name="+"
    )
    complaint = models.OneToOneField(
        Complaint, on_delete=models.SET_NULL, null=True, blank=True, related_name="survey"
    )
    source = models.CharField(_("sumber"), max_length=6, choices=SurveySource.choices)
    submitted_at = models.DateTimeField(_("diisi"))
    u1 = _answer(_("persyaratan"))
    u2 = _answer(_("sistem, mekanisme dan prosedur"))
    u3 = _answer(_("waktu penyelesaian"))
    u4 = _answer(_("biaya/tarif"))
    u5 = _answer(_("produk spesifikasi jenis pelayanan"))
    u6 = _answer(_("kompetensi pelaksana"))
    u7 = _answer(_("perilaku pelaksana"))
    u8 = _answer(_("penanganan pengaduan, saran dan masukan"))
    u9 = _answer(_("sarana dan prasarana"))
    comment = models.TextField(_("saran"), blank=True)

    class Meta:
        verbose_name = _("jawaban SKM")
        verbose_name_plural = _("jawaban SKM")
        indexes = [models.Index(fields=["unit", "submitted_at"], name="skm_unit_submitted")]
        constraints = [
            models.CheckConstraint(
                condition=Q(*(Q(**{f"u{i}__gte": 1, f"u{i}__lte": 4}) for i in range(1, 10))),
                name="skm_answers_range",
                violation_error_message=_("Setiap jawaban harus antara 1 dan 4."),
            )
        ]

    def __str__(self) -> str:
        return f"SKM {self.unit_id} {self.submitted_at:%d-%m-%Y}"
