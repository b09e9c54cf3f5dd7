"""Writing and verifying the hash-chained audit log.

Every service that changes data calls :func:`record_event` (or :func:`record_events` for bulk
work) inside its transaction. The chain is global: each event hashes its content together with
the previous event's hash.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from kinerja.core import context
from kinerja.core.models import AuditEvent

GENESIS = "0" * 64
_LOCK_KEY = 5_113_817  # arbitrary constant: the advisory lock that serialises chain writers


@dataclass
class PendingEvent:
    """An event to be appended; see :func:`record_events`."""

    action: str
    target: models.Model | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    instansi_id: int | None = None
    target_label: str = ""


def _plain(value: Any) -> Any:
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def compute_hash(event: AuditEvent) -> str:
    payload = {
        "created_at": event.created_at.astimezone(UTC).isoformat(),
        "instansi_id": event.instansi_id,
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "target_label": event.target_label,
        "before": event.before,
        "after": event.after,
        "request_id": event.request_id,
        "ip": event.ip,
        "prev_hash": event.prev_hash,
    }
    encoded = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def _lock_chain() -> str:
    """Serialise writers and return the hash of the current last event."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
    last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    return last or GENESIS


def _actor_fields(actor: Any) -> tuple[int | None, str]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, "sistem"
    return actor.pk, str(actor)[:200]


_INSERT_BATCH = 500  # rows per INSERT: 14 columns x 500 stays under SQLite's variable limit


def _insert_many(rows: list[AuditEvent]) -> None:
    """Insert rows with plain multi-row INSERTs (several times faster than ``bulk_create``).

    Values go through each field's ``get_db_prep_save``, so JSON, dates and addresses are
    adapted exactly as the ORM would. The rows' primary keys are not read back.
    """
    fields = [f for f in AuditEvent._meta.concrete_fields if not f.primary_key]
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _INSERT_BATCH):
            batch = rows[start : start + _INSERT_BATCH]
            params = [
                f.get_db_prep_save(getattr(row, f.attname), connection)
                for row in batch
                for f in fields
            ]
            values = ", ".join([one_row] * len(batch))
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {values}", params)  # noqa: S608


def record_events(*, actor: Any, events: Iterable[PendingEvent]) -> list[AuditEvent]:
    """Append several events in one chain segment (used by bulk work such as imports).

    With more than one event the returned rows carry no primary key (they are inserted in bulk).
    """
    ctx = context.current()
    actor_id, actor_label = _actor_fields(actor)
    now: datetime = timezone.now()
    with transaction.atomic():
        prev = _lock_chain()
        rows: list[AuditEvent] = []
        for pending in events:
            target = pending.target
            label = pending.target_label or (str(target) if target is not None else "")
            row = AuditEvent(
                created_at=now,
                instansi_id=pending.instansi_id,
                actor_id=actor_id,
                actor_label=actor_label,
                action=pending.action,
                target_type=target._meta.label_lower if target is not None else "",
                target_id=str(target.pk) if target is not None else "",
                target_label=label[:300],
                before=_plain(pending.before),
                after=_plain(pending.after),
                request_id=ctx.request_id,
                ip=ctx.ip,
                prev_hash=prev,
            )
            row.hash = compute_hash(row)
            prev = row.hash
            rows.append(row)
        if len(rows) == 1:
            rows[0].save(force_insert=True)
        elif rows:
            _insert_many(rows)
    return rows


def record_event(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    instansi_id: int | None = None,
    target_label: str = "",
) -> AuditEvent:
    """Append one event to the audit chain; call inside the service's transaction."""
    pending = PendingEvent(
        action=action,
        target=target,
        before=before,
        after=after,
        instansi_id=instansi_id,
        target_label=target_label,
    )
    return record_events(actor=actor, events=[pending])[0]


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    reason: str


def verify_chain() -> tuple[int, ChainBreak | None]:
    """Return the number of events checked and the first break, if any."""
    count = 0
    prev = GENESIS
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=5000):
        count += 1
        if event.prev_hash != prev:
            return count, ChainBreak(event.pk, "tautan ke peristiwa sebelumnya tidak cocok")
        if compute_hash(event) != event.hash:
            return count, ChainBreak(event.pk, "isi peristiwa tidak cocok dengan hash-nya")
        prev = event.hash
    return count, None


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The values of ``fields`` on ``obj``, for before/after pairs."""
    data: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        data[name] = getattr(obj, getattr(field, "attname", name))
    return _plain(data)
