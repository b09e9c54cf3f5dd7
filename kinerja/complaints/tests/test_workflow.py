"""The complaint lifecycle: who may take which step, what each step stores, bad input."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kinerja.complaints.models import ComplaintEvent, Response, Status, Verdict
from kinerja.complaints.services import workflow
from kinerja.complaints.tests import factories as f
from kinerja.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_new_complaint_has_a_code_due_times_and_a_first_event(city: Any) -> None:
    c = f.new_complaint(city)
    assert c.status == Status.NEW
    assert len(c.tracking_code) == 11 and c.tracking_code[5] == "-"
    assert c.response_due_at is not None and c.followup_due_at is not None
    assert c.received_at < c.response_due_at < c.followup_due_at
    event = ComplaintEvent.objects.get(complaint=c)
    assert (event.action, event.to_status, event.actor_label) == ("receive", Status.NEW, "warga")


def test_the_whole_happy_path_stores_every_step(city: Any) -> None:
    c = f.done(city)
    assert c.status == Status.DONE
    assert c.verified_at and c.dispatched_at and c.assigned_at and c.closed_at
    assert c.first_response_at == c.dispatched_at  # forwarding is the first response
    assert c.officer_response_at is not None and c.followed_up_at is not None
    assert c.response_minutes is not None and c.followup_minutes is not None
    actions = list(ComplaintEvent.objects.filter(complaint=c).values_list("action", flat=True))
    assert actions == ["receive", "verify", "route", "assign", "follow_up", "accept"]
    answer = Response.objects.get(complaint=c)
    assert answer.verdict == Verdict.ACCEPTED
    audit = AuditEvent.objects.filter(target_id=str(c.pk), action__startswith="complaint.")
    assert audit.count() == 5
    # Personal data never reaches the audit log.
    for event in audit:
        assert "Siti" not in str(event.after) and "0812" not in str(event.after)


def test_steps_are_refused_to_the_wrong_people(city: Any) -> None:
    c = f.new_complaint(city)
    with pytest.raises(PermissionDenied):
        workflow.route(actor=city.unit_admin.user, complaint=c, unit=city.dinas)
    c = workflow.route(actor=city.verifier.user, complaint=c, unit=city.dinas)
    with pytest.raises(PermissionDenied):  # another OPD's admin cannot assign
        workflow.assign(actor=city.outsider.user, complaint=c, officer=city.employee)
    with pytest.raises(PermissionDenied):  # nor can an employee who is not the officer
        workflow.follow_up(actor=city.colleague.user, complaint=c, body="Sudah.")


def test_an_officer_must_belong_to_the_target_unit(city: Any) -> None:
    c = f.dispatched(city)
    with pytest.raises(ValidationError) as error:
        workflow.assign(actor=city.unit_admin.user, complaint=c, officer=city.outsider)
    assert "officer" in error.value.message_dict
    c.refresh_from_db()
    assert c.officer_id is None


def test_an_opd_complaint_admin_assigns_within_its_unit(city: Any) -> None:
    f.complaint_admin(city, city.kasi, city.seksi)
    c = f.dispatched(city)
    # Dinas Satu lies above the kasi's seksi: not theirs.
    with pytest.raises(PermissionDenied):
        workflow.assign(actor=city.kasi.user, complaint=c, officer=city.employee)
    c = workflow.route(actor=city.verifier.user, complaint=c, unit=city.seksi)
    c = workflow.assign(actor=city.kasi.user, complaint=c, officer=city.employee)
    assert c.officer_id == city.employee.pk


def test_a_stale_version_is_refused_and_nothing_changes(city: Any) -> None:
    c = f.new_complaint(city)
    workflow.verify(actor=city.verifier.user, complaint=c, version=c.version)
    with pytest.raises(workflow.Stale):
        workflow.close_unfounded(
            actor=city.verifier.user, complaint=c, action="reject", note="Spam", version=1
        )
    c.refresh_from_db()
    assert c.status == Status.VERIFIED


def test_a_step_from_the_wrong_status_is_refused(city: Any) -> None:
    c = f.done(city)
    with pytest.raises(PermissionDenied):
        workflow.follow_up(actor=city.employee.user, complaint=c, body="Lagi.")


def test_rejecting_an_answer_counts_and_resets_the_follow_up_clock(city: Any) -> None:
    c = f.answered(city)
    with pytest.raises(ValidationError):
        workflow.reject_answer(actor=city.verifier.user, complaint=c, note="  ")
    c = workflow.reject_answer(actor=city.verifier.user, complaint=c, note="Belum ada foto.")
    assert (c.status, c.rejected_answers, c.followed_up_at) == (Status.DISPATCHED, 1, None)
    assert Response.objects.get(complaint=c).verdict == Verdict.REJECTED


def test_the_citizen_rates_once_and_reopens_within_the_window(city: Any) -> None:
    c = f.done(city)
    c = workflow.rate(complaint=c, rating=2, solved=False)
    with pytest.raises(ValidationError):
        workflow.rate(complaint=c, rating=5, solved=True)
    with pytest.raises(ValidationError):
        workflow.rate(complaint=c, rating=6, solved=True)
    c = workflow.reopen(complaint=c, note="Lubangnya muncul lagi.")
    assert (c.status, c.reopen_count, c.rating) == (Status.REOPENED, 1, None)
    # The same officer follows up again; the complaint can be rated again after closing.
    workflow.follow_up(actor=city.employee.user, complaint=c, body="Ditambal ulang.")
    c.refresh_from_db()
    c = workflow.accept(actor=city.verifier.user, complaint=c)
    c = workflow.rate(complaint=c, rating=5, solved=True)
    assert c.rating == 5


def test_the_citizen_cannot_reopen_after_the_window(city: Any) -> None:
    c = f.done(city)
    type(c).objects.filter(pk=c.pk).update(closed_at=timezone.now() - timedelta(days=30))
    with pytest.raises(ValidationError):
        workflow.reopen(complaint=c, note="Masih rusak.")
    c.refresh_from_db()
    assert c.status == Status.DONE


def test_returning_to_the_verifier_clears_the_unit(city: Any) -> None:
    c = f.assigned(city)
    with pytest.raises(ValidationError):
        workflow.return_to_verifier(actor=city.unit_admin.user, complaint=c, note="")
    c = workflow.return_to_verifier(
        actor=city.unit_admin.user, complaint=c, note="Ini wewenang Dinas Dua."
    )
    assert (c.status, c.unit_id, c.officer_id) == (Status.VERIFIED, None, None)


def test_rejected_and_not_ours_are_ends(city: Any) -> None:
    c = f.new_complaint(city)
    c = workflow.close_unfounded(
        actor=city.verifier.user, complaint=c, action="not_ours", note="Wewenang provinsi."
    )
    assert c.status == Status.NOT_OURS and c.closed_at is not None
    assert workflow.allowed_actions(city.verifier.user, c) == set()
