"""Reusable filters for the performance cycle, including access scoping."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

from kinerja.accounts.roles import principal_for
from kinerja.employees.models import Assignment
from kinerja.employees.querysets import employee_scope_q, open_on_q
from kinerja.org.models import Position

if TYPE_CHECKING:
    from kinerja.performance.models import Skp  # noqa: F401 (string base)


def held_position_ids(user: Any, day: date | None = None) -> list[int]:
    """Positions the user holds on ``day``, acting (Plt/Plh) included."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Assignment.objects.filter(open_on_q(day or timezone.localdate()), employee__user_id=user.pk)
        .values_list("position_id", flat=True)
        .distinct()
    )


def led_position_ids(user: Any) -> list[int]:
    """Positions the user holds today that other positions report to (the user is their atasan)."""
    held = held_position_ids(user)
    if not held:
        return []
    return list(
        Position.objects.filter(parent_id__in=held).values_list("parent_id", flat=True).distinct()
    )


def skp_scope_q(user: Any) -> Q:
    """SKPs ``user`` may read: those of employees they may read, and those they assess."""
    q = employee_scope_q(user, field_prefix="employee__")
    held = held_position_ids(user)
    if held:
        q |= Q(assessor_position_id__in=held)
    return q


def evaluation_scope_q(user: Any) -> Q:
    """Evaluations ``user`` may read: the confirmed (final) ones of every SKP they may read, as
    on the SKP pages, and all of those, drafts included, of the SKPs they decide
    (``access.is_skp_assessor``: the holder of the assessor position, or for an SKP with no
    position above it the instansi's HR). A draft is the assessor's work in progress, so the
    employee and other readers see an evaluation only once its predikat is confirmed.
    """
    principal = principal_for(user)
    if not principal.is_authenticated:
        return Q(pk__in=[])
    # The SKP scope on the evaluation's own employee (the SKP's owner, copied when opened), so
    # that the join is the one the list already makes for the employee's name.
    q = Q(state="final") & employee_scope_q(user, field_prefix="employee__")
    held = held_position_ids(user)
    if held:
        q |= Q(skp__assessor_position_id__in=held)
    if principal.is_superadmin:
        q |= Q(skp__assessor_position__isnull=True)
    elif principal.instansi_write:
        q |= Q(
            skp__assessor_position__isnull=True, instansi_id__in=sorted(principal.instansi_write)
        )
    return q


class SkpQuerySet(models.QuerySet["Skp"]):
    def visible_to(self, user: Any) -> SkpQuerySet:
        return self.filter(skp_scope_q(user))

    def with_people(self) -> SkpQuerySet:
        return self.select_related(
            "performance_year",
            "employee",
            "position",
            "unit",
            "assessor",
            "assessor_position",
            "assessor_superior",
        )
