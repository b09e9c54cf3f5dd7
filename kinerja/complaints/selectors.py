"""Read functions of the complaint staff pages: the inbox, one complaint, the overdue lists.

Service-level states are computed in Python from the due times stored on each complaint, with
one working calendar per instansi loaded once per page (:class:`SlaBook`), so that a page costs
the same number of queries whatever the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.accounts.roles import principal_for
from kinerja.complaints.models import (
    CLOSED_STATUSES,
    Category,
    Complaint,
    ComplaintEvent,
    Response,
    Status,
)
from kinerja.complaints.querysets import complaint_scope_q
from kinerja.complaints.sla import Step, calendar_for, settings_for, steps_of
from kinerja.complaints.worktime import SlaState, WorkCalendar
from kinerja.employees.models import Employee
from kinerja.org.models import Instansi, Unit
from kinerja.org.querysets import subtree_q

#: How many officers the assign form lists before it asks for a search.
OFFICER_LIMIT = 200

#: (due field, done field) of the two measured steps: first response and follow-up.
STEP_FIELDS = (("response_due_at", "first_response_at"), ("followup_due_at", "followed_up_at"))

#: The fields a service-level state needs (for ``.only()`` on light queries).
SLA_FIELDS = (
    "instansi_id", "status", "received_at", "response_due_at", "first_response_at",
    "followup_due_at", "followed_up_at",
)  # fmt: skip


#: How each service-level state is shown, and the badge it wears.
STATE_LABELS = {
    SlaState.ON_TIME: _("Tepat waktu"),
    SlaState.AT_RISK: _("Berisiko"),
    SlaState.LATE: _("Terlambat"),
    SlaState.PENDING: _("Berjalan"),
}
STATE_BADGES = {
    SlaState.ON_TIME: "badge-ok",
    SlaState.AT_RISK: "badge-warn",
    SlaState.LATE: "badge-danger",
    SlaState.PENDING: "",
}


def state_label(state: SlaState | None) -> str:
    return str(STATE_LABELS[state]) if state is not None else "—"


@dataclass(frozen=True)
class ShownStep:
    """A step as a page shows it: its due time, when it was done, its state and badge."""

    label: str
    due: datetime | None
    done_at: datetime | None
    state: SlaState | None

    @property
    def state_label(self) -> str:
        return state_label(self.state)

    @property
    def badge(self) -> str:
        return STATE_BADGES[self.state] if self.state is not None else ""


@dataclass(frozen=True)
class _Clock:
    calendar: WorkCalendar
    at_risk_share: Decimal


class SlaBook:
    """The working calendar and risk share of each instansi met on a page, loaded once each."""

    def __init__(self, now: datetime | None = None) -> None:
        self.now = now or timezone.now()
        self._clocks: dict[int, _Clock] = {}

    def clock(self, instansi_id: int) -> _Clock:
        found = self._clocks.get(instansi_id)
        if found is None:
            settings = settings_for(instansi_id)
            found = _Clock(calendar_for(instansi_id, settings), settings.at_risk_share)
            self._clocks[instansi_id] = found
        return found

    def steps(self, complaint: Complaint) -> list[Step]:
        """The response and follow-up steps of ``complaint`` with their states (no query)."""
        clock = self.clock(complaint.instansi_id)
        return steps_of(complaint, clock.calendar, clock.at_risk_share, self.now)

    def shown(self, complaint: Complaint) -> list[ShownStep]:
        return [ShownStep(s.label, s.due, s.done_at, s.state) for s in self.steps(complaint)]

    def decorate(self, complaints: Any) -> list[Complaint]:
        """The complaints, each with ``sla_steps`` (response, follow-up) set, as a list."""
        rows = list(complaints)
        for row in rows:
            row.sla_steps = self.shown(row)
        return rows


# --- Scope and filters ----------------------------------------------------------------------


def inbox_queryset(user: Any) -> QuerySet[Complaint]:
    """The complaints ``user`` may read, newest first, with what a list row shows."""
    return (
        Complaint.objects.filter(complaint_scope_q(user))
        .select_related("category", "unit", "officer")
        .order_by("-received_at", "-id")
    )


def open_q() -> Q:
    return ~Q(status__in=CLOSED_STATUSES)


def late_q(now: datetime) -> Q:
    """Complaints with a step that shows *terlambat*: done after its due time, or still open
    and past it (the states :func:`kinerja.complaints.sla.steps_of` gives)."""
    q = Q(pk__in=[])
    for due, done in STEP_FIELDS:
        q |= Q(**{f"{done}__isnull": False, f"{done}__gt": F(due)})
        q |= Q(**{f"{done}__isnull": True, f"{due}__lt": now}) & open_q()
    return q


def overdue_q(now: datetime) -> Q:
    """Open complaints with a step not done and past its due time: someone must act now."""
    q = Q(pk__in=[])
    for due, done in STEP_FIELDS:
        q |= Q(**{f"{done}__isnull": True, f"{due}__lt": now})
    return q & open_q()


def pending_q(now: datetime) -> Q:
    """Open complaints with a step not done and not yet due: the only ones that can be at risk.

    They were received within the longest service level, so there are few of them whatever
    the size of the table; their exact state is computed in Python.
    """
    q = Q(pk__in=[])
    for due, done in STEP_FIELDS:
        q |= Q(**{f"{done}__isnull": True, f"{due}__gte": now})
    return q & open_q()


def at_risk_ids(queryset: QuerySet[Complaint], book: SlaBook) -> list[int]:
    """Ids of the complaints of ``queryset`` with a step *berisiko* now (one query)."""
    candidates = queryset.filter(pending_q(book.now)).select_related(None).only(*SLA_FIELDS)
    return [
        c.pk for c in candidates if any(step.state == SlaState.AT_RISK for step in book.steps(c))
    ]


def status_counts(queryset: QuerySet[Complaint]) -> list[tuple[str, str, int]]:
    """``(status, label, count)`` for every status, in lifecycle order (one query)."""
    found = dict(
        queryset.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return [(value, str(label), found.get(value, 0)) for value, label in Status.choices]


def filter_categories(user: Any) -> QuerySet[Category]:
    """Categories of the instansi the user belongs to, for the filter and the forms."""
    principal = principal_for(user)
    found = Category.objects.all()
    if not principal.is_superadmin:
        found = found.filter(instansi_id__in=principal.instansi_ids)
    return found.order_by("name")


# --- One complaint --------------------------------------------------------------------------


#: How each recorded step is named in a complaint's history.
EVENT_LABELS = {
    "receive": _("Diterima"),
    "verify": _("Diverifikasi"),
    "route": _("Diteruskan ke OPD"),
    "return": _("Dikembalikan ke verifikator"),
    "assign": _("Petugas ditunjuk"),
    "follow_up": _("Tindak lanjut dijawab"),
    "accept": _("Jawaban diterima"),
    "reject_answer": _("Jawaban ditolak"),
    "reject": _("Aduan ditolak"),
    "not_ours": _("Bukan wewenang"),
    "reopen": _("Dibuka kembali"),
    "rate": _("Dinilai warga"),
}


def timeline(complaint: Complaint) -> list[ComplaintEvent]:
    """Every step taken on the complaint, oldest first, with the unit and officer it named and
    a readable ``label``."""
    events = list(
        ComplaintEvent.objects.filter(complaint=complaint)
        .select_related("unit", "officer")
        .order_by("at", "id")
    )
    for event in events:
        event.label = str(EVENT_LABELS.get(event.action, event.action))  # type: ignore[attr-defined]
    return events


def responses(complaint: Complaint) -> list[Response]:
    """Every answer and internal note written on the complaint, oldest first."""
    return list(Response.objects.filter(complaint=complaint).order_by("at", "id"))


def route_units(instansi_id: int) -> QuerySet[Unit]:
    """Units a complaint can be sent to: every unit of the instansi, OPDs first in tree order."""
    return Unit.objects.filter(instansi_id=instansi_id).only(
        "pk", "name", "path", "depth", "instansi_id"
    )


def instansi_categories(instansi_id: int) -> QuerySet[Category]:
    return Category.objects.filter(instansi_id=instansi_id, active=True).order_by("name")


def officers_for(complaint: Complaint) -> QuerySet[Employee]:
    """Employees who may be given the complaint: those placed in its unit's subtree."""
    unit = complaint.unit
    if unit is None:
        return Employee.objects.none()
    return (
        Employee.objects.filter(subtree_q(unit.path, "unit_path"), instansi_id=unit.instansi_id)
        .select_related("current_position")
        .order_by("name", "nip")
    )


def officer_options(
    complaint: Complaint, search: str = "", keep: Any = None
) -> tuple[list[Employee], bool]:
    """The officers the assign form lists (at most :data:`OFFICER_LIMIT`, narrowed by a name
    or NIP search) and whether more were left out. ``keep`` (a typed choice) stays listed."""
    found = officers_for(complaint)
    if search:
        found = found.search(search)  # type: ignore[attr-defined]
    rows = list(found[: OFFICER_LIMIT + 1])
    more = len(rows) > OFFICER_LIMIT
    rows = rows[:OFFICER_LIMIT]
    if keep and str(keep).isdigit() and all(str(r.pk) != str(keep) for r in rows):
        rows += list(officers_for(complaint).filter(pk=int(keep)))
    return rows, more


# --- Staff entry ----------------------------------------------------------------------------


def entry_instansi(user: Any) -> list[Instansi]:
    """The instansi in which ``user`` may type in a complaint: where they verify complaints or
    administer a unit (Admin OPD, OPD complaint admin); every one for the superadmin."""
    principal = principal_for(user)
    if principal.is_superadmin:
        return list(Instansi.objects.order_by("name"))
    ids = (
        set(principal.complaint_verify)
        | set(principal.unit_paths)
        | set(principal.complaint_unit_paths)
    )
    return list(Instansi.objects.filter(pk__in=ids).order_by("name")) if ids else []
