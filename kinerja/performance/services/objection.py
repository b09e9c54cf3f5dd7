"""Keberatan (DOMAIN.md §1.5; issue 3 §4): the employee objects to a confirmed evaluation within
the instansi's number of days, and the assessor's superior decides.

Once a period is locked a predikat changes only here: the decision writes the evaluation directly
(the evaluation services refuse a locked period on purpose), keeps the ratings and the predikat
on both sides of the decision on the objection, and audits both rows.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core.audit import record_event
from kinerja.performance import scoring
from kinerja.performance.access import is_objection_decider, is_skp_owner
from kinerja.performance.models import (
    Evaluation,
    EvaluationState,
    Objection,
    ObjectionState,
    RatingValue,
)
from kinerja.performance.services.evaluation import settings_for

#: Shortest written reason accepted for an objection and for its decision.
MIN_REASON = 10

#: What a decision compares and stores on each side.
DECIDED_FIELDS = ("hasil_kerja", "perilaku", "predikat")


class StaleObjection(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "Keberatan ini baru saja diputus atau diubah oleh orang lain. Isian Anda masih "
                "ada di formulir; periksa lalu simpan lagi."
            ),
            code="stale",
        )


def objection_deadline(evaluation: Evaluation) -> date | None:
    """The last day an objection to ``evaluation`` may be filed: the day the assessor confirmed
    the predikat plus the instansi's ``objection_days``; ``None`` while nothing is confirmed."""
    if evaluation.state != EvaluationState.FINAL or evaluation.decided_at is None:
        return None
    days = settings_for(evaluation.instansi_id).objection_days
    return timezone.localdate(evaluation.decided_at) + timedelta(days=days)


def has_open_objection(evaluation: Evaluation) -> bool:
    return Objection.objects.filter(evaluation=evaluation, state=ObjectionState.FILED).exists()


def _snapshot(evaluation: Evaluation) -> dict[str, str]:
    return {name: getattr(evaluation, name) for name in DECIDED_FIELDS}


def file_objection(*, actor: Any, evaluation: Evaluation, reason: str) -> Objection:
    """The evaluated employee objects to a confirmed evaluation, within the deadline; one open
    objection at a time. The post above the SKP's assessor decides (Admin BKPSDM when there is
    none)."""
    skp = evaluation.skp
    if not is_skp_owner(actor, skp):
        raise PermissionDenied
    text = (reason or "").strip()
    if evaluation.state != EvaluationState.FINAL:
        raise ValidationError(
            _("Keberatan hanya dapat diajukan atas evaluasi yang predikatnya sudah ditetapkan.")
        )
    deadline = objection_deadline(evaluation)
    assert deadline is not None  # a final evaluation always carries its confirmation time
    if timezone.localdate() > deadline:
        raise ValidationError(
            _("Batas pengajuan keberatan sudah lewat (%(date)s).")
            % {"date": deadline.strftime("%d-%m-%Y")}
        )
    if len(text) < MIN_REASON:
        raise ValidationError(
            {
                "reason": [
                    _("Tuliskan alasan keberatan (paling sedikit %(n)s karakter).")
                    % {"n": MIN_REASON}
                ]
            }
        )
    already_open = _("Masih ada keberatan atas evaluasi ini yang belum diputus.")
    if has_open_objection(evaluation):
        raise ValidationError(already_open)
    assessor_position = skp.assessor_position
    decider_id = assessor_position.parent_id if assessor_position is not None else None
    with transaction.atomic():
        try:
            with transaction.atomic():
                objection = Objection.objects.create(
                    instansi_id=evaluation.instansi_id,
                    evaluation=evaluation,
                    filed_by=actor,
                    reason=text,
                    deadline=deadline,
                    decider_position_id=decider_id,
                    before=_snapshot(evaluation),
                )
        except IntegrityError:
            # Two submissions at once: the partial unique constraint lets only one stay open.
            raise ValidationError(already_open) from None
        record_event(
            actor=actor,
            action="objection.file",
            target=objection,
            instansi_id=objection.instansi_id,
            target_label=str(objection),
            after={
                "evaluation": evaluation.pk,
                "reason": text,
                "deadline": deadline,
                "decider_position": decider_id,
                **objection.before,
            },
        )
    return objection


def decide_objection(
    *,
    actor: Any,
    objection: Objection,
    version: int | None,
    grant: bool,
    decision_reason: str,
    hasil_kerja: str | None = None,
    perilaku: str | None = None,
) -> Objection:
    """The decider grants or rejects an open objection, with a written reason.

    Granting must change at least one rating (an empty rating keeps the current one); the new
    predikat is the matrix cell of the new ratings. The evaluation is changed here even when its
    period is locked; ``override_reason`` stays as the assessor wrote it.
    """
    if not is_objection_decider(actor, objection) or objection.filed_by_id == actor.pk:
        raise PermissionDenied
    text = (decision_reason or "").strip()
    with transaction.atomic():
        current = Objection.objects.select_for_update().get(pk=objection.pk)
        if version is not None and current.version != version:
            raise StaleObjection
        if current.state != ObjectionState.FILED:
            raise ValidationError(_("Keberatan ini sudah diputus."))
        evaluation = Evaluation.objects.select_for_update().get(pk=current.evaluation_id)
        if evaluation.state != EvaluationState.FINAL:
            raise ValidationError(
                _(
                    "Evaluasi ini sedang dibuka kembali oleh penilai; keberatan dapat diputus "
                    "setelah predikatnya ditetapkan lagi."
                )
            )
        errors: dict[str, list[str]] = {}
        if len(text) < MIN_REASON:
            errors["decision_reason"] = [
                _("Tuliskan pertimbangan keputusan (paling sedikit %(n)s karakter).")
                % {"n": MIN_REASON}
            ]
        new_hasil = hasil_kerja or evaluation.hasil_kerja
        new_perilaku = perilaku or evaluation.perilaku
        if grant:
            for name, value in (("hasil_kerja", new_hasil), ("perilaku", new_perilaku)):
                if value not in RatingValue.values:
                    errors[name] = [_("Rating tidak dikenal.")]
            if (new_hasil, new_perilaku) == (evaluation.hasil_kerja, evaluation.perilaku):
                errors[NON_FIELD_ERRORS] = [
                    _(
                        "Mengabulkan keberatan berarti mengubah paling sedikit satu rating; bila "
                        "rating tetap, pilih “Tolak”."
                    )
                ]
        if errors:
            raise ValidationError(errors)
        before = _snapshot(evaluation)
        if grant:
            evaluation.hasil_kerja, evaluation.perilaku = new_hasil, new_perilaku
            evaluation.predikat = scoring.predikat(new_hasil, new_perilaku).value
            evaluation.version += 1
            evaluation.save(
                update_fields=[*DECIDED_FIELDS, "version", "updated_at"],
            )
        current.state = ObjectionState.GRANTED if grant else ObjectionState.REJECTED
        current.decision_reason = text
        current.decided_by, current.decided_at = actor, timezone.now()
        current.before, current.after = before, _snapshot(evaluation)
        current.version += 1
        current.save()
        record_event(
            actor=actor,
            action="objection.grant" if grant else "objection.reject",
            target=current,
            instansi_id=current.instansi_id,
            target_label=str(current),
            before={"state": ObjectionState.FILED, **current.before},
            after={"state": current.state, "decision_reason": text, **current.after},
        )
        if grant:
            record_event(
                actor=actor,
                action="evaluation.objection",
                target=evaluation,
                instansi_id=evaluation.instansi_id,
                target_label=str(evaluation),
                before=current.before,
                after={**current.after, "objection": current.pk},
            )
    return current
