"""Service indicators computed from the complaint records (issue 4 §6).

One row per officer (``employee``) or per target unit (``unit``) and date range. The rows hold
counts and sums, never a figure that cannot be traced back: every value an SKP reads is derived
from them by :func:`kinerja.complaints.indicators.value_of`, and the complaints behind a row are
listed by the same filter that produced it.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.employees.models import Employee
from kinerja.org.models import Instansi, Unit


class Indicator(models.TextChoices):
    """The figures an IKI can take its realisasi from."""

    HANDLED = "aduan_ditangani", _("Jumlah aduan ditangani")
    RESPONSE_MEDIAN = "respons_median", _("Median waktu respons pertama (jam kerja)")
    RESPONSE_P90 = "respons_p90", _("Persentil ke-90 waktu respons pertama (jam kerja)")
    FOLLOWUP_ON_TIME = (
        "tindak_lanjut_tepat",
        _("Persentase aduan ditindaklanjuti sesuai standar waktu"),
    )
    REOPENED = "dibuka_kembali", _("Persentase aduan dibuka kembali")
    INACCURATE = "tidak_akurat", _("Persentase aduan tidak akurat")
    RATING = "nilai_warga", _("Rata-rata penilaian warga (1–5)")
    IKM = "ikm", _("Indeks Kepuasan Masyarakat unit (25–100)")


class ComplaintIndicator(models.Model):
    """Counts behind the indicators of one scope over ``starts``–``ends``.

    The scope is one officer (``employee``), one OPD (``unit``, a top-level unit, counting the
    complaints routed anywhere in it), one category, or, with none of them, the whole instansi.
    The public transparency page reads the OPD, category and instansi rows of each month and
    year; an SKP reads the officer rows.
    """

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    starts = models.DateField(_("mulai"))
    ends = models.DateField(_("selesai"))
    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    category = models.ForeignKey(
        "complaints.Category", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    handled = models.PositiveIntegerField(default=0)
    responded = models.PositiveIntegerField(default=0)
    response_median_minutes = models.PositiveIntegerField(null=True, blank=True)
    response_p90_minutes = models.PositiveIntegerField(null=True, blank=True)
    followup_owed = models.PositiveIntegerField(default=0)
    followup_on_time = models.PositiveIntegerField(default=0)
    reopened = models.PositiveIntegerField(default=0)
    inaccurate = models.PositiveIntegerField(default=0)
    rated = models.PositiveIntegerField(default=0)
    rating_sum = models.PositiveIntegerField(default=0)
    skm_respondents = models.PositiveIntegerField(default=0)
    ikm = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("indikator aduan")
        verbose_name_plural = _("indikator aduan")
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "starts", "ends", "employee"],
                condition=Q(employee__isnull=False),
                name="indicator_officer_unique",
            ),
            models.UniqueConstraint(
                fields=["instansi", "starts", "ends", "unit"],
                condition=Q(unit__isnull=False),
                name="indicator_unit_unique",
            ),
            models.UniqueConstraint(
                fields=["instansi", "starts", "ends", "category"],
                condition=Q(category__isnull=False),
                name="indicator_category_unique",
            ),
            models.UniqueConstraint(
                fields=["instansi", "starts", "ends"],
                condition=Q(employee__isnull=True, unit__isnull=True, category__isnull=True),
                name="indicator_instansi_unique",
            ),
            models.CheckConstraint(
                condition=Q(employee__isnull=True, unit__isnull=True)
                | Q(employee__isnull=True, category__isnull=True)
                | Q(unit__isnull=True, category__isnull=True),
                name="indicator_one_scope",
            ),
        ]
        indexes = [
            models.Index(fields=["instansi", "starts", "ends"], name="indicator_range"),
            # The public page reads only the OPD, category and instansi rows.
            models.Index(
                fields=["instansi", "starts", "ends"],
                condition=Q(employee__isnull=True),
                name="indicator_public_range",
            ),
        ]

    def __str__(self) -> str:
        scope = self.employee_id or self.unit_id or self.category_id or self.instansi_id
        return f"{scope} {self.starts}–{self.ends}"
