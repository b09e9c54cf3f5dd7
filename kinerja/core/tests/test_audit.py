"""The audit chain: appended events verify; any edit, deletion or reordering is found."""

import itertools

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from kinerja.core import context
from kinerja.core.audit import GENESIS, record_event, verify_chain
from kinerja.core.models import AuditEvent


def _events(n: int) -> list[AuditEvent]:
    return [
        record_event(actor=None, action="test.event", after={"i": i, "amount": 10**i})
        for i in range(n)
    ]


def _drop_trigger() -> None:
    # An attacker with database superuser rights could do this; the chain must still tell.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_no_update")
        else:
            cursor.execute("DROP TRIGGER core_auditevent_no_update")


@pytest.mark.django_db
def test_chain_links_and_verifies(capsys):
    events = _events(5)
    assert events[0].prev_hash == GENESIS
    for prev, nxt in itertools.pairwise(events):
        assert nxt.prev_hash == prev.hash
    assert verify_chain() == (5, None)
    call_command("verify_audit")
    assert "5 peristiwa" in capsys.readouterr().out


@pytest.mark.django_db
def test_request_context_is_recorded():
    token = context.set_current(context.RequestContext(request_id="abc123", ip="10.1.2.3"))
    try:
        event = record_event(actor=None, action="test.ctx")
    finally:
        context.reset(token)
    event.refresh_from_db()
    assert (event.request_id, event.ip, event.actor_label) == ("abc123", "10.1.2.3", "sistem")


@pytest.mark.django_db
def test_database_refuses_update():
    event = _events(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="tampered")


@pytest.mark.django_db
def test_edited_content_is_found():
    events = _events(4)
    _drop_trigger()
    AuditEvent.objects.filter(pk=events[2].pk).update(after={"i": 2, "amount": 1})
    _count, broken = verify_chain()
    assert broken is not None and broken.event_id == events[2].pk
    with pytest.raises(CommandError, match=f"#{events[2].pk}"):
        call_command("verify_audit")


@pytest.mark.django_db
def test_deleted_event_is_found():
    events = _events(4)
    AuditEvent.objects.filter(pk=events[1].pk).delete()
    _count, broken = verify_chain()
    assert broken is not None and broken.event_id == events[2].pk


@pytest.mark.django_db
def test_rehashed_event_still_breaks_the_next_link():
    from kinerja.core.audit import compute_hash

    events = _events(3)
    _drop_trigger()
    forged = AuditEvent.objects.get(pk=events[0].pk)
    forged.action = "forged"
    forged.hash = compute_hash(forged)
    forged.save()
    _count, broken = verify_chain()
    assert broken is not None and broken.event_id == events[1].pk


@pytest.mark.django_db
def test_bulk_events_chain_and_verify():
    from kinerja.core.audit import PendingEvent, record_events

    record_event(actor=None, action="test.before")
    pending = [
        PendingEvent(
            action="test.bulk",
            after={"i": i, "tanggal": "2026-01-01"},
            instansi_id=7,
            target_label=f"#{i}",
        )
        for i in range(1200)
    ]
    record_events(actor=None, events=pending)
    assert AuditEvent.objects.filter(action="test.bulk", instansi_id=7).count() == 1200
    stored = AuditEvent.objects.get(action="test.bulk", target_label="#1199")
    assert stored.after == {"i": 1199, "tanggal": "2026-01-01"}
    assert verify_chain() == (1201, None)
