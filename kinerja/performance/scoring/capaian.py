"""Capaian (achievement) of one quantitative IKI.

PermenPANRB 6/2022 asks for a realisasi against the target of every Indikator Kinerja Individu and
leaves the arithmetic to the agency; the readings chosen here are documented in docs/scoring.md.
"""

from __future__ import annotations

import decimal
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from ._common import HUNDRED, format_number, format_pct, require_decimal

#: Default ceiling of one IKI's capaian, in percent, so that one IKI cannot dominate.
DEFAULT_CAPAIAN_CAP = Decimal(150)

#: Largest cap accepted; keeps every value within the Decimal precision when quantized.
MAX_CAPAIAN_CAP = Decimal(1_000_000)

#: Capaian is kept with two decimals (percent), rounded half up.
CAPAIAN_QUANTUM = Decimal("0.01")


class CapaianStatus(StrEnum):
    """Why a capaian has (or has no) value."""

    OK = "ok"
    #: The target is zero: no ratio exists; the value follows the zero-target rule.
    ZERO_TARGET = "zero_target"
    #: No target was set: no capaian, the IKI is left out of the recommendation.
    NO_TARGET = "no_target"
    #: No realisasi was reported: no capaian (this is not a capaian of zero).
    NO_DATA = "no_data"
    #: A negative target or realisasi: the data must be corrected first.
    INVALID = "invalid"


@dataclass(frozen=True)
class Capaian:
    """The achievement of one IKI, with its inputs so it can be recomputed.

    ``value`` is a percentage (``Decimal("95.00")`` means 95 %), already capped, two decimals;
    ``None`` when there is nothing to compare. ``raw_value`` is the uncapped ratio (``None`` when it
    is undefined or infinite). ``explanation`` is meant for the user, in Bahasa Indonesia.
    """

    value: Decimal | None
    status: CapaianStatus
    explanation: str
    target: Decimal | None
    realisasi: Decimal | None
    lower_is_better: bool
    cap: Decimal
    raw_value: Decimal | None = None
    capped: bool = False

    @property
    def has_value(self) -> bool:
        """True when the capaian can take part in a recommendation."""
        return self.value is not None


def _optional(value: Decimal | int | None, name: str) -> Decimal | None:
    return None if value is None else require_decimal(value, name)


def _finish(
    raw: Decimal | None,
    cap: Decimal,
    *,
    status: CapaianStatus,
    target: Decimal,
    realisasi: Decimal,
    lower_is_better: bool,
    reason: str,
) -> Capaian:
    # ``raw`` None means "infinitely good" (lower-is-better with zero realisasi): it takes the cap.
    capped = raw is None or raw > cap
    value = (cap if capped or raw is None else raw).quantize(CAPAIAN_QUANTUM, ROUND_HALF_UP)
    explanation = f"Capaian {format_pct(value)}: {reason}"
    if capped:
        explanation += f" Capaian dibatasi paling tinggi {format_pct(cap)}."
    return Capaian(
        value=value,
        status=status,
        explanation=explanation,
        target=target,
        realisasi=realisasi,
        lower_is_better=lower_is_better,
        cap=cap,
        raw_value=raw,
        capped=capped,
    )


def capaian(
    target: Decimal | int | None,
    realisasi: Decimal | int | None,
    *,
    lower_is_better: bool = False,
    cap: Decimal | int = DEFAULT_CAPAIAN_CAP,
) -> Capaian:
    """Compute the capaian of one quantitative IKI (PermenPANRB 6/2022, penilaian hasil kerja).

    - Higher is better: capaian = realisasi ÷ target × 100 %.
    - Lower is better (response time, cost): capaian = target ÷ realisasi × 100 %; a realisasi of
      zero is the best possible result and takes the cap.
    - Target zero: no ratio exists. Higher is better: any realisasi ≥ 0 meets the target, 100 %.
      Lower is better: realisasi 0 meets it (100 %), anything above it misses it (0 %).
    - Missing target → ``NO_TARGET``; missing realisasi → ``NO_DATA`` (never a capaian of zero);
      a negative target or realisasi → ``INVALID``. These have no value.
    - The value is capped at ``cap`` percent (default 150 %) and rounded half up to 0.01 %.

    ``target`` and ``realisasi`` are Decimal or int (floats are refused with ``TypeError``);
    ``cap`` must be between 100 and 1,000,000 (``ValueError`` otherwise).
    """
    cap_value = require_decimal(cap, "cap")
    if not HUNDRED <= cap_value <= MAX_CAPAIAN_CAP:
        raise ValueError(f"cap harus antara 100 dan {MAX_CAPAIAN_CAP} (persen)")
    t = _optional(target, "target")
    r = _optional(realisasi, "realisasi")

    def empty(status: CapaianStatus, explanation: str) -> Capaian:
        return Capaian(None, status, explanation, t, r, lower_is_better, cap_value)

    if t is None:
        return empty(CapaianStatus.NO_TARGET, "Target belum ditetapkan; capaian tidak dihitung.")
    if r is None:
        return empty(
            CapaianStatus.NO_DATA,
            "Realisasi belum diisi; capaian tidak dihitung (bukan berarti nol).",
        )
    if t < 0 or r < 0:
        return empty(
            CapaianStatus.INVALID,
            "Target atau realisasi bernilai negatif; data perlu diperbaiki sebelum dinilai.",
        )
    pair = f"realisasi {format_number(r)} terhadap target {format_number(t)}"
    raw, status, reason = _ratio(t, r, lower_is_better, pair)
    return _finish(
        raw,
        cap_value,
        status=status,
        target=t,
        realisasi=r,
        lower_is_better=lower_is_better,
        reason=reason,
    )


def _ratio(
    t: Decimal, r: Decimal, lower_is_better: bool, pair: str
) -> tuple[Decimal | None, CapaianStatus, str]:
    """The uncapped capaian of non-negative inputs (``None`` = infinitely good), status, reason."""
    if t == 0:
        if not lower_is_better or r == 0:
            reason = f"target nol dan {pair} memenuhi target; capaian ditetapkan 100%."
            return HUNDRED, CapaianStatus.ZERO_TARGET, reason
        reason = f"target nol (makin kecil makin baik) dan {pair} melampauinya; capaian 0%."
        return Decimal(0), CapaianStatus.ZERO_TARGET, reason
    if lower_is_better and r == 0:
        reason = f"{pair} (makin kecil makin baik); realisasi nol adalah hasil terbaik."
        return None, CapaianStatus.OK, reason
    # Enough exponent range that no finite input can overflow the context (totality).
    with decimal.localcontext() as ctx:
        ctx.prec = 28
        ctx.Emax = decimal.MAX_EMAX
        ctx.Emin = decimal.MIN_EMIN
        if lower_is_better:
            return (
                t / r * HUNDRED,
                CapaianStatus.OK,
                (f"target ÷ realisasi (makin kecil makin baik), {pair}."),
            )
        return r / t * HUNDRED, CapaianStatus.OK, f"realisasi ÷ target, {pair}."
