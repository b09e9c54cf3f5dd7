"""Reading the stored indicator rows of an officer or an OPD (for the staff page and the API).

The figures come from :class:`ComplaintIndicator` rows. A range nobody has computed yet, or a
range still running whose rows are more than a day old, is computed at once for the whole
instansi (set-based) and stored, so that a reader never meets "not yet computed".
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import IntegrityError
from django.db.models import Case, F, FloatField, Min, Q, QuerySet, When
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kinerja.complaints.indicators import LOWER_IS_BETTER, UNITS, Counts, Figure, value_of
from kinerja.complaints.models import Complaint, ComplaintIndicator, Indicator
from kinerja.complaints.services.indicators import refresh
from kinerja.core.periods import month_of
from kinerja.employees.models import Employee
from kinerja.employees.querysets import employee_scope_q
from kinerja.org.models import Unit
from kinerja.org.paths import SEGMENT
from kinerja.org.querysets import subtree_q

#: Ranges still recomputed this many days after they end, so that late answers count.
GRACE_DAYS = 7
#: Stored figures of a range still running are recomputed when older than this.
STALE_AFTER = timedelta(hours=24)

#: The counts of an officer or OPD with no complaint in the range.
EMPTY_ROW = Counts()


def computed(instansi_id: int, starts: date, ends: date) -> tuple[datetime, bool]:
    """When the range's figures were computed, computing them first if needed (one query when
    they are stored and fresh); the flag says whether they were computed now."""
    now = timezone.now()
    at = (
        ComplaintIndicator.objects.filter(instansi_id=instansi_id, starts=starts, ends=ends)
        .order_by("-computed_at")
        .values_list("computed_at", flat=True)
        .first()
    )
    running = ends >= timezone.localdate() - timedelta(days=GRACE_DAYS)
    if at is not None and not (running and at < now - STALE_AFTER):
        return at, False
    # Another request computing the same range at the same moment wins; its rows stand.
    with contextlib.suppress(IntegrityError):
        refresh(instansi_id, starts, ends, now=now)
    return now, True


def stored_row(
    instansi_id: int, starts: date, ends: date, **scope: Any
) -> ComplaintIndicator | None:
    """The stored row of one officer (``employee=``) or OPD (``employee__isnull=True,
    unit=``) for a range, if it has one."""
    return ComplaintIndicator.objects.filter(
        instansi_id=instansi_id, starts=starts, ends=ends, **scope
    ).first()


def opd_of(instansi_id: int, unit: Unit | None) -> Unit | None:
    """The OPD (top-level unit) a unit belongs to."""
    if unit is None:
        return None
    if unit.depth == 0:
        return unit
    return Unit.objects.filter(instansi_id=instansi_id, path=unit.path[:SEGMENT]).first()


def own_employee(user: Any) -> Employee | None:
    """The employee record of the signed-in user, if they have one."""
    return Employee.objects.visible_to(user).with_placement().filter(user_id=user.pk).first()


def first_year(instansi_id: int, today: date) -> int:
    """The year of the instansi's first complaint (this year when there is none)."""
    first = Complaint.objects.filter(instansi_id=instansi_id).aggregate(at=Min("received_at"))
    return timezone.localtime(first["at"]).year if first["at"] else today.year


# --- one officer beside their OPD and the instansi ---------------------------------------------


@dataclass(frozen=True)
class Line:
    """One indicator: the officer's figure (``None`` for the IKM, which is the OPD's), the
    OPD's and the instansi's."""

    indicator: Indicator
    measured_in: str
    lower_is_better: bool
    officer: Figure | None
    opd: Figure
    instansi: Figure


@dataclass(frozen=True)
class Comparison:
    opd: Unit | None
    lines: list[Line]
    handled: int


def comparison(employee: Employee, starts: date, ends: date) -> Comparison:
    """Every indicator of ``employee`` over a range beside those of their current OPD and of
    the whole instansi, from the stored rows (one query)."""
    instansi_id = employee.instansi_id
    opd = opd_of(instansi_id, employee.current_unit)
    whole = Q(employee__isnull=True, unit__isnull=True, category__isnull=True)
    wanted = Q(employee=employee) | whole
    if opd is not None:
        wanted |= Q(employee__isnull=True, unit=opd)
    officer_row = opd_row = instansi_row = None
    for row in ComplaintIndicator.objects.filter(
        wanted, instansi_id=instansi_id, starts=starts, ends=ends
    ):
        if row.employee_id is not None:
            officer_row = row
        elif row.unit_id is not None:
            opd_row = row
        else:
            instansi_row = row
    lines = [
        Line(
            indicator,
            UNITS[indicator],
            indicator in LOWER_IS_BETTER,
            None if indicator == Indicator.IKM else value_of(officer_row or EMPTY_ROW, indicator),
            value_of(opd_row or EMPTY_ROW, indicator),
            value_of(instansi_row or EMPTY_ROW, indicator),
        )
        for indicator in Indicator
    ]
    return Comparison(opd, lines, officer_row.handled if officer_row else 0)


# --- the officers a user may read --------------------------------------------------------------

#: The officer columns of the list, in order (the IKM is an OPD's, not an officer's).
COLUMNS = [indicator for indicator in Indicator if indicator != Indicator.IKM]
ORDER_LABELS = {
    "": _("Nama"),
    "ditangani": _("Aduan terbanyak"),
    "respons": _("Respons terlama (median)"),
    "tepat": _("Ketepatan tindak lanjut terendah"),
}
ORDERS = {
    "": [F("employee__name").asc(), F("employee_id").asc()],
    "ditangani": [F("handled").desc(), F("employee__name").asc(), F("employee_id").asc()],
    "respons": [
        F("response_median_minutes").desc(nulls_last=True),
        F("employee__name").asc(),
        F("employee_id").asc(),
    ],
    "tepat": [
        F("on_time_share").asc(nulls_last=True),
        F("employee__name").asc(),
        F("employee_id").asc(),
    ],
}


def officer_rows(
    user: Any, instansi_id: int, starts: date, ends: date, *, opd: Unit | None, order: str
) -> QuerySet[ComplaintIndicator]:
    """The stored rows of the officers ``user`` may read (optionally those working in one OPD
    now) for a range, in the order asked for."""
    rows = ComplaintIndicator.objects.filter(
        employee_scope_q(user, field_prefix="employee__"),
        instansi_id=instansi_id,
        starts=starts,
        ends=ends,
        employee__isnull=False,
    )
    if opd is not None:
        rows = rows.filter(subtree_q(opd.path, "employee__unit_path"))
    rows = rows.annotate(
        on_time_share=Case(
            When(followup_owed=0, then=None),
            default=Cast("followup_on_time", FloatField()) / F("followup_owed"),
            output_field=FloatField(),
        )
    )
    return rows.select_related("employee", "employee__current_unit").order_by(
        *ORDERS.get(order, ORDERS[""])
    )


def decorate(rows: Any) -> list[ComplaintIndicator]:
    """The rows with their figures in :data:`COLUMNS` order as ``cells``."""
    decorated = list(rows)
    for row in decorated:
        row.cells = [value_of(row, indicator) for indicator in COLUMNS]
    return decorated


# --- one officer's months ----------------------------------------------------------------------


@dataclass(frozen=True)
class Month:
    """One month of a year: its ``periode`` text and name, whether it was computed at all, and
    the officer's figures in :data:`COLUMNS` order (``None`` when they had no complaint)."""

    text: str
    name: str
    computed: bool
    cells: list[Figure] | None


def months(employee: Employee, year: int) -> list[Month]:
    """The months of ``year`` that have begun, with the officer's stored figures (two
    queries)."""
    today = timezone.localdate()
    found = {
        (row.starts, row.ends): row
        for row in ComplaintIndicator.objects.filter(
            instansi_id=employee.instansi_id, employee=employee, starts__year=year
        )
    }
    computed_ranges = set(
        ComplaintIndicator.objects.filter(
            instansi_id=employee.instansi_id,
            starts__year=year,
            employee__isnull=True,
            unit__isnull=True,
            category__isnull=True,
        ).values_list("starts", "ends")
    )
    result = []
    for number in range(1, 13):
        span = month_of(date(year, number, 1))
        if span[0] > today:
            break
        row = found.get(span)
        result.append(
            Month(
                f"{year}-{number:02d}",
                date_format(span[0], "F"),
                span in computed_ranges or row is not None,
                [value_of(row, indicator) for indicator in COLUMNS] if row else None,
            )
        )
    return result
