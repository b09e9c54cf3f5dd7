"""The complaint lifecycle as an explicit state table (issue 4 §1, §4).

baru → diverifikasi → didisposisikan → ditindaklanjuti → selesai, with ditolak and bukan
wewenang as other ends and dibuka kembali after selesai. Every step locks the complaint, checks
the version the actor saw, writes a :class:`ComplaintEvent` and an audit event (never personal
data), and stores the step's time and working minutes on the complaint for the indicators.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.roles import principal_for
from kinerja.complaints.models import (
    Complaint,
    ComplaintEvent,
    Response,
    ResponseKind,
    Status,
    Verdict,
)
from kinerja.complaints.services.citizen_mail import wants_mail
from kinerja.complaints.sla import calendar_for, settings_for
from kinerja.complaints.tasks import mail_citizen_task
from kinerja.core.audit import record_event
from kinerja.employees.models import Employee
from kinerja.org.models import Unit

S = Status

#: action → (statuses it may start from, status it leads to; None keeps the status).
TRANSITIONS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "verify": ((S.NEW,), S.VERIFIED),
    "route": ((S.NEW, S.VERIFIED, S.DISPATCHED, S.REOPENED), S.DISPATCHED),
    "return": ((S.DISPATCHED,), S.VERIFIED),
    "assign": ((S.DISPATCHED, S.REOPENED), None),
    "respond": ((S.VERIFIED, S.DISPATCHED, S.FOLLOWED_UP, S.REOPENED), None),
    "follow_up": ((S.DISPATCHED, S.REOPENED), S.FOLLOWED_UP),
    "accept": ((S.FOLLOWED_UP,), S.DONE),
    "reject_answer": ((S.FOLLOWED_UP,), S.DISPATCHED),
    "reject": ((S.NEW, S.VERIFIED), S.REJECTED),
    "not_ours": ((S.NEW, S.VERIFIED), S.NOT_OURS),
    "reopen": ((S.DONE,), S.REOPENED),
    "rate": ((S.DONE,), None),
}

MAX_TEXT = 5000
CITIZEN = "warga"


class Stale(ValidationError):
    """The complaint changed after the form was drawn."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Aduan ini baru saja diubah oleh orang lain. Periksa keadaannya sekarang, lalu"
                " ulangi bila masih perlu."
            ),
            code="stale",
        )


@dataclass(frozen=True)
class Actor:
    """Who takes a step: a logged-in user, or the citizen holding the tracking code."""

    user: Any = None

    @property
    def label(self) -> str:
        return str(self.user)[:200] if self.user is not None else CITIZEN


def _officer_user_id(complaint: Complaint) -> int | None:
    if complaint.officer_id is None:
        return None
    return (
        Employee.objects.filter(pk=complaint.officer_id).values_list("user_id", flat=True).first()
    )


def allowed_actions(user: Any, complaint: Complaint) -> set[str]:
    """The steps ``user`` may take on ``complaint`` now (for buttons and for the services)."""
    principal = principal_for(user)
    roles: set[str] = set()
    if principal.verifies_complaints(complaint.instansi_id):
        roles.add("verifier")
    unit_path = _unit_path(complaint)
    if unit_path and principal.dispatches_complaints(complaint.instansi_id, unit_path):
        roles.add("dispatcher")
    if user is not None and user.is_authenticated and _officer_user_id(complaint) == user.pk:
        roles.add("officer")
    by_role = {
        "verifier": {"verify", "route", "respond", "accept", "reject_answer", "reject",
                     "not_ours", "reopen"},
        "dispatcher": {"return", "assign", "respond", "follow_up"},
        "officer": {"respond", "follow_up"},
    }  # fmt: skip
    possible = set().union(*(by_role[r] for r in roles)) if roles else set()
    return {a for a in possible if complaint.status in TRANSITIONS[a][0]}


def _unit_path(complaint: Complaint) -> str:
    if complaint.unit_id is None:
        return ""
    cached = getattr(complaint, "_unit_path", None)
    if cached is None:
        cached = Unit.objects.filter(pk=complaint.unit_id).values_list("path", flat=True).first()
        complaint._unit_path = cached or ""  # type: ignore[attr-defined]
    return cached or ""


def _text(value: str, *, required: bool, field: str = "note") -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("Wajib diisi.")})
    if len(value) > MAX_TEXT:
        raise ValidationError({field: _("Paling banyak %(n)s karakter.") % {"n": MAX_TEXT}})
    return value


class _Step:
    """One transition in progress: the locked complaint, the actor and the clock."""

    def __init__(self, complaint_id: int, actor: Actor, action: str, version: int | None) -> None:
        self.complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
        if version is not None and version != self.complaint.version:
            raise Stale()
        starts, self.to_status = TRANSITIONS[action]
        if self.complaint.status not in starts:
            raise ValidationError(
                _("Langkah ini tidak dapat dilakukan pada aduan berstatus %(status)s.")
                % {"status": self.complaint.get_status_display()}
            )
        self.actor = actor
        self.action = action
        self.now = timezone.now()
        self.from_status = self.complaint.status
        self.changed: dict[str, Any] = {}
        self._calendar: Any = None

    @property
    def calendar(self) -> Any:
        if self._calendar is None:
            self._calendar = calendar_for(self.complaint.instansi_id)
        return self._calendar

    def minutes_since(self, start: datetime) -> int:
        return int(self.calendar.minutes_between(start, self.now))

    def set(self, **values: Any) -> None:
        for name, value in values.items():
            setattr(self.complaint, name, value)
        self.changed.update(values)

    def mark_first_response(self) -> None:
        if self.complaint.first_response_at is None:
            self.set(
                first_response_at=self.now,
                response_minutes=self.minutes_since(self.complaint.received_at),
            )

    def mark_officer_response(self) -> None:
        c = self.complaint
        if c.officer_response_at is None and c.assigned_at is not None:
            officer_user = _officer_user_id(c)
            if officer_user is not None and officer_user == getattr(self.actor.user, "pk", None):
                self.set(
                    officer_response_at=self.now,
                    officer_response_minutes=self.minutes_since(c.assigned_at),
                )

    def finish(
        self, *, note: str = "", to_status: str | None = None, record: bool = True
    ) -> Complaint:
        c = self.complaint
        status = to_status or self.to_status or c.status
        self.set(status=status)
        c.version = F("version") + 1
        c.save(update_fields=[*self.changed, "version", "updated_at"])
        c.refresh_from_db(fields=["version"])
        if record:
            self.event(note=note, to_status=status)
        record_event(
            actor=self.actor.user,
            action=f"complaint.{self.action}",
            target=c,
            target_label=f"Aduan {c.pk}",
            keep_ip=self.actor.user is not None,
            before={"status": self.from_status},
            after={"status": status, **_plain(self.changed)},
            instansi_id=c.instansi_id,
        )
        return c

    def event(self, *, note: str = "", to_status: str, action: str | None = None) -> None:
        c = self.complaint
        event = ComplaintEvent.objects.create(
            complaint=c,
            instansi_id=c.instansi_id,
            at=self.now,
            actor=self.actor.user,
            actor_label=self.actor.label,
            action=action or self.action,
            from_status=self.from_status,
            to_status=to_status,
            unit_id=c.unit_id,
            officer_id=c.officer_id,
            note=note,
        )
        if wants_mail(event):
            transaction.on_commit(lambda: mail_citizen_task.enqueue(event.pk))


def _plain(changed: dict[str, Any]) -> dict[str, Any]:
    """What the audit log keeps of a change: ids and times, never names or contacts."""
    out: dict[str, Any] = {}
    for name, value in changed.items():
        if name == "status":
            continue
        out[name] = value.pk if hasattr(value, "pk") else value
    return out


def _guard(user: Any, complaint: Complaint, action: str, version: int | None = None) -> None:
    """Refuse a stale form first (409 keeps what was typed), then a step the user may not take."""
    if version is not None and version != complaint.version:
        raise Stale()
    if action not in allowed_actions(user, complaint):
        raise PermissionDenied(_("Anda tidak berwenang melakukan langkah ini."))


def verify(
    *, actor: Any, complaint: Complaint, category: Any = None, classification: str = "",
    version: int | None = None,
) -> Complaint:  # fmt: skip
    """The verifier confirms the complaint is a real one and fixes its category."""
    _guard(actor, complaint, "verify", version)
    with transaction.atomic():
        step = _Step(complaint.pk, Actor(actor), "verify", version)
        _check_category(step.complaint, category)
        step.set(verified_at=step.now)
        if category is not None:
            step.set(category=category)
        if classification:
            step.set(classification=classification)
        return step.finish()


def _check_category(complaint: Complaint, category: Any) -> None:
    if category is not None and category.instansi_id != complaint.instansi_id:
        raise ValidationError({"category": _("Kategori tidak dikenal.")})


def route(
    *, actor: Any, complaint: Complaint, unit: Unit, note: str = "", category: Any = None,
    version: int | None = None,
) -> Complaint:  # fmt: skip
    """The verifier sends the complaint to an OPD (verifying it first when still new).

    Forwarding counts as the first response: it is what the citizen sees first, and it is the
    step SP4N-LAPOR! measures.
    """
    _guard(actor, complaint, "route", version)
    if unit.instansi_id != complaint.instansi_id:
        raise ValidationError({"unit": _("Unit tidak dikenal.")})
    note = _text(note, required=False)
    with transaction.atomic():
        step = _Step(complaint.pk, Actor(actor), "route", version)
        _check_category(step.complaint, category)
        if category is not None:
            step.set(category=category)
        if step.complaint.status == S.NEW:
            step.set(verified_at=step.now)
            step.event(to_status=S.VERIFIED, action="verify")
            step.from_status = S.VERIFIED
        if step.complaint.unit_id != unit.pk:
            step.set(unit=unit, officer=None, assigned_at=None, officer_response_at=None,
                     officer_response_minutes=None)  # fmt: skip
        if step.complaint.dispatched_at is None:
            step.set(dispatched_at=step.now)
        step.mark_first_response()
        return step.finish(note=note)


def return_to_verifier(
    *, actor: Any, complaint: Complaint, note: str, version: int | None = None
) -> Complaint:
    """The OPD says the complaint is not theirs; the verifier routes it again."""
    _guard(actor, complaint, "return", version)
    note = _text(note, required=True)
    with transaction.atomic():
        step = _Step(complaint.pk, Actor(actor), "return", version)
        step.set(unit=None, officer=None, assigned_at=None, officer_response_at=None,
                 officer_response_minutes=None)  # fmt: skip
        return step.finish(note=note)


def assign(
    *, actor: Any, complaint: Complaint, officer: Employee, note: str = "",
    version: int | None = None,
) -> Complaint:  # fmt: skip
    """The OPD's complaint admin gives the complaint to an officer of the unit's subtree."""
    _guard(actor, complaint, "assign", version)
    unit_path = _unit_path(complaint)
    if officer.instansi_id != complaint.instansi_id or not (officer.unit_path or "").startswith(
        unit_path
    ):
        raise ValidationError({"officer": _("Petugas harus pegawai dari OPD tujuan aduan ini.")})
    note = _text(note, required=False)
    with transaction.atomic():
        step = _Step(complaint.pk, Actor(actor), "assign", version)
        if step.complaint.officer_id != officer.pk:
            step.set(officer_response_at=None, officer_response_minutes=None)
        step.set(officer=officer, assigned_at=step.now)
        return step.finish(note=note)


def respond(
    *, actor: Any, complaint: Complaint, body: str, internal: bool = False,
    version: int | None = None,
) -> Response:  # fmt: skip
    """An interim answer to the citizen (or an internal note); the status does not change."""
    _guard(actor, complaint, "respond", version)
    body = _text(body, required=True, field="body")
    with transaction.atomic():
        step = _Step(complaint.pk, Actor(actor), "respond", version)
        kind = ResponseKind.INTERNAL if internal else ResponseKind.RESPONSE
        response = _response(step, kind, body)
        if not internal:
            step.mark_first_response()
            step.mark_officer_response()
        step.finish(record=False)
        return response


def _response(step: _Step, kind: str, body: str) -> Response:
    return Response.objects.create(
        complaint=step.complaint,
        instansi_id=step.complaint.instansi_id,
        kind=kind,
        body=body,
        at=step.now,
        author=step.actor.user,
        author_label=step.actor.label,
    )


def follow_up(
    *, actor: Any, complaint: Complaint, body: str, version: int | None = None
) -> Response:
    """The officer's answer on what was done; it waits for the verifier's check."""
    _guard(actor, complaint, "follow_up", version)
    body = _text(body, required=True, field="body")
    with transaction.atomic():
        step = _Step(complaint.pk, Actor(actor), "follow_up", version)
        if step.complaint.officer_id is None:
            raise ValidationError(_("Tunjuk petugas lebih dulu."))
        response = _response(step, ResponseKind.FOLLOW_UP, body)
        step.mark_first_response()
        step.mark_officer_response()
        if step.complaint.followed_up_at is None:
            step.set(
                followed_up_at=step.now,
                followup_minutes=step.minutes_since(step.complaint.received_at),
            )
        step.finish()
        return response


def _last_answer(complaint: Complaint) -> Response | None:
    return (
        Response.objects.filter(complaint=complaint, kind=ResponseKind.FOLLOW_UP)
        .order_by("-at", "-id")
        .first()
    )


def accept(
    *, actor: Any, complaint: Complaint, note: str = "", version: int | None = None
) -> Complaint:
    """The verifier accepts the follow-up answer; the complaint is done."""
    _guard(actor, complaint, "accept", version)
    note = _text(note, required=False)
    with transaction.atomic():
        step = _Step(complaint.pk, Actor(actor), "accept", version)
        _set_verdict(step, Verdict.ACCEPTED, note)
        step.set(closed_at=step.now)
        return step.finish(note=note)


def reject_answer(
    *, actor: Any, complaint: Complaint, note: str, version: int | None = None
) -> Complaint:
    """The verifier sends the answer back. It counts against accuracy, and the follow-up clock
    measures the answer that finally stands."""
    _guard(actor, complaint, "reject_answer", version)
    note = _text(note, required=True)
    with transaction.atomic():
        step = _Step(complaint.pk, Actor(actor), "reject_answer", version)
        _set_verdict(step, Verdict.REJECTED, note)
        step.set(
            rejected_answers=step.complaint.rejected_answers + 1,
            followed_up_at=None,
            followup_minutes=None,
        )
        return step.finish(note=note)


def _set_verdict(step: _Step, verdict: str, note: str) -> None:
    answer = _last_answer(step.complaint)
    if answer is not None:
        answer.verdict = verdict
        answer.verdict_note = note
        answer.verdict_at = step.now
        answer.verdict_by = step.actor.user
        answer.save(update_fields=["verdict", "verdict_note", "verdict_at", "verdict_by"])


def close_unfounded(
    *, actor: Any, complaint: Complaint, action: str, note: str, version: int | None = None
) -> Complaint:
    """The verifier ends a complaint as rejected (``reject``) or not the city's (``not_ours``)."""
    if action not in {"reject", "not_ours"}:
        raise ValueError(action)
    _guard(actor, complaint, action, version)
    note = _text(note, required=True)
    with transaction.atomic():
        step = _Step(complaint.pk, Actor(actor), action, version)
        step.set(closed_at=step.now)
        return step.finish(note=note)


def reopen(
    *, complaint: Complaint, note: str, actor: Any = None, version: int | None = None
) -> Complaint:
    """The citizen (within the instansi's window) or the verifier opens a done complaint again."""
    if actor is not None:
        _guard(actor, complaint, "reopen", version)
    note = _text(note, required=True)
    with transaction.atomic():
        step = _Step(complaint.pk, Actor(actor), "reopen", version)
        c = step.complaint
        if actor is None:
            days = settings_for(c.instansi_id).reopen_days
            if c.closed_at is None or (step.now - c.closed_at).days >= days:
                raise ValidationError(
                    _("Aduan hanya dapat dibuka kembali dalam %(days)s hari setelah selesai.")
                    % {"days": days}
                )
        step.set(reopen_count=c.reopen_count + 1, closed_at=None, rating=None, solved=None,
                 rated_at=None)  # fmt: skip
        return step.finish(note=note)


def rate(*, complaint: Complaint, rating: int, solved: bool, note: str = "") -> Complaint:
    """The citizen rates the answer of a done complaint, once per closure."""
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Penilaian harus antara 1 dan 5.")})
    note = _text(note, required=False)
    with transaction.atomic():
        step = _Step(complaint.pk, Actor(None), "rate", None)
        if step.complaint.rated_at is not None:
            raise ValidationError(_("Aduan ini sudah dinilai."))
        step.set(rating=rating, solved=solved, rated_at=step.now)
        return step.finish(note=note)
