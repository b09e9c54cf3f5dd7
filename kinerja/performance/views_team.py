"""The atasan's team page: for a year, each direct report's SKP state, when they last recorded
realisasi or evidence, the evaluation due, and the distribution of the atasan's unit.

A fixed number of queries whatever the team size (grouped by SKP, never one per person).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kinerja.employees.models import Employee
from kinerja.org.models import Position
from kinerja.performance.models import (
    Evaluation,
    Evidence,
    PerformanceYear,
    Period,
    PeriodKind,
    PeriodState,
    PredikatValue,
    Realisasi,
    Skp,
    SkpState,
)
from kinerja.performance.querysets import led_position_ids
from kinerja.performance.selectors_distribution import distribution_of
from kinerja.performance.selectors_reminders import reminders_for

BADGES = {
    SkpState.DRAFT: "",
    SkpState.SUBMITTED: "badge-warn",
    SkpState.RETURNED: "badge-danger",
    SkpState.APPROVED: "badge-ok",
}
ORDER = {SkpState.SUBMITTED: 0, SkpState.RETURNED: 2, SkpState.DRAFT: 3, SkpState.APPROVED: 4}
#: Realisasi or evidence older than this is shown as stale.
STALE_AFTER = timedelta(days=45)


def period_due(year: PerformanceYear, today: date) -> Period | None:
    """The periodic period to evaluate now: the latest that has ended and is not locked, else
    the one in progress."""
    periods = list(
        Period.objects.filter(performance_year=year, kind=PeriodKind.PERIODIC).order_by("-starts")
    )
    ended = [p for p in periods if p.ends < today and p.state != PeriodState.LOCKED]
    current = [p for p in periods if p.starts <= today <= p.ends]
    candidates = ended or current or periods
    return candidates[0] if candidates else None


def _last_activity(skp_ids: list[int]) -> dict[int, Any]:
    latest: dict[int, Any] = dict(
        # Rows written by the daily indicator fill (no person) are not the employee's activity.
        Realisasi.objects.filter(skp_id__in=skp_ids, updated_by__isnull=False)
        .values_list("skp_id")
        .annotate(at=Max("updated_at"))
        .values_list("skp_id", "at")
    )
    for skp_id, at in (
        Evidence.objects.filter(realisasi__skp_id__in=skp_ids)
        .values_list("realisasi__skp_id")
        .annotate(at=Max("created_at"))
        .values_list("realisasi__skp_id", "at")
    ):
        if latest.get(skp_id) is None or at > latest[skp_id]:
            latest[skp_id] = at
    return latest


def _row(person: Employee, skp: Skp | None, **extra: Any) -> dict[str, Any]:
    state = SkpState(skp.state) if skp else None
    return {
        "employee": person,
        "skp": skp,
        "badge": BADGES[state] if state else "",
        "order": ORDER[state] if state else 1,
        **extra,
    }


@login_required
def team(request: HttpRequest) -> HttpResponse:
    """Direct reports and the SKPs I assess for a year, those waiting for me first."""
    led = led_position_ids(request.user)
    employee = (
        Employee.objects.filter(user_id=request.user.pk or 0).only("pk", "instansi_id").first()
    )
    years = (
        list(PerformanceYear.objects.filter(instansi_id=employee.instansi_id).order_by("-year"))
        if employee
        else []
    )
    year = next((y for y in years if str(y.year) == request.GET.get("year")), None) or (
        years[0] if years else None
    )
    today = timezone.localdate()
    rows: list[dict[str, Any]] = []
    period = distribution = None
    if led and year is not None:
        period = period_due(year, today)
        skps = {
            s.employee_id: s
            for s in Skp.objects.filter(performance_year=year, assessor_position_id__in=led)
            .with_people()
            .order_by("starts")
        }
        ids = [s.pk for s in skps.values()]
        activity = _last_activity(ids)
        evaluations = (
            {e.skp_id: e for e in Evaluation.objects.filter(period=period, skp_id__in=ids)}
            if period
            else {}
        )
        members = Employee.objects.filter(current_position__parent_id__in=led).with_placement()
        people = list(members.order_by("current_position__path", "name"))
        people += [s.employee for pk, s in skps.items() if pk not in {p.pk for p in people}]
        for person in people:
            skp = skps.get(person.pk)
            last = activity.get(skp.pk) if skp else None
            rows.append(
                _row(
                    person,
                    skp,
                    last_activity=last,
                    stale=skp is not None
                    and skp.state == SkpState.APPROVED
                    and (last is None or timezone.now() - last > STALE_AFTER),
                    evaluation=evaluations.get(skp.pk) if skp else None,
                )
            )
        rows.sort(key=lambda r: r["order"])
        unit = Position.objects.filter(pk__in=led).select_related("unit").first()
        if period is not None and unit is not None:
            distribution = distribution_of(unit.unit, period)
    return render(
        request,
        "performance/skp_team.html",
        {
            "is_leader": bool(led),
            "years": years,
            "year": year,
            "rows": rows,
            "period": period,
            "distribution": distribution,
            "predikat_labels": dict(PredikatValue.choices),
            "reminders": reminders_for(request.user, today=today),
        },
    )
