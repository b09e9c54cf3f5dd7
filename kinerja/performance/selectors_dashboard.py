"""Completion per unit for the OPD and BKPSDM dashboard: SKP states and evaluations done.

Three grouped queries whatever the number of units; the figures are rolled up the unit tree in
memory with a binary search over sorted paths (a unit's subtree is one range of paths).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q

from kinerja.employees.models import Employee
from kinerja.org import paths
from kinerja.org.models import Unit
from kinerja.org.querysets import subtree_q
from kinerja.performance.models import (
    Evaluation,
    EvaluationState,
    PerformanceYear,
    Period,
    PeriodKind,
    Skp,
    SkpState,
)

#: SKP states in the order the bar draws them.
STATES = [SkpState.APPROVED, SkpState.SUBMITTED, SkpState.RETURNED, SkpState.DRAFT]


@dataclass
class UnitCompletion:
    unit: Unit
    headcount: int = 0
    skp: Counter[str] = field(default_factory=Counter)
    evaluated: list[int] = field(default_factory=list)  # final evaluations, one per period
    has_children: bool = False

    @property
    def planned(self) -> int:
        return sum(self.skp.values())

    @property
    def not_started(self) -> int:
        return max(self.headcount - self.planned, 0)

    def share(self, count: int) -> float:
        return 100.0 * count / self.headcount if self.headcount else 0.0

    @property
    def bar(self) -> list[tuple[str, int, float, float]]:
        """(state, count, x %, width %) segments of the stacked bar, not-started last."""
        segments, x = [], 0.0
        for state, count in [*((s.value, self.skp[s]) for s in STATES), ("none", self.not_started)]:
            width = self.share(count)
            segments.append((state, count, x, width))
            x += width
        return segments


class _Index:
    """Sum counts over a subtree: counts keyed by exact path, searched as a sorted range."""

    def __init__(self, rows: dict[str, int]) -> None:
        self.paths = sorted(rows)
        self.counts = [rows[p] for p in self.paths]

    def subtree(self, path: str) -> int:
        start = bisect_left(self.paths, path)
        end = bisect_left(self.paths, paths.subtree_upper_bound(path))
        return sum(self.counts[start:end])


def completion(
    units: list[Unit], year: PerformanceYear, *, whole_instansi: bool = False
) -> tuple[list[UnitCompletion], list[Period]]:
    """For each of ``units`` (one instansi), its subtree's headcount, SKPs by state for ``year``
    and final evaluations per periodic period."""
    if not units:
        return [], []
    instansi_id = units[0].instansi_id
    # Only the subtrees of the units shown are read: one OPD's page never groups the whole city
    # (for the whole instansi a plain scan is cheaper than a range per OPD).
    within = Q() if whole_instansi else _within(units, "unit_path")
    skp_within = Q() if whole_instansi else _within(units, "unit__path")
    periods = list(
        Period.objects.filter(performance_year=year, kind=PeriodKind.PERIODIC).order_by("number")
    )
    heads = Counter(
        dict(
            Employee.objects.filter(within, instansi_id=instansi_id)
            .values_list("unit_path")
            .annotate(n=Count("pk"))
            .values_list("unit_path", "n")
        )
    )
    skps: dict[str, Counter[str]] = {state.value: Counter() for state in STATES}
    for path, state, n in (
        Skp.objects.filter(skp_within, instansi_id=instansi_id, performance_year=year)
        .values_list("unit__path", "state")
        .annotate(n=Count("pk"))
    ):
        skps[state][path] += n
    evaluated: dict[int, Counter[str]] = {p.pk: Counter() for p in periods}
    for path, period_id, n in (
        Evaluation.objects.filter(
            within,
            instansi_id=instansi_id,
            period__in=periods,
            state=EvaluationState.FINAL,
        )
        .values_list("unit_path", "period_id")
        .annotate(n=Count("pk"))
    ):
        evaluated[period_id][path] += n
    head_index = _Index(dict(heads))
    skp_index = {state: _Index(dict(counter)) for state, counter in skps.items()}
    eval_index = {pk: _Index(dict(counter)) for pk, counter in evaluated.items()}
    parents = set(
        Unit.objects.filter(parent__in=units).values_list("parent_id", flat=True).distinct()
    )
    rows = []
    for unit in units:
        row = UnitCompletion(unit, head_index.subtree(unit.path), has_children=unit.pk in parents)
        for state, index in skp_index.items():
            row.skp[state] = index.subtree(unit.path)
        row.evaluated = [eval_index[p.pk].subtree(unit.path) for p in periods]
        rows.append(row)
    return rows, periods


def _within(units: list[Unit], field: str) -> Q:
    """Rows whose ``field`` (a unit path) lies under one of ``units``."""
    q = Q()
    for unit in units:
        q |= subtree_q(unit.path, field)
    return q
