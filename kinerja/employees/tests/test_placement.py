"""Derived superiors, acting officials, broken chains and placement history."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kinerja.core.models import AuditEvent
from kinerja.employees import selectors, services
from kinerja.employees.models import Assignment, AssignmentKind, Employee


def _fresh(e: Employee) -> Employee:
    return Employee.objects.with_placement().get(pk=e.pk)


def test_superiors_follow_the_position_tree(city):
    sup = selectors.superiors_of(_fresh(city.kasi))
    assert sup.atasan is not None and sup.atasan_atasan is not None
    assert sup.atasan.employee == city.kabid and sup.atasan_atasan.employee == city.kadis
    top = selectors.superiors_of(_fresh(city.kadis))
    assert top.atasan is None and not top.chain_broken


def test_vacancy_breaks_the_chain_until_an_acting_official_is_named(city):
    current = Assignment.objects.get(employee=city.kasi, end_date__isnull=True)
    services.end_assignment(actor=None, assignment=current, end_date=date(2025, 12, 31))
    sup = selectors.superiors_of(_fresh(city.employee))
    assert sup.atasan is None and sup.chain_broken
    broken = selectors.broken_chains(city.instansi.pk)
    assert {city.employee, city.colleague, city.unit_admin} <= set(broken)

    services.assign_position(
        actor=None,
        employee=city.kabid,
        position=city.kasi_pos,
        kind=AssignmentKind.PLT,
        start_date=date(2026, 1, 1),
    )
    sup = selectors.superiors_of(_fresh(city.employee))
    assert sup.atasan is not None and sup.atasan_atasan is not None
    assert sup.atasan.employee == city.kabid and sup.atasan.is_acting
    assert sup.atasan_atasan.employee == city.kabid  # the Plt's own position is the next level
    assert city.employee not in selectors.broken_chains(city.instansi.pk)
    # the Plt leads the team: the employee appears among the acting official's direct reports
    assert city.employee in selectors.direct_reports(city.kabid)


def test_new_definitive_placement_closes_the_previous_one(city):
    services.assign_position(
        actor=None,
        employee=city.employee,
        position=city.other_staff_pos,
        start_date=date(2026, 3, 1),
    )
    history = selectors.assignment_history(city.employee)
    assert [a.end_date for a in history] == [None, date(2026, 2, 28)]
    e = _fresh(city.employee)
    assert e.current_unit == city.other_dinas and e.unit_path == city.other_dinas.path
    assert AuditEvent.objects.filter(action="assignment.definitif", target_id=str(e.pk)).exists()


def test_structural_position_takes_one_holder(city):
    with pytest.raises(ValidationError, match="sudah terisi"):
        services.assign_position(
            actor=None, employee=city.colleague, position=city.kasi_pos, start_date=date(2026, 1, 1)
        )


def test_other_instansi_position_is_refused(city):
    with pytest.raises(ValidationError, match="instansi lain"):
        services.assign_position(
            actor=None,
            employee=city.employee,
            position=city.foreign.current_position,
            start_date=date(2026, 1, 1),
        )


def test_update_records_before_and_after(city):
    services.update_employee(actor=city.bkpsdm.user, employee=city.employee, phone="081234567890")
    event = AuditEvent.objects.filter(action="employee.update").latest("id")
    assert event.before == {"phone": ""} and event.after == {"phone": "081234567890"}
    assert event.actor_id == city.bkpsdm.user.pk


def test_update_rejects_disagreeing_birth_date(city):
    with pytest.raises(ValidationError) as exc:
        services.update_employee(actor=None, employee=city.employee, birth_date=date(1990, 1, 1))
    assert "birth_date" in exc.value.message_dict


def test_admin_profile_views_are_audited_but_not_own_or_team(city, login):
    from django.urls import reverse

    def views_of(employee):
        return AuditEvent.objects.filter(action="employee.view", target_id=str(employee.pk)).count()

    login("bkpsdm").get(reverse("employees:profile", args=[city.employee.pk]))
    login("auditor").get(f"/api/v1/employees/{city.employee.nip}/")
    assert views_of(city.employee) == 2
    event = AuditEvent.objects.filter(action="employee.view").latest("id")
    assert event.actor_id == city.auditor.user.pk
    login("employee").get(reverse("employees:profile", args=[city.employee.pk]))
    login("supervisor").get(reverse("employees:profile", args=[city.employee.pk]))
    assert views_of(city.employee) == 2
