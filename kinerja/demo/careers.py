"""Careers of demo people: education, golongan, age and the dates that must agree with the NIP.

The golongan follows from the jabatan; the years of service follow from how many ranks someone
climbed since entry (about four years a rank); the age follows from the years of service and
the age at entry for their education. So a Kepala Dinas is in his fifties with IV/c, a new
Ahli Pertama is in her twenties with III/a, and every NIP is consistent with the record.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from kinerja.demo.profiles import (
    D3,
    D4,
    EDU_PREFERENCE,
    FALLBACK,
    S1,
    S2,
    S3,
    SLTA,
    Degree,
    Profile,
)
from kinerja.employees.reference import PNS_GOLONGAN, EmployeeStatus

PNS_ORDER = list(PNS_GOLONGAN)
RANK = {code: i for i, code in enumerate(PNS_ORDER)}

#: The golongan a CPNS enters with, by education (an S-2 is treated as a later upgrade).
ENTRY_GOLONGAN = {SLTA: "II/a", D3: "II/c", D4: "III/a", S1: "III/a", S2: "III/a", S3: "III/a"}
#: The highest golongan reachable without a further degree.
CAP_GOLONGAN = {SLTA: "III/b", D3: "III/d"}
ENTRY_AGE = {SLTA: (19, 27), D3: (21, 30), D4: (22, 32), S1: (23, 34), S2: (25, 35), S3: (25, 35)}
GRADUATION_AGE = {SLTA: 18, D3: 21, D4: 22, S1: 23}
PPPK_BY_EDU = {SLTA: "V", D3: "VII", D4: "IX", S1: "IX", S2: "X", S3: "XI"}
PPPK_BY_LEVEL = {
    "ahli_pertama": "IX", "ahli_muda": "XI", "ahli_madya": "XIII", "ahli_utama": "XV",
    "pemula": "V", "terampil": "VII", "mahir": "VIII", "penyelia": "IX",
}  # fmt: skip
PPPK_ORDER = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
]
#: PPPK recruitment rounds (year, weight): teachers from 2021, health and technical staff later.
PPPK_YEARS = [(2021, 3), (2022, 3), (2023, 3), (2024, 3), (2025, 2)]

#: Golongan targets by jabatan level, weighted.
TARGETS: dict[str, list[tuple[str, int]]] = {
    "jpt_pratama": [("IV/b", 2), ("IV/c", 5), ("IV/d", 3)],
    "administrator": [("III/d", 1), ("IV/a", 5), ("IV/b", 4)],
    "pengawas": [("III/b", 1), ("III/c", 4), ("III/d", 4), ("IV/a", 1)],
    "ahli_pertama": [("III/a", 5), ("III/b", 5)],
    "ahli_muda": [("III/c", 5), ("III/d", 5)],
    "ahli_madya": [("IV/a", 5), ("IV/b", 4), ("IV/c", 1)],
    "ahli_utama": [("IV/d", 1), ("IV/e", 1)],
    "pemula": [("II/a", 3), ("II/b", 1)],
    "terampil": [("II/c", 4), ("II/d", 4), ("III/a", 2)],
    "mahir": [("III/a", 5), ("III/b", 5)],
    "penyelia": [("III/c", 5), ("III/d", 5)],
    "pelaksana_5": [("II/a", 3), ("II/b", 3), ("II/c", 2), ("II/d", 2)],
    "pelaksana_6": [("II/b", 2), ("II/c", 3), ("II/d", 3), ("III/a", 2)],
    "pelaksana_7": [("II/c", 2), ("II/d", 3), ("III/a", 3), ("III/b", 2)],
}
OLDEST = 58  # the usual retirement age (BUP) for administrasi staff
YOUNGEST = 22
CPNS_LEVELS = {"ahli_pertama", "terampil", "pemula", "pelaksana_5", "pelaksana_6", "pelaksana_7"}


@dataclass(frozen=True)
class Career:
    """Everything about a person that follows from their job, except the name."""

    status: str
    gender: str
    birth_date: date
    golongan: str
    tmt_cpns: date | None
    tmt_pns: date | None
    tmt_golongan: date
    appointed: date  # CPNS TMT or PPPK appointment: no position before this day
    appointment_year: int  # for the NI PPPK
    education_level: str
    education_major: str
    graduation_year: int
    gelar_depan: str
    gelar_belakang: str


def level_key(level: str, kelas: int) -> str:
    """The key into TARGETS/EDU_PREFERENCE: fungsional and structural levels, pelaksana by class."""
    if level in ("klerek", "operator", "teknisi"):
        return f"pelaksana_{min(max(kelas, 5), 7)}"
    if level.startswith("jpt"):
        return "jpt_pratama"
    return level


def pick_degree(rng: random.Random, profile: Profile, key: str) -> Degree:
    prefs = EDU_PREFERENCE[key]
    weighted = [(d, d.weight * prefs.get(d.edu, 0.0)) for d in profile.degrees]
    weighted = [(d, w) for d, w in weighted if w > 0]
    if not weighted:
        edu = max(prefs, key=lambda e: prefs[e])
        return FALLBACK[edu]
    return rng.choices([d for d, _w in weighted], [w for _d, w in weighted])[0]


def _born(rng: random.Random, ref: date, age: int) -> date:
    """A birth date that makes the person exactly ``age`` on ``ref``."""
    anchor = date(ref.year - age, ref.month, ref.day)
    return anchor - timedelta(days=rng.randint(0, 364))


def _titles(degree: Degree, gender: str, born: date) -> tuple[str, str]:
    if degree.old_depan is not None and born.year < 1968:
        depan = degree.old_depan
        if depan == "Drs." and gender == "P":
            depan = "Dra."
        return depan, degree.old_belakang
    return degree.depan, degree.belakang


def _graduation(rng: random.Random, degree: Degree, born: date, entry: date) -> int:
    if degree.edu in GRADUATION_AGE:
        return min(born.year + GRADUATION_AGE[degree.edu], entry.year)
    return min(born.year + rng.randint(30, 42), entry.year + rng.randint(4, 15), 2025)


def _gender(rng: random.Random, female_share: float) -> str:
    return "P" if rng.random() < female_share else "L"


def pns_career(
    rng: random.Random,
    *,
    profile: Profile,
    level: str,
    kelas: int,
    ref: date,
    female: float,
    cpns: bool = False,
    target: str | None = None,
) -> Career:
    """A PNS (or, with ``cpns``, a CPNS appointed last year) for a job of ``level``."""
    key = level_key(level, kelas)
    degree = pick_degree(rng, profile, key)
    entry = profile.entry_golongan or ENTRY_GOLONGAN[degree.edu]
    if cpns:
        golongan = entry
    else:
        choices = TARGETS[key]
        golongan = target or rng.choices([g for g, _w in choices], [w for _g, w in choices])[0]
        if RANK[golongan] < RANK[entry]:
            golongan = entry
        cap = CAP_GOLONGAN.get(degree.edu)
        if cap and RANK[golongan] > RANK[cap]:
            golongan = cap
    steps = RANK[golongan] - RANK[entry]
    low, high = ENTRY_AGE[degree.edu]
    entry_age = rng.randint(low, high)
    if cpns:
        service = 0
    elif steps:
        # about four to five years a rank, and many wait longer for the next one
        service = round(steps * rng.uniform(4.0, 5.5)) + rng.randint(0, 12)
    else:
        service = rng.randint(2, 14)
    if entry_age + service > OLDEST:
        entry_age = max(low, OLDEST - service)
        service = min(service, OLDEST - entry_age)
    age = max(entry_age + service, YOUNGEST)
    born = _born(rng, ref, age)
    gender = _gender(rng, female)
    if cpns:
        tmt_cpns = date(
            ref.year - 1, rng.choice([6, 7]), 1
        )  # the last formation, appointed mid-year
        tmt_pns = None
        tmt_golongan = tmt_cpns
    else:
        tmt_cpns = date(ref.year - service, rng.choice([1, 3, 4, 12]), 1)
        tmt_pns = date(tmt_cpns.year + 1, tmt_cpns.month, 1)
        if steps:
            last = date(ref.year - 1 - rng.randint(0, 3), rng.choice([4, 10]), 1)
            tmt_golongan = max(last, tmt_pns)
        else:
            tmt_golongan = tmt_cpns
    depan, belakang = _titles(degree, gender, born)
    return Career(
        status=EmployeeStatus.CPNS if cpns else EmployeeStatus.PNS,
        gender=gender,
        birth_date=born,
        golongan=golongan,
        tmt_cpns=tmt_cpns,
        tmt_pns=tmt_pns,
        tmt_golongan=tmt_golongan,
        appointed=tmt_cpns,
        appointment_year=tmt_cpns.year,
        education_level=degree.edu,
        education_major=degree.major,
        graduation_year=_graduation(rng, degree, born, tmt_cpns),
        gelar_depan=depan,
        gelar_belakang=belakang,
    )


def pppk_career(
    rng: random.Random, *, profile: Profile, level: str, kelas: int, ref: date, female: float
) -> Career:
    """A PPPK appointed in one of the recent recruitment rounds."""
    key = level_key(level, kelas)
    degree = pick_degree(rng, profile, key)
    year = rng.choices([y for y, _w in PPPK_YEARS], [w for _y, w in PPPK_YEARS])[0]
    appointed = date(year, rng.choice([1, 3, 4, 7, 10]), 1)
    age = rng.randint(24, 55)
    born = _born(rng, ref, age)
    gender = _gender(rng, female)
    by_edu = PPPK_BY_EDU[degree.edu]
    by_level = PPPK_BY_LEVEL.get(key, by_edu)
    golongan = max(by_edu, by_level, key=PPPK_ORDER.index)
    depan, belakang = _titles(degree, gender, born)
    return Career(
        status=EmployeeStatus.PPPK,
        gender=gender,
        birth_date=born,
        golongan=golongan,
        tmt_cpns=None,
        tmt_pns=None,
        tmt_golongan=appointed,
        appointed=appointed,
        appointment_year=year,
        education_level=degree.edu,
        education_major=degree.major,
        graduation_year=_graduation(rng, degree, born, appointed),
        gelar_depan=depan,
        gelar_belakang=belakang,
    )


def may_be_cpns(level: str, kelas: int) -> bool:
    return level_key(level, kelas) in CPNS_LEVELS
