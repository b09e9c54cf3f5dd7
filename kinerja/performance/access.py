"""The only way views and the API load periods."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from kinerja.accounts.roles import principal_for
from kinerja.performance.models import Period


def get_period_for_user(user: Any, period_id: Any, write: bool = False) -> Period:
    """A period of an instansi the user belongs to; 404 otherwise, 403 for a non-writer."""
    principal = principal_for(user)
    try:
        period = Period.objects.select_related("performance_year").get(pk=int(period_id))
    except (Period.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not principal.belongs_to(period.instansi_id):
        raise Http404
    if write and not principal.writes_instansi(period.instansi_id):
        raise PermissionDenied
    return period
