"""Angka kredit of functional staff from the annual predikat (PerBKN 3/2023)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from types import MappingProxyType

from ._common import Predikat


class Jenjang(StrEnum):
    """Jenjang jabatan fungsional: keahlian (Ahli …) and keterampilan (Pemula … Penyelia)."""

    AHLI_PERTAMA = "ahli_pertama"
    AHLI_MUDA = "ahli_muda"
    AHLI_MADYA = "ahli_madya"
    AHLI_UTAMA = "ahli_utama"
    PEMULA = "pemula"
    TERAMPIL = "terampil"
    MAHIR = "mahir"
    PENYELIA = "penyelia"


#: Koefisien angka kredit tahunan per jenjang (PerBKN 3/2023).
KOEFISIEN_TAHUNAN: Mapping[Jenjang, Decimal] = MappingProxyType(
    {
        Jenjang.AHLI_PERTAMA: Decimal("12.5"),
        Jenjang.AHLI_MUDA: Decimal(25),
        Jenjang.AHLI_MADYA: Decimal("37.5"),
        Jenjang.AHLI_UTAMA: Decimal(50),
        Jenjang.PEMULA: Decimal("3.75"),
        Jenjang.TERAMPIL: Decimal(5),
        Jenjang.MAHIR: Decimal("12.5"),
        Jenjang.PENYELIA: Decimal(25),
    }
)

#: Percentage of the koefisien earned per predikat (PerBKN 3/2023).
PERSENTASE_PREDIKAT: Mapping[Predikat, Decimal] = MappingProxyType(
    {
        Predikat.SANGAT_BAIK: Decimal(150),
        Predikat.BAIK: Decimal(100),
        Predikat.BUTUH_PERBAIKAN: Decimal(75),
        Predikat.KURANG: Decimal(50),
        Predikat.SANGAT_KURANG: Decimal(25),
    }
)

#: Angka kredit are given with three decimals, rounded half up, once, at the end.
ANGKA_KREDIT_QUANTUM = Decimal("0.001")


def angka_kredit(predikat: Predikat | str, jenjang: Jenjang | str, months: int = 12) -> Decimal:
    """Angka kredit earned in a period (PerBKN 3/2023).

    angka kredit = months / 12 × persentase(predikat) × koefisien tahunan(jenjang), computed
    exactly and rounded half up to three decimals only at the end. ``months`` is the number of
    months of the period in this jenjang, an int from 1 to 12 (``ValueError`` otherwise).
    """
    if isinstance(months, bool) or not isinstance(months, int):
        raise TypeError("months harus bilangan bulat")
    if not 1 <= months <= 12:
        raise ValueError("months harus antara 1 dan 12")
    pct = PERSENTASE_PREDIKAT[Predikat(predikat)]
    koefisien = KOEFISIEN_TAHUNAN[Jenjang(jenjang)]
    # One division, last: months × % × koefisien is exact, only the /1200 can produce a tail.
    exact = Decimal(months) * pct * koefisien / Decimal(1200)
    return exact.quantize(ANGKA_KREDIT_QUANTUM, ROUND_HALF_UP)
