"""Writing the complaint catalogue of an instansi: service levels (SLA policies) per channel
and category, and the categories themselves, each change checked, audited and refused when
drawn from an older version (issue 4 §3)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.complaints.models import Category, Complaint, SlaPolicy
from kinerja.complaints.services.calendar import (
    CATEGORY_FIELDS,
    NO_RECOUNT,
    POLICY_FIELDS,
    Recount,
    claim_row,
    delete_row,
    write_row,
)
from kinerja.core.audit import snapshot

# --- Service levels ------------------------------------------------------------------------


def _check_category(instansi_id: int, category: Category | None) -> None:
    if category is not None and category.instansi_id != instansi_id:
        raise ValidationError({"category": _("Kategori tidak dikenal.")})


def add_policy(
    *, actor: Any, instansi_id: int, channel: str, category: Category | None,
    response_minutes: int, followup_minutes: int,
) -> tuple[SlaPolicy, Recount]:  # fmt: skip
    """Add a service level (working minutes per step); open complaints get new due times."""
    _check_category(instansi_id, category)
    policy = SlaPolicy(
        instansi_id=instansi_id,
        channel=channel or "",
        category=category,
        response_minutes=response_minutes,
        followup_minutes=followup_minutes,
    )
    recount = write_row(
        policy, actor=actor, action="complaint_settings.sla_add", fields=POLICY_FIELDS,
        main_field=None, unique_field="channel", years=(),
    )  # fmt: skip
    return policy, recount


def change_policy(
    *, actor: Any, policy: SlaPolicy, version: int | None, channel: str,
    category: Category | None, response_minutes: int, followup_minutes: int,
) -> tuple[SlaPolicy, Recount]:  # fmt: skip
    """Change a service level; the open complaints get new due times."""
    _check_category(policy.instansi_id, category)
    before = snapshot(policy, POLICY_FIELDS)
    policy.channel, policy.category = channel or "", category
    policy.response_minutes, policy.followup_minutes = response_minutes, followup_minutes
    recount = write_row(
        policy, actor=actor, action="complaint_settings.sla_change", fields=POLICY_FIELDS,
        before=before, main_field=None, unique_field="channel", years=(), version=version,
    )  # fmt: skip
    return policy, recount


def delete_policy(*, actor: Any, policy: SlaPolicy, version: int | None) -> Recount:
    """Remove a service level; a more general one (or the built-in default) applies again."""
    return delete_row(
        policy, actor=actor, action="complaint_settings.sla_delete", fields=POLICY_FIELDS,
        years=(), version=version,
    )  # fmt: skip


# --- Categories ----------------------------------------------------------------------------


def _check_unit(instansi_id: int, unit: Any) -> None:
    if unit is not None and unit.instansi_id != instansi_id:
        raise ValidationError({"default_unit": _("Unit tidak dikenal.")})


def add_category(
    *, actor: Any, instansi_id: int, code: str, name: str, default_unit: Any, active: bool = True
) -> Category:
    """Add a complaint category with the OPD its complaints usually go to."""
    _check_unit(instansi_id, default_unit)
    category = Category(
        instansi_id=instansi_id,
        code=(code or "").strip(),
        name=(name or "").strip(),
        default_unit=default_unit,
        active=active,
    )
    write_row(
        category, actor=actor, action="complaint_settings.category_add", fields=CATEGORY_FIELDS,
        main_field="code", unique_field="code",
    )  # fmt: skip
    return category


def change_category(
    *, actor: Any, category: Category, version: int | None, code: str, name: str,
    default_unit: Any, active: bool,
) -> Category:  # fmt: skip
    """Change a category; deactivating it keeps its complaints but hides it from new ones."""
    _check_unit(category.instansi_id, default_unit)
    before = snapshot(category, CATEGORY_FIELDS)
    category.code, category.name = (code or "").strip(), (name or "").strip()
    category.default_unit, category.active = default_unit, active
    write_row(
        category, actor=actor, action="complaint_settings.category_change",
        fields=CATEGORY_FIELDS, before=before, main_field="code", unique_field="code",
        version=version,
    )  # fmt: skip
    return category


def delete_category(*, actor: Any, category: Category, version: int | None) -> None:
    """Delete a category nobody used (a typo); a used one is deactivated instead."""
    with transaction.atomic():
        claim_row(category, version)
        if (
            Complaint.objects.filter(category_id=category.pk).exists()
            or SlaPolicy.objects.filter(category_id=category.pk).exists()
        ):
            raise ValidationError(
                _(
                    "Kategori ini sudah dipakai aduan atau standar waktu layanan, jadi tidak"
                    " dapat dihapus. Nonaktifkan saja."
                )
            )
        delete_row(
            category, actor=actor, action="complaint_settings.category_delete",
            fields=CATEGORY_FIELDS, years=NO_RECOUNT, version=version, claimed=True,
        )  # fmt: skip
