"""The staff page of complaint indicators: one's own figures beside the OPD's and the city's,
the officers one may read, and one officer's months (issue 4 §6).

Every figure is read from the stored indicator rows (:mod:`kinerja.complaints.selectors_indicators`
computes a range nobody has computed yet). Officers are those the user may read in the employee
directory; anyone else is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kinerja.accounts.roles import principal_for
from kinerja.complaints import selectors_indicators as figures
from kinerja.core.periods import BadRange, month_of, parse_range, range_name
from kinerja.employees.access import get_employee_for_user
from kinerja.employees.models import Employee
from kinerja.org.models import Instansi, Unit

PAGE_SIZE = 50
ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Chosen:
    """The range the page shows, its ``periode`` text, and what was wrong with the one asked
    for (the page then shows the current month)."""

    text: str
    starts: date
    ends: date
    error: str = ""


def _chosen(raw: str | None) -> Chosen:
    today = timezone.localdate()
    current = month_of(today)
    if not raw:
        return Chosen(range_name(*current), *current)
    try:
        starts, ends = parse_range(raw)
    except BadRange as exc:
        return Chosen(range_name(*current), *current, error=str(exc))
    if starts > today:
        return Chosen(range_name(*current), *current, error=_("Rentang ini belum dimulai."))
    return Chosen(range_name(starts, ends), starts, ends)


def _choices(first_year: int, today: date) -> list[tuple[str, str]]:
    """Every year, quarter and month from ``first_year`` that has begun, newest first."""
    found: list[tuple[str, str]] = []
    for year in range(today.year, first_year - 1, -1):
        found.append((f"{year}", _("Tahun %(year)s") % {"year": year}))
        for quarter in range(4, 0, -1):
            if date(year, quarter * 3 - 2, 1) <= today:
                found.append(
                    (
                        f"{year}-Q{quarter}",
                        _("Triwulan %(q)s %(year)s") % {"q": ROMAN[quarter - 1], "year": year},
                    )
                )
        for month in range(12, 0, -1):
            if date(year, month, 1) <= today:
                found.append((f"{year}-{month:02d}", date_format(date(year, month, 1), "F Y")))
    return found


def _instansi(request: HttpRequest, own: Employee | None) -> tuple[Instansi | None, list]:
    """The instansi whose figures are shown and the ones the user may switch to."""
    principal = principal_for(request.user)
    options = Instansi.objects.order_by("name")
    if not principal.is_superadmin:
        options = options.filter(pk__in=principal.instansi_ids)
    listed = list(options)
    asked = request.GET.get("instansi", "")
    for each in listed:
        if asked and str(each.pk) == asked:
            return each, listed
    default = own.instansi_id if own else principal.home_instansi_id
    chosen = next((each for each in listed if each.pk == default), listed[0] if listed else None)
    return chosen, listed


def _period_context(request: HttpRequest, instansi_id: int) -> dict[str, Any]:
    chosen = _chosen(request.GET.get("periode"))
    computed_at, _now = figures.computed(instansi_id, chosen.starts, chosen.ends)
    today = timezone.localdate()
    return {
        "chosen": chosen,
        "period_choices": _choices(figures.first_year(instansi_id, today), today),
        "computed_at": computed_at,
    }


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The user's own figures for a range and the officers they may read, 50 a page."""
    own = figures.own_employee(request.user)
    instansi, instansi_options = _instansi(request, own)
    context: dict[str, Any] = {
        "own": own,
        "instansi": instansi,
        "instansi_options": instansi_options,
    }
    if instansi is not None:
        context |= _period_context(request, instansi.pk)
        chosen = context["chosen"]
        if own is not None and own.instansi_id == instansi.pk:
            context["table"] = figures.comparison(own, chosen.starts, chosen.ends)
        opds = list(Unit.objects.filter(instansi=instansi, depth=0).order_by("name"))
        opd = next((u for u in opds if str(u.pk) == request.GET.get("opd", "")), None)
        order = request.GET.get("urut", "")
        officers = figures.officer_rows(
            request.user, instansi.pk, chosen.starts, chosen.ends, opd=opd, order=order
        )
        page = Paginator(officers, PAGE_SIZE).get_page(request.GET.get("page"))
        page.object_list = figures.decorate(page.object_list)
        context |= {
            "opds": opds,
            "opd": opd,
            "order": order if order in figures.ORDERS else "",
            "orders": figures.ORDER_LABELS,
            "page_obj": page,
        }
    return render(request, "complaints/staff/indicators.html", context)


@login_required
def officer(request: HttpRequest, employee_id: int) -> HttpResponse:
    """One officer's figures for a range beside their OPD's and the city's, and their months of
    the range's year; the officer must be someone the user may read (404 otherwise)."""
    employee = get_employee_for_user(request.user, employee_id)
    context = _period_context(request, employee.instansi_id)
    chosen: Chosen = context["chosen"]
    context |= {
        "employee": employee,
        "is_self": employee.user_id == request.user.pk,
        "table": figures.comparison(employee, chosen.starts, chosen.ends),
        "months": figures.months(employee, chosen.starts.year),
        "year": chosen.starts.year,
    }
    return render(request, "complaints/staff/officer_indicators.html", context)
