"""Who reads and who decides a unit's organisational predikat and its penetapan (DOMAIN.md §1.4).

Deciding (setting the unit predikat, writing the reasons for exceptions, approving, reopening)
belongs to the holder, definitive or acting (Plt/Plh), of the position above the unit head's
position, and to Admin BKPSDM for the whole instansi. A unit whose head reports to nobody in the
tree (a perangkat daerah under the Sekda or the Wali Kota) is decided by BKPSDM.

Reading (as ``access_distribution.can_read_distribution``): BKPSDM, the Inspektorat and the
superadmin the whole instansi; Admin OPD their units; the head (definitive or acting) of a unit
that unit, and the leader above a unit head the units they decide, each with its subtree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from kinerja.accounts.roles import principal_for
from kinerja.org.access import get_unit_for_user
from kinerja.org.models import Position, Unit
from kinerja.performance.models import Period
from kinerja.performance.querysets import held_position_ids


def _minimal(paths: list[str]) -> tuple[str, ...]:
    """The paths that are not inside another one (so that subtrees do not overlap)."""
    kept: list[str] = []
    for path in sorted(set(paths)):
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return tuple(kept)


@dataclass(frozen=True)
class PenetapanScope:
    """One user's reach over the penetapan of one instansi."""

    instansi_id: int
    #: Reads every unit (BKPSDM, the Inspektorat, the superadmin).
    whole: bool
    #: Decides every unit (BKPSDM, the superadmin).
    writes: bool
    #: Roots of the subtrees read otherwise (Admin OPD grants, headed and decided units), none
    #: inside another.
    roots: tuple[str, ...]
    #: Units whose head reports to a position the user holds.
    decides: frozenset[int]

    @property
    def reads_any(self) -> bool:
        return self.whole or bool(self.roots)

    def reads(self, unit: Unit) -> bool:
        return unit.instansi_id == self.instansi_id and (
            self.whole or any(unit.path.startswith(root) for root in self.roots)
        )

    def may_decide(self, unit: Unit) -> bool:
        return unit.instansi_id == self.instansi_id and (self.writes or unit.pk in self.decides)


def penetapan_scope(user: Any, instansi_id: int) -> PenetapanScope:
    """The user's scope in ``instansi_id``: at most two queries beyond the principal."""
    principal = principal_for(user)
    if not principal.belongs_to(instansi_id):
        return PenetapanScope(instansi_id, False, False, (), frozenset())
    roots = list(principal.unit_paths.get(instansi_id, ()))
    decides: set[int] = set()
    held = set(held_position_ids(user))
    if held:
        heads = Position.objects.filter(
            Q(pk__in=held) | Q(parent_id__in=held), instansi_id=instansi_id, is_unit_head=True
        ).values_list("parent_id", "unit_id", "unit__path")
        for parent_id, unit_id, unit_path in heads:
            roots.append(unit_path)
            if parent_id in held:
                decides.add(unit_id)
    return PenetapanScope(
        instansi_id=instansi_id,
        whole=principal.reads_instansi(instansi_id),
        writes=principal.writes_instansi(instansi_id),
        roots=_minimal(roots),
        decides=frozenset(decides),
    )


def may_decide_unit(user: Any, unit: Unit) -> bool:
    """Whether ``user`` sets and approves ``unit``'s penetapan: BKPSDM of its instansi, or the
    holder (definitive, Plt or Plh) of the position above the unit head's position."""
    principal = principal_for(user)
    if not principal.belongs_to(unit.instansi_id):
        return False
    if principal.writes_instansi(unit.instansi_id):
        return True
    held = held_position_ids(user)
    return bool(held) and (
        Position.objects.filter(unit=unit, is_unit_head=True, parent_id__in=held).exists()
    )


def get_penetapan_unit_for_user(
    user: Any, unit_id: Any, *, write: bool = False
) -> tuple[Unit, PenetapanScope]:
    """A unit whose penetapan the user may read, with the user's scope: 404 for another
    instansi's unit, 403 for a unit outside the scope (or one the user may not decide, with
    ``write``)."""
    unit = get_unit_for_user(user, unit_id)
    scope = penetapan_scope(user, unit.instansi_id)
    if not scope.reads(unit) and not scope.may_decide(unit):
        raise PermissionDenied
    if write and not scope.may_decide(unit):
        raise PermissionDenied
    return unit, scope


def get_penetapan_period(unit: Unit, period_id: Any) -> Period:
    """A period of the unit's instansi; 404 otherwise."""
    try:
        return Period.objects.select_related("performance_year").get(
            pk=int(period_id), instansi_id=unit.instansi_id
        )
    except (Period.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
