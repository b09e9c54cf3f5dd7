"""``GET /api/v1/indicators/``: an officer's or an OPD's complaint figures over a range, scoped
like the employee directory, computed on first use."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from kinerja.complaints.models import ComplaintIndicator, Indicator, SkmResponse, SurveySource
from kinerja.performance.tests.factories import make_year
from kinerja.performance.tests.test_indicator_link import handled_complaint, received

pytestmark = pytest.mark.django_db
URL = "/api/v1/indicators/"


def _client(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def quarter(city: Any) -> Any:
    """The periodic period containing today, with four complaints of the employee persona (three
    followed up on time, officer response 30–120 minutes) and one SKM answer for Dinas Satu."""
    period = make_year(city).periods.get(
        kind="periodic", starts__lte=timezone.localdate(), ends__gte=timezone.localdate()
    )
    for i, on_time in enumerate([True, True, True, False]):
        handled_complaint(city, period, i, on_time=on_time, minutes=30 * (i + 1))
    SkmResponse.objects.create(
        instansi=city.instansi, unit=city.seksi, source=SurveySource.COUNTER,
        submitted_at=received(period, 9), **{f"u{i}": 4 for i in range(1, 10)},
    )  # fmt: skip
    return period


def _param(period: Any) -> str:
    return f"{period.starts.year}-Q{(period.starts.month - 1) // 3 + 1}"


def _by_indicator(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {figure["indicator"]: figure for figure in body["figures"]}


def test_an_officers_figures_with_their_counts(city: Any, quarter: Any) -> None:
    response = _client(city.kasi.user).get(
        URL, {"employee": city.employee.nip, "period": _param(quarter)}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["employee"] == {"nip": city.employee.nip, "name": city.employee.name}
    assert body["unit"] == {"id": city.dinas.pk, "name": city.dinas.name}
    assert (body["starts"], body["ends"]) == (str(quarter.starts), str(quarter.ends))
    assert body["computed_now"] is True
    figures = _by_indicator(body)
    assert list(figures) == list(Indicator.values)
    share = figures[Indicator.FOLLOWUP_ON_TIME]
    assert (share["value"], share["numerator"], share["denominator"]) == ("75.00", 3, 4)
    assert share["scope"] == "officer" and share["measured_in"] == "%"
    assert figures[Indicator.HANDLED]["value"] == "4.00"
    # Nearest rank over 30, 60, 90, 120 minutes: the median is the 2nd, the p90 the 4th.
    assert figures[Indicator.RESPONSE_MEDIAN]["value"] == "1.00"
    assert figures[Indicator.RESPONSE_P90]["value"] == "2.00"
    assert figures[Indicator.RESPONSE_P90]["lower_is_better"] is True
    assert figures[Indicator.IKM]["scope"] == "opd"
    assert figures[Indicator.IKM]["value"] == "100.00"
    # Stored now: the second call reads them.
    again = _client(city.kasi.user).get(
        URL, {"employee": city.employee.nip, "period": _param(quarter)}
    )
    assert again.json()["computed_now"] is False
    assert again.json()["figures"] == body["figures"]


def test_without_employee_or_unit_the_callers_own_figures(city: Any, quarter: Any) -> None:
    body = _client(city.employee.user).get(URL, {"period": _param(quarter)}).json()
    assert body["employee"]["nip"] == city.employee.nip
    assert _by_indicator(body)[Indicator.HANDLED]["value"] == "4.00"
    # A user who is not an employee must name one.
    response = _client(city.superadmin).get(URL, {"period": _param(quarter)})
    assert response.status_code == 404
    assert "employee" in response.json()["detail"]


def test_an_officer_without_complaints_has_zero_handled_and_no_shares(
    city: Any, quarter: Any
) -> None:
    body = _client(city.kasi.user).get(URL, {"period": _param(quarter)}).json()
    figures = _by_indicator(body)
    assert figures[Indicator.HANDLED]["value"] == "0.00"
    assert figures[Indicator.FOLLOWUP_ON_TIME]["value"] is None


def test_an_opds_figures_from_any_unit_below_it(city: Any, quarter: Any) -> None:
    body = (
        _client(city.outsider.user).get(URL, {"unit": city.seksi.pk, "period": _param(quarter)})
    ).json()
    assert body["employee"] is None
    assert body["unit"]["id"] == city.dinas.pk
    figures = _by_indicator(body)
    assert {f["scope"] for f in figures.values()} == {"opd"}
    assert figures[Indicator.HANDLED]["value"] == "4.00"
    assert figures[Indicator.IKM]["denominator"] == 1


def test_scoping_answers_404_for_what_the_caller_may_not_read(city: Any, quarter: Any) -> None:
    params = {"employee": city.employee.nip, "period": _param(quarter)}
    assert _client(city.outsider.user).get(URL, params).status_code == 404
    assert _client(city.foreign.user).get(URL, params).status_code == 404
    assert _client(city.bkpsdm.user).get(URL, params).status_code == 200
    unknown = {"employee": "1" * 18, "period": _param(quarter)}
    assert _client(city.bkpsdm.user).get(URL, unknown).status_code == 404
    foreign_unit = {"unit": city.foreign_dinas.pk, "period": _param(quarter)}
    assert _client(city.employee.user).get(URL, foreign_unit).status_code == 404
    assert (
        _client(city.employee.user).get(URL, {"unit": str(2**70), "period": "2026"}).status_code
        == 404
    )
    assert APIClient().get(URL, params).status_code == 401
    # Nothing was computed for a refused request.
    assert not ComplaintIndicator.objects.filter(instansi=city.other_instansi).exists()


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "period"),
        ({"period": "2026-13"}, "period"),
        ({"period": "maret"}, "period"),
        ({"period": "1999"}, "period"),
        ({"period": "2026-01", "employee": "123"}, "employee"),
        ({"period": "2026-01", "unit": "satu"}, "unit"),
    ],
)
def test_bad_parameters_are_400_with_a_message(city: Any, params: Any, field: str) -> None:
    response = _client(city.bkpsdm.user).get(URL, params)
    assert response.status_code == 400
    assert field in response.json() and response.json()[field][0]


def test_employee_and_unit_together_or_a_future_range_are_refused(city: Any) -> None:
    client = _client(city.bkpsdm.user)
    both = {"employee": city.employee.nip, "unit": city.dinas.pk, "period": "2026-01"}
    assert "unit" in client.get(URL, both).json()
    future = timezone.localdate() + timedelta(days=40)
    response = client.get(URL, {"period": f"{future:%Y-%m}"})
    assert response.status_code == 400 and "belum dimulai" in response.json()["period"][0]


def test_a_running_range_with_old_figures_is_computed_again(city: Any, quarter: Any) -> None:
    params = {"employee": city.employee.nip, "period": _param(quarter)}
    client = _client(city.kasi.user)
    client.get(URL, params)
    ComplaintIndicator.objects.update(computed_at=timezone.now() - timedelta(days=2))
    handled_complaint(city, quarter, 7)
    body = client.get(URL, params).json()
    assert body["computed_now"] is True
    assert _by_indicator(body)[Indicator.HANDLED]["value"] == "5.00"
    assert Decimal(_by_indicator(body)[Indicator.FOLLOWUP_ON_TIME]["value"]) == Decimal("80.00")
