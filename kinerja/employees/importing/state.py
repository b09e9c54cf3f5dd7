"""What the database already holds for one instansi, loaded once per import in a few queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kinerja.employees.models import Assignment, AssignmentKind, Employee
from kinerja.org import paths
from kinerja.org.models import STRUCTURAL_TYPES, Position, Unit

#: Employee fields an import compares and may change, in a fixed order.
IMPORT_FIELDS = (
    "name", "gelar_depan", "gelar_belakang", "status", "gender", "birth_date", "birth_place",
    "golongan", "tmt_golongan", "tmt_cpns", "tmt_pns", "kedudukan_hukum", "education_level",
    "education_major", "graduation_year", "email", "phone",
)  # fmt: skip

FOREIGN_CHUNK = 2000


@dataclass(frozen=True, slots=True)
class UnitInfo:
    pk: int
    code: str
    name: str
    path: str
    parent_id: int | None
    active_until: date | None


@dataclass(frozen=True, slots=True)
class PositionInfo:
    pk: int
    unit_id: int
    name: str
    jabatan_type: str
    path: str
    capacity: int
    is_unit_head: bool

    @property
    def is_structural(self) -> bool:
        return self.jabatan_type in STRUCTURAL_TYPES


@dataclass(frozen=True, slots=True)
class OpenAssignment:
    pk: int
    position_id: int
    start_date: date


@dataclass
class InstansiState:
    """Units, positions, employees and open definitive assignments of one instansi."""

    instansi_id: int
    units_by_id: dict[int, UnitInfo] = field(default_factory=dict)
    units_by_code: dict[str, UnitInfo] = field(default_factory=dict)
    units_by_folded_code: dict[str, UnitInfo] = field(default_factory=dict)
    positions_by_id: dict[int, PositionInfo] = field(default_factory=dict)
    positions_by_name: dict[tuple[int, str], PositionInfo] = field(default_factory=dict)
    heads_by_unit: dict[int, PositionInfo] = field(default_factory=dict)
    last_child_index: dict[str, int] = field(default_factory=dict)  # parent path → last index
    employees: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # nip → (pk, *fields)
    open_by_employee: dict[int, OpenAssignment] = field(default_factory=dict)
    holders_by_position: dict[int, set[int]] = field(default_factory=dict)

    def find_unit(self, code: str) -> UnitInfo | None:
        return self.units_by_code.get(code) or self.units_by_folded_code.get(code.casefold())

    def find_position(self, unit_id: int, name: str) -> PositionInfo | None:
        return self.positions_by_name.get((unit_id, name.casefold()))

    def head_for(self, unit: UnitInfo) -> PositionInfo | None:
        """The unit's head position, or the nearest ancestor unit's head."""
        current: UnitInfo | None = unit
        while current is not None:
            head = self.heads_by_unit.get(current.pk)
            if head is not None:
                return head
            current = self.units_by_id.get(current.parent_id) if current.parent_id else None
        return None

    def next_child_path(self, parent_path: str) -> str:
        index = self.last_child_index.get(parent_path, 0) + 1
        self.last_child_index[parent_path] = index
        return paths.child_path(parent_path, index)


def load_state(instansi_id: int, today: date) -> InstansiState:
    """Load everything an import compares against (five queries, whatever the size)."""
    state = InstansiState(instansi_id)
    for row in Unit.objects.filter(instansi_id=instansi_id).values_list(
        "pk", "code", "name", "path", "parent_id", "active_until"
    ):
        unit = UnitInfo(*row)
        state.units_by_id[unit.pk] = unit
        state.units_by_code.setdefault(unit.code, unit)
        state.units_by_folded_code.setdefault(unit.code.casefold(), unit)

    rows = (
        Position.objects.filter(instansi_id=instansi_id)
        .order_by("path")
        .values_list(
            "pk", "unit_id", "name", "jabatan_type", "path", "capacity", "is_unit_head",
            "active_from", "active_until",
        )
    )  # fmt: skip
    for pk, unit_id, name, jabatan_type, path, capacity, is_head, active_from, active_until in rows:
        position = PositionInfo(pk, unit_id, name, jabatan_type, path, capacity, is_head)
        is_active = (active_from is None or active_from <= today) and (
            active_until is None or active_until >= today
        )
        parent_path = position.path[: -paths.SEGMENT]
        index = paths.segment_index(position.path)
        if index > state.last_child_index.get(parent_path, 0):
            state.last_child_index[parent_path] = index
        if not is_active:
            continue  # kept for path numbering only: a closed position takes no one new
        state.positions_by_id[position.pk] = position
        state.positions_by_name.setdefault((position.unit_id, position.name.casefold()), position)
        if position.is_unit_head:
            state.heads_by_unit.setdefault(position.unit_id, position)

    for pk, nip, *values in Employee.objects.filter(instansi_id=instansi_id).values_list(
        "pk", "nip", *IMPORT_FIELDS
    ):
        state.employees[nip] = (pk, *values)

    for pk, employee_id, position_id, start in Assignment.objects.filter(
        instansi_id=instansi_id, kind=AssignmentKind.DEFINITIF, end_date__isnull=True
    ).values_list("pk", "employee_id", "position_id", "start_date"):
        state.open_by_employee[employee_id] = OpenAssignment(pk, position_id, start)
        state.holders_by_position.setdefault(position_id, set()).add(employee_id)
    return state


def foreign_nips(nips: list[str], instansi_id: int) -> set[str]:
    """Which of ``nips`` belong to an employee of another instansi (chunked ``IN`` queries)."""
    found: set[str] = set()
    for start in range(0, len(nips), FOREIGN_CHUNK):
        chunk = nips[start : start + FOREIGN_CHUNK]
        found.update(
            Employee.objects.filter(nip__in=chunk)
            .exclude(instansi_id=instansi_id)
            .values_list("nip", flat=True)
        )
    return found
