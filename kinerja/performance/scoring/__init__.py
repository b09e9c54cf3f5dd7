"""Scoring rules of the performance cycle, as pure functions over plain values.

No Django here: capaian, the recommended Hasil Kerja rating, the predikat matrix, the
distribution rules and angka kredit are computed from Decimal and enums only, so every stored
result can be reproduced from its stored inputs and :data:`SCORING_VERSION`. See docs/scoring.md.
"""

from ._common import SCORING_VERSION, Predikat, Rating
from .angka_kredit import (
    ANGKA_KREDIT_QUANTUM,
    KOEFISIEN_TAHUNAN,
    PERSENTASE_PREDIKAT,
    Jenjang,
    angka_kredit,
)
from .capaian import (
    CAPAIAN_QUANTUM,
    DEFAULT_CAPAIAN_CAP,
    MAX_CAPAIAN_CAP,
    Capaian,
    CapaianStatus,
    capaian,
)
from .distribution import (
    DEFAULT_DISTRIBUTION_RULES,
    DEFAULT_SMALL_UNIT_SIZE,
    Clause,
    ClauseKind,
    ClauseResult,
    DistributionCheck,
    DistributionRule,
    MostReading,
    OrgPredikat,
    Outcome,
    check_distribution,
)
from .matrix import KUADRAN, predikat
from .recommendation import (
    DEFAULT_RECOMMENDATION_RULE,
    ExcludedIki,
    IkiAssessment,
    IkiResult,
    Recommendation,
    RecommendationRule,
    recommend_hasil_kerja,
)

__all__ = [
    "ANGKA_KREDIT_QUANTUM",
    "CAPAIAN_QUANTUM",
    "DEFAULT_CAPAIAN_CAP",
    "DEFAULT_DISTRIBUTION_RULES",
    "DEFAULT_RECOMMENDATION_RULE",
    "DEFAULT_SMALL_UNIT_SIZE",
    "KOEFISIEN_TAHUNAN",
    "KUADRAN",
    "MAX_CAPAIAN_CAP",
    "PERSENTASE_PREDIKAT",
    "SCORING_VERSION",
    "Capaian",
    "CapaianStatus",
    "Clause",
    "ClauseKind",
    "ClauseResult",
    "DistributionCheck",
    "DistributionRule",
    "ExcludedIki",
    "IkiAssessment",
    "IkiResult",
    "Jenjang",
    "MostReading",
    "OrgPredikat",
    "Outcome",
    "Predikat",
    "Rating",
    "Recommendation",
    "RecommendationRule",
    "angka_kredit",
    "capaian",
    "check_distribution",
    "predikat",
    "recommend_hasil_kerja",
]
