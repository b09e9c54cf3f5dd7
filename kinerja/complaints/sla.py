"""Service levels in working time: which policy applies, when each step is due, how it went.

The working calendar of an instansi (its schedule and holidays) is read once per call site and
passed around; nothing here queries per complaint.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from kinerja.complaints.models import Channel, Complaint, ComplaintSettings, Holiday, SlaPolicy
from kinerja.complaints.worktime import Schedule, SlaState, WorkCalendar, sla_state

#: Built-in service levels in working days: (first response, follow-up). ULAS targets 1×24 h and
#: 2×24 h; SP4N-LAPOR! allows 3 working days to verify and forward and 5 for the follow-up.
DEFAULT_DAYS: dict[str, tuple[int, int]] = {Channel.LAPOR: (3, 5)}
DEFAULT_OTHER_DAYS = (1, 2)


def settings_for(instansi_id: int) -> ComplaintSettings:
    """The instansi's complaint settings, created with the defaults on first use."""
    found, _created = ComplaintSettings.objects.get_or_create(instansi_id=instansi_id)
    return found


def schedule_of(found: ComplaintSettings) -> Schedule:
    return Schedule.parse({int(day): spec for day, spec in found.schedule.items()})


def calendar_for(instansi_id: int, found: ComplaintSettings | None = None) -> WorkCalendar:
    """The instansi's working calendar: its schedule and every holiday it has recorded."""
    found = found or settings_for(instansi_id)
    holidays = frozenset(
        Holiday.objects.filter(instansi_id=instansi_id).values_list("date", flat=True)
    )
    return WorkCalendar(schedule_of(found), holidays, ZoneInfo(settings.TIME_ZONE))


@dataclass(frozen=True)
class Limits:
    """The working minutes allowed for each step of one complaint, and where they came from."""

    response_minutes: int
    followup_minutes: int
    source: str


class Policies:
    """Every SLA policy of one instansi, resolved most-specific-first without further queries."""

    def __init__(self, instansi_id: int, calendar: WorkCalendar) -> None:
        self.calendar = calendar
        self._rows = {
            (row.channel, row.category_id): row
            for row in SlaPolicy.objects.filter(instansi_id=instansi_id)
        }

    def limits(self, channel: str, category_id: int | None) -> Limits:
        for key in ((channel, category_id), ("", category_id), (channel, None), ("", None)):
            row = self._rows.get(key)
            if row is not None:
                return Limits(row.response_minutes, row.followup_minutes, str(row))
        response_days, followup_days = DEFAULT_DAYS.get(channel, DEFAULT_OTHER_DAYS)
        day = self.calendar.schedule.day_minutes
        return Limits(response_days * day, followup_days * day, "bawaan")

    def due_times(self, complaint: Complaint) -> tuple[datetime, datetime]:
        """When the first response and the follow-up are due for a complaint."""
        return self.due(complaint.channel, complaint.category_id, complaint.received_at)

    def due(
        self, channel: str, category_id: int | None, received_at: datetime
    ) -> tuple[datetime, datetime]:
        limits = self.limits(channel, category_id)
        return (
            self.calendar.add(received_at, limits.response_minutes),
            self.calendar.add(received_at, limits.followup_minutes),
        )


@dataclass(frozen=True)
class Step:
    """How one step of a complaint stands against its due time."""

    label: str
    due: datetime | None
    done_at: datetime | None
    state: SlaState | None


def steps_of(
    complaint: Complaint,
    calendar: WorkCalendar,
    at_risk_share: Decimal,
    now: datetime | None = None,
) -> list[Step]:
    """The response and follow-up steps of a complaint with their state (on time, at risk, late)."""
    from django.utils.translation import gettext as _

    now = now or timezone.now()
    result = []
    for label, due, done_at in (
        (_("Respons pertama"), complaint.response_due_at, complaint.first_response_at),
        (_("Tindak lanjut"), complaint.followup_due_at, complaint.followed_up_at),
    ):
        if due is None:
            result.append(Step(label, None, done_at, None))
            continue
        allowed = calendar.minutes_between(complaint.received_at, due)
        remaining = None if done_at else calendar.minutes_between(now, due)
        state: SlaState | None = sla_state(
            due=due,
            done_at=done_at,
            now=now,
            allowed_minutes=allowed,
            remaining_minutes=remaining,
            at_risk_share=at_risk_share,
        )
        if complaint.is_closed and done_at is None:
            state = None  # rejected or not ours: the step was never owed
        result.append(Step(label, due, done_at, state))
    return result
