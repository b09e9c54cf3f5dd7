"""Demo performance data: three performance years with quarterly periods and cascaded SKPs.

Plans are written down the position tree, leaders first, so that every non-JPT RHK supports an
RHK of the leader's approved SKP exactly as ``performance.services.skp`` requires. Earlier years
are approved throughout; the current year has some plans still in draft, submitted or returned,
and some employees who have not started (including those whose leader's plan is not approved).
Rows are bulk-created; the rules they follow are the services' own.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from kinerja.core import bulk
from kinerja.employees.models import Assignment, AssignmentKind, Employee
from kinerja.org.models import Instansi, JabatanType, Position
from kinerja.performance.models import (
    Aspek,
    BehaviourExpectation,
    Berakhlak,
    Cadence,
    Iki,
    PerformanceYear,
    Period,
    PeriodKind,
    PeriodState,
    Perspektif,
    Rhk,
    RhkKind,
    Skp,
    SkpState,
)
from kinerja.performance.services import ANNUAL_EVALUATION_DAYS, period_bounds

EVALUATION_DAYS = 10

LAMPIRAN = {
    "dukungan_sumber_daya": "Anggaran kegiatan sesuai DPA; sarana kerja dan aplikasi pendukung.",
    "skema_pertanggungjawaban": "Laporan bulanan kepada pejabat penilai kinerja.",
    "konsekuensi": "Capaian di bawah target dibahas dalam dialog kinerja dan menjadi bahan "
    "pengembangan kompetensi.",
}
RETURN_COMMENTS = [
    "Target kuantitas terlalu rendah dibanding tahun lalu; mohon disesuaikan.",
    "IKI kualitas belum terukur; tambahkan satuan yang jelas.",
    "RHK tambahan belum relevan dengan tugas seksi.",
]
EXPECTATIONS = {
    Berakhlak.BERORIENTASI_PELAYANAN: "Menanggapi aduan warga paling lambat satu hari kerja.",
    Berakhlak.AKUNTABEL: "Melaporkan penggunaan anggaran kegiatan tepat waktu.",
    Berakhlak.KOLABORATIF: "Aktif berbagi data dengan bidang lain.",
    Berakhlak.ADAPTIF: "Mengusulkan minimal satu perbaikan proses kerja setiap triwulan.",
}
JPT_RHK = [
    "Meningkatnya kualitas pelayanan publik {unit}",
    "Meningkatnya akuntabilitas kinerja {unit}",
    "Terwujudnya tata kelola keuangan {unit} yang tertib",
]
ADMIN_RHK = [
    "Terlaksananya program kerja {unit} sesuai rencana",
    "Meningkatnya kualitas layanan {unit}",
    "Tersusunnya laporan kinerja {unit} tepat waktu",
]
STAFF_RHK = [
    "Terselesaikannya tugas {job} sesuai standar",
    "Tersusunnya dokumen pendukung kegiatan {unit}",
    "Terlayaninya permintaan data dan informasi {unit}",
]
OUTPUTS = ["dokumen", "laporan", "kegiatan", "berkas"]
IKI_COLUMNS = [
    "rhk_id", "instansi_id", "text", "aspek", "perspektif", "target", "unit",
    "lower_is_better", "order",
]  # fmt: skip


@dataclass
class PerformanceSeed:
    years: int = 0
    periods: int = 0
    skps: int = 0
    rhks: int = 0
    ikis: int = 0
    by_state: dict[str, int] = field(default_factory=lambda: defaultdict(int))


@dataclass
class _Place:
    employee: Employee
    position: Position


def _years(instansi: Instansi, years: list[int], today: date) -> list[PerformanceYear]:
    created = PerformanceYear.objects.bulk_create(
        PerformanceYear(
            instansi=instansi,
            year=y,
            cadence=Cadence.QUARTERLY,
            skp_deadline=date(y, 1, 31),
        )
        for y in years
    )
    periods = []
    for year in created:
        bounds = [
            (PeriodKind.PERIODIC, number, starts, ends, ends + timedelta(days=EVALUATION_DAYS))
            for number, starts, ends in period_bounds(year.year, year.cadence)
        ]
        end = date(year.year, 12, 31)
        bounds.append(
            (
                PeriodKind.ANNUAL,
                0,
                date(year.year, 1, 1),
                end,
                end + timedelta(ANNUAL_EVALUATION_DAYS),
            )
        )
        for kind, number, starts, ends, deadline in bounds:
            if year.year < today.year:
                state = PeriodState.LOCKED
            elif deadline < today:
                state = PeriodState.CLOSED
            else:
                state = PeriodState.OPEN
            periods.append(
                Period(
                    performance_year=year,
                    instansi=instansi,
                    kind=kind,
                    number=number,
                    starts=starts,
                    ends=ends,
                    evaluation_deadline=deadline,
                    state=state,
                )
            )
    Period.objects.bulk_create(periods)
    return created


def _places(instansi: Instansi, day: date) -> tuple[list[_Place], dict[int, int]]:
    """Employees with their current position, leaders first; and each position's holder."""
    holder: dict[int, int] = {}
    rows = Assignment.objects.filter(instansi=instansi, start_date__lte=day).filter(
        end_date__isnull=True
    )
    for position_id, employee_id, kind in rows.values_list("position_id", "employee_id", "kind"):
        if kind == AssignmentKind.DEFINITIF or position_id not in holder:
            holder[position_id] = employee_id
    employees = (
        Employee.objects.filter(instansi=instansi, current_position__isnull=False)
        .select_related("current_position", "current_unit")
        .order_by("position_path", "pk")
    )
    places = [
        _Place(e, e.current_position)
        for e in employees
        if e.current_position and e.current_unit_id is not None
    ]
    places.sort(key=lambda p: (len(p.position.path), p.position.path, p.employee.pk))
    return places, holder


def _state(rng: random.Random, current: bool, leader_ok: bool, leads: bool) -> str | None:
    """The SKP state of one plan (None: not started). Leaders mostly finish first, as they must
    for their staff to plan; a few have not, which leaves their staff unable to plan."""
    if not current:
        return SkpState.APPROVED if leader_ok else None
    if not leader_ok:
        return None if rng.random() < 0.7 else SkpState.DRAFT
    roll = rng.random()
    if leads:
        return SkpState.SUBMITTED if roll < 0.02 else SkpState.APPROVED
    for share, state in ((0.03, None), (0.07, SkpState.DRAFT), (0.13, SkpState.SUBMITTED)):
        if roll < share:
            return state
    return SkpState.RETURNED if roll < 0.16 else SkpState.APPROVED


def seed_performance(
    instansi: Instansi,
    *,
    rng: random.Random,
    current_year: int,
    today: date | None = None,
    not_started: frozenset[int] = frozenset(),
    assured: dict[int, str] | None = None,
) -> PerformanceSeed:
    """Write the performance years and SKPs of ``instansi``; ``not_started`` employees (the
    demo's own "pegawai") have no plan for the current year, so that one can be drafted live;
    ``assured`` employees get the given state this year (the atasan's team: one plan to
    evaluate, one to approve) whenever their leader's plan allows them one."""
    today = today or timezone.localdate()
    seed = PerformanceSeed()
    years = _years(instansi, [current_year - 2, current_year - 1, current_year], today)
    seed.years, seed.periods = len(years), Period.objects.filter(instansi=instansi).count()
    places, holder = _places(instansi, today)
    parent_of: dict[int, int | None] = dict(
        Position.objects.filter(instansi=instansi).values_list("pk", "parent_id")
    )
    for year in years:
        current = year.year == current_year
        writer = _YearWriter(
            instansi, year, holder, parent_of, rng, seed, (assured or {}) if current else {}
        )
        levels: dict[int, list[_Place]] = defaultdict(list)
        for place in places:
            levels[len(place.position.path)].append(place)
        for depth in sorted(levels):
            writer.write_level(levels[depth], current, not_started if current else frozenset())
    return seed


class _YearWriter:
    """Writes one year's plans level by level, remembering each approved plan's RHK so that
    the next level can support them."""

    def __init__(
        self,
        instansi: Instansi,
        year: PerformanceYear,
        holder: dict[int, int],
        parent_of: dict[int, int | None],
        rng: random.Random,
        seed: PerformanceSeed,
        assured: dict[int, str],
    ) -> None:
        self.instansi, self.year, self.holder, self.parent_of = instansi, year, holder, parent_of
        self.rng, self.seed = rng, seed
        self.approved_rhks: dict[int, list[Rhk]] = {}
        self.assured = assured
        self.leading = {parent for parent in parent_of.values() if parent is not None}
        self.decided = timezone.make_aware(datetime.combine(date(year.year, 2, 1), time(9)))

    def _skp(self, place: _Place, state: str) -> Skp:
        position = place.position
        parent = position.parent_id
        assessor = self.holder.get(parent) if parent else None
        grandparent = self.parent_of.get(parent) if parent else None
        return Skp(
            instansi=self.instansi,
            performance_year=self.year,
            employee=place.employee,
            position=position,
            unit_id=place.employee.current_unit_id or 0,
            is_jpt=position.jabatan_type == JabatanType.JPT,
            starts=date(self.year.year, 1, 1),
            ends=date(self.year.year, 12, 31),
            assessor_position_id=parent,
            assessor_id=assessor if assessor != place.employee.pk else None,
            assessor_superior_id=self.holder.get(grandparent) if grandparent else None,
            state=state,
            return_comment=self.rng.choice(RETURN_COMMENTS) if state == SkpState.RETURNED else "",
            submitted_at=None if state == SkpState.DRAFT else self.decided - timedelta(days=5),
            decided_at=self.decided if state in {SkpState.APPROVED, SkpState.RETURNED} else None,
            **LAMPIRAN,
        )

    def write_level(self, places: list[_Place], current: bool, not_started: frozenset[int]) -> None:
        plans: list[tuple[Skp, _Place]] = []
        for place in places:
            parent = place.position.parent_id
            is_jpt = place.position.jabatan_type == JabatanType.JPT
            leader_ok = is_jpt or parent is None or parent in self.approved_rhks
            state = _state(self.rng, current, leader_ok, place.position.pk in self.leading)
            if leader_ok and place.employee.pk in self.assured:
                state = self.assured[place.employee.pk]
            if state is None or place.employee.pk in not_started:
                continue
            plans.append((self._skp(place, state), place))
        bulk.insert(Skp, [skp for skp, _ in plans])
        rhks: list[Rhk] = []
        per_position: dict[int, list[Rhk]] = {}
        for skp, place in plans:
            mine = self._rhks(skp, place)
            rhks += mine
            if skp.state == SkpState.APPROVED:
                per_position[place.position.pk] = mine
        bulk.insert(Rhk, rhks)
        ikis = [iki for rhk in rhks for iki in self._ikis(rhk)]
        bulk.insert_rows(Iki, IKI_COLUMNS, ikis)
        bulk.insert_rows(
            BehaviourExpectation,
            ["skp_id", "value", "text"],
            [
                (skp.pk, value, text)
                for skp, _place in plans
                if skp.state == SkpState.APPROVED and self.rng.random() < 0.3
                for value, text in self.rng.sample(sorted(EXPECTATIONS.items()), 2)
            ],
        )
        self.approved_rhks.update(per_position)
        for skp, _place in plans:
            self.seed.by_state[f"{self.year.year}:{skp.state}"] += 1
        self.seed.skps += len(plans)
        self.seed.rhks += len(rhks)
        self.seed.ikis += len(ikis)

    def _rhks(self, skp: Skp, place: _Place) -> list[Rhk]:
        unit = place.employee.current_unit.name if place.employee.current_unit else ""
        job = place.position.name
        if skp.is_jpt:
            texts, leader = JPT_RHK, []
        else:
            leader = self.approved_rhks.get(place.position.parent_id or 0, [])
            if not leader and place.position.parent_id is not None:
                return []  # a draft waiting for the leader's approved plan
            structural = place.position.jabatan_type in {
                JabatanType.ADMINISTRATOR,
                JabatanType.PENGAWAS,
            }
            texts = ADMIN_RHK if structural else STAFF_RHK
        count = 3 if skp.is_jpt else self.rng.choice((2, 2, 3))
        # From the NIP, not the primary key: keys differ between databases and runs.
        offset = int(place.employee.nip) % max(len(leader), 1)
        result = []
        for n in range(count):
            kind = RhkKind.TAMBAHAN if n == 2 and not skp.is_jpt else RhkKind.UTAMA
            result.append(
                Rhk(
                    skp=skp,
                    instansi=self.instansi,
                    kind=kind,
                    text=texts[n % len(texts)].format(unit=unit, job=job.lower()),
                    supports=leader[(offset + n) % len(leader)] if leader else None,
                    order=n + 1,
                )
            )
        return result

    def _ikis(self, rhk: Rhk) -> list[tuple[object, ...]]:
        """IKI rows in ``IKI_COLUMNS`` order: a count, sometimes a quality or a time IKI."""
        output = self.rng.choice(OUTPUTS)
        jpt = rhk.skp.is_jpt

        def row(
            text: str, aspek: str, perspektif: str, target: int, unit: str, lower: bool, n: int
        ):
            return (
                rhk.pk, self.instansi.pk, text, "" if jpt else aspek, perspektif if jpt else "",
                Decimal(target), unit, lower, n,
            )  # fmt: skip

        rows = [
            row(f"Jumlah {output} yang diselesaikan", Aspek.KUANTITAS, Perspektif.PROSES_BISNIS,
                self.rng.randrange(4, 49), output, False, 1)
        ]  # fmt: skip
        roll = self.rng.random()
        if roll < 0.35:
            rows.append(
                row(f"Persentase {output} tanpa revisi", Aspek.KUALITAS,
                    Perspektif.PENERIMA_LAYANAN, 90, "%", False, 2)
            )  # fmt: skip
        elif roll < 0.6:
            rows.append(
                row(f"Rata-rata waktu penyelesaian {output}", Aspek.WAKTU,
                    Perspektif.PROSES_BISNIS, self.rng.choice((2, 3, 5)), "hari", True, 2)
            )  # fmt: skip
        return rows
