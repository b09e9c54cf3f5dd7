"""Directory search and profile page with a large population, measured in-process.

Usage: .venv/bin/python bench/bench_pages.py [--scale 15] [--requests 200]

Builds a fresh database (DATABASE_URL if set, else a temporary SQLite file), seeds the demo city
at the given scale, then times the pages through Django's test client as an Admin BKPSDM (the
persona that sees the whole city) and reports p50/p95 and the query count per page. The query
count must not grow with the data.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup(scale: float, evaluations: bool = False) -> None:
    """A fresh database: a temporary SQLite file, or a throw-away test database on the server
    that DATABASE_URL names (created and dropped as Django's test runner does). The demo's
    realisasi and evaluations are left out unless asked for (at scale 15 they take minutes)."""
    if not os.environ.get("DATABASE_URL"):
        os.environ["KINERJA_VAR_DIR"] = tempfile.mkdtemp(prefix="kinerja-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
    os.environ["KINERJA_MFA_ENFORCED"] = "0"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        call_command("migrate", verbosity=0)
    else:
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
    started = time.perf_counter()
    call_command("seed_demo", scale=scale, evaluations=evaluations, verbosity=0)
    print(f"seed_demo --scale {scale}: {time.perf_counter() - started:.1f} s")


def _teardown() -> None:
    from django.conf import settings
    from django.db import connection

    if connection.vendor != "sqlite":
        connection.creation.destroy_test_db(settings.DATABASES["default"]["NAME"], verbosity=0)


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def _measure(client, urls: list[str]) -> tuple[list[float], list[int]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times: list[float] = []
    queries: list[int] = []
    for url in urls:
        # The query log keeps at most 9,000 entries; a full log would make every count zero.
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries.append(len(ctx.captured_queries))
    return times, queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=15)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    _setup(args.scale)

    import random

    from django.conf import settings
    from django.test import Client

    from kinerja.accounts.models import Role, RoleGrant
    from kinerja.employees.models import Employee
    from kinerja.org.models import Unit

    settings.ALLOWED_HOSTS = ["testserver"]
    # No collectstatic here: serve static names unhashed, as the tests do.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    admin = RoleGrant.objects.filter(role=Role.ADMIN_BKPSDM).select_related("user").first().user
    client = Client()
    client.force_login(admin, backend="kinerja.accounts.backends.NipOrEmailBackend")
    total = Employee.objects.count()
    rng = random.Random(7)
    sample = list(Employee.objects.order_by("?").values_list("pk", "name", "nip")[: args.requests])
    opds = list(Unit.objects.filter(depth=0).values_list("pk", flat=True))
    words = [name.split()[0] for _pk, name, _nip in sample]
    scenarios = {
        "directory ?q=<name>": [f"/pegawai/?q={w}" for w in words],
        "directory ?q=<NIP prefix>": [f"/pegawai/?q={nip[:8]}" for _pk, _n, nip in sample],
        "directory ?unit=<OPD>&page=2": [
            f"/pegawai/?unit={rng.choice(opds)}&page=2" for _ in sample
        ],
        "profile": [f"/pegawai/{pk}/" for pk, _n, _nip in sample],
    }
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"employees: {total:,}; database: {engine}")
    print(f"{'page':32} {'p50 ms':>8} {'p95 ms':>8} {'queries':>10}")
    for label, urls in scenarios.items():
        _measure(client, urls[:5])  # warm caches and connections
        times, queries = _measure(client, urls)
        spread = (
            f"{min(queries)}–{max(queries)}" if min(queries) != max(queries) else str(queries[0])
        )
        print(
            f"{label:32} {statistics.median(times):8.1f} {_percentile(times, 95):8.1f} {spread:>10}"
        )


if __name__ == "__main__":
    try:
        main()
    finally:
        _teardown()
