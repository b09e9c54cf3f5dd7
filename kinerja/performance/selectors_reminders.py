"""Reminders before deadlines (issue 3 §1): what the user should do soon, shown on the SKP and
team pages and mailed daily by ``manage.py send_reminders`` when mail is configured.

Four kinds, each a bounded number of queries whatever the number of SKPs:

- ``skp_due``: the user's own SKP for a year whose SKP deadline is near or past is missing or
  not yet submitted (draf or dikembalikan);
- ``skp_waiting``: SKPs submitted to the user (as atasan) and waiting for a decision;
- ``evaluation_due``: periodic periods that have ended, are not locked and whose evaluation
  deadline is near or past, with approved SKPs the user assesses that have no confirmed
  evaluation;
- ``realisasi_due``: an open periodic period ending soon in which the user's approved SKP has
  quantitative IKI without a realisasi.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.employees.models import Employee
from kinerja.performance.models import (
    Evaluation,
    EvaluationState,
    Iki,
    PerformanceYear,
    Period,
    PeriodKind,
    PeriodState,
    Realisasi,
    Skp,
    SkpState,
)
from kinerja.performance.querysets import led_position_ids

#: Days ahead of a deadline from which a reminder is shown (``KINERJA_REMINDER_DAYS``).
DEFAULT_REMINDER_DAYS = 7

SKP_DUE = "skp_due"
SKP_WAITING = "skp_waiting"
EVALUATION_DUE = "evaluation_due"
REALISASI_DUE = "realisasi_due"


@dataclass(frozen=True)
class Reminder:
    """One thing to do, with the page where it is done."""

    kind: str
    message: str
    due: date | None
    url_name: str
    url_args: tuple[Any, ...] = field(default_factory=tuple)
    query: str = ""
    overdue: bool = False

    @property
    def url(self) -> str:
        path = reverse(self.url_name, args=self.url_args)
        return f"{path}?{self.query}" if self.query else path


def reminder_days() -> int:
    return int(getattr(settings, "KINERJA_REMINDER_DAYS", DEFAULT_REMINDER_DAYS))


def reminders_for(user: Any, today: date | None = None, days: int | None = None) -> list[Reminder]:
    """Everything ``user`` should do before a deadline, overdue and soonest first."""
    if not getattr(user, "is_authenticated", False):
        return []
    today = today or timezone.localdate()
    horizon = today + timedelta(days=reminder_days() if days is None else days)
    employee = (
        Employee.objects.filter(user_id=user.pk)
        .only("pk", "instansi_id", "current_position_id")
        .first()
    )
    if employee is None:
        return []
    reminders = _own_skp(employee, today, horizon) + _own_realisasi(employee, today, horizon)
    led = led_position_ids(user)
    if led:
        reminders += _waiting(led) + _evaluations(led, today, horizon)
    return sorted(reminders, key=lambda r: (r.due is None, r.due or today, r.kind))


def _fmt(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def _own_skp(employee: Employee, today: date, horizon: date) -> list[Reminder]:
    """Years of the current and coming years whose SKP deadline is near or past, while the SKP
    for the employee's current position is missing or not submitted."""
    if employee.current_position_id is None:
        return []
    years = list(
        PerformanceYear.objects.filter(
            instansi_id=employee.instansi_id, year__gte=today.year, skp_deadline__lte=horizon
        ).order_by("year")
    )
    if not years:
        return []
    skps = {
        year_id: (pk, state)
        for pk, year_id, state in Skp.objects.filter(
            employee_id=employee.pk,
            position_id=employee.current_position_id,
            performance_year__in=years,
        ).values_list("pk", "performance_year_id", "state")
    }
    result = []
    for year in years:
        found = skps.get(year.pk)
        if found is not None and found[1] in {SkpState.SUBMITTED, SkpState.APPROVED}:
            continue
        message = _("SKP %(year)s belum diajukan; batas %(date)s") % {
            "year": year.year,
            "date": _fmt(year.skp_deadline),
        }
        result.append(
            Reminder(
                kind=SKP_DUE,
                message=message,
                due=year.skp_deadline,
                url_name="performance:skp_detail" if found else "performance:skp_list",
                url_args=(found[0],) if found else (),
                overdue=year.skp_deadline < today,
            )
        )
    return result


def _waiting(led: list[int]) -> list[Reminder]:
    count = Skp.objects.filter(assessor_position_id__in=led, state=SkpState.SUBMITTED).count()
    if not count:
        return []
    message = ngettext(
        "%(count)d SKP menunggu persetujuan Anda",
        "%(count)d SKP menunggu persetujuan Anda",
        count,
    ) % {"count": count}
    return [Reminder(kind=SKP_WAITING, message=message, due=None, url_name="performance:skp_team")]


def _covers(skp: tuple[int, int, date, date], period: Period) -> bool:
    _pk, year_id, starts, ends = skp
    return year_id == period.performance_year_id and starts <= period.ends and ends >= period.starts


def _evaluations(led: list[int], today: date, horizon: date) -> list[Reminder]:
    """Ended, unlocked periodic periods due for evaluation, with the approved SKPs the user
    assesses that have no confirmed evaluation for them (three queries)."""
    approved = Skp.objects.filter(assessor_position_id__in=led, state=SkpState.APPROVED)
    periods = list(
        Period.objects.filter(
            kind=PeriodKind.PERIODIC,
            ends__lt=today,
            evaluation_deadline__lte=horizon,
            performance_year__in=approved.values("performance_year_id"),
        )
        .exclude(state=PeriodState.LOCKED)
        .order_by("evaluation_deadline", "pk")
    )
    if not periods:
        return []
    skps = list(
        approved.filter(performance_year_id__in={p.performance_year_id for p in periods})
        .values_list("pk", "performance_year_id", "starts", "ends")
        .order_by()
    )
    final = set(
        Evaluation.objects.filter(
            skp_id__in=[s[0] for s in skps],
            period__in=periods,
            state=EvaluationState.FINAL,
        ).values_list("skp_id", "period_id")
    )
    result = []
    for period in periods:
        count = sum(1 for s in skps if _covers(s, period) and (s[0], period.pk) not in final)
        if not count:
            continue
        message = ngettext(
            "%(count)d SKP belum dievaluasi untuk %(period)s; batas %(date)s",
            "%(count)d SKP belum dievaluasi untuk %(period)s; batas %(date)s",
            count,
        ) % {"count": count, "period": period, "date": _fmt(period.evaluation_deadline)}
        result.append(
            Reminder(
                kind=EVALUATION_DUE,
                message=message,
                due=period.evaluation_deadline,
                url_name="performance:evaluations",
                query=f"period={period.pk}",
                overdue=period.evaluation_deadline < today,
            )
        )
    return result


def _own_realisasi(employee: Employee, today: date, horizon: date) -> list[Reminder]:
    """Open periodic periods ending soon in which the employee's approved SKPs have quantitative
    IKI without a realisasi (three queries)."""
    approved = Skp.objects.filter(employee_id=employee.pk, state=SkpState.APPROVED)
    periods = list(
        Period.objects.filter(
            kind=PeriodKind.PERIODIC,
            state=PeriodState.OPEN,
            ends__gte=today,
            ends__lte=horizon,
            performance_year__in=approved.values("performance_year_id"),
        ).order_by("ends", "pk")
    )
    if not periods:
        return []
    ikis = list(
        Iki.objects.filter(
            rhk__skp__in=approved.filter(
                performance_year_id__in={p.performance_year_id for p in periods}
            ),
            target__isnull=False,
            # A realisasi computed from the complaint records is not the employee's to fill.
            indicator_source="",
        )
        .values_list(
            "pk",
            "rhk__skp_id",
            "rhk__skp__performance_year_id",
            "rhk__skp__starts",
            "rhk__skp__ends",
        )
        .order_by()
    )
    recorded = set(
        Realisasi.objects.filter(
            iki_id__in=[i[0] for i in ikis], period__in=periods, value__isnull=False
        ).values_list("iki_id", "period_id")
    )
    result = []
    for period in periods:
        missing: dict[int, int] = defaultdict(int)
        for iki_id, skp_id, year_id, starts, ends in ikis:
            if (
                _covers((skp_id, year_id, starts, ends), period)
                and (
                    iki_id,
                    period.pk,
                )
                not in recorded
            ):
                missing[skp_id] += 1
        count = sum(missing.values())
        if not count:
            continue
        message = ngettext(
            "%(count)d IKI belum diisi realisasinya untuk %(period)s; periode berakhir %(date)s",
            "%(count)d IKI belum diisi realisasinya untuk %(period)s; periode berakhir %(date)s",
            count,
        ) % {"count": count, "period": period, "date": _fmt(period.ends)}
        result.append(
            Reminder(
                kind=REALISASI_DUE,
                message=message,
                due=period.ends,
                url_name="performance:realisasi",
                url_args=(min(missing),),
                query=f"period={period.pk}",
            )
        )
    return result
