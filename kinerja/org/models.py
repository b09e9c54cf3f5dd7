"""Organisation: instansi, the unit tree and the position (jabatan) tree."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.org import paths
from kinerja.org.querysets import PositionQuerySet, UnitQuerySet


class Instansi(models.Model):
    """A government agency: the root of isolation. Nothing crosses from one instansi to another."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("nama singkat"), max_length=60, blank=True)
    siasn_id = models.CharField(_("ID instansi SIASN"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UnitType(models.TextChoices):
    SEKRETARIAT = "sekretariat", _("Sekretariat")
    BADAN = "badan", _("Badan")
    DINAS = "dinas", _("Dinas")
    INSPEKTORAT = "inspektorat", _("Inspektorat")
    SATPOL = "satpol", _("Satuan Polisi Pamong Praja")
    KECAMATAN = "kecamatan", _("Kecamatan")
    KELURAHAN = "kelurahan", _("Kelurahan")
    BAGIAN = "bagian", _("Bagian")
    BIDANG = "bidang", _("Bidang")
    SUBBIDANG = "subbidang", _("Subbidang")
    SEKSI = "seksi", _("Seksi")
    SUBBAGIAN = "subbagian", _("Subbagian")
    UPT = "upt", _("UPT")
    PUSKESMAS = "puskesmas", _("Puskesmas")
    RSUD = "rsud", _("Rumah Sakit Daerah")
    SEKOLAH = "sekolah", _("Sekolah")


class Unit(models.Model):
    """A unit of organisation (unit organisasi, *unor*).

    ``path`` is a materialised path of fixed-width digit segments, so that a subtree is one
    index range scan on SQLite and PostgreSQL alike (see ``UnitQuerySet.subtree``).
    """

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="units")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("nama singkat"), max_length=80, blank=True)
    code = models.CharField(_("kode"), max_length=64, help_text=_("ID unor SIASN atau kode lokal"))
    type = models.CharField(_("jenis"), max_length=20, choices=UnitType.choices)
    path = models.CharField(max_length=64, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    active_from = models.DateField(_("aktif sejak"), null=True, blank=True)
    active_until = models.DateField(_("aktif sampai"), null=True, blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit organisasi")
        verbose_name_plural = _("unit organisasi")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "code"],
                name="unit_code_unique",
                violation_error_message=_("Kode unit sudah dipakai di instansi ini."),
            ),
            models.UniqueConstraint(fields=["instansi", "path"], name="unit_path_unique"),
            models.CheckConstraint(
                condition=Q(active_until__isnull=True)
                | Q(active_from__isnull=True)
                | Q(active_until__gte=models.F("active_from")),
                name="unit_active_dates",
                violation_error_message=_("Tanggal akhir tidak boleh sebelum tanggal mulai."),
            ),
        ]
        indexes = [models.Index(fields=["path"], name="unit_path_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_opd(self) -> bool:
        """A perangkat daerah: a unit at the top of its instansi."""
        return self.depth == 0

    def ancestor_paths(self) -> list[str]:
        return paths.ancestor_paths(self.path)


class JabatanType(models.TextChoices):
    JPT = "jpt", _("Jabatan Pimpinan Tinggi")
    ADMINISTRATOR = "administrator", _("Administrator")
    PENGAWAS = "pengawas", _("Pengawas")
    PELAKSANA = "pelaksana", _("Pelaksana")
    FUNGSIONAL = "fungsional", _("Fungsional")


#: Jabatan types that lead a unit and hold exactly one person.
STRUCTURAL_TYPES = {JabatanType.JPT, JabatanType.ADMINISTRATOR, JabatanType.PENGAWAS}


class JabatanLevel(models.TextChoices):
    JPT_UTAMA = "jpt_utama", _("JPT Utama")
    JPT_MADYA = "jpt_madya", _("JPT Madya")
    JPT_PRATAMA = "jpt_pratama", _("JPT Pratama")
    ADMINISTRATOR = "administrator", _("Administrator")
    PENGAWAS = "pengawas", _("Pengawas")
    KLEREK = "klerek", _("Pelaksana – Klerek")
    OPERATOR = "operator", _("Pelaksana – Operator")
    TEKNISI = "teknisi", _("Pelaksana – Teknisi")
    AHLI_PERTAMA = "ahli_pertama", _("Ahli Pertama")
    AHLI_MUDA = "ahli_muda", _("Ahli Muda")
    AHLI_MADYA = "ahli_madya", _("Ahli Madya")
    AHLI_UTAMA = "ahli_utama", _("Ahli Utama")
    PEMULA = "pemula", _("Pemula")
    TERAMPIL = "terampil", _("Terampil")
    MAHIR = "mahir", _("Mahir")
    PENYELIA = "penyelia", _("Penyelia")


LEVELS_BY_TYPE: dict[str, set[str]] = {
    JabatanType.JPT: {JabatanLevel.JPT_UTAMA, JabatanLevel.JPT_MADYA, JabatanLevel.JPT_PRATAMA},
    JabatanType.ADMINISTRATOR: {JabatanLevel.ADMINISTRATOR},
    JabatanType.PENGAWAS: {JabatanLevel.PENGAWAS},
    JabatanType.PELAKSANA: {JabatanLevel.KLEREK, JabatanLevel.OPERATOR, JabatanLevel.TEKNISI},
    JabatanType.FUNGSIONAL: {
        JabatanLevel.AHLI_PERTAMA,
        JabatanLevel.AHLI_MUDA,
        JabatanLevel.AHLI_MADYA,
        JabatanLevel.AHLI_UTAMA,
        JabatanLevel.PEMULA,
        JabatanLevel.TERAMPIL,
        JabatanLevel.MAHIR,
        JabatanLevel.PENYELIA,
    },
}


class Eselon(models.TextChoices):
    II_A = "II.a", "II.a"
    II_B = "II.b", "II.b"
    III_A = "III.a", "III.a"
    III_B = "III.b", "III.b"
    IV_A = "IV.a", "IV.a"
    IV_B = "IV.b", "IV.b"


class Position(models.Model):
    """A jabatan in a unit. ``parent`` is the position it reports to (the reporting line).

    Structural positions have capacity 1; pelaksana and fungsional positions may have several
    holders (their formasi). ``path`` works like ``Unit.path`` over the reporting tree.
    """

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="positions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="positions")
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("atasan langsung (jabatan)"),
    )
    name = models.CharField(_("nama jabatan"), max_length=200)
    jabatan_type = models.CharField(_("jenis jabatan"), max_length=20, choices=JabatanType.choices)
    level = models.CharField(_("jenjang"), max_length=20, choices=JabatanLevel.choices)
    eselon = models.CharField(_("eselon"), max_length=6, choices=Eselon.choices, blank=True)
    kelas_jabatan = models.PositiveSmallIntegerField(_("kelas jabatan"), default=1)
    capacity = models.PositiveSmallIntegerField(_("kebutuhan (formasi)"), default=1)
    is_unit_head = models.BooleanField(_("kepala unit"), default=False)
    path = models.CharField(max_length=64, editable=False)
    active_from = models.DateField(_("aktif sejak"), null=True, blank=True)
    active_until = models.DateField(_("aktif sampai"), null=True, blank=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "path"], name="position_path_unique"),
            models.CheckConstraint(
                condition=Q(kelas_jabatan__gte=1, kelas_jabatan__lte=17),
                name="position_kelas_range",
                violation_error_message=_("Kelas jabatan harus antara 1 dan 17."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="position_capacity_positive",
                violation_error_message=_("Kebutuhan jabatan minimal 1."),
            ),
        ]
        indexes = [
            models.Index(fields=["path"], name="position_path_idx"),
            models.Index(fields=["unit", "is_unit_head"], name="position_unit_head_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_structural(self) -> bool:
        return self.jabatan_type in STRUCTURAL_TYPES
