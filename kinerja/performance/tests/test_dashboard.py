"""The completion dashboard: counts rolled up the unit tree, drill-down, scope, constant queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from kinerja.org.tests.factories import make_unit
from kinerja.performance.tests.factories import approved_cascade

pytestmark = pytest.mark.django_db
URL = reverse("performance:dashboard")


def test_bkpsdm_sees_every_opd_with_rolled_up_counts(city: Any, login: Any) -> None:
    approved_cascade(city)
    page = login("bkpsdm").get(URL)
    assert page.status_code == 200
    rows = {row.unit.name: row for row in page.context["rows"]}
    assert set(rows) >= {"Dinas Satu", "Dinas Dua", "BKPSDM", "Inspektorat"}
    dinas = rows["Dinas Satu"]
    # kadis, kabid, kasi, employee, colleague, unit_admin work in Dinas Satu's subtree
    assert dinas.headcount == 6 and dinas.skp["approved"] == 3 and dinas.not_started == 3
    assert dinas.has_children and "3 dari 6 disetujui" in page.text
    assert "Dinas Kota B" not in page.text


def test_drill_down_and_admin_opd_scope(city: Any, login: Any) -> None:
    approved_cascade(city)
    admin = login("unit_admin")
    page = admin.get(URL)
    assert [row.unit.name for row in page.context["rows"]] == ["Dinas Satu"]
    below = admin.get(URL, {"unit": city.dinas.pk})
    assert [row.unit.name for row in below.context["rows"]] == ["Bidang Layanan"]
    assert below.context["rows"][0].skp["approved"] == 2  # kabid and kasi
    assert admin.get(URL, {"unit": city.other_dinas.pk}).status_code == 403


def test_who_may_see_it(city: Any, login: Any) -> None:
    assert login("employee").get(URL).status_code == 403
    assert login("supervisor").get(URL).status_code == 403
    assert login("auditor").get(URL).status_code == 200
    assert login("bkpsdm").get(URL, {"unit": city.foreign_dinas.pk}).status_code == 404


def test_query_count_does_not_grow_with_units(
    city: Any, login: Any, django_assert_max_num_queries: Any
) -> None:
    approved_cascade(city)
    client = login("bkpsdm")
    client.get(URL)
    with django_assert_max_num_queries(12):
        client.get(URL)
    for n in range(15):
        make_unit(city.instansi, f"Dinas Tambahan {n}", code=f"DT{n}")
    with django_assert_max_num_queries(12):
        client.get(URL)
