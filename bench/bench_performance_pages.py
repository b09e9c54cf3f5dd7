"""The atasan's team page and the OPD dashboard, measured in-process.

Usage: .venv/bin/python bench/bench_performance_pages.py [--scale 1] [--requests 200]

Seeds the demo city at the given scale in a fresh database, then times through Django's test
client: the team page of every leader who assesses at least one SKP this year (as that leader),
the dashboard of the whole city and of one OPD (as Admin BKPSDM), and the dashboard of an Admin
OPD's own unit. Reports p50/p95 and the query count per page; goal p95 ≤ 100 ms with a query
count that does not grow with the data (issue 3 §7).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_pages import _measure, _percentile, _setup, _teardown  # noqa: E402

GOAL_MS = 100.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    _setup(args.scale, evaluations=True)
    try:
        return _run(args.requests)
    finally:
        _teardown()


def _client(user: Any) -> Any:
    from django.test import Client

    client = Client()
    client.force_login(user, backend="kinerja.accounts.backends.NipOrEmailBackend")
    return client


def _run(requests: int) -> int:
    import random

    from django.conf import settings

    from kinerja.accounts.models import Role, RoleGrant
    from kinerja.demo.personas import PERSONAS
    from kinerja.employees.models import Employee
    from kinerja.org.models import Unit

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    atasan = next(p for p in PERSONAS if p.key == "atasan")
    leader = Employee.objects.select_related("user").get(nip=atasan.nip).user
    bkpsdm = RoleGrant.objects.filter(role=Role.ADMIN_BKPSDM).select_related("user").first()
    opd = RoleGrant.objects.filter(role=Role.ADMIN_OPD).select_related("user", "unit").first()
    assert bkpsdm and opd and opd.unit
    rng = random.Random(7)
    opds = list(
        Unit.objects.filter(depth=0, instansi=opd.unit.instansi).values_list("pk", flat=True)
    )
    scenarios = {
        "team page (atasan)": (_client(leader), ["/kinerja/skp/tim/"] * requests),
        "dashboard, whole city (BKPSDM)": (_client(bkpsdm.user), ["/kinerja/dasbor/"] * requests),
        "dashboard, one OPD (BKPSDM)": (
            _client(bkpsdm.user),
            [f"/kinerja/dasbor/?unit={rng.choice(opds)}" for _ in range(requests)],
        ),
        "dashboard, own OPD (Admin OPD)": (_client(opd.user), ["/kinerja/dasbor/"] * requests),
    }
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"employees: {Employee.objects.count():,}; database: {engine}")
    print(f"{'page':34} {'p50 ms':>8} {'p95 ms':>8} {'queries':>10}")
    worst = 0.0
    for label, (client, urls) in scenarios.items():
        _measure(client, urls[:5])
        times, queries = _measure(client, urls)
        p95 = _percentile(times, 95)
        worst = max(worst, p95)
        spread = (
            f"{min(queries)}–{max(queries)}" if min(queries) != max(queries) else str(queries[0])
        )
        print(f"{label:34} {statistics.median(times):8.1f} {p95:8.1f} {spread:>10}")
    print(f"goal p95 ≤ {GOAL_MS:.0f} ms: {'met' if worst <= GOAL_MS else 'NOT met'}")
    return 0 if worst <= GOAL_MS else 1


if __name__ == "__main__":
    sys.exit(main())
