"""Health and education: Dinas Kesehatan with its puskesmas and RSUD, Dinas Pendidikan with schools.

These two dinas hold most of a city's ASN (teachers, nurses, midwives, doctors), so their size
drives the headcount of the demo.
"""

from __future__ import annotations

from kinerja.demo.orgspec import (
    Bidang,
    Job,
    UnitSpec,
    administrator,
    family,
    fungsional,
    leaf,
    opd,
    pelaksana,
    pengawas,
    slug,
)
from kinerja.demo.wilayah import KELURAHAN, LARGE_KELURAHAN
from kinerja.org.models import JabatanLevel as L
from kinerja.org.models import JabatanType as T
from kinerja.org.models import UnitType as U

#: The 17 puskesmas of Kota Surakarta.
PUSKESMAS = [
    "Pajang",
    "Penumping",
    "Purwosari",
    "Jayengan",
    "Kratonan",
    "Gajahan",
    "Sangkrah",
    "Purwodiningratan",
    "Ngoresan",
    "Sibela",
    "Pucangsawit",
    "Setabelan",
    "Gilingan",
    "Manahan",
    "Nusukan",
    "Banyuanyar",
    "Gambirsari",
]

PUSKESMAS_STAFF = (
    fungsional("Dokter", L.AHLI_PERTAMA, 1, profile="dokter"),
    fungsional("Dokter", L.AHLI_MUDA, 1, profile="dokter"),
    fungsional("Dokter Gigi", L.AHLI_PERTAMA, 1, profile="dokter_gigi"),
    *family("Perawat", "perawat", terampil=4, mahir=3, ahli_pertama=3, ahli_muda=1),
    *family("Bidan", "bidan", terampil=4, mahir=2, ahli_pertama=2),
    fungsional("Apoteker", L.AHLI_PERTAMA, 1, profile="apoteker"),
    fungsional("Asisten Apoteker", L.TERAMPIL, 1, profile="farmasi"),
    fungsional("Pranata Laboratorium Kesehatan", L.TERAMPIL, 1, profile="lab"),
    fungsional("Nutrisionis", L.TERAMPIL, 1, profile="gizi"),
    fungsional("Sanitarian", L.TERAMPIL, 1, profile="sanitarian"),
    fungsional("Penyuluh Kesehatan Masyarakat", L.AHLI_PERTAMA, 1, profile="kesmas"),
    fungsional("Perekam Medis", L.TERAMPIL, 1, profile="rekam_medis"),
    fungsional("Administrator Kesehatan", L.AHLI_PERTAMA, 1, profile="kesmas"),
    pelaksana("Pengadministrasi Perkantoran", 3),
    pelaksana("Operator Layanan Kesehatan", 2, profile="kesmas"),
    pelaksana("Teknisi Sarana dan Prasarana", 1, profile="teknisi"),
)


def _n(base: int, factor: float) -> int:
    return max(1, round(base * factor))


def rsud(name: str, factor: float) -> UnitSpec:
    """A city hospital; ``factor`` sizes its formasi relative to the larger one."""
    tu = (
        pelaksana("Pengadministrasi Perkantoran", _n(6, factor)),
        pelaksana("Penata Layanan Operasional", _n(4, factor), profile="keuangan"),
        pelaksana("Teknisi Sarana dan Prasarana", _n(3, factor), profile="teknisi"),
        fungsional("Pranata Komputer", L.AHLI_PERTAMA, _n(2, factor), profile="ti"),
        fungsional("Perekam Medis", L.TERAMPIL, _n(6, factor), profile="rekam_medis"),
    )
    medik = (
        fungsional("Dokter", L.AHLI_MADYA, _n(12, factor), profile="dokter_spesialis"),
        fungsional("Dokter", L.AHLI_MUDA, _n(6, factor), profile="dokter"),
        fungsional("Dokter", L.AHLI_PERTAMA, _n(8, factor), profile="dokter"),
        fungsional("Dokter Gigi", L.AHLI_MUDA, _n(2, factor), profile="dokter_gigi"),
    )
    perawat = family(
        "Perawat",
        "perawat",
        terampil=_n(35, factor),
        mahir=_n(25, factor),
        penyelia=_n(8, factor),
        ahli_pertama=_n(25, factor),
        ahli_muda=_n(12, factor),
    )
    bidan = family(
        "Bidan", "bidan", terampil=_n(8, factor), mahir=_n(5, factor), ahli_pertama=_n(3, factor)
    )
    penunjang = (
        *family("Apoteker", "apoteker", ahli_pertama=_n(4, factor), ahli_muda=_n(2, factor)),
        fungsional("Asisten Apoteker", L.TERAMPIL, _n(8, factor), profile="farmasi"),
        *family(
            "Pranata Laboratorium Kesehatan",
            "lab",
            terampil=_n(8, factor),
            ahli_pertama=_n(2, factor),
        ),
        fungsional("Radiografer", L.TERAMPIL, _n(5, factor), profile="radiografer"),
        fungsional("Fisioterapis", L.TERAMPIL, _n(4, factor), profile="fisioterapis"),
        fungsional("Nutrisionis", L.TERAMPIL, _n(4, factor), profile="gizi"),
        pelaksana("Operator Layanan Kesehatan", _n(10, factor), profile="kesmas"),
    )
    children = (
        leaf("Subbagian Tata Usaha", tu, type=U.SUBBAGIAN),
        UnitSpec(
            "seksi-pelayanan-medik",
            "Seksi Pelayanan Medik",
            U.SEKSI,
            pengawas("Kepala Seksi Pelayanan Medik", profile="dokter"),
            staff=medik,
        ),
        UnitSpec(
            "seksi-keperawatan",
            "Seksi Keperawatan",
            U.SEKSI,
            pengawas("Kepala Seksi Keperawatan", profile="perawat"),
            staff=perawat + bidan,
        ),
        UnitSpec(
            "seksi-penunjang-medik",
            "Seksi Penunjang Medik",
            U.SEKSI,
            pengawas("Kepala Seksi Penunjang Medik", profile="kesmas"),
            staff=penunjang,
        ),
    )
    head = administrator(f"Direktur {name}", eselon="III.a", kelas=12, profile="dokter")
    return UnitSpec(slug(name), name, U.RSUD, head, children=children)


def puskesmas(name: str) -> UnitSpec:
    unit = f"UPT Puskesmas {name}"
    return UnitSpec(
        slug(unit),
        unit,
        U.PUSKESMAS,
        pengawas(f"Kepala {unit}", profile="kesmas"),
        staff=PUSKESMAS_STAFF,
    )


def dinas_kesehatan() -> UnitSpec:
    return opd(
        "dkk",
        "Dinas Kesehatan",
        "DKK",
        U.DINAS,
        "Kepala Dinas Kesehatan",
        [
            Bidang(
                "Bidang Kesehatan Masyarakat",
                (
                    "Kesehatan Keluarga dan Gizi",
                    "Promosi dan Pemberdayaan Masyarakat",
                    "Kesehatan Lingkungan, Kesehatan Kerja dan Olahraga",
                ),
            ),
            Bidang(
                "Bidang Pencegahan dan Pengendalian Penyakit",
                (
                    "Surveilans dan Imunisasi",
                    "Pencegahan dan Pengendalian Penyakit Menular",
                    "Penyakit Tidak Menular dan Kesehatan Jiwa",
                ),
            ),
            Bidang(
                "Bidang Pelayanan Kesehatan",
                (
                    "Pelayanan Kesehatan Primer",
                    "Pelayanan Kesehatan Rujukan",
                    "Pelayanan Kesehatan Tradisional",
                ),
            ),
            Bidang(
                "Bidang Sumber Daya Kesehatan",
                ("Kefarmasian dan Alat Kesehatan", "Sumber Daya Manusia Kesehatan"),
            ),
        ],
        size=2,
        families=(
            family("Penyuluh Kesehatan Masyarakat", "kesmas", ahli_pertama=2, ahli_muda=1)
            + family("Nutrisionis", "gizi", terampil=1, ahli_pertama=1),
            family("Epidemiolog Kesehatan", "kesmas", ahli_pertama=2, ahli_muda=1)
            + family("Sanitarian", "sanitarian", ahli_pertama=1),
            family("Administrator Kesehatan", "kesmas", ahli_pertama=2, ahli_muda=1)
            + family("Dokter", "dokter", ahli_muda=1),
            family("Apoteker", "apoteker", ahli_pertama=1, ahli_muda=1),
        ),
        extra=(
            *(puskesmas(name) for name in PUSKESMAS),
            rsud("RSUD Ibu Fatmawati Soekarno", 1.2),
            rsud("RSUD Bung Karno", 0.6),
        ),
    )


SMP_SUBJECTS = [
    ("Bahasa Indonesia", 4),
    ("Matematika", 4),
    ("Ilmu Pengetahuan Alam", 4),
    ("Ilmu Pengetahuan Sosial", 3),
    ("Bahasa Inggris", 4),
    ("Pendidikan Pancasila", 2),
    ("Pendidikan Jasmani, Olahraga dan Kesehatan", 2),
    ("Seni Budaya", 2),
    ("Prakarya", 1),
    ("Bahasa Jawa", 2),
    ("Pendidikan Agama Islam", 2),
    ("Bimbingan dan Konseling", 2),
    ("Informatika", 1),
]
#: How a subject's teachers spread over the levels: most are Ahli Muda, then Pertama, then Madya.
_LEVEL_CYCLE = [L.AHLI_MUDA, L.AHLI_PERTAMA, L.AHLI_MADYA, L.AHLI_MUDA]
_SMP_COUNT = 27
_SD_PER_KELURAHAN = 2


def _subject_jobs(subject: str, n: int) -> list[Job]:
    counts: dict[str, int] = {}
    for i in range(n):
        level = _LEVEL_CYCLE[i % len(_LEVEL_CYCLE)]
        counts[level] = counts.get(level, 0) + 1
    profile = {
        "Pendidikan Agama Islam": "guru_pai",
        "Pendidikan Jasmani, Olahraga dan Kesehatan": "guru_pjok",
    }.get(subject, "guru_smp")
    return [
        fungsional(f"Guru {subject}", level, count, profile=profile, major=f"Pendidikan {subject}")
        for level, count in counts.items()
    ]


SD_STAFF = (
    fungsional("Guru Kelas", L.AHLI_PERTAMA, 4, profile="guru_sd"),
    fungsional("Guru Kelas", L.AHLI_MUDA, 3, profile="guru_sd"),
    fungsional("Guru Kelas", L.AHLI_MADYA, 1, profile="guru_sd"),
    fungsional("Guru Pendidikan Agama Islam", L.AHLI_MUDA, 1, profile="guru_pai"),
    fungsional(
        "Guru Pendidikan Jasmani, Olahraga dan Kesehatan", L.AHLI_PERTAMA, 1, profile="guru_pjok"
    ),
    pelaksana("Pengadministrasi Perkantoran", 1),
)
SMP_STAFF = (
    *(job for subject, n in SMP_SUBJECTS for job in _subject_jobs(subject, n)),
    pelaksana("Pengadministrasi Perkantoran", 2),
    pelaksana("Pengelola Layanan Operasional", 1),
    fungsional("Pustakawan", L.TERAMPIL, 1, profile="arsip"),
    fungsional("Pranata Laboratorium Pendidikan", L.TERAMPIL, 1, profile="teknisi"),
)


def _school(name: str, staff: tuple[Job, ...], profile: str, reports_to: str) -> UnitSpec:
    # A head teacher is a guru with an additional task, not a structural post: a fungsional
    # position that heads the unit.
    head = Job(f"Kepala {name}", T.FUNGSIONAL, L.AHLI_MADYA, 11, profile=profile)
    return UnitSpec(slug(name), name, U.SEKOLAH, head, staff=staff, reports_to=reports_to)


def schools() -> list[UnitSpec]:
    """SD negeri (two per kelurahan, three in the large ones) and SMP Negeri 1–27 Surakarta."""
    sd_bidang = "disdik/bidang-pembinaan-sekolah-dasar"
    smp_bidang = "disdik/bidang-pembinaan-sekolah-menengah-pertama"
    result = []
    for names in KELURAHAN.values():
        for kelurahan in names:
            count = _SD_PER_KELURAHAN + (1 if kelurahan in LARGE_KELURAHAN else 0)
            for n in range(1, count + 1):
                result.append(_school(f"SD Negeri {kelurahan} {n}", SD_STAFF, "guru_sd", sd_bidang))
    for n in range(1, _SMP_COUNT + 1):
        result.append(_school(f"SMP Negeri {n} Surakarta", SMP_STAFF, "guru_smp", smp_bidang))
    return result


def dinas_pendidikan() -> UnitSpec:
    return opd(
        "disdik",
        "Dinas Pendidikan",
        "Disdik",
        U.DINAS,
        "Kepala Dinas Pendidikan",
        [
            Bidang(
                "Bidang Pembinaan Pendidikan Anak Usia Dini dan Pendidikan Nonformal",
                ("Kelembagaan dan Sarana Prasarana PAUD", "Pendidikan Nonformal"),
            ),
            Bidang(
                "Bidang Pembinaan Sekolah Dasar",
                (
                    "Kurikulum dan Penilaian Sekolah Dasar",
                    "Peserta Didik dan Pembangunan Karakter Sekolah Dasar",
                    "Kelembagaan dan Sarana Prasarana Sekolah Dasar",
                ),
            ),
            Bidang(
                "Bidang Pembinaan Sekolah Menengah Pertama",
                (
                    "Kurikulum dan Penilaian Sekolah Menengah Pertama",
                    "Peserta Didik dan Pembangunan Karakter Sekolah Menengah Pertama",
                    "Kelembagaan dan Sarana Prasarana Sekolah Menengah Pertama",
                ),
            ),
            Bidang(
                "Bidang Guru dan Tenaga Kependidikan",
                (
                    "Guru dan Tenaga Kependidikan PAUD dan Sekolah Dasar",
                    "Guru dan Tenaga Kependidikan Sekolah Menengah Pertama",
                ),
            ),
        ],
        size=2,
        families=(
            family("Penilik", "pendidikan", ahli_pertama=2, ahli_muda=1),
            family("Pengawas Sekolah", "guru_sd", ahli_muda=3, ahli_madya=3),
            family("Pengawas Sekolah", "guru_smp", ahli_muda=2, ahli_madya=2),
            family("Analis Sumber Daya Manusia Aparatur", "sdm", ahli_pertama=2, ahli_muda=1),
        ),
        extra=tuple(schools()),
    )
