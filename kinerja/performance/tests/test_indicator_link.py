"""An IKI's realisasi that fills itself from the complaint indicators (issue 4 §6): linking,
filling, overriding, contesting, and what the employee may no longer type."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kinerja.complaints.models import Complaint, Indicator, SkmResponse, SurveySource
from kinerja.complaints.tests import factories as f
from kinerja.core.models import AuditEvent
from kinerja.employees.models import Employee
from kinerja.performance.models import (
    Aspek,
    Iki,
    Period,
    PeriodKind,
    PeriodState,
    Realisasi,
    Skp,
)
from kinerja.performance.selectors_during import period_on
from kinerja.performance.selectors_reminders import REALISASI_DUE, reminders_for
from kinerja.performance.services import during
from kinerja.performance.services import indicator_link as link
from kinerja.performance.services import skp as skp_services
from kinerja.performance.tests.factories import Cascade, add_rhk, approve, approved_cascade

pytestmark = pytest.mark.django_db
JKT = ZoneInfo("Asia/Jakarta")


@dataclass
class Linked:
    skp: Skp
    period: Period  # the periodic period containing today
    followup: Iki  # "persentase aduan ditindaklanjuti tepat waktu", target 90 %
    handled: Iki  # "jumlah aduan ditangani", target 40 aduan
    cascade: Cascade


def linked_skp(city: Any, person: Employee | None = None, cascade: Cascade | None = None) -> Linked:
    """An approved SKP of ``person`` (the employee persona by default; assessed by the Kasi)
    with two IKI linked to complaint indicators beside one typed by hand."""
    person = person or city.employee
    cascade = cascade or approved_cascade(city)
    actor = person.user
    skp = skp_services.start_skp(actor=actor, employee=person, performance_year=cascade.year)
    rhk = add_rhk(skp, "Tertanganinya aduan masyarakat", supports=cascade.kasi_rhk)
    followup = skp_services.save_iki(
        actor=actor,
        rhk=rhk,
        version=None,
        text="Persentase aduan ditindaklanjuti ≤ 2×24 jam",
        aspek=Aspek.WAKTU,
        target=Decimal(90),
        indicator_source=Indicator.FOLLOWUP_ON_TIME,
    )
    handled = skp_services.save_iki(
        actor=actor,
        rhk=rhk,
        version=None,
        text="Jumlah aduan ditangani",
        aspek=Aspek.KUANTITAS,
        target=Decimal(40),
        indicator_source=Indicator.HANDLED,
    )
    approve(skp, city.kasi)
    skp = Skp.objects.with_people().get(pk=skp.pk)
    period = period_on(skp, timezone.localdate())
    assert period is not None
    return Linked(skp, period, followup, handled, cascade)


def received(period: Period, i: int = 0) -> datetime:
    """A time early on the period's first day (always in the past)."""
    return datetime.combine(period.starts, time(0, 1 + i), tzinfo=JKT)


def handled_complaint(
    city: Any, period: Period, i: int = 0, *, on_time: bool = True, minutes: int | None = None
) -> Complaint:
    """A done complaint of the employee persona, followed up an hour before (or after) its due
    time, with ``minutes`` of officer response time."""
    c = f.done(city, received_at=received(period, i))
    due = c.received_at + timedelta(days=2)
    done = due - timedelta(hours=1) if on_time else due + timedelta(hours=1)
    Complaint.objects.filter(pk=c.pk).update(
        followup_due_at=due, followed_up_at=done, officer_response_minutes=minutes
    )
    return c


def realisasi(iki: Iki, period: Period) -> Realisasi:
    row = Realisasi.objects.select_related("iki", "period").get(iki=iki, period=period)
    row.skp = Skp.objects.with_people().get(pk=row.skp_id)
    return row


@pytest.fixture
def linked(city: Any) -> Linked:
    return linked_skp(city)


# --- linking ---------------------------------------------------------------------------------


def test_a_linked_iki_takes_the_indicators_unit_and_direction(city: Any) -> None:
    cascade = approved_cascade(city)
    skp = skp_services.start_skp(
        actor=city.employee.user, employee=city.employee, performance_year=cascade.year
    )
    rhk = add_rhk(skp, "Tertanganinya aduan", supports=cascade.kasi_rhk)
    iki = skp_services.save_iki(
        actor=city.employee.user,
        rhk=rhk,
        version=None,
        text="Median waktu respons",
        aspek=Aspek.WAKTU,
        target=Decimal(8),
        indicator_source=Indicator.RESPONSE_MEDIAN,
    )
    assert (iki.unit, iki.lower_is_better) == ("jam kerja", True)
    # A unit the employee typed stays; the direction always follows the indicator.
    iki = skp_services.save_iki(
        actor=city.employee.user,
        rhk=rhk,
        version=None,
        iki=iki,
        text="Aduan ditindaklanjuti tepat waktu",
        aspek=Aspek.WAKTU,
        target=Decimal(90),
        unit="persen",
        lower_is_better=True,
        indicator_source=Indicator.FOLLOWUP_ON_TIME,
    )
    assert (iki.unit, iki.lower_is_better) == ("persen", False)


def test_only_a_numeric_iki_can_be_linked(city: Any) -> None:
    cascade = approved_cascade(city)
    skp = skp_services.start_skp(
        actor=city.employee.user, employee=city.employee, performance_year=cascade.year
    )
    rhk = add_rhk(skp, "Tertanganinya aduan", supports=cascade.kasi_rhk)
    for source, target in ((Indicator.HANDLED, None), ("tidak_ada", Decimal(1))):
        with pytest.raises(ValidationError) as refused:
            skp_services.save_iki(
                actor=city.employee.user,
                rhk=rhk,
                version=None,
                text="Laporan aduan",
                aspek=Aspek.KUALITAS,
                target=target,
                indicator_source=source,
            )
        assert "indicator_source" in refused.value.message_dict
    assert rhk.ikis.count() == 1  # only the one add_rhk made


# --- filling -----------------------------------------------------------------------------------


def test_fill_period_writes_the_officers_figures_with_their_basis(
    city: Any, linked: Linked
) -> None:
    for i, on_time in enumerate([True, True, True, False]):
        handled_complaint(city, linked.period, i, on_time=on_time)
    before = AuditEvent.objects.filter(action="realisasi.fill").count()
    filled = link.fill_period(period=linked.period)
    assert (filled.linked, filled.created, filled.changed) == (2, 2, 0)
    share = realisasi(linked.followup, linked.period)
    assert share.value == share.computed_value == Decimal("75.00")
    assert share.computed_basis["numerator"] == 3
    assert share.computed_basis["denominator"] == 4
    assert share.computed_basis["indicator"] == Indicator.FOLLOWUP_ON_TIME
    assert share.computed_basis["starts"] == linked.period.starts.isoformat()
    assert share.version == 1 and share.computed_at is not None
    assert realisasi(linked.handled, linked.period).value == Decimal(4)
    # The IKI typed by hand is left to the employee.
    assert not Realisasi.objects.filter(iki__indicator_source="", skp=linked.skp).exists()
    # One audit event for the whole fill, not one per row.
    assert AuditEvent.objects.filter(action="realisasi.fill").count() == before + 1
    event = AuditEvent.objects.filter(action="realisasi.fill").latest("id")
    assert (event.after or {}).get("created") == 2 and (event.after or {}).get("linked") == 2
    # A second fill with nothing new changes nothing but the time of computation.
    again = link.fill_period(period=linked.period)
    assert (again.created, again.changed, again.unchanged) == (0, 0, 2)
    assert realisasi(linked.followup, linked.period).version == 1


def test_an_officer_without_complaints_handled_none_and_no_share(city: Any, linked: Linked) -> None:
    link.fill_period(period=linked.period)
    assert realisasi(linked.handled, linked.period).value == Decimal(0)
    share = realisasi(linked.followup, linked.period)
    assert share.value is None and share.computed_value is None
    assert share.computed_basis["denominator"] == 0


def test_an_override_survives_refills_until_cleared(city: Any, linked: Linked) -> None:
    handled_complaint(city, linked.period, 0, on_time=False)
    link.fill_period(period=linked.period)
    row = realisasi(linked.followup, linked.period)
    assert row.value == Decimal("0.00")
    row = link.override(
        actor=city.kasi.user,
        realisasi=row,
        value=Decimal(95),
        reason="Keterlambatan karena gangguan sistem ULAS.",
        version=row.version,
    )
    assert (row.value, row.overridden_by) == (Decimal(95), city.kasi.user)
    handled_complaint(city, linked.period, 1, on_time=True)
    filled = link.fill_period(period=linked.period)
    assert filled.overridden == 1
    row = realisasi(linked.followup, linked.period)
    assert (row.value, row.computed_value) == (Decimal(95), Decimal("50.00"))
    row = link.clear_override(actor=city.kasi.user, realisasi=row, version=row.version)
    assert row.value == Decimal("50.00") and row.override_reason == ""
    assert AuditEvent.objects.filter(action="realisasi.override").count() == 1
    assert AuditEvent.objects.filter(action="realisasi.override_clear").count() == 1


def test_closed_and_annual_periods_are_never_changed(city: Any, linked: Linked) -> None:
    handled_complaint(city, linked.period, 0)
    link.fill_period(period=linked.period)
    Period.objects.filter(pk=linked.period.pk).update(state=PeriodState.CLOSED)
    handled_complaint(city, linked.period, 1)
    closed = Period.objects.get(pk=linked.period.pk)
    filled = link.fill_period(period=closed)
    assert filled.skipped and filled.linked == 0
    assert realisasi(linked.handled, closed).value == Decimal(1)
    annual = Period.objects.get(
        performance_year=linked.period.performance_year, kind=PeriodKind.ANNUAL
    )
    assert link.fill_period(period=annual).skipped
    assert not Realisasi.objects.filter(period=annual).exists()


def test_fill_open_periods_takes_the_current_and_just_ended_periods(
    city: Any, linked: Linked
) -> None:
    handled_complaint(city, linked.period, 0)
    periods = {filled.period_id: filled for filled in link.fill_open_periods()}
    assert periods[linked.period.pk].created == 2
    # Eight days after the period ended it is no longer filled; a week after, it still is.
    after = linked.period.ends + timedelta(days=8)
    assert linked.period.pk not in {x.period_id for x in link.fill_open_periods(today=after)}
    week = linked.period.ends + timedelta(days=7)
    assert linked.period.pk in {x.period_id for x in link.fill_open_periods(today=week)}


def test_the_ikm_comes_from_the_opd_of_the_skps_unit(city: Any, linked: Linked) -> None:
    rhk = linked.followup.rhk
    ikm = Iki.objects.create(
        rhk=rhk, instansi=city.instansi, text="IKM unit", aspek=Aspek.KUALITAS,
        target=Decimal(85), unit="indeks", indicator_source=Indicator.IKM,
    )  # fmt: skip
    for answers in ([4] * 9, [3] * 9):
        SkmResponse.objects.create(
            instansi=city.instansi,
            unit=city.bidang,  # below Dinas Satu, the OPD of the employee's seksi
            source=SurveySource.COUNTER,
            submitted_at=received(linked.period, 5),
            **{f"u{i}": a for i, a in enumerate(answers, start=1)},
        )
    link.fill_period(period=linked.period)
    row = realisasi(ikm, linked.period)
    assert row.value == Decimal("87.50")
    assert row.computed_basis["scope"] == "opd"
    assert row.computed_basis["unit"] == city.dinas.pk
    assert row.computed_basis["denominator"] == 2


def test_filling_does_a_constant_number_of_queries(city: Any, linked: Linked) -> None:
    handled_complaint(city, linked.period, 0)

    def count() -> int:
        Realisasi.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            link.fill_period(period=linked.period)
        return len(queries)

    one = count()
    linked_skp(city, person=city.colleague, cascade=linked.cascade)
    assert Realisasi.objects.filter(skp__employee=city.colleague).count() == 0
    assert count() == one
    assert Realisasi.objects.filter(skp__employee=city.colleague).count() == 2


# --- contest and override ----------------------------------------------------------------------


def test_only_the_owner_contests_and_only_the_assessor_overrides(city: Any, linked: Linked) -> None:
    link.fill_period(period=linked.period)
    row = realisasi(linked.followup, linked.period)
    for actor in (city.kasi.user, city.unit_admin.user, city.bkpsdm.user):
        with pytest.raises(PermissionDenied):
            link.contest(actor=actor, realisasi=row, reason="Bukan aduan saya.")
    for actor in (city.employee.user, city.unit_admin.user, city.bkpsdm.user, city.superadmin):
        with pytest.raises(PermissionDenied):
            link.override(
                actor=actor, realisasi=row, value=Decimal(1), reason="Alasan", version=None
            )
    with pytest.raises(ValidationError) as refused:
        link.contest(actor=city.employee.user, realisasi=row, reason="   ")
    assert "reason" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        link.contest(actor=city.employee.user, realisasi=row, reason="x" * 5001)
    assert "reason" in refused.value.message_dict
    row = link.contest(
        actor=city.employee.user,
        realisasi=row,
        reason="Dua aduan dialihkan ke bidang lain.",
        version=row.version,
    )
    assert row.contest_reason and row.contested_at and row.version == 2
    event = AuditEvent.objects.filter(action="realisasi.contest").latest("id")
    assert (event.after or {}).get("reason") == "Dua aduan dialihkan ke bidang lain."


def test_an_override_needs_a_value_a_reason_and_the_current_version(
    city: Any, linked: Linked
) -> None:
    link.fill_period(period=linked.period)
    row = realisasi(linked.followup, linked.period)
    with pytest.raises(ValidationError) as refused:
        link.override(actor=city.kasi.user, realisasi=row, value=None, reason="", version=1)
    assert set(refused.value.message_dict) == {"value", "reason"}
    with pytest.raises(ValidationError) as refused:
        link.override(actor=city.kasi.user, realisasi=row, value=Decimal(-1), reason="x", version=1)
    assert "value" in refused.value.message_dict
    with pytest.raises(during.Stale):
        link.override(
            actor=city.kasi.user, realisasi=row, value=Decimal(80), reason="Sesuai", version=7
        )
    with pytest.raises(ValidationError):
        link.clear_override(actor=city.kasi.user, realisasi=row, version=1)
    assert realisasi(linked.followup, linked.period).override_reason == ""


def test_nothing_is_contested_or_overridden_once_the_period_is_closed(
    city: Any, linked: Linked
) -> None:
    link.fill_period(period=linked.period)
    Period.objects.filter(pk=linked.period.pk).update(state=PeriodState.CLOSED)
    row = realisasi(linked.followup, linked.period)
    with pytest.raises(ValidationError):
        link.contest(actor=city.employee.user, realisasi=row, reason="Keliru")
    with pytest.raises(ValidationError):
        link.override(actor=city.kasi.user, realisasi=row, value=Decimal(1), reason="x", version=1)


def test_the_employee_writes_the_note_but_not_the_number(city: Any, linked: Linked) -> None:
    handled_complaint(city, linked.period, 0)
    link.fill_period(period=linked.period)
    iki = Iki.objects.select_related("rhk__skp__employee").get(pk=linked.handled.pk)
    with pytest.raises(ValidationError) as refused:
        during.record_realisasi(
            actor=city.employee.user,
            iki=iki,
            period=linked.period,
            version=None,
            value=Decimal(30),
        )
    assert "keberatan" in refused.value.message_dict["value"][0]
    row = during.record_realisasi(
        actor=city.employee.user,
        iki=iki,
        period=linked.period,
        version=None,
        value=None,
        note="Termasuk aduan dari kanal WhatsApp.",
    )
    assert (row.value, row.note) == (Decimal(1), "Termasuk aduan dari kanal WhatsApp.")
    # The same number as the stored one is no change, so it is accepted.
    during.record_realisasi(
        actor=city.employee.user, iki=iki, period=linked.period, version=None, value=Decimal(1)
    )


def test_the_employee_is_not_reminded_of_a_computed_realisasi(city: Any, linked: Linked) -> None:
    soon = linked.period.ends - timedelta(days=3)
    due = [r for r in reminders_for(city.employee.user, soon) if r.kind == REALISASI_DUE]
    # Only the IKI typed by hand; the two linked ones fill themselves.
    assert len(due) == 1 and due[0].message.startswith("1 IKI belum diisi")
