"""Every write to employees and their assignments."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.roles import principal_for
from kinerja.core.audit import record_event, snapshot
from kinerja.employees import nip as nip_rules
from kinerja.employees.models import Assignment, AssignmentKind, Employee
from kinerja.employees.reference import PNS_GOLONGAN, PPPK_GOLONGAN, EmployeeStatus
from kinerja.org.models import Position

EMPLOYEE_FIELDS = (
    "nip", "name", "gelar_depan", "gelar_belakang", "status", "gender", "birth_date",
    "birth_place", "golongan", "tmt_golongan", "tmt_cpns", "tmt_pns", "kedudukan_hukum",
    "education_level", "education_major", "graduation_year", "email", "phone",
)  # fmt: skip


def nip_problems(employee: Employee, today: date | None = None) -> dict[str, list[str]]:
    """Field errors for the NIP and the fields it must agree with (DOMAIN.md §6)."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    try:
        if employee.status == EmployeeStatus.PPPK:
            parts = nip_rules.parse_ni_pppk(employee.nip)
        else:
            parts = nip_rules.parse_nip(employee.nip)
    except nip_rules.NipError as exc:
        errors["nip"] = [str(exc)]
        return errors
    for field, message in nip_rules.check_consistency(
        parts, birth_date=employee.birth_date, gender=employee.gender, today=today
    ):
        errors.setdefault(field, []).append(message)
    return errors


def employee_problems(
    employee: Employee,
    *,
    today: date | None = None,
    trusted_fields: tuple[str, ...] = (),
    check_constraints: bool = True,
) -> dict[str, list[str]]:
    """Every validation error of an employee record, keyed by field.

    Bulk callers whose parsers can only produce well-typed values pass those fields as
    ``trusted_fields`` and ``check_constraints=False`` (the NIP constraint is what
    ``nip_problems`` checks already), which saves a query and most of the work per row.
    """
    errors = nip_problems(employee, today)
    if employee.golongan:
        allowed = PPPK_GOLONGAN if employee.status == EmployeeStatus.PPPK else list(PNS_GOLONGAN)
        if employee.golongan not in allowed:
            errors.setdefault("golongan", []).append(
                _("Golongan %(g)s tidak berlaku untuk status %(s)s.")
                % {"g": employee.golongan, "s": employee.get_status_display()}
            )
    try:
        employee.full_clean(
            exclude=["user", "current_position", "current_unit", "instansi", *trusted_fields],
            validate_unique=False,
            validate_constraints=check_constraints,
        )
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    return errors


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def create_employee(*, actor: Any, instansi: Any, audit: bool = True, **fields: Any) -> Employee:
    """Create an employee after checking the NIP against the other fields."""
    employee = Employee(instansi=instansi, **fields)
    _raise(employee_problems(employee))
    with transaction.atomic():
        if Employee.objects.filter(nip=employee.nip).exists():
            raise ValidationError({"nip": [_("NIP ini sudah terdaftar.")]})
        employee.save()
        if audit:
            record_event(
                actor=actor,
                action="employee.create",
                target=employee,
                instansi_id=instansi.pk,
                after=snapshot(employee, EMPLOYEE_FIELDS),
            )
    return employee


def update_employee(*, actor: Any, employee: Employee, **changes: Any) -> Employee:
    """Change an employee's fields; records before and after of what changed."""
    unknown = set(changes) - set(EMPLOYEE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    before = snapshot(employee, changes.keys())
    for name, value in changes.items():
        setattr(employee, name, value)
    _raise(employee_problems(employee))
    after = snapshot(employee, changes.keys())
    if before == after:
        return employee
    with transaction.atomic():
        employee.save(update_fields=[*changes.keys(), "updated_at"])
        record_event(
            actor=actor,
            action="employee.update",
            target=employee,
            instansi_id=employee.instansi_id,
            before=before,
            after=after,
        )
    return employee


def sync_placement(employee: Employee) -> None:
    """Copy the open definitive assignment onto the employee's denormalised fields."""
    current = (
        Assignment.objects.filter(
            employee=employee, kind=AssignmentKind.DEFINITIF, end_date__isnull=True
        )
        .select_related("position__unit")
        .first()
    )
    position = current.position if current else None
    employee.current_position = position
    employee.current_unit = position.unit if position else None
    employee.unit_path = position.unit.path if position else ""
    employee.position_path = position.path if position else ""
    employee.save(update_fields=["current_position", "current_unit", "unit_path", "position_path"])


def assign_position(
    *,
    actor: Any,
    employee: Employee,
    position: Position,
    kind: str = AssignmentKind.DEFINITIF,
    start_date: date,
    end_date: date | None = None,
    decree: str = "",
    audit: bool = True,
) -> Assignment:
    """Place an employee in a position. A new definitive placement ends the previous one.

    Acting assignments (Plt/Plh) usually carry an end date; one acting official per kind at a
    time, and an employee cannot act in their own position.
    """
    if kind != AssignmentKind.DEFINITIF and employee.current_position_id == position.pk:
        raise ValidationError({"employee": [_("Pegawai ini sudah memangku jabatan tersebut.")]})
    if position.instansi_id != employee.instansi_id:
        raise ValidationError({"position": [_("Jabatan berasal dari instansi lain.")]})
    with transaction.atomic():
        holders = Assignment.objects.open_on(start_date).filter(position=position, kind=kind)
        if kind != AssignmentKind.DEFINITIF or position.is_structural:
            limit = 1 if kind != AssignmentKind.DEFINITIF else position.capacity
            if holders.exclude(employee=employee).count() >= limit:
                raise ValidationError(
                    {"position": [_("Jabatan ini sudah terisi pada tanggal tersebut.")]}
                )
        if kind == AssignmentKind.DEFINITIF:
            previous = Assignment.objects.filter(
                employee=employee, kind=AssignmentKind.DEFINITIF, end_date__isnull=True
            ).first()
            if previous is not None:
                if previous.start_date >= start_date:
                    raise ValidationError(
                        {"start_date": [_("TMT harus sesudah TMT jabatan sebelumnya.")]}
                    )
                previous.end_date = start_date - timedelta(days=1)
                previous.save(update_fields=["end_date"])
        assignment = Assignment(
            employee=employee,
            position=position,
            instansi_id=employee.instansi_id,
            kind=kind,
            start_date=start_date,
            end_date=end_date,
            decree=decree,
        )
        assignment.full_clean()
        assignment.save()
        if kind == AssignmentKind.DEFINITIF:
            sync_placement(employee)
        if audit:
            record_event(
                actor=actor,
                action=f"assignment.{kind}",
                target=employee,
                instansi_id=employee.instansi_id,
                after={
                    "position": position.pk,
                    "position_name": position.name,
                    "kind": kind,
                    "start_date": start_date,
                    "end_date": end_date,
                    "decree": decree,
                },
            )
    return assignment


def end_assignment(*, actor: Any, assignment: Assignment, end_date: date) -> Assignment:
    """Close an assignment (e.g. when a Plt's term ends)."""
    if end_date < assignment.start_date:
        raise ValidationError({"end_date": [_("Tanggal akhir tidak boleh sebelum TMT mulai.")]})
    with transaction.atomic():
        assignment.end_date = end_date
        assignment.save(update_fields=["end_date"])
        if assignment.kind == AssignmentKind.DEFINITIF:
            sync_placement(assignment.employee)
        record_event(
            actor=actor,
            action="assignment.end",
            target=assignment.employee,
            instansi_id=assignment.instansi_id,
            after={"assignment": assignment.pk, "end_date": end_date},
        )
    return assignment


def record_profile_view(*, actor: Any, employee: Employee) -> None:
    """Log that an administrator opened someone else's profile (reads of personal data).

    Own profiles and an atasan looking at the team are ordinary work and are not logged.
    """
    if employee.user_id == actor.pk or not principal_for(actor).is_admin:
        return
    record_event(
        actor=actor, action="employee.view", target=employee, instansi_id=employee.instansi_id
    )
