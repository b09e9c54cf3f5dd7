"""Exporting employees in the SIASN-style columns that the importer reads.

Every export uses :data:`~kinerja.employees.importing.columns.EXPORT_COLUMNS`, writes every cell
as text and escapes formula characters (see :mod:`kinerja.core.spreadsheets`), so an export
imported again into the same instansi reports nothing to create and nothing to update.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from kinerja.core.audit import record_event
from kinerja.core.spreadsheets import Format, write_table
from kinerja.employees.importing.columns import EXPORT_HEADER, EXPORT_KEYS
from kinerja.employees.models import Assignment, AssignmentKind, Employee
from kinerja.employees.reference import PNS_GOLONGAN, EmployeeStatus, KedudukanHukum
from kinerja.org.models import STRUCTURAL_TYPES, JabatanLevel, JabatanType

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_STATUS_TEXT = {EmployeeStatus.PNS: "PNS", EmployeeStatus.CPNS: "CPNS", EmployeeStatus.PPPK: "PPPK"}
_JENIS_JABATAN = {
    JabatanType.FUNGSIONAL: ("2", "Fungsional Tertentu"),
    JabatanType.PELAKSANA: ("4", "Pelaksana"),
}


def _date(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def export_queryset(queryset: QuerySet[Employee]) -> QuerySet[Employee]:
    """``queryset`` with what one export row needs, in one query."""
    open_start = Assignment.objects.filter(
        employee=OuterRef("pk"), kind=AssignmentKind.DEFINITIF, end_date__isnull=True
    ).values("start_date")[:1]
    return (
        queryset.select_related("current_position", "current_unit")
        .annotate(tmt_jabatan=Subquery(open_start))
        .order_by("nip")
    )


def employee_cells(employee: Employee) -> list[str]:
    """One export row, in :data:`EXPORT_KEYS` order."""
    position = employee.current_position
    unit = employee.current_unit
    structural = position is not None and position.jabatan_type in STRUCTURAL_TYPES
    jenis_id, jenis = ("1", "Struktural") if structural else ("", "")
    if position is not None and not structural:
        jenis_id, jenis = _JENIS_JABATAN[JabatanType(position.jabatan_type)]
    golongan = employee.golongan
    golongan_id = PNS_GOLONGAN[golongan][0] if golongan in PNS_GOLONGAN else None
    values: dict[str, str] = {
        "nip": employee.nip,
        "name": employee.name,
        "gelar_depan": employee.gelar_depan,
        "gelar_belakang": employee.gelar_belakang,
        "birth_place": employee.birth_place,
        "birth_date": _date(employee.birth_date),
        "gender": employee.gender,
        "status": _STATUS_TEXT[EmployeeStatus(employee.status)],
        "kedudukan": str(KedudukanHukum(employee.kedudukan_hukum).label),
        "tmt_cpns": _date(employee.tmt_cpns),
        "tmt_pns": _date(employee.tmt_pns),
        "golongan_id": str(golongan_id) if golongan_id and employee.status != "pppk" else "",
        "golongan": golongan,
        "tmt_golongan": _date(employee.tmt_golongan),
        "jenis_jabatan_id": jenis_id,
        "jenis_jabatan": jenis,
        "jabatan": position.name if position else "",
        "eselon": position.eselon if position else "",
        "jenjang": str(JabatanLevel(position.level).label) if position and not structural else "",
        "tmt_jabatan": _date(getattr(employee, "tmt_jabatan", None)) if position else "",
        "unor_id": unit.code if unit else "",
        "unor_nama": unit.name if unit else "",
        "education_level": employee.education_level,
        "education_major": employee.education_major,
        "graduation_year": str(employee.graduation_year or ""),
        "email": employee.email,
        "phone": employee.phone,
    }
    return [values[key] for key in EXPORT_KEYS]


def employee_rows(queryset: QuerySet[Employee]) -> Iterator[list[str]]:
    for employee in export_queryset(queryset).iterator(chunk_size=2000):
        yield employee_cells(employee)


def write_employees(
    target: IO[bytes] | str | Path, queryset: QuerySet[Employee], *, fmt: Format
) -> int:
    """Write the employees of ``queryset`` to ``target``; returns the number of rows."""
    count = 0

    def counted() -> Iterator[list[str]]:
        nonlocal count
        for row in employee_rows(queryset):
            count += 1
            yield row

    write_table(target, EXPORT_HEADER, counted(), fmt=fmt, sheet_name="Pegawai")
    return count


def export_instansi(target: IO[bytes] | str | Path, *, instansi: Any, fmt: Format) -> int:
    """Every employee of ``instansi`` in the import format (the command-line export)."""
    return write_employees(target, Employee.objects.filter(instansi=instansi), fmt=fmt)


def export_directory(
    *, actor: Any, queryset: QuerySet[Employee], fmt: Format, filters: dict[str, str],
    instansi_id: int | None,
) -> tuple[IO[bytes], str]:  # fmt: skip
    """The filtered directory as a file (a temporary file, rewound) and its download name.

    A bulk export of personal data is recorded in the audit trail with its filters and size.
    """
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the response, which closes it
    count = write_employees(handle, queryset, fmt=fmt)
    handle.seek(0)
    record_event(
        actor=actor, action="employees.export", instansi_id=instansi_id,
        after={"count": count, "format": fmt, "filters": filters},
    )  # fmt: skip
    name = f"pegawai-{timezone.localdate():%Y%m%d}.{fmt}"
    return handle, name
