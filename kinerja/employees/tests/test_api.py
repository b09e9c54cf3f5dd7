"""The employee API: authentication, scope per persona, detail, search and filters,
read-only methods, bounded queries, and the create_api_token command."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from kinerja.core.models import AuditEvent
from kinerja.employees.models import Employee
from kinerja.employees.tests.factories import make_employee
from kinerja.org.models import JabatanType

LIST = "/api/v1/employees/"

KOTA_A = {
    "Hartono",
    "Sri Wahyuni",
    "Agus Prasetyo",
    "Dewi Lestari",
    "Joko Susilo",
    "Rina Marlina",
    "Yuni Astuti",
    "Slamet Riyadi",
    "Endang Kusuma",
}
DINAS_SATU = {
    "Hartono",
    "Sri Wahyuni",
    "Agus Prasetyo",
    "Dewi Lestari",
    "Joko Susilo",
    "Yuni Astuti",
}
EXPECTED = {
    "employee": {"Dewi Lestari"},
    "supervisor": {"Agus Prasetyo", "Dewi Lestari", "Joko Susilo", "Yuni Astuti"},
    "unit_admin": DINAS_SATU,
    "bkpsdm": KOTA_A,
    "auditor": KOTA_A,
    "outsider": {"Rina Marlina"},
    "foreign": {"Bambang Sutrisno"},
    "superadmin": KOTA_A | {"Bambang Sutrisno"},
}
CITY_PEOPLE = [
    "kadis",
    "kabid",
    "kasi",
    "employee",
    "colleague",
    "outsider",
    "foreign",
    "unit_admin",
    "bkpsdm",
    "auditor",
]
PERSONAL_FIELDS = {"nik", "birth_date", "birth_place", "email", "phone", "gender", "user"}


def detail(employee: Employee) -> str:
    return f"/api/v1/employees/{employee.nip}/"


def names(response: Any) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["name"] for row in response.json()["results"]}


def issue_token(login: str, *args: str) -> str:
    out = StringIO()
    call_command("create_api_token", login, *args, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def token_client(key: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


# --- Authentication ---------------------------------------------------------------------------


def test_anonymous_is_refused(login, city):
    client = login("anonymous")
    for url in (LIST, detail(city.employee)):
        response = client.get(url)
        assert response.status_code in {401, 403}
        assert "Dewi" not in response.content.decode()


def test_session_authentication(login):
    assert names(login("employee").get(LIST)) == {"Dewi Lestari"}


def test_token_authentication(city):
    key = issue_token(city.kasi.nip)
    assert len(key) == 40
    assert names(token_client(key).get(LIST)) == EXPECTED["supervisor"]


def test_token_works_for_roles_that_require_mfa_on_the_web(city, settings):
    # Tokens are issued from the server's command line only, so they stand on their own.
    settings.KINERJA_MFA_ENFORCED = True
    key = issue_token(city.bkpsdm.nip)
    assert names(token_client(key).get(LIST)) == KOTA_A


@pytest.mark.parametrize("header", ["Token " + "0" * 40, "Token", "Token a b", "Bearer xyz"])
def test_bad_token_is_refused(city, header):
    response = Client(HTTP_AUTHORIZATION=header).get(LIST)
    assert response.status_code in {401, 403}


def test_inactive_user_token_is_refused(city):
    key = issue_token(city.employee.nip)
    city.employee.user.is_active = False
    city.employee.user.save(update_fields=["is_active"])
    assert token_client(key).get(LIST).status_code in {401, 403}


# --- create_api_token -------------------------------------------------------------------------


def test_create_api_token_prints_once_and_audits_without_the_key(city):
    err = StringIO()
    out = StringIO()
    call_command("create_api_token", city.employee.nip, stdout=out, stderr=err)
    key = out.getvalue().strip()
    assert Token.objects.get(user=city.employee.user).key == key
    assert "tidak akan ditampilkan lagi" in err.getvalue()
    event = AuditEvent.objects.get(action="api_token.create")
    assert event.target_id == str(city.employee.user.pk)
    assert event.actor_id is None
    assert event.instansi_id == city.instansi.pk
    assert key not in json.dumps([event.before, event.after, event.target_label])


def test_create_api_token_accepts_a_nip_typed_with_spaces(city):
    nip = city.employee.nip
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    assert len(issue_token(spaced)) == 40


def test_create_api_token_refuses_a_second_token_without_rotate(city):
    issue_token(city.employee.nip)
    with pytest.raises(CommandError, match="--rotate"):
        issue_token(city.employee.nip)


def test_rotate_replaces_the_token(city):
    old = issue_token(city.employee.nip)
    new = issue_token(city.employee.nip, "--rotate")
    assert new != old
    assert token_client(old).get(LIST).status_code in {401, 403}
    assert token_client(new).get(LIST).status_code == 200
    rotated = AuditEvent.objects.filter(action="api_token.create").order_by("id").last()
    assert rotated is not None and rotated.after == {"rotated": True}


def test_revoke_removes_the_token(city):
    key = issue_token(city.employee.nip)
    call_command(
        "create_api_token", city.employee.nip, "--revoke", stdout=StringIO(), stderr=StringIO()
    )
    assert not Token.objects.filter(user=city.employee.user).exists()
    assert token_client(key).get(LIST).status_code in {401, 403}
    assert AuditEvent.objects.filter(action="api_token.revoke").count() == 1
    with pytest.raises(CommandError, match="tidak memiliki token"):
        call_command(
            "create_api_token", city.employee.nip, "--revoke", stdout=StringIO(), stderr=StringIO()
        )


def test_create_api_token_by_username_and_unknown_user(city):
    assert len(issue_token("root")) == 40
    with pytest.raises(CommandError, match="tidak ditemukan"):
        issue_token("199001012020011999")
    with pytest.raises(CommandError, match="tidak ditemukan"):
        issue_token("tidak-ada")
    assert not AuditEvent.objects.filter(target_id="", action="api_token.create").exists()


def test_create_api_token_refuses_an_inactive_user(city):
    city.employee.user.is_active = False
    city.employee.user.save(update_fields=["is_active"])
    with pytest.raises(CommandError, match="tidak aktif"):
        issue_token(city.employee.nip)
    assert not Token.objects.exists()


# --- Scope ------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_persona_lists_exactly_its_scope(login, persona):
    response = login(persona).get(LIST)
    assert names(response) == EXPECTED[persona]
    assert response.json()["count"] == len(EXPECTED[persona])


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_detail_matrix(login, city, persona):
    """Every employee of the city, read by every persona: 200 inside the scope, 404 outside."""
    client = login(persona)
    for attr in CITY_PEOPLE:
        person = getattr(city, attr)
        response = client.get(detail(person))
        expected = 200 if person.name in EXPECTED[persona] else 404
        assert response.status_code == expected, (persona, attr)
        if expected == 404:
            assert person.name not in response.content.decode()


@pytest.mark.parametrize(
    "nip", ["123", "abc", "1985041220100310011", "19850412 201003 1 001", "0" * 18]
)
def test_malformed_or_unknown_nip_is_404(login, nip):
    response = login("bkpsdm").get(f"/api/v1/employees/{nip}/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


# --- Content ----------------------------------------------------------------------------------


def test_list_row_has_no_personal_data(login, city):
    rows = login("bkpsdm").get(LIST).json()["results"]
    kadis = next(r for r in rows if r["name"] == "Hartono")
    assert kadis["full_name"] == "Dr. Hartono, M.Si."
    assert kadis["golongan"] == "IV/c"
    assert kadis["pangkat"] == "Pembina Utama Muda"
    assert kadis["jabatan"] == {
        "id": city.kadis_pos.pk,
        "name": "Kepala Dinas Satu",
        "jabatan_type": JabatanType.JPT,
        "level": "jpt_pratama",
    }
    assert kadis["unit"] == {"id": city.dinas.pk, "name": "Dinas Satu"}
    for row in rows:
        assert not PERSONAL_FIELDS & row.keys()


def test_detail_has_superiors_and_placement(login, city):
    data = login("employee").get(detail(city.employee)).json()
    assert data["nip"] == city.employee.nip
    assert data["full_name"] == "Dewi Lestari"
    assert data["status"] == "pns"
    assert data["golongan"] == "III/a" and data["pangkat"] == "Penata Muda"
    assert data["kedudukan_hukum"] == "aktif"
    assert data["jabatan"]["id"] == city.staff_pos.pk
    assert data["unit"] == {"id": city.seksi.pk, "name": "Seksi Pengaduan"}
    assert data["instansi"] == city.instansi.pk
    assert data["atasan"]["nip"] == city.kasi.nip
    assert data["atasan"]["kind"] == "definitif"
    assert data["atasan"]["jabatan"]["id"] == city.kasi_pos.pk
    assert data["atasan_atasan"]["nip"] == city.kabid.nip
    assert data["atasan_atasan"]["full_name"] == "Sri Wahyuni, S.E."
    assert data["atasan_chain_broken"] is False
    assert not {"nik", "birth_date", "birth_place", "gender", "user"} & data.keys()


def test_detail_of_the_top_has_no_superiors(login, city):
    data = login("bkpsdm").get(detail(city.kadis)).json()
    assert data["atasan"] is None and data["atasan_atasan"] is None
    assert data["atasan_chain_broken"] is False


def test_acting_superior_is_named_with_its_kind(login, city):
    from datetime import date

    from kinerja.employees import services

    services.end_assignment(
        actor=None, assignment=city.kasi.assignments.get(), end_date=date(2024, 1, 31)
    )
    data = login("bkpsdm").get(detail(city.employee)).json()
    assert data["atasan"] is None and data["atasan_chain_broken"] is True
    services.assign_position(
        actor=None,
        employee=city.colleague,
        position=city.kasi_pos,
        kind="plt",
        start_date=date(2024, 2, 1),
        audit=False,
    )
    data = login("bkpsdm").get(detail(city.employee)).json()
    assert data["atasan"]["nip"] == city.colleague.nip
    assert data["atasan"]["kind"] == "plt"
    assert data["atasan_chain_broken"] is False


@pytest.mark.parametrize(
    ("persona", "visible"),
    [
        ("employee", True),  # themself
        ("unit_admin", True),  # may change records in the Dinas Satu subtree
        ("bkpsdm", True),
        ("superadmin", True),
        ("supervisor", False),  # reads the team, does not manage its records
        ("auditor", False),  # read-only
    ],
)
def test_contact_details_only_for_self_and_record_managers(login, city, persona, visible):
    Employee.objects.filter(pk=city.employee.pk).update(
        email="dewi@contoh.go.id", phone="081234567890"
    )
    data = login(persona).get(detail(city.employee)).json()
    if visible:
        assert (data["email"], data["phone"]) == ("dewi@contoh.go.id", "081234567890")
    else:
        assert (data["email"], data["phone"]) == (None, None)


# --- Search and filters -----------------------------------------------------------------------


def test_search_by_name(login):
    client = login("bkpsdm")
    assert names(client.get(LIST, {"q": "dewi"})) == {"Dewi Lestari"}
    assert names(client.get(LIST, {"q": "sri wahyu"})) == {"Sri Wahyuni"}
    assert names(client.get(LIST, {"q": "bambang"})) == set()  # Kota B is out of scope


def test_search_by_nip_prefix(login, city):
    client = login("bkpsdm")
    nip = city.kabid.nip
    assert names(client.get(LIST, {"q": nip})) == {"Sri Wahyuni"}
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    assert names(client.get(LIST, {"q": spaced})) == {"Sri Wahyuni"}
    prefix = nip[:15]
    expected = set(
        Employee.objects.filter(instansi=city.instansi, nip__startswith=prefix).values_list(
            "name", flat=True
        )
    )
    assert "Sri Wahyuni" in expected
    assert names(client.get(LIST, {"q": prefix})) == expected
    assert names(login("foreign").get(LIST, {"q": nip})) == set()


def test_filters(login, city):
    client = login("bkpsdm")
    assert names(client.get(LIST, {"golongan": "IV/a"})) == {"Sri Wahyuni"}
    assert names(client.get(LIST, {"jabatan_type": JabatanType.PENGAWAS})) == {"Agus Prasetyo"}
    assert names(client.get(LIST, {"jabatan_type": JabatanType.FUNGSIONAL})) == {
        "Slamet Riyadi",
        "Endang Kusuma",
    }
    assert names(client.get(LIST, {"status": "pns"})) == KOTA_A
    assert names(client.get(LIST, {"status": "pppk"})) == set()
    assert names(client.get(LIST, {"unit": city.bidang.pk})) == DINAS_SATU - {"Hartono"}
    assert names(client.get(LIST, {"unit": city.other_dinas.pk})) == {"Rina Marlina"}
    assert names(client.get(LIST, {"unit": city.bidang.pk, "q": "joko"})) == {"Joko Susilo"}


def test_filters_never_widen_the_scope(login, city):
    # Dinas Dua is a unit of the same instansi, so the filter accepts it; the scope still applies.
    assert names(login("unit_admin").get(LIST, {"unit": city.other_dinas.pk})) == set()


def test_unit_of_another_instansi_is_rejected_like_a_missing_one(login, city):
    client = login("bkpsdm")
    foreign = client.get(LIST, {"unit": city.foreign_dinas.pk})
    missing = client.get(LIST, {"unit": 99999999})
    assert foreign.status_code == missing.status_code == 400
    assert foreign.json() == missing.json()


@pytest.mark.parametrize(
    "params", [{"golongan": "V/z"}, {"status": "honorer"}, {"jabatan_type": "x"}, {"unit": "x"}]
)
def test_invalid_filters_are_400(login, params):
    response = login("bkpsdm").get(LIST, params)
    assert response.status_code == 400
    assert set(response.json()) == set(params)


def test_pagination_shape_and_unknown_page(login):
    data = login("bkpsdm").get(LIST).json()
    assert set(data) == {"count", "next", "previous", "results"}
    assert data["count"] == len(KOTA_A) and data["next"] is None
    assert login("bkpsdm").get(LIST, {"page": 99}).status_code == 404


# --- Read-only --------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("persona", ["employee", "auditor", "bkpsdm", "superadmin"])
def test_api_is_read_only(login, city, persona, method):
    client = login(persona)
    before = Employee.objects.count()
    for url in (LIST, detail(city.employee)):
        response = getattr(client, method)(url, {"name": "X"}, content_type="application/json")
        assert response.status_code == 405
    assert Employee.objects.count() == before


# --- Bounded queries --------------------------------------------------------------------------


def _count_queries(client: Client, url: str, params: dict[str, Any] | None = None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


def _add_staff(city: Any, n: int, start: int) -> None:
    position = Employee.objects.get(pk=city.employee.pk).current_position
    for i in range(start, start + n):
        make_employee(city.instansi, f"Pegawai Tambahan {i:02d}", position=position)


@pytest.mark.parametrize(
    "persona", ["employee", "supervisor", "unit_admin", "bkpsdm", "superadmin"]
)
@pytest.mark.parametrize("params", [{}, {"q": "tambahan"}, {"unit": "seksi", "golongan": "III/b"}])
def test_query_count_does_not_grow_with_employees(
    login, city, persona, params, django_assert_max_num_queries
):
    params = {k: (city.seksi.pk if v == "seksi" else v) for k, v in params.items()}
    client = login(persona)
    _add_staff(city, 2, 0)
    small_list = _count_queries(client, LIST, params)
    small_detail = _count_queries(client, detail(city.employee))
    _add_staff(city, 18, 2)
    with django_assert_max_num_queries(small_list):
        response = client.get(LIST, params)
    if persona in {"supervisor", "unit_admin", "bkpsdm", "superadmin"}:
        assert len(response.json()["results"]) >= 20
    with django_assert_max_num_queries(small_detail):
        client.get(detail(city.employee))


def test_token_client_query_count_is_bounded(city, django_assert_max_num_queries):
    client = token_client(issue_token(city.bkpsdm.nip))
    # token + user, grants, held positions, count, page; the detail adds superiors, contact and
    # the audit event of an admin's view (with its chain lock on PostgreSQL).
    with django_assert_max_num_queries(8):
        assert client.get(LIST).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(detail(city.employee)).status_code == 200
