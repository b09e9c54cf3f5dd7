"""Parse → validate → plan: what an import file would create, update, leave alone or reject.

Planning reads the database but never writes to it; the dry run is a plan, and applying starts
from the same plan (see :mod:`kinerja.employees.importing.applying`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models.base import ModelState
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core.spreadsheets import SpreadsheetError, Table
from kinerja.employees.importing.columns import HeaderMap, map_header
from kinerja.employees.importing.parsing import STRUCTURAL, Record, RowParser
from kinerja.employees.importing.state import (
    IMPORT_FIELDS,
    InstansiState,
    PositionInfo,
    UnitInfo,
    foreign_nips,
    load_state,
)
from kinerja.employees.models import Employee
from kinerja.employees.reference import KedudukanHukum
from kinerja.employees.services import employee_problems
from kinerja.org.models import LEVELS_BY_TYPE, JabatanLevel, JabatanType

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 1000

#: Values of fields a new employee gets when the file has no column for them.
DEFAULTS: dict[str, Any] = {
    "gelar_depan": "", "gelar_belakang": "", "birth_place": "", "golongan": "",
    "tmt_golongan": None, "tmt_cpns": None, "tmt_pns": None,
    "kedudukan_hukum": KedudukanHukum.AKTIF, "education_level": "", "education_major": "",
    "graduation_year": None, "email": "", "phone": "",
}  # fmt: skip

#: Which column to name when a model field fails validation.
FIELD_COLUMN = {
    "nip": "nip", "name": "name", "gelar_depan": "gelar_depan",
    "gelar_belakang": "gelar_belakang", "status": "status", "gender": "gender",
    "birth_date": "birth_date", "birth_place": "birth_place", "golongan": "golongan",
    "tmt_golongan": "tmt_golongan", "tmt_cpns": "tmt_cpns", "tmt_pns": "tmt_pns",
    "kedudukan_hukum": "kedudukan", "education_level": "education_level",
    "education_major": "education_major", "graduation_year": "graduation_year",
    "email": "email", "phone": "phone",
}  # fmt: skip


class ImportFileError(SpreadsheetError):
    """The file as a whole cannot be imported (e.g. a required column is missing)."""


@dataclass(slots=True)
class Rejection:
    row: int
    nip: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "nip": self.nip, "reason": self.reason}


@dataclass(slots=True)
class NewPosition:
    """A pelaksana or fungsional position that the file needs and the unit does not have yet."""

    key: tuple[int, str]
    unit: UnitInfo
    name: str
    jabatan_type: str
    level: str
    parent: PositionInfo | None
    first_row: int
    holders: int = 0


@dataclass(slots=True)
class Target:
    """Where a row places its employee: an existing position, or a new one by key."""

    position: PositionInfo | None
    new_key: tuple[int, str] | None
    start_date: date


@dataclass(slots=True)
class Change:
    """One employee to create or update."""

    row: int
    nip: str
    employee: Employee
    changed: list[str] = field(default_factory=list)
    before: dict[str, Any] = field(default_factory=dict)
    move: Target | None = None  # a new definitive placement
    retime: date | None = None  # the open placement stays, with a corrected TMT
    old_assignment: Any = None  # OpenAssignment being closed or retimed

    @property
    def is_create(self) -> bool:
        return self.employee.pk is None


@dataclass
class Plan:
    """The outcome of checking a file, before anything is written."""

    instansi_id: int
    header: HeaderMap
    total_rows: int = 0
    creates: list[Change] = field(default_factory=list)
    updates: list[Change] = field(default_factory=list)
    unchanged: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    new_positions: dict[tuple[int, str], NewPosition] = field(default_factory=dict)
    state: InstansiState | None = None

    @property
    def counts(self) -> dict[str, int]:
        return {
            "total": self.total_rows,
            "created": len(self.creates),
            "updated": len(self.updates),
            "unchanged": self.unchanged,
            "rejected": len(self.rejections),
            "positions_created": len(self.new_positions),
        }


#: Fields whose values come from this package's typed parsers (dates, years, choices), or that
#: ``nip_problems`` checks in full: ``full_clean`` need not look at them again.
TYPED_FIELDS = (
    "nip", "status", "gender", "birth_date", "golongan", "tmt_golongan", "tmt_cpns", "tmt_pns",
    "kedudukan_hukum", "education_level", "graduation_year", "created_at", "updated_at",
    "unit_path", "position_path",
)  # fmt: skip


def row_problems(employee: Employee, today: date) -> dict[str, list[str]]:
    """:func:`employee_problems` for one imported row, without repeating work.

    The rules are those of ``employee_problems``; the fields our parsers can only produce valid
    are trusted and the NIP check constraint (one query per row) is left to ``nip_problems``.
    At 100,000 rows the full check would triple the import's time.
    """
    return employee_problems(
        employee, today=today, trusted_fields=TYPED_FIELDS, check_constraints=False
    )


_TEMPLATE: dict[str, Any] = {}


def new_employee(**values: Any) -> Employee:
    """An unsaved :class:`Employee` built without ``Model.__init__``'s per-keyword work.

    Starts from the attributes of a default-constructed instance (so every field has its
    default and nothing reads as deferred) and overlays ``values`` (attribute names).
    """
    if not _TEMPLATE:
        _TEMPLATE.update({k: v for k, v in Employee().__dict__.items() if k != "_state"})
    employee = Employee.__new__(Employee)
    employee.__dict__.update(_TEMPLATE)
    employee.__dict__.update(values)
    employee._state = ModelState()
    return employee


def _reason(errors: dict[str, list[str]], header: HeaderMap) -> str:
    parts: list[str] = []
    for name, messages in errors.items():
        if name == "nip":
            messages = messages[:1]  # the NIP rules already say everything about it
        key = FIELD_COLUMN.get(name)
        label = header.label(key) if key else ""
        parts.extend(f"{label}: {m}" if label else str(m) for m in messages)
    return "; ".join(parts)


class Planner:
    """Builds a :class:`Plan` for one file and one instansi."""

    def __init__(self, table: Table, *, instansi_id: int, today: date | None = None) -> None:
        self.table = table
        self.today = today or timezone.localdate()
        self.header = map_header(table.header)
        if self.header.missing:
            raise ImportFileError(
                _(
                    "Kolom wajib tidak ditemukan: %(cols)s. Lihat contoh berkas dan "
                    "dokumentasi format."
                )
                % {"cols": ", ".join(self.header.missing)}
            )
        self.plan = Plan(instansi_id=instansi_id, header=self.header, total_rows=table.row_count)
        # Row number → (NIP, the change, or None when the row changes nothing).
        self.accepted: dict[int, tuple[str, Change | None]] = {}
        self.rows_by_nip: dict[str, list[int]] = defaultdict(list)

    def reject(self, row: int, nip: str, reason: str) -> None:
        self.plan.rejections.append(Rejection(row, nip, reason))

    def build(self, on_progress: Progress | None = None) -> Plan:
        state = load_state(self.plan.instansi_id, self.today)
        self.plan.state = state
        parser = RowParser(self.header)
        processed = 0
        for row in self.table.rows():
            record, nip, errors = parser.parse(row)
            if nip:
                self.rows_by_nip[nip.replace(" ", "")].append(row.number)
            if record is None:
                self.reject(row.number, nip, "; ".join(errors))
            else:
                self._classify(record, state)
            processed += 1
            if on_progress is not None and processed % PROGRESS_EVERY == 0:
                on_progress(processed, max(processed, self.plan.total_rows))
        self.plan.total_rows = processed
        self._reject_duplicates()
        self._reject_foreign(state)
        self._check_structural_capacity(state)
        for _nip, change in self.accepted.values():
            if change is None:
                self.plan.unchanged += 1
            else:
                (self.plan.creates if change.is_create else self.plan.updates).append(change)
        self._finish_new_positions()
        self.plan.rejections.sort(key=lambda r: r.row)
        if on_progress is not None:
            on_progress(processed, processed)
        return self.plan

    # --- one row ---------------------------------------------------------------------------

    def _target(self, record: Record, state: InstansiState) -> Target | str | None:
        """The row's position, ``None`` when it gives none, or the reason it cannot be placed."""
        if not record.unit_code:
            return None
        unit = state.find_unit(record.unit_code)
        if unit is None:
            return _("Unor Id “%(code)s” tidak ditemukan di instansi ini") % {
                "code": record.unit_code
            }
        if unit.active_until is not None and unit.active_until < self.today:
            return _("Unit “%(unit)s” sudah tidak aktif") % {"unit": unit.name}
        start = record.tmt_jabatan or self.today
        position = state.find_position(unit.pk, record.position_name)
        if position is not None:
            return Target(position, None, start)
        kind = record.jabatan_kind or (STRUCTURAL if record.eselon else "")
        if kind in {STRUCTURAL, JabatanType.JPT, JabatanType.ADMINISTRATOR, JabatanType.PENGAWAS}:
            return _(
                "Jabatan struktural “%(name)s” tidak ada di unit “%(unit)s”; tambahkan dulu di "
                "struktur organisasi"
            ) % {"name": record.position_name, "unit": unit.name}
        if not kind:
            return _(
                "Jabatan “%(name)s” tidak ada di unit “%(unit)s”; isi Jenis Jabatan (Pelaksana "
                "atau Fungsional) agar jabatan dibuat otomatis"
            ) % {"name": record.position_name, "unit": unit.name}
        level = record.level
        if level not in LEVELS_BY_TYPE[kind]:
            if kind == JabatanType.FUNGSIONAL:
                return _(
                    "Jenjang jabatan fungsional “%(name)s” tidak dapat ditentukan; "
                    "isi kolom Jenjang"
                ) % {"name": record.position_name}
            level = JabatanLevel.KLEREK
        key = (unit.pk, record.position_name.casefold())
        if key not in self.plan.new_positions:
            self.plan.new_positions[key] = NewPosition(
                key, unit, record.position_name, kind, level, state.head_for(unit), record.number
            )
        return Target(None, key, start)

    def _classify(self, record: Record, state: InstansiState) -> None:
        target = self._target(record, state)
        if isinstance(target, str):
            self.reject(record.number, record.nip, target)
            return
        existing = state.employees.get(record.nip)
        if existing is None:
            values = {**DEFAULTS, **record.values}
            employee = new_employee(instansi_id=self.plan.instansi_id, nip=record.nip, **values)
            outcome: Change | str | None = Change(record.number, record.nip, employee, move=target)
        else:
            outcome = self._compare(record, existing, target, state)
        if isinstance(outcome, str):
            self.reject(record.number, record.nip, outcome)
            return
        if outcome is not None and (outcome.is_create or outcome.changed):
            errors = row_problems(outcome.employee, self.today)
            if errors:
                self.reject(record.number, record.nip, _reason(errors, self.header))
                return
        self.accepted[record.number] = (record.nip, outcome)

    def _compare(
        self, record: Record, existing: tuple[Any, ...], target: Target | None, state: InstansiState
    ) -> Change | str | None:
        """The update for an existing employee, ``None`` when nothing differs, or a reason."""
        pk, *current = existing
        current_values = dict(zip(IMPORT_FIELDS, current, strict=True))
        changed = [name for name, value in record.values.items() if current_values[name] != value]
        move: Target | None = None
        retime: date | None = None
        open_assignment = state.open_by_employee.get(pk)
        if target is not None:
            if (
                open_assignment is not None
                and target.position is not None
                and target.position.pk == open_assignment.position_id
            ):
                if record.tmt_jabatan and record.tmt_jabatan != open_assignment.start_date:
                    retime = record.tmt_jabatan
            elif open_assignment is not None and target.start_date <= open_assignment.start_date:
                return _("Tmt Jabatan (%(new)s) harus sesudah TMT jabatan sekarang (%(old)s)") % {
                    "new": target.start_date.strftime("%d-%m-%Y"),
                    "old": open_assignment.start_date.strftime("%d-%m-%Y"),
                }
            else:
                move = target
        if not changed and move is None and retime is None:
            return None
        employee = new_employee(
            id=pk,
            instansi_id=self.plan.instansi_id,
            nip=record.nip,
            **{**current_values, **record.values},
        )
        before = {name: current_values[name] for name in changed}
        return Change(
            record.number, record.nip, employee, changed, before, move, retime, open_assignment
        )

    # --- whole file ------------------------------------------------------------------------

    def _drop(self, nips: set[str]) -> None:
        for nip in nips:
            for number in self.rows_by_nip.get(nip, ()):
                self.accepted.pop(number, None)

    def _changes(self) -> list[Change]:
        return [change for _nip, change in self.accepted.values() if change is not None]

    def _reject_duplicates(self) -> None:
        duplicates = {nip: rows for nip, rows in self.rows_by_nip.items() if len(rows) > 1}
        already = {r.row for r in self.plan.rejections}
        for nip, rows in duplicates.items():
            listed = ", ".join(str(n) for n in rows)
            reason = _("NIP muncul lebih dari sekali dalam berkas (baris %(rows)s)") % {
                "rows": listed
            }
            for number in rows:
                if number not in already:
                    self.reject(number, nip, reason)
        self._drop(set(duplicates))

    def _reject_foreign(self, state: InstansiState) -> None:
        creates = [c for c in self._changes() if c.is_create]
        foreign = foreign_nips([c.nip for c in creates], state.instansi_id)
        reason = _("NIP terdaftar di instansi lain; data pegawai tersebut tidak diubah")
        for change in creates:
            if change.nip in foreign:
                self.reject(change.row, change.nip, reason)
        self._drop(foreign)

    def _check_structural_capacity(self, state: InstansiState) -> None:
        """Reject rows that would put more people in a structural position than it holds."""
        while True:
            leaving: set[int] = set()
            incoming: dict[int, list[Change]] = defaultdict(list)
            for change in self._changes():
                if change.move is None:
                    continue
                if change.old_assignment is not None:
                    leaving.add(change.employee.pk)
                position = change.move.position
                if position is not None and position.is_structural:
                    incoming[position.pk].append(change)
            rejected: set[str] = set()
            for position_id, changes in incoming.items():
                position = state.positions_by_id[position_id]
                staying = state.holders_by_position.get(position_id, set()) - leaving
                if len(staying) + len(changes) <= position.capacity:
                    continue
                if staying:
                    reason = _("Jabatan struktural “%(name)s” masih diduduki pegawai lain")
                else:
                    reason = _(
                        "Lebih dari satu baris menempatkan pegawai pada jabatan "
                        "struktural “%(name)s”"
                    )
                for change in changes:
                    self.reject(change.row, change.nip, reason % {"name": position.name})
                    rejected.add(change.nip)
            if not rejected:
                return
            self._drop(rejected)

    def _finish_new_positions(self) -> None:
        """Keep only new positions that an accepted row still needs, with their holder count."""
        for new in self.plan.new_positions.values():
            new.holders = 0
        for change in self.plan.creates + self.plan.updates:
            if change.move is not None and change.move.new_key is not None:
                self.plan.new_positions[change.move.new_key].holders += 1
        self.plan.new_positions = {k: v for k, v in self.plan.new_positions.items() if v.holders}


def build_plan(
    table: Table,
    *,
    instansi_id: int,
    on_progress: Progress | None = None,
    today: date | None = None,
) -> Plan:
    """Check every row of ``table`` against the instansi's data; nothing is written."""
    return Planner(table, instansi_id=instansi_id, today=today).build(on_progress)
