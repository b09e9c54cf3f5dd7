"""Every page does a bounded number of queries whatever the data size."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.employees.tests.factories import make_employee
from kinerja.org.models import JabatanType
from kinerja.org.tests.factories import make_position, make_unit


def _grow(city: Any, n: int) -> None:
    """Add ``n`` employees spread over new units and positions under Dinas Satu."""
    for i in range(n):
        unit = make_unit(
            city.instansi, f"Seksi Tambahan {i}", parent=city.bidang, type="seksi", code=f"X{i}"
        )
        head = make_position(
            unit,
            f"Kepala Seksi Tambahan {i}",
            parent=city.kabid_pos,
            jabatan_type=JabatanType.PENGAWAS,
        )
        staff = make_position(unit, f"Staf Tambahan {i}", parent=head)
        make_employee(city.instansi, f"Pegawai Tambahan {i}", position=head)
        make_employee(city.instansi, f"Staf Tambahan {i}", position=staff)


def _cascade(city: Any) -> list[Any]:
    """Approved SKPs Kepala Dinas → Kabid → Kasi; the staff added by ``_grow`` cannot plan."""
    from kinerja.performance.tests.factories import approved_cascade

    approved_cascade(city)
    return []


def _penetapan_period(city: Any) -> Any:
    """A performance year for Kota A; the seksi's penetapan draft (unit predikat Baik)."""
    from kinerja.performance.services import penetapan
    from kinerja.performance.tests.factories import make_year

    period = make_year(city).periods.get(kind="periodic", number=1)
    penetapan.set_org_predikat(
        actor=city.bkpsdm.user, unit=city.seksi, period=period, org_predikat="baik", version=0
    )
    return period


def _complaints(city: Any) -> list[Any]:
    """A complaint of Dinas Satu assigned to the employee (the supervisor's team) and a new one."""
    from kinerja.complaints.tests import factories

    return [factories.assigned(city), factories.new_complaint(city)]


PAGES = [
    ("home", lambda c: []),
    ("employees:directory", lambda c: []),
    ("employees:profile", lambda c: [c.employee.pk]),
    ("org:tree", lambda c: []),
    ("org:unit", lambda c: [c.bidang.pk]),
    ("org:position", lambda c: [c.kabid_pos.pk]),
    ("employees:broken_chains", lambda c: []),
    ("accounts:audit", lambda c: []),
    ("performance:matrix", _cascade),
    ("performance:cannot_plan", _cascade),
    ("performance:penetapan_list", lambda c: _penetapan_period(c) and []),
    ("performance:penetapan", lambda c: [c.seksi.pk, _penetapan_period(c).pk]),
    ("complaints:inbox", lambda c: _complaints(c) and []),
    ("complaints:overdue", lambda c: _complaints(c) and []),
    ("complaints:detail", lambda c: [_complaints(c)[0].pk]),
]


def _count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


ADMIN_ONLY = {"employees:broken_chains", "accounts:audit", "performance:cannot_plan"}
CASES = [("bkpsdm", *page) for page in PAGES] + [
    ("supervisor", *page) for page in PAGES if page[0] not in ADMIN_ONLY
]


@pytest.mark.parametrize(("persona", "name", "args"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_query_count_does_not_grow(
    city: Any, login: Any, persona: str, name: str, args: Any
) -> None:
    client = login(persona)
    url = reverse(name, args=args(city))
    _count(client, url)  # warm per-process caches (content types, sessions)
    before = _count(client, url)
    _grow(city, 12)
    after = _count(client, url)
    assert after == before, f"{name}: {before} queries before, {after} after adding employees"
