"""Realisasi that fills itself from the complaint indicators (issue 4 §6).

An IKI may name an indicator source (:class:`~kinerja.complaints.models.Indicator`). For such an
IKI the realisasi of each open periodic period is not typed by the employee: it is the officer's
figure (or, for the IKM, the figure of the OPD of the SKP's unit) over the period, written by
:func:`fill_period` together with the counts it came from (``computed_basis``), so that the
lineage page can list the complaints behind it. The employee may contest a figure and the
assessor may override it, both with a recorded reason; an override survives every refill.

Only periodic periods are filled: the annual evaluation reads the realisasi of the periodic
periods of the year (the sum of a quantity, the mean of anything else), so an annual row would
be counted twice.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.complaints.indicators import LOWER_IS_BETTER, UNITS, Figure, value_of
from kinerja.complaints.models import ComplaintIndicator, Indicator
from kinerja.complaints.selectors_indicators import EMPTY_ROW, GRACE_DAYS
from kinerja.complaints.services.indicators import refresh
from kinerja.core.audit import record_event
from kinerja.core.periods import month_of, year_of
from kinerja.org.models import Instansi
from kinerja.org.paths import SEGMENT
from kinerja.performance.access import is_skp_assessor, is_skp_owner
from kinerja.performance.models import (
    Iki,
    Period,
    PeriodKind,
    PeriodState,
    Realisasi,
    SkpState,
)
from kinerja.performance.services.during import (
    MAX_TEXT,
    MAX_VALUE,
    Stale,
    audit,
    too_long,
    writing_problem,
)

BATCH = 500


# --- linking an IKI ---------------------------------------------------------------------------


def clean_link(values: dict[str, Any]) -> dict[str, list[str]]:
    """Check an IKI's ``indicator_source`` and fill what the indicator decides.

    A linked IKI needs a numeric target; its unit defaults to the indicator's, and "makin kecil
    makin baik" follows the indicator (a response time is better when smaller, a share of
    complaints followed up on time when larger), whatever was ticked.
    """
    source = values.get("indicator_source") or ""
    values["indicator_source"] = source
    if not source:
        return {}
    if source not in Indicator.values:
        return {"indicator_source": [_("Sumber realisasi tidak dikenal.")]}
    if values.get("target") is None:
        return {
            "indicator_source": [
                _("Sumber realisasi otomatis hanya untuk IKI dengan target berupa angka.")
            ]
        }
    indicator = Indicator(source)
    if not values.get("unit"):
        values["unit"] = UNITS[indicator]
    values["lower_is_better"] = indicator in LOWER_IS_BETTER
    return {}


# --- filling -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filled:
    """What one fill of a period did; ``skipped`` says why nothing was done."""

    period_id: int
    linked: int = 0
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    overridden: int = 0
    seconds: float = 0.0
    skipped: str = ""


def figure_for(source: str, officer_row: Any, opd_row: Any) -> Figure:
    """The figure of an IKI linked to ``source``: the officer's, or the OPD's for the IKM."""
    if source == Indicator.IKM:
        return value_of(opd_row or EMPTY_ROW, source)
    return value_of(officer_row or EMPTY_ROW, source)


def _basis(
    source: str, period: Period, figure: Figure, opd_id: int | None, at: datetime
) -> dict[str, Any]:
    return {
        "indicator": source,
        "scope": "opd" if source == Indicator.IKM else "officer",
        "unit": opd_id if source == Indicator.IKM else None,
        "starts": period.starts.isoformat(),
        "ends": period.ends.isoformat(),
        "numerator": figure.numerator,
        "denominator": figure.denominator,
        "value": None if figure.value is None else str(figure.value),
        "computed_at": at.isoformat(),
    }


def _same_figure(old: dict[str, Any], new: dict[str, Any]) -> bool:
    keys = ("indicator", "unit", "starts", "ends", "numerator", "denominator", "value")
    return all(old.get(k) == new.get(k) for k in keys)


def _skip_reason(period: Period, today: date) -> str:
    if period.state != PeriodState.OPEN:
        return _("Periode %(period)s sudah %(state)s; realisasinya tidak diubah.") % {
            "period": period,
            "state": period.get_state_display().lower(),
        }
    if period.kind != PeriodKind.PERIODIC:
        return _("Realisasi tahunan disusun dari realisasi periode periodik.")
    if period.starts > today:
        return _("Periode %(period)s belum dimulai.") % {"period": period}
    return ""


def _indicator_rows(period: Period) -> tuple[dict[int, Any], dict[str, Any]]:
    """The officers' rows by employee id and the OPDs' rows by path, in one query."""
    officers: dict[int, Any] = {}
    opds: dict[str, Any] = {}
    rows = ComplaintIndicator.objects.filter(
        instansi_id=period.instansi_id, starts=period.starts, ends=period.ends
    ).select_related("unit")
    for row in rows.iterator(2000):
        if row.employee_id is not None:
            officers[row.employee_id] = row
        elif row.unit is not None:
            opds[row.unit.path] = row
    return officers, opds


def fill_period(*, period: Period, now: datetime | None = None, refreshed: bool = False) -> Filled:
    """Compute the realisasi of every linked IKI of the approved SKPs overlapping ``period``.

    The complaint indicators of the period are refreshed first (unless ``refreshed`` says the
    caller just did). A constant number of queries whatever the number of SKPs: the linked IKI,
    the indicator rows and the existing realisasi are each read once, and the changes written
    in batches. A closed or locked period is never changed. An overridden realisasi keeps the
    assessor's value; only its computed figure moves.
    """
    began = time.perf_counter()
    now = now or timezone.now()
    skipped = _skip_reason(period, timezone.localdate(now))
    if skipped:
        return Filled(period.pk, skipped=skipped)
    if not refreshed:
        refresh(period.instansi_id, period.starts, period.ends, now=now)
    ikis = list(
        Iki.objects.filter(
            instansi_id=period.instansi_id,
            rhk__skp__performance_year_id=period.performance_year_id,
            rhk__skp__state=SkpState.APPROVED,
            rhk__skp__starts__lte=period.ends,
            rhk__skp__ends__gte=period.starts,
            target__isnull=False,
        )
        .exclude(indicator_source="")
        .values_list(
            "pk", "indicator_source", "rhk__skp_id", "rhk__skp__employee_id", "rhk__skp__unit__path"
        )
    )
    if not ikis:
        return Filled(period.pk, seconds=time.perf_counter() - began)
    officers, opds = _indicator_rows(period)
    new: list[Realisasi] = []
    dirty: list[Realisasi] = []
    counts = {"changed": 0, "unchanged": 0, "overridden": 0}
    with transaction.atomic():
        existing = {
            r.iki_id: r
            for r in Realisasi.objects.select_for_update(of=("self",))
            .filter(period=period)
            .exclude(iki__indicator_source="")
        }
        for iki_id, source, skp_id, employee_id, unit_path in ikis:
            opd = opds.get(unit_path[:SEGMENT])
            figure = figure_for(source, officers.get(employee_id), opd)
            basis = _basis(source, period, figure, opd.unit_id if opd else None, now)
            row = existing.get(iki_id)
            if row is None:
                new.append(
                    Realisasi(
                        iki_id=iki_id,
                        period=period,
                        skp_id=skp_id,
                        instansi_id=period.instansi_id,
                        value=figure.value,
                        computed_value=figure.value,
                        computed_at=now,
                        computed_basis=basis,
                    )
                )
                continue
            same = _same_figure(row.computed_basis or {}, basis) and (
                row.computed_value == figure.value
            )
            # ``updated_at`` stays: it tells when a person last wrote the realisasi.
            row.computed_value, row.computed_at, row.computed_basis = figure.value, now, basis
            if row.override_reason:
                counts["overridden"] += 1
            elif row.value != figure.value:
                row.value = figure.value
                same = False
            if same:
                counts["unchanged"] += 1
            else:
                row.version += 1
                counts["changed"] += 1
            dirty.append(row)
        Realisasi.objects.bulk_create(new, batch_size=BATCH)
        Realisasi.objects.bulk_update(
            dirty,
            ["computed_value", "computed_at", "computed_basis", "value", "version"],
            batch_size=BATCH,
        )
        filled = Filled(
            period.pk,
            linked=len(ikis),
            created=len(new),
            changed=counts["changed"],
            unchanged=counts["unchanged"],
            overridden=counts["overridden"],
            seconds=time.perf_counter() - began,
        )
        record_event(
            actor=None,
            action="realisasi.fill",
            target=period,
            instansi_id=period.instansi_id,
            target_label=str(period),
            after={
                "period": period.pk,
                "starts": period.starts,
                "ends": period.ends,
                "linked": filled.linked,
                "created": filled.created,
                "changed": filled.changed,
                "unchanged": filled.unchanged,
                "overridden": filled.overridden,
            },
        )
    return filled


def fill_open_periods(
    *,
    instansi_id: int | None = None,
    today: date | None = None,
    refreshed: frozenset[tuple[int, date, date]] = frozenset(),
) -> list[Filled]:
    """Fill every open period whose range contains ``today`` or ended at most
    :data:`GRACE_DAYS` ago (annual periods are reported as skipped). ``refreshed`` names the
    (instansi, starts, ends) ranges whose indicators the caller has just recomputed."""
    today = today or timezone.localdate()
    periods = Period.objects.filter(
        state=PeriodState.OPEN, starts__lte=today, ends__gte=today - timedelta(days=GRACE_DAYS)
    ).order_by("instansi_id", "starts", "kind", "number")
    if instansi_id is not None:
        periods = periods.filter(instansi_id=instansi_id)
    return [
        fill_period(
            period=period, refreshed=(period.instansi_id, period.starts, period.ends) in refreshed
        )
        for period in periods
    ]


@dataclass(frozen=True)
class Daily:
    """What the daily run did: indicator ranges recomputed, periods filled, realisasi written."""

    ranges: int
    filled: int
    changed: int


def refresh_daily(*, today: date | None = None) -> Daily:
    """The daily job: every instansi's indicators of the current month and year (and of the
    previous month during its first :data:`GRACE_DAYS` days, so that late answers count), then
    the linked realisasi of every open period (:func:`fill_open_periods`)."""
    today = today or timezone.localdate()
    ranges = [month_of(today), year_of(today)]
    if today.day <= GRACE_DAYS:
        last_month = today.replace(day=1) - timedelta(days=1)
        ranges.append(month_of(last_month))
        if last_month.year != today.year:
            ranges.append(year_of(last_month))
    done: set[tuple[int, date, date]] = set()
    for instansi_id in Instansi.objects.order_by("pk").values_list("pk", flat=True):
        for starts, ends in ranges:
            refresh(instansi_id, starts, ends)
            done.add((instansi_id, starts, ends))
    fills = fill_open_periods(today=today, refreshed=frozenset(done))
    return Daily(
        ranges=len(done),
        filled=sum(1 for f in fills if not f.skipped),
        changed=sum(f.created + f.changed for f in fills),
    )


# --- contest and override ---------------------------------------------------------------------


def _require_open_link(realisasi: Realisasi) -> None:
    if not realisasi.iki.indicator_source:
        raise ValidationError(_("Realisasi IKI ini diisi pegawai, bukan dihitung dari data aduan."))
    problem = writing_problem(realisasi.skp, realisasi.period)
    if problem:
        raise ValidationError(problem, code="closed")


def _reason(reason: str, field: str, missing: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise ValidationError({field: [missing]})
    if problem := too_long(text, MAX_TEXT):
        raise ValidationError({field: [problem]})
    return text


def _locked(realisasi: Realisasi, version: int | None) -> Realisasi:
    """The realisasi row locked for the change; :class:`Stale` when it moved on since
    ``version`` (``None`` skips the check)."""
    row = Realisasi.objects.select_for_update().get(pk=realisasi.pk)
    if version is not None and row.version != version:
        raise Stale
    row.iki, row.period, row.skp = realisasi.iki, realisasi.period, realisasi.skp
    return row


_CHANGED = ["value", "override_reason", "overridden_at", "overridden_by", "updated_by",
            "version", "updated_at"]  # fmt: skip


def contest(
    *, actor: Any, realisasi: Realisasi, reason: str, version: int | None = None
) -> Realisasi:
    """The SKP's owner contests the computed figure, with a reason the assessor reads."""
    if not is_skp_owner(actor, realisasi.skp):
        raise PermissionDenied
    _require_open_link(realisasi)
    text = _reason(reason, "reason", _("Tuliskan alasan keberatan atas angka ini."))
    with transaction.atomic():
        row = _locked(realisasi, version)
        row.contest_reason, row.contested_at = text, timezone.now()
        row.version += 1
        row.save(update_fields=["contest_reason", "contested_at", "version", "updated_at"])
        audit(actor, row.skp, "realisasi.contest", realisasi=row.pk, iki=row.iki_id,
              period=row.period_id, computed_value=row.computed_value, value=row.value,
              reason=text)  # fmt: skip
    return row


def override(
    *,
    actor: Any,
    realisasi: Realisasi,
    value: Decimal | None,
    reason: str,
    version: int | None,
) -> Realisasi:
    """The assessor sets the realisasi of a linked IKI by hand, with a reason; it stays until
    the override is cleared, whatever the next computations say."""
    if not is_skp_assessor(actor, realisasi.skp):
        raise PermissionDenied
    _require_open_link(realisasi)
    errors: dict[str, list[str]] = {}
    if value is None:
        errors["value"] = [_("Isi angka realisasi yang berlaku.")]
    elif value < 0:
        errors["value"] = [_("Realisasi tidak boleh negatif.")]
    elif value > MAX_VALUE:
        errors["value"] = [_("Realisasi terlalu besar.")]
    try:
        text = _reason(reason, "reason", _("Tuliskan alasan mengubah angka ini."))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        row = _locked(realisasi, version)
        before = {"value": row.value, "override_reason": row.override_reason or None}
        row.value, row.override_reason = value, text
        row.overridden_at, row.overridden_by, row.updated_by = timezone.now(), actor, actor
        row.version += 1
        row.save(update_fields=_CHANGED)
        audit(actor, row.skp, "realisasi.override", before=before, realisasi=row.pk,
              iki=row.iki_id, period=row.period_id, computed_value=row.computed_value,
              value=value, reason=text)  # fmt: skip
    return row


def clear_override(*, actor: Any, realisasi: Realisasi, version: int | None) -> Realisasi:
    """The assessor returns a realisasi to its computed figure."""
    if not is_skp_assessor(actor, realisasi.skp):
        raise PermissionDenied
    _require_open_link(realisasi)
    with transaction.atomic():
        row = _locked(realisasi, version)
        if not row.override_reason:
            raise ValidationError(_("Angka ini tidak sedang diubah pejabat penilai."))
        before = {"value": row.value, "override_reason": row.override_reason}
        row.value, row.override_reason = row.computed_value, ""
        row.overridden_at, row.overridden_by, row.updated_by = None, None, actor
        row.version += 1
        row.save(update_fields=_CHANGED)
        audit(actor, row.skp, "realisasi.override_clear", before=before, realisasi=row.pk,
              iki=row.iki_id, period=row.period_id, value=row.value)  # fmt: skip
    return row
