"""The complainant hears by e-mail of the steps they wait for: routed, done (with the answer),
rejected or not the city's (with the reason), reopened by the verifier; once each, only for
complaints filed with Kinerja, never with their address in the logs."""

from __future__ import annotations

import io
import logging
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from kinerja.complaints.models import Complaint, ComplaintEvent
from kinerja.complaints.services import workflow
from kinerja.complaints.services.citizen_mail import MailFailed, resend_pending, send_citizen_mail
from kinerja.complaints.tests import factories as f

pytestmark = pytest.mark.django_db

LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
EMAIL = "siti@example.com"


@pytest.fixture
def mailer(settings: Any) -> Any:
    settings.MAILERS = LOCMEM
    settings.KINERJA_SITE_URL = "https://kinerja.example.go.id/"
    return settings


def _to_citizen() -> list[Any]:
    return [m for m in mail.outbox if m.to == [EMAIL]]


def test_routing_and_the_accepted_answer_are_mailed_once(
    city: Any, mailer: Any, django_capture_on_commit_callbacks: Any, caplog: Any
) -> None:
    caplog.set_level(logging.INFO)
    with django_capture_on_commit_callbacks(execute=True):
        c = f.dispatched(city)
    routed = _to_citizen()
    assert len(routed) == 1
    message = routed[0]
    assert message.subject == f"Aduan {c.tracking_code}: Didisposisikan"
    assert c.title in message.body and "Dinas Satu" in message.body
    assert f"https://kinerja.example.go.id/layanan/aduan/lacak/{c.tracking_code}/" in message.body
    assert "Siti Aminah" in message.body  # addressed to the complainant, and to no one else
    with django_capture_on_commit_callbacks(execute=True):
        c = workflow.assign(actor=city.unit_admin.user, complaint=c, officer=city.employee)
        workflow.follow_up(actor=city.employee.user, complaint=c, body="Lubang sudah ditambal.")
        c.refresh_from_db()
        workflow.accept(actor=city.verifier.user, complaint=c)
    done = _to_citizen()[1:]
    assert len(done) == 1  # assigning and answering are internal steps
    assert "Selesai" in done[0].subject
    assert "Lubang sudah ditambal." in done[0].body and "14 hari" in done[0].body
    # Each step once: a rerun of the task sends nothing.
    for event in ComplaintEvent.objects.filter(complaint=c, citizen_mailed_at__isnull=False):
        assert send_citizen_mail(event.pk) == "already"
    assert len(_to_citizen()) == 2
    assert EMAIL not in caplog.text and "Siti" not in caplog.text


@pytest.mark.parametrize("action", ["reject", "not_ours"])
def test_a_closed_complaint_is_mailed_with_the_reason(
    city: Any, mailer: Any, django_capture_on_commit_callbacks: Any, action: str
) -> None:
    c = f.new_complaint(city)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.close_unfounded(
            actor=city.verifier.user, complaint=c, action=action, note="Bukan aduan pelayanan."
        )
    [message] = _to_citizen()
    assert "Alasan:" in message.body and "Bukan aduan pelayanan." in message.body


def test_the_citizens_own_steps_and_other_channels_are_not_mailed(
    city: Any, mailer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        c = f.done(city)
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.reopen(complaint=c, note="Masih berlubang.")  # the citizen: no mail
    assert len(mail.outbox) == sent
    c.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.route(actor=city.verifier.user, complaint=c, unit=city.dinas)
    assert len(mail.outbox) == sent + 1
    # No address, or a record of another channel (answered there): nothing.
    quiet = f.new_complaint(city, complainant_email="", title="Tanpa e-mail")
    imported = f.new_complaint(city, title="Dari LAPOR!")
    Complaint.objects.filter(pk=imported.pk).update(external_id="LAPOR-1")
    imported.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.route(actor=city.verifier.user, complaint=quiet, unit=city.dinas)
        workflow.route(actor=city.verifier.user, complaint=imported, unit=city.dinas)
    assert len(mail.outbox) == sent + 1


def test_without_mail_configured_nothing_is_sent_or_marked(
    city: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        c = f.dispatched(city)
    event = ComplaintEvent.objects.get(complaint=c, action="route")
    assert event.citizen_mailed_at is None
    assert send_citizen_mail(event.pk) == "skipped"


def test_a_failed_send_is_tried_again_by_the_daily_run(
    city: Any, settings: Any, caplog: Any
) -> None:
    settings.MAILERS = {"default": {"BACKEND": "kinerja.complaints.tests.test_citizen_mail.Broken"}}
    c = f.dispatched(city)
    event = ComplaintEvent.objects.get(complaint=c, action="route")
    with pytest.raises(MailFailed) as raised:
        send_citizen_mail(event.pk)
    assert EMAIL not in str(raised.value)  # the server's message quoted the address
    event.refresh_from_db()
    assert event.citizen_mailed_at is None
    # Still down at the daily run: counted, logged without the address, left for the next.
    assert resend_pending() == (0, 1)
    assert EMAIL not in caplog.text
    settings.MAILERS = LOCMEM
    assert resend_pending() == (1, 0)
    assert len(_to_citizen()) == 1
    assert resend_pending() == (0, 0)
    assert send_citizen_mail(event.pk) == "already"
    assert send_citizen_mail(0) == "already"  # a step that no longer exists
    # Older than the retry window: given up.
    stale = f.dispatched(city, title="Lama")
    ComplaintEvent.objects.filter(complaint=stale).update(at=timezone.now() - timedelta(days=8))
    assert resend_pending() == (0, 0)


def test_the_daily_command_sends_what_failed_before(
    city: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.MAILERS = {"default": {"BACKEND": "kinerja.complaints.tests.test_citizen_mail.Broken"}}
    with django_capture_on_commit_callbacks(execute=True):
        c = f.dispatched(city)  # the task fails; the verifier's step does not
    event = ComplaintEvent.objects.get(complaint=c, action="route")
    assert event.citizen_mailed_at is None and c.status == "didisposisikan"
    settings.MAILERS = LOCMEM
    out = io.StringIO()
    call_command("send_complaint_overdue", stdout=out)
    assert "Surel kepada pelapor yang tertunda: 1 dikirim, 0 gagal." in out.getvalue()
    assert len(_to_citizen()) == 1


class Broken:
    """A mail backend whose server is down."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def send_messages(self, messages: list[Any]) -> int:
        raise OSError(f"recipient refused: {EMAIL}")
