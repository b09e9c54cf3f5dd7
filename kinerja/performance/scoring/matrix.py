"""The predikat kinerja matrix (kuadran) of PermenPANRB 6/2022."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ._common import Predikat, Rating

_A, _S, _B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH

#: (Hasil Kerja, Perilaku Kerja) → Predikat, exactly the kuadran of PermenPANRB 6/2022.
KUADRAN: Mapping[tuple[Rating, Rating], Predikat] = MappingProxyType(
    {
        (_A, _A): Predikat.SANGAT_BAIK,
        (_A, _S): Predikat.BAIK,
        (_A, _B): Predikat.KURANG,  # "Kurang/Misconduct": good results, unacceptable behaviour
        (_S, _A): Predikat.BAIK,
        (_S, _S): Predikat.BAIK,
        (_S, _B): Predikat.KURANG,
        (_B, _A): Predikat.BUTUH_PERBAIKAN,
        (_B, _S): Predikat.BUTUH_PERBAIKAN,
        (_B, _B): Predikat.SANGAT_KURANG,
    }
)


def predikat(hasil_kerja: Rating | str, perilaku: Rating | str) -> Predikat:
    """The predikat kinerja for a Hasil Kerja and a Perilaku Kerja rating (PermenPANRB 6/2022).

    A pure table look-up over the nine cells of :data:`KUADRAN`; no arithmetic, no weights.
    Ratings may be given as :class:`Rating` or as their SIASN codes ("1", "2", "3"); any other
    value raises ``ValueError``.
    """
    return KUADRAN[(Rating(hasil_kerja), Rating(perilaku))]
