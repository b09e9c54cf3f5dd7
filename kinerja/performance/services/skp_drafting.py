"""New SKPs filled from existing plans: copying an earlier year's SKP into a new draft, and
drafting subordinates' RHK from the leader's approved RHK (the Matriks Peran Hasil).

Both follow the rules of :mod:`kinerja.performance.services.skp`: only an editable SKP changes,
each change raises the SKP's ``version``, and every call writes an audit event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.core.audit import record_event
from kinerja.employees.models import Employee
from kinerja.performance.access import is_skp_owner
from kinerja.performance.models import Iki, Rhk, Skp, SkpState
from kinerja.performance.models.skp import EDITABLE_STATES
from kinerja.performance.services.skp import (
    DETAIL_FIELDS,
    IKI_FIELDS,
    audit_skp,
    bump_version,
    leader_skp,
    require_editable,
    start_skp,
)


def previous_skp(employee: Employee, year: int) -> Skp | None:
    """The employee's latest SKP of an earlier year, the source for copying."""
    return (
        Skp.objects.filter(employee=employee, performance_year__year__lt=year)
        .order_by("-performance_year__year", "-starts")
        .first()
    )


def copy_from_previous(*, actor: Any, skp: Skp, source: Skp | None = None) -> int:
    """Copy the RHK, IKI and lampiran of an earlier SKP into a new draft; returns the RHK copied.

    The leader's RHK of the new year are different rows, so each copied RHK is linked to the
    leader's approved RHK with the same text when there is one, and otherwise left for the
    employee to link.
    """
    require_editable(actor, skp)
    source = source or previous_skp(skp.employee, skp.performance_year.year)
    if source is None or source.employee_id != skp.employee_id or source.pk == skp.pk:
        raise ValidationError(_("Tidak ada SKP tahun sebelumnya untuk disalin."))
    if skp.rhks.exists():
        raise ValidationError(_("SKP ini sudah berisi RHK; salin hanya ke SKP yang masih kosong."))
    leader = leader_skp(skp)
    leader_rhks = {r.text.strip().lower(): r for r in leader.rhks.all()} if leader else {}
    with transaction.atomic():
        bump_version(skp, None)
        for name in DETAIL_FIELDS:
            setattr(skp, name, getattr(source, name))
        skp.copied_from = source
        skp.save(update_fields=[*DETAIL_FIELDS, "copied_from", "updated_at"])
        copied = 0
        for old in source.rhks.prefetch_related("ikis").select_related("supports"):
            supports = None
            if old.supports is not None and not skp.is_jpt:
                supports = leader_rhks.get(old.supports.text.strip().lower())
            rhk = Rhk.objects.create(
                skp=skp,
                instansi_id=skp.instansi_id,
                kind=old.kind,
                text=old.text,
                supports=supports,
                order=old.order,
            )
            Iki.objects.bulk_create(
                Iki(
                    rhk=rhk,
                    instansi_id=skp.instansi_id,
                    **{name: getattr(i, name) for name in (*IKI_FIELDS, "order")},
                )
                for i in old.ikis.all()
            )
            copied += 1
        audit_skp(actor, skp, "skp.copy", source=source.pk, rhks=copied)
    return copied


@dataclass(frozen=True)
class DraftResult:
    created_skps: int
    added_rhks: int
    skipped: list[str]


def draft_from_matrix(
    *, actor: Any, leader: Skp, assignments: dict[int, list[Employee]]
) -> DraftResult:
    """Draft subordinates' RHK from the leader's approved RHK (the Matriks Peran Hasil).

    ``assignments`` maps each of the leader's RHK ids to the subordinates who will support it.
    A subordinate without an SKP for the year gets a draft; an RHK supporting the same leader's
    RHK is not added twice; SKPs already submitted or approved are left alone and reported.
    """
    if not is_skp_owner(actor, leader):
        raise PermissionDenied
    if leader.state != SkpState.APPROVED:
        raise ValidationError(
            _("Draf dari Matriks Peran Hasil memerlukan SKP Anda yang disetujui.")
        )
    leader_rhks = {r.pk: r for r in leader.rhks.all()}
    unknown = set(assignments) - set(leader_rhks)
    if unknown:
        raise ValidationError(_("RHK yang dipilih bukan RHK dari SKP Anda."))
    created = added = 0
    skipped: list[str] = []
    with transaction.atomic():
        skps: dict[int, Skp | None] = {}
        for rhk_id, employees in assignments.items():
            for employee in employees:
                if employee.pk not in skps:
                    skps[employee.pk], is_new = _draft_for(actor, leader, employee, skipped)
                    created += is_new
                skp = skps[employee.pk]
                if skp is None or skp.rhks.filter(supports_id=rhk_id).exists():
                    continue
                source = leader_rhks[rhk_id]
                Rhk.objects.create(
                    skp=skp,
                    instansi_id=skp.instansi_id,
                    kind=source.kind,
                    text=source.text,
                    supports=source,
                    order=skp.rhks.count() + 1,
                )
                bump_version(skp, None)
                added += 1
        record_event(
            actor=actor,
            action="skp.draft_from_matrix",
            target=leader,
            instansi_id=leader.instansi_id,
            target_label=str(leader),
            after={"skps_created": created, "rhks_added": added, "skipped": skipped},
        )
    return DraftResult(created, added, skipped)


def _draft_for(
    actor: Any, leader: Skp, employee: Employee, skipped: list[str]
) -> tuple[Skp | None, bool]:
    """The subordinate's editable SKP for the leader's year (started if missing) and whether it
    is new; ``None`` when it is already submitted or approved."""
    position = employee.current_position
    if position is None or position.parent_id != leader.position_id:
        raise ValidationError(
            _("%(name)s bukan bawahan langsung jabatan Anda.") % {"name": employee.name}
        )
    skp = Skp.objects.filter(
        employee=employee, performance_year_id=leader.performance_year_id, position=position
    ).first()
    if skp is None:
        return start_skp(
            actor=actor, employee=employee, performance_year=leader.performance_year
        ), True
    if skp.state not in EDITABLE_STATES:
        skipped.append(
            _("%(name)s: SKP berstatus %(state)s")
            % {"name": employee.name, "state": skp.get_state_display()}
        )
        return None, False
    return skp, False
