"""Factories for instansi, units and positions (paths assigned as the services do)."""

from __future__ import annotations

from typing import Any

import factory

from kinerja.org import services
from kinerja.org.models import Instansi, JabatanLevel, JabatanType, Position, Unit, UnitType


class InstansiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instansi
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"instansi-{n}")
    name = factory.Sequence(lambda n: f"Pemerintah Kota Contoh {n}")
    short_name = "Kota Contoh"


def make_instansi(code: str, name: str = "Pemerintah Kota Contoh") -> Instansi:
    return Instansi.objects.get_or_create(code=code, defaults={"name": name})[0]


def make_unit(
    instansi: Instansi,
    name: str,
    *,
    parent: Unit | None = None,
    type: str = UnitType.DINAS,
    code: str | None = None,
) -> Unit:
    return services.create_unit(
        actor=None,
        instansi=instansi,
        parent=parent,
        name=name,
        type=type,
        code=code or name.lower().replace(" ", "-")[:60],
        audit=False,
    )


def make_position(
    unit: Unit,
    name: str,
    *,
    parent: Position | None = None,
    jabatan_type: str = JabatanType.PELAKSANA,
    level: str | None = None,
    **kwargs: Any,
) -> Position:
    default_level = {
        JabatanType.JPT: JabatanLevel.JPT_PRATAMA,
        JabatanType.ADMINISTRATOR: JabatanLevel.ADMINISTRATOR,
        JabatanType.PENGAWAS: JabatanLevel.PENGAWAS,
        JabatanType.PELAKSANA: JabatanLevel.KLEREK,
        JabatanType.FUNGSIONAL: JabatanLevel.AHLI_PERTAMA,
    }[JabatanType(jabatan_type)]
    kwargs.setdefault(
        "is_unit_head",
        jabatan_type in {JabatanType.JPT, JabatanType.ADMINISTRATOR, JabatanType.PENGAWAS},
    )
    if jabatan_type in {JabatanType.PELAKSANA, JabatanType.FUNGSIONAL}:
        kwargs.setdefault("capacity", 5)
    return services.create_position(
        actor=None,
        unit=unit,
        name=name,
        parent=parent,
        jabatan_type=jabatan_type,
        level=level or default_level,
        audit=False,
        **kwargs,
    )
