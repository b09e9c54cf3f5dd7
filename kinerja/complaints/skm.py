"""Survei Kepuasan Masyarakat (SKM): the Indeks Kepuasan Masyarakat of PermenPANRB 14/2017.

Each respondent scores nine service elements ("unsur") from 1 (tidak baik) to 4 (sangat baik).
Per element the Nilai Rata-Rata (NRR) is the mean score; the IKM is the mean of the nine NRR
converted to a 25–100 scale (× 25) and graded A–D by the regulation's conversion table.

Nothing here imports Django. Arithmetic is exact: integers and Decimal, never float, and the
rounding does not depend on the active Decimal context. Two deliberate choices:

* The regulation writes the element weight as 0.111, a rounding of 1/9. The exact 1/9 (a plain
  mean) is used so that unanimous answers give exactly 25.00 and 100.00, not 24.98 and 99.90.
* The IKM is computed from the exact per-element sums, not from the rounded NRR, so display
  rounding of the NRR never moves the IKM or its grade.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

__all__ = [
    "ELEMENTS",
    "IKM_PLACES",
    "MAX_SCORE",
    "MIN_SCORE",
    "NRR_PLACES",
    "Grade",
    "IkmResult",
    "grade_of",
    "ikm",
    "ikm_from_sums",
]

#: The nine elements ("unsur") of PermenPANRB 14/2017 as ``(code, label)`` pairs, in the
#: regulation's order; answers and sums are given in this order.
ELEMENTS: tuple[tuple[str, str], ...] = (
    ("u1", "Persyaratan"),
    ("u2", "Sistem, mekanisme dan prosedur"),
    ("u3", "Waktu penyelesaian"),
    ("u4", "Biaya/tarif"),
    ("u5", "Produk spesifikasi jenis pelayanan"),
    ("u6", "Kompetensi pelaksana"),
    ("u7", "Perilaku pelaksana"),
    ("u8", "Penanganan pengaduan, saran dan masukan"),
    ("u9", "Sarana dan prasarana"),
)

MIN_SCORE = 1
MAX_SCORE = 4
#: Decimal places of the NRR: four, like the regulation's Nilai Interval table (2,5996 …), so a
#: mean of the shown NRR × 25 stays within 0.01 of the IKM.
NRR_PLACES = 4
#: Decimal places of the IKM (Nilai Interval Konversi), as in the regulation's table.
IKM_PLACES = 2

_SCALE = 25
_MIN_IKM = Decimal(MIN_SCORE * _SCALE)
_MAX_IKM = Decimal(MAX_SCORE * _SCALE)


class Grade(StrEnum):
    """Mutu pelayanan: the letter grade of an IKM."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"

    @property
    def label(self) -> str:
        """Kinerja unit pelayanan in Bahasa Indonesia, e.g. "Sangat baik" for A."""
        return _GRADE_LABELS[self]


_GRADE_LABELS = {
    Grade.A: "Sangat baik",
    Grade.B: "Baik",
    Grade.C: "Kurang baik",
    Grade.D: "Tidak baik",
}

# Lower bounds of the conversion table (Nilai Interval Konversi), best grade first.
_GRADE_FLOORS = (
    (Decimal("88.31"), Grade.A),
    (Decimal("76.61"), Grade.B),
    (Decimal("65.00"), Grade.C),
    (_MIN_IKM, Grade.D),
)


def grade_of(ikm: Decimal) -> Grade:
    """The grade of an IKM in 25–100.

    Table: 25.00–64.99 D, 65.00–76.60 C, 76.61–88.30 B, 88.31–100.00 A. The IKM is expected to be
    rounded to two decimals already; an unrounded value falling between two rows (e.g. 76.605)
    takes the lower grade, since it has not reached the next row's lower bound. ValueError outside
    25–100, for NaN/infinity and for a float.
    """
    # Checked at run time too: a float (or a bool) would otherwise be graded on inexact digits.
    given: object = ikm
    if isinstance(given, bool) or not isinstance(given, Decimal | int):
        raise ValueError(f"IKM harus Decimal, bukan {type(given).__name__}")
    value = Decimal(given)
    if not value.is_finite() or not _MIN_IKM <= value <= _MAX_IKM:
        raise ValueError(f"IKM harus antara {_MIN_IKM} dan {_MAX_IKM}, bukan {ikm}")
    for floor, grade in _GRADE_FLOORS:
        if value >= floor:
            return grade
    raise AssertionError("unreachable: the last floor is the minimum")  # pragma: no cover


@dataclass(frozen=True, slots=True)
class IkmResult:
    """The outcome of a survey.

    ``nrr`` holds the mean score of each element in :data:`ELEMENTS` order, rounded half up to
    :data:`NRR_PLACES` (4) decimals, for display. ``ikm`` is the 25–100 index rounded half up to
    :data:`IKM_PLACES` (2) decimals, computed from the exact sums, and ``grade`` its grade.
    """

    respondents: int
    nrr: tuple[Decimal, ...]
    ikm: Decimal
    grade: Grade


def _round_half_up(numerator: int, denominator: int, places: int) -> Decimal:
    """``numerator / denominator`` (both positive) rounded half up to ``places`` decimals.

    Integer arithmetic makes this exact whatever the Decimal context (precision, rounding) is.
    """
    scaled, remainder = divmod(numerator * 10**places, denominator)
    if 2 * remainder >= denominator:
        scaled += 1
    # Built from text, which is exact; scaleb() would round to the context's precision.
    return Decimal(f"{scaled}e-{places}")


def ikm_from_sums(respondents: int, sums: Sequence[int]) -> IkmResult | None:
    """The IKM from the number of respondents and the per-element score sums.

    Lets a database aggregate with ``COUNT`` and ``SUM`` per element. Returns None for zero
    respondents. ValueError when ``respondents`` is negative, ``sums`` does not have nine entries,
    or a sum is impossible for that many answers of 1–4 (the message names the element).
    """
    if isinstance(respondents, bool) or not isinstance(respondents, int) or respondents < 0:
        raise ValueError(f"Jumlah responden harus bilangan bulat ≥ 0, bukan {respondents!r}")
    if len(sums) != len(ELEMENTS):
        raise ValueError(f"Jumlah nilai harus {len(ELEMENTS)} unsur, bukan {len(sums)}")
    if respondents == 0:
        return None
    low, high = respondents * MIN_SCORE, respondents * MAX_SCORE
    for (code, label), total in zip(ELEMENTS, sums, strict=True):
        if isinstance(total, bool) or not isinstance(total, int) or not low <= total <= high:
            raise ValueError(
                f"Jumlah nilai unsur {code.upper()} ({label}) harus antara {low} dan {high} "
                f"untuk {respondents} responden, bukan {total!r}"
            )
    nrr = tuple(_round_half_up(total, respondents, NRR_PLACES) for total in sums)
    # mean(NRR) × 25 = 25 × Σsums / (9 × respondents), kept as one exact fraction until rounding.
    value = _round_half_up(_SCALE * sum(sums), len(ELEMENTS) * respondents, IKM_PLACES)
    return IkmResult(respondents=respondents, nrr=nrr, ikm=value, grade=grade_of(value))


def ikm(answers: Iterable[Sequence[int]]) -> IkmResult | None:
    """The IKM of individual answers, each nine integer scores 1–4 in :data:`ELEMENTS` order.

    Returns None when there are no answers. ValueError for an answer without exactly nine scores
    or with a score that is not an integer 1–4; the message gives the answer's position
    (1-based) and names the element.
    """
    respondents = 0
    sums = [0] * len(ELEMENTS)
    for number, answer in enumerate(answers, start=1):
        if isinstance(answer, str | bytes) or len(answer) != len(ELEMENTS):
            raise ValueError(
                f"Jawaban ke-{number} harus berisi {len(ELEMENTS)} nilai unsur, bukan {answer!r}"
            )
        for index, ((code, label), score) in enumerate(zip(ELEMENTS, answer, strict=True)):
            if (
                isinstance(score, bool)
                or not isinstance(score, int)
                or not MIN_SCORE <= score <= MAX_SCORE
            ):
                raise ValueError(
                    f"Jawaban ke-{number}, unsur {code.upper()} ({label}): nilai harus "
                    f"{MIN_SCORE}–{MAX_SCORE}, bukan {score!r}"
                )
            sums[index] += score
        respondents += 1
    return ikm_from_sums(respondents, sums)
