"""BKPSDM's settings services: validation, audit events, and recomputing complaint times."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from kinerja.complaints.holidays import BUILT_IN, built_in_for
from kinerja.complaints.models import (
    Category,
    Channel,
    Complaint,
    ComplaintSettings,
    Holiday,
    SlaPolicy,
)
from kinerja.complaints.services import calendar as services
from kinerja.complaints.services import catalog
from kinerja.complaints.sla import calendar_for
from kinerja.complaints.tests import factories as f
from kinerja.core.models import AuditEvent

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
#: Monday 2 March 2026, 09:00: 390 working minutes are left that day (09:00–12:00, 12:30–16:00).
MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=WIB)
TUESDAY = date(2026, 3, 3)


def _at(day: int, hour: int, minute: int) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=WIB)


def _audit(action: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The before and after of the last audit event of ``action``."""
    event = AuditEvent.objects.filter(action=action).order_by("id").last()
    assert event is not None
    return event.before or {}, event.after or {}


def _stamp(complaint: Complaint, **values: Any) -> Complaint:
    """Store step timestamps as the workflow would have at those moments (test setup)."""
    Complaint.objects.filter(pk=complaint.pk).update(**values)
    complaint.refresh_from_db()
    return complaint


def test_a_holiday_inside_an_open_complaints_window_moves_its_due_times(city: Any) -> None:
    c = f.new_complaint(city, received_at=MONDAY)
    # ULAS: one working day (450 min) to respond, two (900 min) to follow up.
    assert c.response_due_at == _at(3, 8, 15)  # 390 on Monday + 60 on Tuesday
    assert c.followup_due_at == _at(4, 7, 30)  # 390 + 495 on Tuesday + 15 on Wednesday

    _holiday, recount = services.add_holiday(
        actor=city.bkpsdm.user,
        instansi_id=city.instansi.pk,
        date=TUESDAY,
        name="Libur daerah",
        kind="daerah",
    )

    c.refresh_from_db()
    assert recount == services.Recount(done=1)
    assert c.response_due_at == _at(4, 8, 15)
    assert c.followup_due_at == _at(5, 7, 30)
    calendar = calendar_for(city.instansi.pk)
    assert c.response_due_at == calendar.add(MONDAY, 450)
    assert calendar.minutes_between(MONDAY, c.followup_due_at) == 900


def test_removing_the_holiday_puts_the_due_times_back(city: Any) -> None:
    c = f.new_complaint(city, received_at=MONDAY)
    holiday, _recount = services.add_holiday(
        actor=city.bkpsdm.user, instansi_id=city.instansi.pk, date=TUESDAY, name="X", kind="daerah"
    )
    services.delete_holiday(actor=city.bkpsdm.user, holiday=holiday, version=holiday.version)
    c.refresh_from_db()
    assert (c.response_due_at, c.followup_due_at) == (_at(3, 8, 15), _at(4, 7, 30))
    assert not Holiday.objects.filter(pk=holiday.pk).exists()


def test_working_minutes_of_the_year_are_recounted_and_closed_due_times_kept(city: Any) -> None:
    c = f.done(city, received_at=MONDAY)
    c = _stamp(
        c,
        first_response_at=_at(2, 10, 0),
        assigned_at=_at(2, 11, 0),
        officer_response_at=_at(4, 8, 15),
        followed_up_at=_at(4, 8, 15),
        response_minutes=60,
        officer_response_minutes=0,
        followup_minutes=0,
    )
    due = (c.response_due_at, c.followup_due_at)

    services.add_holiday(
        actor=city.bkpsdm.user, instansi_id=city.instansi.pk, date=TUESDAY, name="X", kind="daerah"
    )

    c.refresh_from_db()
    assert c.response_minutes == 60
    # 11:00–16:00 on Monday is 270 minutes (half an hour of lunch); Tuesday is off; 60 Wednesday.
    assert c.officer_response_minutes == 270 + 60
    assert c.followup_minutes == 390 + 60
    assert (c.response_due_at, c.followup_due_at) == due  # closed: the promise it was held to


def test_other_years_are_left_alone_unless_asked(city: Any) -> None:
    old = f.done(city, received_at=datetime(2025, 3, 3, 9, 0, tzinfo=WIB))
    answered = datetime(2025, 3, 3, 10, 0, tzinfo=WIB)
    old = _stamp(
        old,
        first_response_at=datetime(2025, 3, 3, 9, 30, tzinfo=WIB),
        assigned_at=datetime(2025, 3, 3, 9, 30, tzinfo=WIB),
        officer_response_at=answered,
        followed_up_at=answered,
        followup_minutes=7,
    )

    services.add_holiday(
        actor=city.bkpsdm.user, instansi_id=city.instansi.pk, date=TUESDAY, name="X", kind="daerah"
    )
    old.refresh_from_db()
    assert old.followup_minutes == 7

    assert services.recompute_times(city.instansi.pk, years=[2025]) == 1
    old.refresh_from_db()
    assert old.followup_minutes == 60
    # Running it again changes nothing.
    assert services.recompute_times(city.instansi.pk, years=None) == 0


def test_a_complaint_of_december_answered_in_january_counts_for_january(city: Any) -> None:
    received = datetime(2025, 12, 31, 15, 0, tzinfo=WIB)
    c = f.done(city, received_at=received)
    c = _stamp(c, followed_up_at=datetime(2026, 1, 2, 8, 15, tzinfo=WIB), followup_minutes=1)
    services.add_holiday(
        actor=city.bkpsdm.user,
        instansi_id=city.instansi.pk,
        date=date(2026, 1, 1),
        name="Tahun Baru",
        kind="nasional",
    )
    c.refresh_from_db()
    assert c.followup_minutes == 60 + 60  # 15:00–16:00 on 31 Dec, 07:15–08:15 on Friday 2 Jan


def test_recompute_works_in_batches_with_bounded_queries(
    city: Any, django_assert_max_num_queries: Any
) -> None:
    complaints = [f.new_complaint(city, received_at=MONDAY) for _ in range(5)]
    Holiday.objects.create(instansi=city.instansi, date=TUESDAY, name="X", kind="daerah")
    # Settings, holidays, policies; per batch of two a savepoint, a locking select, an update and
    # a release; a last empty batch. The count grows with batches, never per complaint.
    with django_assert_max_num_queries(3 + 3 * 4 + 3):
        assert services.recompute_times(city.instansi.pk, years=[2026], batch=2) == 5
    for c in complaints:
        c.refresh_from_db()
        assert c.response_due_at == _at(4, 8, 15)


def test_a_large_change_is_left_to_the_background_task(
    city: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.KINERJA_COMPLAINT_RECOMPUTE_INLINE_MAX = 1
    first = f.new_complaint(city, received_at=MONDAY)
    second = f.new_complaint(city, received_at=MONDAY)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _holiday, recount = services.add_holiday(
            actor=city.bkpsdm.user,
            instansi_id=city.instansi.pk,
            date=TUESDAY,
            name="X",
            kind="daerah",
        )
    assert recount == services.Recount(queued=2)
    assert len(callbacks) == 1
    for c in (first, second):
        c.refresh_from_db()
        assert c.response_due_at == _at(4, 8, 15)
    event = AuditEvent.objects.get(action="complaint_settings.recompute")
    assert event.after == {"years": [2026], "recomputed": 2}
    assert event.instansi_id == city.instansi.pk


def test_holiday_checks_and_audit(city: Any) -> None:
    args = {"actor": city.bkpsdm.user, "instansi_id": city.instansi.pk}
    holiday, _r = services.add_holiday(**args, date=TUESDAY, name=" Libur ", kind="daerah")
    assert holiday.name == "Libur"
    event = AuditEvent.objects.get(action="complaint_settings.holiday_add")
    assert _audit(event.action)[1]["date"] == "2026-03-03"
    assert event.instansi_id == city.instansi.pk
    with pytest.raises(ValidationError) as exc:
        services.add_holiday(**args, date=TUESDAY, name="Lagi", kind="daerah")
    assert exc.value.message_dict == {"date": ["Tanggal ini sudah ada di kalender libur."]}
    with pytest.raises(ValidationError) as exc:
        services.add_holiday(**args, date=date(2027, 1, 4), name="X", kind="daerah", year=2026)
    assert "date" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.add_holiday(**args, date=date(2026, 1, 5), name="  ", kind="daerah")
    assert "name" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.add_holiday(**args, date=date(2026, 1, 5), name="X", kind="libur")
    assert "kind" in exc.value.message_dict
    assert Holiday.objects.count() == 1


def test_a_changed_name_recomputes_nothing_a_moved_date_does(city: Any) -> None:
    c = f.new_complaint(city, received_at=MONDAY)
    holiday, _r = services.add_holiday(
        actor=city.bkpsdm.user, instansi_id=city.instansi.pk, date=TUESDAY, name="X", kind="daerah"
    )
    _h, recount = services.change_holiday(
        actor=city.bkpsdm.user,
        holiday=holiday,
        version=holiday.version,
        date=TUESDAY,
        name="Y",
        kind="daerah",
    )
    assert recount == services.Recount()
    _h, recount = services.change_holiday(
        actor=city.bkpsdm.user,
        holiday=holiday,
        version=holiday.version,
        date=date(2026, 3, 4),
        name="Y",
        kind="daerah",
    )
    assert recount.done == 1
    c.refresh_from_db()
    assert c.response_due_at == _at(3, 8, 15) and c.followup_due_at == _at(5, 7, 30)
    with pytest.raises(ValidationError):  # moving to another year is a delete and an add
        services.change_holiday(
            actor=city.bkpsdm.user,
            holiday=holiday,
            version=holiday.version,
            date=date(2027, 3, 4),
            name="Y",
            kind="daerah",
        )
    assert _audit("complaint_settings.holiday_change")[0]["date"] == "2026-03-03"


def test_loading_national_holidays_is_idempotent_and_keeps_edits(city: Any) -> None:
    args = {"actor": city.bkpsdm.user, "instansi_id": city.instansi.pk}
    services.add_holiday(**args, date=date(2026, 8, 17), name="HUT RI ke-81", kind="nasional")
    added, _r = services.load_national_holidays(**args, year=2026)
    assert added == len(built_in_for(2026)) - 1
    assert Holiday.objects.get(date=date(2026, 8, 17)).name == "HUT RI ke-81"
    again, recount = services.load_national_holidays(**args, year=2026)
    assert again == 0 and recount == services.Recount()
    assert Holiday.objects.filter(date__year=2026).count() == len(built_in_for(2026))
    assert Holiday.objects.get(date=date(2026, 3, 20)).kind == "cuti_bersama"
    with pytest.raises(ValidationError):
        services.load_national_holidays(**args, year=2031)
    events = AuditEvent.objects.filter(action="complaint_settings.holidays_load")
    assert [len((e.after or {})["added"]) for e in events.order_by("id")] == [added, 0]


def test_the_built_in_lists_are_sane() -> None:
    for year, rows in BUILT_IN.items():
        days = [row.date for row in rows]
        assert days == sorted(days) and len(set(days)) == len(days)
        assert {d.year for d in days} == {year}
        assert date(year, 8, 17) in days and date(year, 12, 25) in days
    assert len(built_in_for(2026)) == 25  # SKB 2026: 17 national holidays, 8 cuti bersama
    assert built_in_for(1999) == ()


def _rules(city: Any, version: int, **changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "actor": city.bkpsdm.user,
        "instansi_id": city.instansi.pk,
        "version": version,
        "schedule": {d: "07:15-12:00,12:30-16:00" for d in range(4)} | {4: "07:15-11:45"},
        "at_risk_share": Decimal("0.25"),
        "reopen_days": 14,
        "low_rating": 2,
        "count_reopened": True,
        "count_rejected": True,
        "count_low_rating": True,
        "count_not_solved": True,
    }
    values.update(changes)
    return values


def test_settings_rules_change_without_recompute_and_stale_is_refused(city: Any) -> None:
    c = f.new_complaint(city, received_at=MONDAY)
    found, recount = services.update_settings(
        **_rules(city, 1, reopen_days=7, count_rejected=False)
    )
    assert (found.version, found.reopen_days, found.count_rejected) == (2, 7, False)
    assert recount == services.Recount()  # the schedule did not change
    assert found.updated_by == city.bkpsdm.user
    with pytest.raises(services.Stale):
        services.update_settings(**_rules(city, 1, reopen_days=30))
    assert ComplaintSettings.objects.get(instansi=city.instansi).reopen_days == 7
    c.refresh_from_db()
    assert c.response_due_at == _at(3, 8, 15)
    before, after = _audit("complaint_settings.change")
    assert before["reopen_days"] == 14 and after["reopen_days"] == 7


def test_a_new_schedule_recomputes_every_complaint(city: Any) -> None:
    c = f.new_complaint(city, received_at=MONDAY)
    longer = {d: "07:00-12:00,12:30-15:30" for d in range(5)}  # 8 h a day, 40 h a week
    found, recount = services.update_settings(**_rules(city, 1, schedule=longer))
    assert found.schedule["0"] == "07:00-12:00,12:30-15:30" and found.schedule["5"] == ""
    assert recount.done == 1
    c.refresh_from_db()
    # A working day is now 480 minutes: 360 on Monday (09:00–15:30 less lunch), 120 on Tuesday.
    assert c.response_due_at == _at(3, 9, 0)


def test_a_bad_schedule_names_the_day(city: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        services.update_settings(**_rules(city, 1, schedule={0: "16:00-07:15", 2: "8-9"}))
    assert exc.value.message_dict == {
        "schedule_0": ["Jam kerja Senin tidak valid: 16:00-07:15"],
        "schedule_2": ["Jam kerja Rabu tidak valid: 8-9"],
    }
    with pytest.raises(ValidationError) as exc:
        services.update_settings(**_rules(city, 1, schedule={d: "" for d in range(7)}))
    assert "jam kerja sama sekali" in exc.value.messages[0]
    with pytest.raises(ValidationError) as exc:
        services.update_settings(**_rules(city, 1, at_risk_share=Decimal("1.5")))
    assert "at_risk_share" in exc.value.message_dict
    assert ComplaintSettings.objects.get(instansi=city.instansi).version == 1


def test_a_policy_governs_open_complaints_only(city: Any) -> None:
    open_one = f.new_complaint(city, received_at=MONDAY)
    closed = f.done(city, received_at=MONDAY)
    closed_due = closed.response_due_at
    policy, recount = catalog.add_policy(
        actor=city.bkpsdm.user,
        instansi_id=city.instansi.pk,
        channel=Channel.ULAS,
        category=None,
        response_minutes=60,
        followup_minutes=450,
    )
    assert recount.done == 1
    open_one.refresh_from_db()
    closed.refresh_from_db()
    assert (open_one.response_due_at, open_one.followup_due_at) == (_at(2, 10, 0), _at(3, 8, 15))
    assert closed.response_due_at == closed_due
    _before, after = _audit("complaint_settings.sla_add")
    assert after["response_minutes"] == 60 and after["channel"] == "ulas"

    catalog.delete_policy(actor=city.bkpsdm.user, policy=policy, version=policy.version)
    open_one.refresh_from_db()
    assert open_one.response_due_at == _at(3, 8, 15)  # back to the built-in 1×24 jam


def test_policy_constraints_are_refused_with_the_models_messages(city: Any) -> None:
    args = {"actor": city.bkpsdm.user, "instansi_id": city.instansi.pk}
    with pytest.raises(ValidationError) as exc:
        catalog.add_policy(
            **args, channel="", category=None, response_minutes=900, followup_minutes=450
        )
    assert exc.value.messages == [
        "Batas tindak lanjut tidak boleh lebih pendek dari batas respons."
    ]
    catalog.add_policy(
        **args, channel="", category=None, response_minutes=450, followup_minutes=900
    )
    with pytest.raises(ValidationError) as exc:
        catalog.add_policy(
            **args, channel="", category=None, response_minutes=60, followup_minutes=120
        )
    assert exc.value.messages == ["Sudah ada standar untuk kanal ini."]
    category = f.category(city)
    catalog.add_policy(
        **args, channel="", category=category, response_minutes=60, followup_minutes=120
    )
    with pytest.raises(ValidationError) as exc:
        catalog.add_policy(
            **args, channel="", category=category, response_minutes=60, followup_minutes=120
        )
    assert exc.value.messages == ["Sudah ada standar untuk kanal dan kategori ini."]
    foreign = catalog.add_category(
        actor=city.superadmin,
        instansi_id=city.other_instansi.pk,
        code="x",
        name="X",
        default_unit=None,
    )
    with pytest.raises(ValidationError) as exc:
        catalog.add_policy(
            **args, channel="", category=foreign, response_minutes=60, followup_minutes=120
        )
    assert "category" in exc.value.message_dict
    assert SlaPolicy.objects.filter(instansi=city.instansi).count() == 2


def test_categories_are_checked_deactivated_and_deleted_only_when_unused(city: Any) -> None:
    args = {"actor": city.bkpsdm.user, "instansi_id": city.instansi.pk}
    parkir = catalog.add_category(**args, code="parkir", name="Parkir", default_unit=city.dinas)
    with pytest.raises(ValidationError) as exc:
        catalog.add_category(**args, code="parkir", name="Lagi", default_unit=None)
    assert exc.value.message_dict == {"code": ["Kode kategori ini sudah dipakai."]}
    with pytest.raises(ValidationError) as exc:
        catalog.add_category(**args, code="x", name="X", default_unit=city.foreign_dinas)
    assert "default_unit" in exc.value.message_dict
    catalog.change_category(
        actor=city.bkpsdm.user,
        category=parkir,
        version=parkir.version,
        code="parkir",
        name="Parkir liar",
        default_unit=None,
        active=False,
    )
    parkir.refresh_from_db()
    assert (parkir.name, parkir.active, parkir.default_unit) == ("Parkir liar", False, None)
    f.new_complaint(city, category=parkir)
    with pytest.raises(ValidationError):
        catalog.delete_category(actor=city.bkpsdm.user, category=parkir, version=parkir.version)
    unused = catalog.add_category(**args, code="typo", name="Tpyo", default_unit=None)
    catalog.delete_category(actor=city.bkpsdm.user, category=unused, version=unused.version)
    actions = set(
        AuditEvent.objects.filter(action__startswith="complaint_settings.category").values_list(
            "action", flat=True
        )
    )
    assert actions == {
        "complaint_settings.category_add",
        "complaint_settings.category_change",
        "complaint_settings.category_delete",
    }


def test_no_personal_data_in_the_audit_events(city: Any) -> None:
    f.done(city, received_at=MONDAY)
    services.add_holiday(
        actor=city.bkpsdm.user, instansi_id=city.instansi.pk, date=TUESDAY, name="X", kind="daerah"
    )
    services.load_national_holidays(actor=city.bkpsdm.user, instansi_id=city.instansi.pk, year=2026)
    for event in AuditEvent.objects.filter(action__startswith="complaint_settings."):
        text = f"{event.before} {event.after} {event.target_label}"
        assert "Siti" not in text and "0812" not in text and "@" not in text


def test_the_command_recomputes_and_checks_its_arguments(city: Any) -> None:
    c = f.new_complaint(city, received_at=MONDAY)
    Holiday.objects.create(instansi=city.instansi, date=TUESDAY, name="X", kind="daerah")
    out = StringIO()
    call_command("recompute_complaint_times", "--year", "2026", stdout=out)
    c.refresh_from_db()
    assert c.response_due_at == _at(4, 8, 15)
    assert "Selesai: 1 aduan berubah." in out.getvalue()
    with pytest.raises(CommandError):
        call_command("recompute_complaint_times", "--year", "1800")
    with pytest.raises(CommandError):
        call_command("recompute_complaint_times", "--instansi", "tidak-ada")


def test_a_change_or_removal_drawn_from_an_older_version_is_refused(city: Any) -> None:
    """Two people open the same row; the second to save is told, and nothing of theirs is
    written over the first one's change."""
    actor = city.bkpsdm.user
    holiday, _r = services.add_holiday(
        actor=actor, instansi_id=city.instansi.pk, date=TUESDAY, name="X", kind="daerah"
    )
    first, second = Holiday.objects.get(pk=holiday.pk), Holiday.objects.get(pk=holiday.pk)
    services.change_holiday(
        actor=actor, holiday=first, version=1, date=TUESDAY, name="Pertama", kind="daerah"
    )
    with pytest.raises(services.Stale):
        services.change_holiday(
            actor=actor, holiday=second, version=1, date=TUESDAY, name="Kedua", kind="daerah"
        )
    with pytest.raises(services.Stale):
        services.delete_holiday(actor=actor, holiday=second, version=1)
    with pytest.raises(services.Stale):  # a form without a version is as good as stale
        services.delete_holiday(actor=actor, holiday=second, version=None)
    stored = Holiday.objects.get(pk=holiday.pk)
    assert (stored.name, stored.version) == ("Pertama", 2)
    services.delete_holiday(actor=actor, holiday=stored, version=2)
    assert not Holiday.objects.filter(pk=holiday.pk).exists()

    policy, _r = catalog.add_policy(
        actor=actor, instansi_id=city.instansi.pk, channel=Channel.ULAS, category=None,
        response_minutes=60, followup_minutes=450,
    )  # fmt: skip
    catalog.change_policy(
        actor=actor, policy=policy, version=1, channel=Channel.ULAS, category=None,
        response_minutes=90, followup_minutes=450,
    )  # fmt: skip
    with pytest.raises(services.Stale):
        catalog.change_policy(
            actor=actor, policy=SlaPolicy.objects.get(pk=policy.pk), version=1,
            channel=Channel.ULAS, category=None, response_minutes=30, followup_minutes=450,
        )  # fmt: skip
    with pytest.raises(services.Stale):
        catalog.delete_policy(actor=actor, policy=policy, version=1)
    assert SlaPolicy.objects.get(pk=policy.pk).response_minutes == 90

    category = catalog.add_category(
        actor=actor, instansi_id=city.instansi.pk, code="typo", name="Tpyo", default_unit=None
    )
    catalog.change_category(
        actor=actor, category=category, version=1, code="typo", name="Typo", default_unit=None,
        active=True,
    )  # fmt: skip
    with pytest.raises(services.Stale):
        catalog.delete_category(actor=actor, category=category, version=1)
    assert Category.objects.get(pk=category.pk).name == "Typo"
    # A refused change after a unique clash leaves the stored version alone.
    other = catalog.add_category(
        actor=actor, instansi_id=city.instansi.pk, code="lain", name="Lain", default_unit=None
    )
    with pytest.raises(ValidationError):
        catalog.change_category(
            actor=actor, category=other, version=1, code="typo", name="Lain", default_unit=None,
            active=True,
        )  # fmt: skip
    assert Category.objects.get(pk=other.pk).version == 1
