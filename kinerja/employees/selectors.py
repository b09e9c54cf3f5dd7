"""Read functions for employees: holders of positions, superiors, teams, headcounts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from kinerja.employees.models import Assignment, AssignmentKind, Employee
from kinerja.employees.querysets import open_on_q
from kinerja.org.models import Position

_KIND_ORDER = {AssignmentKind.DEFINITIF: 0, AssignmentKind.PLT: 1, AssignmentKind.PLH: 2}


@dataclass(frozen=True)
class Holder:
    employee: Employee
    kind: str
    position: Position
    assignment_id: int | None = None

    @property
    def is_acting(self) -> bool:
        return self.kind != AssignmentKind.DEFINITIF

    @property
    def kind_label(self) -> str:
        return str(AssignmentKind(self.kind).label)


def holders_by_position(
    position_ids: list[int], day: date | None = None
) -> dict[int, list[Holder]]:
    """Open holders of each position, definitive first, then Plt, then Plh (one query)."""
    day = day or timezone.localdate()
    result: dict[int, list[Holder]] = defaultdict(list)
    rows = (
        Assignment.objects.filter(open_on_q(day), position_id__in=position_ids)
        .select_related("employee", "position")
        .order_by("position_id", "employee__name")
    )
    for a in rows:
        result[a.position_id].append(Holder(a.employee, a.kind, a.position, a.pk))
    for holders in result.values():
        holders.sort(key=lambda h: _KIND_ORDER[AssignmentKind(h.kind)])
    return result


def open_holder_counts(instansi_id: int, day: date | None = None) -> dict[int, int]:
    """Definitive holders per position today."""
    day = day or timezone.localdate()
    return dict(
        Assignment.objects.filter(
            open_on_q(day), instansi_id=instansi_id, kind=AssignmentKind.DEFINITIF
        )
        .values_list("position_id")
        .annotate(n=Count("pk"))
        .values_list("position_id", "n")
    )


def headcount_per_unit(instansi_id: int) -> dict[int, int]:
    return dict(
        Employee.objects.filter(instansi_id=instansi_id, current_unit__isnull=False)
        .values_list("current_unit_id")
        .annotate(n=Count("pk"))
        .values_list("current_unit_id", "n")
    )


@dataclass(frozen=True)
class Superiors:
    """The derived assessors of an employee: atasan (pejabat penilai) and atasan's atasan."""

    position: Position | None
    atasan_position: Position | None
    atasan: Holder | None
    atasan_atasan_position: Position | None
    atasan_atasan: Holder | None

    @property
    def chain_broken(self) -> bool:
        return self.atasan_position is not None and self.atasan is None


def superiors_of(employee: Employee, day: date | None = None) -> Superiors:
    """Derive atasan and atasan's atasan from the position tree and acting assignments."""
    day = day or timezone.localdate()
    position = employee.current_position
    parent = position.parent if position and position.parent_id else None
    grandparent = parent.parent if parent and parent.parent_id else None
    holders = holders_by_position([p.pk for p in (parent, grandparent) if p], day)

    def first(p: Position | None) -> Holder | None:
        found = holders.get(p.pk, []) if p else []
        return found[0] if found else None

    return Superiors(position, parent, first(parent), grandparent, first(grandparent))


def direct_reports(employee: Employee, day: date | None = None) -> list[Employee]:
    """Employees whose position reports to a position this employee holds (acting included)."""
    day = day or timezone.localdate()
    held = Assignment.objects.filter(open_on_q(day), employee=employee).values("position_id")
    return list(
        Employee.objects.filter(current_position__parent_id__in=held)
        .exclude(pk=employee.pk)
        .with_placement()
        .order_by("current_position__path", "name")
    )


def broken_chains(instansi_id: int, day: date | None = None) -> list[Employee]:
    """Employees whose superior position has no holder today, definitive or acting."""
    day = day or timezone.localdate()
    holder = Assignment.objects.filter(
        open_on_q(day), position_id=OuterRef("current_position__parent_id")
    )
    return list(
        Employee.objects.filter(instansi_id=instansi_id, current_position__parent__isnull=False)
        .filter(~Exists(holder))
        .select_related("current_position__parent", "current_unit")
        .order_by("unit_path", "name")
    )


def assignment_history(employee: Employee) -> list[Assignment]:
    return list(
        Assignment.objects.filter(employee=employee)
        .select_related("position__unit")
        .order_by("-start_date")
    )


def position_history(position: Position) -> list[Assignment]:
    return list(
        Assignment.objects.filter(position=position)
        .select_related("employee")
        .order_by("-start_date")
    )
