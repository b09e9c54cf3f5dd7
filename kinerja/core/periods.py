"""Calendar ranges named the way people write them: ``YYYY``, ``YYYY-Qn`` and ``YYYY-MM``.

Pure date arithmetic, shared by the performance periods and the complaint indicators.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from django.utils.translation import gettext as _

MIN_YEAR = 2000
MAX_YEAR = 2100

_RANGE = re.compile(r"\A([0-9]{4})(?:-(?:([0-9]{2})|[Qq]([1-4])))?\Z")


class BadRange(ValueError):
    """A period string that is not ``YYYY``, ``YYYY-MM`` or ``YYYY-Qn``."""


def parse_range(text: str) -> tuple[date, date]:
    """The first and last day of ``YYYY`` (a year), ``YYYY-MM`` (a month) or ``YYYY-Qn`` (a
    quarter); :class:`BadRange` with a message for anything else."""
    found = _RANGE.match((text or "").strip())
    if found is None:
        raise BadRange(
            _("Periode harus berbentuk YYYY-MM (bulan), YYYY (tahun) atau YYYY-Qn (triwulan).")
        )
    year = int(found[1])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise BadRange(
            _("Tahun harus antara %(low)s dan %(high)s.") % {"low": MIN_YEAR, "high": MAX_YEAR}
        )
    if found[2]:
        month = int(found[2])
        if not 1 <= month <= 12:
            raise BadRange(_("Bulan harus antara 01 dan 12."))
        return month_of(date(year, month, 1))
    if found[3]:
        return quarter_of(year, int(found[3]))
    return year_of(date(year, 1, 1))


def range_name(starts: date, ends: date) -> str:
    """The ``YYYY``, ``YYYY-Qn`` or ``YYYY-MM`` text of a whole year, quarter or month (the
    inverse of :func:`parse_range`); ISO dates joined by ``/`` for any other range."""
    if (starts, ends) == year_of(starts):
        return f"{starts.year}"
    if (starts, ends) == month_of(starts):
        return f"{starts:%Y-%m}"
    quarter = (starts.month + 2) // 3
    if (starts, ends) == quarter_of(starts.year, quarter):
        return f"{starts.year}-Q{quarter}"
    return f"{starts.isoformat()}/{ends.isoformat()}"


def month_of(day: date) -> tuple[date, date]:
    return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])


def quarter_of(year: int, quarter: int) -> tuple[date, date]:
    return date(year, quarter * 3 - 2, 1), month_of(date(year, quarter * 3, 1))[1]


def year_of(day: date) -> tuple[date, date]:
    return date(day.year, 1, 1), date(day.year, 12, 31)


def months_of(starts: date, ends: date) -> list[tuple[date, date]]:
    """The whole months inside [starts, ends]."""
    found = []
    day = starts.replace(day=1)
    while day <= ends:
        month = month_of(day)
        if month[0] >= starts and month[1] <= ends:
            found.append(month)
        day = month[1] + timedelta(days=1)
    return found
