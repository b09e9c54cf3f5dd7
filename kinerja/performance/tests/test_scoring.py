"""Scoring: purity of the module, the national codes, the predikat matrix."""

import subprocess
import sys
from pathlib import Path

import pytest

from kinerja.performance import scoring
from kinerja.performance.scoring import KUADRAN, SCORING_VERSION, Predikat, Rating, predikat

REPO_ROOT = Path(__file__).resolve().parents[3]


def test_importing_scoring_does_not_import_django():
    code = (
        "import sys\n"
        "import kinerja.performance.scoring\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_version_is_a_non_empty_string():
    assert isinstance(SCORING_VERSION, str)
    assert SCORING_VERSION == "2026.1"


def test_public_api_is_exported():
    for name in scoring.__all__:
        assert hasattr(scoring, name), name


@pytest.mark.parametrize(
    ("member", "code", "label"),
    [
        (Predikat.SANGAT_BAIK, 1, "Sangat Baik"),
        (Predikat.BAIK, 2, "Baik"),
        (Predikat.BUTUH_PERBAIKAN, 3, "Butuh Perbaikan"),
        (Predikat.KURANG, 4, "Kurang"),
        (Predikat.SANGAT_KURANG, 5, "Sangat Kurang"),
    ],
)
def test_predikat_siasn_codes(member, code, label):
    assert member.code == code
    assert member.value == str(code)
    assert member.label == label
    assert Predikat(str(code)) is member


@pytest.mark.parametrize(
    ("member", "code", "label"),
    [
        (Rating.DI_ATAS, 1, "Di Atas Ekspektasi"),
        (Rating.SESUAI, 2, "Sesuai Ekspektasi"),
        (Rating.DI_BAWAH, 3, "Di Bawah Ekspektasi"),
    ],
)
def test_rating_siasn_codes(member, code, label):
    assert member.code == code
    assert member.label == label
    assert Rating(str(code)) is member


def test_rating_order():
    assert Rating.DI_ATAS.is_better_than(Rating.SESUAI)
    assert Rating.SESUAI.is_better_than(Rating.DI_BAWAH)
    assert not Rating.SESUAI.is_better_than(Rating.SESUAI)
    assert not Rating.DI_BAWAH.is_better_than(Rating.DI_ATAS)


A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH

# The kuadran of PermenPANRB 6/2022, written out cell by cell: (hasil kerja, perilaku) → predikat.
MATRIX = [
    (A, A, Predikat.SANGAT_BAIK),
    (A, S, Predikat.BAIK),
    (A, B, Predikat.KURANG),
    (S, A, Predikat.BAIK),
    (S, S, Predikat.BAIK),
    (S, B, Predikat.KURANG),
    (B, A, Predikat.BUTUH_PERBAIKAN),
    (B, S, Predikat.BUTUH_PERBAIKAN),
    (B, B, Predikat.SANGAT_KURANG),
]


@pytest.mark.parametrize(("hasil", "perilaku", "expected"), MATRIX)
def test_predikat_matrix_cell(hasil, perilaku, expected):
    assert predikat(hasil, perilaku) is expected


@pytest.mark.parametrize(("hasil", "perilaku", "expected"), MATRIX)
def test_predikat_accepts_siasn_codes(hasil, perilaku, expected):
    assert predikat(hasil.value, perilaku.value) is expected


def test_matrix_has_exactly_nine_cells():
    assert len(KUADRAN) == 9
    assert {(h, p) for h, p, _ in MATRIX} == set(KUADRAN)


@pytest.mark.parametrize("bad", ["0", "4", "di_atas", ""])
def test_predikat_rejects_unknown_ratings(bad):
    with pytest.raises(ValueError):
        predikat(bad, Rating.SESUAI)
    with pytest.raises(ValueError):
        predikat(Rating.SESUAI, bad)
