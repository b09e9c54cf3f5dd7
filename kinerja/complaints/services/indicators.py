"""Computing the service indicators of a date range, set-based (issue 4 §6).

A refresh replaces every :class:`ComplaintIndicator` row of one instansi and range with rows
built from one grouped query per kind of row (officer, OPD, category, instansi: counts and the
nearest-rank percentiles together on PostgreSQL, the percentiles by a window-function query on
SQLite) and one for the SKM sums per OPD, however many complaints there are. Complaints count
in the range they were received in; an officer's row holds the complaints assigned to them, an
OPD's row those routed to it or to any unit below it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as dtime
from typing import Any

from django.db import connection, transaction
from django.db.models import Aggregate, Count, F, Q, Sum, Value
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone

from kinerja.complaints.models import (
    Complaint,
    ComplaintIndicator,
    ComplaintSettings,
    SkmResponse,
    Status,
)
from kinerja.complaints.skm import ikm_from_sums
from kinerja.complaints.sla import settings_for
from kinerja.core import bulk
from kinerja.org.models import Unit
from kinerja.org.paths import SEGMENT

#: Ranks of the median and the 90th percentile (nearest rank: ⌈p·n⌉ = (p·n + 99) div 100).
_PERCENTILE_SQL = """
SELECT k, MIN(CASE WHEN rn = (n * 50 + 99) / 100 THEN m END),
       MIN(CASE WHEN rn = (n * 90 + 99) / 100 THEN m END)
FROM (
    SELECT {key} AS k, c.{minutes} AS m,
           ROW_NUMBER() OVER (PARTITION BY {key} ORDER BY c.{minutes}) AS rn,
           COUNT(*) OVER (PARTITION BY {key}) AS n
    FROM {complaint} c {join}
    WHERE c.instansi_id = %s AND c.received_at >= %s AND c.received_at < %s
      AND {key} IS NOT NULL AND c.{minutes} IS NOT NULL
) ranked
WHERE rn = (n * 50 + 99) / 100 OR rn = (n * 90 + 99) / 100
GROUP BY k
"""


@dataclass(frozen=True)
class Refreshed:
    """What a refresh wrote."""

    starts: date
    ends: date
    officers: int
    units: int
    categories: int
    seconds: float


def bounds(starts: date, ends: date) -> tuple[datetime, datetime]:
    """The aware instants [start of ``starts``, start of the day after ``ends``) in local time."""
    tz = timezone.get_current_timezone()
    low = datetime.combine(starts, dtime.min, tzinfo=tz)
    high = datetime.combine(ends + timedelta(days=1), dtime.min, tzinfo=tz)
    return low, high


def in_range_q(instansi_id: int, starts: date, ends: date) -> Q:
    low, high = bounds(starts, ends)
    return Q(instansi_id=instansi_id, received_at__gte=low, received_at__lt=high)


def inaccurate_q(rules: ComplaintSettings) -> Q | None:
    """Which complaints count against accuracy under the instansi's rules (None: none do)."""
    parts = []
    if rules.count_reopened:
        parts.append(Q(reopen_count__gt=0))
    if rules.count_rejected:
        parts.append(Q(rejected_answers__gt=0))
    if rules.count_low_rating:
        parts.append(Q(rating__lte=rules.low_rating))
    if rules.count_not_solved:
        parts.append(Q(solved=False))
    if not parts:
        return None
    q = parts[0]
    for part in parts[1:]:
        q |= part
    return q


def owed_q(now: datetime) -> Q:
    """Complaints whose follow-up was owed by ``now``: answered, or past due and not closed
    as rejected or not the city's."""
    return (Q(followed_up_at__isnull=False) | Q(followup_due_at__lt=now)) & ~Q(
        status__in=[Status.REJECTED, Status.NOT_OURS]
    )


def _counts(rules: ComplaintSettings, now: datetime, minutes: str) -> dict[str, Any]:
    inaccurate = inaccurate_q(rules)
    return {
        "handled": Count("id"),
        "responded": Count("id", filter=Q(**{f"{minutes}__isnull": False})),
        "followup_owed": Count("id", filter=owed_q(now)),
        "followup_on_time": Count(
            "id", filter=Q(followed_up_at__isnull=False, followed_up_at__lte=F("followup_due_at"))
        ),
        "reopened": Count("id", filter=Q(reopen_count__gt=0)),
        "inaccurate": Count("id", filter=inaccurate) if inaccurate is not None else Value(0),
        "rated": Count("rating"),
        "rating_sum": Coalesce(Sum("rating"), 0),
    }


@dataclass(frozen=True)
class _Scope:
    """How one kind of row groups the complaints: the ORM grouping, the same key in SQL for
    the percentiles, the working minutes it measures, and the row column it fills."""

    column: str | None
    group: str
    sql_key: str
    minutes: str
    join: str = ""


_OPD = f"SUBSTR(u.path, 1, {SEGMENT})"
SCOPES = (
    _Scope("employee_id", "officer_id", "c.officer_id", "officer_response_minutes"),
    _Scope("unit_id", "opd", _OPD, "response_minutes",
           f"JOIN {Unit._meta.db_table} u ON u.id = c.unit_id"),
    _Scope("category_id", "category_id", "c.category_id", "response_minutes"),
    _Scope(None, "instansi_id", "c.instansi_id", "response_minutes"),
)  # fmt: skip


def _percentiles(instansi_id: int, starts: date, ends: date, scope: _Scope) -> dict[Any, tuple]:
    low, high = bounds(starts, ends)
    sql = _PERCENTILE_SQL.format(
        key=scope.sql_key,
        minutes=scope.minutes,
        join=scope.join,
        complaint=Complaint._meta.db_table,
    )
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(sql, [instansi_id, adapt(low), adapt(high)])
        return {row[0]: (row[1], row[2]) for row in cursor.fetchall()}


_COLUMNS = [
    "instansi_id", "starts", "ends", "employee_id", "unit_id", "category_id", "handled",
    "responded", "response_median_minutes", "response_p90_minutes", "followup_owed",
    "followup_on_time", "reopened", "inaccurate", "rated", "rating_sum", "skm_respondents",
    "ikm", "computed_at",
]  # fmt: skip
_COUNTED = ["handled", "responded", "followup_owed", "followup_on_time", "reopened",
            "inaccurate", "rated", "rating_sum"]  # fmt: skip
_NO_SKM = (0, None)


class NearestRank(Aggregate):
    """The value at rank ⌈p·n⌉ of a group's non-null values, PostgreSQL's ``percentile_disc``:
    an ordered-set aggregate, so the counts and both percentiles of a scope take one query."""

    function = "percentile_disc"
    name = "NearestRank"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)%(filter)s"
    arity = 1

    def __init__(self, expression: str, fraction: float) -> None:
        if not 0 < fraction <= 1:
            raise ValueError("fraction must lie in (0, 1]")
        super().__init__(expression, fraction=repr(float(fraction)))


def _grouped(
    instansi_id: int,
    starts: date,
    ends: date,
    scope: _Scope,
    rules: ComplaintSettings,
    now: datetime,
) -> dict[Any, dict[str, Any]]:
    """The counts of each key of a scope, with the median and 90th percentile of its working
    minutes: in the same query on PostgreSQL, from a window-function query elsewhere."""
    qs = Complaint.objects.filter(in_range_q(instansi_id, starts, ends))
    if scope.group == "opd":
        qs = qs.filter(unit_id__isnull=False).annotate(opd=Substr("unit__path", 1, SEGMENT))
    elif scope.group != "instansi_id":
        qs = qs.filter(**{f"{scope.group}__isnull": False})
    aggregates = _counts(rules, now, scope.minutes)
    ordered_sets = connection.vendor == "postgresql"
    if ordered_sets:
        aggregates |= {
            "median": NearestRank(scope.minutes, 0.5),
            "p90": NearestRank(scope.minutes, 0.9),
        }
    grouped = qs.values(scope.group).annotate(**aggregates).order_by()
    counted = {row[scope.group]: row for row in grouped}
    if not ordered_sets:
        for key, (median, p90) in _percentiles(instansi_id, starts, ends, scope).items():
            if key in counted:
                counted[key] |= {"median": median, "p90": p90}
    return counted


def refresh(
    instansi_id: int, starts: date, ends: date, *, now: datetime | None = None
) -> Refreshed:
    """Recompute the indicators of every officer, OPD and category of one instansi, and of the
    instansi as a whole, over a range: one grouped query per kind (two where the database has
    no ordered-set aggregates)."""
    began = time.perf_counter()
    with transaction.atomic():
        _sort_in_memory()
        made = _replace_rows(instansi_id, starts, ends, now or timezone.now())
    return Refreshed(
        starts,
        ends,
        officers=made["employee_id"],
        units=made["unit_id"],
        categories=made["category_id"],
        seconds=time.perf_counter() - began,
    )


#: Enough for PostgreSQL to sort a year of a city's complaints in memory rather than on disk
#: (the default 4 MB spills a million rows); set for the refresh's own transaction only.
REFRESH_WORK_MEM = "256MB"


def _sort_in_memory() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL work_mem = '{REFRESH_WORK_MEM}'")


def _replace_rows(
    instansi_id: int, starts: date, ends: date, now: datetime
) -> dict[str | None, int]:
    rules = settings_for(instansi_id)
    skm = _skm_by_opd(instansi_id, starts, ends)
    opd_ids = dict(Unit.objects.filter(instansi_id=instansi_id, depth=0).values_list("path", "id"))
    rows: list[list[Any]] = []
    made: dict[str | None, int] = {}
    for scope in SCOPES:
        counts = _grouped(instansi_id, starts, ends, scope, rules, now)
        keys = set(counts)
        if scope.group == "opd":
            keys |= {path for path in skm if path}
        elif scope.column is None:
            keys.add(instansi_id)  # always written: it marks the range as computed
        before = len(rows)
        for key in sorted(keys, key=str):
            found = counts.get(key) or dict.fromkeys(_COUNTED, 0)
            target: dict[str, Any] = dict.fromkeys(["employee_id", "unit_id", "category_id"])
            respondents, ikm = _NO_SKM
            if scope.group == "opd":
                target["unit_id"] = opd_ids.get(key)
                if target["unit_id"] is None:
                    continue
                respondents, ikm = skm.get(key, _NO_SKM)
            elif scope.column is None:
                respondents, ikm = skm.get(None, _NO_SKM)
            else:
                target[scope.column] = key
            median, p90 = found.get("median"), found.get("p90")
            rows.append([instansi_id, starts, ends, target["employee_id"], target["unit_id"],
                         target["category_id"], *(found[c] for c in _COUNTED[:2]), median, p90,
                         *(found[c] for c in _COUNTED[2:]), respondents, ikm, now])  # fmt: skip
        made[scope.column] = len(rows) - before
    ComplaintIndicator.objects.filter(instansi_id=instansi_id, starts=starts, ends=ends).delete()
    bulk.insert_rows(ComplaintIndicator, _COLUMNS, rows)
    return made


def _skm_by_opd(instansi_id: int, starts: date, ends: date) -> dict[str | None, tuple[int, Any]]:
    """Respondents and IKM per OPD path (and under ``None`` for the whole instansi) from the SKM
    answers submitted in the range."""
    low, high = bounds(starts, ends)
    per_element = {f"s{i}": Sum(f"u{i}") for i in range(1, 10)}
    grouped: Any = (
        SkmResponse.objects.filter(
            instansi_id=instansi_id, submitted_at__gte=low, submitted_at__lt=high
        )
        .annotate(opd=Substr("unit__path", 1, SEGMENT))
        .values("opd")
        .annotate(n=Count("id"), **per_element)
        .order_by()
    )
    result: dict[str | None, tuple[int, Any]] = {}
    total = [0] * 10
    for row in grouped:
        sums = [row[f"s{i}"] for i in range(1, 10)]
        found = ikm_from_sums(row["n"], sums)
        result[row["opd"]] = (row["n"], found.ikm if found else None)
        total = [a + b for a, b in zip(total, [row["n"], *sums], strict=True)]
    if total[0]:
        found = ikm_from_sums(total[0], total[1:])
        result[None] = (total[0], found.ikm if found else None)
    return result
