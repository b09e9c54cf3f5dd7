"""The demo accounts: one per persona, with fixed identities so that their logins never change.

Persona people are placed in the organisation by the builder; their NIPs do not depend on the
random seed, so ``DEMO_LOGINS`` is a constant that the login page can show in demo mode.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from kinerja.accounts.models import Role
from kinerja.demo import contoh, surakarta
from kinerja.employees.nip import make_nip

#: The one password of every demo account. Demo mode only: never on a real installation.
DEMO_PASSWORD = "Demo-Kinerja-2026"  # noqa: S105 - a published demo password, by design
#: A reserved domain (RFC 2606), so that no demo mail can reach a real mailbox.
DEMO_EMAIL_DOMAIN = "demo.kinerja.example"
SUPERADMIN_USERNAME = "superadmin"


@dataclass(frozen=True)
class Persona:
    """A demo person with a login, placed in ``job`` of the unit at key path ``unit``.

    An empty ``job`` means the head of that unit. ``role`` is granted on the instansi, or with
    ``role_on_unit`` on that unit (Admin OPD).
    """

    key: str
    label: str
    email_local: str
    instansi_code: str
    unit: str
    job: str
    name: str
    gelar_belakang: str
    gender: str
    birth_date: date
    tmt_cpns: date
    serial: int
    golongan: str
    education_level: str
    education_major: str
    birth_place: str
    since: date
    role: str = ""
    role_on_unit: str = ""

    @property
    def nip(self) -> str:
        return make_nip(
            self.birth_date, self.tmt_cpns.year, self.tmt_cpns.month, self.gender, self.serial
        )

    @property
    def email(self) -> str:
        return f"{self.email_local}@{DEMO_EMAIL_DOMAIN}"

    @property
    def full_name(self) -> str:
        return f"{self.name}, {self.gelar_belakang}" if self.gelar_belakang else self.name


_ADUAN = (
    "diskominfosp/bidang-informasi-dan-komunikasi-publik"
    "/seksi-pengelolaan-aduan-dan-komunikasi-publik"
)

PERSONAS: list[Persona] = [
    Persona(
        "pegawai",
        "Pegawai",
        "pegawai",
        surakarta.INSTANSI_CODE,
        _ADUAN,
        "Penata Layanan Operasional",
        "Rina Kusumawati",
        "S.I.Kom.",
        "P",
        date(1994, 3, 12),
        date(2019, 3, 1),
        3,
        "III/b",
        "S-1",
        "Ilmu Komunikasi",
        "Surakarta",
        date(2022, 7, 1),
    ),
    Persona(
        "atasan",
        "Atasan (Kepala Seksi)",
        "atasan",
        surakarta.INSTANSI_CODE,
        _ADUAN,
        "",
        "Bambang Wicaksono",
        "S.Kom., M.T.",
        "L",
        date(1981, 9, 21),
        date(2006, 1, 1),
        4,
        "III/d",
        "S-2",
        "Magister Teknik Informatika",
        "Karanganyar",
        date(2021, 1, 4),
    ),
    Persona(
        "admin_opd",
        "Admin OPD (Diskominfo SP)",
        "admin.opd",
        surakarta.INSTANSI_CODE,
        "diskominfosp/sekretariat/subbagian-umum-dan-kepegawaian",
        "Pengadministrasi Perkantoran",
        "Dyah Ayu Pratiwi",
        "A.Md.",
        "P",
        date(1990, 7, 5),
        date(2015, 3, 1),
        6,
        "II/d",
        "D-III",
        "Administrasi Perkantoran",
        "Sukoharjo",
        date(2020, 2, 3),
        role=Role.ADMIN_OPD,
        role_on_unit="diskominfosp",
    ),
    Persona(
        "admin_bkpsdm",
        "Admin BKPSDM",
        "admin.bkpsdm",
        surakarta.INSTANSI_CODE,
        "bkpsdm/bidang-penilaian-kinerja-aparatur-dan-penghargaan",
        "Analis Sumber Daya Manusia Aparatur Ahli Muda",
        "Sri Handayani",
        "S.Psi., M.M.",
        "P",
        date(1983, 11, 20),
        date(2009, 1, 1),
        2,
        "III/d",
        "S-2",
        "Magister Manajemen",
        "Sukoharjo",
        date(2021, 12, 31),
        role=Role.ADMIN_BKPSDM,
    ),
    Persona(
        "auditor",
        "Auditor (Inspektorat)",
        "auditor",
        surakarta.INSTANSI_CODE,
        "inspektorat/irban-ii",
        "Auditor Ahli Muda",
        "Agus Setiawan",
        "S.E., Ak.",
        "L",
        date(1979, 6, 9),
        date(2005, 12, 1),
        1,
        "III/d",
        "S-1",
        "Akuntansi",
        "Klaten",
        date(2019, 4, 1),
        role=Role.AUDITOR,
    ),
    Persona(
        "pegawai_lain",
        "Pegawai instansi lain (Kabupaten Contoh)",
        "pegawai.lain",
        contoh.INSTANSI_CODE,
        "diskominfo/bidang-aplikasi-informatika",
        "Penata Layanan Operasional",
        "Hendra Gunawan",
        "S.T.",
        "L",
        date(1991, 2, 14),
        date(2018, 4, 1),
        5,
        "III/a",
        "S-1",
        "Teknik Informatika",
        "Boyolali",
        date(2021, 6, 1),
    ),
    Persona(
        "verifikator",
        "Verifikator aduan (ULAS, Diskominfo SP)",
        "verifikator",
        surakarta.INSTANSI_CODE,
        _ADUAN,
        "Penata Layanan Operasional",
        "Yusuf Arifin",
        "S.Sos.",
        "L",
        date(1988, 5, 17),
        date(2013, 3, 1),
        7,
        "III/c",
        "S-1",
        "Ilmu Administrasi Negara",
        "Surakarta",
        date(2023, 1, 2),
        role=Role.COMPLAINT_VERIFIER,
    ),
]


class DemoLogin(NamedTuple):
    """One row of the demo login table: who, e-mail, username (NIP) and password."""

    label: str
    email: str
    username: str
    password: str


DEMO_LOGINS: list[DemoLogin] = [
    *(DemoLogin(p.label, p.email, p.nip, DEMO_PASSWORD) for p in PERSONAS),
    DemoLogin("Superadmin", f"superadmin@{DEMO_EMAIL_DOMAIN}", SUPERADMIN_USERNAME, DEMO_PASSWORD),
]
