"""Closing a period for a whole city: recommendations, draft evaluations, distribution checks.

Usage: .venv/bin/python bench/bench_close_period.py [--scale 1] [--repeat 3]

Builds a fresh database (DATABASE_URL if set, else a temporary SQLite file), seeds the demo city
at the given scale, records a realisasi for every quantitative IKI of every approved SKP in the
current quarter, then times ``close_period`` (the same service the period page calls), rolled
back after each run so that every run closes the same open period. Beside it, a lower bound: the
same classification (capaian per IKI, the counts the recommendation rule reads, the rating per
SKP) as one raw SQL query, and the ratio. Goals (issue 3): ≤ 2 s for the demo city, ≤ 30 s at
100,000 employees.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_pages import _setup, _teardown  # noqa: E402

REALISASI_COLUMNS = [
    "iki_id", "period_id", "skp_id", "instansi_id", "value", "note", "updated_by_id",
    "created_at", "updated_at", "version",
]  # fmt: skip

LOWER_BOUND_SQL = """
WITH lines AS (
    SELECT rhk.skp_id AS skp_id,
           CASE WHEN rhk.kind = 'utama' THEN 1 ELSE 0 END AS utama,
           CASE WHEN iki.aspek = 'kuantitas' THEN iki.target * %(share)s ELSE iki.target END AS t,
           r.value AS v,
           CASE WHEN iki.lower_is_better THEN 1 ELSE 0 END AS lib
    FROM performance_iki iki
    JOIN performance_rhk rhk ON rhk.id = iki.rhk_id
    JOIN performance_skp skp ON skp.id = rhk.skp_id
    LEFT JOIN performance_realisasi r ON r.iki_id = iki.id AND r.period_id = %(period)s
    WHERE skp.instansi_id = %(instansi)s AND skp.performance_year_id = %(year)s
      AND skp.state = 'approved' AND iki.target IS NOT NULL
), capaian AS (
    SELECT skp_id, utama,
           CASE WHEN v IS NULL THEN NULL
                WHEN t = 0 THEN 100
                WHEN lib = 1 AND v = 0 THEN 150
                WHEN lib = 1 THEN CASE WHEN t * 100.0 / v > 150 THEN 150 ELSE t * 100.0 / v END
                ELSE CASE WHEN v * 100.0 / t > 150 THEN 150 ELSE v * 100.0 / t END
           END AS c
    FROM lines
), per_skp AS (
    SELECT skp_id,
           COUNT(c) AS n,
           SUM(CASE WHEN c >= 110 THEN 1 ELSE 0 END) AS above,
           SUM(CASE WHEN c >= 90 THEN 1 ELSE 0 END) AS meeting,
           SUM(CASE WHEN utama = 1 AND c IS NOT NULL THEN 1 ELSE 0 END) AS utama_n,
           SUM(CASE WHEN utama = 1 AND c < 90 THEN 1 ELSE 0 END) AS utama_below
    FROM capaian GROUP BY skp_id
)
SELECT CASE WHEN n = 0 THEN '-'
            WHEN above * 2 > n AND utama_below = 0 THEN '1'
            WHEN meeting * 2 > n THEN '2'
            ELSE '3' END AS rating,
       COUNT(*)
FROM per_skp GROUP BY 1
"""


def _realisasi(period: object, rng: random.Random) -> int:
    """A realisasi near the period's target for every quantitative IKI of every approved SKP."""
    from decimal import Decimal

    from django.utils import timezone

    from kinerja.core import bulk
    from kinerja.performance.models import Iki, Realisasi, SkpState

    rows = []
    ikis = Iki.objects.filter(
        rhk__skp__instansi_id=period.instansi_id,  # type: ignore[attr-defined]
        rhk__skp__performance_year_id=period.performance_year_id,  # type: ignore[attr-defined]
        rhk__skp__state=SkpState.APPROVED,
        target__isnull=False,
    ).values_list("pk", "rhk__skp_id", "instansi_id", "target", "aspek")
    now = timezone.now()
    for pk, skp_id, instansi_id, target, aspek in ikis.iterator(5000):
        assert target is not None
        base = target / 4 if aspek == "kuantitas" else target
        value = (base * Decimal(rng.choice((70, 85, 95, 100, 100, 105, 120, 140))) / 100).quantize(
            Decimal("0.01")
        )
        rows.append([pk, period.pk, skp_id, instansi_id, value, "", None, now, now, 1])  # type: ignore[attr-defined]
    bulk.insert_rows(Realisasi, REALISASI_COLUMNS, rows)
    return len(rows)


def _unit_predikat(period: Any) -> int:
    """An organisational predikat for every unit, so that closing checks every distribution."""
    from kinerja.org.models import Unit
    from kinerja.performance.models import OrgPredikatValue, UnitAssessment

    rows = [
        UnitAssessment(
            instansi_id=period.instansi_id,
            unit_id=pk,
            unit_path=path,
            period=period,
            org_predikat=OrgPredikatValue.BAIK,
        )
        for pk, path in Unit.objects.filter(instansi_id=period.instansi_id).values_list(
            "pk", "path"
        )
    ]
    UnitAssessment.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    _setup(args.scale, evaluations=args.scale <= 1)
    try:
        return _run(args.scale, args.repeat)
    finally:
        _teardown()


def _run(scale: float, repeat: int) -> int:
    from django.db import connection, transaction
    from django.utils import timezone

    from kinerja.accounts.models import User
    from kinerja.demo import surakarta
    from kinerja.performance.models import Evaluation, Period, PeriodKind, PeriodState
    from kinerja.performance.services.closing import close_period
    from kinerja.performance.services.evaluation import period_share

    today = timezone.localdate()
    period = (
        Period.objects.filter(
            instansi__code=surakarta.INSTANSI_CODE,
            kind=PeriodKind.PERIODIC,
            state=PeriodState.OPEN,
            starts__lte=today,
        )
        .order_by("-starts")
        .first()
    )
    if period is None:
        print("no open periodic period in the demo city")
        return 1
    realisasi = _realisasi(period, random.Random(7))
    units = _unit_predikat(period)
    actor = User.objects.get(username="superadmin")
    print(f"period {period}: {realisasi:,} realisasi recorded, {units:,} units with a predikat")
    timings = []
    for _ in range(repeat):
        with transaction.atomic():
            result = close_period(actor=actor, period=period)
            timings.append(result.seconds)
            created = Evaluation.objects.filter(period=period).count()
            transaction.set_rollback(True)
        period.refresh_from_db()
    print(
        f"close_period: {result.skps:,} SKP, {created:,} draft evaluations, "
        f"{result.units_checked} units checked; recommended {dict(result.recommended)}"
    )
    best, median = min(timings), statistics.median(timings)
    params: dict[str, Any] = {
        "share": str(period_share(period)),
        "period": period.pk,
        "instansi": period.instansi_id,
        "year": period.performance_year_id,
    }
    bound = []
    for _ in range(repeat):
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(LOWER_BOUND_SQL, params)
            ratings = dict(cursor.fetchall())
        bound.append(time.perf_counter() - started)
    low = min(bound)
    print(f"lower bound (one SQL query): {low:.3f} s; ratings {ratings}")
    print(f"close_period best {best:.2f} s, median {median:.2f} s; ratio {best / low:.1f}×")
    goal = 2.0 if scale <= 1 else 30.0
    print(f"goal ≤ {goal:.0f} s: {'met' if best <= goal else 'NOT met'}")
    return 0 if best <= goal else 1


if __name__ == "__main__":
    sys.exit(main())
