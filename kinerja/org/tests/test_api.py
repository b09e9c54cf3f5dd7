"""The unit API: scope per persona, detail, filters, read-only methods, bounded queries."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kinerja.org.models import UnitType
from kinerja.org.tests.factories import make_unit

LIST = "/api/v1/units/"

KOTA_A_UNITS = {
    "Dinas Satu",
    "Bidang Layanan",
    "Seksi Pengaduan",
    "Dinas Dua",
    "BKPSDM",
    "Inspektorat",
}
KOTA_B_UNITS = {"Dinas Kota B"}
EXPECTED = {
    "employee": KOTA_A_UNITS,
    "supervisor": KOTA_A_UNITS,
    "unit_admin": KOTA_A_UNITS,
    "bkpsdm": KOTA_A_UNITS,
    "auditor": KOTA_A_UNITS,
    "outsider": KOTA_A_UNITS,
    "foreign": KOTA_B_UNITS,
    "superadmin": KOTA_A_UNITS | KOTA_B_UNITS,
}


def detail(unit: Any) -> str:
    return f"/api/v1/units/{unit.pk}/"


def names(response: Any) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["name"] for row in response.json()["results"]}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_persona_lists_its_instansi_units(login, persona):
    response = login(persona).get(LIST)
    assert names(response) == EXPECTED[persona]
    assert response.json()["count"] == len(EXPECTED[persona])


def test_anonymous_is_refused(login, city):
    client = login("anonymous")
    assert client.get(LIST).status_code in {401, 403}
    assert client.get(detail(city.dinas)).status_code in {401, 403}


def test_token_authentication(city):
    out = StringIO()
    call_command("create_api_token", city.employee.user.username, stdout=out, stderr=StringIO())
    client = Client(HTTP_AUTHORIZATION=f"Token {out.getvalue().strip()}")
    assert names(client.get(LIST)) == KOTA_A_UNITS
    bad = Client(HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert bad.get(LIST).status_code in {401, 403}


@pytest.mark.parametrize("persona", ["employee", "unit_admin", "bkpsdm", "auditor", "outsider"])
def test_another_instansi_unit_is_404(login, city, persona):
    response = login(persona).get(detail(city.foreign_dinas))
    assert response.status_code == 404
    assert "Dinas Kota B" not in response.content.decode()


def test_foreign_user_cannot_read_kota_a_unit(login, city):
    assert login("foreign").get(detail(city.dinas)).status_code == 404
    assert login("foreign").get(detail(city.foreign_dinas)).status_code == 200


@pytest.mark.parametrize("bad_id", ["abc", "-1", "0", "99999999", "1.5"])
def test_malformed_or_unknown_id_is_json_404(login, bad_id):
    response = login("bkpsdm").get(f"/api/v1/units/{bad_id}/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_detail_fields(login, city):
    data = login("employee").get(detail(city.seksi)).json()
    assert data["id"] == city.seksi.pk
    assert data["name"] == "Seksi Pengaduan"
    assert data["code"] == "D1B1S1"
    assert data["type"] == UnitType.SEKSI
    assert data["parent"] == city.bidang.pk
    assert data["depth"] == 2
    assert data["instansi"] == city.instansi.pk
    assert data["instansi_name"] == "Pemerintah Kota A"
    assert [a["name"] for a in data["ancestors"]] == ["Dinas Satu", "Bidang Layanan"]
    assert data["children_count"] == 0
    assert "path" not in data
    top = login("employee").get(detail(city.dinas)).json()
    assert top["parent"] is None and top["depth"] == 0 and top["ancestors"] == []
    assert top["children_count"] == 1


def test_filters(login, city):
    client = login("auditor")
    assert names(client.get(LIST, {"parent": city.dinas.pk})) == {"Bidang Layanan"}
    assert names(client.get(LIST, {"type": UnitType.SEKSI})) == {"Seksi Pengaduan"}
    assert names(client.get(LIST, {"depth": 0})) == {
        "Dinas Satu",
        "Dinas Dua",
        "BKPSDM",
        "Inspektorat",
    }
    assert names(client.get(LIST, {"q": "dinas"})) == {"Dinas Satu", "Dinas Dua"}
    assert names(client.get(LIST, {"q": "seksi pengaduan"})) == {"Seksi Pengaduan"}
    assert names(client.get(LIST, {"q": "D1B1"})) == {"Bidang Layanan"}
    assert names(client.get(LIST, {"instansi": city.other_instansi.pk})) == set()
    superadmin = login("superadmin")
    assert names(superadmin.get(LIST, {"instansi": city.other_instansi.pk})) == KOTA_B_UNITS


def test_parent_outside_scope_is_rejected_like_a_missing_one(login, city):
    client = login("bkpsdm")
    foreign = client.get(LIST, {"parent": city.foreign_dinas.pk})
    missing = client.get(LIST, {"parent": 99999999})
    assert foreign.status_code == missing.status_code == 400
    assert foreign.json().keys() == missing.json().keys() == {"parent"}


@pytest.mark.parametrize(
    "params", [{"type": "planet"}, {"depth": "x"}, {"depth": "-1"}, {"parent": "abc"}]
)
def test_invalid_filters_are_400(login, params):
    response = login("employee").get(LIST, params)
    assert response.status_code == 400
    assert set(response.json()) == set(params)


def test_unknown_page_is_404(login):
    response = login("employee").get(LIST, {"page": 99})
    assert response.status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_api_is_read_only(login, city, method):
    client = login("bkpsdm")
    assert getattr(client, method)(LIST, {}, content_type="application/json").status_code == 405
    url = detail(city.dinas)
    assert getattr(client, method)(url, {}, content_type="application/json").status_code == 405


@pytest.mark.parametrize("method", ["post", "delete"])
def test_anonymous_write_is_refused_before_method_check(login, city, method):
    response = getattr(login("anonymous"), method)(LIST, {}, content_type="application/json")
    assert response.status_code in {401, 403}


def _count_queries(client: Client, url: str, params: dict[str, Any] | None = None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


def _add_units(city: Any, n: int, start: int) -> None:
    for i in range(start, start + n):
        make_unit(
            city.instansi,
            f"Seksi Tambahan {i}",
            parent=city.bidang,
            type=UnitType.SEKSI,
            code=f"X{i}",
        )


@pytest.mark.parametrize("persona", ["employee", "superadmin"])
def test_query_count_does_not_grow_with_units(login, city, persona, django_assert_max_num_queries):
    client = login(persona)
    _add_units(city, 2, 0)
    small_list = _count_queries(client, LIST, {"parent": city.bidang.pk})
    small_detail = _count_queries(client, detail(city.bidang))
    _add_units(city, 18, 2)
    with django_assert_max_num_queries(small_list):
        response = client.get(LIST, {"parent": city.bidang.pk})
    assert response.json()["count"] == 21
    with django_assert_max_num_queries(small_detail):
        assert client.get(detail(city.bidang)).json()["children_count"] == 21
