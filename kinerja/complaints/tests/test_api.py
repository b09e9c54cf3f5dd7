"""The complaint API: intake from other channels (one record and batches, idempotent, who may
post), the scoped list and detail with masked personal data, filters, and bounded queries."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from kinerja.complaints.models import Category, Complaint, ComplaintEvent, Status
from kinerja.complaints.services import workflow
from kinerja.complaints.services.intake import Intake, file_complaint
from kinerja.complaints.tests import factories as f
from kinerja.core.models import AuditEvent

pytestmark = pytest.mark.django_db

LIST = "/api/v1/complaints/"


def record(n: int = 1, **over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "external_id": f"WA-{n}",
        "received_at": "2026-03-02T09:00:00+07:00",
        "category": "jalan",
        "title": "Jalan berlubang",
        "description": "Lubang besar di depan pasar.",
        "complainant_name": "Siti Aminah",
        "complainant_phone": "081234567890",
    }
    data.update(over)
    return data


def token_client(user: Any) -> Client:
    token, _created = Token.objects.get_or_create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


def post(client: Client, body: Any) -> Any:
    return client.post(LIST, json.dumps(body), content_type="application/json")


def test_an_integration_account_posts_one_record_with_its_token(city):
    f.category(city)
    response = post(token_client(city.verifier.user), {"channel": "whatsapp", **record()})
    assert response.status_code == 201, response.content
    body = response.json()
    assert {k: body[k] for k in ("created", "updated", "unchanged", "rejected")} == {
        "created": 1, "updated": 0, "unchanged": 0, "rejected": 0,
    }  # fmt: skip
    (result,) = body["results"]
    c = Complaint.objects.get()
    assert result == {"index": 0, "external_id": "WA-1", "result": "created",
                      "tracking_code": c.tracking_code, "errors": {}}  # fmt: skip
    assert (c.channel, c.category_id, c.status) == ("whatsapp", f.category(city).pk, Status.NEW)
    assert ComplaintEvent.objects.get().actor_id == city.verifier.user.pk
    audit = AuditEvent.objects.get(action="complaint.receive")
    assert audit.actor_id == city.verifier.user.pk and "Siti" not in str(audit.after)

    again = post(token_client(city.verifier.user), {"channel": "whatsapp", **record()})
    assert again.status_code == 200 and again.json()["unchanged"] == 1
    assert Complaint.objects.count() == 1


def test_a_batch_reports_each_record(city):
    f.category(city)
    client = token_client(city.verifier.user)
    body = {
        "channel": "lapor",
        "records": [
            record(1),
            record(2, received_at="1999-12-31T09:00:00+07:00", category="jalan tol"),
            record(3, status="selesai"),
            record(4, status="selesai", unit="D1", response="Sudah ditambal.",
                   closed_at="2026-03-03T10:00:00Z"),
        ],
    }  # fmt: skip
    response = post(client, body)
    assert response.status_code == 201
    data = response.json()
    assert [r["result"] for r in data["results"]] == ["created", "rejected", "rejected", "created"]
    assert (data["created"], data["rejected"]) == (2, 2)
    assert set(data["results"][1]["errors"]) == {"received_at", "category"}
    assert list(data["results"][2]["errors"]) == ["closed_at"]
    assert data["results"][1]["tracking_code"] == ""
    done = Complaint.objects.get(external_id="WA-4")
    assert (done.status, done.unit_id, done.channel) == (Status.DONE, city.dinas.pk, "lapor")
    assert done.closed_at is not None
    assert done.closed_at.isoformat() == "2026-03-03T10:00:00+00:00"

    body["records"] = [record(1, title="Jalan berlubang besar"), record(4)]
    again = post(client, body)
    assert again.status_code == 200
    assert [r["result"] for r in again.json()["results"]] == ["updated", "unchanged"]


def test_a_request_that_breaks_the_schema_is_refused_whole(city):
    f.category(city)
    body = {
        "channel": "ulas",
        "records": [record(1), record(2, title=12), "bukan objek", record(4, received_at="kemarin"),
                    record(5, received_at="2026-03-02T09:00:00"), record(6, status="proses")],
    }  # fmt: skip
    response = post(token_client(city.verifier.user), body)
    assert response.status_code == 400
    lines = response.json()["records"]
    assert [line.split(",")[0] for line in lines] == [
        "data 1",
        "data 2",
        "data 3",
        "data 4",
        "data 5",
    ]
    assert "RFC 3339" in lines[2] and "RFC 3339" in lines[3] and "proses" in lines[4]
    assert not Complaint.objects.exists()


def test_every_record_rejected_is_400_with_the_results(city):
    response = post(token_client(city.verifier.user),
                    {"channel": "ulas", "records": [record(1, category="tidak ada")]})  # fmt: skip
    assert response.status_code == 400
    assert response.json()["results"][0]["errors"]["category"][0].startswith(
        "Kategori tidak dikenal"
    )
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"channel": "sms", **record()}, "channel"),
        ({**record()}, "channel"),
        ({"channel": "ulas", "records": []}, "records"),
        ({"channel": "ulas", "records": {"a": 1}}, "records"),
        ({"channel": "ulas", "records": [record(n) for n in range(501)]}, "records"),
        ({"channel": "ulas", "instansi": "kota-b", **record()}, "instansi"),
        ([record()], "non_field_errors"),
    ],
)
def test_a_malformed_request_is_400_naming_the_field(city, body, field):
    response = post(token_client(city.verifier.user), body)
    assert response.status_code == 400
    assert field in response.json()
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("persona", ["employee", "unit_admin", "bkpsdm", "auditor", "foreign"])
def test_only_verifiers_and_superadmins_may_post(city, persona, login):
    f.category(city)
    response = login(persona).post(
        LIST, json.dumps({"channel": "ulas", **record()}), content_type="application/json"
    )
    assert response.status_code == 403
    assert not Complaint.objects.exists()


def test_anonymous_posts_are_401(city):
    assert post(Client(), {"channel": "ulas", **record()}).status_code == 401


def test_a_superadmin_names_the_instansi(city):
    f.category(city)
    client = token_client(city.superadmin)
    assert "instansi" in post(client, {"channel": "ulas", **record()}).json()
    assert post(client, {"channel": "ulas", "instansi": "kota-a", **record()}).status_code == 201
    assert Complaint.objects.get().instansi_id == city.instansi.pk


def _complaint_in_kota_b(city: Any) -> Complaint:
    category = Category.objects.create(instansi=city.other_instansi, code="jalan", name="Jalan")
    data = Intake(title="Jalan rusak", description="Di Kota B.", category=category,
                  complainant_name="Bambang", complainant_phone="081299990000")  # fmt: skip
    return file_complaint(actor=None, instansi_id=city.other_instansi.pk, channel="ulas", data=data)


def test_the_list_is_scoped_and_carries_no_personal_data(city, login):
    routed = f.dispatched(city)
    fresh = f.new_complaint(city, title="Belum diverifikasi")
    _complaint_in_kota_b(city)
    expected = {
        "verifier": {routed.pk, fresh.pk},
        "bkpsdm": {routed.pk, fresh.pk},
        "unit_admin": {routed.pk},
        "employee": set(),
        "outsider": set(),
        "foreign": set(),
    }
    for persona, ids in expected.items():
        response = login(persona).get(LIST)
        assert response.status_code == 200
        rows = response.json()["results"]
        assert {row["id"] for row in rows} == ids, persona
        for row in rows:
            assert not {"complainant_name", "complainant_phone", "description"} & set(row)
    assert len(login("superadmin").get(LIST).json()["results"]) == 3


def test_list_filters(city, login):
    f.category(city, "parkir", "Parkir")
    routed = f.dispatched(city)
    parkir = f.new_complaint(city, channel="whatsapp", category=Category.objects.get(code="parkir"))
    client = login("verifier")

    def ids(query: str) -> set[int]:
        response = client.get(f"{LIST}?{query}")
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["results"]}

    assert ids("status=didisposisikan") == {routed.pk}
    assert ids("channel=whatsapp") == {parkir.pk}
    assert ids(f"unit={city.dinas.pk}") == {routed.pk}
    assert ids(f"category={parkir.category_id}") == {parkir.pk}
    assert ids("received_from=2000-01-01&received_to=9999-12-31") == {routed.pk, parkir.pk}
    assert ids("received_from=0001-01-01") == {routed.pk, parkir.pk}
    assert ids("received_to=2001-01-01") == set()
    assert client.get(f"{LIST}?status=lain").status_code == 400
    assert client.get(f"{LIST}?received_from=31-02-2026").status_code == 400
    foreign = _complaint_in_kota_b(city)
    assert "category" in client.get(f"{LIST}?category={foreign.category_id}").json()


def test_the_detail_shows_personal_data_to_handlers_and_masks_it_for_readers(city, login):
    c = f.assigned(city)
    workflow.respond(actor=city.employee.user, complaint=c, body="Catatan tim.", internal=True)
    workflow.respond(actor=city.employee.user, complaint=c, body="Kami cek ke lokasi.")
    url = f"{LIST}{c.pk}/"
    for persona in ("verifier", "unit_admin", "employee"):
        data = login(persona).get(url).json()
        assert data["complainant_name"] == "Siti Aminah", persona
        assert data["complainant_phone"] == "081234567890"
        assert data["personal_data_masked"] is False
    for persona in ("bkpsdm", "auditor", "supervisor"):
        data = login(persona).get(url).json()
        assert data["complainant_name"] == "S*** A***"
        assert data["complainant_phone"] is None and data["complainant_email"] is None
        assert data["personal_data_masked"] is True
    data = login("bkpsdm").get(url).json()
    assert [e["action"] for e in data["events"]] == ["receive", "verify", "route", "assign"]
    assert data["events"][0]["from_status"] is None
    assert [r["body"] for r in data["responses"]] == ["Kami cek ke lokasi."]  # no internal note
    # Routed at once: the first response is on time; the follow-up is still running.
    assert [s["state"] for s in data["steps"]] == ["tepat", "berjalan"]
    assert data["description"] == c.description


def test_another_units_or_instansis_complaint_is_404(city, login):
    routed = f.dispatched(city)
    foreign = _complaint_in_kota_b(city)
    for persona in ("outsider", "employee", "supervisor"):
        assert login(persona).get(f"{LIST}{routed.pk}/").status_code == 404
    for persona in ("verifier", "bkpsdm", "unit_admin", "foreign"):
        assert login(persona).get(f"{LIST}{foreign.pk}/").status_code == 404
    assert login("superadmin").get(f"{LIST}{foreign.pk}/").status_code == 200
    assert login("verifier").get(f"{LIST}abc/").status_code == 404
    assert login("verifier").get(f"{LIST}{2**70}/").status_code == 404


def test_queries_are_bounded(city, login):
    def queries(url: str) -> int:
        client = login("verifier")
        client.get(url)  # the first request of a session also writes the session
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    f.assigned(city)
    first = Complaint.objects.get()
    few = queries(LIST), queries(f"{LIST}{first.pk}/")
    for _n in range(6):
        c = f.assigned(city)
        workflow.respond(actor=city.employee.user, complaint=c, body="Sedang dicek.")
    workflow.respond(actor=city.employee.user, complaint=first, body="Sedang dicek.")
    many = queries(LIST), queries(f"{LIST}{first.pk}/")
    assert few == many and max(many) <= 12, (few, many)
