"""Writing a checked :class:`~kinerja.employees.importing.planning.Plan` to the database.

Set-based: new positions, employees and assignments go in with ``bulk_create``, changes with
``bulk_update`` grouped by the fields that changed, and the audit trail with one
``record_events`` call. Everything happens in one transaction, so a failure part-way leaves
nothing behind.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core import bulk
from kinerja.core.audit import PendingEvent, record_events
from kinerja.core.db import refresh_statistics
from kinerja.employees.importing.planning import Change, Plan, Target
from kinerja.employees.importing.state import IMPORT_FIELDS, InstansiState
from kinerja.employees.models import Assignment, AssignmentKind, Employee
from kinerja.org.models import Position

BATCH = 2000
UPDATE_BATCH = 500
PLACEMENT_FIELDS = ["current_position", "current_unit", "unit_path", "position_path"]
Progress = Callable[[int, int], None]


class ImportRefused(Exception):
    """Applying was refused because rows were rejected and skipping them was not chosen."""


@dataclass(frozen=True, slots=True)
class Slot:
    """A position as an employee's denormalised placement fields need it."""

    pk: int
    name: str
    path: str
    unit_id: int
    unit_path: str
    unit_code: str


def _batches[T](items: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _insert_employees(batch: list[Employee]) -> None:
    bulk.insert(Employee, batch)


ASSIGNMENT_COLUMNS = ("employee_id", "position_id", "instansi_id", "kind", "start_date", "end_date")


def _insert_assignments(batch: list[tuple[Any, ...]]) -> None:
    bulk.insert_rows(Assignment, ASSIGNMENT_COLUMNS, batch)


def _create_positions(
    plan: Plan, state: InstansiState
) -> tuple[dict[tuple[int, str], Slot], list[Position]]:
    rows: list[tuple[tuple[int, str], Position]] = []
    for key, new in plan.new_positions.items():
        parent_path = new.parent.path if new.parent else ""
        position = Position(
            instansi_id=plan.instansi_id,
            unit_id=new.unit.pk,
            parent_id=new.parent.pk if new.parent else None,
            name=new.name,
            jabatan_type=new.jabatan_type,
            level=new.level,
            capacity=max(1, new.holders),
            is_unit_head=False,
            path=state.next_child_path(parent_path),
        )
        rows.append((key, position))
    created = Position.objects.bulk_create([p for _k, p in rows], batch_size=BATCH)
    slots = {
        key: Slot(p.pk, p.name, p.path, p.unit_id, plan.new_positions[key].unit.path,
                  plan.new_positions[key].unit.code)
        for key, p in rows
    }  # fmt: skip
    return slots, created


def _slot(target: Target, state: InstansiState, created: dict[tuple[int, str], Slot]) -> Slot:
    if target.new_key is not None:
        return created[target.new_key]
    assert target.position is not None
    position = target.position
    unit = state.units_by_id[position.unit_id]
    return Slot(position.pk, position.name, position.path, unit.pk, unit.path, unit.code)


def _place(employee: Employee, slot: Slot) -> None:
    employee.current_position_id = slot.pk
    employee.current_unit_id = slot.unit_id
    employee.unit_path = slot.unit_path
    employee.position_path = slot.path


def _json(value: Any) -> Any:
    # Dates as the audit log's JSON encoder would write them, done here once per value.
    return value.isoformat() if isinstance(value, date) else value


def _values(employee: Employee, fields: Any) -> dict[str, Any]:
    return {name: _json(getattr(employee, name)) for name in fields}


def _create_event(change: Change, slot: Slot | None) -> PendingEvent:
    # Empty fields are left out: the event says what the new record holds, briefly.
    after = {
        name: value
        for name, value in _values(change.employee, IMPORT_FIELDS).items()
        if value not in ("", None)
    }
    after |= {"nip": change.nip, "source": "import"}
    if slot is not None and change.move is not None:
        after |= {
            "position": slot.name,
            "unit": slot.unit_code,
            "tmt_jabatan": _json(change.move.start_date),
        }
    return PendingEvent(
        action="employee.create", target=change.employee, after=after,
        instansi_id=change.employee.instansi_id,
    )  # fmt: skip


def _update_event(change: Change, slot: Slot | None, state: InstansiState) -> PendingEvent:
    before = {name: _json(value) for name, value in change.before.items()}
    after = _values(change.employee, change.changed)
    old = change.old_assignment
    if slot is not None and change.move is not None:
        if old is not None:
            old_position = state.positions_by_id.get(old.position_id)
            before |= {
                "position": old_position.name if old_position else old.position_id,
                "tmt_jabatan": _json(old.start_date),
            }
        after |= {
            "position": slot.name,
            "unit": slot.unit_code,
            "tmt_jabatan": _json(change.move.start_date),
        }
    if change.retime is not None and old is not None:
        before["tmt_jabatan"] = _json(old.start_date)
        after["tmt_jabatan"] = _json(change.retime)
    after["source"] = "import"
    return PendingEvent(
        action="employee.update", target=change.employee, before=before, after=after,
        instansi_id=change.employee.instansi_id,
    )  # fmt: skip


def apply_plan(
    plan: Plan,
    *,
    actor: Any,
    skip_invalid: bool,
    file_name: str,
    file_sha256: str,
    on_progress: Progress | None = None,
) -> dict[str, Any]:
    """Write ``plan`` in one transaction and return the counts; see module docstring.

    Raises :class:`ImportRefused` when rows were rejected and ``skip_invalid`` is false.
    """
    if plan.rejections and not skip_invalid:
        raise ImportRefused(
            _(
                "Tidak ada yang disimpan: %(n)d baris ditolak. Perbaiki berkasnya, atau pilih "
                "“lewati baris tidak valid”."
            )
            % {"n": len(plan.rejections)}
        )
    state = plan.state
    assert state is not None
    counts = dict(plan.counts)
    total = len(plan.creates) + len(plan.updates)
    done = 0
    now = timezone.now()
    with transaction.atomic():
        created_positions, positions = _create_positions(plan, state)
        slots: dict[int, Slot] = {}  # row → slot of its new placement

        for change in plan.creates + plan.updates:
            if change.move is not None:
                slots[change.row] = _slot(change.move, state, created_positions)
                _place(change.employee, slots[change.row])

        for batch in _batches([c.employee for c in plan.creates], BATCH):
            _insert_employees(batch)
            done += len(batch)
            if on_progress is not None:
                on_progress(done, total)

        closing = [
            Assignment(pk=c.old_assignment.pk, end_date=_day_before(c.move.start_date))
            for c in plan.updates
            if c.move is not None and c.old_assignment is not None
        ]
        Assignment.objects.bulk_update(closing, ["end_date"], batch_size=UPDATE_BATCH)
        retimed = [
            Assignment(pk=c.old_assignment.pk, start_date=c.retime)
            for c in plan.updates
            if c.retime is not None and c.old_assignment is not None
        ]
        Assignment.objects.bulk_update(retimed, ["start_date"], batch_size=UPDATE_BATCH)

        groups: dict[tuple[str, ...], list[Employee]] = defaultdict(list)
        for change in plan.updates:
            fields = list(change.changed)
            if change.move is not None:
                fields += PLACEMENT_FIELDS
            if not fields:
                continue  # only the TMT of the open placement changed
            change.employee.updated_at = now
            groups[(*fields, "updated_at")].append(change.employee)
        for fields_key, employees in groups.items():
            Employee.objects.bulk_update(employees, list(fields_key), batch_size=UPDATE_BATCH)
            done += len(employees)
            if on_progress is not None:
                on_progress(done, total)

        new_assignments: list[tuple[Any, ...]] = [
            (c.employee.pk, slots[c.row].pk, plan.instansi_id, AssignmentKind.DEFINITIF,
             c.move.start_date, None)
            for c in plan.creates + plan.updates
            if c.move is not None
        ]  # fmt: skip
        for rows in _batches(new_assignments, BATCH):
            _insert_assignments(rows)

        events = [
            PendingEvent(
                action="position.create", target=position, instansi_id=plan.instansi_id,
                after={"name": position.name, "unit": position.unit_id,
                       "parent": position.parent_id, "jabatan_type": position.jabatan_type,
                       "level": position.level, "capacity": position.capacity,
                       "source": "import"},
            )
            for position in positions
        ]  # fmt: skip
        events += [_create_event(c, slots.get(c.row)) for c in plan.creates]
        events += [_update_event(c, slots.get(c.row), state) for c in plan.updates]
        events.append(
            PendingEvent(
                action="employees.import", target=None, instansi_id=plan.instansi_id,
                target_label=file_name[:300],
                after={**counts, "file_name": file_name, "file_sha256": file_sha256,
                       "skip_invalid": skip_invalid},
            )
        )  # fmt: skip
        record_events(actor=actor, events=events)
    if counts.get("created", 0) + counts.get("updated", 0) > 1000:
        refresh_statistics("employees_employee", "employees_assignment", "core_auditevent")
    return counts


def _day_before(day: date) -> date:
    return day - timedelta(days=1)
