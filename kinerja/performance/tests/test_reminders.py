"""Reminders before deadlines: each kind when due and not otherwise, on the SKP and team pages,
and the daily mail (once per user per day, dry run, users without an address, mail not set up)."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from kinerja.core.models import AuditEvent
from kinerja.performance.models import PerformanceYear, Period, PeriodState
from kinerja.performance.selectors_reminders import (
    EVALUATION_DUE,
    REALISASI_DUE,
    SKP_DUE,
    SKP_WAITING,
    Reminder,
    reminders_for,
)
from kinerja.performance.services import skp as skp_services
from kinerja.performance.tests.factories import add_rhk, approved_cascade, make_year
from kinerja.performance.tests.factories_during import approved_employee_skp, numeric_realisasi
from kinerja.performance.tests.factories_objection import final_evaluation

pytestmark = pytest.mark.django_db


def _of(kind: str, reminders: list[Reminder]) -> list[Reminder]:
    return [r for r in reminders if r.kind == kind]


def _deadline_today(year: PerformanceYear) -> None:
    PerformanceYear.objects.filter(pk=year.pk).update(skp_deadline=timezone.localdate())


def test_own_skp_due_until_submitted(city: Any) -> None:
    year = make_year(city)  # SKP deadline 31 January
    user = city.employee.user
    assert _of(SKP_DUE, reminders_for(user, today=date(year.year, 1, 10))) == []
    (due,) = _of(SKP_DUE, reminders_for(user, today=date(year.year, 1, 28)))
    assert due.message == f"SKP {year.year} belum diajukan; batas 31-01-{year.year}"
    assert due.url == reverse("performance:skp_list")
    assert not due.overdue
    (late,) = _of(SKP_DUE, reminders_for(user, today=date(year.year, 2, 3)))
    assert late.overdue
    # The year after, last year's SKP is no longer reminded.
    assert _of(SKP_DUE, reminders_for(user, today=date(year.year + 1, 2, 3))) == []

    cascade = approved_cascade(city, year)
    skp = skp_services.start_skp(actor=user, employee=city.employee, performance_year=year)
    (draft,) = _of(SKP_DUE, reminders_for(user, today=date(year.year, 1, 28)))
    assert draft.url == reverse("performance:skp_detail", args=[skp.pk])
    add_rhk(skp, "Tercatatnya aduan masyarakat", supports=cascade.kasi_rhk)
    skp_services.submit_skp(actor=user, skp=skp, version=None)
    assert _of(SKP_DUE, reminders_for(user, today=date(year.year, 1, 28))) == []


def test_assessor_sees_skps_waiting_for_approval(city: Any) -> None:
    cascade = approved_cascade(city)
    assert _of(SKP_WAITING, reminders_for(city.kasi.user)) == []
    skp = skp_services.start_skp(
        actor=city.employee.user, employee=city.employee, performance_year=cascade.year
    )
    add_rhk(skp, "Tercatatnya aduan masyarakat", supports=cascade.kasi_rhk)
    assert _of(SKP_WAITING, reminders_for(city.kasi.user)) == []
    skp_services.submit_skp(actor=city.employee.user, skp=skp, version=None)
    (waiting,) = _of(SKP_WAITING, reminders_for(city.kasi.user))
    assert waiting.message == "1 SKP menunggu persetujuan Anda"
    assert waiting.url == reverse("performance:skp_team")
    # Only the assessor is reminded, not the employee or the atasan above.
    assert _of(SKP_WAITING, reminders_for(city.employee.user)) == []
    assert _of(SKP_WAITING, reminders_for(city.kabid.user)) == []


def test_assessor_reminded_of_evaluations_due(city: Any) -> None:
    data = approved_employee_skp(city)
    period = data.period
    query = f"period={period.pk}"

    def due(today: date) -> list[Reminder]:
        return [
            r for r in _of(EVALUATION_DUE, reminders_for(city.kasi.user, today)) if r.query == query
        ]

    assert due(period.ends) == []  # not ended yet
    assert due(period.ends - timedelta(days=40)) == []
    (reminder,) = due(period.ends + timedelta(days=5))
    assert reminder.message.startswith(f"1 SKP belum dievaluasi untuk {period}")
    assert reminder.url == reverse("performance:evaluations") + "?" + query
    (late,) = due(period.evaluation_deadline + timedelta(days=5))
    assert late.overdue
    # Not the employee's reminder.
    assert _of(EVALUATION_DUE, reminders_for(city.employee.user, period.ends + timedelta(2))) == []

    Period.objects.filter(pk=period.pk).update(state=PeriodState.LOCKED)
    assert due(period.ends + timedelta(days=5)) == []
    Period.objects.filter(pk=period.pk).update(state=PeriodState.OPEN)
    final_evaluation(city, data)
    assert due(period.ends + timedelta(days=5)) == []


def test_employee_reminded_of_missing_realisasi(city: Any) -> None:
    data = approved_employee_skp(city)
    period = data.period
    user = city.employee.user
    assert _of(REALISASI_DUE, reminders_for(user, period.ends - timedelta(days=20))) == []
    assert _of(REALISASI_DUE, reminders_for(user, period.ends + timedelta(days=1))) == []
    (reminder,) = _of(REALISASI_DUE, reminders_for(user, period.ends - timedelta(days=3)))
    # Only the quantitative IKI counts; the qualitative one has no number to record.
    assert reminder.message.startswith(f"1 IKI belum diisi realisasinya untuk {period}")
    assert reminder.url == reverse("performance:realisasi", args=[data.skp.pk]) + (
        f"?period={period.pk}"
    )
    numeric_realisasi(city, data)
    assert _of(REALISASI_DUE, reminders_for(user, period.ends - timedelta(days=3))) == []


def test_reminders_take_a_bounded_number_of_queries(
    city: Any, django_assert_max_num_queries: Any
) -> None:
    data = approved_employee_skp(city)
    today = data.period.ends + timedelta(days=5)
    with django_assert_max_num_queries(12):
        reminders_for(city.kasi.user, today)
    with django_assert_max_num_queries(12):
        reminders_for(city.employee.user, data.period.ends - timedelta(days=3))


def test_pages_show_reminders(city: Any, login: Any) -> None:
    cascade = approved_cascade(city)
    _deadline_today(cascade.year)
    page = login("employee").get(reverse("performance:skp_list"))
    assert f"SKP {cascade.year.year} belum diajukan" in page.content.decode()

    skp = skp_services.start_skp(
        actor=city.employee.user, employee=city.employee, performance_year=cascade.year
    )
    add_rhk(skp, "Tercatatnya aduan masyarakat", supports=cascade.kasi_rhk)
    skp_services.submit_skp(actor=city.employee.user, skp=skp, version=None)
    assessor = login("supervisor")
    for name in ("performance:skp_team", "performance:skp_list"):
        page = assessor.get(reverse(name))
        assert "1 SKP menunggu persetujuan Anda" in page.content.decode()


def _run(*args: str) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def _recipients() -> list[str]:
    return [address for message in mail.outbox for address in message.to]


def test_command_mails_once_per_user_per_day(city: Any, settings: Any) -> None:
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    year = make_year(city)
    _deadline_today(year)
    city.colleague.user.email = ""
    city.colleague.user.save(update_fields=["email"])

    out = _run("--dry-run")
    assert mail.outbox == []
    assert not AuditEvent.objects.filter(action="reminder.sent").exists()
    assert city.employee.user.email in out

    _run()
    recipients = _recipients()
    assert city.employee.user.email in recipients
    assert len(recipients) == len(set(recipients))
    assert all(message.to != [""] for message in mail.outbox)
    mine = next(m for m in mail.outbox if m.to == [city.employee.user.email])
    assert f"SKP {year.year} belum diajukan" in mine.body
    assert city.kasi.name not in mine.body  # nobody else's data
    sent = AuditEvent.objects.filter(action="reminder.sent")
    assert sent.count() == len(mail.outbox)
    event = sent.get(target_id=str(city.employee.user.pk))
    assert "belum diajukan" not in str(event.after)

    count = len(mail.outbox)
    out = _run()
    assert len(mail.outbox) == count
    assert "0 surel dikirim" in out


def test_command_without_mail_configured_only_lists(city: Any, settings: Any) -> None:
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    _deadline_today(make_year(city))
    out = _run("--date", timezone.localdate().isoformat())
    assert "belum dikonfigurasi" in out
    assert city.employee.user.email in out
    assert mail.outbox == []
    assert not AuditEvent.objects.filter(action="reminder.sent").exists()


def test_command_refuses_a_bad_date(city: Any) -> None:
    with pytest.raises(CommandError):
        _run("--date", "28-01-2026")
