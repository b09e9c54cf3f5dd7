"""Closing a period: recommendations for every approved SKP at once, drafts opened or refreshed,
confirmed evaluations left alone, units checked, the period closed; the same numbers as one
evaluation opened by hand."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kinerja.core.models import AuditEvent
from kinerja.performance.models import (
    Evaluation,
    EvaluationState,
    OrgPredikatValue,
    PeriodState,
    UnitAssessment,
)
from kinerja.performance.services import evaluation as evaluation_services
from kinerja.performance.services.closing import close_period
from kinerja.performance.tests.factories_during import approved_employee_skp, numeric_realisasi

pytestmark = pytest.mark.django_db


def test_closing_opens_drafts_with_the_same_recommendation_as_by_hand(city: Any) -> None:
    data = approved_employee_skp(city)
    numeric_realisasi(city, data, "3")
    result = close_period(actor=city.bkpsdm.user, period=data.period)
    data.period.refresh_from_db()
    assert data.period.state == PeriodState.CLOSED
    evaluation = Evaluation.objects.get(skp=data.skp, period=data.period)
    assert evaluation.state == EvaluationState.DRAFT and evaluation.recommended == "2"
    assert evaluation.hasil_kerja == "2" and not evaluation.predikat
    config = evaluation_services.settings_for(city.instansi.pk)
    by_hand = evaluation_services.iki_lines(data.skp, data.period, config)
    rec = evaluation_services.recommend(by_hand, config)
    expected = evaluation_services.stored_recommendation(by_hand, rec, config.capaian_cap)
    assert evaluation.recommendation == expected
    # the approved SKPs of the cascade (kadis, kabid, kasi) get drafts too, without realisasi
    assert result.skps == 4 and result.created == 4 and result.refreshed == 0
    assert result.recommended == {"2": 1, "": 3}
    event = AuditEvent.objects.get(action="period.recommendations", target_id=str(data.period.pk))
    assert event.after is not None and event.after["created"] == 4


def test_closing_keeps_the_assessors_work(city: Any) -> None:
    data = approved_employee_skp(city)
    evaluation = evaluation_services.open_evaluation(
        actor=city.kasi.user, skp=data.skp, period=data.period
    )
    evaluation_services.save_evaluation(
        actor=city.kasi.user, evaluation=evaluation, version=None,
        hasil_kerja="1", perilaku="2", override_reason="Lonjakan aduan banjir ditangani.",
        notes="catatan penilai",
    )  # fmt: skip
    numeric_realisasi(city, data, "3")
    result = close_period(actor=city.bkpsdm.user, period=data.period)
    evaluation.refresh_from_db()
    assert result.refreshed == 1
    assert evaluation.recommended == "2"  # refreshed from the new realisasi
    assert (evaluation.hasil_kerja, evaluation.notes) == ("1", "catatan penilai")
    assert evaluation.state == EvaluationState.DRAFT and not evaluation.predikat


def test_confirmed_evaluations_are_left_alone(city: Any) -> None:
    data = approved_employee_skp(city)
    evaluation = evaluation_services.open_evaluation(
        actor=city.kasi.user, skp=data.skp, period=data.period
    )
    evaluation_services.save_evaluation(
        actor=city.kasi.user, evaluation=evaluation, version=None,
        hasil_kerja="2", perilaku="2", confirm=True,
    )  # fmt: skip
    before = Evaluation.objects.values().get(pk=evaluation.pk)
    result = close_period(actor=city.bkpsdm.user, period=data.period)
    assert result.confirmed == 1
    assert Evaluation.objects.values().get(pk=evaluation.pk) == before


def test_units_are_checked_against_their_rule(city: Any) -> None:
    data = approved_employee_skp(city)
    evaluation = evaluation_services.open_evaluation(
        actor=city.kasi.user, skp=data.skp, period=data.period
    )
    evaluation_services.save_evaluation(
        actor=city.kasi.user, evaluation=evaluation, version=None,
        hasil_kerja="2", perilaku="2", confirm=True,
    )  # fmt: skip
    UnitAssessment.objects.create(
        instansi=city.instansi, unit=city.dinas, unit_path=city.dinas.path, period=data.period,
        org_predikat=OrgPredikatValue.BAIK,
    )  # fmt: skip
    result = close_period(actor=city.bkpsdm.user, period=data.period)
    # one Baik out of one: "at most 70 % Baik" and "some Butuh Perbaikan/Kurang" both fail
    assert (result.units_checked, result.units_failing) == (1, 1)


def test_only_hr_closes_and_only_an_open_period(city: Any) -> None:
    data = approved_employee_skp(city)
    with pytest.raises(PermissionDenied):
        close_period(actor=city.kasi.user, period=data.period)
    assert not Evaluation.objects.exists()
    close_period(actor=city.bkpsdm.user, period=data.period)
    with pytest.raises(ValidationError):
        close_period(actor=city.bkpsdm.user, period=data.period)


def test_the_period_page_closes_with_a_summary(city: Any, login: Any) -> None:
    data = approved_employee_skp(city)
    response = login("bkpsdm").post(
        reverse("performance:period_state", args=[data.period.pk]), {"state": "closed"}, follow=True
    )
    assert response.status_code == 200
    assert "Rekomendasi dihitung untuk 4 SKP" in response.text
    assert Evaluation.objects.filter(period=data.period).count() == 4
