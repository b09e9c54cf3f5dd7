"""The only way views and the API load employees."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from kinerja.accounts.roles import principal_for
from kinerja.employees.models import Assignment, AssignmentKind, Employee
from kinerja.employees.querysets import employee_scope_q
from kinerja.org.access import can_write_unit


def _load(user: Any, lookup: Q, write: bool) -> Employee:
    try:
        employee = (
            Employee.objects.visible_to(user)
            .with_placement()
            .select_related("instansi")
            .get(lookup)
        )
    except Employee.DoesNotExist:
        raise Http404 from None
    if (
        write
        and not Employee.objects.filter(employee_scope_q(user, write=True), pk=employee.pk).exists()
    ):
        raise PermissionDenied
    return employee


def get_employee_for_user(user: Any, employee_id: Any, *, write: bool = False) -> Employee:
    """The employee if ``user`` may see them: 404 otherwise; 403 when writing without the right."""
    try:
        pk = int(employee_id)
    except (TypeError, ValueError):
        raise Http404 from None
    return _load(user, Q(pk=pk), write)


def get_employee_by_nip_for_user(user: Any, nip: Any, *, write: bool = False) -> Employee:
    nip = str(nip or "").strip()
    if not nip.isdigit() or len(nip) != 18:
        raise Http404
    return _load(user, Q(nip=nip), write)


def can_write_employees(user: Any) -> bool:
    """Whether the user can change at least some employees (shows the import and edit controls)."""
    principal = principal_for(user)
    return principal.is_superadmin or bool(principal.instansi_write) or bool(principal.unit_paths)


def get_acting_assignment_for_user(user: Any, assignment_id: Any) -> Assignment:
    """An open Plt/Plh assignment in a unit the user may change: 404 outside the user's
    instansi, 403 for those who may only read it."""
    try:
        assignment = (
            Assignment.objects.select_related("position__unit", "employee")
            .exclude(kind=AssignmentKind.DEFINITIF)
            .get(pk=int(assignment_id), end_date__isnull=True)
        )
    except (Assignment.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if not principal_for(user).belongs_to(assignment.instansi_id):
        raise Http404
    if not can_write_unit(user, assignment.position.unit):
        raise PermissionDenied
    return assignment
