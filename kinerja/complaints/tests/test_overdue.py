"""Daily overdue lists: what is late or at risk, per OPD and per officer, and the mails to the
officer and their atasan (once a day, no personal data, dry run, command and task)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from kinerja.complaints.models import Complaint
from kinerja.complaints.services.overdue import (
    ACTION,
    overdue_digest,
    send_overdue_notifications,
)
from kinerja.complaints.tasks import send_complaint_overdue_task
from kinerja.complaints.tests import factories as f
from kinerja.complaints.worktime import SlaState
from kinerja.core.models import AuditEvent

pytestmark = pytest.mark.django_db

LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


def _monday() -> date:
    """Monday of last week: always in the past, never a holiday in the test calendar."""
    today = timezone.localdate()
    return today - timedelta(days=today.weekday() + 7)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def scene(city: Any) -> dict[str, Complaint]:
    """As at Monday 14:00 of last week (ULAS: response 1 working day, follow-up 2):

    * ``late_new``: received two weeks earlier, never routed: both steps late, no OPD;
    * ``late_assigned``: received two weeks earlier, routed and assigned: follow-up late;
    * ``at_risk``: received Monday 07:15, response due 15:15: 75 of 450 minutes left;
    * ``calm``: received Monday 13:00: most of its time left;
    * ``done``: received two weeks earlier and closed.
    """
    monday = _monday()
    two_weeks = _at(monday - timedelta(days=14), 9)
    return {
        "late_new": f.new_complaint(city, received_at=two_weeks, title="Belum diteruskan"),
        "late_assigned": f.assigned(city, received_at=two_weeks, title="Lampu PJU mati"),
        "at_risk": f.new_complaint(city, received_at=_at(monday, 7, 15), title="Hampir lewat"),
        "calm": f.new_complaint(city, received_at=_at(monday, 13), title="Masih lama"),
        "done": f.done(city, received_at=two_weeks, title="Sudah selesai"),
    }


def _now() -> datetime:
    return _at(_monday(), 14)


def test_digest_lists_late_and_at_risk_per_opd_and_officer(
    city: Any, scene: dict[str, Complaint]
) -> None:
    digest = overdue_digest(city.instansi.pk, _now())
    by_code = {item.complaint.tracking_code: item for item in digest.items}
    assert set(by_code) == {
        scene["late_new"].tracking_code,
        scene["late_assigned"].tracking_code,
        scene["at_risk"].tracking_code,
    }
    late_new = by_code[scene["late_new"].tracking_code]
    assert [s.state for s in late_new.steps] == [SlaState.LATE, SlaState.LATE]
    # The assigned one was answered first (routing counts) after "now", so only the follow-up.
    late_assigned = by_code[scene["late_assigned"].tracking_code]
    assert [(s.label, s.state) for s in late_assigned.steps] == [("Tindak lanjut", SlaState.LATE)]
    at_risk = by_code[scene["at_risk"].tracking_code]
    assert [(s.label, s.state) for s in at_risk.steps] == [("Respons pertama", SlaState.AT_RISK)]
    assert (digest.late, digest.at_risk) == (2, 1)
    # Late first, then at risk.
    assert digest.items[-1] is at_risk
    units = {g.label: (g.late, g.at_risk) for g in digest.by_unit}
    assert units == {city.dinas.name: (1, 0), "Belum diteruskan ke OPD": (1, 1)}
    officers = {g.label: (g.late, g.at_risk) for g in digest.by_officer}
    assert officers == {city.employee.full_name: (1, 0), "Belum ada petugas": (1, 1)}


def test_digest_is_per_instansi(city: Any, scene: dict[str, Complaint]) -> None:
    assert overdue_digest(city.other_instansi.pk, _now()).items == []


def test_digest_query_count_does_not_grow(
    city: Any, scene: dict[str, Complaint], django_assert_max_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            overdue_digest(city.instansi.pk, _now())
        return len(ctx.captured_queries)

    before = count()
    for _ in range(10):
        f.assigned(city, received_at=_at(_monday() - timedelta(days=14), 9))
    assert count() == before
    with django_assert_max_num_queries(5):
        overdue_digest(city.instansi.pk, _now())


def _mails_to(address: str) -> list[Any]:
    return [m for m in mail.outbox if m.to == [address]]


def test_officer_and_atasan_are_mailed_once_a_day(
    city: Any, scene: dict[str, Complaint], settings: Any
) -> None:
    settings.MAILERS = LOCMEM
    run = send_overdue_notifications(city.instansi.pk, _now())
    assert (run.sent, run.late, run.at_risk, run.failed) == (2, 2, 1, 0)
    officer = _mails_to(city.employee.user.email)
    atasan = _mails_to(city.kasi.user.email)
    assert len(officer) == 1 and len(atasan) == 1
    code = scene["late_assigned"].tracking_code
    path = f"/aduan/{scene['late_assigned'].pk}/"
    for message in (officer[0], atasan[0]):
        assert code in message.body and "Lampu PJU mati" in message.body and path in message.body
        # Never the complainant, and nothing about complaints that are not theirs.
        for private in ("Siti", "0812", "siti@example.com"):
            assert private not in message.body and private not in message.subject
        assert scene["late_new"].tracking_code not in message.body
    assert "1 aduan terlambat" in officer[0].subject
    assert city.employee.full_name in atasan[0].body
    events = AuditEvent.objects.filter(action=ACTION)
    assert events.count() == 2
    assert all("Siti" not in str(e.after) for e in events)

    again = send_overdue_notifications(city.instansi.pk, _now())
    assert (again.sent, again.already_sent) == (0, 2)
    assert len(mail.outbox) == 2


def test_dry_run_and_unconfigured_mail_send_nothing(
    city: Any, scene: dict[str, Complaint], settings: Any
) -> None:
    settings.MAILERS = LOCMEM
    run = send_overdue_notifications(city.instansi.pk, _now(), dry_run=True)
    assert run.sent == 0 and len(run.unsent) == 2 and mail.outbox == []
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    run = send_overdue_notifications(city.instansi.pk, _now())
    assert (run.configured, run.sent, len(run.unsent)) == (False, 0, 2)
    assert not AuditEvent.objects.filter(action=ACTION).exists()


def test_an_officer_without_address_is_counted_not_mailed(
    city: Any, scene: dict[str, Complaint], settings: Any
) -> None:
    settings.MAILERS = LOCMEM
    for person in (city.employee, city.kasi):
        person.user.email = ""
        person.user.save(update_fields=["email"])
    run = send_overdue_notifications(city.instansi.pk, _now())
    # The officer, the atasan and the verifier (a login made without an address).
    assert (run.sent, run.no_address) == (0, 3) and mail.outbox == []


def test_complaints_nobody_has_go_to_the_verifier_and_the_dispatchers(
    city: Any, scene: dict[str, Complaint], settings: Any
) -> None:
    settings.MAILERS = LOCMEM
    waiting = f.dispatched(
        city, received_at=_at(_monday() - timedelta(days=14), 9), title="Belum ada petugas"
    )
    f.complaint_admin(city, city.colleague, city.seksi)  # below Dinas Satu: not its dispatcher
    city.verifier.user.email = "ulas@example.org"
    city.verifier.user.save(update_fields=["email"])
    run = send_overdue_notifications(city.instansi.pk, _now())
    assert run.failed == 0
    verifier = _mails_to("ulas@example.org")
    assert len(verifier) == 1
    # The verifier gets the two not yet routed, late and at risk; nothing routed.
    assert scene["late_new"].tracking_code in verifier[0].body
    assert scene["at_risk"].tracking_code in verifier[0].body
    assert waiting.tracking_code not in verifier[0].body
    assert "menunggu diteruskan atau ditugaskan" in verifier[0].subject
    # Dinas Satu's Admin OPD gets the routed one nobody was assigned, nothing else.
    dispatcher = _mails_to(city.unit_admin.user.email)
    assert len(dispatcher) == 1
    assert waiting.tracking_code in dispatcher[0].body
    assert scene["late_new"].tracking_code not in dispatcher[0].body
    assert scene["late_assigned"].tracking_code not in dispatcher[0].body
    assert _mails_to(city.colleague.user.email) == []
    for message in verifier + dispatcher:
        for private in ("Siti", "0812", "siti@example.com"):
            assert private not in message.body and private not in message.subject
    event = AuditEvent.objects.get(action=ACTION, target_id=str(city.verifier.user.pk))
    assert event.after == {"own": 0, "team": 0, "waiting": 2}
    # Once a day for them too.
    again = send_overdue_notifications(city.instansi.pk, _now())
    assert again.sent == 0 and again.already_sent == run.sent


def test_command_and_task(city: Any, scene: dict[str, Complaint], settings: Any) -> None:
    settings.MAILERS = LOCMEM
    out = StringIO()
    call_command("send_complaint_overdue", "--dry-run", f"--date={_monday()}", stdout=out)
    text = out.getvalue()
    assert city.employee.user.email in text and "0 surel dikirim" in text
    assert mail.outbox == []
    # At 07:00 on that Monday the complaint at risk by 14:00 still had all its time.
    assert "2 aduan terlambat, 0 berisiko" in text
    assert scene["late_assigned"].tracking_code in text
    with pytest.raises(Exception, match="YYYY-MM-DD"):
        call_command("send_complaint_overdue", "--date=kemarin", stdout=StringIO())
    result = send_complaint_overdue_task.enqueue()
    # The scene's steps were saved in the test's transaction, which never commits, so their
    # complainant mails never went: the daily run sends them.
    assert result.return_value == "sent=2 already=0 failed=0 citizen_resent=3 citizen_failed=0"
    out = StringIO()
    call_command("send_complaint_overdue", stdout=out)
    assert "2 sudah dikirim hari ini" in out.getvalue()
