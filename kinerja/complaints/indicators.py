"""Indicator values from the counts of a :class:`ComplaintIndicator` row; no queries here.

Percentages are of the complaints the figure is about: the share followed up on time is of the
complaints whose follow-up was owed (answered, or past due), the reopen and inaccuracy rates of
all complaints handled. Times are working hours, from working minutes. Percentiles use the
nearest-rank method: the value at rank ⌈p·n⌉ of the n sorted times.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from kinerja.complaints.models.indicators import Indicator

TWO = Decimal("0.01")

#: Indicators where a smaller figure is the better one (an IKI linked to them says so).
LOWER_IS_BETTER = frozenset({
    Indicator.RESPONSE_MEDIAN, Indicator.RESPONSE_P90, Indicator.REOPENED, Indicator.INACCURATE,
})  # fmt: skip

#: The unit each indicator is measured in, as an IKI's "satuan".
UNITS = {
    Indicator.HANDLED: "aduan",
    Indicator.RESPONSE_MEDIAN: "jam kerja",
    Indicator.RESPONSE_P90: "jam kerja",
    Indicator.FOLLOWUP_ON_TIME: "%",
    Indicator.REOPENED: "%",
    Indicator.INACCURATE: "%",
    Indicator.RATING: "skala 1–5",
    Indicator.IKM: "indeks",
}


@dataclass(frozen=True)
class Counts:
    """The counts behind the indicators of one scope and range, as a
    :class:`~kinerja.complaints.models.ComplaintIndicator` row holds them (the defaults: no
    complaint at all)."""

    handled: int = 0
    responded: int = 0
    response_median_minutes: int | None = None
    response_p90_minutes: int | None = None
    followup_owed: int = 0
    followup_on_time: int = 0
    reopened: int = 0
    inaccurate: int = 0
    rated: int = 0
    rating_sum: int = 0
    skm_respondents: int = 0
    ikm: Decimal | None = None


@dataclass(frozen=True)
class Figure:
    """One indicator value with the counts it came from (``None`` value: nothing to measure)."""

    value: Decimal | None
    numerator: int | None
    denominator: int | None


def _q(value: Decimal) -> Decimal:
    return value.quantize(TWO, rounding=ROUND_HALF_UP)


def _share(part: int, whole: int) -> Figure:
    if whole == 0:
        return Figure(None, part, whole)
    return Figure(_q(Decimal(100 * part) / whole), part, whole)


def _hours(minutes: int | None, count: int) -> Figure:
    if minutes is None:
        return Figure(None, None, count)
    return Figure(_q(Decimal(minutes) / 60), minutes, count)


def value_of(row: Any, indicator: str) -> Figure:
    """The figure of ``indicator`` from a row's counts (a model instance or any object with
    the same attributes)."""
    if indicator == Indicator.HANDLED:
        return Figure(Decimal(row.handled), row.handled, None)
    if indicator == Indicator.RESPONSE_MEDIAN:
        return _hours(row.response_median_minutes, row.responded)
    if indicator == Indicator.RESPONSE_P90:
        return _hours(row.response_p90_minutes, row.responded)
    if indicator == Indicator.FOLLOWUP_ON_TIME:
        return _share(row.followup_on_time, row.followup_owed)
    if indicator == Indicator.REOPENED:
        return _share(row.reopened, row.handled)
    if indicator == Indicator.INACCURATE:
        return _share(row.inaccurate, row.handled)
    if indicator == Indicator.RATING:
        if row.rated == 0:
            return Figure(None, 0, 0)
        return Figure(_q(Decimal(row.rating_sum) / row.rated), row.rating_sum, row.rated)
    if indicator == Indicator.IKM:
        return Figure(row.ikm, None, row.skm_respondents)
    raise ValueError(indicator)
