"""Models of the performance cycle, one module per sub-domain."""

from kinerja.performance.models.periods import (
    MAX_YEAR,
    MIN_YEAR,
    MONTHS,
    ROMAN,
    Cadence,
    PerformanceYear,
    Period,
    PeriodKind,
    PeriodState,
)
from kinerja.performance.models.skp import (
    Aspek,
    BehaviourExpectation,
    Berakhlak,
    Iki,
    Perspektif,
    Rhk,
    RhkKind,
    Skp,
    SkpApproach,
    SkpState,
)

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "MONTHS",
    "ROMAN",
    "Aspek",
    "BehaviourExpectation",
    "Berakhlak",
    "Cadence",
    "Iki",
    "PerformanceYear",
    "Period",
    "PeriodKind",
    "PeriodState",
    "Perspektif",
    "Rhk",
    "RhkKind",
    "Skp",
    "SkpApproach",
    "SkpState",
]
