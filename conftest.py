"""Personas shared by every test: one small city with two OPDs and a second instansi.

Instansi "Kota A": Dinas Satu (Kepala → Kabid → Kasi → two pelaksana) and Dinas Dua.
Instansi "Kota B": one dinas with one employee.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from kinerja.accounts import services as account_services
from kinerja.accounts.models import Role
from kinerja.employees.models import Employee
from kinerja.employees.tests.factories import TEST_PASSWORD, make_employee
from kinerja.org.models import Instansi, JabatanType, Position, Unit, UnitType
from kinerja.org.tests.factories import InstansiFactory, make_position, make_unit


@dataclass
class City:
    instansi: Instansi
    other_instansi: Instansi
    dinas: Unit
    bidang: Unit
    seksi: Unit
    other_dinas: Unit
    foreign_dinas: Unit
    kadis_pos: Position
    kabid_pos: Position
    kasi_pos: Position
    staff_pos: Position
    other_staff_pos: Position
    kadis: Employee
    kabid: Employee
    kasi: Employee
    employee: Employee
    colleague: Employee
    outsider: Employee
    foreign: Employee
    unit_admin: Employee
    bkpsdm: Employee
    auditor: Employee
    superadmin: Any
    #: Verifies and routes complaints for Kota A (ULAS admin): a login without an employee record.
    verifier: Account | None = None


@dataclass(frozen=True)
class Account:
    """A login that is not an employee of the test city (so it changes no employee list)."""

    user: Any

    @property
    def nip(self) -> str:
        """What the login page takes: the username."""
        return str(self.user.username)


@pytest.fixture(autouse=True)
def _fast_tests(settings: Any) -> None:
    """Cheap password hashing and tasks that run at once, for every test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def city(db: Any) -> City:
    a = InstansiFactory(code="kota-a", name="Pemerintah Kota A")
    b = InstansiFactory(code="kota-b", name="Pemerintah Kota B")
    dinas = make_unit(a, "Dinas Satu", code="D1")
    bidang = make_unit(a, "Bidang Layanan", parent=dinas, type=UnitType.BIDANG, code="D1B1")
    seksi = make_unit(a, "Seksi Pengaduan", parent=bidang, type=UnitType.SEKSI, code="D1B1S1")
    other = make_unit(a, "Dinas Dua", code="D2")
    bkpsdm_unit = make_unit(a, "BKPSDM", type=UnitType.BADAN, code="BKPSDM")
    inspektorat = make_unit(a, "Inspektorat", type=UnitType.INSPEKTORAT, code="INSP")
    foreign_dinas = make_unit(b, "Dinas Kota B", code="B1")

    kadis_pos = make_position(
        dinas, "Kepala Dinas Satu", jabatan_type=JabatanType.JPT, eselon="II.b", kelas_jabatan=14
    )
    kabid_pos = make_position(
        bidang,
        "Kepala Bidang Layanan",
        parent=kadis_pos,
        jabatan_type=JabatanType.ADMINISTRATOR,
        eselon="III.b",
        kelas_jabatan=11,
    )
    kasi_pos = make_position(
        seksi,
        "Kepala Seksi Pengaduan",
        parent=kabid_pos,
        jabatan_type=JabatanType.PENGAWAS,
        eselon="IV.a",
        kelas_jabatan=9,
    )
    staff_pos = make_position(seksi, "Pengadministrasi Pengaduan", parent=kasi_pos, kelas_jabatan=6)
    other_head = make_position(
        other, "Kepala Dinas Dua", jabatan_type=JabatanType.JPT, eselon="II.b", kelas_jabatan=14
    )
    other_staff_pos = make_position(
        other, "Pengadministrasi Umum", parent=other_head, kelas_jabatan=6
    )
    bkpsdm_pos = make_position(
        bkpsdm_unit, "Analis SDM Aparatur", jabatan_type=JabatanType.FUNGSIONAL
    )
    insp_pos = make_position(
        inspektorat, "Auditor Ahli Pertama", jabatan_type=JabatanType.FUNGSIONAL
    )
    foreign_pos = make_position(foreign_dinas, "Pengadministrasi Umum", kelas_jabatan=6)

    def person(name: str, pos: Position, instansi: Instansi = a, **kw: Any) -> Employee:
        return make_employee(instansi, name, position=pos, with_user=True, **kw)

    kadis = person("Hartono", kadis_pos, gelar_depan="Dr.", gelar_belakang="M.Si.", golongan="IV/c")
    kabid = person("Sri Wahyuni", kabid_pos, gender="P", gelar_belakang="S.E.", golongan="IV/a")
    kasi = person("Agus Prasetyo", kasi_pos, golongan="III/d")
    employee = person("Dewi Lestari", staff_pos, gender="P", golongan="III/a")
    colleague = person("Joko Susilo", staff_pos, golongan="II/c")
    outsider = person("Rina Marlina", other_staff_pos, gender="P")
    foreign = person("Bambang Sutrisno", foreign_pos, instansi=b)
    unit_admin = person("Yuni Astuti", staff_pos, gender="P")
    bkpsdm = person("Slamet Riyadi", bkpsdm_pos)
    auditor = person("Endang Kusuma", insp_pos, gender="P")
    root = account_services.create_user(
        actor=None, username="root", password=TEST_PASSWORD, audit=False
    )
    root.is_superuser = True  # the bootstrap superadmin, as createsuperuser makes it
    root.save(update_fields=["is_superuser"])
    account_services.grant_role(actor=root, user=unit_admin.user, role=Role.ADMIN_OPD, unit=dinas)
    account_services.grant_role(actor=root, user=bkpsdm.user, role=Role.ADMIN_BKPSDM, instansi=a)
    account_services.grant_role(actor=root, user=auditor.user, role=Role.AUDITOR, instansi=a)
    verifier = account_services.create_user(
        actor=None,
        username="verifikator",
        password=TEST_PASSWORD,
        instansi=a,
        display_name="Wahyu Hidayat",
        audit=False,
    )
    account_services.grant_role(actor=root, user=verifier, role=Role.COMPLAINT_VERIFIER, instansi=a)
    built = City(
        a,
        b,
        dinas,
        bidang,
        seksi,
        other,
        foreign_dinas,
        kadis_pos,
        kabid_pos,
        kasi_pos,
        staff_pos,
        other_staff_pos,
        kadis,
        kabid,
        kasi,
        employee,
        colleague,
        outsider,
        foreign,
        unit_admin,
        bkpsdm,
        auditor,
        root,
    )
    built.verifier = Account(verifier)
    return built


PERSONAS = [
    "anonymous",
    "employee",
    "supervisor",
    "unit_admin",
    "bkpsdm",
    "auditor",
    "outsider",
    "foreign",
    "superadmin",
]


@pytest.fixture
def login(settings: Any, city: City) -> Any:
    """``login(persona)`` gives a logged-in test client (MFA enforcement off for page tests)."""
    settings.KINERJA_MFA_ENFORCED = False

    def _login(persona: str) -> Client:
        client = Client()
        user = {
            "anonymous": None,
            "employee": city.employee.user,
            "supervisor": city.kasi.user,
            "unit_admin": city.unit_admin.user,
            "bkpsdm": city.bkpsdm.user,
            "auditor": city.auditor.user,
            "outsider": city.outsider.user,
            "foreign": city.foreign.user,
            "superadmin": city.superadmin,
            "verifier": city.verifier.user if city.verifier else None,
        }[persona]
        if user is not None:
            client.force_login(user, backend="kinerja.accounts.backends.NipOrEmailBackend")
        return client

    return _login


__all__ = ["PERSONAS", "TEST_PASSWORD", "City"]
