"""Every write to performance years and periods."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.accounts.roles import principal_for
from kinerja.core.audit import record_event, snapshot
from kinerja.org.models import Instansi
from kinerja.performance.models import (
    MAX_YEAR,
    MIN_YEAR,
    Cadence,
    PerformanceYear,
    Period,
    PeriodKind,
    PeriodState,
)

#: Days after the end of the year by which the annual evaluation is due (31 January).
ANNUAL_EVALUATION_DAYS = 31

#: Allowed state changes: a closed period can be reopened; a locked one is final.
TRANSITIONS: dict[str, frozenset[str]] = {
    PeriodState.OPEN: frozenset({PeriodState.CLOSED}),
    PeriodState.CLOSED: frozenset({PeriodState.OPEN, PeriodState.LOCKED}),
    PeriodState.LOCKED: frozenset(),
}

YEAR_FIELDS = ("year", "cadence", "skp_deadline")


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def period_bounds(year: int, cadence: str) -> list[tuple[int, date, date]]:
    """``(number, starts, ends)`` of each periodic period of a year."""
    if cadence == Cadence.MONTHLY:
        return [(m, date(year, m, 1), _last_day(year, m)) for m in range(1, 13)]
    return [(q, date(year, 3 * q - 2, 1), _last_day(year, 3 * q)) for q in range(1, 5)]


def _require_writer(actor: Any, instansi_id: int) -> None:
    if not principal_for(actor).writes_instansi(instansi_id):
        raise PermissionDenied


def create_year(
    *,
    actor: Any,
    instansi: Instansi,
    year: int,
    cadence: str,
    skp_deadline: date,
    evaluation_days: int = 10,
) -> PerformanceYear:
    """Create a performance year with its periodic periods and the annual period.

    Each periodic evaluation is due ``evaluation_days`` after its period ends; the annual
    evaluation is due ``ANNUAL_EVALUATION_DAYS`` after the year ends (31 January).
    """
    _require_writer(actor, instansi.pk)
    errors: dict[str, list[str]] = {}
    if not MIN_YEAR <= year <= MAX_YEAR:
        errors["year"] = [_("Tahun harus antara 2000 dan 2100.")]
    if cadence not in Cadence.values:
        errors["cadence"] = [_("Pilih evaluasi bulanan atau triwulanan.")]
    if "year" not in errors and skp_deadline.year != year:
        errors["skp_deadline"] = [
            _("Batas penyampaian SKP harus di dalam tahun %(year)s.") % {"year": year}
        ]
    if evaluation_days < 1:
        errors["evaluation_days"] = [_("Jumlah hari evaluasi harus lebih dari nol.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if PerformanceYear.objects.filter(instansi=instansi, year=year).exists():
            raise ValidationError(
                {
                    "year": [
                        _("Tahun kinerja %(year)s sudah ada untuk instansi ini.") % {"year": year}
                    ]
                }
            )
        performance_year = PerformanceYear.objects.create(
            instansi=instansi, year=year, cadence=cadence, skp_deadline=skp_deadline
        )
        periods = [
            Period(
                performance_year=performance_year,
                instansi=instansi,
                kind=PeriodKind.PERIODIC,
                number=number,
                starts=starts,
                ends=ends,
                evaluation_deadline=ends + timedelta(days=evaluation_days),
            )
            for number, starts, ends in period_bounds(year, cadence)
        ]
        year_end = date(year, 12, 31)
        periods.append(
            Period(
                performance_year=performance_year,
                instansi=instansi,
                kind=PeriodKind.ANNUAL,
                number=0,
                starts=date(year, 1, 1),
                ends=year_end,
                evaluation_deadline=year_end + timedelta(days=ANNUAL_EVALUATION_DAYS),
            )
        )
        Period.objects.bulk_create(periods)
        record_event(
            actor=actor,
            action="performance_year.create",
            target=performance_year,
            instansi_id=instansi.pk,
            after={
                **snapshot(performance_year, YEAR_FIELDS),
                "evaluation_days": evaluation_days,
                "periods": len(periods),
            },
        )
    return performance_year


def allowed_transitions(period: Period) -> frozenset[str]:
    """The states ``period`` may move to from its current state."""
    return TRANSITIONS.get(period.state, frozenset())


def set_period_state(*, actor: Any, period: Period, state: str) -> Period:
    """Move a period to ``state`` following ``TRANSITIONS``.

    The annual period can be locked only once every periodic period of its year is locked.
    """
    _require_writer(actor, period.instansi_id)
    with transaction.atomic():
        period = Period.objects.select_for_update().get(pk=period.pk)
        if period.state == PeriodState.LOCKED:
            raise ValidationError(_("Periode yang dikunci tidak dapat diubah."))
        if state not in allowed_transitions(period):
            raise ValidationError(
                _("Perubahan status dari %(from)s ke %(to)s tidak diizinkan.")
                % {
                    "from": period.get_state_display(),
                    "to": PeriodState(state).label if state in PeriodState.values else state,
                }
            )
        if (
            period.kind == PeriodKind.ANNUAL
            and state == PeriodState.LOCKED
            and Period.objects.filter(
                performance_year_id=period.performance_year_id, kind=PeriodKind.PERIODIC
            )
            .exclude(state=PeriodState.LOCKED)
            .exists()
        ):
            raise ValidationError(
                _("Periode tahunan hanya dapat dikunci setelah semua periode periodik dikunci.")
            )
        before = snapshot(period, ["state"])
        period.state = state
        period.save(update_fields=["state", "updated_at"])
        record_event(
            actor=actor,
            action=f"period.{state}",
            target=period,
            instansi_id=period.instansi_id,
            before=before,
            after=snapshot(period, ["state"]),
        )
    return period
