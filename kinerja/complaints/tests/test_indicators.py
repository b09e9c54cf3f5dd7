"""Indicators computed from the complaint records: counts, percentiles, shares, IKM."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from kinerja.complaints.indicators import value_of
from kinerja.complaints.models import (
    Complaint,
    ComplaintIndicator,
    Indicator,
    SkmResponse,
    SurveySource,
)
from kinerja.complaints.services import workflow
from kinerja.complaints.services.indicators import refresh
from kinerja.complaints.sla import settings_for
from kinerja.complaints.tests import factories as f

pytestmark = pytest.mark.django_db
JKT = ZoneInfo("Asia/Jakarta")
MONTH = (date(2026, 3, 1), date(2026, 3, 31))


def _in_march(city: Any, day: int, **kw: Any) -> Complaint:
    return f.done(city, received_at=datetime(2026, 3, day, 9, 0, tzinfo=JKT), **kw)


def _officer_row(city: Any) -> ComplaintIndicator:
    return ComplaintIndicator.objects.get(employee=city.employee, starts=MONTH[0], ends=MONTH[1])


def test_percentiles_use_the_nearest_rank(city: Any) -> None:
    for day, minutes in zip(range(2, 7), [50, 10, 40, 20, 30], strict=True):
        c = _in_march(city, day)
        Complaint.objects.filter(pk=c.pk).update(officer_response_minutes=minutes)
    refresh(city.instansi.pk, *MONTH)
    row = _officer_row(city)
    assert (row.handled, row.responded) == (5, 5)
    assert (row.response_median_minutes, row.response_p90_minutes) == (30, 50)
    assert value_of(row, Indicator.RESPONSE_MEDIAN).value == Decimal("0.50")
    # With four values the median is the second and the 90th percentile the fourth.
    Complaint.objects.filter(officer_response_minutes=50).update(officer_response_minutes=None)
    refresh(city.instansi.pk, *MONTH)
    row = _officer_row(city)
    assert (row.responded, row.response_median_minutes, row.response_p90_minutes) == (4, 20, 40)
    assert ComplaintIndicator.objects.filter(employee=city.employee).count() == 1


def test_shares_ratings_and_accuracy_follow_the_rules(city: Any) -> None:
    on_time = _in_march(city, 2)
    late = _in_march(city, 3)
    # The steps ran today; put the answers where the test needs them.
    Complaint.objects.filter(pk=on_time.pk).update(
        followed_up_at=on_time.received_at + timedelta(hours=1)
    )
    Complaint.objects.filter(pk=late.pk).update(
        followed_up_at=late.followup_due_at + timedelta(hours=1)  # type: ignore[operator]
    )
    workflow.rate(complaint=on_time, rating=5, solved=True)
    workflow.rate(complaint=late, rating=2, solved=True)
    refresh(city.instansi.pk, *MONTH)
    row = _officer_row(city)
    assert (row.followup_owed, row.followup_on_time) == (2, 1)
    assert value_of(row, Indicator.FOLLOWUP_ON_TIME).value == Decimal("50.00")
    assert value_of(row, Indicator.RATING).value == Decimal("3.50")
    assert value_of(row, Indicator.INACCURATE).value == Decimal("50.00")  # the rating of 2
    rules = settings_for(city.instansi.pk)
    rules.count_low_rating = False
    rules.save()
    refresh(city.instansi.pk, *MONTH)
    assert _officer_row(city).inaccurate == 0


def test_a_reopened_or_rejected_answer_counts_against_accuracy(city: Any) -> None:
    c = f.answered(city, received_at=datetime(2026, 3, 4, 10, 0, tzinfo=JKT))
    workflow.reject_answer(actor=city.verifier.user, complaint=c, note="Belum lengkap.")
    _in_march(city, 5)
    refresh(city.instansi.pk, *MONTH)
    row = _officer_row(city)
    assert (row.handled, row.inaccurate, row.reopened) == (2, 1, 0)


def test_the_opd_row_rolls_up_its_units_and_holds_the_ikm(city: Any) -> None:
    _in_march(city, 2)
    c = f.new_complaint(city, received_at=datetime(2026, 3, 9, 8, 0, tzinfo=JKT))
    workflow.route(actor=city.verifier.user, complaint=c, unit=city.seksi)
    for answers in ([4] * 9, [3] * 9):
        SkmResponse.objects.create(
            instansi=city.instansi,
            unit=city.bidang,
            source=SurveySource.COUNTER,
            submitted_at=datetime(2026, 3, 10, 9, 0, tzinfo=JKT),
            **{f"u{i}": a for i, a in enumerate(answers, start=1)},
        )
    refresh(city.instansi.pk, *MONTH)
    row = ComplaintIndicator.objects.get(unit=city.dinas, starts=MONTH[0])
    assert row.handled == 2 and row.responded == 2
    assert (row.skm_respondents, row.ikm) == (2, Decimal("87.50"))
    assert not ComplaintIndicator.objects.filter(unit=city.seksi).exists()
    by_category = ComplaintIndicator.objects.get(category=f.category(city), starts=MONTH[0])
    assert by_category.handled == 2
    whole = ComplaintIndicator.objects.get(starts=MONTH[0], employee=None, unit=None, category=None)
    assert (whole.handled, whole.skm_respondents, whole.ikm) == (2, 2, Decimal("87.50"))


def test_complaints_outside_the_range_or_instansi_do_not_count(city: Any) -> None:
    _in_march(city, 31)
    f.done(city, received_at=datetime(2026, 4, 1, 0, 0, tzinfo=JKT))
    f.done(city, received_at=datetime(2026, 2, 28, 23, 59, tzinfo=JKT))
    result = refresh(city.instansi.pk, *MONTH)
    assert _officer_row(city).handled == 1
    assert (result.officers, result.units, result.categories) == (1, 1, 1)
    whole = ComplaintIndicator.objects.get(starts=MONTH[0], employee=None, unit=None, category=None)
    assert whole.handled == 1
    assert refresh(city.other_instansi.pk, *MONTH).officers == 0


def test_an_empty_range_gives_no_figures(city: Any) -> None:
    refresh(city.instansi.pk, *MONTH)
    # Only the instansi's row, with zeros: it marks the range as computed.
    whole = ComplaintIndicator.objects.get()
    assert (whole.employee_id, whole.unit_id, whole.category_id, whole.handled) == (
        None, None, None, 0,
    )  # fmt: skip
    row = ComplaintIndicator(handled=0, responded=0, followup_owed=0, followup_on_time=0,
                             reopened=0, inaccurate=0, rated=0, rating_sum=0,
                             computed_at=timezone.now())  # fmt: skip
    assert value_of(row, Indicator.FOLLOWUP_ON_TIME).value is None
    assert value_of(row, Indicator.RATING).value is None
    assert value_of(row, Indicator.HANDLED).value == 0
