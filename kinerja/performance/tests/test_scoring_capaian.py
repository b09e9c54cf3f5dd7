"""Scoring: capaian of one IKI."""

from decimal import Decimal as D

import pytest

from kinerja.performance.scoring import CapaianStatus, capaian


@pytest.mark.parametrize(
    ("target", "realisasi", "lower", "value", "status", "capped"),
    [
        # higher is better
        (D(100), D(95), False, D("95.00"), CapaianStatus.OK, False),
        (D(100), D(100), False, D("100.00"), CapaianStatus.OK, False),
        (D(100), D(150), False, D("150.00"), CapaianStatus.OK, False),
        (D(100), D(151), False, D("150.00"), CapaianStatus.OK, True),
        (D(3), D(1), False, D("33.33"), CapaianStatus.OK, False),
        (D(3), D(2), False, D("66.67"), CapaianStatus.OK, False),
        (D(100), D(0), False, D("0.00"), CapaianStatus.OK, False),
        (12, 9, False, D("75.00"), CapaianStatus.OK, False),
        # zero target, higher is better: met whatever the realisasi
        (D(0), D(0), False, D("100.00"), CapaianStatus.ZERO_TARGET, False),
        (D(0), D(7), False, D("100.00"), CapaianStatus.ZERO_TARGET, False),
        # lower is better
        (D(10), D(20), True, D("50.00"), CapaianStatus.OK, False),
        (D(10), D(10), True, D("100.00"), CapaianStatus.OK, False),
        (D(10), D(8), True, D("125.00"), CapaianStatus.OK, False),
        (D(10), D(5), True, D("150.00"), CapaianStatus.OK, True),
        (D(10), D(0), True, D("150.00"), CapaianStatus.OK, True),
        # zero target, lower is better: only zero meets it
        (D(0), D(0), True, D("100.00"), CapaianStatus.ZERO_TARGET, False),
        (D(0), D("0.5"), True, D("0.00"), CapaianStatus.ZERO_TARGET, False),
    ],
)
def test_capaian_table(target, realisasi, lower, value, status, capped):
    result = capaian(target, realisasi, lower_is_better=lower)
    assert result.value == value
    assert result.status is status
    assert result.capped is capped
    assert result.has_value
    assert result.explanation.startswith("Capaian ")


@pytest.mark.parametrize(
    ("target", "realisasi", "status"),
    [
        (D(100), None, CapaianStatus.NO_DATA),
        (D(0), None, CapaianStatus.NO_DATA),
        (None, D(5), CapaianStatus.NO_TARGET),
        (None, None, CapaianStatus.NO_TARGET),
        (D(-1), D(5), CapaianStatus.INVALID),
        (D(10), D(-5), CapaianStatus.INVALID),
    ],
)
@pytest.mark.parametrize("lower", [False, True])
def test_capaian_without_value(target, realisasi, status, lower):
    result = capaian(target, realisasi, lower_is_better=lower)
    assert result.value is None
    assert not result.has_value
    assert result.status is status
    assert result.explanation


def test_missing_realisasi_is_not_zero():
    result = capaian(D(100), None)
    assert result.value is None
    assert "bukan berarti nol" in result.explanation


def test_lower_is_better_zero_realisasi_is_best_and_capped():
    result = capaian(D(24), D(0), lower_is_better=True)
    assert result.value == D(150)
    assert result.raw_value is None
    assert "hasil terbaik" in result.explanation


def test_cap_is_configurable():
    assert capaian(D(100), D(180), cap=D(200)).value == D("180.00")
    assert capaian(D(100), D(180), cap=100).value == D("100.00")
    assert capaian(D(10), D(0), lower_is_better=True, cap=D(120)).value == D("120.00")


def test_capped_result_keeps_the_raw_ratio_and_says_so():
    result = capaian(D(100), D(300))
    assert result.raw_value == D(300)
    assert "dibatasi" in result.explanation


@pytest.mark.parametrize("cap", [D(99), D("99.99"), D(-1), D(1_000_001)])
def test_cap_out_of_range_is_refused(cap):
    with pytest.raises(ValueError):
        capaian(D(1), D(1), cap=cap)


@pytest.mark.parametrize(("target", "realisasi"), [(1.0, D(1)), (D(1), 0.5), (True, D(1))])
def test_floats_are_refused(target, realisasi):
    with pytest.raises(TypeError):
        capaian(target, realisasi)


@pytest.mark.parametrize("bad", [D("NaN"), D("Infinity"), D("-Infinity")])
def test_non_finite_values_are_refused(bad):
    with pytest.raises(ValueError):
        capaian(bad, D(1))
    with pytest.raises(ValueError):
        capaian(D(1), bad)


def test_inputs_are_kept_for_reproduction():
    result = capaian(D("12.5"), D("10"), lower_is_better=True)
    assert (result.target, result.realisasi, result.lower_is_better, result.cap) == (
        D("12.5"),
        D(10),
        True,
        D(150),
    )
    assert capaian(result.target, result.realisasi, lower_is_better=True, cap=result.cap) == result


def test_explanation_uses_indonesian_decimal_comma():
    result = capaian(D("2.5"), D("2"))
    assert result.value == D("80.00")
    assert "2,5" in result.explanation
    assert "80%" in result.explanation


def test_extreme_magnitudes_are_answered():
    result = capaian(D("1E-999999"), D("1E+999999"))
    assert result.value == D(150)
    assert len(result.explanation) < 300
    assert capaian(D("1E+999999"), D("1E-999999")).value == D("0.00")
