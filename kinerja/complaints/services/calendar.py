"""BKPSDM's settings of complaint handling: holidays, work schedule and rules (issue 4 §3, §4),
and the row writing that :mod:`kinerja.complaints.services.catalog` (service levels,
categories) shares.

Every write validates, changes, and records an audit event; a change or removal of a row must
name the version it was drawn from (a stale one is refused). Changes to working time (holidays,
the schedule, service levels) then recompute what the complaints store: the due times of the
complaints still open, and the working minutes of the complaints whose steps fall in the
affected years. Up to ``KINERJA_COMPLAINT_RECOMPUTE_INLINE_MAX`` complaints (2,000 by default)
are recomputed inside the same transaction; more are left to a background task enqueued when
the change commits (see :mod:`kinerja.complaints.tasks_calendar`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.complaints.holidays import built_in_for
from kinerja.complaints.models import (
    CLOSED_STATUSES,
    Complaint,
    ComplaintSettings,
    Holiday,
)
from kinerja.complaints.sla import Policies, calendar_for, settings_for
from kinerja.complaints.worktime import Schedule, WorkCalendar
from kinerja.core.audit import record_event, snapshot

#: Years the holiday calendar may hold.
FIRST_YEAR, LAST_YEAR = 2000, 2100
#: Complaints recomputed per batch (one locked, bulk-updated chunk).
BATCH = 1000
DEFAULT_INLINE_MAX = 2000

HOLIDAY_FIELDS = ("date", "name", "kind")
SETTINGS_FIELDS = (
    "schedule", "at_risk_share", "reopen_days", "low_rating", "count_reopened",
    "count_rejected", "count_low_rating", "count_not_solved",
)  # fmt: skip
POLICY_FIELDS = ("channel", "category", "response_minutes", "followup_minutes")
CATEGORY_FIELDS = ("code", "name", "default_unit", "active")
#: What a recomputation reads, and what it writes.
READ_FIELDS = (
    "id", "instansi_id", "status", "channel", "category_id", "received_at", "assigned_at",
    "first_response_at", "officer_response_at", "followed_up_at", "response_due_at",
    "followup_due_at", "response_minutes", "officer_response_minutes", "followup_minutes",
)  # fmt: skip
WRITE_FIELDS = (
    "response_due_at", "followup_due_at", "response_minutes", "officer_response_minutes",
    "followup_minutes",
)  # fmt: skip


class Stale(ValidationError):
    """The settings changed after the form was drawn."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Pengaturan ini baru saja diubah oleh orang lain. Periksa nilainya sekarang, lalu"
                " simpan lagi bila masih perlu."
            ),
            code="stale",
        )


@dataclass(frozen=True)
class Recount:
    """What a change to working time did to the stored complaint times."""

    done: int = 0
    queued: int = 0

    def message(self) -> str:
        """For the user; empty when no complaint was affected."""
        if not (self.done or self.queued):
            return ""
        if self.queued:
            return ngettext(
                "%(n)d aduan sedang dihitung ulang di latar belakang.",
                "%(n)d aduan sedang dihitung ulang di latar belakang.",
                self.queued,
            ) % {"n": self.queued}
        return ngettext(
            "Waktu %(n)d aduan dihitung ulang.", "Waktu %(n)d aduan dihitung ulang.", self.done
        ) % {"n": self.done}

    def audit(self) -> dict[str, int]:
        return {"recomputed": self.done, "queued": self.queued}


# --- Recomputing stored times --------------------------------------------------------------


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _year_q(year: int) -> Q:
    """Complaints whose counted working time may touch ``year``: received before its end, and
    received in it or with a step taken in it (a complaint of 30 December answered in January)."""
    start = datetime(year, 1, 1, tzinfo=_zone())
    end = datetime(year + 1, 1, 1, tzinfo=_zone())
    touches = (
        Q(received_at__gte=start)
        | Q(first_response_at__gte=start)
        | Q(officer_response_at__gte=start)
        | Q(followed_up_at__gte=start)
    )
    return Q(received_at__lt=end) & touches


def affected_q(years: Iterable[int] | None) -> Q:
    """Complaints a recomputation touches: every open one, plus (for the working minutes) those
    of ``years``; ``None`` means every year, an empty collection none."""
    if years is None:
        return Q()
    q = ~Q(status__in=CLOSED_STATUSES)
    for year in sorted(set(years)):
        q |= _year_q(year)
    return q


def _recount(complaint: Complaint, calendar: WorkCalendar, policies: Policies) -> bool:
    """Recompute one complaint's stored times in memory; True when anything changed.

    Due times are recomputed only while the complaint is open: a closed complaint keeps the
    promise it was handled against. A step's minutes are recounted only when both of its
    timestamps are stored; otherwise the stored value is left alone.
    """
    before = tuple(getattr(complaint, name) for name in WRITE_FIELDS)
    if complaint.status not in CLOSED_STATUSES:
        complaint.response_due_at, complaint.followup_due_at = policies.due_times(complaint)
    received = complaint.received_at
    if complaint.first_response_at is not None:
        complaint.response_minutes = calendar.minutes_between(received, complaint.first_response_at)
    if complaint.officer_response_at is not None and complaint.assigned_at is not None:
        complaint.officer_response_minutes = calendar.minutes_between(
            complaint.assigned_at, complaint.officer_response_at
        )
    if complaint.followed_up_at is not None:
        complaint.followup_minutes = calendar.minutes_between(received, complaint.followed_up_at)
    return tuple(getattr(complaint, name) for name in WRITE_FIELDS) != before


def recompute_times(
    instansi_id: int, *, years: Iterable[int] | None = None, batch: int = BATCH
) -> int:
    """Recompute the stored due times and working minutes of an instansi's complaints.

    Open complaints get due times from the current service levels and calendar; the working
    minutes of every step are recounted for the open complaints and for those of ``years``
    (``None``: all years; an empty collection: open complaints only). Works in locked batches
    of :data:`BATCH` by primary key with one calendar, so memory stays flat and a complaint
    being handled at the same moment waits for its batch rather than losing its step (``batch``:
    complaints per batch). Returns
    the number of complaints whose stored times changed; running it again changes nothing.
    """
    years = None if years is None else tuple(years)
    calendar = calendar_for(instansi_id)
    policies = Policies(instansi_id, calendar)
    scope = Complaint.objects.filter(affected_q(years), instansi_id=instansi_id)
    changed = 0
    last = 0
    while True:
        with transaction.atomic():
            rows = list(
                scope.filter(pk__gt=last)
                .select_for_update()
                .only(*READ_FIELDS)
                .order_by("pk")[:batch]
            )
            if not rows:
                return changed
            last = rows[-1].pk
            dirty = [row for row in rows if _recount(row, calendar, policies)]
            if dirty:
                Complaint.objects.bulk_update(dirty, WRITE_FIELDS)
            changed += len(dirty)


def inline_max() -> int:
    return int(getattr(settings, "KINERJA_COMPLAINT_RECOMPUTE_INLINE_MAX", DEFAULT_INLINE_MAX))


def _after_change(instansi_id: int, years: Iterable[int] | None) -> Recount:
    """Recompute now when few complaints are affected, else enqueue it for after the commit."""
    years = None if years is None else sorted(set(years))
    affected = Complaint.objects.filter(affected_q(years), instansi_id=instansi_id).count()
    if affected <= inline_max():
        return Recount(done=recompute_times(instansi_id, years=years))
    from kinerja.complaints.tasks_calendar import recompute_complaint_times_task

    transaction.on_commit(lambda: recompute_complaint_times_task.enqueue(instansi_id, years))
    return Recount(queued=affected)


# --- Writing one row ----------------------------------------------------------------------

#: ``years`` for a change that does not touch working time.
NO_RECOUNT: Any = object()


def _clean(obj: models.Model, *, main_field: str | None, exclude: Iterable[str] = ()) -> None:
    """Run the model's checks; a constraint's message goes on ``main_field`` when given."""
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        errors = dict(exc.message_dict)
        if main_field is not None and NON_FIELD_ERRORS in errors:
            errors[main_field] = [*errors.get(main_field, []), *errors.pop(NON_FIELD_ERRORS)]
        raise ValidationError(errors) from None


def claim_row(obj: Any, version: int | None) -> None:
    """Lock the stored row of ``obj`` and take the next version; a change or removal drawn from
    another version (or of a row someone removed meanwhile) is :class:`Stale`."""
    current = (
        type(obj)
        .objects.select_for_update()
        .filter(pk=obj.pk)
        .values_list("version", flat=True)
        .first()
    )
    if current is None or current != version:
        raise Stale()
    obj.version = current + 1


def write_row(
    obj: Any,
    *,
    actor: Any,
    action: str,
    fields: Iterable[str],
    before: dict[str, Any] | None = None,
    main_field: str | None,
    unique_field: str,
    years: Any = NO_RECOUNT,
    version: int | None = None,
) -> Recount:
    """Check, save and audit one settings row, then recompute complaint times for ``years``
    (see :func:`affected_q`). A change must name the ``version`` it was drawn from. A row saved
    by someone else at the same moment that breaks a unique constraint is refused like the
    check before it."""
    _clean(obj, main_field=main_field, exclude=["version"])
    with transaction.atomic():
        if obj.pk is not None:
            claim_row(obj, version)
        try:
            with transaction.atomic():
                obj.save()
        except IntegrityError:
            message = str(obj._meta.constraints[0].violation_error_message)
            raise ValidationError({unique_field: message}) from None
        recount = Recount() if years is NO_RECOUNT else _after_change(obj.instansi_id, years)
        after = snapshot(obj, fields)
        if years is not NO_RECOUNT:
            after.update(recount.audit())
        record_event(
            actor=actor,
            action=action,
            target=obj,
            before=before,
            after=after,
            instansi_id=obj.instansi_id,
        )
    return recount


def delete_row(
    obj: Any,
    *,
    actor: Any,
    action: str,
    fields: Iterable[str],
    years: Any,
    version: int | None,
    claimed: bool = False,
) -> Recount:
    """Audit and delete one settings row drawn at ``version`` (unless the caller has just
    ``claimed`` it), then recompute complaint times for ``years``."""
    with transaction.atomic():
        if not claimed:
            claim_row(obj, version)
        record_event(
            actor=actor,
            action=action,
            target=obj,
            target_label=str(obj),
            before=snapshot(obj, fields),
            instansi_id=obj.instansi_id,
        )
        instansi_id = obj.instansi_id
        obj.delete()
        return Recount() if years is NO_RECOUNT else _after_change(instansi_id, years)


def _check_year(day: date, year: int | None = None) -> None:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValidationError(
            {"date": _("Tanggal harus antara tahun %(a)s dan %(b)s.") % {"a": FIRST_YEAR,
                                                                        "b": LAST_YEAR}}
        )  # fmt: skip
    if year is not None and day.year != year:
        raise ValidationError({"date": _("Tanggal harus di tahun %(year)s.") % {"year": year}})


# --- Holidays ------------------------------------------------------------------------------


def add_holiday(
    *, actor: Any, instansi_id: int, date: date, name: str, kind: str, year: int | None = None
) -> tuple[Holiday, Recount]:
    """Add a day off to the instansi's calendar (``year``: the page's year it must fall in)."""
    _check_year(date, year)
    holiday = Holiday(instansi_id=instansi_id, date=date, name=(name or "").strip(), kind=kind)
    recount = write_row(
        holiday, actor=actor, action="complaint_settings.holiday_add", fields=HOLIDAY_FIELDS,
        main_field="date", unique_field="date", years=[date.year],
    )  # fmt: skip
    return holiday, recount


def change_holiday(
    *, actor: Any, holiday: Holiday, version: int | None, date: date, name: str, kind: str
) -> tuple[Holiday, Recount]:
    """Change a day off; it stays in its year (moving it elsewhere is a delete and an add).
    Only a changed date recomputes complaint times."""
    _check_year(date, holiday.date.year)
    before = snapshot(holiday, HOLIDAY_FIELDS)
    years = [date.year] if date != holiday.date else NO_RECOUNT
    holiday.date, holiday.name, holiday.kind = date, (name or "").strip(), kind
    recount = write_row(
        holiday, actor=actor, action="complaint_settings.holiday_change", fields=HOLIDAY_FIELDS,
        before=before, main_field="date", unique_field="date", years=years, version=version,
    )  # fmt: skip
    return holiday, recount


def delete_holiday(*, actor: Any, holiday: Holiday, version: int | None) -> Recount:
    """Remove a day off; the complaints around it are recomputed."""
    return delete_row(
        holiday, actor=actor, action="complaint_settings.holiday_delete", fields=HOLIDAY_FIELDS,
        years=[holiday.date.year], version=version,
    )  # fmt: skip


def load_national_holidays(*, actor: Any, instansi_id: int, year: int) -> tuple[int, Recount]:
    """Add the built-in national holidays and cuti bersama of ``year`` (kinerja.complaints.holidays)
    that the calendar does not hold yet; dates already present, whatever their name, are kept.
    Returns how many days were added; loading twice adds nothing the second time."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(_("Tahun di luar jangkauan kalender."))
    built_in = built_in_for(year)
    if not built_in:
        raise ValidationError(
            _("Belum ada daftar libur nasional bawaan untuk tahun %(year)s.") % {"year": year}
        )
    with transaction.atomic():
        present = set(
            Holiday.objects.filter(instansi_id=instansi_id, date__year=year).values_list(
                "date", flat=True
            )
        )
        new = [
            Holiday(instansi_id=instansi_id, date=row.date, name=row.name, kind=row.kind)
            for row in built_in
            if row.date not in present
        ]
        Holiday.objects.bulk_create(new, ignore_conflicts=True)
        recount = _after_change(instansi_id, [year]) if new else Recount()
        record_event(
            actor=actor,
            action="complaint_settings.holidays_load",
            target_label=str(year),
            after={"year": year, "added": [h.date.isoformat() for h in new], **recount.audit()},
            instansi_id=instansi_id,
        )
    return len(new), recount


# --- Work schedule and rules ---------------------------------------------------------------


def parse_schedule(spec: Mapping[int, str]) -> Schedule:
    """The schedule for ``{weekday: "07:15-12:00,12:30-16:00"}``; ValidationError naming the
    weekday's field (``schedule_<n>``) for a bad day, or a general error for an empty week."""
    errors: dict[str, list[str]] = {}
    for weekday, text in spec.items():
        if (text or "").strip():
            try:
                Schedule.parse({weekday: text})
            except ValueError as exc:
                errors[f"schedule_{weekday}"] = [str(exc)]
    if errors:
        raise ValidationError(errors)
    try:
        return Schedule.parse({day: text or "" for day, text in spec.items()})
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


def update_settings(
    *,
    actor: Any,
    instansi_id: int,
    version: int,
    schedule: Mapping[int, str],
    at_risk_share: Decimal,
    reopen_days: int,
    low_rating: int,
    count_reopened: bool,
    count_rejected: bool,
    count_low_rating: bool,
    count_not_solved: bool,
) -> tuple[ComplaintSettings, Recount]:
    """Save the instansi's work schedule and complaint rules if nobody saved since ``version``
    (Stale otherwise). A changed schedule recomputes the times of complaints of every year."""
    parsed = parse_schedule(schedule)
    settings_for(instansi_id)
    with transaction.atomic():
        found = ComplaintSettings.objects.select_for_update().get(instansi_id=instansi_id)
        if found.version != version:
            raise Stale()
        before = snapshot(found, SETTINGS_FIELDS)
        found.schedule = {str(day): text for day, text in parsed.to_spec().items()}
        found.at_risk_share = at_risk_share
        found.reopen_days = reopen_days
        found.low_rating = low_rating
        found.count_reopened = count_reopened
        found.count_rejected = count_rejected
        found.count_low_rating = count_low_rating
        found.count_not_solved = count_not_solved
        _clean(found, main_field=None, exclude=["instansi", "updated_by"])
        found.version += 1
        found.updated_by = actor if getattr(actor, "is_authenticated", False) else None
        found.save()
        after = snapshot(found, SETTINGS_FIELDS)
        recount = Recount()
        if after["schedule"] != before["schedule"]:
            recount = _after_change(instansi_id, None)
        record_event(
            actor=actor,
            action="complaint_settings.change",
            target=found,
            before=before,
            after={**after, **recount.audit()},
            instansi_id=instansi_id,
        )
    return found, recount
