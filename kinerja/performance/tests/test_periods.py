"""Performance years and periods: generation, deadlines, the state table, audit and the page."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kinerja.core.models import AuditEvent
from kinerja.performance import services
from kinerja.performance.models import PerformanceYear, Period, PeriodKind, PeriodState

pytestmark = pytest.mark.django_db


def make_year(
    city: Any, year: int = 2026, cadence: str = "quarterly", **kw: Any
) -> PerformanceYear:
    return services.create_year(
        actor=city.bkpsdm.user,
        instansi=city.instansi,
        year=year,
        cadence=cadence,
        skp_deadline=kw.pop("skp_deadline", date(year, 1, 31)),
        **kw,
    )


def periodic(year: PerformanceYear) -> list[Period]:
    return list(year.periods.filter(kind=PeriodKind.PERIODIC).order_by("number"))


def annual(year: PerformanceYear) -> Period:
    return year.periods.get(kind=PeriodKind.ANNUAL)


def test_quarterly_generation(city: Any) -> None:
    year = make_year(city, evaluation_days=10)
    quarters = periodic(year)
    assert [(p.starts, p.ends) for p in quarters] == [
        (date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 7, 1), date(2026, 9, 30)),
        (date(2026, 10, 1), date(2026, 12, 31)),
    ]
    assert [p.evaluation_deadline for p in quarters] == [
        date(2026, 4, 10),
        date(2026, 7, 10),
        date(2026, 10, 10),
        date(2027, 1, 10),
    ]
    assert [str(p) for p in quarters] == [
        "Triwulan I 2026",
        "Triwulan II 2026",
        "Triwulan III 2026",
        "Triwulan IV 2026",
    ]
    whole = annual(year)
    assert (whole.starts, whole.ends, whole.number) == (date(2026, 1, 1), date(2026, 12, 31), 0)
    assert whole.evaluation_deadline == date(2027, 1, 31)
    assert str(whole) == "Tahunan 2026"
    assert year.periods.count() == 5
    assert all(p.state == PeriodState.OPEN and p.instansi_id == city.instansi.pk for p in quarters)


def test_monthly_generation_leap_year(city: Any) -> None:
    year = make_year(city, year=2028, cadence="monthly", evaluation_days=5)
    months = periodic(year)
    assert len(months) == 12
    assert year.periods.count() == 13
    assert months[0].starts == date(2028, 1, 1)
    assert months[1].ends == date(2028, 2, 29)
    assert months[3].ends == date(2028, 4, 30)
    assert months[11].ends == date(2028, 12, 31)
    assert months[1].evaluation_deadline == date(2028, 3, 5)
    assert str(months[0]) == "Januari 2028"
    assert str(months[11]) == "Desember 2028"
    assert all(b.starts.toordinal() == a.ends.toordinal() + 1 for a, b in pairwise(months))


def test_duplicate_year_refused(city: Any) -> None:
    make_year(city)
    with pytest.raises(ValidationError) as exc:
        make_year(city, cadence="monthly")
    assert "sudah ada" in str(exc.value.message_dict["year"])
    assert PerformanceYear.objects.count() == 1
    assert Period.objects.count() == 5


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"skp_deadline": date(2025, 12, 31)}, "skp_deadline"),
        ({"skp_deadline": date(2027, 1, 1)}, "skp_deadline"),
        ({"evaluation_days": 0}, "evaluation_days"),
        ({"evaluation_days": -3}, "evaluation_days"),
        ({"cadence": "weekly"}, "cadence"),
        ({"year": 1999, "skp_deadline": date(1999, 1, 31)}, "year"),
    ],
)
def test_bad_input_refused(city: Any, kw: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as exc:
        make_year(city, **kw)
    assert field in exc.value.message_dict
    assert not PerformanceYear.objects.exists()


def test_only_writers_create_years(city: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.create_year(
            actor=city.auditor.user,
            instansi=city.instansi,
            year=2026,
            cadence="monthly",
            skp_deadline=date(2026, 1, 31),
        )
    with pytest.raises(PermissionDenied):
        services.create_year(
            actor=city.bkpsdm.user,
            instansi=city.other_instansi,
            year=2026,
            cadence="monthly",
            skp_deadline=date(2026, 1, 31),
        )


ALL = [PeriodState.OPEN, PeriodState.CLOSED, PeriodState.LOCKED]
ALLOWED = {("open", "closed"), ("closed", "open"), ("closed", "locked")}


@pytest.mark.parametrize("source", ALL)
@pytest.mark.parametrize("target", ALL)
def test_state_table(city: Any, source: str, target: str) -> None:
    period = periodic(make_year(city))[0]
    Period.objects.filter(pk=period.pk).update(state=source)
    period.refresh_from_db()
    if (source, target) in ALLOWED:
        services.set_period_state(actor=city.bkpsdm.user, period=period, state=target)
        period.refresh_from_db()
        assert period.state == target
    else:
        with pytest.raises(ValidationError) as exc:
            services.set_period_state(actor=city.bkpsdm.user, period=period, state=target)
        if source == PeriodState.LOCKED:
            assert exc.value.messages == ["Periode yang dikunci tidak dapat diubah."]
        period.refresh_from_db()
        assert period.state == source


def test_unknown_state_refused(city: Any) -> None:
    period = periodic(make_year(city))[0]
    with pytest.raises(ValidationError):
        services.set_period_state(actor=city.bkpsdm.user, period=period, state="archived")


def _lock(city: Any, period: Period) -> None:
    services.set_period_state(actor=city.bkpsdm.user, period=period, state="closed")
    services.set_period_state(actor=city.bkpsdm.user, period=period, state="locked")


def test_annual_lock_waits_for_every_periodic_period(city: Any) -> None:
    year = make_year(city)
    quarters = periodic(year)
    whole = annual(year)
    services.set_period_state(actor=city.bkpsdm.user, period=whole, state="closed")
    for quarter in quarters[:3]:
        _lock(city, quarter)
    with pytest.raises(ValidationError) as exc:
        services.set_period_state(actor=city.bkpsdm.user, period=whole, state="locked")
    assert "semua periode periodik" in exc.value.messages[0]
    _lock(city, quarters[3])
    services.set_period_state(actor=city.bkpsdm.user, period=whole, state="locked")
    whole.refresh_from_db()
    assert whole.state == PeriodState.LOCKED


def test_state_change_needs_a_writer(city: Any) -> None:
    period = periodic(make_year(city))[0]
    for actor in (city.auditor.user, city.employee.user, city.foreign.user):
        with pytest.raises(PermissionDenied):
            services.set_period_state(actor=actor, period=period, state="closed")
    period.refresh_from_db()
    assert period.state == PeriodState.OPEN


def test_audit_events(city: Any) -> None:
    year = make_year(city)
    created = AuditEvent.objects.get(action="performance_year.create")
    assert created.instansi_id == city.instansi.pk
    assert created.after is not None
    assert created.after["year"] == 2026
    assert created.after["cadence"] == "quarterly"
    assert created.after["periods"] == 5
    period = periodic(year)[0]
    services.set_period_state(actor=city.bkpsdm.user, period=period, state="closed")
    services.set_period_state(actor=city.bkpsdm.user, period=period, state="open")
    closed = AuditEvent.objects.get(action="period.closed")
    assert (closed.before, closed.after) == ({"state": "open"}, {"state": "closed"})
    assert closed.target_id == str(period.pk)
    assert closed.actor_id == city.bkpsdm.user.pk
    reopened = AuditEvent.objects.get(action="period.open")
    assert (reopened.before, reopened.after) == ({"state": "closed"}, {"state": "open"})


# --- the page ---------------------------------------------------------------------------------


def test_bkpsdm_creates_a_year_through_the_form(city: Any, login: Any) -> None:
    client = login("bkpsdm")
    url = reverse("performance:periods")
    response = client.post(
        url,
        {
            "year": "2026",
            "cadence": "monthly",
            "skp_deadline": "2026-01-31",
            "evaluation_days": "7",
        },
    )
    assert response.status_code == 302
    year = PerformanceYear.objects.get(instansi=city.instansi, year=2026)
    assert year.periods.count() == 13
    assert periodic(year)[0].evaluation_deadline == date(2026, 2, 7)
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Januari 2026" in page.content.decode()


def test_bad_form_keeps_input(city: Any, login: Any) -> None:
    client = login("bkpsdm")
    response = client.post(
        reverse("performance:periods"),
        {
            "year": "2026",
            "cadence": "quarterly",
            "skp_deadline": "2027-02-15",
            "evaluation_days": "12",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "errorlist" in html
    assert 'value="2027-02-15"' in html
    assert 'value="12"' in html
    assert not PerformanceYear.objects.exists()


def test_duplicate_year_through_the_form(city: Any, login: Any) -> None:
    make_year(city)
    response = login("bkpsdm").post(
        reverse("performance:periods"),
        {
            "year": "2026",
            "cadence": "monthly",
            "skp_deadline": "2026-02-01",
            "evaluation_days": "10",
        },
    )
    assert response.status_code == 400
    assert "sudah ada" in response.content.decode()


def test_auditor_cannot_post(city: Any, login: Any) -> None:
    client = login("auditor")
    response = client.post(
        reverse("performance:periods"),
        {
            "year": "2026",
            "cadence": "monthly",
            "skp_deadline": "2026-01-31",
            "evaluation_days": "10",
        },
    )
    assert response.status_code == 403
    period = periodic(make_year(city))[0]
    response = client.post(
        reverse("performance:period_state", args=[period.pk]), {"state": "closed"}
    )
    assert response.status_code == 403
    period.refresh_from_db()
    assert period.state == PeriodState.OPEN


def test_employee_reads_without_buttons(city: Any, login: Any) -> None:
    make_year(city)
    response = login("employee").get(reverse("performance:periods"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Triwulan I 2026" in html
    assert 'name="state"' not in html
    assert 'name="skp_deadline"' not in html


def test_foreign_sees_only_their_own_instansi(city: Any, login: Any) -> None:
    make_year(city)
    response = login("foreign").get(reverse("performance:periods"), {"instansi": city.instansi.pk})
    assert response.status_code == 200
    assert "Triwulan I 2026" not in response.content.decode()


def test_state_buttons_and_messages(city: Any, login: Any) -> None:
    period = periodic(make_year(city))[0]
    client = login("bkpsdm")
    url = reverse("performance:period_state", args=[period.pk])
    response = client.post(url, {"state": "closed"}, follow=True)
    period.refresh_from_db()
    assert period.state == PeriodState.CLOSED
    assert "msg-success" in response.content.decode()
    response = client.post(url, {"state": "closed"}, follow=True)
    period.refresh_from_db()
    assert period.state == PeriodState.CLOSED
    assert "msg-error" in response.content.decode()
    _lock_response = client.post(url, {"state": "locked"})
    assert _lock_response.status_code == 302
    response = client.post(url, {"state": "open"}, follow=True)
    assert "Periode yang dikunci tidak dapat diubah." in response.content.decode()
    period.refresh_from_db()
    assert period.state == PeriodState.LOCKED


def test_page_queries_do_not_grow(
    city: Any, login: Any, django_assert_max_num_queries: Any
) -> None:
    client = login("bkpsdm")
    url = reverse("performance:periods")
    make_year(city, year=2025)
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for year in range(2026, 2031):
        make_year(city, year=year, cadence="monthly")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
