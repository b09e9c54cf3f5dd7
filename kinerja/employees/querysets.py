"""Reusable filters for employees and assignments, including access scoping."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

from kinerja.accounts.roles import principal_for
from kinerja.org import paths
from kinerja.org.querysets import subtree_q

if TYPE_CHECKING:
    from kinerja.employees.models import Assignment, Employee  # noqa: F401 (string bases)


def open_on_q(day: date) -> Q:
    return Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gte=day))


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    def open_on(self, day: date | None = None) -> AssignmentQuerySet:
        return self.filter(open_on_q(day or timezone.localdate()))


def held_positions(user: Any) -> list[tuple[int, str]]:
    """(instansi id, position path) of every position the user holds today, acting included."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_kinerja_held_positions", None)
    if cached is None:
        from kinerja.employees.models import Assignment

        cached = list(
            Assignment.objects.open_on()
            .filter(employee__user_id=user.pk)
            .values_list("position__instansi_id", "position__path")
        )
        user._kinerja_held_positions = cached
    return cached


def subordinates_q(
    user: Any, field_prefix: str = "", skip_instansi: frozenset[int] = frozenset()
) -> Q:
    """Employees placed strictly below a position the user holds (the atasan's team)."""
    q = Q(pk__in=[])
    for instansi_id, path in held_positions(user):
        if instansi_id in skip_instansi:
            continue
        q |= Q(
            **{
                f"{field_prefix}instansi_id": instansi_id,
                f"{field_prefix}position_path__gt": path,
                f"{field_prefix}position_path__lt": paths.subtree_upper_bound(path),
            }
        )
    return q


def employee_scope_q(user: Any, *, write: bool = False, field_prefix: str = "") -> Q:
    """The filter for employees ``user`` may read (or, with ``write``, change).

    Clauses already implied by an instansi-wide grant are left out, so that an Admin BKPSDM's
    filter is a plain ``instansi_id IN (…)`` that the indexes serve.
    """
    principal = principal_for(user)
    if not principal.is_authenticated:
        return Q(pk__in=[])
    if principal.is_superadmin:
        return Q()
    instansi_field = f"{field_prefix}instansi_id"
    whole = frozenset(principal.instansi_write if write else principal.instansi_read)
    q = Q(**{f"{instansi_field}__in": sorted(whole)}) if whole else Q(pk__in=[])
    for instansi_id, unit_paths in principal.unit_paths.items():
        if instansi_id in whole:
            continue
        for path in unit_paths:
            q |= Q(**{instansi_field: instansi_id}) & subtree_q(path, f"{field_prefix}unit_path")
    if not write:
        if principal.home_instansi_id not in whole:
            q |= Q(**{f"{field_prefix}user_id": principal.user_id})
        q |= subordinates_q(user, field_prefix, skip_instansi=whole)
    return q


def nip_prefix_q(prefix: str) -> Q:
    """NIPs starting with ``prefix`` as an index range (LIKE 'x%' cannot use an index on SQLite)."""
    if len(prefix) >= 18:
        return Q(nip=prefix[:18])
    upper = str(int(prefix) + 1).zfill(len(prefix))
    if len(upper) > len(prefix):  # the prefix was all nines
        return Q(nip__gte=prefix)
    return Q(nip__gte=prefix, nip__lt=upper)


class EmployeeQuerySet(models.QuerySet["Employee"]):
    def visible_to(self, user: Any) -> EmployeeQuerySet:
        return self.filter(employee_scope_q(user))

    def writable_by(self, user: Any) -> EmployeeQuerySet:
        return self.filter(employee_scope_q(user, write=True))

    def in_unit_subtree(self, unit: Any) -> EmployeeQuerySet:
        return self.filter(subtree_q(unit.path, "unit_path"), instansi_id=unit.instansi_id)

    def search(self, text: str) -> EmployeeQuerySet:
        text = text.strip()
        if not text:
            return self
        compact = text.replace(" ", "")
        if compact.isdigit():
            return self.filter(nip_prefix_q(compact))
        q = Q()
        for word in text.split():
            q &= Q(name__icontains=word)
        return self.filter(q)

    def with_placement(self) -> EmployeeQuerySet:
        return self.select_related("current_position", "current_unit")
