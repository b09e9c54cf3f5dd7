"""Complaint indicators over a million complaints, and the public transparency page.

Usage: DATABASE_URL=postgres://… .venv/bin/python bench/bench_complaints.py
           [--complaints 1000000] [--repeat 3] [--requests 200]

Builds a fresh database (DATABASE_URL if set, else a temporary SQLite file), seeds the demo city
without evaluations, then adds synthetic complaints of the current year spread over every
employee of the city as officers (about 6,500) with their OPDs, categories, step times and
ratings. It times ``refresh`` (the service behind ``refresh_indicators``) for one month and for
the whole year, beside a lower bound: the same figures (counts, shares, median and 90th
percentile) for the same four scopes as one aggregate query each, with the ratio. Then it renders
the public transparency page. Goals (issue 4): refresh ≤ 10 s for a month and for a year over
1,000,000 complaints on PostgreSQL; the public page ≤ 150 ms.
"""

from __future__ import annotations

import argparse
import calendar
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_pages import _measure, _percentile, _setup, _teardown  # noqa: E402

YEAR = date.today().year

#: Synthetic complaints, made by the database itself (PostgreSQL).
FILL_PG = """
INSERT INTO complaints_complaint (
    instansi_id, channel, external_id, tracking_code, received_at, category_id, classification,
    title, description, location, complainant_name, complainant_phone, complainant_email,
    unit_id, officer_id, status, verified_at, dispatched_at, assigned_at, first_response_at,
    officer_response_at, followed_up_at, closed_at, response_due_at, followup_due_at,
    response_minutes, officer_response_minutes, followup_minutes, reopen_count,
    rejected_answers, rating, solved, rated_at, version, created_at, updated_at
)
SELECT %(instansi)s, 'whatsapp', '', 'B' || lpad(g::text, 10, '0'), t.received,
       (%(categories)s::int[])[1 + (g %% %(ncat)s)], 'pengaduan', 'Aduan', 'Uraian', '', '', '',
       '', o.opd_id, o.employee_id, 'selesai', t.received, t.received, t.received,
       t.received + interval '3 hours', t.received + interval '4 hours',
       t.received + (t.f || ' minutes')::interval, t.received + interval '3 days',
       t.received + interval '1 day', t.received + interval '2 days',
       t.r, t.r / 2, t.f, CASE WHEN random() < 0.04 THEN 1 ELSE 0 END,
       CASE WHEN random() < 0.06 THEN 1 ELSE 0 END, t.rating,
       CASE WHEN t.rating IS NULL THEN NULL ELSE t.rating > 2 END,
       CASE WHEN t.rating IS NULL THEN NULL ELSE t.received + interval '4 days' END,
       1, now(), now()
FROM generate_series(1, %(count)s) AS g
JOIN bench_officer o ON o.idx = g %% %(nofficer)s
CROSS JOIN LATERAL (
    SELECT %(start)s::timestamptz + (random() * interval '364 days') AS received,
           (random() * random() * 3000)::int AS r,
           (random() * 2400)::int AS f,
           CASE WHEN random() < 0.4 THEN 1 + floor(random() * 5)::int END AS rating,
           g AS dep
) AS t
"""

LOWER_BOUND_PG = """
SELECT {key},
       COUNT(*),
       COUNT(c.{minutes}),
       percentile_disc(0.5) WITHIN GROUP (ORDER BY c.{minutes}),
       percentile_disc(0.9) WITHIN GROUP (ORDER BY c.{minutes}),
       COUNT(*) FILTER (WHERE c.followed_up_at IS NOT NULL OR c.followup_due_at < now()),
       COUNT(*) FILTER (WHERE c.followed_up_at <= c.followup_due_at),
       COUNT(*) FILTER (WHERE c.reopen_count > 0),
       COUNT(*) FILTER (WHERE c.reopen_count > 0 OR c.rejected_answers > 0 OR c.rating <= 2
                        OR c.solved = false),
       COUNT(c.rating), SUM(c.rating)
FROM complaints_complaint c {join}
WHERE c.instansi_id = %s AND c.received_at >= %s AND c.received_at < %s {where}
GROUP BY 1
"""


def _fill(count: int) -> int:
    """``count`` complaints of this year over every employee of the demo city."""
    from django.db import connection

    from kinerja.complaints.models import Category
    from kinerja.demo import surakarta
    from kinerja.employees.models import Employee
    from kinerja.org.models import Instansi, Unit

    instansi = Instansi.objects.get(code=surakarta.INSTANSI_CODE)
    opd_of = dict(Unit.objects.filter(instansi=instansi, depth=0).values_list("path", "pk"))
    officers = [
        (pk, opd_of[path[:4]])
        for pk, path in Employee.objects.filter(instansi=instansi)
        .exclude(unit_path="")
        .values_list("pk", "unit_path")
        if path[:4] in opd_of
    ]
    categories = list(Category.objects.filter(instansi=instansi).values_list("pk", flat=True))
    started = time.perf_counter()
    if connection.vendor != "postgresql":
        print("synthetic complaints need PostgreSQL (DATABASE_URL); using the demo's only")
        return len(officers)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE bench_officer (idx int, employee_id int, opd_id int)")
        cursor.executemany(
            "INSERT INTO bench_officer VALUES (%s, %s, %s)",
            [(i, pk, opd) for i, (pk, opd) in enumerate(officers)],
        )
        cursor.execute(
            FILL_PG,
            {
                "instansi": instansi.pk,
                "categories": categories,
                "ncat": len(categories),
                "count": count,
                "nofficer": len(officers),
                "start": f"{YEAR}-01-01 00:00+07",
            },
        )
        cursor.execute("ANALYZE complaints_complaint")
    print(
        f"{count:,} synthetic complaints over {len(officers):,} officers in "
        f"{time.perf_counter() - started:.1f} s"
    )
    return len(officers)


def _lower_bound(instansi_id: int, starts: date, ends: date) -> float:
    """The same four scopes as one aggregate query each (PostgreSQL's ordered-set
    percentiles), with no writing, and the same sort memory as the refresh: what the database
    needs at the least."""
    from django.db import connection, transaction

    from kinerja.complaints.services.indicators import REFRESH_WORK_MEM, bounds

    low, high = bounds(starts, ends)
    scopes = [
        ("c.officer_id", "officer_response_minutes", "", "AND c.officer_id IS NOT NULL"),
        ("SUBSTR(u.path, 1, 4)", "response_minutes", "JOIN org_unit u ON u.id = c.unit_id", ""),
        ("c.category_id", "response_minutes", "", "AND c.category_id IS NOT NULL"),
        ("c.instansi_id", "response_minutes", "", ""),
    ]
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL work_mem = '{REFRESH_WORK_MEM}'")  # as the refresh does
        for key, minutes, join, where in scopes:
            cursor.execute(
                LOWER_BOUND_PG.format(key=key, minutes=minutes, join=join, where=where),
                [instansi_id, low, high],
            )
            cursor.fetchall()
    return time.perf_counter() - started


def _refresh_runs(instansi_id: int, starts: date, ends: date, repeat: int) -> tuple[float, Any]:
    from kinerja.complaints.services.indicators import refresh

    timings, result = [], None
    for _ in range(repeat):
        result = refresh(instansi_id, starts, ends)
        timings.append(result.seconds)
    return min(timings), result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    _setup(1.0)
    try:
        return _run(args.complaints, args.repeat, args.requests)
    finally:
        _teardown()


def _run(count: int, repeat: int, requests: int) -> int:
    from django.db import connection
    from django.test import Client

    from kinerja.complaints.models import Complaint
    from kinerja.complaints.services.indicators import refresh
    from kinerja.demo import surakarta
    from kinerja.org.models import Instansi, Unit

    instansi = Instansi.objects.get(code=surakarta.INSTANSI_CODE)
    _fill(count)
    total = Complaint.objects.filter(instansi=instansi).count()
    print(f"complaints in the city: {total:,}")
    pg = connection.vendor == "postgresql"
    ok = True
    for label, starts, ends in (
        ("month", date(YEAR, 3, 1), date(YEAR, 3, 31)),
        ("year", date(YEAR, 1, 1), date(YEAR, 12, 31)),
    ):
        best, result = _refresh_runs(instansi.pk, starts, ends, repeat)
        line = (
            f"refresh {label}: best {best:.2f} s ({result.officers:,} officers, "
            f"{result.units} OPDs, {result.categories} categories)"
        )
        if pg:
            low = min(_lower_bound(instansi.pk, starts, ends) for _ in range(repeat))
            line += f"; lower bound {low:.2f} s; ratio {best / low:.1f}×"
        print(line)
        ok &= best <= 10.0
    print(f"goal ≤ 10 s: {'met' if ok else 'NOT met'}")
    # The public page reads the rows of every month and of the year.
    for month in range(1, 13):
        last = calendar.monthrange(YEAR, month)[1]
        refresh(instansi.pk, date(YEAR, month, 1), date(YEAR, month, last))
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    client = Client()
    opds = list(Unit.objects.filter(instansi=instansi, depth=0).values_list("pk", flat=True))
    urls = [f"/layanan/transparansi/?tahun={YEAR}"] + [
        f"/layanan/transparansi/?tahun={YEAR}&opd={pk}" for pk in opds
    ]
    client.get(urls[0])  # warm the template cache
    times, queries = _measure(client, (urls * (requests // len(urls) + 1))[:requests])
    p95 = _percentile(times, 95)
    print(
        f"public page: p50 {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, "
        f"queries {min(queries)}–{max(queries)}"
    )
    print(f"goal p95 ≤ 150 ms: {'met' if p95 <= 150 else 'NOT met'}")
    return 0 if ok and p95 <= 150 else 1


if __name__ == "__main__":
    sys.exit(main())
