"""Read functions for the organisation."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count

from kinerja.org import paths
from kinerja.org.models import Position, Unit


@dataclass
class UnitRow:
    unit: Unit
    headcount: int = 0
    positions: int = 0
    vacancies: int = 0


def roll_up(units: list[Unit], per_unit: dict[int, int]) -> dict[str, int]:
    """Totals per unit path including every descendant unit."""
    totals: Counter[str] = Counter()
    path_of = {u.pk: u.path for u in units}
    for unit_id, value in per_unit.items():
        path = path_of.get(unit_id)
        if path is None:
            continue
        totals[path] += value
        for ancestor in paths.ancestor_paths(path):
            totals[ancestor] += value
    return totals


def vacancies_per_unit(
    instansi_id: int, holders_per_position: dict[int, int]
) -> tuple[dict[int, int], dict[int, int]]:
    """(positions per unit, vacant seats per unit) from the open holders of each position."""
    positions: Counter[int] = Counter()
    vacant: Counter[int] = Counter()
    for pos_id, unit_id, capacity in Position.objects.filter(
        instansi_id=instansi_id, active_until__isnull=True
    ).values_list("pk", "unit_id", "capacity"):
        positions[unit_id] += 1
        vacant[unit_id] += max(0, capacity - holders_per_position.get(pos_id, 0))
    return positions, vacant


def unit_rows(
    instansi_id: int,
    units: list[Unit],
    all_units: list[Unit],
    headcount_per_unit: dict[int, int],
    holders_per_position: dict[int, int],
) -> list[UnitRow]:
    """Rows for ``units`` with headcounts and vacancies summed over each subtree."""
    positions, vacant = vacancies_per_unit(instansi_id, holders_per_position)
    heads = roll_up(all_units, headcount_per_unit)
    pos_totals = roll_up(all_units, positions)
    vac_totals = roll_up(all_units, vacant)
    return [
        UnitRow(u, heads.get(u.path, 0), pos_totals.get(u.path, 0), vac_totals.get(u.path, 0))
        for u in units
    ]


def list_units(instansi_id: int) -> list[Unit]:
    return list(Unit.objects.filter(instansi_id=instansi_id))


def list_unit_positions(unit: Unit) -> list[Position]:
    return list(
        Position.objects.filter(unit=unit)
        .select_related("parent")
        .annotate(n_children=Count("children"))
    )


def position_ancestors(position: Position) -> list[Position]:
    return list(
        Position.objects.filter(
            instansi_id=position.instansi_id, path__in=paths.ancestor_paths(position.path)
        )
        .select_related("unit")
        .order_by("path")
    )


def unit_ancestors(unit: Unit) -> list[Unit]:
    return list(Unit.objects.ancestors(unit).order_by("path"))


def children_positions(position: Position) -> list[Position]:
    return list(Position.objects.filter(parent=position).select_related("unit"))
