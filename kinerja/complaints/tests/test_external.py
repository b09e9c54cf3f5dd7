"""Complaints from other channels (services.external.upsert): idempotency, updates, imported
history in working time, and bad records reported field by field with nothing half-saved."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.complaints.models import (
    Category,
    Complaint,
    ComplaintEvent,
    Response,
    ResponseKind,
    SlaPolicy,
    Status,
    Verdict,
)
from kinerja.complaints.services.external import SOURCE_API, SOURCE_IMPORT, upsert
from kinerja.complaints.sla import calendar_for
from kinerja.complaints.tests import factories as f
from kinerja.core.models import AuditEvent

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")


def record(n: int = 1, **over: Any) -> dict[str, Any]:
    """A valid ULAS record received on Monday 2 March 2026, 09:00 WIB."""
    data: dict[str, Any] = {
        "external_id": f"ULAS-{n:04d}",
        "received_at": "02-03-2026 09:00",
        "category": "jalan",
        "title": f"Jalan berlubang nomor {n}",
        "description": "Lubang besar di depan pasar, berbahaya bagi pengendara motor.",
        "location": "Jl. Slamet Riyadi 1",
        "complainant_name": "Siti Aminah",
        "complainant_phone": "0812-3456-7890",
        "complainant_email": "Siti@Example.com",
    }
    data.update(over)
    return data


def run(city: Any, records: list[dict[str, Any]], **kw: Any) -> Any:
    kw.setdefault("actor", city.verifier.user)
    kw.setdefault("channel", "ulas")
    kw.setdefault("source", SOURCE_IMPORT)
    return upsert(instansi_id=city.instansi.pk, records=records, **kw)


def test_a_new_record_becomes_a_complaint_and_the_same_record_again_changes_nothing(city):
    f.category(city)
    first = run(city, [record(1), record(2)])
    assert first.counts == {"created": 2, "updated": 0, "unchanged": 0, "rejected": 0}
    c = Complaint.objects.get(external_id="ULAS-0001")
    assert c.channel == "ulas" and c.status == Status.NEW and c.category_id == f.category(city).pk
    assert c.tracking_code == first.results[0].tracking_code
    assert c.received_at == datetime(2026, 3, 2, 9, 0, tzinfo=WIB)
    assert c.response_due_at and c.followup_due_at
    # Normalised as the intake service does it.
    assert (c.complainant_phone, c.complainant_email) == ("081234567890", "siti@example.com")
    event = ComplaintEvent.objects.get(complaint=c)
    assert (event.action, event.actor_id) == ("receive", city.verifier.user.pk)
    events, audits = ComplaintEvent.objects.count(), AuditEvent.objects.count()

    again = run(city, [record(1), record(2)])
    assert again.counts == {"created": 0, "updated": 0, "unchanged": 2, "rejected": 0}
    assert [r.tracking_code for r in again.results] == [r.tracking_code for r in first.results]
    assert Complaint.objects.count() == 2
    assert (ComplaintEvent.objects.count(), AuditEvent.objects.count()) == (events, audits)


def test_a_changed_record_updates_the_content_with_one_event_and_no_personal_data_in_audit(city):
    f.category(city)
    f.category(city, "parkir", "Parkir")
    run(city, [record(1)])
    c = Complaint.objects.get()
    result = run(
        city,
        [record(1, title="Jalan berlubang besar", category="PARKIR", complainant_name="Siti A.")],
    )
    assert result.counts["updated"] == 1
    c.refresh_from_db()
    assert (c.title, c.category_id, c.complainant_name) == (
        "Jalan berlubang besar",
        f.category(city, "parkir").pk,
        "Siti A.",
    )
    assert c.version == 2
    update = ComplaintEvent.objects.get(complaint=c, action="update")
    assert update.from_status == update.to_status == Status.NEW
    assert "judul" in update.note and "Siti" not in update.note
    audit = AuditEvent.objects.get(action="complaint.update")
    assert audit.after is not None
    assert audit.after["fields"][:3] == ["category", "complainant_name", "title"]
    assert "Siti" not in str(audit.after) and "Jalan" not in str(audit.after)
    # Once more with the same content: nothing.
    assert run(city, [record(1, title="Jalan berlubang besar", category="parkir",
                                complainant_name="Siti A.")]).counts["unchanged"] == 1  # fmt: skip
    assert ComplaintEvent.objects.filter(action="update").count() == 1


def test_a_new_category_moves_the_due_times_of_an_open_complaint(city):
    f.category(city)
    fast = f.category(city, "pju", "Penerangan jalan umum")
    SlaPolicy.objects.create(
        instansi=city.instansi, category=fast, response_minutes=60, followup_minutes=120
    )
    run(city, [record(1)])
    before = Complaint.objects.get().response_due_at
    run(city, [record(1, category="Penerangan Jalan Umum")])
    c = Complaint.objects.get()
    assert c.response_due_at == datetime(2026, 3, 2, 10, 0, tzinfo=WIB) != before
    assert (
        "response_due_at"
        in (AuditEvent.objects.get(action="complaint.update").after or {})["fields"]
    )


def test_absent_fields_stay_and_the_channel_history_of_a_known_complaint_is_not_applied(city):
    f.category(city)
    run(city, [record(1)])
    slim = {"external_id": "ULAS-0001", "received_at": "2026-03-02 09:00",
            "description": record(1)["description"], "status": "selesai",
            "closed_at": "2026-03-03 10:00", "response": "Sudah ditambal."}  # fmt: skip
    assert run(city, [slim]).counts["unchanged"] == 1
    c = Complaint.objects.get()
    assert c.status == Status.NEW and c.location == "Jl. Slamet Riyadi 1"
    assert not Response.objects.exists()


def test_an_empty_value_clears_an_optional_field(city):
    f.category(city)
    run(city, [record(1)])
    assert run(city, [record(1, location="", category="")]).counts["updated"] == 1
    c = Complaint.objects.get()
    assert c.location == "" and c.category_id is None


def test_historic_status_is_stored_with_working_minutes_and_the_channel_answer(city):
    f.category(city)
    result = run(
        city,
        [
            record(
                1,
                status="Selesai",
                unit="D1",
                response="Lubang sudah ditambal oleh tim jalan.",
                responded_at="03-03-2026 09:00",
                closed_at="2026-03-04T10:00:00+07:00",
            )
        ],
        actor=None,
    )
    assert result.counts["created"] == 1
    c = Complaint.objects.get()
    assert (c.status, c.unit_id) == (Status.DONE, city.dinas.pk)
    # Monday 09:00-12:00 and 12:30-16:00, Tuesday 07:15-09:00 (the Perwali schedule): 495.
    assert c.first_response_at == c.followed_up_at == datetime(2026, 3, 3, 9, 0, tzinfo=WIB)
    assert c.response_minutes == c.followup_minutes == 495
    assert c.first_response_at is not None
    assert c.response_minutes == calendar_for(city.instansi.pk).minutes_between(
        c.received_at, c.first_response_at
    )
    assert c.closed_at == datetime(2026, 3, 4, 10, 0, tzinfo=WIB)
    answer = Response.objects.get(complaint=c)
    assert answer.kind == ResponseKind.FOLLOW_UP and answer.author_id is None
    assert answer.author_label == "ULAS (web/aplikasi)" and answer.verdict == Verdict.ACCEPTED
    steps = list(ComplaintEvent.objects.filter(complaint=c).values_list("action", "to_status"))
    assert steps == [("receive", Status.NEW), ("import", Status.DONE)]
    assert set(ComplaintEvent.objects.values_list("actor_label", flat=True)) == {
        "impor ULAS (web/aplikasi)"
    }
    audit = AuditEvent.objects.get(action="complaint.import")
    assert audit.after is not None
    assert audit.after["status"] == Status.DONE and audit.after["response_minutes"] == 495
    assert "Siti" not in str(audit.after)


def test_history_without_a_status_is_read_from_its_fields(city):
    f.category(city)
    run(
        city,
        [
            record(1, closed_at="2026-03-03 10:00"),
            record(2, unit="Dinas Satu"),
            record(3, unit="dinas satu", response="Sedang dicek.", responded_at="2026-03-02 10:00"),
        ],
    )
    statuses = dict(Complaint.objects.values_list("external_id", "status"))
    assert statuses == {
        "ULAS-0001": Status.DONE,
        "ULAS-0002": Status.DISPATCHED,
        "ULAS-0003": Status.FOLLOWED_UP,
    }
    done = Complaint.objects.get(external_id="ULAS-0001")
    assert done.followed_up_at == done.closed_at and done.followup_minutes is not None
    assert Complaint.objects.get(external_id="ULAS-0003").response_minutes == 60


def test_a_rejected_complaint_keeps_its_reason_as_a_response(city):
    f.category(city)
    run(city, [record(1, status="ditolak", response="Bukan aduan.", closed_at="2026-03-02 11:00")])
    c = Complaint.objects.get()
    assert c.status == Status.REJECTED and c.unit_id is None and c.followed_up_at is None
    assert c.first_response_at == c.closed_at and c.response_minutes == 120
    assert Response.objects.get().kind == ResponseKind.RESPONSE


def test_bad_records_are_reported_by_field_and_good_ones_applied(city):
    f.category(city)
    result = run(
        city,
        [
            record(1),
            record(2, received_at="kemarin", category="jalan rusak"),
            record(3, status="proses"),
            record(4, status="selesai"),
            record(5, status="selesai", closed_at="01-03-2026 10:00"),
            record(6, unit="Dinas Tiga", complainant_email="bukan-email"),
            record(7, title="", description=""),
            record(8, responded_at="2026-03-02 10:00", response="x" * 5001),
            record(9, received_at="2031-01-01 08:00"),
            record(10, received_at="1999-12-31 08:00", classification="keluhan"),
            record(1),
        ],
    )
    errors = {r.index: r.errors for r in result.results if r.result == "rejected"}
    assert result.counts == {"created": 1, "updated": 0, "unchanged": 0, "rejected": 10}
    assert "Tanggal tidak dikenali" in errors[1]["received_at"][0]
    assert "Kategori tidak dikenal" in errors[1]["category"][0]
    assert "Mungkin maksud Anda: jalan" in errors[1]["category"][0]
    assert "Selesai" in errors[2]["status"][0]  # the message lists the choices
    assert "Wajib diisi" in errors[3]["closed_at"][0]
    assert "sebelum waktu aduan diterima" in errors[4]["closed_at"][0]
    assert set(errors[5]) == {"unit", "complainant_email"}
    assert "judul atau uraian" in errors[6]["description"][0]
    assert "5000" in errors[7]["response"][0]
    assert "masa depan" in errors[8]["received_at"][0]
    assert "2000" in errors[9]["received_at"][0] and "Aspirasi" in errors[9]["classification"][0]
    assert (
        "urutan 0" not in errors[10]["external_id"][0] and "baris 0" in errors[10]["external_id"][0]
    )
    # Nothing half-saved: only the good record exists, with its one event.
    assert list(Complaint.objects.values_list("external_id", flat=True)) == ["ULAS-0001"]
    assert ComplaintEvent.objects.count() == 1 and not Response.objects.exists()


def test_external_ids_are_text_and_mangled_numbers_are_refused(city):
    f.category(city)
    result = run(
        city,
        [
            record(external_id=1234567890123),
            record(external_id=1234567890124.0),
            record(external_id=12345.5),
            record(external_id="1.23457E+12"),
            record(external_id=1.2345678901234567e17),
            record(external_id="  "),
        ],
        source=SOURCE_API,
    )
    assert [r.result for r in result.results] == ["created"] * 2 + ["rejected"] * 4
    assert set(Complaint.objects.values_list("external_id", flat=True)) == {
        "1234567890123",
        "1234567890124",
    }
    assert "notasi ilmiah" in result.results[3].errors["external_id"][0]
    assert "angka pecahan atau terlalu besar" in result.results[4].errors["external_id"][0]
    assert result.results[5].errors["external_id"] == ["Wajib diisi."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05-03-2024 09:30", datetime(2024, 3, 5, 9, 30, tzinfo=WIB)),
        ("5/3/2024 09.30", datetime(2024, 3, 5, 9, 30, tzinfo=WIB)),
        ("2024-03-05 09:30", datetime(2024, 3, 5, 9, 30, tzinfo=WIB)),
        ("2024-03-05 09:30:15", datetime(2024, 3, 5, 9, 30, 15, tzinfo=WIB)),
        ("2024-03-05T09:30:00+08:00", datetime(2024, 3, 5, 8, 30, tzinfo=WIB)),
        ("2024-03-05T02:30:00Z", datetime(2024, 3, 5, 9, 30, tzinfo=WIB)),
        ("2024-03-05", datetime(2024, 3, 5, 0, 0, tzinfo=WIB)),
    ],
)
def test_received_at_formats(city, text, expected):
    result = run(city, [record(received_at=text, category="")])
    assert result.counts["created"] == 1, result.results[0].errors
    assert Complaint.objects.get().received_at == expected


def test_a_title_is_derived_from_the_description_and_the_other_way_round(city):
    long = "Air PDAM mati sejak tiga hari di RT 02 RW 05 Kelurahan Kadipiro, warga harus membeli air galon setiap hari\nMohon dibantu."  # noqa: E501
    run(city, [record(1, title="", description=long, category=""),
               record(2, title="Lampu jalan mati", description="", category="")])  # fmt: skip
    first = Complaint.objects.get(external_id="ULAS-0001")
    assert first.title.endswith("…") and len(first.title) <= 101 and "\n" not in first.title
    assert Complaint.objects.get(external_id="ULAS-0002").description == "Lampu jalan mati"


def test_dry_run_checks_and_counts_but_writes_nothing(city):
    f.category(city)
    run(city, [record(1)])
    events, audits = ComplaintEvent.objects.count(), AuditEvent.objects.count()
    result = run(city, [record(1, title="Baru"), record(2), record(3, category="x")], dry_run=True)
    assert result.counts == {"created": 1, "updated": 1, "unchanged": 0, "rejected": 1}
    assert Complaint.objects.count() == 1 and Complaint.objects.get().title != "Baru"
    assert (ComplaintEvent.objects.count(), AuditEvent.objects.count()) == (events, audits)


def test_the_same_id_on_another_channel_or_instansi_is_another_complaint(city):
    f.category(city)
    run(city, [record(1)])
    run(city, [record(1)], channel="lapor")
    Category.objects.create(instansi=city.other_instansi, code="jalan", name="Jalan")
    upsert(actor=None, instansi_id=city.other_instansi.pk, channel="ulas",
           records=[record(1)], source=SOURCE_IMPORT)  # fmt: skip
    assert Complaint.objects.filter(external_id="ULAS-0001").count() == 3


def test_known_complaints_are_read_in_one_query_whatever_the_batch_size(city):
    f.category(city)
    run(city, [record(n) for n in range(40)])

    def queries(n: int) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert run(city, [record(i) for i in range(n)]).counts["unchanged"] == n
        return len(ctx.captured_queries)

    assert queries(3) == queries(40) <= 4
