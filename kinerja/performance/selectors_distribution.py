"""Read functions for a unit's distribution of employee predikat in a period (DOMAIN.md §1.4)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from kinerja.org import paths
from kinerja.org.models import Unit
from kinerja.org.querysets import subtree_q
from kinerja.performance import scoring
from kinerja.performance.models import (
    Evaluation,
    EvaluationState,
    PerformanceSettings,
    Period,
    PredikatValue,
    Skp,
    SkpState,
    UnitAssessment,
)
from kinerja.performance.scoring.distribution import rules_from_dict


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
    """The distribution rules the instansi applies: ``PerformanceSettings.distribution_rules``
    (validated when written), the SE MenPANRB 3/2023 defaults where it is empty (one query)."""
    stored = (
        PerformanceSettings.objects.filter(instansi_id=instansi_id)
        .values_list("distribution_rules", flat=True)
        .first()
    )
    if not stored:
        return scoring.DEFAULT_DISTRIBUTION_RULES
    return rules_from_dict(stored)


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


# --- Many units at once (the penetapan list) and the unit's people ---------------------------


def approved_skps(period: Period) -> QuerySet[Skp]:
    """SKPs approved for ``period``'s year and in force during it, in the period's instansi."""
    return Skp.objects.filter(
        instansi_id=period.instansi_id,
        performance_year_id=period.performance_year_id,
        state=SkpState.APPROVED,
        starts__lte=period.ends,
        ends__gte=period.starts,
    )


def unevaluated_skp_count(unit: Unit, period: Period) -> int:
    """Approved SKPs in the unit's subtree without a confirmed (final) evaluation for ``period``
    (one query)."""
    final = Evaluation.objects.filter(
        skp=OuterRef("pk"), period=period, state=EvaluationState.FINAL
    )
    return (
        approved_skps(period)
        .filter(subtree_q(unit.path, "unit__path"))
        .filter(~Exists(final))
        .count()
    )


def final_evaluations(unit: Unit, period: Period) -> QuerySet[Evaluation]:
    """Confirmed evaluations in the unit's subtree for ``period``, with the employee and the
    SKP's position, ordered by predikat then name (one query)."""
    return (
        Evaluation.objects.filter(
            subtree_q(unit.path, "unit_path"),
            instansi_id=unit.instansi_id,
            period=period,
            state=EvaluationState.FINAL,
        )
        .select_related("employee", "skp__position", "unit")
        .order_by("predikat", "employee__name", "pk")
    )


@dataclass(frozen=True)
class UnitRow:
    """One unit in the penetapan list: its assessment, confirmed predikat counts over its
    subtree, the approved SKPs there, and the check once its organisational predikat is set."""

    unit: Unit
    assessment: UnitAssessment | None
    counts: dict[str, int]
    approved_skps: int
    check: scoring.DistributionCheck | None
    has_children: bool

    @property
    def evaluated(self) -> int:
        return sum(self.counts.values())


def _span_q(units: Sequence[Unit], field: str) -> Q:
    """One range covering every unit's subtree: the units come ordered by path, so this is a
    single index range scan; rows of units outside the list are dropped when grouping."""
    low = min(u.path for u in units)
    high = max(paths.subtree_upper_bound(u.path) for u in units)
    return Q(**{f"{field}__gte": low, f"{field}__lt": high})


def _owners(units: Sequence[Unit]) -> tuple[dict[str, list[Unit]], list[int]]:
    by_path: dict[str, list[Unit]] = defaultdict(list)
    for unit in units:
        by_path[unit.path].append(unit)
    return by_path, sorted({len(p) for p in by_path})


def unit_rows(units: Sequence[Unit], period: Period) -> list[UnitRow]:
    """Rows for ``units`` (all of ``period``'s instansi) in a fixed number of queries whatever
    their number or size: counts are grouped by unit path once and summed up to every listed
    unit whose subtree holds them (nested units each get their whole subtree)."""
    units = list(units)
    if not units:
        return []
    instansi_id = period.instansi_id
    by_path, lengths = _owners(units)
    counts: dict[int, dict[str, int]] = {
        u.pk: dict.fromkeys(PredikatValue.values, 0) for u in units
    }
    skps: dict[int, int] = dict.fromkeys(counts, 0)

    def owners_of(path: str) -> list[Unit]:
        return [u for n in lengths if n <= len(path) for u in by_path.get(path[:n], ())]

    grouped = (
        Evaluation.objects.filter(
            _span_q(units, "unit_path"),
            instansi_id=instansi_id,
            period=period,
            state=EvaluationState.FINAL,
        )
        .values_list("unit_path", "predikat")
        .annotate(n=Count("pk"))
    )
    for path, code, n in grouped:
        for unit in owners_of(path):
            counts[unit.pk][code] = counts[unit.pk].get(code, 0) + n
    skp_rows = (
        approved_skps(period)
        .filter(_span_q(units, "unit__path"))
        .values_list("unit__path")
        .annotate(n=Count("pk"))
    )
    for path, n in skp_rows:
        for unit in owners_of(path):
            skps[unit.pk] += n
    assessments = {
        a.unit_id: a for a in UnitAssessment.objects.filter(period=period, unit__in=units)
    }
    parents = set(
        Unit.objects.filter(parent__in=units).values_list("parent_id", flat=True).distinct()
    )
    rules = distribution_rules(instansi_id)
    rows = []
    for unit in units:
        assessment = assessments.get(unit.pk)
        check = (
            scoring.check_distribution(assessment.org_predikat, counts[unit.pk], rules)
            if assessment
            else None
        )
        rows.append(
            UnitRow(unit, assessment, counts[unit.pk], skps[unit.pk], check, unit.pk in parents)
        )
    return rows
