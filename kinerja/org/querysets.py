"""Reusable filters for units and positions, including access scoping."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q

from kinerja.org import paths

if TYPE_CHECKING:
    from kinerja.org.models import Position, Unit  # noqa: F401 (string bases)


def subtree_q(path: str, field: str = "path") -> Q:
    """Rows whose ``field`` lies in the subtree rooted at ``path`` (inclusive)."""
    return Q(**{f"{field}__gte": path, f"{field}__lt": paths.subtree_upper_bound(path)})


class TreeQuerySet[M: models.Model](models.QuerySet[M]):
    def subtree(self, node: Any) -> TreeQuerySet[M]:
        return self.filter(subtree_q(node.path), instansi_id=node.instansi_id)

    def ancestors(self, node: Any) -> TreeQuerySet[M]:
        return self.filter(instansi_id=node.instansi_id, path__in=paths.ancestor_paths(node.path))

    def visible_to(self, user: Any) -> TreeQuerySet[M]:
        """Organisation structure is readable by every user of the same instansi."""
        from kinerja.accounts.roles import principal_for

        principal = principal_for(user)
        if principal.is_superadmin:
            return self.all()
        return self.filter(instansi_id__in=principal.instansi_ids)


class UnitQuerySet(TreeQuerySet["Unit"]):
    pass


class PositionQuerySet(TreeQuerySet["Position"]):
    pass
