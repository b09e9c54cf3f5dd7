"""Evaluation services: the recommendation from stored realisasi, overrides need a reason, the
predikat follows the matrix only when the assessor confirms, self-assessment, stale saves,
locked periods."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.core.models import AuditEvent
from kinerja.performance import services as period_services
from kinerja.performance.models import (
    Evaluation,
    EvaluationState,
    PerformanceSettings,
    PeriodKind,
    PeriodState,
)
from kinerja.performance.services import evaluation as svc
from kinerja.performance.tests.factories_during import approved_employee_skp, numeric_realisasi

pytestmark = pytest.mark.django_db

DI_ATAS, SESUAI, DI_BAWAH = "1", "2", "3"


def test_quantity_target_is_prorated_and_capaian_recommends(city: Any) -> None:
    data = approved_employee_skp(city)
    numeric_realisasi(city, data, "3")  # target 12 a year → 3 a quarter → 100 %
    evaluation = svc.open_evaluation(actor=city.kasi.user, skp=data.skp, period=data.period)
    assert evaluation.state == EvaluationState.DRAFT
    assert evaluation.recommended == SESUAI and evaluation.hasil_kerja == SESUAI
    [line] = [i for i in evaluation.recommendation["iki"] if i["id"] == data.iki.pk]
    assert (line["target"], line["realisasi"], line["capaian"]) == ("3.00", "3.00", "100.00")
    assert evaluation.scoring_version and evaluation.recommendation["rule"]["sesuai_min"] == "90"
    assert len(evaluation.recommendation["excluded"]) == 1  # the qualitative IKI
    assert not evaluation.predikat  # nothing final until the assessor confirms


def test_no_realisasi_gives_no_recommendation(city: Any) -> None:
    data = approved_employee_skp(city)
    evaluation = svc.open_evaluation(actor=city.kasi.user, skp=data.skp, period=data.period)
    assert evaluation.recommended == "" and evaluation.hasil_kerja == ""
    assert "tidak memberi rekomendasi" in evaluation.recommendation["reason"]


def test_override_needs_a_reason_and_confirm_sets_the_matrix_predikat(city: Any) -> None:
    data = approved_employee_skp(city)
    numeric_realisasi(city, data, "3")
    evaluation = svc.open_evaluation(actor=city.kasi.user, skp=data.skp, period=data.period)
    with pytest.raises(ValidationError) as exc:
        svc.save_evaluation(
            actor=city.kasi.user, evaluation=evaluation, version=evaluation.version,
            hasil_kerja=DI_ATAS, perilaku=DI_ATAS, override_reason="bagus", confirm=True,
        )  # fmt: skip
    assert "override_reason" in exc.value.message_dict
    evaluation.refresh_from_db()
    assert evaluation.state == EvaluationState.DRAFT and evaluation.hasil_kerja == SESUAI
    svc.save_evaluation(
        actor=city.kasi.user, evaluation=evaluation, version=evaluation.version,
        hasil_kerja=DI_ATAS, perilaku=DI_ATAS,
        override_reason="Menangani lonjakan aduan banjir di luar target.",
        perilaku_values={"pelayanan": DI_ATAS, "loyal": SESUAI}, confirm=True,
    )  # fmt: skip
    evaluation.refresh_from_db()
    assert evaluation.state == EvaluationState.FINAL
    assert evaluation.predikat == "1"  # Di atas × Di atas = Sangat Baik
    assert evaluation.decided_by == city.kasi.user
    assert evaluation.perilaku_values == {"pelayanan": DI_ATAS, "loyal": SESUAI}
    event = AuditEvent.objects.get(action="evaluation.confirm", target_id=str(evaluation.pk))
    assert event.after is not None and event.after["override_reason"].startswith("Menangani")
    with pytest.raises(ValidationError, match="sudah ditetapkan"):
        svc.save_evaluation(
            actor=city.kasi.user, evaluation=evaluation, version=evaluation.version,
            hasil_kerja=SESUAI, perilaku=SESUAI,
        )  # fmt: skip
    svc.reopen_evaluation(actor=city.kasi.user, evaluation=evaluation, version=evaluation.version)
    evaluation.refresh_from_db()
    assert evaluation.state == EvaluationState.DRAFT and evaluation.predikat == ""


@pytest.mark.parametrize(
    ("hasil", "perilaku", "predikat"),
    [
        (DI_ATAS, DI_BAWAH, "4"),
        (SESUAI, SESUAI, "2"),
        (DI_BAWAH, DI_BAWAH, "5"),
        (DI_BAWAH, DI_ATAS, "3"),
    ],
)
def test_predikat_is_the_matrix_cell(city: Any, hasil: str, perilaku: str, predikat: str) -> None:
    data = approved_employee_skp(city)
    evaluation = svc.open_evaluation(actor=city.kasi.user, skp=data.skp, period=data.period)
    svc.save_evaluation(
        actor=city.kasi.user, evaluation=evaluation, version=None,
        hasil_kerja=hasil, perilaku=perilaku, confirm=True,
    )  # fmt: skip
    assert evaluation.predikat == predikat


def test_confirm_needs_both_ratings_and_bad_values_are_refused(city: Any) -> None:
    data = approved_employee_skp(city)
    evaluation = svc.open_evaluation(actor=city.kasi.user, skp=data.skp, period=data.period)
    drawn = evaluation.version
    with pytest.raises(ValidationError) as exc:
        svc.save_evaluation(
            actor=city.kasi.user, evaluation=evaluation, version=drawn,
            hasil_kerja="", perilaku="9", perilaku_values={"bogus": "1"}, confirm=True,
        )  # fmt: skip
    assert set(exc.value.message_dict) == {"hasil_kerja", "perilaku", "perilaku_values"}
    evaluation.refresh_from_db()
    assert evaluation.version == drawn and evaluation.state == EvaluationState.DRAFT


def test_only_the_assessor_evaluates(city: Any) -> None:
    data = approved_employee_skp(city)
    for user in (city.employee.user, city.kabid.user, city.bkpsdm.user):
        with pytest.raises(PermissionDenied):
            svc.open_evaluation(actor=user, skp=data.skp, period=data.period)
    assert not Evaluation.objects.exists()


def test_stale_save_is_refused_and_keeps_the_winner(city: Any) -> None:
    data = approved_employee_skp(city)
    evaluation = svc.open_evaluation(actor=city.kasi.user, skp=data.skp, period=data.period)
    drawn = evaluation.version
    svc.save_evaluation(
        actor=city.kasi.user, evaluation=evaluation, version=drawn,
        hasil_kerja=SESUAI, perilaku=SESUAI, notes="pertama",
    )  # fmt: skip
    other = Evaluation.objects.get(pk=evaluation.pk)
    with pytest.raises(svc.StaleEvaluation):
        svc.save_evaluation(
            actor=city.kasi.user, evaluation=other, version=drawn,
            hasil_kerja=SESUAI, perilaku=DI_BAWAH, notes="kedua",
        )  # fmt: skip
    assert Evaluation.objects.get(pk=evaluation.pk).notes == "pertama"


def test_locked_period_refuses_evaluation(city: Any) -> None:
    data = approved_employee_skp(city)
    for state in (PeriodState.CLOSED, PeriodState.LOCKED):
        period_services.set_period_state(actor=city.bkpsdm.user, period=data.period, state=state)
    data.period.refresh_from_db()
    with pytest.raises(ValidationError, match="dikunci"):
        svc.open_evaluation(actor=city.kasi.user, skp=data.skp, period=data.period)


def test_self_assessment_only_when_the_instansi_uses_it(city: Any) -> None:
    data = approved_employee_skp(city)
    evaluation = svc.open_evaluation(actor=city.kasi.user, skp=data.skp, period=data.period)
    with pytest.raises(ValidationError, match="tidak memakai"):
        svc.self_assess(
            actor=city.employee.user, evaluation=evaluation, version=None,
            hasil_kerja=SESUAI, perilaku=SESUAI,
        )  # fmt: skip
    PerformanceSettings.objects.create(instansi=city.instansi, self_assessment=True)
    with pytest.raises(PermissionDenied):
        svc.self_assess(
            actor=city.kasi.user, evaluation=evaluation, version=None,
            hasil_kerja=SESUAI, perilaku=SESUAI,
        )  # fmt: skip
    svc.self_assess(
        actor=city.employee.user, evaluation=evaluation, version=None,
        hasil_kerja=DI_ATAS, perilaku=SESUAI, notes="Target terlampaui",
    )  # fmt: skip
    evaluation.refresh_from_db()
    assert evaluation.self_hasil_kerja == DI_ATAS and evaluation.self_assessed_at


def test_thresholds_come_from_the_instansi_settings(city: Any) -> None:
    PerformanceSettings.objects.create(
        instansi=city.instansi, sesuai_min=Decimal(120), di_atas_min=Decimal(140)
    )
    data = approved_employee_skp(city)
    numeric_realisasi(city, data, "3")  # 100 %, now below the instansi's 120 %
    evaluation = svc.open_evaluation(actor=city.kasi.user, skp=data.skp, period=data.period)
    assert evaluation.recommended == DI_BAWAH


def test_annual_sums_quantities_over_the_periods(city: Any) -> None:
    data = approved_employee_skp(city)
    numeric_realisasi(city, data, "6")
    annual = data.skp.performance_year.periods.get(kind=PeriodKind.ANNUAL)
    evaluation = svc.open_evaluation(actor=city.kasi.user, skp=data.skp, period=annual)
    [line] = [i for i in evaluation.recommendation["iki"] if i["id"] == data.iki.pk]
    assert (line["target"], line["realisasi"], line["capaian"]) == ("12.00", "6.00", "50.00")
    assert evaluation.recommended == DI_BAWAH


def test_angka_kredit_for_a_functional_annual_predikat(city: Any) -> None:
    from kinerja.org.models import JabatanLevel, JabatanType

    data = approved_employee_skp(city)
    annual = data.skp.performance_year.periods.get(kind=PeriodKind.ANNUAL)
    evaluation = svc.open_evaluation(actor=city.kasi.user, skp=data.skp, period=annual)
    svc.save_evaluation(
        actor=city.kasi.user, evaluation=evaluation, version=None,
        hasil_kerja=DI_ATAS, perilaku=DI_ATAS, override_reason="Capaian tahunan sangat tinggi.",
        confirm=True,
    )  # fmt: skip
    assert svc.angka_kredit_of(evaluation) is None  # a pelaksana earns no angka kredit
    position = data.skp.position
    position.jabatan_type, position.level = JabatanType.FUNGSIONAL, JabatanLevel.AHLI_PERTAMA
    position.save()
    evaluation.skp.refresh_from_db()
    # Sangat Baik (150 %) × Ahli Pertama (12.5 a year) × 12 months
    assert svc.angka_kredit_of(evaluation) == Decimal("18.750")
    periodic = svc.open_evaluation(actor=city.kasi.user, skp=data.skp, period=data.period)
    assert svc.angka_kredit_of(periodic) is None
