"""Shared vocabulary of the scoring package: the version, the national codes, Decimal helpers.

Nothing here imports Django: the scoring rules must be runnable (and reproducible) from stored
plain values alone.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

#: Version of the scoring rules. Stored with every computed result; bump it whenever a rule, a
#: default or a rounding changes, so that a past result can be reproduced with the rules of its day.
SCORING_VERSION = "2026.1"

HUNDRED = Decimal(100)


class Rating(StrEnum):
    """Rating of Hasil Kerja or Perilaku Kerja (PermenPANRB 6/2022); values are the SIASN codes."""

    DI_ATAS = "1"
    SESUAI = "2"
    DI_BAWAH = "3"

    @property
    def code(self) -> int:
        """The national (SIASN) code: 1 Di Atas, 2 Sesuai, 3 Di Bawah Ekspektasi."""
        return int(self.value)

    @property
    def label(self) -> str:
        """The official name in Bahasa Indonesia."""
        return _RATING_LABELS[self]

    def is_better_than(self, other: Rating) -> bool:
        """True when this rating is strictly better (a lower national code) than ``other``."""
        return self.code < other.code


_RATING_LABELS = {
    Rating.DI_ATAS: "Di Atas Ekspektasi",
    Rating.SESUAI: "Sesuai Ekspektasi",
    Rating.DI_BAWAH: "Di Bawah Ekspektasi",
}


class Predikat(StrEnum):
    """Predikat kinerja pegawai (PermenPANRB 6/2022); values are the SIASN codes 1-5."""

    SANGAT_BAIK = "1"
    BAIK = "2"
    BUTUH_PERBAIKAN = "3"
    KURANG = "4"
    SANGAT_KURANG = "5"

    @property
    def code(self) -> int:
        """The national (SIASN) code: 1 Sangat Baik … 5 Sangat Kurang."""
        return int(self.value)

    @property
    def label(self) -> str:
        """The official name (Kurang stands for the regulation's 'Kurang/Misconduct')."""
        return _PREDIKAT_LABELS[self]


_PREDIKAT_LABELS = {
    Predikat.SANGAT_BAIK: "Sangat Baik",
    Predikat.BAIK: "Baik",
    Predikat.BUTUH_PERBAIKAN: "Butuh Perbaikan",
    Predikat.KURANG: "Kurang",
    Predikat.SANGAT_KURANG: "Sangat Kurang",
}


def require_decimal(value: object, name: str) -> Decimal:
    """Return ``value`` as a finite Decimal; ints are accepted, floats never (they lose digits)."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"{name} harus Decimal atau int, bukan {type(value).__name__}")
    result = Decimal(value)
    if not result.is_finite():
        raise ValueError(f"{name} harus bilangan terhingga")
    return result


def format_number(value: Decimal) -> str:
    """Format a Decimal the Indonesian way (decimal comma, no exponent, no trailing zeros)."""
    if value.is_finite() and value != 0 and abs(value.adjusted()) > 15:
        # Absurd magnitudes would print thousands of digits; a short scientific form is enough.
        return f"{value:.6E}".replace(".", ",")
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def format_pct(value: Decimal) -> str:
    """Format a percentage for messages: ``Decimal("95.50")`` → ``"95,5%"``."""
    return f"{format_number(value)}%"
