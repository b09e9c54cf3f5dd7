"""Scoring: angka kredit (PerBKN 3/2023)."""

from decimal import Decimal as D
from fractions import Fraction

import pytest

from kinerja.performance.scoring import Jenjang, Predikat, angka_kredit

KOEFISIEN = {
    Jenjang.AHLI_PERTAMA: D("12.5"),
    Jenjang.AHLI_MUDA: D(25),
    Jenjang.AHLI_MADYA: D("37.5"),
    Jenjang.AHLI_UTAMA: D(50),
    Jenjang.PEMULA: D("3.75"),
    Jenjang.TERAMPIL: D(5),
    Jenjang.MAHIR: D("12.5"),
    Jenjang.PENYELIA: D(25),
}

# Full-year angka kredit written out per jenjang: SB 150 %, B 100 %, BP 75 %, K 50 %, SK 25 %.
FULL_YEAR = {
    Jenjang.AHLI_PERTAMA: ("18.750", "12.500", "9.375", "6.250", "3.125"),
    Jenjang.AHLI_MUDA: ("37.500", "25.000", "18.750", "12.500", "6.250"),
    Jenjang.AHLI_MADYA: ("56.250", "37.500", "28.125", "18.750", "9.375"),
    Jenjang.AHLI_UTAMA: ("75.000", "50.000", "37.500", "25.000", "12.500"),
    Jenjang.PEMULA: ("5.625", "3.750", "2.813", "1.875", "0.938"),
    Jenjang.TERAMPIL: ("7.500", "5.000", "3.750", "2.500", "1.250"),
    Jenjang.MAHIR: ("18.750", "12.500", "9.375", "6.250", "3.125"),
    Jenjang.PENYELIA: ("37.500", "25.000", "18.750", "12.500", "6.250"),
}
PREDIKAT_ORDER = list(Predikat)


@pytest.mark.parametrize(
    ("jenjang", "predikat", "expected"),
    [(j, p, D(values[i])) for j, values in FULL_YEAR.items() for i, p in enumerate(PREDIKAT_ORDER)],
)
def test_full_year_for_every_jenjang_and_predikat(jenjang, predikat, expected):
    assert angka_kredit(predikat, jenjang) == expected
    assert angka_kredit(predikat, jenjang, 12) == expected


def test_every_jenjang_is_in_the_table():
    assert set(FULL_YEAR) == set(Jenjang) == set(KOEFISIEN)


@pytest.mark.parametrize(
    ("predikat", "jenjang", "months", "expected"),
    [
        (Predikat.BAIK, Jenjang.AHLI_PERTAMA, 6, D("6.250")),
        (Predikat.SANGAT_BAIK, Jenjang.AHLI_PERTAMA, 1, D("1.563")),  # 1.5625 rounds half up
        (Predikat.BAIK, Jenjang.AHLI_PERTAMA, 1, D("1.042")),  # 1.041666…
        (Predikat.SANGAT_KURANG, Jenjang.PEMULA, 1, D("0.078")),  # 0.078125
        (Predikat.BUTUH_PERBAIKAN, Jenjang.AHLI_MADYA, 5, D("11.719")),  # 11.71875
        (Predikat.KURANG, Jenjang.TERAMPIL, 7, D("1.458")),  # 1.458333…
        (Predikat.SANGAT_BAIK, Jenjang.AHLI_UTAMA, 3, D("18.750")),
        (Predikat.BAIK, Jenjang.PENYELIA, 11, D("22.917")),  # 22.916666…
    ],
)
def test_part_of_a_year(predikat, jenjang, months, expected):
    assert angka_kredit(predikat, jenjang, months) == expected


@pytest.mark.parametrize("months", range(1, 13))
@pytest.mark.parametrize("jenjang", list(Jenjang))
@pytest.mark.parametrize("predikat", list(Predikat))
def test_formula_for_every_month(predikat, jenjang, months):
    pct = {"1": 150, "2": 100, "3": 75, "4": 50, "5": 25}[predikat.value]
    exact = Fraction(months, 12) * Fraction(pct, 100) * Fraction(KOEFISIEN[jenjang])
    result = angka_kredit(predikat, jenjang, months)
    assert abs(Fraction(result) - exact) <= Fraction(1, 2000)
    assert result == result.quantize(D("0.001"))


@pytest.mark.parametrize("months", [0, 13, -1, 24])
def test_months_out_of_range(months):
    with pytest.raises(ValueError):
        angka_kredit(Predikat.BAIK, Jenjang.AHLI_MUDA, months)


@pytest.mark.parametrize("months", [6.0, D(6), True, "6"])
def test_months_must_be_an_int(months):
    with pytest.raises(TypeError):
        angka_kredit(Predikat.BAIK, Jenjang.AHLI_MUDA, months)


def test_accepts_codes_and_values():
    assert angka_kredit("1", "ahli_muda") == D("37.500")
    with pytest.raises(ValueError):
        angka_kredit("6", "ahli_muda")
    with pytest.raises(ValueError):
        angka_kredit("1", "ahli_super")
