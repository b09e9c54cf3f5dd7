"""Scoring: the recommended Hasil Kerja rating."""

from decimal import Decimal as D

import pytest

from kinerja.performance.scoring import (
    DEFAULT_RECOMMENDATION_RULE,
    IkiResult,
    Rating,
    RecommendationRule,
    capaian,
    recommend_hasil_kerja,
)


def iki(key, pct, utama=True):
    """An IKI with a target of 100, so that the realisasi is the capaian in percent."""
    return IkiResult(key, capaian(D(100), None if pct is None else D(pct)), utama=utama)


A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH


@pytest.mark.parametrize(
    ("ikis", "expected"),
    [
        # every IKI at the same level
        ([iki("a", 120), iki("b", 110)], A),
        ([iki("a", 100), iki("b", 90)], S),
        ([iki("a", 50), iki("b", "89.99")], B),
        # threshold boundaries (default 110 / 90)
        ([iki("a", 110)], A),
        ([iki("a", "109.99")], S),
        ([iki("a", 90)], S),
        ([iki("a", "89.99")], B),
        # di atas: most above, no utama below
        ([iki("a", 120), iki("b", 120), iki("c", 95)], A),
        ([iki("a", 120), iki("b", 120), iki("c", 50, utama=False)], A),
        # 1 of 3 utama short: not di atas; most meet, so sesuai (flagged for review, see below)
        ([iki("a", 120), iki("b", 120), iki("c", 50, utama=True)], S),
        ([iki(k, 120) for k in "abcd"] + [iki("e", 50)], S),  # 1 of 5 utama short
        # exactly half above is not "most"
        ([iki("a", 120), iki("b", 95)], S),
        # sesuai: most meet, at most 20 % of utama below
        ([iki(k, 100) for k in "abcd"] + [iki("e", 50)], S),  # 1 of 5 utama = 20 %
        ([iki(k, 100) for k in "abc"] + [iki("d", 50)], S),  # 1 of 4 utama = 25 %: review
        ([iki(k, 100) for k in "abc"] + [iki("d", 50, utama=False)], S),
        # exactly half meeting is not "most"
        ([iki("a", 100), iki("b", 50, utama=False)], B),
        # most below
        ([iki("a", 120), iki("b", 50), iki("c", 40)], B),
    ],
)
def test_recommendation_table(ikis, expected):
    assert recommend_hasil_kerja(ikis).rating is expected


def test_drivers_name_the_deciding_iki():
    above = recommend_hasil_kerja([iki("a", 120), iki("b", 130), iki("c", 95)])
    assert above.drivers == ("a", "b")
    sesuai = recommend_hasil_kerja([iki("a", 120), iki("b", 95), iki("c", 100)])
    assert sesuai.drivers == ("b", "c")
    blocked = recommend_hasil_kerja([iki(k, 120) for k in "abcd"] + [iki("e", 50)])
    assert blocked.rating is S
    assert blocked.drivers == ("e",)
    below = recommend_hasil_kerja([iki("a", 120), iki("b", 50), iki("c", 40)])
    assert below.drivers == ("b", "c")


def test_gap_in_the_guidance_is_flagged_for_review():
    # Most results meet expectation, yet too many main results fall short: the guidance names
    # neither sesuai nor di bawah; the recommendation stays sesuai and says it needs review.
    gap = recommend_hasil_kerja([iki("a", 120), iki("b", 120), iki("c", 50)])
    assert gap.rating is S
    assert gap.needs_review
    assert "penilai perlu meninjau" in gap.reason
    assert gap.drivers == ("c",)
    plain = recommend_hasil_kerja([iki("a", 50), iki("b", 40)])
    assert plain.rating is B
    assert not plain.needs_review


def test_qualitative_and_missing_data_are_excluded_and_reported():
    result = recommend_hasil_kerja(
        [
            iki("a", 120),
            IkiResult("q", None),
            iki("n", None),
            IkiResult("t", capaian(None, D(5))),
        ]
    )
    assert result.rating is A
    assert [e.key for e in result.excluded] == ["q", "n", "t"]
    assert "kualitatif" in result.excluded[0].reason
    assert [a.key for a in result.assessed] == ["a"]
    assert "3 IKI tidak ikut dihitung" in result.reason


@pytest.mark.parametrize(
    "ikis", [[], [IkiResult("q", None)], [iki("n", None), IkiResult("q", None)]]
)
def test_no_quantitative_data_means_no_recommendation(ikis):
    result = recommend_hasil_kerja(ikis)
    assert result.rating is None
    assert result.drivers == ()
    assert "tidak memberi rekomendasi" in result.reason


def test_zero_target_counts_as_met():
    result = recommend_hasil_kerja([IkiResult("z", capaian(D(0), D(0)))])
    assert result.rating is S


def test_reason_is_indonesian_and_carries_the_rule():
    result = recommend_hasil_kerja([iki("a", 95)])
    assert result.reason.startswith("Rekomendasi Sesuai Ekspektasi:")
    assert "≥ 90%" in result.reason
    assert result.rule == DEFAULT_RECOMMENDATION_RULE
    assert result.version


def test_rule_parameters_change_the_outcome():
    strict = RecommendationRule(di_atas_min=D(130), sesuai_min=D(100))
    assert recommend_hasil_kerja([iki("a", 120)], strict).rating is S
    assert recommend_hasil_kerja([iki("a", 95)], strict).rating is B
    lenient_utama = RecommendationRule(utama_short_max_pct=D(25))
    ikis = [iki(k, 100) for k in "abc"] + [iki("d", 50)]
    assert recommend_hasil_kerja(ikis, lenient_utama).rating is S
    two_thirds = RecommendationRule(most_pct=D("66.67"))
    assert (
        recommend_hasil_kerja([iki("a", 120), iki("b", 120), iki("c", 95)], two_thirds).rating is S
    )


def test_rule_round_trips_through_a_dict():
    rule = RecommendationRule(D("105.5"), D(85), D(60), D(10))
    stored = rule.to_dict()
    assert all(isinstance(v, str) for v in stored.values())
    assert RecommendationRule.from_dict(stored) == rule


@pytest.mark.parametrize(
    "kwargs",
    [
        {"di_atas_min": D(80)},  # below sesuai_min
        {"sesuai_min": D(-1)},
        {"most_pct": D(100)},
        {"utama_short_max_pct": D(101)},
    ],
)
def test_invalid_rules_are_refused(kwargs):
    with pytest.raises(ValueError):
        RecommendationRule(**kwargs)


def test_rule_refuses_floats():
    with pytest.raises(TypeError):
        RecommendationRule(di_atas_min=110.0)  # type: ignore[arg-type]


def test_rule_accepts_ints_as_decimals():
    rule = RecommendationRule(di_atas_min=120, sesuai_min=95)  # type: ignore[arg-type]
    assert rule.di_atas_min == D(120)
    assert isinstance(rule.sesuai_min, D)


def test_utama_share_above_the_limit_only_asks_for_review():
    within = recommend_hasil_kerja([iki(k, 100) for k in "abcd"] + [iki("e", 50)])
    beyond = recommend_hasil_kerja([iki(k, 100) for k in "abc"] + [iki("d", 50)])
    assert (within.rating, within.needs_review) == (S, False)
    assert (beyond.rating, beyond.needs_review) == (S, True)
