"""Complaints coming in: from the public form, from staff at a counter or on the phone.

Imports and the API go through :mod:`kinerja.complaints.services.external`, which shares the
field checks here.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.complaints.models import (
    Category,
    Channel,
    Classification,
    Complaint,
    ComplaintEvent,
    Status,
)
from kinerja.complaints.sla import Policies, calendar_for
from kinerja.core.audit import record_event
from kinerja.org.models import Unit

#: Letters and digits that cannot be mistaken for each other when read over the phone.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 10
#: Channels a staff member types in on a citizen's behalf.
STAFF_CHANNELS = (Channel.PHONE, Channel.WALK_IN, Channel.EMAIL, Channel.SOCIAL, Channel.WHATSAPP)

LIMITS = {"title": 200, "description": 5000, "location": 300, "complainant_name": 150}


def new_tracking_code() -> str:
    """``XXXXX-XXXXX``: 50 random bits, enough that codes cannot be guessed within rate limits."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def normalise_code(code: str) -> str:
    """Accept a code typed in lower case, with spaces or without the dash."""
    raw = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    return f"{raw[:5]}-{raw[5:]}" if len(raw) == CODE_LENGTH else ""


@dataclass
class Intake:
    """The fields of a new complaint, as typed or as read from a channel's export."""

    title: str
    description: str
    received_at: datetime | None = None
    category: Category | None = None
    classification: str = Classification.PENGADUAN
    location: str = ""
    complainant_name: str = ""
    complainant_phone: str = ""
    complainant_email: str = ""
    unit: Unit | None = None
    external_id: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def clean_intake(data: Intake, *, instansi_id: int, now: datetime | None = None) -> Intake:
    """Check and normalise the fields; raise one ValidationError naming every bad field."""
    now = now or timezone.now()
    errors: dict[str, str] = {}
    for name, limit in LIMITS.items():
        value = (getattr(data, name) or "").strip()
        setattr(data, name, value)
        if len(value) > limit:
            errors[name] = _("Paling banyak %(n)s karakter.") % {"n": limit}
    if not data.title:
        errors["title"] = _("Wajib diisi.")
    if not data.description:
        errors["description"] = _("Wajib diisi.")
    phone = "".join(ch for ch in (data.complainant_phone or "") if ch.isdigit() or ch == "+")
    if phone and not 8 <= len(phone.lstrip("+")) <= 15:
        errors["complainant_phone"] = _("Nomor HP tidak valid.")
    data.complainant_phone = phone
    data.complainant_email = (data.complainant_email or "").strip().lower()
    if data.complainant_email:
        try:
            validate_email(data.complainant_email)
        except ValidationError:
            errors["complainant_email"] = _("Alamat e-mail tidak valid.")
    if data.classification not in Classification.values:
        errors["classification"] = _("Klasifikasi tidak dikenal.")
    if data.category is not None and data.category.instansi_id != instansi_id:
        errors["category"] = _("Kategori tidak dikenal.")
    if data.unit is not None and data.unit.instansi_id != instansi_id:
        errors["unit"] = _("Unit tidak dikenal.")
    if data.received_at is not None:
        if timezone.is_naive(data.received_at):
            data.received_at = timezone.make_aware(data.received_at)
        if data.received_at > now + timedelta(minutes=5):
            errors["received_at"] = _("Waktu diterima tidak boleh di masa depan.")
    if errors:
        raise ValidationError(errors)
    return data


def file_complaint(
    *,
    actor: Any,
    instansi_id: int,
    channel: str,
    data: Intake,
    policies: Policies | None = None,
    actor_label: str = "",
) -> Complaint:
    """Record a new complaint (status baru) with its due times; returns it with its code.

    ``actor`` is None for the public form (the step is the citizen's) and for imports without a
    user, which name themselves in ``actor_label``. The category's OPD is not applied here:
    routing is the verifier's step, so that every complaint is looked at once.
    """
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Kanal tidak dikenal.")})
    data = clean_intake(data, instansi_id=instansi_id)
    policies = policies or Policies(instansi_id, calendar_for(instansi_id))
    now = timezone.now()
    for _attempt in range(5):
        complaint = Complaint(
            instansi_id=instansi_id,
            channel=channel,
            external_id=data.external_id,
            tracking_code=new_tracking_code(),
            received_at=data.received_at or now,
            category=data.category,
            classification=data.classification,
            title=data.title,
            description=data.description,
            location=data.location,
            complainant_name=data.complainant_name,
            complainant_phone=data.complainant_phone,
            complainant_email=data.complainant_email,
            status=Status.NEW,
        )
        complaint.response_due_at, complaint.followup_due_at = policies.due_times(complaint)
        try:
            with transaction.atomic():
                complaint.save()
                _received(actor, complaint, actor_label)
                return complaint
        except IntegrityError:
            # A colliding tracking code is retried; a duplicate external id is the caller's.
            if (
                data.external_id
                and Complaint.objects.filter(
                    instansi_id=instansi_id, channel=channel, external_id=data.external_id
                ).exists()
            ):
                raise ValidationError(
                    {"external_id": _("Aduan dengan ID kanal ini sudah ada.")}
                ) from None
    raise RuntimeError("could not draw a free tracking code")


def _received(actor: Any, complaint: Complaint, actor_label: str = "") -> None:
    label = actor_label or (str(actor)[:200] if actor is not None else "warga")
    ComplaintEvent.objects.create(
        complaint=complaint,
        instansi_id=complaint.instansi_id,
        at=complaint.received_at,
        actor=actor,
        actor_label=label,
        action="receive",
        from_status="",
        to_status=Status.NEW,
    )
    record_event(
        actor=actor,
        action="complaint.receive",
        target=complaint,
        # The tracking code is the citizen's key; the log names the complaint by its id.
        target_label=f"Aduan {complaint.pk}",
        keep_ip=actor is not None,
        after={"channel": complaint.channel, "category": complaint.category_id},
        instansi_id=complaint.instansi_id,
    )
