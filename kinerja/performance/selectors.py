"""Read functions for the performance cycle: the Matriks Peran Hasil and who cannot plan yet."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Substr
from django.utils import timezone

from kinerja.employees.models import Assignment, AssignmentKind, Employee
from kinerja.employees.querysets import open_on_q
from kinerja.org.models import JabatanType, Unit
from kinerja.org.paths import SEGMENT
from kinerja.org.querysets import subtree_q
from kinerja.performance.models import Rhk, Skp, SkpState

# --- the Matriks Peran Hasil -----------------------------------------------------------------


@dataclass(frozen=True)
class SupportGroup:
    """One subordinate's RHK (on one SKP) that support one of the leader's RHK."""

    employee: Employee
    skp: Skp
    rhks: list[Rhk]


@dataclass(frozen=True)
class MatrixRow:
    """One of the leader's RHK and who supports it."""

    rhk: Rhk
    groups: list[SupportGroup]

    @property
    def is_unsupported(self) -> bool:
        return not self.groups


@dataclass(frozen=True)
class UnlinkedRhk:
    """A subordinate's RHK that supports none of the leader's RHK.

    ``rhk.supports`` is empty (it supports nothing) or another SKP's RHK (``elsewhere``).
    """

    employee: Employee
    skp: Skp
    rhk: Rhk

    @property
    def elsewhere(self) -> bool:
        return self.rhk.supports_id is not None


@dataclass(frozen=True)
class Subordinate:
    """A member of the leader's team and their SKPs of the leader's year.

    ``is_direct_report``: the employee's current position reports to the leader's position,
    so the leader may draft their SKP from the matrix; the others are in the team because an
    SKP of theirs names the leader's position as assessor (or supports the leader's RHK).
    """

    employee: Employee
    is_direct_report: bool
    skps: list[Skp] = field(default_factory=list)
    supported_rhk_ids: set[int] = field(default_factory=set)

    @property
    def current_skp(self) -> Skp | None:
        """The SKP for the employee's current position: the one bulk drafting adds to."""
        return next(
            (s for s in self.skps if s.position_id == self.employee.current_position_id), None
        )

    @property
    def has_skp(self) -> bool:
        return bool(self.skps)


@dataclass(frozen=True)
class Matrix:
    """The Matriks Peran Hasil of one leader's SKP."""

    skp: Skp
    rows: list[MatrixRow]
    subordinates: list[Subordinate]
    unlinked: list[UnlinkedRhk]

    @property
    def unsupported(self) -> list[Rhk]:
        return [row.rhk for row in self.rows if row.is_unsupported]

    @property
    def without_skp(self) -> list[Employee]:
        return [s.employee for s in self.subordinates if not s.has_skp]

    @property
    def direct_reports(self) -> list[Subordinate]:
        return [s for s in self.subordinates if s.is_direct_report]


def matrix_for(skp: Skp) -> Matrix:
    """Each RHK of the leader's ``skp`` with the subordinates' RHK that support it.

    The team is the employees whose current position reports to ``skp.position`` plus anyone
    with an SKP of the same year assessed from that position or supporting one of its RHK.
    Four queries whatever the size of the team.
    """
    leader_rhks = list(skp.rhks.order_by("kind", "order", "pk"))
    leader_rhk_ids = {r.pk for r in leader_rhks}
    reports = list(
        Employee.objects.filter(current_position__parent_id=skp.position_id)
        .exclude(pk=skp.employee_id)
        .with_placement()
        .order_by("position_path", "name")
    )
    supports_leader = Rhk.objects.filter(skp_id=OuterRef("pk"), supports__skp_id=skp.pk)
    team_skps = list(
        Skp.objects.filter(performance_year_id=skp.performance_year_id)
        .filter(
            Q(assessor_position_id=skp.position_id)
            | Q(position__parent_id=skp.position_id)
            | Exists(supports_leader)
        )
        .exclude(employee_id=skp.employee_id)
        .select_related("employee__current_position", "employee__current_unit", "position")
        .order_by("employee__position_path", "employee__name", "starts")
    )
    team: dict[int, Subordinate] = {e.pk: Subordinate(e, is_direct_report=True) for e in reports}
    for sub_skp in team_skps:
        member = team.setdefault(
            sub_skp.employee_id, Subordinate(sub_skp.employee, is_direct_report=False)
        )
        member.skps.append(sub_skp)
    skps_by_id = {s.pk: s for s in team_skps}
    rhks = (
        list(
            Rhk.objects.filter(skp_id__in=skps_by_id)
            .select_related("supports")
            .order_by("skp_id", "kind", "order", "pk")
        )
        if skps_by_id
        else []
    )
    supporting: dict[int, dict[int, list[Rhk]]] = defaultdict(lambda: defaultdict(list))
    unlinked: list[UnlinkedRhk] = []
    for rhk in rhks:
        sub_skp = skps_by_id[rhk.skp_id]
        member = team[sub_skp.employee_id]
        if rhk.supports_id in leader_rhk_ids:
            supporting[rhk.supports_id][sub_skp.pk].append(rhk)
            member.supported_rhk_ids.add(rhk.supports_id)
        elif rhk.supports_id is not None or not sub_skp.is_jpt:
            unlinked.append(UnlinkedRhk(member.employee, sub_skp, rhk))
    subordinates = sorted(
        team.values(), key=lambda s: (s.employee.position_path, s.employee.name, s.employee.pk)
    )
    order = {s.employee.pk: i for i, s in enumerate(subordinates)}
    rows = []
    for leader_rhk in leader_rhks:
        by_skp = supporting.get(leader_rhk.pk, {})
        groups = [
            SupportGroup(skps_by_id[skp_id].employee, skps_by_id[skp_id], found)
            for skp_id, found in by_skp.items()
        ]
        groups.sort(key=lambda g: (order[g.employee.pk], g.skp.starts))
        rows.append(MatrixRow(leader_rhk, groups))
    unlinked.sort(key=lambda u: (order[u.employee.pk], u.skp.starts))
    return Matrix(skp, rows, subordinates, unlinked)


# --- employees who cannot plan yet -----------------------------------------------------------


def _within_q(paths: Sequence[str] | None) -> Q:
    """Employees placed in the subtree of any of ``paths`` (``None``: no restriction)."""
    if paths is None:
        return Q()
    q = Q(pk__in=[])
    for path in paths:
        q |= subtree_q(path, "unit_path")
    return q


def _cannot_plan(instansi_id: int, year: int, within: Sequence[str] | None) -> QuerySet[Employee]:
    approved = Skp.objects.filter(
        position_id=OuterRef("current_position__parent_id"),
        performance_year__instansi_id=instansi_id,
        performance_year__year=year,
        state=SkpState.APPROVED,
    )
    return (
        Employee.objects.filter(instansi_id=instansi_id, current_position__parent__isnull=False)
        .filter(_within_q(within))
        .exclude(current_position__jabatan_type=JabatanType.JPT)
        .filter(~Exists(approved))
    )


def employees_who_cannot_plan(
    instansi_id: int,
    year: int,
    *,
    within: Sequence[str] | None = None,
    day: date | None = None,
) -> QuerySet[Employee]:
    """Non-JPT employees whose atasan's position has no approved SKP for ``year``.

    Their RHK must support an RHK of the leader's approved SKP, so until it exists they cannot
    plan. Each row carries ``leader_skp_state`` (the state of the atasan position's latest SKP
    of the year, ``None`` when there is none) and ``leader_name`` (the position's holder today,
    definitive before Plt before Plh; ``None`` when vacant). ``within`` limits the rows to the
    subtrees of those unit paths (an Admin OPD's units). One query.
    """
    day = day or timezone.localdate()
    leader_skps = Skp.objects.filter(
        position_id=OuterRef("current_position__parent_id"),
        performance_year__instansi_id=instansi_id,
        performance_year__year=year,
    ).order_by("-starts")
    holder = (
        Assignment.objects.filter(
            open_on_q(day), position_id=OuterRef("current_position__parent_id")
        )
        .annotate(
            rank=Case(
                When(kind=AssignmentKind.DEFINITIF, then=Value(0)),
                When(kind=AssignmentKind.PLT, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "employee__name")
    )
    return (
        _cannot_plan(instansi_id, year, within)
        .annotate(
            leader_skp_state=Subquery(leader_skps.values("state")[:1]),
            leader_name=Subquery(holder.values("employee__name")[:1]),
        )
        .select_related("current_position__parent", "current_unit")
        .order_by("unit_path", "name", "pk")
    )


def count_cannot_plan_per_opd(
    instansi_id: int, year: int, *, within: Sequence[str] | None = None
) -> list[tuple[Unit | None, int]]:
    """How many employees cannot plan, per top-level unit (OPD), in tree order. Two queries."""
    counts = dict(
        _cannot_plan(instansi_id, year, within)
        .annotate(opd_path=Substr("unit_path", 1, SEGMENT))
        .values_list("opd_path")
        .annotate(n=Count("pk"))
        .values_list("opd_path", "n")
        .order_by()
    )
    units = {
        u.path: u
        for u in Unit.objects.filter(instansi_id=instansi_id, path__in=list(counts)).only(
            "pk", "name", "path", "instansi_id"
        )
    }
    return [(units.get(path), n) for path, n in sorted(counts.items())]
