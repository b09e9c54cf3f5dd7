"""Who may import, into which instansi, and loading an import job for a user."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from kinerja.accounts.roles import principal_for
from kinerja.employees.models import ImportJob
from kinerja.org.models import Instansi


def importable_instansi(user: Any) -> list[Instansi]:
    """The instansi whose employees ``user`` may import (they write the whole instansi)."""
    principal = principal_for(user)
    if principal.is_superadmin:
        return list(Instansi.objects.order_by("name"))
    return list(Instansi.objects.filter(pk__in=principal.instansi_write).order_by("name"))


def require_importer(user: Any) -> list[Instansi]:
    """:func:`importable_instansi`, or 403 when there is none."""
    principal = principal_for(user)
    if not (principal.is_superadmin or principal.instansi_write):
        raise PermissionDenied
    return importable_instansi(user)


def get_import_job_for_user(user: Any, job_id: Any) -> ImportJob:
    """An import job of an instansi the user writes: 403 for non-importers, 404 otherwise."""
    principal = principal_for(user)
    if not (principal.is_superadmin or principal.instansi_write):
        raise PermissionDenied
    try:
        job = ImportJob.objects.select_related("instansi", "created_by").get(pk=int(job_id))
    except (ImportJob.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if not principal.writes_instansi(job.instansi_id):
        raise Http404
    return job
