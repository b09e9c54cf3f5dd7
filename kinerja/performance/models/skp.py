"""Sasaran Kinerja Pegawai: the plan, its RHK and IKI, lampiran and the leader's expectations
(issue 3 §2; DOMAIN.md §1.1–1.2)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kinerja.complaints.models import Indicator
from kinerja.employees.models import Employee
from kinerja.org.models import Instansi, Position, Unit
from kinerja.performance.models.periods import PerformanceYear
from kinerja.performance.querysets import SkpQuerySet


class SkpApproach(models.TextChoices):
    QUANTITATIVE = "kuantitatif", _("Kuantitatif")
    QUALITATIVE = "kualitatif", _("Kualitatif")


class SkpState(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    RETURNED = "returned", _("Dikembalikan")
    APPROVED = "approved", _("Disetujui")


#: States in which the employee may still change the plan.
EDITABLE_STATES = frozenset({SkpState.DRAFT, SkpState.RETURNED})


class RhkKind(models.TextChoices):
    UTAMA = "utama", _("Utama")
    TAMBAHAN = "tambahan", _("Tambahan")


class Aspek(models.TextChoices):
    KUANTITAS = "kuantitas", _("Kuantitas")
    KUALITAS = "kualitas", _("Kualitas")
    WAKTU = "waktu", _("Waktu")
    BIAYA = "biaya", _("Biaya")


class Perspektif(models.TextChoices):
    PENERIMA_LAYANAN = "penerima_layanan", _("Penerima Layanan")
    PROSES_BISNIS = "proses_bisnis", _("Proses Bisnis")
    PENGUATAN_INTERNAL = "penguatan_internal", _("Penguatan Internal")
    ANGGARAN = "anggaran", _("Anggaran")


class Berakhlak(models.TextChoices):
    """The seven core values of ASN (DOMAIN.md §1.2)."""

    BERORIENTASI_PELAYANAN = "pelayanan", _("Berorientasi Pelayanan")
    AKUNTABEL = "akuntabel", _("Akuntabel")
    KOMPETEN = "kompeten", _("Kompeten")
    HARMONIS = "harmonis", _("Harmonis")
    LOYAL = "loyal", _("Loyal")
    ADAPTIF = "adaptif", _("Adaptif")
    KOLABORATIF = "kolaboratif", _("Kolaboratif")


class Skp(models.Model):
    """One employee's plan for one position in one performance year.

    A change of position during the year starts a new SKP for the rest of the year; the
    previous one ends the day before. The assessor (pejabat penilai) and the assessor's superior
    are derived from the position tree when the SKP is started and kept, so that the plan, its
    approval and the PDF name the people who held those posts at the time.
    """

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    performance_year = models.ForeignKey(
        PerformanceYear, on_delete=models.PROTECT, related_name="skps"
    )
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="skps")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="skps")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    is_jpt = models.BooleanField(_("SKP JPT"), default=False)
    starts = models.DateField(_("mulai"))
    ends = models.DateField(_("selesai"))
    assessor_position = models.ForeignKey(
        Position, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assessor = models.ForeignKey(
        Employee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pejabat penilai kinerja"),
    )
    assessor_superior = models.ForeignKey(
        Employee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("atasan pejabat penilai"),
    )
    approach = models.CharField(
        _("pendekatan"),
        max_length=12,
        choices=SkpApproach.choices,
        default=SkpApproach.QUANTITATIVE,
    )
    state = models.CharField(
        _("status"), max_length=10, choices=SkpState.choices, default=SkpState.DRAFT
    )
    dukungan_sumber_daya = models.TextField(_("dukungan sumber daya"), blank=True)
    skema_pertanggungjawaban = models.TextField(_("skema pertanggungjawaban"), blank=True)
    konsekuensi = models.TextField(_("konsekuensi"), blank=True)
    return_comment = models.TextField(_("catatan pengembalian"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: Raised by every save through the services; a stale form is refused instead of overwriting.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SkpQuerySet.as_manager()

    class Meta:
        verbose_name = _("SKP")
        verbose_name_plural = _("SKP")
        ordering = ["-performance_year__year", "-starts"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "performance_year", "position"],
                name="skp_unique_per_position",
                violation_error_message=_(
                    "Pegawai ini sudah punya SKP untuk jabatan dan tahun ini."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ends__gte=F("starts")),
                name="skp_dates",
                violation_error_message=_("Tanggal selesai SKP tidak boleh sebelum tanggal mulai."),
            ),
        ]
        indexes = [
            models.Index(fields=["instansi", "performance_year", "state"], name="skp_year_state"),
            models.Index(fields=["position", "performance_year"], name="skp_position_year"),
            models.Index(fields=["assessor_position", "state"], name="skp_assessor_state"),
        ]

    def __str__(self) -> str:
        return f"SKP {self.performance_year.year} – {self.employee.name}"

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES


class Rhk(models.Model):
    """A Rencana Hasil Kerja. For a non-JPT SKP it names the leader's RHK it supports."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="rhks")
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("jenis"), max_length=10, choices=RhkKind.choices)
    text = models.TextField(_("rencana hasil kerja"))
    supports = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supporters",
        verbose_name=_("RHK pimpinan yang diintervensi"),
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("RHK")
        verbose_name_plural = _("RHK")
        ordering = ["skp", "kind", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""),
                name="rhk_text",
                violation_error_message=_("Rencana hasil kerja wajib diisi."),
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Iki(models.Model):
    """An Indikator Kinerja Individu: a numeric target with its unit, or a qualitative one.

    ``target`` is empty for a qualitative IKI, whose expectation is in ``text``. For a JPT SKP the
    IKI carries a perspektif; otherwise, in the quantitative approach, an aspek.
    """

    rhk = models.ForeignKey(Rhk, on_delete=models.CASCADE, related_name="ikis")
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("indikator"))
    aspek = models.CharField(_("aspek"), max_length=10, choices=Aspek.choices, blank=True)
    perspektif = models.CharField(
        _("perspektif"), max_length=20, choices=Perspektif.choices, blank=True
    )
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("satuan"), max_length=40, blank=True)
    lower_is_better = models.BooleanField(
        _("makin kecil makin baik"),
        default=False,
        help_text=_("Misalnya waktu respons: realisasi di bawah target berarti lebih baik."),
    )
    #: When set, the realisasi of each period is computed from the complaint records.
    indicator_source = models.CharField(
        _("sumber realisasi"),
        max_length=30,
        choices=Indicator.choices,
        blank=True,
        help_text=_("Kosong: realisasi diisi pegawai. Terisi: dihitung dari data aduan."),
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("IKI")
        verbose_name_plural = _("IKI")
        ordering = ["rhk", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""),
                name="iki_text",
                violation_error_message=_("Indikator wajib diisi."),
            ),
            models.CheckConstraint(
                condition=Q(target__isnull=True) | Q(target__gte=0),
                name="iki_target_non_negative",
                violation_error_message=_("Target tidak boleh negatif."),
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_quantitative(self) -> bool:
        return self.target is not None


class BehaviourExpectation(models.Model):
    """Ekspektasi khusus pimpinan for one BerAKHLAK value of one SKP."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="expectations")
    value = models.CharField(_("nilai BerAKHLAK"), max_length=12, choices=Berakhlak.choices)
    text = models.TextField(_("ekspektasi khusus pimpinan"))

    class Meta:
        verbose_name = _("ekspektasi khusus pimpinan")
        verbose_name_plural = _("ekspektasi khusus pimpinan")
        constraints = [
            models.UniqueConstraint(
                fields=["skp", "value"],
                name="expectation_unique",
                violation_error_message=_("Ekspektasi untuk nilai ini sudah ada."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_value_display()}: {self.text[:60]}"
