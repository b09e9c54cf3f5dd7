"""Write the demo data: two instansi, their organisation, people, placements and demo accounts.

Rows are bulk-created inside one transaction (the services would take minutes for 100,000
people); every denormalised field is set exactly as ``org.services`` and
``employees.services.sync_placement`` set it. One audit event records the whole load.
"""

from __future__ import annotations

import gc
import hashlib
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from kinerja.accounts import services as account_services
from kinerja.accounts.models import Role, User
from kinerja.core.audit import record_event
from kinerja.core.db import refresh_statistics
from kinerja.demo import contoh, surakarta
from kinerja.demo.complaint_links import compute_indicators, fill_ended_periods
from kinerja.demo.complaints import ComplaintSeedResult, seed_complaints
from kinerja.demo.decisions import AssessmentSeed, seed_assessments
from kinerja.demo.orgspec import UnitSpec
from kinerja.demo.people import REFERENCE_DATE, NipRegistry, Person, generate_people
from kinerja.demo.performance import seed_performance
from kinerja.demo.personas import (
    DEMO_EMAIL_DOMAIN,
    DEMO_PASSWORD,
    PERSONAS,
    SUPERADMIN_USERNAME,
    Persona,
)
from kinerja.demo.plan import OrgPlan, PositionNode, plan_scaled
from kinerja.employees.models import Assignment, AssignmentKind, Employee
from kinerja.employees.selectors import broken_chains
from kinerja.org.models import Instansi, Position, Unit
from kinerja.org.services import validate_position
from kinerja.performance.models import SkpState

DEFAULT_SEED = 2026
BATCH = 2000
#: The day the acting officials (Plt) were appointed.
PLT_START = date(2025, 10, 1)
#: Personas who never work alone, whatever the scale: the demo "pegawai" has a colleague, so
#: the atasan has a plan to approve and an evaluation to do.
WITH_COLLEAGUE = {"pegawai"}


class AlreadySeeded(Exception):
    """The demo instansi exists already; nothing was changed."""


@dataclass
class InstansiResult:
    instansi: Instansi
    plan: OrgPlan
    people: list[Person]
    employees: list[Employee]
    assignments: int
    acting: int


@dataclass
class SeedResult:
    """What was loaded, for the command's summary and the audit event."""

    instansi: Instansi
    other_instansi: Instansi
    seed: int
    scale: float
    units: int
    positions: int
    employees: int
    assignments: int
    vacancies: int
    acting: int
    broken_chains: int
    other_employees: int
    skps: int
    seconds: float
    #: Realisasi, evaluations, penetapan and keberatan of both instansi.
    assessments: AssessmentSeed = field(default_factory=AssessmentSeed)
    #: Complaints, their steps and answers, and SKM answers of the city.
    complaints: ComplaintSeedResult = field(default_factory=ComplaintSeedResult)

    def counts(self) -> dict[str, float | int]:
        return {
            "seed": self.seed,
            "scale": self.scale,
            "units": self.units,
            "positions": self.positions,
            "employees": self.employees,
            "assignments": self.assignments,
            "vacancies": self.vacancies,
            "acting": self.acting,
            "broken_chains": self.broken_chains,
            "other_instansi_employees": self.other_employees,
            "skps": self.skps,
            **self.assessments.counts(),
            "complaints": self.complaints.complaints,
            "skm_responses": self.complaints.surveys,
        }


def already_seeded() -> bool:
    return Instansi.objects.filter(code=surakarta.INSTANSI_CODE).exists()


def database_is_empty() -> bool:
    """No instansi and no account yet: a fresh installation or a benchmark database."""
    return not Instansi.objects.exists() and not User.objects.exists()


def conflicts() -> list[str]:
    """What already exists and would clash with the demo: logins, persona NIPs, the 2nd instansi."""
    logins = {SUPERADMIN_USERNAME, *(p.nip for p in PERSONAS)}
    emails = [f"superadmin@{DEMO_EMAIL_DOMAIN}", *(p.email for p in PERSONAS)]
    taken = set(User.objects.filter(username__in=logins).values_list("username", flat=True))
    taken |= {e for e in emails if User.objects.filter(email__iexact=e).exists()}
    nips = {p.nip for p in PERSONAS}
    taken |= set(Employee.objects.filter(nip__in=nips).values_list("nip", flat=True))
    if Instansi.objects.filter(code=contoh.INSTANSI_CODE).exists():
        taken.add(contoh.INSTANSI_CODE)
    return sorted(taken)


def _by_depth[N](nodes: list[N], depth_of: Callable[[N], int]) -> list[list[N]]:
    levels: dict[int, list[N]] = defaultdict(list)
    for node in nodes:
        levels[depth_of(node)].append(node)
    return [levels[d] for d in sorted(levels)]


def _write_units(instansi: Instansi, plan: OrgPlan) -> None:
    for level in _by_depth(plan.units, lambda n: n.depth):
        rows = []
        for node in level:
            spec = node.spec
            node.obj = Unit(
                instansi=instansi,
                parent=node.parent.obj if node.parent else None,
                name=spec.name,
                short_name=spec.short_name,
                code=node.code,
                type=spec.type,
                path=node.path,
                depth=node.depth,
            )
            rows.append(node.obj)
        Unit.objects.bulk_create(rows, batch_size=BATCH)


def _write_positions(instansi: Instansi, plan: OrgPlan) -> None:
    for level in _by_depth(plan.positions, lambda n: n.depth):
        rows = []
        for node in level:
            job = node.job
            node.obj = Position(
                instansi=instansi,
                unit=node.unit.obj,
                parent=node.parent.obj if node.parent else None,
                name=job.name,
                jabatan_type=job.jabatan_type,
                level=job.level,
                eselon=job.eselon,
                kelas_jabatan=job.kelas,
                capacity=node.capacity,
                is_unit_head=node.is_head,
                path=node.path,
            )
            validate_position(node.obj)
            rows.append(node.obj)
        Position.objects.bulk_create(rows, batch_size=BATCH)


def write_org(instansi: Instansi, plan: OrgPlan) -> None:
    """Create the planned units and positions, parents first (one bulk insert per tree level)."""
    _write_units(instansi, plan)
    _write_positions(instansi, plan)


def write_people(instansi: Instansi, people: list[Person]) -> list[Employee]:
    """Create the employees with their placement fields filled as ``sync_placement`` would."""
    employees = []
    for person in people:
        node = person.position
        employees.append(
            Employee(
                instansi=instansi,
                current_position=node.obj,
                current_unit=node.unit.obj,
                unit_path=node.unit.path,
                position_path=node.path,
                **person.fields,
            )
        )
    Employee.objects.bulk_create(employees, batch_size=BATCH)
    return employees


def _assignment(
    employee: Employee, node: PositionNode, kind: str, start: date, end: date | None, decree: str
) -> Assignment:
    return Assignment(
        employee=employee,
        position=node.obj,
        instansi_id=employee.instansi_id,
        kind=kind,
        start_date=start,
        end_date=end,
        decree=decree,
    )


def write_assignments(
    people: list[Person], employees: list[Employee], acting: list[tuple[PositionNode, PositionNode]]
) -> tuple[int, int]:
    """Open definitive placements, earlier closed ones, and the Plt for vacant heads."""
    rows = []
    holder_of: dict[int, Employee] = {}
    for person, employee in zip(people, employees, strict=True):
        rows.append(
            _assignment(
                employee,
                person.position,
                AssignmentKind.DEFINITIF,
                person.start,
                None,
                person.decree,
            )
        )
        holder_of.setdefault(id(person.position), employee)
        if person.history is not None:
            previous, begin, end = person.history
            rows.append(_assignment(employee, previous, AssignmentKind.DEFINITIF, begin, end, ""))
    for n, (vacant, acting_from) in enumerate(acting, start=1):
        official = holder_of[id(acting_from)]
        rows.append(
            _assignment(
                official,
                vacant,
                AssignmentKind.PLT,
                PLT_START,
                None,
                f"800.1.3.3/Plt.{n:02d}/{PLT_START.year}",
            )
        )
    Assignment.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows), len(acting)


def build_instansi(
    *,
    code: str,
    name: str,
    short_name: str,
    siasn_id: str,
    specs: list[UnitSpec],
    root_ref: str,
    scale: float,
    rng: random.Random,
    registry: NipRegistry,
    mail_domain: str,
    vacant_with_plt: Sequence[tuple[str, str]] = (),
    vacant_without: Sequence[str] = (),
) -> InstansiResult:
    """Plan and write one instansi with its people."""
    instansi = Instansi.objects.create(
        code=code, name=name, short_name=short_name, siasn_id=siasn_id
    )
    plan = plan_scaled(code, specs, root_ref=root_ref, scale=scale)
    acting = [(plan.position(vacant), plan.position(source)) for vacant, source in vacant_with_plt]
    for node in [v for v, _s in acting] + [plan.position(ref) for ref in vacant_without]:
        node.holders = 0
    personas = [p for p in PERSONAS if p.instansi_code == code]
    for persona in personas:
        if persona.key in WITH_COLLEAGUE:
            node = plan.position(persona.unit, persona.job)
            node.holders = max(node.holders, 2)
            node.capacity = max(node.capacity, node.holders)
    write_org(instansi, plan)
    people = generate_people(plan, rng, registry, mail_domain=mail_domain, personas=personas)
    employees = write_people(instansi, people)
    count, plt = write_assignments(people, employees, acting)
    return InstansiResult(instansi, plan, people, employees, count, plt)


def _persona_employees(*results: InstansiResult) -> dict[str, tuple[Persona, Employee, OrgPlan]]:
    found = {}
    for result in results:
        for person, employee in zip(result.people, result.employees, strict=True):
            if person.persona is not None:
                found[person.persona.key] = (person.persona, employee, result.plan)
    return found


def _atasan_team(result: InstansiResult) -> tuple[int | None, dict[int, str]]:
    """The demo atasan and the plans their team (besides the pegawai) has this year: the first
    approved, to be evaluated, the second submitted, to be approved."""
    found = _persona_employees(result)
    if "atasan" not in found:
        return None, {}
    persona, atasan, plan = found["atasan"]
    node = plan.position(persona.unit, persona.job)
    team = sorted(
        e.pk
        for p, e in zip(result.people, result.employees, strict=True)
        if p.position.parent is node and p.persona is None
    )
    return atasan.pk, dict(zip(team, (SkpState.APPROVED, SkpState.SUBMITTED), strict=False))


def create_accounts(seed: int, *results: InstansiResult) -> User:
    """One login per persona, all with the demo password; returns the superadmin."""
    # One hash for every account (hashing is slow by design), with a salt derived from the
    # seed so that the same seed gives the same rows.
    salt = hashlib.sha256(f"kinerja-demo-{seed}".encode()).hexdigest()[:24]
    hashed = make_password(DEMO_PASSWORD, salt)
    root = account_services.create_user(
        actor=None,
        username=SUPERADMIN_USERNAME,
        email=f"superadmin@{DEMO_EMAIL_DOMAIN}",
        display_name="Superadmin Demo",
        audit=False,
    )
    root.is_superuser = root.is_staff = True
    root.password = hashed
    root.save(update_fields=["is_superuser", "is_staff", "password"])
    reason = "Akun demo"
    account_services.grant_role(
        actor=root, user=root, role=Role.SUPERADMIN, valid_from=REFERENCE_DATE, reason=reason
    )
    for persona, employee, plan in _persona_employees(*results).values():
        user = account_services.create_user(
            actor=None,
            username=employee.nip,
            email=persona.email,
            instansi=employee.instansi,
            display_name=employee.full_name,
            audit=False,
        )
        user.password = hashed
        user.save(update_fields=["password"])
        employee.user = user
        employee.save(update_fields=["user"])
        if persona.role_on_unit:
            unit = plan.units_by_key[persona.role_on_unit].obj
            account_services.grant_role(
                actor=root,
                user=user,
                role=persona.role,
                unit=unit,
                valid_from=REFERENCE_DATE,
                reason=reason,
            )
        elif persona.role:
            account_services.grant_role(
                actor=root,
                user=user,
                role=persona.role,
                instansi=employee.instansi,
                valid_from=REFERENCE_DATE,
                reason=reason,
            )
    return root


@contextmanager
def _collecting_new_objects_only() -> Iterator[None]:
    """The demo allocates millions of short-lived rows; each full garbage collection would also
    walk every object the process already had (Django, its modules, the settings), seconds in
    all. Those are set aside while the demo loads (``gc.freeze``) and put back afterwards."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def seed_demo(
    *, seed: int = DEFAULT_SEED, scale: float = 1.0, evaluations: bool = True
) -> SeedResult:
    """Load the whole demo in one transaction; raises :class:`AlreadySeeded` if it is there.

    Without ``evaluations`` the plans are written but no realisasi, evaluation, penetapan or
    keberatan (most of the time and space at large scales, which benchmarks of other pages do
    not need)."""
    started = time.perf_counter()
    with _collecting_new_objects_only(), transaction.atomic():
        if already_seeded():
            raise AlreadySeeded
        registry = NipRegistry(set(Employee.objects.values_list("nip", flat=True)))
        city = build_instansi(
            code=surakarta.INSTANSI_CODE,
            name=surakarta.INSTANSI_NAME,
            short_name=surakarta.INSTANSI_SHORT,
            siasn_id=surakarta.SIASN_ID,
            specs=surakarta.city_units(),
            root_ref=surakarta.ROOT_REF,
            scale=scale,
            rng=random.Random(f"{seed}:{surakarta.INSTANSI_CODE}"),
            registry=registry,
            mail_domain="surakarta.example",
            vacant_with_plt=surakarta.VACANT_WITH_PLT,
            vacant_without=surakarta.VACANT_WITHOUT_ACTING,
        )
        # The second instansi stays small whatever the scale: it only shows isolation.
        other = build_instansi(
            code=contoh.INSTANSI_CODE,
            name=contoh.INSTANSI_NAME,
            short_name=contoh.INSTANSI_SHORT,
            siasn_id="",
            specs=contoh.contoh_units(),
            root_ref="",
            scale=1.0,
            rng=random.Random(f"{seed}:{contoh.INSTANSI_CODE}"),
            registry=registry,
            mail_domain="kabupaten-contoh.example",
        )
        create_accounts(seed, city, other)
        # The demo "pegawai" drafts this year's SKP live, so the seed leaves it unstarted.
        personas = _persona_employees(city)
        pegawai = personas["pegawai"][1].pk
        bkpsdm = personas["admin_bkpsdm"][1].user_id
        atasan, team = _atasan_team(city)
        today = timezone.localdate()
        skps = history = 0
        assessments = AssessmentSeed()
        complaints = ComplaintSeedResult()
        for part in (city, other):
            code, mine = part.instansi.code, part is city
            skps += seed_performance(
                part.instansi,
                rng=random.Random(f"{seed}:{code}:kinerja"),
                current_year=REFERENCE_DATE.year,
                today=today,
                not_started=frozenset({pegawai}),
                assured=team if mine else None,
            ).skps
            if mine:
                # Before the evaluations, so that the officers' linked IKI are part of the plans
                # the evaluations read.
                verifier = personas.get("verifikator")
                complaints = seed_complaints(
                    part.instansi,
                    rng=random.Random(f"{seed}:{code}:aduan"),
                    today=today,
                    current_year=REFERENCE_DATE.year,
                    verifier=(verifier[1].user_id, str(verifier[1])) if verifier else (None, ""),
                    officer_personas=[pegawai],
                    scale=scale,
                )
            if not evaluations:
                continue
            if mine:
                history = fill_ended_periods(part.instansi, today=today)
            assessments = assessments.merge(
                seed_assessments(
                    part.instansi,
                    rng=random.Random(f"{seed}:{code}:evaluasi"),
                    current_year=REFERENCE_DATE.year,
                    today=today,
                    story_assessor=atasan if mine else None,
                    approver=bkpsdm if mine else None,
                    keberatan=mine,
                )
            )
        complaints.filled = history + compute_indicators(
            city.instansi, today=today, fill=evaluations
        )
        result = SeedResult(
            instansi=city.instansi,
            other_instansi=other.instansi,
            seed=seed,
            scale=scale,
            units=len(city.plan.units),
            positions=len(city.plan.positions),
            employees=len(city.employees),
            assignments=city.assignments,
            vacancies=sum(
                1 for p in city.plan.positions if p.holders == 0 and (p.is_head or p.is_structural)
            ),
            acting=city.acting,
            broken_chains=len(broken_chains(city.instansi.pk)),
            other_employees=len(other.employees),
            skps=skps,
            seconds=0.0,
            assessments=assessments,
            complaints=complaints,
        )
        record_event(
            actor=None,
            action="demo.seed",
            target=city.instansi,
            instansi_id=city.instansi.pk,
            after=result.counts(),
        )
    refresh_statistics(
        "org_unit",
        "org_position",
        "employees_employee",
        "employees_assignment",
        "performance_skp",
        "performance_rhk",
        "complaints_complaint",
        "complaints_complaintevent",
        "performance_iki",
        "performance_realisasi",
        "performance_evaluation",
        "performance_unitassessment",
        "performance_objection",
    )
    result.seconds = time.perf_counter() - started
    return result
