"""What a user may see and do, computed once per request from their account and grants."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone

from kinerja.accounts.models import Role, RoleGrant


@dataclass(frozen=True)
class Principal:
    """The access scope of one user (derived roles such as atasan are added by later apps)."""

    user_id: int | None = None
    is_superadmin: bool = False
    home_instansi_id: int | None = None
    instansi_ids: frozenset[int] = frozenset()
    instansi_read: frozenset[int] = frozenset()
    instansi_write: frozenset[int] = frozenset()
    unit_paths: dict[int, tuple[str, ...]] = field(default_factory=dict)
    roles: frozenset[str] = frozenset()
    #: Instansi whose complaints the user verifies and routes (ULAS admins).
    complaint_verify: frozenset[int] = frozenset()
    #: Units (with their subtrees) whose complaints the user dispatches to officers.
    complaint_unit_paths: dict[int, tuple[str, ...]] = field(default_factory=dict)

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    def belongs_to(self, instansi_id: int) -> bool:
        """Whether the user may see the instansi at all (their own, or granted in it)."""
        return self.is_superadmin or instansi_id in self.instansi_ids

    def reads_instansi(self, instansi_id: int) -> bool:
        return self.is_superadmin or instansi_id in self.instansi_read

    def writes_instansi(self, instansi_id: int) -> bool:
        return self.is_superadmin or instansi_id in self.instansi_write

    def administers_path(self, instansi_id: int, path: str) -> bool:
        return any(path.startswith(p) for p in self.unit_paths.get(instansi_id, ()))

    def verifies_complaints(self, instansi_id: int) -> bool:
        return self.is_superadmin or instansi_id in self.complaint_verify

    def dispatches_complaints(self, instansi_id: int, path: str) -> bool:
        """Whether the user assigns officers to complaints sent to the unit at ``path``.

        Admin OPD may do so for the units they administer, as may the OPD's complaint admins.
        """
        if self.is_superadmin:
            return True
        return self.administers_path(instansi_id, path) or any(
            path.startswith(p) for p in self.complaint_unit_paths.get(instansi_id, ())
        )

    @property
    def is_admin(self) -> bool:
        return bool(self.roles & {Role.ADMIN_OPD, Role.ADMIN_BKPSDM, Role.AUDITOR, Role.SUPERADMIN})


ANONYMOUS = Principal()


def active_grants_q(day: Any = None) -> Q:
    day = day or timezone.localdate()
    return (
        Q(revoked_at__isnull=True)
        & Q(valid_from__lte=day)
        & (Q(valid_until__isnull=True) | Q(valid_until__gte=day))
    )


def compute_principal(user: Any) -> Principal:
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    grants = list(
        RoleGrant.objects.filter(active_grants_q(), user_id=user.pk)
        .select_related("unit")
        .only("role", "instansi_id", "unit__path", "unit__instansi_id")
    )
    roles = {g.role for g in grants}
    instansi_ids = {user.instansi_id} if user.instansi_id else set()
    read: set[int] = set()
    write: set[int] = set()
    unit_paths: dict[int, list[str]] = {}
    complaint_paths: dict[int, list[str]] = {}
    verify: set[int] = set()
    for grant in grants:
        if grant.instansi_id:
            instansi_ids.add(grant.instansi_id)
        if grant.role == Role.ADMIN_BKPSDM and grant.instansi_id:
            read.add(grant.instansi_id)
            write.add(grant.instansi_id)
        elif grant.role == Role.AUDITOR and grant.instansi_id:
            read.add(grant.instansi_id)
        elif grant.role == Role.ADMIN_OPD and grant.unit is not None:
            unit_paths.setdefault(grant.unit.instansi_id, []).append(grant.unit.path)
        elif grant.role == Role.COMPLAINT_VERIFIER and grant.instansi_id:
            verify.add(grant.instansi_id)
        elif grant.role == Role.COMPLAINT_ADMIN and grant.unit is not None:
            complaint_paths.setdefault(grant.unit.instansi_id, []).append(grant.unit.path)
    return Principal(
        user_id=user.pk,
        is_superadmin=Role.SUPERADMIN in roles or user.is_superuser,
        home_instansi_id=user.instansi_id,
        instansi_ids=frozenset(instansi_ids),
        instansi_read=frozenset(read),
        instansi_write=frozenset(write),
        unit_paths={k: tuple(v) for k, v in unit_paths.items()},
        roles=frozenset(roles),
        complaint_verify=frozenset(verify),
        complaint_unit_paths={k: tuple(v) for k, v in complaint_paths.items()},
    )


def principal_for(user: Any) -> Principal:
    """The user's principal, cached on the user object for the rest of the request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, "_kinerja_principal", None)
    if cached is None:
        cached = compute_principal(user)
        user._kinerja_principal = cached
    return cached


def requires_mfa(user: Any) -> bool:
    from django.conf import settings

    principal = principal_for(user)
    required = set(settings.KINERJA_MFA_REQUIRED_ROLES)
    return bool(principal.roles & required) or (
        principal.is_superadmin and "superadmin" in required
    )
