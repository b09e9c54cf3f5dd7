"""Complaints from other systems: ``import_complaints`` and ``POST /api/v1/complaints/``.

Both call :func:`upsert`, which is idempotent by (instansi, channel, external id):

* a record whose external id is new becomes a complaint through ``intake.file_complaint`` (tracking
  code, due times, a ``receive`` event), with its imported history when the record carries one;
* the same record again changes nothing and is counted as *unchanged*;
* a known record whose content differs updates that content (title, description, location,
  category, classification, complainant) with one ``update`` event and one audit event that
  names the changed fields, never their values.

The handling of a known complaint belongs to Kinerja: status, OPD and answers in a later record
are not applied to it. Every record is checked before anything is written (by
:mod:`kinerja.complaints.services.external_checks`); a bad record is reported field by field and
the others are applied, each in its own transaction.

Imported history (docs/import.md): a new record may carry ``status``, ``unit``, ``response``,
``responded_at`` and ``closed_at`` from the channel's own handling. The complaint is then stored
directly in that state: the answer becomes a response written by the channel, and the step times
and their working minutes (from the instansi's calendar) feed the indicators like any other
complaint's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.complaints.importing import Lookups
from kinerja.complaints.models import (
    Channel,
    Complaint,
    ComplaintEvent,
    Response,
    ResponseKind,
    Status,
    Verdict,
)
from kinerja.complaints.services.external_checks import (
    UPDATABLE,
    Checker,
    Errors,
    History,
    Record,
    RecordResult,
)
from kinerja.complaints.services.intake import file_complaint
from kinerja.complaints.sla import Policies, calendar_for
from kinerja.core.audit import record_event

#: Where a record came from, as written to the audit log.
SOURCE_IMPORT = "impor"
SOURCE_API = "api"
#: Error key of a problem with the record as a whole (DRF's name for it).
NON_FIELD = "non_field_errors"
#: The channel's own handling, applied to new records only.
HISTORY = ("status", "unit", "response", "responded_at", "closed_at")
FIELDS = ("external_id", "received_at", *UPDATABLE, *HISTORY)
_CHUNK = 500


@dataclass
class UpsertResult:
    """Every record's result, in the order given."""

    results: list[RecordResult]
    dry_run: bool = False

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(("created", "updated", "unchanged", "rejected"), 0)
        for item in self.results:
            counts[item.result] += 1
        return counts

    @property
    def rejected(self) -> list[RecordResult]:
        return [item for item in self.results if item.result == "rejected"]


# --- Writing ------------------------------------------------------------------------------


class _Batch:
    """One call's shared state: the clock, the actor's label, the calendar and SLA policies."""

    def __init__(self, *, actor: Any, instansi_id: int, channel: str, source: str) -> None:
        self.actor = actor
        self.instansi_id = instansi_id
        self.channel = channel
        self.source = source
        self.channel_label = str(Channel(channel).label)
        self.actor_label = (
            str(actor)[:200]
            if actor is not None
            else _("impor %(channel)s") % {"channel": self.channel_label}
        )
        self.now = timezone.now()
        self._policies: Policies | None = None

    @property
    def policies(self) -> Policies:
        if self._policies is None:
            self._policies = Policies(self.instansi_id, calendar_for(self.instansi_id))
        return self._policies

    def create(self, record: Record) -> Complaint:
        """File the complaint and, when the record has one, store its imported history."""
        with transaction.atomic():
            complaint = file_complaint(
                actor=self.actor,
                instansi_id=self.instansi_id,
                channel=self.channel,
                data=record.intake,
                policies=self.policies,
                actor_label=self.actor_label,
            )
            if record.history is not None:
                self._apply_history(complaint, record.history)
        return complaint

    def _apply_history(self, complaint: Complaint, history: History) -> None:
        calendar = self.policies.calendar
        c = complaint
        changed: dict[str, Any] = {"status": history.status}
        if history.unit_id is not None:
            changed["unit_id"] = history.unit_id
        if history.first_response_at is not None:
            changed["first_response_at"] = history.first_response_at
            changed["response_minutes"] = calendar.minutes_between(
                c.received_at, history.first_response_at
            )
        if history.followed_up_at is not None:
            changed["followed_up_at"] = history.followed_up_at
            changed["followup_minutes"] = calendar.minutes_between(
                c.received_at, history.followed_up_at
            )
        if history.closed_at is not None:
            changed["closed_at"] = history.closed_at
        if history.status == Status.REOPENED:
            changed["reopen_count"] = 1
        for name, value in changed.items():
            setattr(c, name, value)
        c.version += 1
        c.save(update_fields=[*changed, "version", "updated_at"])
        if history.response and history.response_at is not None:
            accepted = (
                history.status == Status.DONE and history.response_kind == ResponseKind.FOLLOW_UP
            )
            Response.objects.create(
                complaint=c,
                instansi_id=c.instansi_id,
                kind=history.response_kind,
                body=history.response,
                at=history.response_at,
                author=None,
                author_label=self.channel_label,
                verdict=Verdict.ACCEPTED if accepted else Verdict.PENDING,
                verdict_at=history.closed_at if accepted else None,
            )
        last = max(
            (
                m
                for m in (history.first_response_at, history.followed_up_at, history.closed_at)
                if m
            ),
            default=c.received_at,
        )
        ComplaintEvent.objects.create(
            complaint=c,
            instansi_id=c.instansi_id,
            at=last,
            actor=self.actor,
            actor_label=self.actor_label,
            action="import",
            from_status=Status.NEW,
            to_status=history.status,
            unit_id=c.unit_id,
            note=_("Riwayat penanganan dari %(channel)s.") % {"channel": self.channel_label},
        )
        record_event(
            actor=self.actor,
            action="complaint.import",
            target=c,
            target_label=f"Aduan {c.pk}",
            before={"status": Status.NEW},
            after={**changed, "source": self.source},
            instansi_id=c.instansi_id,
        )

    def update(self, complaint: Complaint, changes: dict[str, Any]) -> bool:
        """Apply changed content to a known complaint; False when someone changed it meanwhile."""
        values: dict[str, Any] = {}
        for name, value in changes.items():
            if name == "category":
                values["category_id"] = value.pk if value is not None else None
            else:
                values[name] = value
        names = sorted(changes)
        if "category" in changes and not complaint.is_closed:
            # The service level may depend on the category: the due times follow it.
            probe = Complaint(
                channel=complaint.channel,
                category_id=values["category_id"],
                received_at=complaint.received_at,
            )
            values["response_due_at"], values["followup_due_at"] = self.policies.due_times(probe)
            names += ["followup_due_at", "response_due_at"]
        labels = ", ".join(
            str(getattr(Complaint._meta.get_field(n), "verbose_name", n)) for n in sorted(changes)
        )
        with transaction.atomic():
            done = Complaint.objects.filter(pk=complaint.pk, version=complaint.version).update(
                **values, version=F("version") + 1, updated_at=self.now
            )
            if not done:
                return False
            ComplaintEvent.objects.create(
                complaint=complaint,
                instansi_id=complaint.instansi_id,
                at=self.now,
                actor=self.actor,
                actor_label=self.actor_label,
                action="update",
                from_status=complaint.status,
                to_status=complaint.status,
                unit_id=complaint.unit_id,
                officer_id=complaint.officer_id,
                note=_("Diperbarui dari %(channel)s: %(fields)s.")
                % {"channel": self.channel_label, "fields": labels},
            )
            # Field names only: the values may be the complainant's personal data.
            record_event(
                actor=self.actor,
                action="complaint.update",
                target=complaint,
                target_label=f"Aduan {complaint.pk}",
                after={"fields": names, "source": self.source},
                instansi_id=complaint.instansi_id,
            )
        return True


def _changes(complaint: Complaint, values: Mapping[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name, value in values.items():
        if name == "category":
            if complaint.category_id != (value.pk if value is not None else None):
                changes[name] = value
        elif getattr(complaint, name) != value:
            changes[name] = value
    return changes


def _errors_of(exc: ValidationError) -> Errors:
    if hasattr(exc, "error_dict"):
        return {name: list(messages) for name, messages in exc.message_dict.items()}
    return {NON_FIELD: list(exc.messages)}


def _existing(instansi_id: int, channel: str, ids: Sequence[str]) -> dict[str, Complaint]:
    """The known complaints of a batch, in as few queries as the database allows."""
    found: dict[str, Complaint] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for complaint in Complaint.objects.filter(
            instansi_id=instansi_id, channel=channel, external_id__in=chunk
        ):
            found[complaint.external_id] = complaint
    return found


def upsert(
    *,
    actor: Any,
    instansi_id: int,
    channel: str,
    records: Sequence[Mapping[str, Any]],
    source: str,
    numbers: Sequence[int] | None = None,
    dry_run: bool = False,
) -> UpsertResult:
    """Create, update or leave alone each record (see the module doc); never raises per record.

    ``records`` are mappings with the keys of :data:`FIELDS`; a key that is absent leaves a
    known complaint's field as it is, a key that is present (even empty) sets it. ``numbers``
    are the records' row numbers for messages (default: positions from 0). With ``dry_run``
    everything is checked and counted and nothing is written. Raises ValidationError only for
    an unknown channel.
    """
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Kanal tidak dikenal.")})
    numbers = list(numbers) if numbers is not None else list(range(len(records)))
    batch = _Batch(actor=actor, instansi_id=instansi_id, channel=channel, source=source)
    checker = Checker(instansi_id, Lookups(instansi_id), batch.now)
    checked: list[Record | RecordResult] = []
    first_row: dict[str, int] = {}
    where = _("baris") if source == SOURCE_IMPORT else _("urutan")
    for number, raw in zip(numbers, records, strict=True):
        item = checker.check(number, raw)
        if isinstance(item, Record):
            if item.external_id in first_row:
                item = RecordResult(
                    number,
                    item.external_id,
                    "rejected",
                    errors={
                        "external_id": [
                            _("ID yang sama sudah muncul di %(where)s %(n)s.")
                            % {"where": where, "n": first_row[item.external_id]}
                        ]
                    },
                )
            else:
                first_row[item.external_id] = number
        checked.append(item)
    known = _existing(instansi_id, channel, list(first_row))
    results: list[RecordResult] = []
    for item in checked:
        if isinstance(item, RecordResult):
            results.append(item)
            continue
        results.append(_apply(batch, item, known.get(item.external_id), dry_run))
    return UpsertResult(results, dry_run=dry_run)


def _apply(
    batch: _Batch, record: Record, complaint: Complaint | None, dry_run: bool
) -> RecordResult:
    def result(
        kind: str, found: Complaint | None = None, errors: Errors | None = None
    ) -> RecordResult:
        return RecordResult(
            record.index,
            record.external_id,
            kind,
            tracking_code=found.tracking_code if found else "",
            complaint_id=found.pk if found else None,
            errors=errors or {},
        )

    if complaint is None:
        if dry_run:
            return result("created")
        try:
            return result("created", batch.create(record))
        except ValidationError as exc:
            return result("rejected", errors=_errors_of(exc))
    changes = _changes(complaint, record.values)
    if not changes:
        return result("unchanged", complaint)
    if dry_run:
        return result("updated", complaint)
    if not batch.update(complaint, changes):
        stale = _("Aduan ini baru saja diubah orang lain; kirim ulang data ini.")
        return result("rejected", complaint, {NON_FIELD: [stale]})
    return result("updated", complaint)
