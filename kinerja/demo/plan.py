"""Turn an organisation description into planned units and positions (pure Python, no queries).

Paths are assigned exactly as ``kinerja.org.services`` does: fixed-width segments numbered in
creation order under each parent (``paths.child_path``), so bulk-created rows are
indistinguishable from rows made one by one through the services.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from kinerja.demo.orgspec import Job, UnitSpec
from kinerja.org import paths
from kinerja.org.models import STRUCTURAL_TYPES, Position, Unit


@dataclass(eq=False)
class UnitNode:
    keypath: str
    spec: UnitSpec
    parent: UnitNode | None
    path: str
    depth: int
    code: str
    head: PositionNode | None = None
    obj: Unit | None = None  # once saved


@dataclass(eq=False)
class PositionNode:
    ref: str
    job: Job
    unit: UnitNode
    parent: PositionNode | None
    path: str
    depth: int
    is_head: bool
    capacity: int
    holders: int
    obj: Position | None = None  # once saved

    @property
    def is_structural(self) -> bool:
        return self.job.jabatan_type in STRUCTURAL_TYPES


@dataclass
class OrgPlan:
    """Units and positions in creation order (parents before children)."""

    instansi_code: str
    units: list[UnitNode] = field(default_factory=list)
    positions: list[PositionNode] = field(default_factory=list)
    by_ref: dict[str, PositionNode] = field(default_factory=dict)
    units_by_key: dict[str, UnitNode] = field(default_factory=dict)

    def position(self, unit_key: str, job_name: str = "") -> PositionNode:
        """The head of a unit (``job_name`` empty) or the first job of that name in it."""
        unit = self.units_by_key[unit_key]
        if not job_name:
            if unit.head is None:
                raise KeyError(f"{unit_key} has no head")
            return unit.head
        for node in self.positions:
            if node.unit is unit and node.job.name == job_name:
                return node
        raise KeyError(f"no job {job_name!r} in {unit_key}")

    @property
    def population(self) -> int:
        return sum(p.holders for p in self.positions)


def unit_code(instansi_code: str, keypath: str) -> str:
    """A stable 32-hex code shaped like a SIASN unor id, derived from the unit's key path."""
    return hashlib.sha256(f"{instansi_code}/{keypath}".encode()).hexdigest()[:32].upper()


class _Planner:
    def __init__(self, instansi_code: str, root_ref: str, scale: float) -> None:
        self.plan = OrgPlan(instansi_code)
        self.root_ref = root_ref
        self.scale = scale
        self.unit_children: dict[int, int] = {}
        self.position_children: dict[int, int] = {}
        self.carry = 0.0

    def _next(self, counters: dict[int, int], parent: object, parent_path: str) -> str:
        index = counters.get(id(parent), 0) + 1
        counters[id(parent)] = index
        return paths.child_path(parent_path, index)

    def _holders(self, job: Job, is_head: bool) -> int:
        if is_head or job.jabatan_type in STRUCTURAL_TYPES:
            return 1
        # Spread the rounding error over the positions, so that a fractional scale keeps the
        # total proportional instead of rounding every small formasi down to zero.
        self.carry += job.capacity * self.scale
        holders = int(self.carry)
        self.carry -= holders
        return holders

    def _add_position(
        self, unit: UnitNode, job: Job, ref: str, parent: PositionNode | None, is_head: bool
    ) -> PositionNode:
        if ref in self.plan.by_ref:
            raise ValueError(f"duplicate position reference {ref}")
        path = self._next(self.position_children, parent, parent.path if parent else "")
        holders = self._holders(job, is_head)
        node = PositionNode(
            ref=ref,
            job=job,
            unit=unit,
            parent=parent,
            path=path,
            depth=len(path) // paths.SEGMENT - 1,
            is_head=is_head,
            capacity=max(job.capacity, holders),
            holders=holders,
        )
        self.plan.positions.append(node)
        self.plan.by_ref[ref] = node
        return node

    def _resolve(self, ref: str) -> PositionNode:
        try:
            return self.plan.by_ref[ref]
        except KeyError:
            raise KeyError(f"reports_to {ref!r} is not (yet) defined") from None

    def add_unit(self, spec: UnitSpec, parent: UnitNode | None) -> None:
        keypath = f"{parent.keypath}/{spec.key}" if parent else spec.key
        if keypath in self.plan.units_by_key:
            raise ValueError(f"duplicate unit key {keypath}")
        path = self._next(self.unit_children, parent, parent.path if parent else "")
        unit = UnitNode(
            keypath,
            spec,
            parent,
            path,
            len(path) // paths.SEGMENT - 1,
            unit_code(self.plan.instansi_code, keypath),
        )
        self.plan.units.append(unit)
        self.plan.units_by_key[keypath] = unit
        if spec.head is not None:
            boss: PositionNode | None
            if spec.reports_to:
                boss = self._resolve(spec.reports_to)
            elif parent is not None:
                boss = parent.head
            elif self.root_ref and keypath != self.root_ref:
                boss = self._resolve(self.root_ref)
            else:
                boss = None
            unit.head = self._add_position(unit, spec.head, keypath, boss, is_head=True)
        for i, job in enumerate(spec.staff):
            suffix = job.key or str(i + 1)
            boss = self._resolve(f"{keypath}#{job.reports_to}") if job.reports_to else unit.head
            self._add_position(unit, job, f"{keypath}#{suffix}", boss, is_head=False)
        for child in spec.children:
            self.add_unit(child, unit)


def plan_org(
    instansi_code: str, specs: list[UnitSpec], *, root_ref: str = "", scale: float = 1.0
) -> OrgPlan:
    """Plan the units and positions of one instansi at ``scale`` (holders per position)."""
    planner = _Planner(instansi_code, root_ref, scale)
    for spec in specs:
        planner.add_unit(spec, None)
    return planner.plan


def staff_multiplier(base: OrgPlan, scale: float) -> float:
    """Holders per unit of formasi that make the whole population about ``scale`` times the base.

    Structural positions keep exactly one holder whatever the scale, so above scale 1 the other
    positions grow a little faster to make up for them; below 1 the structure stays complete and
    only the staff thins out.
    """
    if scale <= 1:
        return scale
    fixed = sum(p.holders for p in base.positions if p.is_head or p.is_structural)
    total = base.population
    return (scale * total - fixed) / (total - fixed)


def plan_scaled(
    instansi_code: str, specs: list[UnitSpec], *, root_ref: str = "", scale: float = 1.0
) -> OrgPlan:
    """Plan an instansi whose population is about ``scale`` times its population at scale 1."""
    base = plan_org(instansi_code, specs, root_ref=root_ref, scale=1.0)
    if scale == 1:
        return base
    return plan_org(instansi_code, specs, root_ref=root_ref, scale=staff_multiplier(base, scale))
