"""Every write to accounts and role grants."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.models import Role, RoleGrant, User
from kinerja.accounts.roles import principal_for
from kinerja.core.audit import record_event


def can_grant(actor: Any, role: str, instansi_id: int | None) -> bool:
    """Superadmins grant anything; an Admin BKPSDM grants the other roles within their instansi."""
    principal = principal_for(actor)
    if principal.is_superadmin:
        return True
    if role == Role.SUPERADMIN or instansi_id is None:
        return False
    return principal.writes_instansi(instansi_id)


def grant_role(
    *,
    actor: Any,
    user: User,
    role: str,
    instansi: Any = None,
    unit: Any = None,
    valid_from: date | None = None,
    valid_until: date | None = None,
    reason: str = "",
) -> RoleGrant:
    """Grant a dated role; refused unless ``actor`` may grant it in that scope."""
    if unit is not None and instansi is None:
        instansi = unit.instansi
    instansi_id = instansi.pk if instansi is not None else None
    if not can_grant(actor, role, instansi_id):
        raise PermissionDenied(_("Anda tidak berwenang memberikan peran ini."))
    if user.instansi_id and instansi_id and user.instansi_id != instansi_id:
        raise ValidationError(_("Pengguna berasal dari instansi lain."))
    grant = RoleGrant(
        user=user,
        role=role,
        instansi=instansi,
        unit=unit,
        valid_from=valid_from or timezone.localdate(),
        valid_until=valid_until,
        reason=reason,
        granted_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    grant.full_clean()
    with transaction.atomic():
        grant.save()
        record_event(
            actor=actor,
            action="role.grant",
            target=user,
            instansi_id=instansi_id,
            after={
                "grant": grant.pk,
                "role": role,
                "unit": unit.pk if unit else None,
                "valid_from": grant.valid_from,
                "valid_until": valid_until,
                "reason": reason,
            },
        )
    return grant


def revoke_role(*, actor: Any, grant: RoleGrant) -> RoleGrant:
    if not can_grant(actor, grant.role, grant.instansi_id):
        raise PermissionDenied(_("Anda tidak berwenang mencabut peran ini."))
    if grant.revoked_at is not None:
        return grant
    with transaction.atomic():
        grant.revoked_at = timezone.now()
        grant.revoked_by = actor
        grant.save(update_fields=["revoked_at", "revoked_by"])
        record_event(
            actor=actor,
            action="role.revoke",
            target=grant.user,
            instansi_id=grant.instansi_id,
            before={"grant": grant.pk, "role": grant.role},
        )
    return grant


def create_user(
    *,
    actor: Any,
    username: str,
    email: str = "",
    password: str | None = None,
    instansi: Any = None,
    display_name: str = "",
    audit: bool = True,
) -> User:
    """Create a login (for an employee the username is the NIP)."""
    with transaction.atomic():
        user = User(username=username, email=email, instansi=instansi, display_name=display_name)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        if audit:
            record_event(
                actor=actor,
                action="user.create",
                target=user,
                instansi_id=instansi.pk if instansi else None,
                after={"username": username},
            )
    return user
