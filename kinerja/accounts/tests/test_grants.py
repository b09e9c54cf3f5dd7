"""Role grants: dated, audited, and only those allowed can grant."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kinerja.accounts import services
from kinerja.accounts.models import Role
from kinerja.accounts.roles import compute_principal
from kinerja.core.models import AuditEvent


def test_bkpsdm_grants_admin_opd_in_own_instansi(city):
    grant = services.grant_role(
        actor=city.bkpsdm.user,
        user=city.kasi.user,
        role=Role.ADMIN_OPD,
        unit=city.bidang,
        reason="SK 800/12",
    )
    event = AuditEvent.objects.get(action="role.grant", after__grant=grant.pk)
    assert event.actor_id == city.bkpsdm.user.pk and event.instansi_id == city.instansi.pk
    principal = compute_principal(city.kasi.user)
    assert principal.unit_paths == {city.instansi.pk: (city.bidang.path,)}


@pytest.mark.parametrize("actor", ["unit_admin", "auditor", "employee"])
def test_others_cannot_grant(city, actor):
    who = getattr(city, actor).user
    with pytest.raises(PermissionDenied):
        services.grant_role(actor=who, user=city.kasi.user, role=Role.ADMIN_OPD, unit=city.seksi)


def test_bkpsdm_cannot_grant_superadmin_or_across_instansi(city):
    with pytest.raises(PermissionDenied):
        services.grant_role(actor=city.bkpsdm.user, user=city.kasi.user, role=Role.SUPERADMIN)
    with pytest.raises(PermissionDenied):
        services.grant_role(
            actor=city.bkpsdm.user,
            user=city.foreign.user,
            role=Role.AUDITOR,
            instansi=city.other_instansi,
        )


def test_user_of_another_instansi_cannot_receive_a_grant_here(city):
    with pytest.raises(ValidationError, match="instansi lain"):
        services.grant_role(
            actor=city.superadmin, user=city.foreign.user, role=Role.AUDITOR, instansi=city.instansi
        )


def test_grant_scope_must_match_role(city):
    with pytest.raises(ValidationError):
        services.grant_role(
            actor=city.superadmin, user=city.kasi.user, role=Role.ADMIN_OPD, instansi=city.instansi
        )


def test_dates_bound_the_grant(city):
    today = timezone.localdate()
    services.grant_role(
        actor=city.bkpsdm.user,
        user=city.kasi.user,
        role=Role.AUDITOR,
        instansi=city.instansi,
        valid_from=today + timedelta(days=1),
    )
    assert Role.AUDITOR not in compute_principal(city.kasi.user).roles
    services.grant_role(
        actor=city.bkpsdm.user,
        user=city.kabid.user,
        role=Role.AUDITOR,
        instansi=city.instansi,
        valid_from=date(2020, 1, 1),
        valid_until=today - timedelta(days=1),
    )
    assert Role.AUDITOR not in compute_principal(city.kabid.user).roles
    with pytest.raises(ValidationError):
        services.grant_role(
            actor=city.bkpsdm.user,
            user=city.kabid.user,
            role=Role.AUDITOR,
            instansi=city.instansi,
            valid_from=today,
            valid_until=today - timedelta(days=3),
        )


def test_revoke_ends_the_role_and_is_audited(city):
    grant = city.unit_admin.user.grants.get()
    services.revoke_role(actor=city.bkpsdm.user, grant=grant)
    assert not compute_principal(city.unit_admin.user).unit_paths
    assert AuditEvent.objects.filter(action="role.revoke", before__grant=grant.pk).exists()
    with pytest.raises(PermissionDenied):
        services.revoke_role(actor=city.auditor.user, grant=city.auditor.user.grants.get())
