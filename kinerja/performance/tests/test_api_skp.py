"""The SKP API: scope per persona, list filters, the full plan in the detail, JSON 404s,
read-only methods, token authentication and bounded queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kinerja.employees.tests.factories import make_employee
from kinerja.performance import services
from kinerja.performance.models import Aspek, Skp
from kinerja.performance.services import skp as svc
from kinerja.performance.tests.factories import (
    Cascade,
    add_rhk,
    approved_cascade,
    this_year,
)

LIST = "/api/v1/skp/"

KOTA_A_DINAS_SATU = {"Hartono", "Sri Wahyuni", "Agus Prasetyo", "Dewi Lestari"}
KOTA_A = KOTA_A_DINAS_SATU | {"Rina Marlina"}
EXPECTED = {
    "employee": {"Dewi Lestari"},
    "supervisor": {"Agus Prasetyo", "Dewi Lestari"},
    "unit_admin": KOTA_A_DINAS_SATU,
    "bkpsdm": KOTA_A,
    "auditor": KOTA_A,
    "outsider": {"Rina Marlina"},
    "foreign": {"Bambang Sutrisno"},
    "superadmin": KOTA_A | {"Bambang Sutrisno"},
}


@dataclass
class Plans:
    cascade: Cascade
    own: Skp  # city.employee's SKP, submitted to city.kasi
    outsider: Skp
    foreign: Skp


@pytest.fixture
def plans(city: Any) -> Plans:
    """The approved cascade Kadis → Kabid → Kasi, the employee's submitted SKP under the Kasi
    with a lampiran, a qualitative IKI and expectations, and a draft in Dinas Dua and Kota B."""
    cascade = approved_cascade(city)
    user = city.employee.user
    own = svc.start_skp(actor=user, employee=city.employee, performance_year=cascade.year)
    rhk = add_rhk(own, "Tercatatnya aduan masuk", supports=cascade.kasi_rhk)
    svc.save_iki(
        actor=user,
        rhk=rhk,
        version=None,
        text="Aduan dicatat dengan lengkap",
        aspek=Aspek.KUALITAS,
    )
    svc.update_details(
        actor=user,
        skp=own,
        version=None,
        dukungan_sumber_daya="Aplikasi pengaduan",
        skema_pertanggungjawaban="Laporan bulanan",
        konsekuensi="Teguran",
    )
    svc.set_expectations(
        actor=city.kasi.user,
        skp=own,
        version=None,
        texts={"kolaboratif": "Aktif berbagi", "pelayanan": "Ramah"},
    )
    svc.submit_skp(actor=user, skp=own, version=None)
    outsider = svc.start_skp(
        actor=city.outsider.user, employee=city.outsider, performance_year=cascade.year
    )
    foreign_year = services.create_year(
        actor=city.superadmin,
        instansi=city.other_instansi,
        year=this_year(),
        cadence="quarterly",
        skp_deadline=date(this_year(), 1, 31),
    )
    foreign = svc.start_skp(
        actor=city.foreign.user, employee=city.foreign, performance_year=foreign_year
    )
    own.refresh_from_db()
    return Plans(cascade, own, outsider, foreign)


def detail(skp: Skp | int | str) -> str:
    return f"/api/v1/skp/{skp.pk if isinstance(skp, Skp) else skp}/"


def names(response: Any) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["employee"]["name"] for row in response.json()["results"]}


def token_client(username: str) -> Client:
    out = StringIO()
    call_command("create_api_token", username, stdout=out, stderr=StringIO())
    return Client(HTTP_AUTHORIZATION=f"Token {out.getvalue().strip()}")


# --- Authentication ---------------------------------------------------------------------------


def test_anonymous_is_refused(login, plans):
    client = login("anonymous")
    for url in (LIST, detail(plans.own)):
        response = client.get(url)
        assert response.status_code in {401, 403}
        assert "Dewi" not in response.content.decode()


def test_token_authentication(city, plans):
    client = token_client(city.kasi.user.username)
    assert names(client.get(LIST)) == EXPECTED["supervisor"]
    assert client.get(detail(plans.own)).json()["employee"]["nip"] == city.employee.nip
    bad = Client(HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert bad.get(LIST).status_code in {401, 403}


# --- Scope ------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_persona_lists_exactly_its_scope(login, plans, persona):
    response = login(persona).get(LIST)
    assert names(response) == EXPECTED[persona]
    assert response.json()["count"] == len(EXPECTED[persona])


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_detail_matrix(login, plans, persona):
    """Every SKP, read by every persona: 200 inside the scope, a JSON 404 outside."""
    client = login(persona)
    skps = [
        plans.cascade.kadis,
        plans.cascade.kabid,
        plans.cascade.kasi,
        plans.own,
        plans.outsider,
        plans.foreign,
    ]
    for skp in skps:
        response = client.get(detail(skp))
        expected = 200 if skp.employee.name in EXPECTED[persona] else 404
        assert response.status_code == expected, (persona, skp.employee.name)
        if expected == 404:
            assert response.json().keys() == {"detail"}
            assert skp.employee.name not in response.content.decode()


def test_outsider_sees_nothing_of_the_employee(login, city, plans):
    client = login("outsider")
    assert city.employee.name not in names(client.get(LIST))
    assert names(client.get(LIST, {"employee": city.employee.nip})) == set()
    assert client.get(detail(plans.own)).status_code == 404


def test_assessor_reads_the_plans_they_assess(login, city, plans):
    # The Kabid holds the Kasi's assessor position; the Kasi's SKP is theirs to decide.
    client = Client()
    client.force_login(city.kabid.user, backend="kinerja.accounts.backends.NipOrEmailBackend")
    assert names(client.get(LIST)) == {"Sri Wahyuni", "Agus Prasetyo", "Dewi Lestari"}
    assert client.get(detail(plans.cascade.kasi)).status_code == 200


@pytest.mark.parametrize("bad_id", ["abc", "-1", "0", "99999999", "1.5", "１"])
def test_malformed_or_unknown_id_is_json_404(login, plans, bad_id):
    response = login("bkpsdm").get(detail(bad_id))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


# --- Content ----------------------------------------------------------------------------------


def test_list_row(login, city, plans):
    rows = login("employee").get(LIST).json()["results"]
    assert len(rows) == 1
    row = rows[0]
    assert row == {
        "id": plans.own.pk,
        "year": this_year(),
        "state": "submitted",
        "approach": "kuantitatif",
        "is_jpt": False,
        "starts": plans.own.starts.isoformat(),
        "ends": f"{this_year()}-12-31",
        "employee": {"nip": city.employee.nip, "name": "Dewi Lestari"},
        "position": {"id": city.staff_pos.pk, "name": "Pengadministrasi Pengaduan"},
        "unit": {"id": city.seksi.pk, "name": "Seksi Pengaduan"},
        "assessor": {"nip": city.kasi.nip, "name": "Agus Prasetyo"},
        "assessor_superior": {"nip": city.kabid.nip, "name": "Sri Wahyuni"},
        "submitted_at": row["submitted_at"],
        "decided_at": None,
        "version": plans.own.version,
    }
    assert row["submitted_at"] is not None
    kadis = next(
        r for r in login("bkpsdm").get(LIST).json()["results"] if r["employee"]["name"] == "Hartono"
    )
    assert kadis["is_jpt"] is True
    assert kadis["assessor"] is None and kadis["assessor_superior"] is None
    assert kadis["state"] == "approved" and kadis["decided_at"] is not None


@pytest.mark.parametrize("persona", ["employee", "supervisor", "bkpsdm"])
def test_detail_has_the_full_plan(login, city, plans, persona):
    data = login(persona).get(detail(plans.own)).json()
    assert data["id"] == plans.own.pk and data["state"] == "submitted"
    assert data["employee"] == {"nip": city.employee.nip, "name": "Dewi Lestari"}
    assert data["lampiran"] == {
        "dukungan_sumber_daya": "Aplikasi pengaduan",
        "skema_pertanggungjawaban": "Laporan bulanan",
        "konsekuensi": "Teguran",
    }
    assert data["return_comment"] == ""
    [rhk] = data["rhk"]
    assert rhk["kind"] == "utama" and rhk["text"] == "Tercatatnya aduan masuk"
    assert rhk["supports"] == {
        "id": plans.cascade.kasi_rhk.pk,
        "text": "Terverifikasinya aduan masuk",
        "skp_id": plans.cascade.kasi.pk,
    }
    numeric, qualitative = rhk["iki"]
    assert numeric == {
        "id": numeric["id"],
        "text": "Jumlah tercatatnya aduan masuk",
        "aspek": "kuantitas",
        "perspektif": "",
        "target": "12.00",
        "unit": "dokumen",
        "lower_is_better": False,
    }
    assert qualitative["target"] is None and qualitative["aspek"] == "kualitas"
    assert qualitative["unit"] == ""
    # In BerAKHLAK order, whatever order they were written in.
    assert [(e["value"], e["text"]) for e in data["expectations"]] == [
        ("pelayanan", "Ramah"),
        ("kolaboratif", "Aktif berbagi"),
    ]
    assert data["expectations"][0]["label"] == "Berorientasi Pelayanan"


def test_jpt_detail_has_no_supported_rhk_and_a_perspektif(login, plans):
    data = login("bkpsdm").get(detail(plans.cascade.kadis)).json()
    assert data["is_jpt"] is True
    [rhk] = data["rhk"]
    assert rhk["supports"] is None
    assert rhk["iki"][0]["perspektif"] == "proses_bisnis" and rhk["iki"][0]["aspek"] == ""
    assert data["expectations"] == []


def test_returned_skp_shows_the_comment(login, city, plans):
    svc.return_skp(actor=city.kasi.user, skp=plans.own, version=None, comment="Perjelas target.")
    data = login("employee").get(detail(plans.own)).json()
    assert data["state"] == "returned" and data["return_comment"] == "Perjelas target."
    assert data["decided_at"] is not None


# --- Filters ----------------------------------------------------------------------------------


def test_filters(login, city, plans):
    client = login("bkpsdm")
    year = this_year()
    assert names(client.get(LIST, {"year": year})) == KOTA_A
    assert names(client.get(LIST, {"year": year - 1})) == set()
    assert names(client.get(LIST, {"state": "approved"})) == {
        "Hartono",
        "Sri Wahyuni",
        "Agus Prasetyo",
    }
    assert names(client.get(LIST, {"state": "submitted"})) == {"Dewi Lestari"}
    assert names(client.get(LIST, {"state": "draft"})) == {"Rina Marlina"}
    assert names(client.get(LIST, {"state": "returned"})) == set()
    assert names(client.get(LIST, {"employee": city.kabid.nip})) == {"Sri Wahyuni"}
    assert names(client.get(LIST, {"employee": "0" * 18})) == set()
    # ``unit`` takes the unit's whole subtree.
    assert names(client.get(LIST, {"unit": city.dinas.pk})) == KOTA_A_DINAS_SATU
    assert names(client.get(LIST, {"unit": city.bidang.pk})) == {
        "Sri Wahyuni",
        "Agus Prasetyo",
        "Dewi Lestari",
    }
    assert names(client.get(LIST, {"unit": city.seksi.pk})) == {"Agus Prasetyo", "Dewi Lestari"}
    assert names(client.get(LIST, {"unit": city.other_dinas.pk})) == {"Rina Marlina"}
    assert names(client.get(LIST, {"unit": city.bidang.pk, "state": "approved"})) == {
        "Sri Wahyuni",
        "Agus Prasetyo",
    }
    assert names(client.get(LIST, {"state": ""})) == KOTA_A  # empty means not given


def test_filters_never_widen_the_scope(login, city, plans):
    client = login("employee")
    assert names(client.get(LIST, {"unit": city.dinas.pk})) == {"Dewi Lestari"}
    assert names(client.get(LIST, {"employee": city.kasi.nip})) == set()


def test_unit_of_another_instansi_is_rejected_like_a_missing_one(login, city, plans):
    client = login("bkpsdm")
    foreign = client.get(LIST, {"unit": city.foreign_dinas.pk})
    missing = client.get(LIST, {"unit": 99999999})
    assert foreign.status_code == missing.status_code == 400
    assert foreign.json() == missing.json()


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"year": "1999"},
        {"year": "2101"},
        {"year": "2026.5"},
        {"state": "disetujui"},
        {"employee": "123"},
        {"employee": "19850412 201003 1 001"},
        {"employee": "1985041220100310011"},
        {"unit": "x"},
        {"state": "x", "year": "x"},
    ],
)
def test_invalid_filters_are_400(login, plans, params):
    response = login("bkpsdm").get(LIST, params)
    assert response.status_code == 400
    body = response.json()
    assert set(body) == set(params)
    assert all(isinstance(m, str) for messages in body.values() for m in messages)


def test_pagination_shape_and_unknown_page(login, plans):
    data = login("bkpsdm").get(LIST).json()
    assert set(data) == {"count", "next", "previous", "results"}
    assert data["count"] == len(KOTA_A) and data["next"] is None
    assert login("bkpsdm").get(LIST, {"page": 99}).status_code == 404


def test_order_is_year_then_name(login, plans):
    rows = login("bkpsdm").get(LIST).json()["results"]
    assert [r["employee"]["name"] for r in rows] == sorted(KOTA_A)


# --- Read-only --------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("persona", ["employee", "supervisor", "bkpsdm"])
def test_api_is_read_only(login, plans, persona, method):
    client = login(persona)
    before = Skp.objects.count()
    for url in (LIST, detail(plans.own)):
        response = getattr(client, method)(url, {"state": "x"}, content_type="application/json")
        assert response.status_code == 405
    assert Skp.objects.count() == before
    plans.own.refresh_from_db()
    assert plans.own.state == "submitted"


# --- Bounded queries --------------------------------------------------------------------------


def _count_queries(client: Client, url: str, params: dict[str, Any] | None = None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


def _add_skps(city: Any, plans: Plans, n: int, start: int) -> None:
    """``n`` more staff under the Kasi, each with an SKP drafted by the Kasi."""
    for i in range(start, start + n):
        person = make_employee(city.instansi, f"Pegawai Tambahan {i:02d}", position=city.staff_pos)
        svc.start_skp(
            actor=city.kasi.user, employee=person, performance_year=plans.cascade.year, audit=False
        )


@pytest.mark.parametrize("persona", ["employee", "supervisor", "unit_admin", "bkpsdm"])
@pytest.mark.parametrize("params", [{}, {"unit": "bidang", "state": "draft", "year": "this"}])
def test_query_count_does_not_grow_with_skps(
    login, city, plans, persona, params, django_assert_max_num_queries
):
    values = {"bidang": city.bidang.pk, "this": this_year()}
    params = {k: values.get(v, v) for k, v in params.items()}
    client = login(persona)
    one = _count_queries(client, LIST, params)
    _add_skps(city, plans, 20, 0)
    with django_assert_max_num_queries(one):
        response = client.get(LIST, params)
    if persona != "employee":
        assert len(response.json()["results"]) >= 20


def test_detail_query_count_does_not_grow_with_the_plan(
    login, city, plans, django_assert_max_num_queries
):
    client = login("supervisor")
    small = _count_queries(client, detail(plans.own))
    svc.return_skp(actor=city.kasi.user, skp=plans.own, version=None, comment="Tambah RHK.")
    rhk = plans.own.rhks.get()
    for i in range(5):
        svc.save_iki(
            actor=city.employee.user,
            rhk=rhk,
            version=None,
            text=f"Indikator tambahan {i}",
            aspek=Aspek.WAKTU,
        )
    for i in range(5):
        add_rhk(plans.own, f"RHK tambahan {i}", supports=plans.cascade.kasi_rhk)
    with django_assert_max_num_queries(small):
        data = client.get(detail(plans.own)).json()
    assert len(data["rhk"]) == 6 and len(data["rhk"][0]["iki"]) == 7


def test_token_client_query_counts(city, plans, django_assert_max_num_queries):
    client = token_client(city.bkpsdm.user.username)
    # token + user, grants, held positions (twice: employee scope and assessor scope), count,
    # page; the detail loads the SKP, then its RHK, IKI and expectations.
    with django_assert_max_num_queries(7):
        assert client.get(LIST).status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(detail(plans.own)).status_code == 200
