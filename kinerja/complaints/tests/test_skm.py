"""Survei Kepuasan Masyarakat (PermenPANRB 14/2017): worked examples, edges and properties."""

import decimal
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.complaints.skm import (
    ELEMENTS,
    IKM_PLACES,
    NRR_PLACES,
    Grade,
    IkmResult,
    grade_of,
    ikm,
    ikm_from_sums,
)


def _ikm(answers) -> IkmResult:
    """:func:`ikm` for answers known to be non-empty, narrowed for the type checker."""
    result = ikm(answers)
    assert result is not None
    return result


def _ikm_from_sums(respondents, sums) -> IkmResult:
    """:func:`ikm_from_sums` for at least one respondent, narrowed for the type checker."""
    result = ikm_from_sums(respondents, sums)
    assert result is not None
    return result


def test_elements_are_the_nine_unsur_of_the_regulation():
    assert [code for code, _ in ELEMENTS] == [f"u{i}" for i in range(1, 10)]
    assert [label for _, label in ELEMENTS] == [
        "Persyaratan",
        "Sistem, mekanisme dan prosedur",
        "Waktu penyelesaian",
        "Biaya/tarif",
        "Produk spesifikasi jenis pelayanan",
        "Kompetensi pelaksana",
        "Perilaku pelaksana",
        "Penanganan pengaduan, saran dan masukan",
        "Sarana dan prasarana",
    ]


def test_grade_labels():
    assert [(g.value, g.label) for g in Grade] == [
        ("A", "Sangat baik"),
        ("B", "Baik"),
        ("C", "Kurang baik"),
        ("D", "Tidak baik"),
    ]


def test_worked_example_by_hand():
    # Sums per element: 7 6 7 8 6 5 8 6 7 = 60 over 2 respondents.
    # NRR: 3.5 3 3.5 4 3 2.5 4 3 3.5; mean = 60 / 18 = 3.3333…; × 25 = 83.333… -> 83.33, B.
    result = ikm([[4, 3, 3, 4, 3, 3, 4, 3, 3], [3, 3, 4, 4, 3, 2, 4, 3, 4]])
    assert result == IkmResult(
        respondents=2,
        nrr=tuple(
            map(
                D,
                (
                    "3.5000",
                    "3.0000",
                    "3.5000",
                    "4.0000",
                    "3.0000",
                    "2.5000",
                    "4.0000",
                    "3.0000",
                    "3.5000",
                ),
            )
        ),
        ikm=D("83.33"),
        grade=Grade.B,
    )
    assert str(result.ikm) == "83.33"
    assert str(result.nrr[0]) == "3.5000"


def test_worked_example_with_repeating_nrr():
    # Three respondents; u1 sums to 10 -> 3.3333…, u2 to 11 -> 3.6666… -> 3.6667 (half up), the
    # other seven to 9 -> 3.0000. Σ = 10 + 11 + 7 × 9 = 84; IKM = 25 × 84 / 27 = 77.777… -> 77.78.
    answers = [
        [4, 4, 3, 3, 3, 3, 3, 3, 3],
        [3, 4, 3, 3, 3, 3, 3, 3, 3],
        [3, 3, 3, 3, 3, 3, 3, 3, 3],
    ]
    result = _ikm(answers)
    assert result.nrr[:3] == (D("3.3333"), D("3.6667"), D("3.0000"))
    assert result.ikm == D("77.78")
    assert result.grade is Grade.B


def test_unanimous_best_is_100_a():
    result = _ikm([[4] * 9] * 7)
    assert result.ikm == D("100.00") and str(result.ikm) == "100.00"
    assert result.grade is Grade.A
    assert result.nrr == (D("4.0000"),) * 9


def test_unanimous_worst_is_25_d():
    result = _ikm([[1] * 9])
    assert str(result.ikm) == "25.00"
    assert result.grade is Grade.D


def test_unanimous_middle_scores():
    assert _ikm([[2] * 9]).ikm == D("50.00")  # D
    assert _ikm([[3] * 9]).ikm == D("75.00")
    assert _ikm([[3] * 9]).grade is Grade.C


def test_ikm_rounds_half_up_not_to_even():
    # 16 respondents, each element summing to 18: 25 × 162 / 144 = 28.125 -> 28.13 (even: 28.12).
    result = _ikm_from_sums(16, [18] * 9)
    assert result.ikm == D("28.13")
    assert result.nrr == (D("1.1250"),) * 9
    # NRR too: 33 / 32 = 1.03125 -> 1.0313.
    assert _ikm_from_sums(32, [33] + [32] * 8).nrr[0] == D("1.0313")


def test_rounding_ignores_the_decimal_context():
    with decimal.localcontext(prec=3, rounding=decimal.ROUND_DOWN):
        result = _ikm_from_sums(16, [18] * 9)
        assert result.ikm == D("28.13")
        assert _ikm([[4] * 9]).ikm == D("100.00")


def test_ikm_uses_exact_sums_not_rounded_nrr():
    # 3 respondents, every element sums to 8 (NRR 2.6667): 25 × 72 / 27 = 66.666… -> 66.67.
    result = _ikm_from_sums(3, [8] * 9)
    assert result.nrr == (D("2.6667"),) * 9
    assert result.ikm == D("66.67")


def test_no_answers_gives_none():
    assert ikm([]) is None
    assert ikm(iter(())) is None
    assert ikm_from_sums(0, [0] * 9) is None


def test_answers_may_be_any_iterable_of_sequences():
    generator = ((4, 4, 4, 4, 4, 4, 4, 4, 4) for _ in range(3))
    assert _ikm(generator).respondents == 3


@pytest.mark.parametrize(
    ("ikm_value", "grade"),
    [
        ("25.00", Grade.D),
        ("25", Grade.D),
        ("64.99", Grade.D),
        ("65.00", Grade.C),
        ("76.60", Grade.C),
        ("76.61", Grade.B),
        ("88.30", Grade.B),
        ("88.31", Grade.A),
        ("100.00", Grade.A),
        ("100", Grade.A),
        # Unrounded values between two rows take the lower grade.
        ("64.995", Grade.D),
        ("76.605", Grade.C),
        ("88.3099", Grade.B),
    ],
)
def test_grade_boundaries(ikm_value, grade):
    assert grade_of(D(ikm_value)) is grade


@pytest.mark.parametrize("value", ["24.99", "100.01", "0", "-50", "NaN", "Infinity", "-Infinity"])
def test_grade_outside_the_scale_raises(value):
    with pytest.raises(ValueError, match="IKM harus antara 25 dan 100"):
        grade_of(D(value))


@pytest.mark.parametrize("value", [80.0, True, "80"])
def test_grade_rejects_non_decimals(value):
    with pytest.raises(ValueError, match="IKM harus Decimal"):
        grade_of(value)


def test_grade_accepts_a_plain_int():
    assert grade_of(80) is Grade.B  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ([4, 4, 5, 4, 4, 4, 4, 4, 4], r"Jawaban ke-2, unsur U3 \(Waktu penyelesaian\): .* bukan 5"),
        ([0, 4, 4, 4, 4, 4, 4, 4, 4], r"Jawaban ke-2, unsur U1 \(Persyaratan\): .* bukan 0"),
        ([4, 4, 4, 4, 4, 4, 4, 4, -1], r"unsur U9 \(Sarana dan prasarana\): .* bukan -1"),
        ([4, 4, 4, 3.0, 4, 4, 4, 4, 4], r"unsur U4 \(Biaya/tarif\): .* bukan 3\.0"),
        ([4, 4, 4, 4, "3", 4, 4, 4, 4], r"unsur U5 .* bukan '3'"),
        ([4, 4, 4, 4, 4, True, 4, 4, 4], r"unsur U6 .* bukan True"),
        ([4, 4, 4, 4, 4, 4, None, 4, 4], r"unsur U7 .* bukan None"),
        ([4] * 8, r"Jawaban ke-2 harus berisi 9 nilai unsur"),
        ([4] * 10, r"Jawaban ke-2 harus berisi 9 nilai unsur"),
        ("444444444", r"Jawaban ke-2 harus berisi 9 nilai unsur"),
    ],
)
def test_bad_answers_name_the_element(answer, message):
    with pytest.raises(ValueError, match=message):
        ikm([[4] * 9, answer])


@pytest.mark.parametrize(
    ("respondents", "sums", "message"),
    [
        (-1, [0] * 9, "Jumlah responden"),
        (True, [4] * 9, "Jumlah responden"),
        (2, [8] * 8, "harus 9 unsur, bukan 8"),
        (2, [8] * 10, "harus 9 unsur, bukan 10"),
        (
            2,
            [8, 8, 9] + [8] * 6,
            r"unsur U3 \(Waktu penyelesaian\) harus antara 2 dan 8 .* bukan 9",
        ),
        (2, [1] + [8] * 8, r"unsur U1 \(Persyaratan\) harus antara 2 dan 8"),
        (2, [8] * 8 + [8.0], r"unsur U9 .* bukan 8\.0"),
        (0, [0] * 8, "harus 9 unsur"),
    ],
)
def test_bad_sums(respondents, sums, message):
    with pytest.raises(ValueError, match=message):
        ikm_from_sums(respondents, sums)


def test_result_is_immutable():
    result = _ikm([[4] * 9])
    with pytest.raises(AttributeError):
        result.ikm = D(0)  # type: ignore[misc]


# --- properties -------------------------------------------------------------------------------

answers_strategy = st.lists(
    st.lists(st.integers(1, 4), min_size=9, max_size=9), min_size=1, max_size=60
)


def column_sums(answers):
    return [sum(answer[i] for answer in answers) for i in range(9)]


@given(answers_strategy)
def test_ikm_is_within_25_and_100_with_two_places(answers):
    result = _ikm(answers)
    assert D(25) <= result.ikm <= D(100)
    assert result.ikm.as_tuple().exponent == -IKM_PLACES
    assert result.grade is grade_of(result.ikm)
    assert result.respondents == len(answers)
    assert len(result.nrr) == 9
    for value in result.nrr:
        assert D(1) <= value <= D(4)
        assert value.as_tuple().exponent == -NRR_PLACES


@given(answers_strategy)
def test_ikm_equals_ikm_from_sums(answers):
    assert ikm(answers) == ikm_from_sums(len(answers), column_sums(answers))


@given(answers_strategy, st.randoms(use_true_random=False))
def test_order_of_respondents_does_not_matter(answers, random):
    shuffled = list(answers)
    random.shuffle(shuffled)
    assert ikm(shuffled) == ikm(answers)


@given(answers_strategy, st.permutations(range(9)))
def test_ikm_does_not_depend_on_which_element_scored_what(answers, order):
    # The nine elements weigh the same, so permuting them permutes the NRR and keeps the IKM.
    permuted = [[answer[i] for i in order] for answer in answers]
    original, result = _ikm(answers), _ikm(permuted)
    assert result.ikm == original.ikm
    assert result.nrr == tuple(original.nrr[i] for i in order)


@given(answers_strategy)
def test_ikm_matches_the_nrr_formula_within_rounding(answers):
    # mean(NRR) × 25 from the exact means; the displayed NRR are within 0.00005 of those.
    result = _ikm(answers)
    exact = D(sum(column_sums(answers))) * 25 / (9 * len(answers))
    assert abs(result.ikm - exact) <= D("0.005")
    assert abs(sum(result.nrr, D(0)) / 9 * 25 - result.ikm) <= D("0.01")


@given(answers_strategy, st.integers(0, 59), st.integers(0, 8))
def test_a_better_score_never_lowers_the_ikm(answers, row, column):
    row %= len(answers)
    if answers[row][column] == 4:
        return
    better = [list(answer) for answer in answers]
    better[row][column] += 1
    assert _ikm(better).ikm >= _ikm(answers).ikm


@given(answers_strategy)
def test_duplicating_every_answer_keeps_the_result(answers):
    once, twice = _ikm(answers), _ikm(answers + answers)
    assert (twice.ikm, twice.nrr, twice.grade) == (once.ikm, once.nrr, once.grade)


@given(st.decimals(min_value=25, max_value=100, places=2))
def test_grade_is_monotone_over_the_scale(value):
    order = [Grade.D, Grade.C, Grade.B, Grade.A]
    grade = grade_of(value)
    assert order.index(grade_of(D(25))) <= order.index(grade) <= order.index(grade_of(D(100)))
    step = D("0.01")
    if value + step <= 100:
        assert order.index(grade_of(value + step)) >= order.index(grade)
