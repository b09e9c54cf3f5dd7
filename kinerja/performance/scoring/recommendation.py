"""Recommended Hasil Kerja rating from the capaian of quantitative IKI.

PermenPANRB 6/2022 fixes no numeric weights: the assessor rates Hasil Kerja guided by "di atas =
most or all results above expectation and no main result below; sesuai = most or all results meet
expectation, at most a small part of main results short; di bawah = most or all below". This module
turns that guidance into a configurable, reproducible *recommendation*; the assessor decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from ._common import HUNDRED, SCORING_VERSION, Rating, format_pct, require_decimal
from .capaian import Capaian


@dataclass(frozen=True)
class RecommendationRule:
    """Thresholds of the recommendation, configurable per instansi. All values are percentages.

    - ``di_atas_min``: an IKI is *di atas* when its capaian ≥ this (default 110).
    - ``sesuai_min``: an IKI is *sesuai* when its capaian ≥ this (default 90); below it, *di bawah*.
    - ``most_pct``: "most" means a share strictly greater than this (default 50: a majority).
    - ``utama_short_max_pct``: "a small part of main results short" means at most this share of
      the Utama IKI below expectation (default 20).
    """

    di_atas_min: Decimal = Decimal(110)
    sesuai_min: Decimal = Decimal(90)
    most_pct: Decimal = Decimal(50)
    utama_short_max_pct: Decimal = Decimal(20)

    def __post_init__(self) -> None:
        for name in ("di_atas_min", "sesuai_min", "most_pct", "utama_short_max_pct"):
            value = require_decimal(getattr(self, name), name)
            if value < 0:
                raise ValueError(f"{name} tidak boleh negatif")
            object.__setattr__(self, name, value)
        if self.sesuai_min > self.di_atas_min:
            raise ValueError("sesuai_min tidak boleh lebih besar dari di_atas_min")
        if self.most_pct >= HUNDRED or self.utama_short_max_pct > HUNDRED:
            raise ValueError("most_pct harus < 100 dan utama_short_max_pct paling tinggi 100")

    def classify(self, value: Decimal) -> Rating:
        """The level of one IKI from its capaian (percent)."""
        if value >= self.di_atas_min:
            return Rating.DI_ATAS
        if value >= self.sesuai_min:
            return Rating.SESUAI
        return Rating.DI_BAWAH

    def to_dict(self) -> dict[str, str]:
        """The parameters as strings, to be stored with a result (Decimal-exact)."""
        return {
            "di_atas_min": str(self.di_atas_min),
            "sesuai_min": str(self.sesuai_min),
            "most_pct": str(self.most_pct),
            "utama_short_max_pct": str(self.utama_short_max_pct),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, str]) -> RecommendationRule:
        """Rebuild a rule stored with :meth:`to_dict`."""
        return cls(**{key: Decimal(value) for key, value in data.items()})


DEFAULT_RECOMMENDATION_RULE = RecommendationRule()


@dataclass(frozen=True)
class IkiResult:
    """One IKI as input to the recommendation.

    ``capaian`` is ``None`` for a qualitative IKI. ``utama`` marks an IKI of an RHK Utama.
    ``key`` identifies the IKI in the result (e.g. its database id as text).
    """

    key: str
    capaian: Capaian | None
    utama: bool = True
    nama: str = ""


@dataclass(frozen=True)
class IkiAssessment:
    """How one IKI counted in the recommendation."""

    key: str
    level: Rating
    value: Decimal
    utama: bool


@dataclass(frozen=True)
class ExcludedIki:
    """An IKI left out of the recommendation, and why (Bahasa Indonesia)."""

    key: str
    reason: str


@dataclass(frozen=True)
class Recommendation:
    """A recommended Hasil Kerja rating, never a decision.

    ``rating`` is ``None`` when no quantitative IKI has data: the assessor rates without a
    recommendation. ``drivers`` are the keys of the IKI that decided the rating (di atas: the IKI
    above expectation; sesuai: the IKI not above expectation, which kept it from di atas; di
    bawah: the IKI below expectation). ``needs_review`` marks a case the regulation's guidance
    does not name (most results meet expectation but too many main results fall short).
    """

    rating: Rating | None
    reason: str
    drivers: tuple[str, ...]
    assessed: tuple[IkiAssessment, ...]
    excluded: tuple[ExcludedIki, ...]
    rule: RecommendationRule
    needs_review: bool = False
    version: str = field(default=SCORING_VERSION)


def _share(part: int, whole: int) -> Decimal:
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(Decimal("0.01"))


def _exceeds(part: int, whole: int, pct: Decimal) -> bool:
    """part / whole > pct %, compared exactly in integers-times-Decimal (no rounded division)."""
    return Decimal(part) * HUNDRED > pct * whole


def recommend_hasil_kerja(
    iki_results: Iterable[IkiResult],
    rule: RecommendationRule = DEFAULT_RECOMMENDATION_RULE,
) -> Recommendation:
    """Recommend a Hasil Kerja rating (PermenPANRB 6/2022 guidance; thresholds configurable).

    Each quantitative IKI with a capaian is classified by ``rule`` (di atas / sesuai / di bawah).
    Qualitative IKI and IKI without a capaian (no data, no target, invalid) are excluded and
    reported. Then, over the n classified IKI:

    - **Di Atas** when the IKI above expectation are "most" (share > ``most_pct``) and no Utama IKI
      is below expectation;
    - else **Sesuai** when the IKI meeting or exceeding expectation are "most" and at most
      ``utama_short_max_pct`` % of the Utama IKI are below expectation;
    - else **Di Bawah**. This includes mixed cases the guidance does not name (e.g. most results
      meet expectation but too many Utama results fall short); the reason says so, and the
      assessor may override.

    Order of the inputs does not matter, and the result only improves when a capaian improves.
    """
    assessed: list[IkiAssessment] = []
    excluded: list[ExcludedIki] = []
    for iki in iki_results:
        if iki.capaian is None:
            excluded.append(ExcludedIki(iki.key, "IKI kualitatif; dinilai langsung oleh penilai."))
        elif iki.capaian.value is None:
            excluded.append(ExcludedIki(iki.key, iki.capaian.explanation))
        else:
            value = iki.capaian.value
            assessed.append(IkiAssessment(iki.key, rule.classify(value), value, iki.utama))
    if not assessed:
        return Recommendation(
            rating=None,
            reason=(
                "Tidak ada IKI kuantitatif yang memiliki capaian; sistem tidak memberi rekomendasi "
                "dan penilai menetapkan rating Hasil Kerja sendiri."
            ),
            drivers=(),
            assessed=(),
            excluded=tuple(excluded),
            rule=rule,
        )

    n = len(assessed)
    above = [a for a in assessed if a.level is Rating.DI_ATAS]
    below = [a for a in assessed if a.level is Rating.DI_BAWAH]
    meeting = n - len(below)
    utama = [a for a in assessed if a.utama]
    utama_below = [a for a in below if a.utama]

    counts = (
        f"{len(above)} dari {n} IKI kuantitatif ({format_pct(_share(len(above), n))}) di atas "
        f"ekspektasi (capaian ≥ {format_pct(rule.di_atas_min)}), {meeting} dari {n} "
        f"({format_pct(_share(meeting, n))}) memenuhi ekspektasi (capaian ≥ "
        f"{format_pct(rule.sesuai_min)}), {len(below)} di bawah ekspektasi; "
        f"{len(utama_below)} dari {len(utama)} IKI utama di bawah ekspektasi"
    )
    most = f"sebagian besar berarti lebih dari {format_pct(rule.most_pct)}"
    utama_ok = not utama or not _exceeds(len(utama_below), len(utama), rule.utama_short_max_pct)

    needs_review = False
    if _exceeds(len(above), n, rule.most_pct) and not utama_below:
        rating = Rating.DI_ATAS
        why = "sebagian besar atau seluruh IKI di atas ekspektasi dan tidak ada IKI utama di bawah."
        drivers = above
    elif _exceeds(meeting, n, rule.most_pct) and utama_ok:
        rating = Rating.SESUAI
        why = (
            "sebagian besar atau seluruh IKI memenuhi ekspektasi dan IKI utama yang di bawah "
            f"ekspektasi paling banyak {format_pct(rule.utama_short_max_pct)}."
        )
        drivers = [a for a in assessed if a.level is not Rating.DI_ATAS]
    elif _exceeds(meeting, n, rule.most_pct):
        # Most results meet expectation but too many main ones fall short: the guidance names
        # neither rating. The recommendation does not push the employee down; it asks for review.
        rating = Rating.SESUAI
        needs_review = True
        why = (
            "sebagian besar IKI memenuhi ekspektasi, tetapi IKI utama yang di bawah ekspektasi "
            f"lebih dari {format_pct(rule.utama_short_max_pct)}; penilai perlu meninjau."
        )
        drivers = [a for a in assessed if a.utama and a.level is Rating.DI_BAWAH]
    else:
        rating = Rating.DI_BAWAH
        why = "sebagian besar atau seluruh IKI di bawah ekspektasi."
        drivers = below
    reason = f"Rekomendasi {rating.label}: {why} Rincian: {counts}; {most}."
    if excluded:
        reason += f" {len(excluded)} IKI tidak ikut dihitung (kualitatif atau tanpa capaian)."
    return Recommendation(
        rating=rating,
        reason=reason,
        drivers=tuple(a.key for a in drivers),
        assessed=tuple(assessed),
        excluded=tuple(excluded),
        rule=rule,
        needs_review=needs_review,
    )
