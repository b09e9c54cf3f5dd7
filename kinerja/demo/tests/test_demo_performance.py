"""The demo's performance data: three years of cascaded plans the services would accept, with
realisasi, evaluations, penetapan and keberatan consistent with the rules."""

from __future__ import annotations

import io
import random
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.test import override_settings
from django.utils import timezone

from kinerja.complaints.indicators import value_of
from kinerja.complaints.models import ComplaintIndicator, Indicator
from kinerja.complaints.selectors_indicators import EMPTY_ROW
from kinerja.demo.memo import Recommender
from kinerja.demo.people import REFERENCE_DATE
from kinerja.demo.personas import PERSONAS
from kinerja.employees.models import Employee
from kinerja.org.models import Instansi
from kinerja.performance import scoring
from kinerja.performance.models import (
    Berakhlak,
    Evaluation,
    EvaluationState,
    Iki,
    Objection,
    ObjectionState,
    PenetapanState,
    PerformanceSettings,
    PerformanceYear,
    Period,
    PeriodKind,
    PeriodState,
    RatingValue,
    Realisasi,
    Rhk,
    Skp,
    SkpState,
    UnitAssessment,
)
from kinerja.performance.scoring.distribution import keyed_results
from kinerja.performance.selectors_distribution import distribution_rules, predikat_counts
from kinerja.performance.services import evaluation as evaluation_services
from kinerja.performance.services import skp as skp_services
from kinerja.performance.services import skp_drafting

YEAR = REFERENCE_DATE.year
MD5 = "django.contrib.auth.hashers.MD5PasswordHasher"


@pytest.fixture(scope="module")
def city(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Instansi]:
    """The demo, seeded once for this module and rolled back at its end; each test runs in its
    own savepoint inside (the one that drafts a plan leaves nothing behind)."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEMO_MODE=True, PASSWORD_HASHERS=[MD5]):
            call_command("seed_demo", "--scale", "0.05", stdout=io.StringIO())
        yield Instansi.objects.get(code="kota-surakarta")
        transaction.set_rollback(True)


@pytest.fixture
def seeded(city: Instansi, db: Any) -> None:
    """The seeded demo, for the tests that need no handle on it."""


def _persona(key: str) -> Employee:
    persona = next(p for p in PERSONAS if p.key == key)
    return Employee.objects.select_related("current_position").get(nip=persona.nip)


def test_three_years_with_quarterly_periods(seeded: None) -> None:
    years = PerformanceYear.objects.filter(instansi__code="kota-surakarta")
    assert sorted(years.values_list("year", flat=True)) == [YEAR - 2, YEAR - 1, YEAR]
    earlier = Period.objects.filter(
        performance_year__year__lt=YEAR, instansi__code="kota-surakarta"
    )
    assert set(earlier.values_list("state", flat=True)) == {PeriodState.LOCKED}
    assert Period.objects.filter(performance_year__year=YEAR).count() == 2 * 5  # both instansi


def test_every_supporting_rhk_points_at_the_assessor_positions_approved_plan(seeded: None) -> None:
    linked = Rhk.objects.filter(skp__is_jpt=False, supports__isnull=False)
    assert linked.exists()
    assert not linked.exclude(supports__skp__position_id=F("skp__assessor_position_id")).exists()
    assert not linked.exclude(supports__skp__state=SkpState.APPROVED).exists()
    assert (
        not Rhk.objects.filter(skp__is_jpt=False, supports__isnull=True)
        .exclude(skp__state=SkpState.DRAFT)
        .exists()
    )
    assert not Skp.objects.filter(state=SkpState.APPROVED, rhks__isnull=True).exists()
    assert not Iki.objects.filter(target__isnull=False, unit="").exists()


def test_current_year_has_every_state_and_returned_plans_say_why(seeded: None) -> None:
    states = set(Skp.objects.filter(performance_year__year=YEAR).values_list("state", flat=True))
    assert states >= {SkpState.APPROVED, SkpState.SUBMITTED, SkpState.DRAFT}
    returned = Skp.objects.filter(state=SkpState.RETURNED)
    assert all(returned.values_list("return_comment", flat=True))
    earlier = Skp.objects.filter(performance_year__year__lt=YEAR)
    assert set(earlier.values_list("state", flat=True)) == {SkpState.APPROVED}


def test_pegawai_can_draft_this_years_plan_under_the_atasans_approved_one(seeded: None) -> None:
    pegawai, atasan = _persona("pegawai"), _persona("atasan")
    assert not Skp.objects.filter(employee=pegawai, performance_year__year=YEAR).exists()
    leader = Skp.objects.get(employee=atasan, performance_year__year=YEAR)
    assert leader.state == SkpState.APPROVED
    year = PerformanceYear.objects.get(instansi=pegawai.instansi, year=YEAR)
    skp = skp_services.start_skp(actor=pegawai.user, employee=pegawai, performance_year=year)
    assert skp.assessor == atasan
    assert skp_services.leader_skp(skp) == leader
    rhk = skp_services.save_rhk(
        actor=pegawai.user,
        skp=skp,
        version=None,
        kind="utama",
        text="Tertanganinya aduan warga",
        supports=leader.rhks.first(),
    )
    assert rhk.pk
    assert skp_drafting.previous_skp(pegawai, YEAR) is not None  # last year's plan to copy


# --- realisasi, evaluations, penetapan and keberatan -----------------------------------------


def _ended(period: Period) -> bool:
    return period.ends < timezone.localdate()


def test_realisasi_for_every_iki_of_every_ended_quarter(city: Instansi, db: Any) -> None:
    periods = list(Period.objects.filter(instansi=city, kind=PeriodKind.PERIODIC))
    ikis = Counter(
        Iki.objects.filter(rhk__skp__instansi=city, rhk__skp__state=SkpState.APPROVED).values_list(
            "rhk__skp_id", "rhk__skp__performance_year__year"
        )
    )
    ended = {period.pk for period in periods if _ended(period)}
    found = Counter(
        (skp, period)
        for skp, period in Realisasi.objects.filter(instansi=city).values_list(
            "skp_id", "period_id"
        )
        if period in ended
    )
    expected = Counter(
        {
            (skp, period.pk): n
            for (skp, year), n in ikis.items()
            for period in periods
            if period.starts.year == year and _ended(period)
        }
    )
    assert found == expected
    # Every typed (drawn) realisasi has a value; only a computed one may have nothing to measure.
    assert not Realisasi.objects.filter(
        instansi=city, computed_at__isnull=True, value__isnull=True
    ).exists()


def test_linked_iki_are_filled_from_the_complaints_in_every_quarter(
    city: Instansi, db: Any
) -> None:
    linked = Realisasi.objects.filter(instansi=city).exclude(iki__indicator_source="")
    # Nothing linked is drawn: the ended quarters as the daily job left them, and the open one.
    assert linked.exists() and not linked.filter(computed_at__isnull=True).exists()
    assert set(linked.values_list("iki__indicator_source", flat=True)) == {
        Indicator.FOLLOWUP_ON_TIME
    }
    assert set(linked.values_list("period__state", flat=True)) == {
        PeriodState.OPEN,
        PeriodState.CLOSED,
    }
    rows = {
        (row.employee_id, row.starts, row.ends): row
        for row in ComplaintIndicator.objects.filter(instansi=city, employee__isnull=False)
    }
    for realisasi in linked.select_related("period", "skp"):
        period = realisasi.period
        assert realisasi.value == realisasi.computed_value
        assert realisasi.computed_basis["indicator"] == Indicator.FOLLOWUP_ON_TIME
        row = rows.get((realisasi.skp.employee_id, period.starts, period.ends))
        figure = value_of(row or EMPTY_ROW, Indicator.FOLLOWUP_ON_TIME)
        assert realisasi.computed_value == figure.value
        if _ended(period):
            filled_on = timezone.localdate(realisasi.computed_at)
            assert period.ends < filled_on <= period.ends + timedelta(days=7)


def test_past_years_are_evaluated_in_full(city: Instansi, db: Any) -> None:
    plans = Skp.objects.filter(
        instansi=city, state=SkpState.APPROVED, performance_year__year__lt=YEAR
    )
    assert plans.exists()
    evaluations = Evaluation.objects.filter(skp__in=plans)
    assert set(evaluations.values_list("state", flat=True)) == {EvaluationState.FINAL}
    per_plan = Counter(evaluations.values_list("skp_id", "period__kind"))
    assert set(per_plan.values()) <= {1, 4}
    assert len(per_plan) == 2 * plans.count()
    assert all(n == 4 for (_, kind), n in per_plan.items() if kind == PeriodKind.PERIODIC)


def test_current_year_follows_the_deadlines(city: Instansi, db: Any) -> None:
    today = timezone.localdate()
    for period in Period.objects.filter(performance_year__year=YEAR):
        states = set(Evaluation.objects.filter(period=period).values_list("state", flat=True))
        if not _ended(period):
            assert not states, period
        elif period.evaluation_deadline < today:
            assert EvaluationState.FINAL in states
    # past its deadline, the demo atasan's one evaluation still to do is the only draft left
    late = Evaluation.objects.filter(
        state=EvaluationState.DRAFT, period__evaluation_deadline__lt=today
    )
    assert set(late.values_list("skp__assessor", flat=True)) <= {_persona("atasan").pk}
    assert late.count() <= 1


def test_final_evaluations_are_complete_and_decided_in_time(city: Instansi, db: Any) -> None:
    final = Evaluation.objects.filter(instansi=city, state=EvaluationState.FINAL).select_related(
        "period", "skp__assessor", "unit"
    )
    ratings: Counter[str] = Counter()
    for evaluation in final:
        assert (
            evaluation.predikat
            == scoring.predikat(evaluation.hasil_kerja, evaluation.perilaku).value
        )
        assert evaluation.decided_at is not None
        decided = timezone.localdate(evaluation.decided_at)
        assert evaluation.period.ends < decided <= evaluation.period.evaluation_deadline
        assessor = evaluation.skp.assessor
        assert evaluation.decided_by_id == (assessor.user_id if assessor else None)
        assert evaluation.unit_id == evaluation.skp.unit_id
        assert evaluation.unit_path == evaluation.unit.path
        assert evaluation.employee_id == evaluation.skp.employee_id
        for value, rating in evaluation.perilaku_values.items():
            assert value in Berakhlak.values and rating in RatingValue.values
        ratings[evaluation.perilaku] += 1
    assert (
        ratings[RatingValue.SESUAI]
        > ratings[RatingValue.DI_ATAS]
        > ratings[RatingValue.DI_BAWAH]
        > 0
    )


def test_every_override_has_a_written_reason(city: Instansi, db: Any) -> None:
    granted = {
        o.evaluation_id: o.before
        for o in Objection.objects.filter(instansi=city, state=ObjectionState.GRANTED)
    }
    final = Evaluation.objects.filter(instansi=city, state=EvaluationState.FINAL)
    overrides = 0
    for pk, recommended, hasil, reason in final.values_list(
        "pk", "recommended", "hasil_kerja", "override_reason"
    ):
        assessor_hasil = granted[pk]["hasil_kerja"] if pk in granted else hasil
        if assessor_hasil != recommended:
            overrides += 1
            assert len(reason) >= evaluation_services.MIN_REASON, pk
        else:
            assert reason == "", pk
    assert 0.02 <= overrides / final.count() <= 0.09


def _recomputed(stored: dict[str, Any], cap: Decimal) -> scoring.Recommendation:
    def value(text: str | None) -> Decimal | None:
        return None if text is None else Decimal(text)

    results = []
    for line in stored["iki"]:
        target = value(line["target"])
        found = (
            None
            if target is None
            else scoring.capaian(
                target,
                value(line["realisasi"]),
                lower_is_better=line["lower_is_better"],
                cap=cap,
            )
        )
        if found is not None:
            assert line["capaian"] == (None if found.value is None else str(found.value))
        results.append(scoring.IkiResult(str(line["id"]), found, line["utama"]))
    return scoring.recommend_hasil_kerja(
        results, scoring.RecommendationRule.from_dict(stored["rule"])
    )


def test_stored_recommendations_reproduce_from_their_inputs(city: Instansi, db: Any) -> None:
    cap = evaluation_services.settings_for(city.pk).capaian_cap
    rows = Evaluation.objects.filter(instansi=city).values_list(
        "recommended", "recommendation", "scoring_version"
    )
    assert rows
    for recommended, stored, version in rows:
        assert version == stored["version"] == scoring.SCORING_VERSION
        again = _recomputed(stored, Decimal(stored["cap"]) if stored.get("cap") else cap)
        assert again.rating is not None and again.rating.value == recommended == stored["rating"]
        assert again.reason == stored["reason"]
        assert list(again.drivers) == stored["drivers"]
        assert again.needs_review == stored["needs_review"]


def test_stored_recommendations_are_what_the_services_store(city: Instansi, db: Any) -> None:
    config = evaluation_services.settings_for(city.pk)
    sample = Evaluation.objects.filter(instansi=city).select_related("skp", "period")
    for evaluation in sample.order_by("pk")[:: max(1, sample.count() // 80)]:
        lines = evaluation_services.iki_lines(evaluation.skp, evaluation.period, config)
        rec = evaluation_services.recommend(lines, config)
        stored = evaluation_services.stored_recommendation(lines, rec, config.capaian_cap)
        assert evaluation.recommendation == stored


def test_the_memoised_recommender_matches_the_service() -> None:
    config = PerformanceSettings()
    recommender = Recommender(config)
    rng = random.Random(5)
    for n in range(3000):
        lines = []
        for k in range(rng.randint(1, 5)):
            target = rng.choice([None, Decimal(0), Decimal(rng.randint(1, 40))])
            facts = evaluation_services.IkiFacts(
                n * 10 + k, f"IKI {k}", "RHK", rng.random() < 0.7,
                rng.choice(["kuantitas", "kualitas", ""]), target, "dokumen",
                rng.random() < 0.2,
            )  # fmt: skip
            values = [Decimal(rng.randint(0, 60)) for _ in range(rng.choice([0, 1, 1, 4]))]
            lines.append(evaluation_services.line_for(facts, values, Decimal("0.25"), Decimal(150)))
        expected = evaluation_services.stored_recommendation(
            lines, evaluation_services.recommend(lines, config), config.capaian_cap
        )
        memoised = recommender(lines)
        assert (
            evaluation_services.stored_recommendation(lines, memoised, config.capaian_cap)
            == expected
        )
    assert len(recommender.cache) < 3000  # the memo is used


def test_penetapan_meet_their_rule_or_say_why(city: Instansi, db: Any) -> None:
    rules = distribution_rules(city.pk)
    bkpsdm = _persona("admin_bkpsdm").user_id
    approved = UnitAssessment.objects.filter(instansi=city).select_related("unit", "period")
    assert approved.exists()
    exceptions = 0
    for assessment in approved:
        assert assessment.state == PenetapanState.APPROVED
        assert assessment.unit.depth == 0 and assessment.unit_path == assessment.unit.path
        assert assessment.period.evaluation_deadline < timezone.localdate(assessment.approved_at)
        assert assessment.approved_by_id == assessment.set_by_id == bkpsdm
        assert assessment.scoring_version == scoring.SCORING_VERSION
        assert assessment.counts == predikat_counts(assessment.unit, assessment.period)
        assert assessment.rule["unit_predikat"] == assessment.org_predikat
        check = scoring.check_distribution(assessment.org_predikat, assessment.counts, rules)
        failed = {key for key, result in keyed_results(check) if not result.passed}
        assert failed == set(assessment.exceptions)
        assert all(len(reason) >= 10 for reason in assessment.exceptions.values())
        exceptions += bool(failed)
    # units are tiny at this scale (a quarter of them at scale 1 have fewer than 20 people)
    assert exceptions < approved.count() / 2


def test_keberatan_are_filed_decided_and_applied(city: Instansi, db: Any) -> None:
    objections = Objection.objects.filter(instansi=city).select_related(
        "evaluation__skp__assessor_position", "evaluation__period", "filed_by"
    )
    assert 5 <= objections.count() <= 10
    states = Counter(objections.values_list("state", flat=True))
    assert set(states) == {ObjectionState.FILED, ObjectionState.GRANTED, ObjectionState.REJECTED}
    days = evaluation_services.settings_for(city.pk).objection_days
    for objection in objections:
        evaluation = objection.evaluation
        assert evaluation.state == EvaluationState.FINAL
        assert evaluation.decided_at is not None
        assert objection.deadline == timezone.localdate(evaluation.decided_at) + timedelta(days)
        assert evaluation.decided_at < objection.filed_at
        assert timezone.localdate(objection.filed_at) <= objection.deadline
        assert objection.filed_by.employee == evaluation.employee
        position = evaluation.skp.assessor_position
        assert position is not None and objection.decider_position_id == position.parent_id
        current = {
            "hasil_kerja": evaluation.hasil_kerja,
            "perilaku": evaluation.perilaku,
            "predikat": evaluation.predikat,
        }
        if objection.state == ObjectionState.FILED:
            assert objection.decided_at is None and objection.after == {}
            assert objection.before == current
            continue
        assert objection.decided_at is not None and objection.decided_at > objection.filed_at
        assert len(objection.decision_reason) >= 10 and objection.after == current
        if objection.state == ObjectionState.GRANTED:
            assert objection.before != objection.after
            assert evaluation.version == 2
        else:
            assert objection.before == objection.after


def test_the_atasan_has_an_evaluation_to_do(city: Instansi, db: Any) -> None:
    atasan = _persona("atasan")
    ended = Period.objects.filter(
        instansi=city, performance_year__year=YEAR, kind=PeriodKind.PERIODIC,
        ends__lt=timezone.localdate(),
    ).exclude(state=PeriodState.LOCKED)  # fmt: skip
    plan = Skp.objects.get(assessor=atasan, performance_year__year=YEAR, state=SkpState.APPROVED)
    latest = ended.order_by("-number").first()
    # Early in the year no quarter has ended: then nothing of this year may be confirmed yet.
    done = Evaluation.objects.filter(skp=plan, state=EvaluationState.FINAL)
    if latest is not None:
        done = done.filter(period=latest)
    assert not done.exists()


def test_the_pegawai_has_last_years_predikat_to_explain(city: Instansi, db: Any) -> None:
    pegawai = _persona("pegawai")
    last = Evaluation.objects.filter(employee=pegawai, period__performance_year__year=YEAR - 1)
    assert Counter(last.values_list("period__kind", "state")) == {
        (PeriodKind.PERIODIC, EvaluationState.FINAL): 4,
        (PeriodKind.ANNUAL, EvaluationState.FINAL): 1,
    }
    annual = last.get(period__kind=PeriodKind.ANNUAL)
    assert annual.predikat and annual.recommendation["iki"]
    assert not Objection.objects.filter(evaluation__employee=pegawai).exists()
