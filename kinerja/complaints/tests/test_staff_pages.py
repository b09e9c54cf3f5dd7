"""The staff pages of complaint handling: the inbox and its export, one complaint with its step
forms (incl. 400, 403, 404 and 409), staff entry, the overdue page, and masking per persona."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.complaints.masking import mask_email, mask_name, mask_phone
from kinerja.complaints.models import Channel, Complaint, ComplaintEvent, Response, Status
from kinerja.complaints.services import workflow
from kinerja.complaints.tests import factories as f
from kinerja.core.models import AuditEvent
from kinerja.core.spreadsheets import read_table

pytestmark = pytest.mark.django_db

NAME, PHONE, EMAIL = "Siti Aminah", "081234567890", "siti@example.com"
MASKED = ("S*** A***", "0812******90", "s***@example.com")


def _detail(c: Complaint) -> str:
    return reverse("complaints:detail", args=[c.pk])


def _act(c: Complaint, action: str) -> str:
    return reverse("complaints:act", args=[c.pk, action])


def _post(client: Any, c: Complaint, action: str, **fields: Any) -> Any:
    c.refresh_from_db()
    data = {f"{action}-version": fields.pop("version", c.version)}
    data.update({f"{action}-{k}": v for k, v in fields.items()})
    return client.post(_act(c, action), data)


def _long_ago(days: int = 20) -> Any:
    return timezone.now() - timedelta(days=days)


# --- Masking --------------------------------------------------------------------------------


def test_masking_keeps_a_hint_and_hides_the_rest() -> None:
    assert mask_name(NAME) == "S*** A***"
    assert mask_name("Al") == "A***"
    assert mask_name("") == ""
    assert mask_phone(PHONE) == "0812******90"
    assert mask_phone("12345") == "*****"
    assert mask_email(EMAIL) == "s***@example.com"
    assert mask_email("") == ""


# --- Inbox ----------------------------------------------------------------------------------


def test_inbox_lists_what_each_persona_may_read(city: Any, login: Any) -> None:
    mine = f.assigned(city, title="Lampu jalan mati")
    other = f.new_complaint(city, title="Sampah menumpuk")
    seen = {
        persona: login(persona).get(reverse("complaints:inbox")).content.decode()
        for persona in ("verifier", "unit_admin", "employee", "supervisor", "bkpsdm", "auditor",
                        "outsider", "foreign", "superadmin")
    }  # fmt: skip
    for persona in ("verifier", "bkpsdm", "auditor", "superadmin"):
        assert mine.tracking_code in seen[persona] and other.tracking_code in seen[persona]
    # The OPD and the officer (and the officer's atasan) see what reached Dinas Satu only.
    for persona in ("unit_admin", "employee", "supervisor"):
        assert mine.tracking_code in seen[persona], persona
        assert other.tracking_code not in seen[persona], persona
    for persona in ("outsider", "foreign"):
        assert mine.tracking_code not in seen[persona] and other.tracking_code not in seen[persona]
    # No list shows the complainant.
    for page in seen.values():
        assert NAME not in page and PHONE not in page and EMAIL not in page


def test_my_tasks_lists_my_open_complaints(city: Any, login: Any) -> None:
    open_one = f.assigned(city, title="Masih terbuka")
    closed = f.done(city, title="Sudah selesai")
    page = login("employee").get(reverse("complaints:inbox"), {"mine": "true"}).content.decode()
    assert open_one.tracking_code in page and closed.tracking_code not in page
    assert "Tugas aduan saya" in page


def test_inbox_filters(city: Any, login: Any) -> None:
    road = f.category(city)
    water = f.category(city, "air", "Air minum")
    old = f.new_complaint(city, received_at=_long_ago(30), title="Aduan lama")
    phoned = f.new_complaint(city, channel=Channel.PHONE, category=water, title="Pipa bocor")
    routed = f.dispatched(city, title="Jalan rusak", category=road)
    client = login("verifier")

    def codes(**params: Any) -> set[str]:
        response = client.get(reverse("complaints:inbox"), params)
        assert response.status_code == 200
        text = response.content.decode()
        return {c.tracking_code for c in (old, phoned, routed) if c.tracking_code in text}

    assert codes() == {old.tracking_code, phoned.tracking_code, routed.tracking_code}
    assert codes(status=Status.DISPATCHED) == {routed.tracking_code}
    assert codes(channel=Channel.PHONE) == {phoned.tracking_code}
    assert codes(category=water.pk) == {phoned.tracking_code}
    assert codes(unit=city.dinas.pk) == {routed.tracking_code}
    assert codes(unit=city.bidang.pk) == set()  # the subtree below, not above
    assert codes(sla="terlambat") == {old.tracking_code}
    since = (timezone.localdate() - timedelta(days=2)).isoformat()
    assert codes(received_from=since) == {phoned.tracking_code, routed.tracking_code}
    until = (timezone.localdate() - timedelta(days=2)).isoformat()
    assert codes(received_to=until) == {old.tracking_code}
    assert codes(q="pipa") == {phoned.tracking_code}
    typed = phoned.tracking_code.replace("-", "").lower()
    assert codes(q=typed) == {phoned.tracking_code}
    # The search never looks at the complainant.
    assert codes(q="Siti") == set()
    # A bad filter shows its error beside the unfiltered list.
    response = client.get(reverse("complaints:inbox"), {"received_from": "kemarin"})
    assert response.status_code == 200 and "tanggal" in response.content.decode().lower()


def test_status_counts_follow_the_other_filters(city: Any, login: Any) -> None:
    f.new_complaint(city, channel=Channel.PHONE)
    f.new_complaint(city)
    f.dispatched(city)
    response = login("verifier").get(reverse("complaints:inbox"), {"channel": Channel.ULAS})
    counts = {value: n for value, _label, n in response.context["counts"]}
    assert counts[Status.NEW] == 1 and counts[Status.DISPATCHED] == 1
    assert response.context["all_count"] == 2


def test_at_risk_filter_uses_the_working_calendar(city: Any, login: Any) -> None:
    # Due in less than a quarter of its allowed working time: at risk, whatever the weekday.
    from kinerja.complaints.sla import calendar_for

    calendar = calendar_for(city.instansi.pk)
    now = timezone.now()
    c = f.new_complaint(city)
    c.response_due_at = calendar.add(now, 30)
    c.followup_due_at = calendar.add(now, 5000)
    c.received_at = now - timedelta(days=10)
    c.save(update_fields=["response_due_at", "followup_due_at", "received_at"])
    calm = f.new_complaint(city, title="Masih lama")
    response = login("verifier").get(reverse("complaints:inbox"), {"sla": "berisiko"})
    text = response.content.decode()
    assert c.tracking_code in text and calm.tracking_code not in text


def test_inbox_query_count_does_not_grow(
    city: Any, login: Any, django_assert_max_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login("verifier")
    url = reverse("complaints:inbox")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"sla": "berisiko"}).status_code == 200
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    for _ in range(5):
        f.assigned(city)
    client.get(url)  # warm per-process caches
    few = count()
    for _ in range(45):
        f.new_complaint(city)
    assert count() == few
    with django_assert_max_num_queries(20):
        client.get(url)


# --- Export ---------------------------------------------------------------------------------


def test_export_masks_the_complainant_always(city: Any, login: Any) -> None:
    c = f.assigned(city, title="=HYPERLINK(1)")
    f.new_complaint(city, channel=Channel.PHONE)
    client = login("verifier")  # who may see the data on the page, but not in a file
    response = client.get(reverse("complaints:export"), {"channel": Channel.ULAS, "q": "hyper"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    assert c.tracking_code in text and "'=HYPERLINK(1)" in text
    assert NAME not in text and PHONE not in text and EMAIL not in text
    for masked in MASKED:
        assert masked in text
    assert text.count("\n") == 2  # the header and one complaint
    event = AuditEvent.objects.get(action="complaints.export")
    assert event.after is not None
    assert event.after["count"] == 1 and event.after["filters"]["q"] == "(pencarian)"

    response = client.get(reverse("complaints:export"), {"format": "xlsx"})
    table = read_table(io.BytesIO(b"".join(response.streaming_content)), filename="a.xlsx")
    rows = [row.values for row in table.rows()]
    assert len(rows) == 2
    flat = " ".join(" ".join(row) for row in rows)
    assert NAME not in flat and MASKED[0] in flat


def test_export_is_scoped(city: Any, login: Any) -> None:
    c = f.new_complaint(city)
    response = login("outsider").get(reverse("complaints:export"))
    assert c.tracking_code not in b"".join(response.streaming_content).decode()


# --- One complaint --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "reveal"),
    [("verifier", True), ("unit_admin", True), ("employee", True), ("superadmin", True),
     ("bkpsdm", False), ("auditor", False), ("supervisor", False)],
)  # fmt: skip
def test_detail_shows_the_complainant_only_to_handlers(
    city: Any, login: Any, persona: str, reveal: bool
) -> None:
    c = f.assigned(city)
    response = login(persona).get(_detail(c))
    assert response.status_code == 200
    text = response.content.decode()
    assert c.description in text
    for clear, masked in zip((NAME, PHONE, EMAIL), MASKED, strict=True):
        assert (clear in text) is reveal, clear
        assert (masked in text) is not reveal, masked


def test_detail_is_404_outside_the_scope(city: Any, login: Any) -> None:
    c = f.assigned(city)
    for persona in ("outsider", "foreign"):
        assert login(persona).get(_detail(c)).status_code == 404
    assert login("anonymous").get(_detail(c)).status_code == 302


def test_detail_shows_steps_history_and_answers(city: Any, login: Any) -> None:
    c = f.assigned(city)
    workflow.respond(actor=city.employee.user, complaint=c, body="Cek lokasi besok.", internal=True)
    page = login("auditor").get(_detail(c)).content.decode()
    for text in (
        "Respons pertama",
        "Tindak lanjut",
        "Diteruskan ke OPD",
        "Petugas ditunjuk",
        "Cek lokasi besok.",
        "tidak terlihat oleh warga",
        city.employee.name,
    ):
        assert text in page, text  # fmt: skip
    # A reader without a step sees no forms.
    assert 'method="post" action="/aduan/' not in page


def test_forms_match_the_allowed_steps(city: Any, login: Any) -> None:
    c = f.dispatched(city)
    verifier = login("verifier").get(_detail(c)).content.decode()
    admin = login("unit_admin").get(_detail(c)).content.decode()
    assert _act(c, "route") in verifier and _act(c, "assign") not in verifier
    assert _act(c, "assign") in admin and _act(c, "return") in admin
    assert _act(c, "route") not in admin
    # The assign form lists the officers of the unit's subtree, not those of other OPDs.
    assert city.employee.name in admin and city.outsider.name not in admin


def test_the_whole_journey_through_the_pages(city: Any, login: Any) -> None:
    verifier, admin, officer = login("verifier"), login("unit_admin"), login("employee")
    water = f.category(city, "air", "Air minum")
    c = f.new_complaint(city)
    response = _post(verifier, c, "verify", category=water.pk, classification="aspirasi")
    assert response.status_code == 302 and response["Location"] == _detail(c)
    c.refresh_from_db()
    assert (c.status, c.category_id, c.classification) == (Status.VERIFIED, water.pk, "aspirasi")
    assert _post(verifier, c, "route", unit=city.dinas.pk, note="Mohon segera").status_code == 302
    assert _post(admin, c, "assign", officer=city.employee.pk).status_code == 302
    c.refresh_from_db()
    assert c.officer_id == city.employee.pk
    assert _post(officer, c, "respond", body="Catatan", internal="on").status_code == 302
    assert Response.objects.get(complaint=c).kind == "internal"
    assert _post(officer, c, "follow_up", body="Sudah ditambal").status_code == 302
    assert _post(verifier, c, "reject_answer", note="Mana fotonya?").status_code == 302
    c.refresh_from_db()
    assert (c.status, c.rejected_answers) == (Status.DISPATCHED, 1)
    assert _post(officer, c, "follow_up", body="Foto terlampir").status_code == 302
    response = _post(verifier, c, "accept", note="")
    assert response.status_code == 302
    follow = verifier.get(response["Location"])
    assert "Jawaban diterima; aduan selesai." in follow.content.decode()
    c.refresh_from_db()
    assert c.status == Status.DONE
    assert _post(verifier, c, "reopen", note="Warga menelepon lagi").status_code == 302
    c.refresh_from_db()
    assert c.status == Status.REOPENED


def test_reject_and_not_ours_need_a_reason(city: Any, login: Any) -> None:
    client = login("verifier")
    c = f.new_complaint(city)
    response = _post(client, c, "reject", note="  ")
    assert response.status_code == 400
    c.refresh_from_db()
    assert c.status == Status.NEW
    assert _post(client, c, "not_ours", note="Urusan pemerintah provinsi").status_code == 302
    c.refresh_from_db()
    assert c.status == Status.NOT_OURS
    d = f.new_complaint(city)
    assert _post(client, d, "reject", note="Iklan").status_code == 302


def test_bad_input_is_400_and_keeps_what_was_typed(city: Any, login: Any) -> None:
    c = f.new_complaint(city)
    response = _post(login("verifier"), c, "route", unit="", note="Catatan saya yang panjang")
    assert response.status_code == 400
    text = response.content.decode()
    assert "Catatan saya yang panjang" in text and "errorlist" in text
    c.refresh_from_db()
    assert c.status == Status.NEW
    # An officer of another OPD is refused by the form, nothing changes.
    d = f.dispatched(city)
    response = _post(login("unit_admin"), d, "assign", officer=city.outsider.pk, note="Tolong")
    assert response.status_code == 400 and "Tolong" in response.content.decode()
    d.refresh_from_db()
    assert d.officer_id is None


def test_a_stale_form_is_409_and_keeps_what_was_typed(city: Any, login: Any) -> None:
    c = f.new_complaint(city)
    old = c.version
    workflow.verify(actor=city.verifier.user, complaint=c)
    response = _post(login("verifier"), c, "reject", note="Alasan yang saya tulis", version=old)
    assert response.status_code == 409
    text = response.content.decode()
    assert "Alasan yang saya tulis" in text and "baru saja diubah" in text
    c.refresh_from_db()
    assert c.status == Status.VERIFIED
    # The form now carries the current version: sending it again works.
    assert f'value="{c.version}"' in text
    assert _post(login("verifier"), c, "reject", note="Alasan").status_code == 302


def test_steps_are_403_for_readers_and_404_outside(city: Any, login: Any) -> None:
    c = f.assigned(city)
    for persona in ("auditor", "bkpsdm", "supervisor", "employee"):
        assert _post(login(persona), c, "route", unit=city.dinas.pk).status_code == 403, persona
    assert _post(login("unit_admin"), c, "route", unit=city.dinas.pk).status_code == 403
    for persona in ("outsider", "foreign"):
        assert _post(login(persona), c, "assign", officer=city.employee.pk).status_code == 404
    assert login("verifier").post(_act(c, "explode"), {}).status_code == 404
    assert login("verifier").get(_act(c, "route")).status_code == 405
    c.refresh_from_db()
    assert (c.unit_id, c.officer_id) == (city.dinas.pk, city.employee.pk)


def test_returning_leads_the_opd_back_to_the_inbox(city: Any, login: Any) -> None:
    c = f.dispatched(city)
    response = _post(login("unit_admin"), c, "return", note="Bukan urusan kami")
    assert response.status_code == 302 and response["Location"] == reverse("complaints:inbox")
    c.refresh_from_db()
    assert (c.status, c.unit_id) == (Status.VERIFIED, None)


def test_detail_query_count_is_bounded(
    city: Any, login: Any, django_assert_max_num_queries: Any
) -> None:
    c = f.answered(city)
    for i in range(10):
        workflow.respond(actor=city.employee.user, complaint=c, body=f"Catatan {i}", internal=True)
    client = login("unit_admin")
    client.get(_detail(c))
    with django_assert_max_num_queries(25):
        assert client.get(_detail(c)).status_code == 200


# --- Staff entry ----------------------------------------------------------------------------


def _entry(**overrides: Any) -> dict[str, Any]:
    data = {
        "channel": Channel.PHONE,
        "received_at": (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "title": "Air PDAM tidak mengalir",
        "description": "Sudah tiga hari air mati di RT 02.",
        "location": "Kelurahan Jebres",
        "category": "",
        "classification": "pengaduan",
        "complainant_name": "Budi Warga",
        "complainant_phone": "0812 3456 7891",
        "complainant_email": "",
    }
    data.update(overrides)
    return data


def test_a_verifier_types_in_a_phone_complaint(city: Any, login: Any) -> None:
    client = login("verifier")
    assert client.get(reverse("complaints:entry")).status_code == 200
    response = client.post(reverse("complaints:entry"), _entry())
    assert response.status_code == 302
    c = Complaint.objects.get(title="Air PDAM tidak mengalir")
    assert (c.status, c.channel, c.complainant_phone) == (Status.NEW, Channel.PHONE, "081234567891")
    assert c.received_at < timezone.now() - timedelta(hours=20)
    assert c.response_due_at is not None
    event = ComplaintEvent.objects.get(complaint=c)
    assert event.actor_id == city.verifier.user.pk
    assert "Budi" not in str(AuditEvent.objects.filter(action="complaint.receive").values())
    page = client.get(response["Location"]).content.decode()
    assert c.tracking_code in page and _detail(c) in page
    # The code is shown once.
    assert c.tracking_code not in client.get(reverse("complaints:entry")).content.decode()


def test_an_opd_admin_types_in_a_walk_in_complaint(city: Any, login: Any) -> None:
    client = login("unit_admin")
    response = client.post(reverse("complaints:entry"), _entry(channel=Channel.WALK_IN))
    assert response.status_code == 302
    c = Complaint.objects.get(title="Air PDAM tidak mengalir")
    assert (c.status, c.unit_id) == (Status.NEW, None)  # the verifier routes it
    page = client.get(response["Location"]).content.decode()
    assert c.tracking_code in page and _detail(c) not in page


def test_entry_refuses_bad_input_and_keeps_it(city: Any, login: Any) -> None:
    client = login("verifier")
    future = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("complaints:entry"), _entry(received_at=future))
    assert response.status_code == 400
    text = response.content.decode()
    assert "masa depan" in text and "Sudah tiga hari air mati" in text
    response = client.post(
        reverse("complaints:entry"), _entry(title="", complainant_phone="12", channel="ulas")
    )
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_entry_is_for_verifiers_and_opd_admins(city: Any, login: Any) -> None:
    for persona in ("employee", "supervisor", "bkpsdm", "auditor", "outsider"):
        assert login(persona).get(reverse("complaints:entry")).status_code == 403, persona
    f.complaint_admin(city, city.colleague, city.seksi)
    from django.test import Client

    client = Client()
    client.force_login(city.colleague.user)
    assert client.get(reverse("complaints:entry")).status_code == 200


def test_superadmin_chooses_the_instansi(city: Any, login: Any) -> None:
    client = login("superadmin")
    page = client.get(reverse("complaints:entry")).content.decode()
    assert city.other_instansi.name in page
    response = client.post(reverse("complaints:entry"), _entry(instansi=city.other_instansi.pk))
    assert response.status_code == 302
    assert Complaint.objects.get().instansi_id == city.other_instansi.pk


# --- Overdue page ---------------------------------------------------------------------------


def test_overdue_page_groups_and_is_scoped(city: Any, login: Any) -> None:
    late_assigned = f.assigned(city, received_at=_long_ago(), title="Terlambat di tangan petugas")
    late_new = f.new_complaint(city, received_at=_long_ago(), title="Belum diteruskan")
    f.done(city, received_at=_long_ago(), title="Sudah selesai")
    page = login("verifier").get(reverse("complaints:overdue")).content.decode()
    assert late_assigned.tracking_code in page and late_new.tracking_code in page
    assert "Sudah selesai" not in page
    assert city.dinas.name in page and "Belum diteruskan ke OPD" in page
    assert city.employee.name in page and "Belum ada petugas" in page
    # Narrowed to one officer.
    narrowed = login("verifier").get(reverse("complaints:overdue"), {"officer": city.employee.pk})
    text = narrowed.content.decode()
    assert late_assigned.tracking_code in text and late_new.tracking_code not in text
    # The OPD sees its own only; another OPD nothing.
    mine = login("unit_admin").get(reverse("complaints:overdue")).content.decode()
    assert late_assigned.tracking_code in mine and late_new.tracking_code not in mine
    other = login("outsider").get(reverse("complaints:overdue")).content.decode()
    assert late_assigned.tracking_code not in other and late_new.tracking_code not in other
    for text in (page, mine):
        assert NAME not in text and PHONE not in text


@pytest.mark.parametrize("query", [{"received_to": "9999-12-31"}, {"received_from": "0001-01-01"}])
def test_extreme_dates_in_the_inbox_filter_are_no_error(
    city: Any, login: Any, query: dict[str, str]
) -> None:
    f.dispatched(city)
    response = login("verifier").get("/aduan/", query)
    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 1
