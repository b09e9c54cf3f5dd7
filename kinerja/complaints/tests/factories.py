"""Complaints in each state for tests, built through the services as users would."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kinerja.accounts.models import Role
from kinerja.accounts.services import grant_role
from kinerja.complaints.models import Category, Channel, Complaint
from kinerja.complaints.services import workflow
from kinerja.complaints.services.intake import Intake, file_complaint


def category(city: Any, code: str = "jalan", name: str = "Jalan dan drainase") -> Category:
    found, _created = Category.objects.get_or_create(
        instansi=city.instansi, code=code, defaults={"name": name, "default_unit": city.dinas}
    )
    return found


def new_complaint(
    city: Any,
    *,
    channel: str = Channel.ULAS,
    received_at: datetime | None = None,
    title: str = "Jalan berlubang di depan pasar",
    **fields: Any,
) -> Complaint:
    """A complaint as the public form files it (status baru), with the complainant's data."""
    data = Intake(
        title=title,
        description=fields.pop("description", "Lubang besar, berbahaya bagi pengendara motor."),
        received_at=received_at,
        category=fields.pop("category", None) or category(city),
        location=fields.pop("location", "Jl. Slamet Riyadi 1"),
        complainant_name=fields.pop("complainant_name", "Siti Aminah"),
        complainant_phone=fields.pop("complainant_phone", "081234567890"),
        complainant_email=fields.pop("complainant_email", "siti@example.com"),
        **fields,
    )
    return file_complaint(actor=None, instansi_id=city.instansi.pk, channel=channel, data=data)


def dispatched(city: Any, **kw: Any) -> Complaint:
    """Routed by the verifier to Dinas Satu."""
    c = new_complaint(city, **kw)
    return workflow.route(actor=city.verifier.user, complaint=c, unit=city.dinas)


def assigned(city: Any, **kw: Any) -> Complaint:
    """Given by Dinas Satu's Admin OPD to the employee persona."""
    c = dispatched(city, **kw)
    return workflow.assign(actor=city.unit_admin.user, complaint=c, officer=city.employee)


def answered(city: Any, **kw: Any) -> Complaint:
    """Followed up by the officer; waiting for the verifier."""
    c = assigned(city, **kw)
    workflow.follow_up(actor=city.employee.user, complaint=c, body="Lubang sudah ditambal.")
    c.refresh_from_db()
    return c


def done(city: Any, **kw: Any) -> Complaint:
    """Accepted by the verifier."""
    c = answered(city, **kw)
    return workflow.accept(actor=city.verifier.user, complaint=c)


def complaint_admin(city: Any, employee: Any, unit: Any) -> Any:
    """Give ``employee`` the OPD complaint-admin role for ``unit``."""
    return grant_role(
        actor=city.superadmin, user=employee.user, role=Role.COMPLAINT_ADMIN, unit=unit
    )
