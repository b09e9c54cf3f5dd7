"""The only way views and the API load complaints and complaint settings."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from kinerja.accounts.roles import principal_for
from kinerja.complaints.models import Complaint
from kinerja.complaints.querysets import complaint_scope_q
from kinerja.complaints.services.intake import normalise_code


def get_complaint_for_user(user: Any, complaint_id: Any) -> Complaint:
    """A complaint the user may read; 404 for anything else, including another unit's."""
    try:
        pk = int(complaint_id)
    except (TypeError, ValueError):
        raise Http404 from None
    if not -(2**63) < pk < 2**63:
        raise Http404
    found = (
        Complaint.objects.filter(complaint_scope_q(user), pk=pk)
        .select_related("category", "unit", "officer", "instansi")
        .first()
    )
    if found is None:
        raise Http404
    return found


def get_complaint_by_code(code: str) -> Complaint:
    """The citizen's view: a complaint by its tracking code; 404 for an unknown code."""
    normalised = normalise_code(code)
    if not normalised:
        raise Http404
    found = (
        Complaint.objects.filter(tracking_code=normalised)
        .select_related("category", "unit", "instansi")
        .first()
    )
    if found is None:
        raise Http404
    return found


def require_settings_writer(user: Any, instansi_id: int) -> None:
    """Holidays, schedule, service levels and accuracy rules are BKPSDM's (403 otherwise)."""
    if not principal_for(user).writes_instansi(instansi_id):
        raise PermissionDenied
