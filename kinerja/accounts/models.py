"""Accounts and dated role grants."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A login. ``username`` holds the NIP for employees (login by NIP or e-mail).

    ``instansi`` is the agency the person belongs to; superadmins have none.
    Pegawai and atasan are not stored as roles: they follow from the employee record and the
    position tree. Other roles are :class:`RoleGrant` rows.
    """

    instansi = models.ForeignKey(
        "org.Instansi", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    display_name = models.CharField(_("nama tampilan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username


class Role(models.TextChoices):
    ADMIN_OPD = "admin_opd", _("Admin OPD")
    ADMIN_BKPSDM = "admin_bkpsdm", _("Admin BKPSDM")
    AUDITOR = "auditor", _("Auditor (Inspektorat)")
    SUPERADMIN = "superadmin", _("Superadmin")
    COMPLAINT_VERIFIER = "verifikator_aduan", _("Verifikator aduan (ULAS)")
    COMPLAINT_ADMIN = "admin_aduan", _("Admin aduan OPD")


#: Roles scoped to one unit and its subtree; the others apply to a whole instansi.
UNIT_ROLES = (Role.ADMIN_OPD, Role.COMPLAINT_ADMIN)


class RoleGrant(models.Model):
    """A dated grant of a role. Grants are never edited; they are revoked and re-granted."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grants"
    )
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    instansi = models.ForeignKey(
        "org.Instansi", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Untuk Admin OPD: unit beserta seluruh unit di bawahnya."),
    )
    valid_from = models.DateField(_("berlaku sejak"))
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    reason = models.CharField(_("dasar pemberian"), max_length=300, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("pemberian peran")
        verbose_name_plural = _("pemberian peran")
        ordering = ["-valid_from", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(role="superadmin") & Q(instansi__isnull=True) & Q(unit__isnull=True))
                | (
                    Q(role__in=["admin_opd", "admin_aduan"])
                    & Q(instansi__isnull=False)
                    & Q(unit__isnull=False)
                )
                | (
                    Q(role__in=["admin_bkpsdm", "auditor", "verifikator_aduan"])
                    & Q(instansi__isnull=False)
                    & Q(unit__isnull=True)
                ),
                name="rolegrant_scope_matches_role",
                violation_error_message=_(
                    "Admin OPD dan admin aduan memerlukan unit; Admin BKPSDM, auditor dan"
                    " verifikator aduan memerlukan instansi tanpa unit; superadmin tanpa keduanya."
                ),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="rolegrant_dates",
                violation_error_message=_("Tanggal akhir tidak boleh sebelum tanggal mulai."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} – {self.user}"
