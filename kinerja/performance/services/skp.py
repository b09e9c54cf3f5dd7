"""Every write to SKPs: starting, planning and the approval workflow.

Copying an earlier SKP and drafting from the Matriks Peran Hasil are in
:mod:`kinerja.performance.services.skp_drafting`.

Each change to an SKP or its parts raises the SKP's ``version`` in the same transaction; a form
carries the version it was drawn from, and a stale one is refused with :class:`StaleSkp` so that
two people editing at once never overwrite each other silently.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core.audit import record_event, snapshot
from kinerja.employees.models import Assignment, AssignmentKind, Employee
from kinerja.employees.selectors import superiors_of
from kinerja.org.models import JabatanType
from kinerja.performance.access import is_skp_assessor, is_skp_owner
from kinerja.performance.models import (
    Aspek,
    BehaviourExpectation,
    Berakhlak,
    Iki,
    PerformanceYear,
    Perspektif,
    Rhk,
    RhkKind,
    Skp,
    SkpApproach,
    SkpState,
)
from kinerja.performance.models.skp import EDITABLE_STATES
from kinerja.performance.querysets import held_position_ids
from kinerja.performance.services.indicator_link import clean_link

#: The workflow: who moves an SKP from one state to the next.
TRANSITIONS: dict[str, dict[str, str]] = {
    SkpState.DRAFT: {"submit": SkpState.SUBMITTED},
    SkpState.RETURNED: {"submit": SkpState.SUBMITTED},
    SkpState.SUBMITTED: {"approve": SkpState.APPROVED, "return": SkpState.RETURNED},
    SkpState.APPROVED: {},
}

DETAIL_FIELDS = ("approach", "dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi")
RHK_FIELDS = ("kind", "text", "supports")
IKI_FIELDS = (
    "text", "aspek", "perspektif", "target", "unit", "lower_is_better", "indicator_source",
)  # fmt: skip
MAX_TARGET = Decimal("999999999999.99")


class StaleSkp(ValidationError):
    """The SKP changed after the form was drawn."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "SKP ini baru saja diubah oleh orang lain. Muat ulang halaman; isian Anda "
                "masih ada di formulir di bawah."
            ),
            code="stale",
        )


def bump_version(skp: Skp, version: int | None) -> None:
    """Raise the SKP's version, refusing the change if ``version`` is no longer current."""
    query = Skp.objects.filter(pk=skp.pk)
    if version is not None:
        query = query.filter(version=version)
    if not query.update(version=F("version") + 1, updated_at=timezone.now()):
        raise StaleSkp
    skp.version = Skp.objects.values_list("version", flat=True).get(pk=skp.pk)


def require_editable(actor: Any, skp: Skp) -> None:
    """Refuse unless ``actor`` owns ``skp`` and it is still a draft or returned."""
    if not is_skp_owner(actor, skp):
        raise PermissionDenied
    if skp.state not in EDITABLE_STATES:
        raise ValidationError(
            _("SKP berstatus %(state)s tidak dapat diubah.") % {"state": skp.get_state_display()}
        )


def audit_skp(actor: Any, skp: Skp, action: str, **data: Any) -> None:
    """Record an audit event on ``skp``; ``before`` is taken from ``data``, the rest is after."""
    record_event(
        actor=actor,
        action=action,
        target=skp,
        instansi_id=skp.instansi_id,
        target_label=str(skp),
        before=data.pop("before", None),
        after=data or None,
    )


# --- starting an SKP -------------------------------------------------------------------------


def leader_skp(skp: Skp) -> Skp | None:
    """The approved SKP of the position above, for the same year, whose RHK this SKP may support."""
    if skp.assessor_position_id is None:
        return None
    return (
        Skp.objects.filter(
            position_id=skp.assessor_position_id,
            performance_year_id=skp.performance_year_id,
            state=SkpState.APPROVED,
        )
        .order_by("-starts")
        .first()
    )


def _start_date(employee: Employee, position_id: int, year: int) -> date:
    """When the employee's current definitive placement began, but not before the year."""
    began = (
        Assignment.objects.filter(
            employee=employee,
            position_id=position_id,
            kind=AssignmentKind.DEFINITIF,
            end_date__isnull=True,
        )
        .values_list("start_date", flat=True)
        .first()
    )
    return max(began or date(year, 1, 1), date(year, 1, 1))


def _may_start(actor: Any, employee: Employee) -> bool:
    """The employee starts their own SKP; their atasan may draft it for them."""
    if getattr(actor, "is_authenticated", False) and employee.user_id == actor.pk:
        return True
    position = employee.current_position
    return bool(position and position.parent_id in held_position_ids(actor))


def start_skp(
    *, actor: Any, employee: Employee, performance_year: PerformanceYear, audit: bool = True
) -> Skp:
    """Start the employee's SKP for the current position in ``performance_year``.

    The assessor and the assessor's superior are derived from the position tree today. An SKP of
    the same year for another position ends the day before this one starts.
    """
    if not _may_start(actor, employee):
        raise PermissionDenied
    position = employee.current_position
    if position is None or employee.current_unit_id is None:
        raise ValidationError(_("Pegawai belum memiliki jabatan; SKP belum dapat dibuat."))
    if performance_year.instansi_id != employee.instansi_id:
        raise ValidationError(_("Tahun kinerja bukan milik instansi pegawai ini."))
    year = performance_year.year
    starts = min(_start_date(employee, position.pk, year), date(year, 12, 31))
    superiors = superiors_of(employee)
    with transaction.atomic():
        if Skp.objects.filter(
            employee=employee, performance_year=performance_year, position=position
        ).exists():
            raise ValidationError(_("SKP %(year)s untuk jabatan ini sudah ada.") % {"year": year})
        earlier = Skp.objects.select_for_update().filter(
            employee=employee, performance_year=performance_year, ends__gte=starts
        )
        for old in earlier:
            if old.starts >= starts:
                raise ValidationError(
                    _("SKP lain tahun ini sudah mulai pada atau setelah %(date)s.")
                    % {"date": starts.isoformat()}
                )
            old.ends = starts - timedelta(days=1)
            old.version += 1
            old.save(update_fields=["ends", "version", "updated_at"])
            if audit:
                audit_skp(actor, old, "skp.end", ends=old.ends)
        skp = Skp.objects.create(
            instansi_id=employee.instansi_id,
            performance_year=performance_year,
            employee=employee,
            position=position,
            unit_id=employee.current_unit_id,
            is_jpt=position.jabatan_type == JabatanType.JPT,
            starts=starts,
            ends=date(year, 12, 31),
            assessor_position=superiors.atasan_position,
            assessor=superiors.atasan.employee if superiors.atasan else None,
            assessor_superior=superiors.atasan_atasan.employee if superiors.atasan_atasan else None,
        )
        if audit:
            audit_skp(actor, skp, "skp.start", position=position.name, starts=starts)
    return skp


# --- the plan --------------------------------------------------------------------------------


def update_details(*, actor: Any, skp: Skp, version: int | None, **fields: Any) -> Skp:
    """Change the approach and the lampiran of an SKP being drafted."""
    require_editable(actor, skp)
    unknown = set(fields) - set(DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if "approach" in fields and fields["approach"] not in SkpApproach.values:
        raise ValidationError({"approach": [_("Pilih pendekatan kuantitatif atau kualitatif.")]})
    with transaction.atomic():
        bump_version(skp, version)
        before = snapshot(skp, DETAIL_FIELDS)
        for name, value in fields.items():
            setattr(skp, name, value.strip() if isinstance(value, str) else value)
        skp.save(update_fields=[*fields, "updated_at"])
        audit_skp(actor, skp, "skp.update", before=before, **snapshot(skp, DETAIL_FIELDS))
    return skp


def _check_supports(skp: Skp, supports: Rhk | None) -> dict[str, list[str]]:
    if skp.is_jpt:
        if supports is not None:
            return {
                "supports": [
                    _("RHK JPT diturunkan dari Perjanjian Kinerja, bukan dari RHK pimpinan.")
                ]
            }
        return {}
    leader = leader_skp(skp)
    if supports is None:
        if skp.assessor_position_id is None:
            return {}
        if leader is None:
            return {
                "supports": [
                    _("SKP atasan Anda belum disetujui; RHK yang diintervensi belum dapat dipilih.")
                ]
            }
        return {"supports": [_("Pilih RHK pimpinan yang didukung.")]}
    if leader is None or supports.skp_id != leader.pk:
        return {"supports": [_("RHK yang dipilih bukan RHK dari SKP atasan yang disetujui.")]}
    return {}


def save_rhk(
    *,
    actor: Any,
    skp: Skp,
    version: int | None,
    kind: str,
    text: str,
    supports: Rhk | None = None,
    rhk: Rhk | None = None,
) -> Rhk:
    """Add an RHK to ``skp`` or change ``rhk``."""
    require_editable(actor, skp)
    text = (text or "").strip()
    errors: dict[str, list[str]] = {}
    if kind not in RhkKind.values:
        errors["kind"] = [_("Pilih RHK utama atau tambahan.")]
    if not text:
        errors["text"] = [_("Rencana hasil kerja wajib diisi.")]
    errors.update(_check_supports(skp, supports))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        bump_version(skp, version)
        if rhk is None:
            rhk = Rhk(skp=skp, instansi_id=skp.instansi_id, order=skp.rhks.count() + 1)
            before = None
        else:
            if rhk.skp_id != skp.pk:
                raise PermissionDenied
            before = snapshot(rhk, RHK_FIELDS)
        rhk.kind, rhk.text, rhk.supports = kind, text, supports
        rhk.save()
        audit_skp(actor, skp, "skp.rhk", before=before, rhk=rhk.pk, **snapshot(rhk, RHK_FIELDS))
    return rhk


def delete_rhk(*, actor: Any, rhk: Rhk, version: int | None) -> None:
    skp = rhk.skp
    require_editable(actor, skp)
    with transaction.atomic():
        bump_version(skp, version)
        audit_skp(actor, skp, "skp.rhk_delete", before=snapshot(rhk, RHK_FIELDS), rhk=rhk.pk)
        rhk.delete()


def _clean_iki(skp: Skp, values: dict[str, Any]) -> dict[str, list[str]]:
    # First: a realisasi computed from the complaint records takes the indicator's unit.
    errors: dict[str, list[str]] = clean_link(values)
    if not values["text"]:
        errors["text"] = [_("Indikator wajib diisi.")]
    target = values["target"]
    if target is not None:
        if target < 0:
            errors["target"] = [_("Target tidak boleh negatif.")]
        elif target > MAX_TARGET:
            errors["target"] = [_("Target terlalu besar.")]
        if not values["unit"]:
            errors["unit"] = [_("Satuan wajib diisi bila target berupa angka.")]
    elif values["lower_is_better"]:
        errors["lower_is_better"] = [_("Hanya indikator dengan target angka yang dapat dibalik.")]
    if skp.is_jpt:
        if values["perspektif"] not in Perspektif.values:
            errors["perspektif"] = [_("IKI JPT wajib memiliki perspektif.")]
        if values["aspek"]:
            errors["aspek"] = [_("IKI JPT memakai perspektif, bukan aspek.")]
    else:
        if values["perspektif"]:
            errors["perspektif"] = [_("Perspektif hanya untuk IKI JPT.")]
        if values["aspek"] and values["aspek"] not in Aspek.values:
            errors["aspek"] = [_("Aspek tidak dikenal.")]
        if skp.approach == SkpApproach.QUANTITATIVE and not values["aspek"]:
            errors["aspek"] = [_("Pada pendekatan kuantitatif setiap IKI memiliki aspek.")]
    return errors


def save_iki(
    *,
    actor: Any,
    rhk: Rhk,
    version: int | None,
    text: str,
    aspek: str = "",
    perspektif: str = "",
    target: Decimal | None = None,
    unit: str = "",
    lower_is_better: bool = False,
    indicator_source: str = "",
    iki: Iki | None = None,
) -> Iki:
    """Add an IKI to ``rhk`` or change ``iki``; a numeric target needs its unit. An
    ``indicator_source`` makes its realisasi computed from the complaint records."""
    skp = rhk.skp
    require_editable(actor, skp)
    values = {
        "text": (text or "").strip(),
        "aspek": aspek or "",
        "perspektif": perspektif or "",
        "target": target,
        "unit": (unit or "").strip(),
        "lower_is_better": bool(lower_is_better),
        "indicator_source": indicator_source or "",
    }
    errors = _clean_iki(skp, values)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        bump_version(skp, version)
        if iki is None:
            iki = Iki(rhk=rhk, instansi_id=skp.instansi_id, order=rhk.ikis.count() + 1)
            before = None
        else:
            if iki.rhk_id != rhk.pk:
                raise PermissionDenied
            before = snapshot(iki, IKI_FIELDS)
        for name, value in values.items():
            setattr(iki, name, value)
        iki.save()
        audit_skp(actor, skp, "skp.iki", before=before, iki=iki.pk, **snapshot(iki, IKI_FIELDS))
    return iki


def delete_iki(*, actor: Any, iki: Iki, version: int | None) -> None:
    skp = iki.rhk.skp
    require_editable(actor, skp)
    with transaction.atomic():
        bump_version(skp, version)
        audit_skp(actor, skp, "skp.iki_delete", before=snapshot(iki, IKI_FIELDS), iki=iki.pk)
        iki.delete()


def set_expectations(*, actor: Any, skp: Skp, version: int | None, texts: dict[str, str]) -> Skp:
    """The assessor writes the Ekspektasi Khusus Pimpinan per BerAKHLAK value; blank removes."""
    if not is_skp_assessor(actor, skp):
        raise PermissionDenied
    if skp.state == SkpState.APPROVED:
        raise ValidationError(_("Ekspektasi SKP yang sudah disetujui tidak dapat diubah."))
    unknown = set(texts) - set(Berakhlak.values)
    if unknown:
        raise ValidationError(_("Nilai BerAKHLAK tidak dikenal: %(v)s") % {"v": ", ".join(unknown)})
    with transaction.atomic():
        bump_version(skp, version)
        before = dict(skp.expectations.values_list("value", "text"))
        after = {value: text.strip() for value, text in texts.items() if text and text.strip()}
        skp.expectations.exclude(value__in=after).delete()
        for value, text in after.items():
            BehaviourExpectation.objects.update_or_create(
                skp=skp, value=value, defaults={"text": text}
            )
        audit_skp(actor, skp, "skp.expectations", before=before, **after)
    return skp


# --- the workflow ----------------------------------------------------------------------------


def plan_problems(skp: Skp) -> list[str]:
    """What still stops the SKP from being submitted (empty when it can be)."""
    problems: list[str] = []
    rhks = list(skp.rhks.prefetch_related("ikis"))
    if not any(r.kind == RhkKind.UTAMA for r in rhks):
        problems.append(_("SKP memerlukan paling sedikit satu RHK utama."))
    for rhk in rhks:
        if not rhk.ikis.all():
            problems.append(_("RHK “%(rhk)s” belum memiliki IKI.") % {"rhk": rhk.text[:60]})
        if _check_supports(skp, rhk.supports):
            problems.append(
                _("RHK “%(rhk)s” belum menunjuk RHK pimpinan yang disetujui.")
                % {"rhk": rhk.text[:60]}
            )
    return problems


def _transition(actor: Any, skp: Skp, version: int | None, action: str, **changes: Any) -> Skp:
    target = TRANSITIONS.get(skp.state, {}).get(action)
    if target is None:
        raise ValidationError(
            _("SKP berstatus %(state)s tidak dapat di-%(action)s.")
            % {"state": skp.get_state_display(), "action": action}
        )
    with transaction.atomic():
        bump_version(skp, version)
        before = snapshot(skp, ["state"])
        skp.state = target
        for name, value in changes.items():
            setattr(skp, name, value)
        skp.save(update_fields=["state", *changes, "updated_at"])
        comment = changes.get("return_comment")
        audit_skp(actor, skp, f"skp.{action}", before=before, state=target, comment=comment or None)
    return skp


def submit_skp(*, actor: Any, skp: Skp, version: int | None) -> Skp:
    """Draft or returned → submitted, once the plan is complete."""
    if not is_skp_owner(actor, skp):
        raise PermissionDenied
    problems = plan_problems(skp)
    if problems:
        raise ValidationError(problems)
    return _transition(actor, skp, version, "submit", submitted_at=timezone.now())


def return_skp(*, actor: Any, skp: Skp, version: int | None, comment: str) -> Skp:
    """Submitted → returned with the assessor's comments, for the employee to revise."""
    if not is_skp_assessor(actor, skp):
        raise PermissionDenied
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(
            {"comment": [_("Tulis catatan untuk pegawai saat mengembalikan SKP.")]}
        )
    return _transition(
        actor,
        skp,
        version,
        "return",
        return_comment=comment,
        decided_at=timezone.now(),
        decided_by=actor,
    )


def approve_skp(*, actor: Any, skp: Skp, version: int | None) -> Skp:
    """Submitted → approved by the assessor."""
    if not is_skp_assessor(actor, skp):
        raise PermissionDenied
    return _transition(actor, skp, version, "approve", decided_at=timezone.now(), decided_by=actor)
