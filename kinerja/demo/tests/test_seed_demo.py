"""The demo data: deterministic, idempotent, valid, and shaped like Kota Surakarta."""

from __future__ import annotations

import hashlib
import io
import random
from collections import Counter
from collections.abc import Iterable
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import F

from kinerja.accounts.models import Role, RoleGrant, User
from kinerja.core.models import AuditEvent
from kinerja.demo import builder, contoh, surakarta
from kinerja.demo.people import REFERENCE_DATE, NipRegistry, generate_people
from kinerja.demo.personas import DEMO_LOGINS, PERSONAS
from kinerja.demo.plan import plan_scaled
from kinerja.demo.wilayah import KELURAHAN
from kinerja.employees import nip as nip_rules
from kinerja.employees.models import Assignment, AssignmentKind, Employee
from kinerja.employees.reference import EmployeeStatus
from kinerja.employees.selectors import broken_chains, superiors_of
from kinerja.employees.services import employee_problems, sync_placement
from kinerja.org import paths
from kinerja.org.models import Instansi, Position, Unit, UnitType
from kinerja.performance.models import (
    Evaluation,
    Objection,
    Realisasi,
    Rhk,
    Skp,
    UnitAssessment,
)

SMALL = "0.05"


@pytest.fixture
def demo_settings(settings: Any) -> Any:
    settings.DEMO_MODE = True
    # one fast hash instead of the production work factor: these tests log in many times
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings


@pytest.fixture
def seeded(db: Any, demo_settings: Any) -> str:
    out = io.StringIO()
    call_command("seed_demo", "--scale", SMALL, stdout=out)
    return out.getvalue()


def _city_plan(scale: float) -> Any:
    return plan_scaled(
        surakarta.INSTANSI_CODE, surakarta.city_units(), root_ref=surakarta.ROOT_REF, scale=scale
    )


def _digest() -> str:
    """A hash over the natural content of the demo (no ids, no timestamps)."""
    skip = {
        "id",
        "created_at",
        "updated_at",
        "user",
        "instansi",
        "current_position",
        "current_unit",
    }
    employee_fields = [f.name for f in Employee._meta.fields if f.name not in skip]
    tables: list[Iterable[tuple[Any, ...]]] = [
        Unit.objects.order_by("instansi__code", "path").values_list(
            "instansi__code", "path", "code", "name", "type", "depth"
        ),
        Position.objects.order_by("instansi__code", "path").values_list(
            "instansi__code", "path", "unit__path", "name", "level", "kelas_jabatan", "capacity"
        ),
        Employee.objects.order_by("nip").values_list(*employee_fields),
        Assignment.objects.order_by("employee__nip", "start_date", "kind").values_list(
            "employee__nip", "position__path", "kind", "start_date", "end_date", "decree"
        ),
        Skp.objects.order_by("employee__nip", "performance_year__year").values_list(
            "employee__nip", "performance_year__year", "state", "assessor__nip"
        ),
        Rhk.objects.order_by(
            "skp__employee__nip", "skp__performance_year__year", "order"
        ).values_list(
            "skp__employee__nip", "text", "supports__skp__employee__nip", "supports__order"
        ),
        Realisasi.objects.order_by(
            "skp__employee__nip", "period__starts", "iki__rhk__order", "iki__order"
        ).values_list("skp__employee__nip", "period__starts", "iki__text", "value", "note"),
        Evaluation.objects.order_by("employee__nip", "period__starts", "period__kind").values_list(
            "employee__nip",
            "period__starts",
            "period__kind",
            "state",
            "recommended",
            "hasil_kerja",
            "override_reason",
            "perilaku",
            "perilaku_values",
            "predikat",
        ),
        UnitAssessment.objects.order_by(
            "instansi__code", "unit__path", "period__starts", "period__kind"
        ).values_list(
            "instansi__code",
            "unit__path",
            "period__starts",
            "period__kind",
            "org_predikat",
            "counts",
            "exceptions",
        ),
        Objection.objects.order_by("evaluation__employee__nip").values_list(
            "evaluation__employee__nip",
            "evaluation__period__starts",
            "state",
            "reason",
            "before",
            "after",
        ),
    ]
    h = hashlib.sha256()
    for rows in tables:
        for row in rows:
            h.update(repr(row).encode())
    return h.hexdigest()


def _placement(employee: Employee) -> tuple[Any, ...]:
    return (
        employee.current_position_id,
        employee.current_unit_id,
        employee.unit_path,
        employee.position_path,
    )


def _boss_name(employee: Employee) -> str:
    """The name of the position above the employee's own."""
    position = employee.current_position
    assert position is not None and position.parent is not None
    return position.parent.name


def _atasan(employee: Employee) -> Employee:
    holder = superiors_of(employee).atasan
    assert holder is not None
    return holder.employee


# --- the plan, without the database ---------------------------------------------------------


def test_population_formula_matches_the_issue() -> None:
    assert 6_000 <= _city_plan(1.0).population <= 7_000
    assert 95_000 <= _city_plan(15.0).population <= 105_000


def test_city_has_about_forty_opd_and_the_real_kelurahan() -> None:
    plan = _city_plan(1.0)
    opds = [u for u in plan.units if u.depth == 0]
    assert 30 <= len(opds) <= 45
    assert opds[0].spec.name == "Sekretariat Daerah"
    assert {k: len(v) for k, v in KELURAHAN.items()} == {
        "Laweyan": 11, "Serengan": 7, "Pasar Kliwon": 10, "Jebres": 11, "Banjarsari": 15,
    }  # fmt: skip
    assert sum(1 for u in plan.units if u.spec.type == UnitType.PUSKESMAS) == 17


def test_people_are_the_same_for_the_same_seed() -> None:
    def nips(seed: int) -> list[str]:
        plan = _city_plan(0.2)
        people = generate_people(
            plan, random.Random(seed), NipRegistry(), mail_domain="x.example", personas=PERSONAS[:1]
        )
        return [p.fields["nip"] for p in people]

    first = nips(7)
    assert first == nips(7)
    assert first != nips(8)
    assert len(set(first)) == len(first)


def test_nip_registry_never_repeats_a_nip() -> None:
    registry = NipRegistry({"198001012005011001"})
    issued = [registry.issue("198001012005011") for _ in range(5)]
    assert "198001012005011001" not in issued
    assert len(set(issued)) == 5


# --- the command ----------------------------------------------------------------------------


def test_refuses_a_live_database_outside_demo_mode(db: Any, settings: Any) -> None:
    settings.DEMO_MODE = False
    settings.DEBUG = False
    User.objects.create_user(username="199001012015031001", password="x")
    with pytest.raises(CommandError):
        call_command("seed_demo", "--scale", SMALL, stdout=io.StringIO())
    assert not Instansi.objects.exists()


def test_an_empty_database_may_be_seeded_for_a_benchmark(db: Any, settings: Any) -> None:
    settings.DEMO_MODE = False
    settings.DEBUG = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", scale=0.02, verbosity=0, stdout=io.StringIO())
    assert Instansi.objects.filter(code=surakarta.INSTANSI_CODE).exists()


def test_plans_without_evaluations_on_request(db: Any, demo_settings: Any) -> None:
    out = io.StringIO()
    call_command("seed_demo", "--scale", "0.02", "--no-evaluations", stdout=out)
    assert Skp.objects.exists()
    assert not Evaluation.objects.exists() and not Realisasi.objects.exists()
    assert not UnitAssessment.objects.exists() and not Objection.objects.exists()


def test_refuses_when_a_demo_login_is_taken(db: Any, demo_settings: Any) -> None:
    User.objects.create_user(username="superadmin", password="x")
    with pytest.raises(CommandError, match="bentrok"):
        call_command("seed_demo", "--scale", SMALL, stdout=io.StringIO())
    assert not Instansi.objects.exists()


def test_second_run_changes_nothing(seeded: str) -> None:
    assert "Akun demo" in seeded
    before = (Employee.objects.count(), Assignment.objects.count(), AuditEvent.objects.count())
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "sudah dimuat" in out.getvalue()
    after = (Employee.objects.count(), Assignment.objects.count(), AuditEvent.objects.count())
    assert after == before
    assert AuditEvent.objects.filter(action="demo.seed").count() == 1


def test_same_seed_gives_identical_data(db: Any, demo_settings: Any) -> None:
    digests = []
    for _ in range(2):
        with transaction.atomic():
            builder.seed_demo(seed=11, scale=0.05)
            digests.append(_digest())
            transaction.set_rollback(True)
    assert digests[0] == digests[1]
    assert not Instansi.objects.exists()


def test_kecamatan_and_kelurahan(seeded: str) -> None:
    city = Instansi.objects.get(code=surakarta.INSTANSI_CODE)
    assert city.siasn_id == surakarta.SIASN_ID
    kecamatan = Unit.objects.filter(instansi=city, type=UnitType.KECAMATAN)
    counts = {
        k.name.removeprefix("Kecamatan "): k.children.filter(type=UnitType.KELURAHAN).count()
        for k in kecamatan
    }
    assert counts == {name: len(names) for name, names in KELURAHAN.items()}
    assert sum(counts.values()) == 54


def test_paths_heads_and_codes_follow_the_org_rules(seeded: str) -> None:
    units = {u.pk: u for u in Unit.objects.all()}
    for unit in units.values():
        parent = units.get(unit.parent_id) if unit.parent_id else None
        assert unit.path[:-4] == (parent.path if parent else "")
        assert unit.depth == len(unit.path) // paths.SEGMENT - 1
        assert len(unit.code) == 32
    heads = Counter(Position.objects.filter(is_unit_head=True).values_list("unit_id", flat=True))
    assert set(heads) == set(units) and set(heads.values()) == {1}
    for position in Position.objects.select_related("parent"):
        expected_prefix = position.parent.path if position.parent else ""
        assert position.path[:-4] == expected_prefix
        if position.is_structural:
            assert position.capacity == 1
    sekda = Position.objects.get(parent__isnull=True, instansi__code=surakarta.INSTANSI_CODE)
    assert sekda.name == "Sekretaris Daerah" and sekda.eselon == "II.a"


def test_every_nip_is_valid_and_agrees_with_the_record(seeded: str) -> None:
    employees = list(Employee.objects.all())
    assert len({e.nip for e in employees}) == len(employees)
    for employee in employees:
        assert employee_problems(employee) == {}, employee.nip
        if employee.status == EmployeeStatus.PPPK:
            assert employee.tmt_cpns is None
            continue
        parts = nip_rules.parse_nip(employee.nip)
        tmt = employee.tmt_cpns
        assert tmt is not None
        assert (parts.tmt_year, parts.tmt_month) == (tmt.year, tmt.month)
        born = employee.birth_date
        assert (tmt.year - 18, tmt.month, tmt.day) >= (born.year, born.month, born.day)


def test_placements_match_sync_placement(seeded: str) -> None:
    today_open = Assignment.objects.filter(kind=AssignmentKind.DEFINITIF, end_date__isnull=True)
    assert today_open.count() == Employee.objects.count()
    assert not Assignment.objects.filter(start_date__gt=REFERENCE_DATE).exists()
    for employee in Employee.objects.order_by("nip")[:: max(1, Employee.objects.count() // 60)]:
        before = _placement(employee)
        sync_placement(employee)
        assert _placement(employee) == before
    assert Assignment.objects.filter(end_date__isnull=False).exists()  # some history


def test_plt_and_broken_chain(seeded: str) -> None:
    city = Instansi.objects.get(code=surakarta.INSTANSI_CODE)
    plt = Assignment.objects.select_related("position", "employee__current_position").get(
        kind=AssignmentKind.PLT, position__name="Kepala Dinas Perhubungan"
    )
    assert plt.end_date is None
    assert plt.employee.current_position is not None
    assert plt.employee.current_position.name == "Sekretaris Dinas Perhubungan"
    assert not Assignment.objects.filter(
        position=plt.position, kind=AssignmentKind.DEFINITIF
    ).exists()
    # the kepala bidang report to the vacant post: their atasan is the acting sekretaris
    kabid = Employee.objects.filter(current_position__parent=plt.position).exclude(
        pk=plt.employee.pk
    )
    assert kabid.exists()
    for employee in kabid.with_placement():
        assert _atasan(employee) == plt.employee
    broken = broken_chains(city.pk)
    assert broken
    # a vacant kepala bidang leaves its kepala seksi without atasan at any scale
    parents = {_boss_name(e) for e in broken}
    assert "Kepala Bidang Penaatan dan Peningkatan Kapasitas Lingkungan Hidup" in parents


def test_personas_log_in_by_nip_and_email(seeded: str) -> None:
    for login in DEMO_LOGINS:
        by_name = authenticate(username=login.username, password=login.password)
        by_mail = authenticate(username=login.email, password=login.password)
        assert by_name is not None and by_name == by_mail, login.label
    root = User.objects.get(username="superadmin")
    assert root.is_superuser and root.is_staff and root.instansi_id is None
    assert RoleGrant.objects.filter(user=root, role=Role.SUPERADMIN, instansi__isnull=True).exists()


def test_personas_sit_where_the_story_needs_them(seeded: str) -> None:
    people = {p.key: Employee.objects.with_placement().get(nip=p.nip) for p in PERSONAS}
    assert all(e.user_id for e in people.values())
    pegawai, atasan = people["pegawai"], people["atasan"]
    assert pegawai.current_position is not None and pegawai.current_unit is not None
    assert pegawai.current_position.parent_id == atasan.current_position_id
    assert _atasan(pegawai) == atasan
    assert pegawai.current_unit.name == "Seksi Pengelolaan Aduan dan Komunikasi Publik"
    grant = RoleGrant.objects.select_related("unit").get(user=people["admin_opd"].user)
    assert grant.role == Role.ADMIN_OPD and grant.unit is not None
    assert grant.unit.short_name == "Diskominfo SP" and grant.unit.depth == 0
    assert pegawai.unit_path.startswith(grant.unit.path)
    bkpsdm = RoleGrant.objects.get(user=people["admin_bkpsdm"].user)
    assert bkpsdm.role == Role.ADMIN_BKPSDM and bkpsdm.unit is None
    assert people["admin_bkpsdm"].unit_path.startswith(Unit.objects.get(short_name="BKPSDM").path)
    assert RoleGrant.objects.get(user=people["auditor"].user).role == Role.AUDITOR
    inspektorat = Unit.objects.get(type=UnitType.INSPEKTORAT)
    assert people["auditor"].unit_path.startswith(inspektorat.path)


def test_second_instansi_is_small_and_separate(seeded: str) -> None:
    other = Instansi.objects.get(code=contoh.INSTANSI_CODE)
    staff = Employee.objects.filter(instansi=other)
    assert 10 <= staff.count() <= 30
    assert not staff.exclude(current_position__instansi=other).exists()
    assert not Assignment.objects.exclude(position__instansi_id=F("instansi_id")).exists()
    assert not Assignment.objects.exclude(employee__instansi_id=F("instansi_id")).exists()
    lain = User.objects.get(email=next(p.email for p in PERSONAS if p.key == "pegawai_lain"))
    assert lain.instansi == other
    assert not Position.objects.filter(
        instansi=other, parent__instansi__code=surakarta.INSTANSI_CODE
    )


@pytest.mark.django_db
def test_full_scale_builds_about_6500_people(demo_settings: Any) -> None:
    result = builder.seed_demo(scale=1.0)
    assert 6_000 <= result.employees <= 7_000
    assert result.vacancies >= 3 and result.acting >= 1 and result.broken_chains >= 1
    parents = {_boss_name(e) for e in broken_chains(result.instansi.pk)}
    assert parents == {
        "Kepala Seksi Jaminan Sosial Keluarga",
        "Kepala Bidang Penaatan dan Peningkatan Kapasitas Lingkungan Hidup",
    }
    pppk = Employee.objects.filter(instansi=result.instansi, status=EmployeeStatus.PPPK).count()
    assert 0.10 <= pppk / result.employees <= 0.22
    women = Employee.objects.filter(instansi=result.instansi, gender="P").count()
    assert 0.4 <= women / result.employees <= 0.65
