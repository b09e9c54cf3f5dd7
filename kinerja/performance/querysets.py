"""Reusable filters for the performance cycle, including access scoping."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

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
