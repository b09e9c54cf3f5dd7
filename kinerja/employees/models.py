"""Employees (ASN) and their placement in positions over time."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.employees.querysets import AssignmentQuerySet, EmployeeQuerySet
from kinerja.employees.reference import (
    GOLONGAN_CHOICES,
    EducationLevel,
    EmployeeStatus,
    Gender,
    KedudukanHukum,
    pangkat_for,
)
from kinerja.org.models import Instansi, Position, Unit


class Employee(models.Model):
    """An ASN: PNS, CPNS (identified by NIP) or PPPK (identified by NI PPPK, kept in ``nip``).

    ``current_position`` and ``current_unit`` mirror the open definitive :class:`Assignment`;
    they are maintained by ``employees.services`` so that the directory filters without joins
    over history.
    """

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="employees")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employee",
    )
    nip = models.CharField(_("NIP / NI PPPK"), max_length=18, unique=True)
    name = models.CharField(_("nama"), max_length=150)
    gelar_depan = models.CharField(_("gelar depan"), max_length=40, blank=True)
    gelar_belakang = models.CharField(_("gelar belakang"), max_length=60, blank=True)
    status = models.CharField(_("status kepegawaian"), max_length=4, choices=EmployeeStatus.choices)
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("tanggal lahir"))
    birth_place = models.CharField(_("tempat lahir"), max_length=100, blank=True)
    golongan = models.CharField(_("golongan"), max_length=6, choices=GOLONGAN_CHOICES, blank=True)
    tmt_golongan = models.DateField(_("TMT golongan"), null=True, blank=True)
    tmt_cpns = models.DateField(_("TMT CPNS"), null=True, blank=True)
    tmt_pns = models.DateField(_("TMT PNS"), null=True, blank=True)
    kedudukan_hukum = models.CharField(
        _("kedudukan hukum"),
        max_length=24,
        choices=KedudukanHukum.choices,
        default=KedudukanHukum.AKTIF,
    )
    education_level = models.CharField(
        _("pendidikan terakhir"), max_length=6, choices=EducationLevel.choices, blank=True
    )
    education_major = models.CharField(_("jurusan"), max_length=150, blank=True)
    graduation_year = models.PositiveSmallIntegerField(_("tahun lulus"), null=True, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("nomor HP"), max_length=20, blank=True)
    current_position = models.ForeignKey(
        Position,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("jabatan"),
    )
    current_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    unit_path = models.CharField(max_length=64, blank=True, editable=False)
    position_path = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployeeQuerySet.as_manager()

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["name", "nip"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nip__regex=r"^[0-9]{18}$"),
                name="employee_nip_18_digits",
                violation_error_message=_("NIP/NI PPPK harus 18 digit angka."),
            ),
        ]
        indexes = [
            models.Index(fields=["instansi", "unit_path"], name="employee_unit_path_idx"),
            models.Index(fields=["instansi", "name"], name="employee_name_idx"),
            models.Index(fields=["instansi", "golongan"], name="employee_golongan_idx"),
            models.Index(fields=["instansi", "position_path"], name="employee_position_path_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        name = f"{self.gelar_depan} {self.name}".strip()
        return f"{name}, {self.gelar_belakang}" if self.gelar_belakang else name

    @property
    def pangkat(self) -> str:
        return pangkat_for(self.golongan)


class AssignmentKind(models.TextChoices):
    DEFINITIF = "definitif", _("Definitif")
    PLT = "plt", _("Pelaksana Tugas (Plt)")
    PLH = "plh", _("Pelaksana Harian (Plh)")


class Assignment(models.Model):
    """An employee holding a position over a period: definitive, or acting (Plt/Plh)."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="assignments")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="assignments")
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("jenis"), max_length=10, choices=AssignmentKind.choices)
    start_date = models.DateField(_("TMT mulai"))
    end_date = models.DateField(_("sampai"), null=True, blank=True)
    decree = models.CharField(_("nomor SK"), max_length=100, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("penugasan jabatan")
        verbose_name_plural = _("riwayat jabatan")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee"],
                condition=Q(kind="definitif", end_date__isnull=True),
                name="assignment_one_open_definitive",
                violation_error_message=_("Pegawai sudah memiliki jabatan definitif yang aktif."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="assignment_dates",
                violation_error_message=_("Tanggal akhir tidak boleh sebelum tanggal mulai."),
            ),
        ]
        indexes = [
            models.Index(fields=["position", "end_date"], name="assignment_position_idx"),
            models.Index(fields=["employee", "kind", "end_date"], name="assignment_employee_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.employee} – {self.position} ({self.get_kind_display()})"


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Diunggah")
    PREVIEWING = "previewing", _("Memeriksa")
    PREVIEWED = "previewed", _("Siap diterapkan")
    APPLYING = "applying", _("Menerapkan")
    APPLIED = "applied", _("Selesai")
    FAILED = "failed", _("Gagal")


class ImportJob(models.Model):
    """One employee import file: its preview (dry run) and, once confirmed, its application.

    The uploaded file is kept under MEDIA_ROOT (never under static) until the job is applied.
    """

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    file = models.FileField(upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("nama berkas"), max_length=255)
    file_sha256 = models.CharField(max_length=64, blank=True)
    skip_invalid = models.BooleanField(_("lewati baris tidak valid"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True)
    rejections = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("impor pegawai")
        verbose_name_plural = _("impor pegawai")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, int(self.processed_rows * 100 / self.total_rows))
