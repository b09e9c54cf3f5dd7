"""Read functions for a unit's distribution of employee predikat in a period (DOMAIN.md §1.4)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Count

from kinerja.org.models import Unit
from kinerja.org.querysets import subtree_q
from kinerja.performance import scoring
from kinerja.performance.models import (
    Evaluation,
    EvaluationState,
    Period,
    PredikatValue,
    UnitAssessment,
)


def predikat_counts(unit: Unit, period: Period) -> dict[str, int]:
    """Confirmed employee predikat in ``unit`` and everything under it, by SIASN code (one query;
    every code present, zero when none)."""
    rows = (
        Evaluation.objects.filter(
            subtree_q(unit.path, "unit_path"),
            instansi_id=unit.instansi_id,
            period=period,
            state=EvaluationState.FINAL,
        )
        .values_list("predikat")
        .annotate(n=Count("pk"))
    )
    counts = dict.fromkeys(PredikatValue.values, 0)
    counts.update({code: n for code, n in rows})
    return counts


def distribution_rules(instansi_id: int) -> Mapping[scoring.OrgPredikat, scoring.DistributionRule]:
    """The distribution rules the instansi applies (the SE MenPANRB 3/2023 defaults)."""
    return scoring.DEFAULT_DISTRIBUTION_RULES


@dataclass(frozen=True)
class Distribution:
    unit: Unit
    period: Period
    assessment: UnitAssessment | None
    counts: dict[str, int]
    check: scoring.DistributionCheck | None  # None until the unit has an organisational predikat

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def distribution_of(unit: Unit, period: Period) -> Distribution:
    """The unit's counts per predikat and, once its organisational predikat is set, the check of
    its distribution rule."""
    assessment = UnitAssessment.objects.filter(unit=unit, period=period).first()
    counts = predikat_counts(unit, period)
    check = (
        scoring.check_distribution(
            assessment.org_predikat, counts, distribution_rules(unit.instansi_id)
        )
        if assessment
        else None
    )
    return Distribution(unit, period, assessment, counts, check)
