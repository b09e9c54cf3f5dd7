"""Organisation pages: the tree with headcounts and vacancies, a unit, a position.

They live in the employees app because they show who holds each position, and employees sits
to the right of org in the dependency order.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.employees import services
from kinerja.employees.access import get_acting_assignment_for_user
from kinerja.employees.forms import ActingForm
from kinerja.employees.models import Employee
from kinerja.employees.selectors import (
    headcount_per_unit,
    holders_by_position,
    open_holder_counts,
    position_history,
)
from kinerja.org import access, selectors
from kinerja.org.models import Position, Unit


def _unit_rows(
    instansi_id: int, wanted: Callable[[Unit], bool]
) -> tuple[list[Unit], list[selectors.UnitRow]]:
    """All units of the instansi, and rows with subtree counts for the ``wanted`` ones."""
    all_units = selectors.list_units(instansi_id)
    rows = selectors.unit_rows(
        instansi_id,
        [u for u in all_units if wanted(u)],
        all_units,
        headcount_per_unit(instansi_id),
        open_holder_counts(instansi_id),
    )
    return all_units, rows


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    """The top of the organisation tree (OPD) with subtree headcounts and vacancies."""
    instansi = access.get_instansi_for_user(request.user, request.GET.get("instansi"))
    all_units, rows = _unit_rows(instansi.pk, lambda u: u.parent_id is None)
    totals = {
        "headcount": sum(r.headcount for r in rows),
        "positions": sum(r.positions for r in rows),
        "vacancies": sum(r.vacancies for r in rows),
        "units": len(all_units),
    }
    has_children = {u.parent_id for u in all_units}
    return render(
        request,
        "employees/org_tree.html",
        {"instansi": instansi, "rows": rows, "totals": totals, "has_children": has_children},
    )


@login_required
def unit_children(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The sub-units of a unit with their counts: the tree page expands a branch with this."""
    unit = access.get_unit_for_user(request.user, unit_id)
    all_units, rows = _unit_rows(unit.instansi_id, lambda u: u.parent_id == unit.pk)
    has_children = {u.parent_id for u in all_units}
    return render(
        request, "employees/org_tree.html#branch", {"rows": rows, "has_children": has_children}
    )


@login_required
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    """A unit: its place in the tree, sub-units, positions with holders and vacancies."""
    unit = access.get_unit_for_user(request.user, unit_id)
    _all, rows = _unit_rows(unit.instansi_id, lambda u: u.pk == unit.pk or u.parent_id == unit.pk)
    own = next(r for r in rows if r.unit.pk == unit.pk)
    child_rows = [r for r in rows if r.unit.pk != unit.pk]
    positions = selectors.list_unit_positions(unit)
    holders = holders_by_position([p.pk for p in positions])
    position_rows = [
        {
            "position": p,
            "holders": holders.get(p.pk, []),
            "vacant": max(0, p.capacity - sum(1 for h in holders.get(p.pk, []) if not h.is_acting)),
        }
        for p in positions
    ]
    return render(
        request,
        "employees/org_unit.html",
        {
            "unit": unit,
            "ancestors": selectors.unit_ancestors(unit),
            "child_rows": child_rows,
            "own": own,
            "position_rows": position_rows,
        },
    )


@login_required
def position_detail(request: HttpRequest, position_id: int) -> HttpResponse:
    """A position: reporting line up and down, holders, history; BKPSDM or the unit's Admin
    OPD may name an acting official (Plt/Plh) here."""
    position: Position = access.get_position_for_user(
        request.user, position_id, write=request.method == "POST"
    )
    may_write = access.can_write_unit(request.user, position.unit)
    form = None
    if may_write:
        candidates = Employee.objects.visible_to(request.user).filter(
            instansi_id=position.instansi_id
        )
        form = ActingForm(request.POST if request.method == "POST" else None, candidates=candidates)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.assign_position(
                    actor=request.user,
                    employee=data["nip"],
                    position=position,
                    kind=data["kind"],
                    start_date=data["start_date"],
                    end_date=data["end_date"],
                    decree=data["decree"],
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(
                    request, _("Penugasan %(kind)s dicatat.") % {"kind": data["kind"].upper()}
                )
                return redirect("org:position", position.pk)
    ancestors = selectors.position_ancestors(position)
    children = selectors.children_positions(position)
    holders = holders_by_position(
        [position.pk, *[p.pk for p in ancestors[-1:]], *[c.pk for c in children]]
    )
    return render(
        request,
        "employees/org_position.html",
        {
            "position": position,
            "ancestors": ancestors,
            "parent_holders": holders.get(ancestors[-1].pk, []) if ancestors else [],
            "holders": holders.get(position.pk, []),
            "children": [(c, holders.get(c.pk, [])) for c in children],
            "history": position_history(position),
            "form": form,
            "may_write": may_write,
        },
        status=400 if form is not None and form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def end_acting(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """End an acting assignment today (the Plt/Plh's term is over)."""
    assignment = get_acting_assignment_for_user(request.user, assignment_id)
    services.end_assignment(
        actor=request.user,
        assignment=assignment,
        end_date=max(assignment.start_date, timezone.localdate()),
    )
    messages.success(request, _("Penugasan diakhiri."))
    return redirect("org:position", assignment.position_id)
