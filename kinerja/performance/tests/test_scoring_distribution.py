"""Scoring: organisational predikat and the distribution rules, at their boundaries."""

from decimal import Decimal as D

import pytest

from kinerja.performance.scoring import (
    DEFAULT_DISTRIBUTION_RULES,
    Clause,
    ClauseKind,
    DistributionRule,
    MostReading,
    OrgPredikat,
    Outcome,
    Predikat,
    check_distribution,
)

SB, B, BP, K, SK = (
    Predikat.SANGAT_BAIK,
    Predikat.BAIK,
    Predikat.BUTUH_PERBAIKAN,
    Predikat.KURANG,
    Predikat.SANGAT_KURANG,
)
OI, OB, OBP, OK_, OSK = (
    OrgPredikat.ISTIMEWA,
    OrgPredikat.BAIK,
    OrgPredikat.BUTUH_PERBAIKAN,
    OrgPredikat.KURANG,
    OrgPredikat.SANGAT_KURANG,
)


def outcomes(org, counts, **kwargs):
    """The clause outcomes in rule order, as a tuple of booleans."""
    return tuple(r.passed for r in check_distribution(org, counts, **kwargs).results)


# Each row: unit predikat, counts, expected pass/fail per clause in the order of the default rule.
TABLE = [
    # Istimewa: (SB is most, SB ≤ 70 %)
    (OI, {SB: 70, B: 30}, (True, True)),  # exactly 70 %
    (OI, {SB: 71, B: 29}, (True, False)),
    (OI, {SB: 7, B: 3}, (True, True)),
    (OI, {SB: 8, B: 2}, (True, False)),
    (OI, {SB: 51, B: 49}, (True, True)),
    (OI, {SB: 50, B: 50}, (False, True)),  # exactly half is not most
    (OI, {SB: 0, B: 10}, (False, True)),
    (OI, {SB: 10}, (True, False)),  # 100 %
    # Baik: (B is most, B ≤ 70 %, some BP and/or K)
    (OB, {B: 70, BP: 10, SB: 20}, (True, True, True)),
    (OB, {B: 71, BP: 10, SB: 19}, (True, False, True)),
    (OB, {B: 7, K: 1, SB: 2}, (True, True, True)),  # Kurang also counts as "some"
    (OB, {B: 7, SB: 2, SK: 1}, (True, True, False)),  # no BP nor K
    (OB, {B: 5, BP: 1, SB: 4}, (False, True, True)),
    (OB, {B: 6, BP: 4}, (True, True, True)),
    # Butuh Perbaikan: (BP ≥ 60 %, SB ≤ 10 %)
    (OBP, {BP: 60, SB: 10, B: 30}, (True, True)),  # both exactly at the boundary
    (OBP, {BP: 59, SB: 10, B: 31}, (False, True)),
    (OBP, {BP: 60, SB: 11, B: 29}, (True, False)),
    (OBP, {BP: 100}, (True, True)),
    (OBP, {BP: 6, SB: 0, K: 4}, (True, True)),  # 0 % Sangat Baik
    # Kurang: (K ≥ 60 %, BP ≥ 10 %, SB ≤ 10 %)
    (OK_, {K: 60, BP: 10, SB: 10, B: 20}, (True, True, True)),
    (OK_, {K: 59, BP: 10, SB: 10, B: 21}, (False, True, True)),
    (OK_, {K: 60, BP: 9, SB: 10, B: 21}, (True, False, True)),
    (OK_, {K: 60, BP: 10, SB: 11, B: 19}, (True, True, False)),
    (OK_, {K: 6, B: 4}, (True, False, True)),  # 0 % Butuh Perbaikan
    # Sangat Kurang: (SK ≥ 60 %, K and/or BP ≥ 10 %, no SB)
    (OSK, {SK: 60, K: 10, B: 30}, (True, True, True)),
    (OSK, {SK: 60, BP: 10, B: 30}, (True, True, True)),
    (OSK, {SK: 60, K: 5, BP: 5, B: 30}, (True, True, True)),  # together 10 %
    (OSK, {SK: 59, K: 10, B: 31}, (False, True, True)),
    (OSK, {SK: 60, K: 9, B: 31}, (True, False, True)),
    (OSK, {SK: 60, K: 10, SB: 1, B: 29}, (True, True, False)),  # a single SB breaks "none"
    (OSK, {SK: 60, K: 10, SB: 0, B: 30}, (True, True, True)),  # exactly 0 %
]


@pytest.mark.parametrize(("org", "counts", "expected"), TABLE)
def test_default_distribution_rules(org, counts, expected):
    check = check_distribution(org, counts)
    assert outcomes(org, counts) == expected
    assert check.ok is all(expected)
    assert len(check.failures) == expected.count(False)
    assert check.total == sum(counts.values())


def test_every_unit_predikat_has_a_default_rule_in_the_table():
    assert set(DEFAULT_DISTRIBUTION_RULES) == set(OrgPredikat)
    assert {row[0] for row in TABLE} == set(OrgPredikat)
    for org, rule in DEFAULT_DISTRIBUTION_RULES.items():
        assert rule.unit_predikat is org
        # every clause of every rule is seen both passing and failing in the table
        rows = [row[2] for row in TABLE if row[0] is org]
        for i in range(len(rule.clauses)):
            assert {row[i] for row in rows} == {True, False}, (org, i)


@pytest.mark.parametrize(
    ("counts", "majority", "plurality"),
    [
        ({SB: 5, B: 3, BP: 2}, False, True),
        ({SB: 5, B: 5}, False, False),  # a tie is not "most" either way
        ({SB: 4, B: 3, BP: 3}, False, True),
        ({SB: 4, B: 4, BP: 2}, False, False),
        ({SB: 6, B: 4}, True, True),
        ({B: 10}, False, False),
    ],
)
def test_most_readings(counts, majority, plurality):
    assert outcomes(OI, counts, most_reading=MostReading.MAJORITY)[0] is majority
    assert outcomes(OI, counts, most_reading=MostReading.PLURALITY)[0] is plurality


def test_most_reading_is_recorded_and_worded():
    check = check_distribution(OI, {SB: 5, B: 3, BP: 2}, most_reading=MostReading.PLURALITY)
    assert check.most_reading is MostReading.PLURALITY
    assert "terbanyak" in check.results[0].text


@pytest.mark.parametrize("org", list(OrgPredikat))
def test_unit_without_employees(org):
    check = check_distribution(org, {})
    assert check.empty
    assert check.ok
    assert not check.too_small
    assert all(r.outcome is Outcome.NOT_APPLICABLE for r in check.results)
    assert all(r.share is None for r in check.results)
    assert "tidak memiliki pegawai" in check.message


@pytest.mark.parametrize(("total", "small"), [(1, True), (2, True), (3, True), (4, False)])
def test_tiny_units_are_flagged_but_checked(total, small):
    check = check_distribution(OI, {SB: total})
    assert check.too_small is small
    assert not check.empty
    assert all(r.outcome is not Outcome.NOT_APPLICABLE for r in check.results)
    assert ("kurang bermakna" in check.message) is small


def test_small_unit_threshold_is_configurable():
    assert check_distribution(OI, {SB: 7, B: 3}, small_unit_size=20).too_small
    assert not check_distribution(OI, {SB: 1}, small_unit_size=1).too_small


def test_messages_give_clause_share_and_verdict():
    check = check_distribution(OBP, {BP: 5, SB: 2, B: 3})
    first, second = check.results
    assert first.text == "Butuh Perbaikan paling sedikit 60%"
    assert first.share == D("50.00")
    assert first.outcome is Outcome.FAILED
    assert "tidak terpenuhi" in first.message
    assert "5 dari 10 pegawai (50%)" in first.message
    assert second.text == "Sangat Baik paling banyak 10%"
    assert second.share == D("20.00")
    assert "alasan tertulis" in check.message


def test_clause_texts_of_the_defaults():
    texts = {
        org: [c.text() for c in rule.clauses] for org, rule in DEFAULT_DISTRIBUTION_RULES.items()
    }
    assert texts[OB][2] == "harus ada Butuh Perbaikan dan/atau Kurang"
    assert texts[OSK][1] == "Butuh Perbaikan dan/atau Kurang paling sedikit 10%"
    assert texts[OSK][2] == "tidak ada Sangat Baik"


def test_counts_may_use_siasn_codes_and_repeat_nothing():
    by_code = check_distribution("istimewa", {"1": 7, "2": 3})
    by_enum = check_distribution(OI, {SB: 7, B: 3})
    assert by_code == by_enum
    assert by_code.counts[SK] == 0


@pytest.mark.parametrize(
    ("value", "error"), [(-1, ValueError), (1.5, TypeError), (True, TypeError)]
)
def test_bad_counts_are_refused(value, error):
    with pytest.raises(error):
        check_distribution(OI, {SB: value})


def test_unknown_predikat_is_refused():
    with pytest.raises(ValueError):
        check_distribution("luar_biasa", {SB: 1})
    with pytest.raises(ValueError):
        check_distribution(OI, {"9": 1})


def test_rules_are_configurable():
    custom = dict(DEFAULT_DISTRIBUTION_RULES)
    custom[OI] = DistributionRule(OI, (Clause(ClauseKind.AT_MOST, frozenset({SB}), D(50)),))
    assert not check_distribution(OI, {SB: 6, B: 4}, custom).ok
    assert check_distribution(OI, {SB: 5, B: 5}, custom).ok


@pytest.mark.parametrize(
    "kwargs",
    [
        {"kind": ClauseKind.AT_LEAST, "group": frozenset(), "threshold": D(10)},
        {"kind": ClauseKind.AT_LEAST, "group": frozenset({SB}), "threshold": D(101)},
        {"kind": ClauseKind.AT_MOST, "group": frozenset({SB}), "threshold": D(-1)},
    ],
)
def test_invalid_clauses_are_refused(kwargs):
    with pytest.raises(ValueError):
        Clause(**kwargs)
