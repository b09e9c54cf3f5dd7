"""The only way views and the API load units and positions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from kinerja.accounts.roles import principal_for
from kinerja.org.models import Instansi, Position, Unit


def can_write_unit(user: Any, unit: Unit) -> bool:
    principal = principal_for(user)
    return principal.writes_instansi(unit.instansi_id) or principal.administers_path(
        unit.instansi_id, unit.path
    )


def get_unit_for_user(user: Any, unit_id: Any, *, write: bool = False) -> Unit:
    """A unit of the user's instansi; 404 for anything else, 403 for a read-only writer."""
    try:
        unit = (
            Unit.objects.visible_to(user).select_related("parent", "instansi").get(pk=int(unit_id))
        )
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not can_write_unit(user, unit):
        raise PermissionDenied
    return unit


def get_position_for_user(user: Any, position_id: Any, *, write: bool = False) -> Position:
    try:
        position = (
            Position.objects.visible_to(user)
            .select_related("unit", "parent", "parent__unit")
            .get(pk=int(position_id))
        )
    except (Position.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not can_write_unit(user, position.unit):
        raise PermissionDenied
    return position


def get_instansi_for_user(user: Any, instansi_id: Any = None) -> Instansi:
    """The user's instansi (or, for a superadmin, the one asked for)."""
    principal = principal_for(user)
    if instansi_id is None:
        instansi_id = principal.home_instansi_id or next(iter(sorted(principal.instansi_ids)), None)
        if instansi_id is None and principal.is_superadmin:
            first = Instansi.objects.order_by("pk").first()
            if first is None:
                raise Http404
            return first
    try:
        instansi_id = int(instansi_id)
    except (TypeError, ValueError):
        raise Http404 from None
    if not principal.belongs_to(instansi_id):
        raise Http404
    try:
        return Instansi.objects.get(pk=instansi_id)
    except Instansi.DoesNotExist:
        raise Http404 from None
