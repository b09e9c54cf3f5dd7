"""The only way views and the API load periods and SKPs."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from kinerja.accounts.roles import principal_for
from kinerja.performance.models import Evaluation, Evidence, Objection, Period, Skp
from kinerja.performance.querysets import held_position_ids


def get_period_for_user(user: Any, period_id: Any, write: bool = False) -> Period:
    """A period of an instansi the user belongs to; 404 otherwise, 403 for a non-writer."""
    principal = principal_for(user)
    try:
        period = Period.objects.select_related("performance_year").get(pk=int(period_id))
    except (Period.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not principal.belongs_to(period.instansi_id):
        raise Http404
    if write and not principal.writes_instansi(period.instansi_id):
        raise PermissionDenied
    return period


def is_skp_owner(user: Any, skp: Skp) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and skp.employee.user_id == user.pk


def is_skp_assessor(user: Any, skp: Skp) -> bool:
    """The holder (definitive or acting) of the SKP's assessor position decides on it; an SKP
    with no position above it is decided by the instansi's HR (Admin BKPSDM)."""
    if skp.assessor_position_id is None:
        return principal_for(user).writes_instansi(skp.instansi_id)
    return skp.assessor_position_id in held_position_ids(user)


SKP_ACTIONS = {
    "read": lambda user, skp: True,
    "edit": is_skp_owner,
    "decide": is_skp_assessor,
}


def get_skp_for_user(user: Any, skp_id: Any, action: str = "read") -> Skp:
    """An SKP the user may read: 404 otherwise; 403 when the user may not ``action`` it
    ("edit": the employee's own plan; "decide": the assessor)."""
    try:
        skp = Skp.objects.visible_to(user).with_people().get(pk=int(skp_id))
    except (Skp.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if not SKP_ACTIONS[action](user, skp):
        raise PermissionDenied
    return skp


def is_skp_assessor_superior(user: Any, skp: Skp) -> bool:
    """The holder of the post above the assessor's (the atasan pejabat penilai)."""
    position = skp.assessor_position
    return (
        position is not None
        and position.parent_id is not None
        and position.parent_id in held_position_ids(user)
    )


def get_evidence_for_user(user: Any, evidence_id: Any) -> Evidence:
    """A bukti dukung of an SKP the user may read; 404 otherwise."""
    try:
        return Evidence.objects.select_related("realisasi").get(
            pk=int(evidence_id), realisasi__skp__in=Skp.objects.visible_to(user).values("pk")
        )
    except (Evidence.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def get_evaluation_for_user(user: Any, evaluation_id: Any, action: str = "read") -> Evaluation:
    """An evaluation of an SKP the user may read: 404 otherwise; 403 when the user may not
    ``action`` it ("object": only the evaluated employee files a keberatan)."""
    try:
        evaluation = Evaluation.objects.select_related(
            "period", "unit", "employee", "decided_by"
        ).get(pk=int(evaluation_id))
    except (Evaluation.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    evaluation.skp = get_skp_for_user(user, evaluation.skp_id)
    if action == "object" and not is_skp_owner(user, evaluation.skp):
        raise PermissionDenied
    return evaluation


def is_objection_decider(user: Any, objection: Objection) -> bool:
    """The holder (definitive or acting) of the post above the assessor's decides a keberatan;
    with no such post, the instansi's HR (Admin BKPSDM)."""
    if objection.decider_position_id is None:
        return principal_for(user).writes_instansi(objection.instansi_id)
    return objection.decider_position_id in held_position_ids(user)


def get_objection_for_user(user: Any, objection_id: Any, action: str = "read") -> Objection:
    """A keberatan readable by those who may read the evaluated SKP and by its decider: 404
    otherwise; 403 for a reader when ``action`` is "decide"."""
    try:
        objection = Objection.objects.select_related(
            "evaluation__period", "evaluation__employee", "decider_position", "decided_by"
        ).get(pk=int(objection_id))
    except (Objection.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    decider = is_objection_decider(user, objection)
    if (
        not decider
        and not Skp.objects.visible_to(user).filter(pk=objection.evaluation.skp_id).exists()
    ):
        raise Http404
    if action == "decide" and not decider:
        raise PermissionDenied
    return objection
