"""A second, small instansi: it exists to show that nothing crosses from one instansi to another."""

from __future__ import annotations

from kinerja.demo.orgspec import UnitSpec, administrator, family, fungsional, jpt, pelaksana
from kinerja.org.models import JabatanLevel as L
from kinerja.org.models import UnitType as U

INSTANSI_CODE = "kabupaten-contoh"
INSTANSI_NAME = "Pemerintah Kabupaten Contoh"
INSTANSI_SHORT = "Kabupaten Contoh"


def contoh_units() -> list[UnitSpec]:
    """One dinas with a sekretariat and one bidang: about twenty people."""
    sekretariat = UnitSpec(
        "sekretariat",
        "Sekretariat",
        U.BIDANG,
        administrator("Sekretaris Dinas Komunikasi dan Informatika", eselon="III.a", kelas=12),
        staff=(
            pelaksana("Pengadministrasi Perkantoran", 3),
            pelaksana("Penata Layanan Operasional", 2, profile="keuangan"),
            fungsional("Analis Sumber Daya Manusia Aparatur", L.AHLI_PERTAMA, 1, profile="sdm"),
        ),
    )
    aptika = UnitSpec(
        "bidang-aplikasi-informatika",
        "Bidang Aplikasi Informatika",
        U.BIDANG,
        administrator("Kepala Bidang Aplikasi Informatika"),
        staff=(
            *family("Pranata Komputer", "ti", ahli_pertama=3, ahli_muda=2),
            pelaksana("Penata Layanan Operasional", 3, profile="ti"),
        ),
    )
    dinas = UnitSpec(
        "diskominfo",
        "Dinas Komunikasi dan Informatika",
        U.DINAS,
        jpt("Kepala Dinas Komunikasi dan Informatika"),
        short_name="Diskominfo",
        staff=(pelaksana("Pengadministrasi Perkantoran", 2),),
        children=(sekretariat, aptika),
    )
    return [dinas]
