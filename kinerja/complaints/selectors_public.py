"""The public transparency figures (issue 4 §7): read from the stored indicator rows only.

The page never touches the complaint table: the OPD, category and instansi rows of each month and
of the year are computed by the indicator refresh, so the page costs the same with a thousand or
a million complaints. Any figure resting on fewer than :data:`MIN_CELL` complaints (or survey
answers) is suppressed, so that nobody can be recognised from a small cell; no personal data is
ever read.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from kinerja.complaints.indicators import value_of
from kinerja.complaints.models import Category, ComplaintIndicator, Indicator
from kinerja.complaints.skm import Grade, grade_of
from kinerja.org.models import Unit

#: The smallest number of complaints (or respondents) a published figure may rest on.
MIN_CELL = 5
FIELDS = (
    "unit_id", "category_id", "employee_id", "starts", "ends", "handled", "responded",
    "response_median_minutes", "response_p90_minutes", "followup_owed", "followup_on_time",
    "reopened", "inaccurate", "rated", "rating_sum", "skm_respondents", "ikm",
)  # fmt: skip


@dataclass(frozen=True)
class Cell:
    """One published figure, or the reason it is not published."""

    value: Decimal | int | None
    suppressed: bool = False


@dataclass(frozen=True)
class Line:
    """One row of a public table: an OPD, a category or the whole instansi."""

    label: str
    key: int | None
    handled: Cell
    on_time: Cell
    median_hours: Cell
    ikm: Cell
    grade: Grade | None


def _cell(value: Any, basis: int) -> Cell:
    if basis < MIN_CELL:
        return Cell(None, suppressed=basis > 0)
    return Cell(value)


def line_of(label: str, key: int | None, row: Any) -> Line:
    if row is None:
        empty = Cell(None)
        return Line(label, key, empty, empty, empty, empty, None)
    on_time = value_of(row, Indicator.FOLLOWUP_ON_TIME)
    median = value_of(row, Indicator.RESPONSE_MEDIAN)
    ikm = _cell(row.ikm, row.skm_respondents)
    return Line(
        label=label,
        key=key,
        handled=_cell(row.handled, row.handled),
        on_time=_cell(on_time.value, min(row.handled, row.followup_owed)),
        median_hours=_cell(median.value, min(row.handled, row.responded)),
        ikm=ikm,
        grade=grade_of(ikm.value) if isinstance(ikm.value, Decimal) else None,
    )


@dataclass(frozen=True)
class Month:
    """One month of the trend: volume and on-time share (None when not published)."""

    month: int
    handled: Cell
    on_time: Cell


@dataclass(frozen=True)
class Transparency:
    year: int
    computed_at: Any
    total: Line
    opds: list[Line]
    categories: list[Line]
    months: list[Month]
    scope_label: str


def _month_ranges(year: int) -> list[tuple[date, date]]:
    return [
        (date(year, m, 1), date(year, m, calendar.monthrange(year, m)[1])) for m in range(1, 13)
    ]


def transparency(
    instansi_id: int, year: int, *, unit: Unit | None = None, category: Category | None = None
) -> Transparency:
    """The year's figures per OPD and per category, and the total and monthly trend of the
    chosen scope (one OPD, one category, or the whole instansi): one query for the rows and two
    for the names."""
    year_range = (date(year, 1, 1), date(year, 12, 31))
    rows = [
        SimpleNamespace(**values)
        for values in ComplaintIndicator.objects.filter(
            instansi_id=instansi_id,
            employee__isnull=True,
            starts__gte=year_range[0],
            ends__lte=year_range[1],
        ).values(*FIELDS, "computed_at")
    ]
    annual = [r for r in rows if (r.starts, r.ends) == year_range]
    opd_names = dict(
        Unit.objects.filter(instansi_id=instansi_id, depth=0).values_list("pk", "name")
    )
    categories = Category.objects.filter(instansi_id=instansi_id)
    if unit is not None:
        categories = categories.filter(default_unit=unit)
    category_names = dict(categories.values_list("pk", "name"))
    opds = sorted(
        (line_of(opd_names.get(r.unit_id, "?"), r.unit_id, r) for r in annual if r.unit_id),
        key=lambda line: (-(line.handled.value or 0), line.label),
    )
    by_category = sorted(
        (
            line_of(category_names[r.category_id], r.category_id, r)
            for r in annual
            if r.category_id in category_names
        ),
        key=lambda line: (-(line.handled.value or 0), line.label),
    )

    def in_scope(r: Any) -> bool:
        if unit is not None:
            return bool(r.unit_id == unit.pk)
        if category is not None:
            return bool(r.category_id == category.pk)
        return r.unit_id is None and r.category_id is None

    monthly = {(r.starts, r.ends): r for r in rows if in_scope(r)}
    months = []
    for number, key in enumerate(_month_ranges(year), start=1):
        found = monthly.get(key)
        line = line_of("", None, found)
        months.append(Month(number, line.handled, line.on_time))
    label = unit.name if unit else category.name if category else ""
    return Transparency(
        year=year,
        computed_at=max((r.computed_at for r in rows), default=None),
        total=line_of(label, None, next((r for r in annual if in_scope(r)), None)),
        opds=opds,
        categories=by_category,
        months=months,
        scope_label=label,
    )


def years_available(instansi_id: int) -> list[int]:
    """Years with an annual row for the whole instansi, newest first (for the year choice)."""
    ranges = (
        ComplaintIndicator.objects.filter(
            instansi_id=instansi_id, employee__isnull=True, unit__isnull=True,
            category__isnull=True,
        )
        .values_list("starts", "ends")
        .distinct()
    )  # fmt: skip
    return sorted(
        {s.year for s, e in ranges if (s.month, s.day, e.month, e.day) == (1, 1, 12, 31)},
        reverse=True,
    )
