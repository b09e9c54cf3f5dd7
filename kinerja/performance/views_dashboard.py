"""The completion dashboard for Admin OPD, BKPSDM and the Inspektorat: per unit, SKPs by state
and evaluations done per period, with SVG bars and drill-down to the units below."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.accounts.roles import principal_for
from kinerja.org.access import get_instansi_for_user, get_unit_for_user
from kinerja.org.models import Unit
from kinerja.performance.models import PerformanceYear
from kinerja.performance.selectors_dashboard import STATES, completion

LEGEND = [*((s.value, s.label) for s in STATES)]


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Whole instansi for its readers (BKPSDM, Inspektorat); an Admin OPD sees their units."""
    principal = principal_for(request.user)
    selected = None
    if request.GET.get("unit"):
        selected = get_unit_for_user(request.user, request.GET["unit"])
        instansi_id = selected.instansi_id
        if not (
            principal.reads_instansi(instansi_id)
            or principal.administers_path(instansi_id, selected.path)
        ):
            raise PermissionDenied
        units = list(Unit.objects.filter(parent=selected).order_by("path"))
    else:
        instansi = get_instansi_for_user(request.user, request.GET.get("instansi"))
        instansi_id = instansi.pk
        if principal.reads_instansi(instansi_id):
            units = list(Unit.objects.filter(instansi_id=instansi_id, depth=0).order_by("path"))
        elif principal.unit_paths.get(instansi_id):
            units = list(
                Unit.objects.filter(
                    instansi_id=instansi_id, path__in=principal.unit_paths[instansi_id]
                ).order_by("path")
            )
        else:
            raise PermissionDenied
    years = list(PerformanceYear.objects.filter(instansi_id=instansi_id).order_by("-year"))
    year = next((y for y in years if str(y.year) == request.GET.get("year")), None) or (
        years[0] if years else None
    )
    whole = selected is None and principal.reads_instansi(instansi_id)
    rows, periods = completion(units, year, whole_instansi=whole) if year else ([], [])
    ancestors = (
        list(Unit.objects.filter(instansi_id=instansi_id, path__in=selected.ancestor_paths()))
        if selected
        else []
    )
    return render(
        request,
        "performance/dashboard.html",
        {
            "selected": selected,
            "ancestors": [
                u
                for u in sorted(ancestors, key=lambda u: u.path)
                if principal.reads_instansi(instansi_id)
                or principal.administers_path(instansi_id, u.path)
            ],
            "years": years,
            "year": year,
            "rows": rows,
            "periods": periods,
            "legend": LEGEND,
        },
    )
