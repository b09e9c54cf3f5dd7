"""Scoring: hypothesis properties (total, monotone, deterministic)."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from kinerja.performance.scoring import (
    IkiResult,
    Jenjang,
    MostReading,
    OrgPredikat,
    Predikat,
    Rating,
    RecommendationRule,
    angka_kredit,
    capaian,
    check_distribution,
    predikat,
    recommend_hasil_kerja,
)

amounts = st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False)
targets = st.one_of(st.none(), amounts)
realisasis = st.one_of(st.none(), amounts)
caps = st.decimals(min_value=100, max_value=1000, places=2)
ratings = st.sampled_from(Rating)


@given(ratings, ratings)
def test_predikat_is_total_and_deterministic(hasil, perilaku):
    result = predikat(hasil, perilaku)
    assert result in Predikat
    assert predikat(hasil, perilaku) is result


@given(ratings, ratings, ratings)
def test_predikat_never_worsens_with_better_hasil_kerja_given_good_behaviour(h1, h2, perilaku):
    # Within acceptable behaviour (not di bawah), a better Hasil Kerja never gives a worse predikat.
    if perilaku is Rating.DI_BAWAH or h2.is_better_than(h1):
        return
    assert predikat(h1, perilaku).code <= predikat(h2, perilaku).code


@given(targets, realisasis, st.booleans(), caps)
def test_capaian_is_total_bounded_and_deterministic(target, realisasi, lower, cap):
    result = capaian(target, realisasi, lower_is_better=lower, cap=cap)
    assert result == capaian(target, realisasi, lower_is_better=lower, cap=cap)
    assert result.explanation
    if result.value is not None:
        assert D(0) <= result.value <= cap
        assert result.value == result.value.quantize(D("0.01"))
    assert (result.value is None) == (target is None or realisasi is None)


@given(amounts, amounts, amounts, caps)
def test_capaian_is_monotone_in_realisasi(target, r1, r2, cap):
    low, high = sorted((r1, r2))
    up_low = capaian(target, low, cap=cap).value
    up_high = capaian(target, high, cap=cap).value
    assert up_low is not None and up_high is not None
    assert up_low <= up_high
    down_low = capaian(target, low, lower_is_better=True, cap=cap).value
    down_high = capaian(target, high, lower_is_better=True, cap=cap).value
    assert down_low is not None and down_high is not None
    assert down_low >= down_high


iki_specs = st.lists(
    st.tuples(
        st.decimals(min_value=0, max_value=1000, places=2),  # target
        st.one_of(st.none(), st.decimals(min_value=0, max_value=2000, places=2)),  # realisasi
        st.booleans(),  # utama
        st.booleans(),  # lower is better
        st.booleans(),  # qualitative
    ),
    max_size=8,
)
rules = st.builds(
    RecommendationRule,
    di_atas_min=st.decimals(min_value=100, max_value=150, places=2),
    sesuai_min=st.decimals(min_value=50, max_value=100, places=2),
    most_pct=st.decimals(min_value=0, max_value="99.99", places=2),
    utama_short_max_pct=st.decimals(min_value=0, max_value=100, places=2),
)


def build(specs):
    return [
        IkiResult(
            str(i),
            None if qualitative else capaian(t, r, lower_is_better=lower),
            utama=utama,
        )
        for i, (t, r, utama, lower, qualitative) in enumerate(specs)
    ]


@given(iki_specs, rules)
def test_recommendation_is_total_and_deterministic(specs, rule):
    first = recommend_hasil_kerja(build(specs), rule)
    assert first == recommend_hasil_kerja(build(specs), rule)
    assert first.reason
    assert len(first.assessed) + len(first.excluded) == len(specs)
    assert (first.rating is None) == (not first.assessed)
    assert set(first.drivers) <= {a.key for a in first.assessed}
    if first.rating is not None:
        assert first.drivers


@given(iki_specs, rules)
def test_recommendation_ignores_order(specs, rule):
    forward = recommend_hasil_kerja(build(specs), rule)
    backward = recommend_hasil_kerja(list(reversed(build(specs))), rule)
    assert forward.rating == backward.rating
    assert set(forward.drivers) == set(backward.drivers)


@given(iki_specs, rules, st.data())
def test_recommendation_is_monotone(specs, rule, data):
    # Improving one IKI's realisasi (up if higher is better, down if lower is better) never
    # lowers the recommended rating.
    with_data = [i for i, s in enumerate(specs) if s[1] is not None and not s[4]]
    if not with_data:
        return
    i = data.draw(st.sampled_from(with_data))
    target, realisasi, utama, lower, qualitative = specs[i]
    assert realisasi is not None
    if lower:
        better = data.draw(st.decimals(min_value=0, max_value=realisasi, places=2))
    else:
        better = data.draw(st.decimals(min_value=realisasi, max_value=4000, places=2))
    improved = list(specs)
    improved[i] = (target, better, utama, lower, qualitative)
    before = recommend_hasil_kerja(build(specs), rule).rating
    after = recommend_hasil_kerja(build(improved), rule).rating
    assert before is not None and after is not None
    assert after.code <= before.code


counts = st.dictionaries(st.sampled_from(Predikat), st.integers(min_value=0, max_value=10**6))


@given(
    st.sampled_from(OrgPredikat),
    counts,
    st.sampled_from(MostReading),
    st.integers(min_value=0, max_value=100),
)
def test_distribution_check_is_total_and_deterministic(org, by_predikat, reading, small):
    check = check_distribution(org, by_predikat, most_reading=reading, small_unit_size=small)
    assert check == check_distribution(
        org, by_predikat, most_reading=reading, small_unit_size=small
    )
    total = sum(by_predikat.values())
    assert check.total == total
    assert check.empty is (total == 0)
    assert check.too_small is (0 < total < small)
    assert check.ok is all(r.passed for r in check.results)
    assert check.message
    for result in check.results:
        assert result.message
        if total:
            assert result.share is not None and D(0) <= result.share <= D(100)


@given(st.sampled_from(Predikat), st.sampled_from(Jenjang), st.integers(1, 12), st.integers(1, 12))
def test_angka_kredit_monotone_in_months_and_deterministic(p, jenjang, m1, m2):
    low, high = sorted((m1, m2))
    assert angka_kredit(p, jenjang, low) <= angka_kredit(p, jenjang, high)
    assert angka_kredit(p, jenjang, low) == angka_kredit(p, jenjang, low)


@given(st.sampled_from(Predikat), st.sampled_from(Predikat), st.sampled_from(Jenjang))
def test_angka_kredit_monotone_in_predikat(p1, p2, jenjang):
    better, worse = sorted((p1, p2), key=lambda p: p.code)
    assert angka_kredit(better, jenjang) >= angka_kredit(worse, jenjang)
    assert angka_kredit(better, jenjang) > 0
