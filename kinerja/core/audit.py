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

from kinerja.core import bulk, context
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
    #: False for a citizen's own action: their address is personal data the log does not need.
    keep_ip: bool = True


def _plain(value: Any) -> Any:
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


#: The columns an event's hash covers, in the order they are stored.
HASHED = (
    "created_at", "instansi_id", "actor_id", "actor_label", "action", "target_type",
    "target_id", "target_label", "before", "after", "request_id", "ip", "prev_hash",
)  # fmt: skip


def hash_of(values: dict[str, Any]) -> str:
    """SHA-256 over the hashed columns (``created_at`` normalised to UTC)."""
    payload = {name: values[name] for name in HASHED}
    payload["created_at"] = values["created_at"].astimezone(UTC).isoformat()
    encoded = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def compute_hash(event: AuditEvent) -> str:
    return hash_of({name: getattr(event, name) for name in HASHED})


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


_FIELDS = [f.attname for f in AuditEvent._meta.concrete_fields if not f.primary_key]


def _chain(actor: Any, events: Iterable[PendingEvent]) -> list[dict[str, Any]]:
    """Column values of each event, linked to the chain; call with the chain locked."""
    ctx = context.current()
    actor_id, actor_label = _actor_fields(actor)
    now: datetime = timezone.now()
    prev = _lock_chain()
    rows: list[dict[str, Any]] = []
    for pending in events:
        target = pending.target
        label = pending.target_label or (str(target) if target is not None else "")
        values = {
            "created_at": now,
            "instansi_id": pending.instansi_id,
            "actor_id": actor_id,
            "actor_label": actor_label,
            "action": pending.action,
            "target_type": target._meta.label_lower if target is not None else "",
            "target_id": str(target.pk) if target is not None else "",
            "target_label": label[:300],
            "before": _plain(pending.before),
            "after": _plain(pending.after),
            "request_id": ctx.request_id,
            "ip": ctx.ip if pending.keep_ip else None,
            "prev_hash": prev,
        }
        values["hash"] = prev = hash_of(values)
        rows.append(values)
    return rows


def record_events(*, actor: Any, events: Iterable[PendingEvent]) -> int:
    """Append several events in one chain segment (bulk work such as imports); returns the count.

    Rows go in through ``core.bulk`` without building model instances: at 100,000 events that
    is most of the cost.
    """
    with transaction.atomic():
        rows = _chain(actor, events)
        bulk.insert_rows(AuditEvent, _FIELDS, [[row[name] for name in _FIELDS] for row in rows])
    return len(rows)


def record_event(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    instansi_id: int | None = None,
    target_label: str = "",
    keep_ip: bool = True,
) -> AuditEvent:
    """Append one event to the audit chain; call inside the service's transaction."""
    pending = PendingEvent(
        action=action,
        target=target,
        before=before,
        after=after,
        instansi_id=instansi_id,
        target_label=target_label,
        keep_ip=keep_ip,
    )
    with transaction.atomic():
        event = AuditEvent(**_chain(actor, [pending])[0])
        event.save(force_insert=True)
    return event


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
