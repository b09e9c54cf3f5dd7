"""Daily lists of overdue complaints, per OPD and per officer, and the mails about them (issue 4
§3).

A step (first response, follow-up) of an open complaint is

* **late** (*terlambat*) when it is not done and its stored due time has passed: a plain filter
  on the stored due times;
* **at risk** (*berisiko*) when it is not done, not yet due, and the working time left is at most
  the instansi's ``at_risk_share`` of the working time the step was allowed (received → due), as
  on the complaint's page. Only complaints not yet due can be at risk, and those were received
  within the longest service level, so they are few; their exact state is computed in Python
  with the instansi's working calendar, loaded once.

Both come from one query per call, whatever the number of complaints.

``send_overdue_notifications`` mails each officer their list and each officer's atasan a
summary of their team's; complaints nobody has been given yet go to those who must act on them:
the instansi's verifiers for complaints not yet routed to an OPD, the dispatchers (Admin OPD and
admin aduan of the unit or a unit above it) for complaints routed but not assigned. At most one
mail a day per recipient (an audit event
``complaints.overdue_mail`` on the recipient marks what was sent). The mails carry the tracking
code, the title, the due times and the page's link: never the complainant's name or contacts.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kinerja.accounts.models import Role, RoleGrant
from kinerja.accounts.roles import active_grants_q
from kinerja.complaints.models import Complaint
from kinerja.complaints.selectors import (
    STATE_BADGES,
    STEP_FIELDS,
    SlaBook,
    open_q,
    state_label,
)
from kinerja.complaints.worktime import SlaState
from kinerja.core.audit import record_event
from kinerja.core.mail import mail_configured, site_link
from kinerja.core.models import AuditEvent
from kinerja.employees.models import Employee
from kinerja.employees.selectors import holders_by_position

logger = logging.getLogger(__name__)

ACTION = "complaints.overdue_mail"
#: At most this many complaints are listed in one mail; the page has them all.
MAIL_LIMIT = 30


@dataclass(frozen=True)
class OverdueStep:
    label: str
    due: datetime
    state: SlaState

    @property
    def state_label(self) -> str:
        return state_label(self.state)

    @property
    def badge(self) -> str:
        return STATE_BADGES[self.state]


@dataclass
class OverdueItem:
    """One complaint with at least one late or at-risk step."""

    complaint: Complaint
    steps: list[OverdueStep]

    @property
    def late(self) -> bool:
        return any(step.state == SlaState.LATE for step in self.steps)

    @property
    def state(self) -> SlaState:
        return SlaState.LATE if self.late else SlaState.AT_RISK

    @property
    def due(self) -> datetime:
        return min(step.due for step in self.steps)

    @property
    def path(self) -> str:
        return reverse("complaints:detail", args=[self.complaint.pk])


@dataclass
class Group:
    """The overdue complaints of one OPD or one officer (``key`` None: none yet)."""

    key: int | None
    label: str
    items: list[OverdueItem] = field(default_factory=list)

    @property
    def late(self) -> int:
        return sum(1 for item in self.items if item.late)

    @property
    def at_risk(self) -> int:
        return len(self.items) - self.late


@dataclass
class Digest:
    """Today's overdue complaints of a scope, grouped per OPD and per officer."""

    now: datetime
    items: list[OverdueItem]
    by_unit: list[Group]
    by_officer: list[Group]

    @property
    def late(self) -> int:
        return sum(1 for item in self.items if item.late)

    @property
    def at_risk(self) -> int:
        return len(self.items) - self.late


def _open_steps_q() -> Q:
    q = Q(pk__in=[])
    for due, done in STEP_FIELDS:
        q |= Q(**{f"{done}__isnull": True, f"{due}__isnull": False})
    return q & open_q()


def overdue_items(queryset: QuerySet[Complaint], book: SlaBook) -> list[OverdueItem]:
    """The complaints of ``queryset`` with a late or at-risk step now, most urgent first."""
    rows = (
        queryset.filter(_open_steps_q())
        .select_related("unit", "officer__current_position", "category")
        .order_by("response_due_at", "pk")
    )
    items = []
    for complaint in rows:
        steps = [
            OverdueStep(step.label, step.due, step.state)
            for step in book.steps(complaint)
            if step.due is not None
            and step.done_at is None
            and step.state in (SlaState.LATE, SlaState.AT_RISK)
        ]
        if steps:
            items.append(OverdueItem(complaint, steps))
    items.sort(key=lambda item: (not item.late, item.due, item.complaint.pk))
    return items


def _group(items: list[OverdueItem], key: Any, label: Any, none_label: str) -> list[Group]:
    groups: dict[int | None, Group] = {}
    for item in items:
        k = key(item.complaint)
        if k not in groups:
            groups[k] = Group(k, label(item.complaint) if k is not None else none_label)
        groups[k].items.append(item)
    return sorted(groups.values(), key=lambda g: (g.key is None, -g.late, -len(g.items), g.label))


def digest_of(queryset: QuerySet[Complaint], book: SlaBook | None = None) -> Digest:
    """The overdue complaints of ``queryset`` (already scoped), grouped per OPD and officer."""
    book = book or SlaBook()
    items = overdue_items(queryset, book)
    return Digest(
        now=book.now,
        items=items,
        by_unit=_group(
            items, lambda c: c.unit_id, lambda c: c.unit.name, _("Belum diteruskan ke OPD")
        ),
        by_officer=_group(
            items, lambda c: c.officer_id, lambda c: c.officer.full_name, _("Belum ada petugas")
        ),
    )


def overdue_digest(instansi_id: int, now: datetime | None = None) -> Digest:
    """Every overdue complaint of one instansi as of ``now``, per OPD and per officer."""
    return digest_of(Complaint.objects.filter(instansi_id=instansi_id), SlaBook(now))


# --- Mail -----------------------------------------------------------------------------------


@dataclass
class Outgoing:
    user_id: int
    email: str
    subject: str
    body: str
    count: int


@dataclass
class OverdueRun:
    """What one run did; ``unsent`` are the mails kept back by a dry run or unconfigured mail."""

    configured: bool
    dry_run: bool
    late: int = 0
    at_risk: int = 0
    sent: int = 0
    already_sent: int = 0
    no_address: int = 0
    failed: int = 0
    unsent: list[Outgoing] = field(default_factory=list)


def _when(value: datetime) -> str:
    return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")


def _lines(items: list[OverdueItem]) -> list[str]:
    lines = []
    for item in items[:MAIL_LIMIT]:
        c = item.complaint
        lines.append(f"- {c.tracking_code} · {c.title}")
        for step in item.steps:
            lines.append(f"  {step.label}: {state_label(step.state)}, {_when(step.due)}")
        lines.append(f"  {site_link(item.path)}")
    if len(items) > MAIL_LIMIT:
        lines.append(_("… dan %(n)d aduan lain.") % {"n": len(items) - MAIL_LIMIT})
    return lines


def compose(
    own: list[OverdueItem],
    team: dict[str, list[OverdueItem]],
    desk: list[OverdueItem] | None = None,
) -> tuple[str, str]:
    """Subject and plain-text body of one recipient's mail: the complaints assigned to them
    (``own``), for an atasan per team member the counts and complaints (``team``), and for a
    verifier or dispatcher the complaints waiting for them to route or assign (``desk``)."""
    desk = desk or []
    late = sum(1 for item in own if item.late)
    team_total = sum(len(items) for items in team.values())
    if own:
        subject = _("Kinerja: %(late)d aduan terlambat, %(risk)d berisiko") % {
            "late": late,
            "risk": len(own) - late,
        }
    elif desk:
        subject = _("Kinerja: %(n)d aduan menunggu diteruskan atau ditugaskan") % {"n": len(desk)}
    else:
        subject = _("Kinerja: %(n)d aduan tim Anda terlambat atau berisiko") % {"n": team_total}
    lines = [_("Yth. Bapak/Ibu,"), ""]
    if own:
        lines += [
            _("Aduan berikut yang ditugaskan kepada Anda terlambat atau hampir melewati batas"
              " waktu:"),
            "",
            *_lines(own),
            "",
        ]  # fmt: skip
    if desk:
        lines += [
            _("Aduan berikut belum diteruskan ke OPD atau belum ditugaskan kepada petugas, dan"
              " terlambat atau hampir melewati batas waktu:"),
            "",
            *_lines(desk),
            "",
        ]  # fmt: skip
    if team:
        lines += [_("Ringkasan aduan tim Anda yang perlu perhatian:"), ""]
        for name in sorted(team):
            items = team[name]
            member_late = sum(1 for item in items if item.late)
            lines.append(
                _("%(name)s: %(late)d terlambat, %(risk)d berisiko")
                % {"name": name, "late": member_late, "risk": len(items) - member_late}
            )
            lines += ["  " + line for line in _lines(items)]
            lines.append("")
    lines += [
        _("Daftar lengkap: %(path)s") % {"path": site_link(reverse("complaints:overdue"))},
        _("Surel ini dikirim otomatis paling banyak sekali sehari; jangan dibalas."),
    ]
    return subject, "\n".join(lines) + "\n"


def _atasan_of(officers: list[Employee]) -> dict[int, Employee]:
    """Officer id → their atasan (the first holder of the parent position, acting included):
    one query for all officers, the same rule as ``employees.selectors.superiors_of``."""
    parents = {
        o.pk: o.current_position.parent_id
        for o in officers
        if o.current_position and o.current_position.parent_id
    }
    holders = holders_by_position([p for p in parents.values() if p])
    result = {}
    for officer_id, parent_id in parents.items():
        assert parent_id is not None
        found = [h for h in holders.get(parent_id, []) if h.employee.pk != officer_id]
        if found:
            result[officer_id] = found[0].employee
    return result


def _desk_of(instansi_id: int, items: list[OverdueItem]) -> dict[int, list[OverdueItem]]:
    """User id → the overdue complaints no officer has yet that wait on them: the instansi's
    verifiers for those not routed to an OPD, the Admin OPD and admin aduan of the unit (or of a
    unit above it) for those routed but not assigned. One query for the grants."""
    waiting = [item for item in items if item.complaint.officer_id is None]
    if not waiting:
        return {}
    grants = list(
        RoleGrant.objects.filter(active_grants_q())
        .filter(
            Q(role=Role.COMPLAINT_VERIFIER, instansi_id=instansi_id)
            | Q(role__in=[Role.ADMIN_OPD, Role.COMPLAINT_ADMIN], unit__instansi_id=instansi_id)
        )
        .values_list("user_id", "role", "unit__path")
        .distinct()
    )
    desk: dict[int, list[OverdueItem]] = defaultdict(list)
    for item in waiting:
        unit = item.complaint.unit
        takers = {
            user_id
            for user_id, role, path in grants
            if (unit is None and role == Role.COMPLAINT_VERIFIER)
            or (unit is not None and path is not None and unit.path.startswith(path))
        }
        for user_id in takers:
            desk[user_id].append(item)
    return desk


@dataclass
class _Recipient:
    """One mail: to an employee (an officer, an atasan) or to a login that only verifies or
    dispatches complaints."""

    user_id: int | None
    employee: Employee | None = None
    own: list[OverdueItem] = field(default_factory=list)
    team: dict[str, list[OverdueItem]] = field(default_factory=dict)
    desk: list[OverdueItem] = field(default_factory=list)


def send_overdue_notifications(
    instansi_id: int, now: datetime | None = None, *, dry_run: bool = False
) -> OverdueRun:
    """Mail today's overdue lists of one instansi, one mail per recipient: each officer their
    complaints, each officer's atasan a summary of their team's, each verifier and dispatcher the
    complaints waiting for them. A recipient already mailed today (for this instansi) is skipped,
    so a second run the same day sends nothing."""
    with translation.override(settings.LANGUAGE_CODE):
        digest = overdue_digest(instansi_id, now)
        run = OverdueRun(
            configured=mail_configured(), dry_run=dry_run, late=digest.late, at_risk=digest.at_risk
        )
        by_employee: dict[int, _Recipient] = {}

        def of(employee: Employee) -> _Recipient:
            return by_employee.setdefault(employee.pk, _Recipient(employee.user_id, employee))

        for item in digest.items:
            if item.complaint.officer is not None:
                of(item.complaint.officer).own.append(item)
        officers = [r.employee for r in by_employee.values() if r.employee is not None]
        for officer_id, head in _atasan_of(officers).items():
            member = by_employee[officer_id]
            of(head).team[str(member.employee)] = member.own
        by_user = {r.user_id: r for r in by_employee.values() if r.user_id is not None}
        for user_id, items in _desk_of(instansi_id, digest.items).items():
            by_user.setdefault(user_id, _Recipient(user_id)).desk = items
        recipients = [r for r in by_employee.values() if r.user_id is None]
        _deliver(run, instansi_id, recipients + list(by_user.values()))
    return run


def _deliver(run: OverdueRun, instansi_id: int, recipients: list[_Recipient]) -> None:
    User = get_user_model()
    user_ids = {r.user_id for r in recipients if r.user_id is not None}
    users = {u.pk: u for u in User.objects.filter(pk__in=user_ids, is_active=True)}
    sent_today = set(
        AuditEvent.objects.filter(
            action=ACTION,
            instansi_id=instansi_id,
            target_type=User._meta.label_lower,
            created_at__date=timezone.localdate(),
        ).values_list("target_id", flat=True)
    )
    deliver = run.configured and not run.dry_run
    for recipient in sorted(recipients, key=lambda r: (r.user_id is None, r.user_id or 0)):
        user = users.get(recipient.user_id) if recipient.user_id is not None else None
        email = (user.email if user is not None else "") or (
            recipient.employee.email if recipient.employee is not None else ""
        )
        if user is None or not email:
            run.no_address += 1
            continue
        if str(user.pk) in sent_today:
            run.already_sent += 1
            continue
        subject, body = compose(recipient.own, recipient.team, recipient.desk)
        team = sum(len(items) for items in recipient.team.values())
        count = len(recipient.own) + team + len(recipient.desk)
        if not deliver:
            run.unsent.append(Outgoing(user.pk, email, subject, body, count))
            continue
        try:
            send_mail(subject, body, None, [email])
        except Exception:  # one bad address or a mail-server hiccup must not stop the run
            logger.exception("overdue mail to user %s failed", user.pk)
            run.failed += 1
            continue
        record_event(
            actor=None,
            action=ACTION,
            target=user,
            target_label=f"#{user.pk}",
            after={"own": len(recipient.own), "team": team, "waiting": len(recipient.desk)},
            instansi_id=instansi_id,
        )
        run.sent += 1
