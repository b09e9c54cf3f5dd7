"""Generate the people who hold the planned positions (pure Python, no queries).

Everything is drawn from one ``random.Random``, in plan order, against a fixed reference date,
so the same seed always gives the same people. NIP serials are handed out per NIP prefix
(birth date, TMT, gender) by :class:`NipRegistry`, which never hands out a NIP twice.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from kinerja.demo import names
from kinerja.demo.careers import Career, may_be_cpns, pns_career, pppk_career
from kinerja.demo.personas import PERSONAS, Persona
from kinerja.demo.plan import OrgPlan, PositionNode
from kinerja.demo.profiles import D4, PROFILES, S1
from kinerja.employees.nip import make_ni_pppk, make_nip
from kinerja.employees.reference import EmployeeStatus, KedudukanHukum
from kinerja.org.models import JabatanType

#: Ages, TMTs and placements are computed against this day, never against "today".
REFERENCE_DATE = date(2026, 1, 1)
#: Positions 13–14 of a NI PPPK: the code the recent recruitment rounds carry.
PPPK_CODE = 21
HISTORY_SHARE = 0.25
SENIOR_LEVELS = {"ahli_madya", "ahli_utama", "penyelia"}
CPNS_SHARE = 0.05


class NipRegistry:
    """Hands out unique NIPs: the next free serial for each 15-digit prefix."""

    def __init__(self, taken: set[str] | None = None) -> None:
        self.taken = set(taken or ())
        self._next: dict[str, int] = {}

    def reserve(self, nip: str) -> None:
        if nip in self.taken:
            raise ValueError(f"NIP {nip} sudah dipakai")
        self.taken.add(nip)

    def issue(self, prefix: str) -> str:
        serial = self._next.get(prefix, 1)
        while True:
            if serial > 999:
                raise RuntimeError(f"no free NIP serial left for {prefix}")
            nip = f"{prefix}{serial:03d}"
            serial += 1
            if nip not in self.taken:
                break
        self._next[prefix] = serial
        self.taken.add(nip)
        return nip


@dataclass
class Person:
    """One employee to create, with the position they hold and perhaps an earlier one."""

    position: PositionNode
    fields: dict[str, Any]
    start: date
    decree: str = ""
    history: tuple[PositionNode, date, date] | None = None
    persona: Persona | None = None


@dataclass
class _Context:
    rng: random.Random
    registry: NipRegistry
    mail_domain: str
    pools: dict[str, list[PositionNode]]
    mailboxes: dict[str, int] = field(default_factory=dict)
    decrees: dict[int, int] = field(default_factory=dict)


def _day_between(rng: random.Random, lo: date, hi: date) -> date:
    if hi <= lo:
        return lo
    return lo + timedelta(days=rng.randint(0, (hi - lo).days))


def _email(ctx: _Context, name: str) -> str:
    local = names.email_local_part(name)
    n = ctx.mailboxes.get(local, 0) + 1
    ctx.mailboxes[local] = n
    return f"{local}@{ctx.mail_domain}" if n == 1 else f"{local}{n}@{ctx.mail_domain}"


def _decree(ctx: _Context, year: int) -> str:
    n = ctx.decrees.get(year, 0) + 1
    ctx.decrees[year] = n
    return f"800.1.3.3/{n:04d}/{year}"


def _kedudukan(rng: random.Random, career: Career, node: PositionNode) -> str:
    if node.is_head or node.is_structural:
        return KedudukanHukum.AKTIF
    age = REFERENCE_DATE.year - career.birth_date.year
    roll = rng.random()
    if age >= 57 and roll < 0.1:
        return KedudukanHukum.MPP
    if roll < 0.004:
        return KedudukanHukum.TUGAS_BELAJAR
    if roll < 0.005:
        return KedudukanHukum.CLTN
    if roll < 0.0055:
        return KedudukanHukum.PEMBERHENTIAN_SEMENTARA
    return KedudukanHukum.AKTIF


def history_pools(plan: OrgPlan) -> dict[str, list[PositionNode]]:
    """Where people plausibly worked before: the level below for structural jobs, the same
    fungsional elsewhere, any pelaksana job for pelaksana."""
    pools: dict[str, list[PositionNode]] = {}
    for node in plan.positions:
        job = node.job
        if node.is_head and job.jabatan_type == JabatanType.FUNGSIONAL:
            continue
        pools.setdefault(f"type:{job.jabatan_type}", []).append(node)
        if job.jabatan_type == JabatanType.FUNGSIONAL:
            pools.setdefault(f"name:{job.name}", []).append(node)
            pools.setdefault(f"profile:{job.profile}", []).append(node)
    return pools


_PREVIOUS_TYPE = {
    JabatanType.JPT: JabatanType.ADMINISTRATOR,
    JabatanType.ADMINISTRATOR: JabatanType.PENGAWAS,
    JabatanType.PENGAWAS: JabatanType.PELAKSANA,
    JabatanType.PELAKSANA: JabatanType.PELAKSANA,
}


def _history_pool(ctx: _Context, node: PositionNode) -> list[PositionNode]:
    job = node.job
    if job.jabatan_type == JabatanType.FUNGSIONAL and not node.is_head:
        return ctx.pools.get(f"name:{job.name}", [])
    # a head teacher was a teacher, a kepala seksi keperawatan a nurse; otherwise the level below
    by_profile = ctx.pools.get(f"profile:{job.profile}", [])
    if by_profile and job.jabatan_type in (JabatanType.FUNGSIONAL, JabatanType.PENGAWAS):
        return by_profile
    previous = _PREVIOUS_TYPE.get(JabatanType(job.jabatan_type), JabatanType.PELAKSANA)
    return ctx.pools.get(f"type:{previous}", [])


def _history(
    ctx: _Context, node: PositionNode, appointed: date, start: date
) -> tuple[PositionNode, date, date] | None:
    if (start - appointed).days < 400 or ctx.rng.random() >= HISTORY_SHARE:
        return None
    pool = _history_pool(ctx, node)
    if len(pool) < 2:
        return None
    previous = ctx.rng.choice(pool)
    if previous is node:
        return None
    begin = max(appointed, start - timedelta(days=ctx.rng.randint(730, 2920)))
    end = start - timedelta(days=1)
    if begin >= end:
        return None
    return previous, begin, end


def generate_person(ctx: _Context, node: PositionNode) -> Person:
    """A person for ``node``: career first (it fixes age and golongan), then name and contacts."""
    rng, job = ctx.rng, node.job
    profile = PROFILES[job.profile]
    structural = node.is_head or node.is_structural
    # PPPK are recruited into entry and middle grades, never straight into a senior one
    pppk_allowed = not structural and job.level not in SENIOR_LEVELS
    if pppk_allowed and rng.random() < profile.pppk:
        career = pppk_career(
            rng,
            profile=profile,
            level=job.level,
            kelas=job.kelas,
            ref=REFERENCE_DATE,
            female=profile.female,
        )
        prefix = make_ni_pppk(
            career.birth_date, career.appointment_year, PPPK_CODE, career.gender, 0
        )[:15]
    else:
        cpns = not structural and may_be_cpns(job.level, job.kelas) and rng.random() < CPNS_SHARE
        target = "IV/d" if job.kelas >= 15 else None
        career = pns_career(
            rng,
            profile=profile,
            level=job.level,
            kelas=job.kelas,
            ref=REFERENCE_DATE,
            female=profile.female,
            cpns=cpns,
            target=target,
        )
        tmt = career.tmt_cpns or career.appointed
        prefix = make_nip(career.birth_date, tmt.year, tmt.month, career.gender, 0)[:15]
    nip = ctx.registry.issue(prefix)
    name = names.person_name(
        rng, career.gender, career.birth_date.year, christian=job.profile != "guru_pai"
    )
    major = (
        job.major if job.major and career.education_level in (S1, D4) else career.education_major
    )
    if career.status == EmployeeStatus.PNS and not structural:
        lo = max(career.appointed, REFERENCE_DATE - timedelta(days=12 * 365))
    elif career.status == EmployeeStatus.PNS:
        lo = max(career.tmt_pns or career.appointed, REFERENCE_DATE - timedelta(days=6 * 365))
    else:
        lo = career.appointed  # CPNS and PPPK are placed on the day they are appointed
    start = (
        _day_between(rng, lo, REFERENCE_DATE - timedelta(days=30)) if lo < REFERENCE_DATE else lo
    )
    fields = {
        "nip": nip,
        "name": name,
        "gelar_depan": career.gelar_depan,
        "gelar_belakang": career.gelar_belakang,
        "status": career.status,
        "gender": career.gender,
        "birth_date": career.birth_date,
        "birth_place": names.birth_place(rng),
        "golongan": career.golongan,
        "tmt_golongan": career.tmt_golongan,
        "tmt_cpns": career.tmt_cpns,
        "tmt_pns": career.tmt_pns,
        "kedudukan_hukum": _kedudukan(rng, career, node),
        "education_level": career.education_level,
        "education_major": major,
        "graduation_year": career.graduation_year,
        "email": _email(ctx, name),
        "phone": names.phone_number(rng),
    }
    decree = _decree(ctx, start.year) if job.jabatan_type != JabatanType.PELAKSANA else ""
    return Person(node, fields, start, decree, _history(ctx, node, career.appointed, start))


def persona_person(persona: Persona, node: PositionNode, index: int) -> Person:
    """The fixed record of a demo persona (independent of the seed)."""
    tmt_pns = date(persona.tmt_cpns.year + 1, persona.tmt_cpns.month, 1)
    fields = {
        "nip": persona.nip,
        "name": persona.name,
        "gelar_depan": "",
        "gelar_belakang": persona.gelar_belakang,
        "status": EmployeeStatus.PNS,
        "gender": persona.gender,
        "birth_date": persona.birth_date,
        "birth_place": persona.birth_place,
        "golongan": persona.golongan,
        "tmt_golongan": max(tmt_pns, date(2022, 4, 1)),
        "tmt_cpns": persona.tmt_cpns,
        "tmt_pns": tmt_pns,
        "kedudukan_hukum": KedudukanHukum.AKTIF,
        "education_level": persona.education_level,
        "education_major": persona.education_major,
        "graduation_year": persona.birth_date.year
        + (21 if persona.education_level == "D-III" else 23),
        "email": persona.email,
        "phone": f"0812300000{index:02d}",
    }
    return Person(
        node, fields, persona.since, f"800.1.3.3/D{index:03d}/{persona.since.year}", persona=persona
    )


def generate_people(
    plan: OrgPlan,
    rng: random.Random,
    registry: NipRegistry,
    *,
    mail_domain: str,
    personas: list[Persona] | None = None,
) -> list[Person]:
    """Fill every position up to its planned holders; personas take their seats first."""
    seats: dict[int, list[tuple[int, Persona]]] = {}
    for persona in personas or []:
        index = PERSONAS.index(persona) + 1
        node = plan.position(persona.unit, persona.job)
        node.holders = max(node.holders, len(seats.get(id(node), [])) + 1)
        seats.setdefault(id(node), []).append((index, persona))
        registry.reserve(persona.nip)
    ctx = _Context(rng, registry, mail_domain, history_pools(plan))
    people: list[Person] = []
    for node in plan.positions:
        placed = seats.get(id(node), [])
        people.extend(persona_person(persona, node, index) for index, persona in placed)
        people.extend(generate_person(ctx, node) for _ in range(node.holders - len(placed)))
    return people
