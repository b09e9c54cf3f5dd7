"""Every write to the organisation: units and positions."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kinerja.core.audit import record_event, snapshot
from kinerja.org import paths
from kinerja.org.models import LEVELS_BY_TYPE, STRUCTURAL_TYPES, Instansi, Position, Unit

UNIT_FIELDS = ("name", "short_name", "code", "type", "parent", "active_from", "active_until")
POSITION_FIELDS = (
    "name", "unit", "parent", "jabatan_type", "level", "eselon", "kelas_jabatan", "capacity",
    "is_unit_head", "active_from", "active_until",
)  # fmt: skip


def _next_path(model: type[Unit] | type[Position], instansi: Instansi, parent: Any) -> str:
    siblings = model.objects.filter(instansi=instansi, parent=parent)
    last = siblings.aggregate(m=Max("path"))["m"]
    index = paths.segment_index(last) + 1 if last else 1
    return paths.child_path(parent.path if parent else "", index)


def create_instansi(
    *, actor: Any, code: str, name: str, short_name: str = "", siasn_id: str = ""
) -> Instansi:
    """Create an instansi (superadmin work)."""
    with transaction.atomic():
        instansi = Instansi(code=code, name=name, short_name=short_name, siasn_id=siasn_id)
        instansi.full_clean()
        instansi.save()
        record_event(
            actor=actor,
            action="instansi.create",
            target=instansi,
            instansi_id=instansi.pk,
            after=snapshot(instansi, ["code", "name", "short_name", "siasn_id"]),
        )
    return instansi


def create_unit(
    *,
    actor: Any,
    instansi: Instansi,
    name: str,
    code: str,
    type: str,
    parent: Unit | None = None,
    short_name: str = "",
    active_from: date | None = None,
    audit: bool = True,
) -> Unit:
    """Create a unit under ``parent`` (or at the top of the instansi)."""
    if parent is not None and parent.instansi_id != instansi.pk:
        raise ValidationError(_("Unit induk berasal dari instansi lain."))
    with transaction.atomic():
        unit = Unit(
            instansi=instansi,
            parent=parent,
            name=name,
            short_name=short_name,
            code=code,
            type=type,
            active_from=active_from,
        )
        unit.path = _next_path(Unit, instansi, parent)
        unit.depth = parent.depth + 1 if parent else 0
        unit.full_clean()
        unit.save()
        if audit:
            record_event(
                actor=actor,
                action="unit.create",
                target=unit,
                instansi_id=instansi.pk,
                after=snapshot(unit, UNIT_FIELDS),
            )
    return unit


def validate_position(position: Position) -> None:
    errors: dict[str, str] = {}
    if position.level not in LEVELS_BY_TYPE.get(position.jabatan_type, set()):
        errors["level"] = _("Jenjang tidak sesuai dengan jenis jabatan.")
    if position.jabatan_type in STRUCTURAL_TYPES and position.capacity != 1:
        errors["capacity"] = _("Jabatan struktural hanya untuk satu orang.")
    if (
        position.parent_id
        and position.parent
        and position.parent.instansi_id != position.instansi_id
    ):
        errors["parent"] = _("Jabatan atasan berasal dari instansi lain.")
    if position.unit.instansi_id != position.instansi_id:
        errors["unit"] = _("Unit berasal dari instansi lain.")
    if errors:
        raise ValidationError(errors)


def create_position(
    *,
    actor: Any,
    unit: Unit,
    name: str,
    jabatan_type: str,
    level: str,
    parent: Position | None = None,
    eselon: str = "",
    kelas_jabatan: int = 1,
    capacity: int = 1,
    is_unit_head: bool = False,
    active_from: date | None = None,
    audit: bool = True,
) -> Position:
    """Create a position in ``unit`` reporting to ``parent``."""
    with transaction.atomic():
        position = Position(
            instansi_id=unit.instansi_id,
            unit=unit,
            parent=parent,
            name=name,
            jabatan_type=jabatan_type,
            level=level,
            eselon=eselon,
            kelas_jabatan=kelas_jabatan,
            capacity=capacity,
            is_unit_head=is_unit_head,
            active_from=active_from,
        )
        validate_position(position)
        position.path = _next_path(Position, unit.instansi, parent)
        position.full_clean()
        position.save()
        if audit:
            record_event(
                actor=actor,
                action="position.create",
                target=position,
                instansi_id=unit.instansi_id,
                after=snapshot(position, POSITION_FIELDS),
            )
    return position
