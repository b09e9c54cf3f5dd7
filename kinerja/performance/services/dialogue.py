"""Feedback and dialog kinerja (issue 3 §3): the conversation between the employee, the assessor
and the assessor's superior, at any time of the year.

Audit events name ids, dates and which fields changed, never the text that was written.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.performance.access import is_skp_assessor, is_skp_assessor_superior, is_skp_owner
from kinerja.performance.models import Berakhlak, DialogKinerja, Feedback, Rhk, Skp
from kinerja.performance.services.during import MAX_TEXT, Stale, audit, too_long

# --- continuous feedback ---------------------------------------------------------------------


def may_give_feedback(user: Any, skp: Skp) -> bool:
    """The employee, the assessor and the assessor's superior take part in the threads."""
    return (
        is_skp_owner(user, skp) or is_skp_assessor(user, skp) or is_skp_assessor_superior(user, skp)
    )


def post_feedback(
    *, actor: Any, skp: Skp, rhk: Rhk | None = None, value: str = "", text: str
) -> Feedback:
    """Add a message to the thread of one RHK or one BerAKHLAK value, at any time."""
    if not may_give_feedback(actor, skp):
        raise PermissionDenied
    value = value or ""
    if (rhk is None) == (not value):
        raise ValidationError(_("Pilih satu RHK atau satu nilai BerAKHLAK untuk umpan balik ini."))
    if rhk is not None and rhk.skp_id != skp.pk:
        raise ValidationError(_("RHK yang dipilih bukan RHK dari SKP ini."))
    if value and value not in Berakhlak.values:
        raise ValidationError(_("Nilai BerAKHLAK tidak dikenal."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": [_("Tulis umpan balik Anda.")]})
    if problem := too_long(text, MAX_TEXT):
        raise ValidationError({"text": [problem]})
    with transaction.atomic():
        message = Feedback.objects.create(
            skp=skp, instansi_id=skp.instansi_id, rhk=rhk, value=value, author=actor, text=text
        )
        audit(
            actor,
            skp,
            "feedback.post",
            feedback=message.pk,
            rhk=rhk.pk if rhk else None,
            value=value or None,
            length=len(text),
        )
    return message


# --- dialog kinerja --------------------------------------------------------------------------

DIALOG_FIELDS = ("date", "notes", "agreed_actions", "follow_up", "follow_up_done")


def _clean_dialog(skp: Skp, values: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    day = values["date"]
    year = skp.performance_year.year
    if day is None:
        errors["date"] = [_("Isi tanggal dialog.")]
    elif day > timezone.localdate():
        errors["date"] = [_("Tanggal dialog tidak boleh di masa depan.")]
    elif day.year != year:
        errors["date"] = [_("Tanggal dialog harus di dalam tahun %(year)s.") % {"year": year}]
    for name in ("notes", "agreed_actions", "follow_up"):
        values[name] = (values[name] or "").strip()
        if problem := too_long(values[name], MAX_TEXT):
            errors[name] = [problem]
    if not values["notes"]:
        errors["notes"] = [_("Catatan dialog wajib diisi.")]
    if errors:
        raise ValidationError(errors)
    values["follow_up_done"] = bool(values["follow_up_done"])
    return values


def record_dialog(
    *,
    actor: Any,
    skp: Skp,
    date: date | None,
    notes: str,
    agreed_actions: str = "",
    follow_up: str = "",
) -> DialogKinerja:
    """The assessor records a dialog kinerja with the employee."""
    if not is_skp_assessor(actor, skp):
        raise PermissionDenied
    values = _clean_dialog(
        skp,
        {
            "date": date,
            "notes": notes,
            "agreed_actions": agreed_actions,
            "follow_up": follow_up,
            "follow_up_done": False,
        },
    )
    with transaction.atomic():
        dialog = DialogKinerja.objects.create(
            skp=skp, instansi_id=skp.instansi_id, recorded_by=actor, **values
        )
        audit(actor, skp, "dialog.record", dialog=dialog.pk, date=dialog.date)
    return dialog


def _bump(dialog: DialogKinerja, version: int | None) -> None:
    current = DialogKinerja.objects.select_for_update().get(pk=dialog.pk)
    if version is not None and current.version != version:
        dialog.version = current.version
        raise Stale
    dialog.version = current.version + 1


def update_dialog(
    *, actor: Any, dialog: DialogKinerja, version: int | None, **fields: Any
) -> DialogKinerja:
    """The assessor corrects a recorded dialog or marks its follow-up done."""
    skp = dialog.skp
    if not is_skp_assessor(actor, skp):
        raise PermissionDenied
    unknown = set(fields) - set(DIALOG_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    values = _clean_dialog(
        skp, {name: fields.get(name, getattr(dialog, name)) for name in DIALOG_FIELDS}
    )
    with transaction.atomic():
        _bump(dialog, version)
        changed = sorted(n for n in DIALOG_FIELDS if getattr(dialog, n) != values[n])
        for name, value in values.items():
            setattr(dialog, name, value)
        dialog.save()
        audit(
            actor,
            skp,
            "dialog.update",
            dialog=dialog.pk,
            changed=changed,
            follow_up_done=dialog.follow_up_done,
        )
    return dialog


def respond_to_dialog(
    *,
    actor: Any,
    dialog: DialogKinerja,
    version: int | None,
    employee_note: str,
    follow_up_done: bool,
) -> DialogKinerja:
    """The employee answers a dialog record and marks whether the follow-up is done."""
    skp = dialog.skp
    if not is_skp_owner(actor, skp):
        raise PermissionDenied
    employee_note = (employee_note or "").strip()
    if problem := too_long(employee_note, MAX_TEXT):
        raise ValidationError({"employee_note": [problem]})
    with transaction.atomic():
        _bump(dialog, version)
        changed = sorted(
            name
            for name, value in (
                ("employee_note", employee_note),
                ("follow_up_done", bool(follow_up_done)),
            )
            if getattr(dialog, name) != value
        )
        dialog.employee_note, dialog.follow_up_done = employee_note, bool(follow_up_done)
        dialog.save()
        audit(
            actor,
            skp,
            "dialog.respond",
            dialog=dialog.pk,
            changed=changed,
            follow_up_done=dialog.follow_up_done,
        )
    return dialog
