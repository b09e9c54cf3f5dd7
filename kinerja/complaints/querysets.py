"""Who sees which complaints (staff side; citizens see only their own, by tracking code)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from kinerja.accounts.roles import principal_for
from kinerja.employees.querysets import subordinates_q
from kinerja.org.querysets import subtree_q

NOTHING = Q(pk__in=[])


def complaint_scope_q(user: Any) -> Q:
    """Complaints ``user`` may read.

    Verifiers, BKPSDM and auditors read their whole instansi; Admin OPD and the OPD's
    complaint admins read what was sent to their units; an officer reads what is assigned to
    them, and the officer's atasan (up the position tree) reads it too, masked, to follow the
    team and its overdue lists.
    """
    principal = principal_for(user)
    if not principal.is_authenticated:
        return NOTHING
    if principal.is_superadmin:
        return Q()
    instansi = principal.instansi_read | principal.complaint_verify
    q = Q(officer__user_id=principal.user_id) | subordinates_q(
        user, "officer__", skip_instansi=instansi
    )
    if instansi:
        q |= Q(instansi_id__in=instansi)
    for source in (principal.unit_paths, principal.complaint_unit_paths):
        for instansi_id, unit_paths in source.items():
            for path in unit_paths:
                q |= Q(instansi_id=instansi_id) & subtree_q(path, "unit__path")
    return q


def handles_complaint(user: Any, complaint: Any, unit_path: str) -> bool:
    """Whether ``user`` handles the complaint and so may see the complainant's personal data:
    its verifiers, the dispatchers of its unit and its assigned officer. BKPSDM and auditors
    read the record with the personal data masked."""
    principal = principal_for(user)
    if not principal.is_authenticated:
        return False
    if principal.verifies_complaints(complaint.instansi_id):
        return True
    if unit_path and principal.dispatches_complaints(complaint.instansi_id, unit_path):
        return True
    officer = complaint.officer
    return officer is not None and officer.user_id == principal.user_id
