"""Factories for employees with valid NIPs, placed in positions through the services."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from kinerja.accounts import services as account_services
from kinerja.employees import services
from kinerja.employees.models import AssignmentKind, Employee
from kinerja.employees.nip import make_ni_pppk, make_nip
from kinerja.employees.reference import EmployeeStatus
from kinerja.org.models import Instansi, Position

_serial = itertools.count(1)

TEST_PASSWORD = "uji-Kinerja-2026!"


def make_employee(
    instansi: Instansi,
    name: str = "Budi Santoso",
    *,
    position: Position | None = None,
    status: str = EmployeeStatus.PNS,
    gender: str = "L",
    birth_date: date = date(1985, 4, 12),
    kind: str = AssignmentKind.DEFINITIF,
    start_date: date = date(2020, 1, 1),
    with_user: bool = False,
    **fields: Any,
) -> Employee:
    serial = next(_serial) % 999 + 1
    if status == EmployeeStatus.PPPK:
        nip = make_ni_pppk(birth_date, 2023, 1, gender, serial)
        fields.setdefault("golongan", "IX")
    else:
        nip = make_nip(birth_date, 2010, 3, gender, serial)
        fields.setdefault("golongan", "III/b")
    nip = fields.pop("nip", nip)
    employee = services.create_employee(
        actor=None,
        instansi=instansi,
        audit=False,
        nip=nip,
        name=name,
        status=status,
        gender=gender,
        birth_date=birth_date,
        **fields,
    )
    if position is not None:
        services.assign_position(
            actor=None,
            employee=employee,
            position=position,
            kind=kind,
            start_date=start_date,
            audit=False,
        )
        employee.refresh_from_db()
    if with_user:
        employee.user = account_services.create_user(
            actor=None,
            username=employee.nip,
            email=f"{employee.nip}@contoh.go.id",
            password=TEST_PASSWORD,
            instansi=instansi,
            display_name=employee.full_name,
            audit=False,
        )
        employee.save(update_fields=["user"])
    return employee
