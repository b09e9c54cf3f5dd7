"""Closing a period: every approved SKP's recommendation computed at once, draft evaluations
opened or refreshed for the assessors, every unit's distribution checked, then the period closed.

Nothing is finalised here: a confirmed evaluation is left as it is, and a draft keeps the
assessor's ratings and only gets the fresh recommendation (the system never sets a predikat).
The work is set-based: a handful of queries for the whole instansi, the scoring in memory, and
bulk writes, so that a city closes in about a second (docs/performance.md).
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core import bulk
from kinerja.core.audit import record_event
from kinerja.org import paths
from kinerja.performance import scoring
from kinerja.performance.models import (
    Evaluation,
    EvaluationState,
    Period,
    PeriodKind,
    PeriodState,
    Realisasi,
    Skp,
    SkpState,
    UnitAssessment,
)
from kinerja.performance.selectors_distribution import distribution_rules
from kinerja.performance.services.evaluation import (
    facts_by_skp,
    line_for,
    period_share,
    recommend,
    settings_for,
    stored_recommendation,
)
from kinerja.performance.services.periods import set_period_state

NEW_COLUMNS = [
    "instansi_id", "skp_id", "period_id", "employee_id", "unit_id", "unit_path", "state",
    "recommended", "recommendation", "scoring_version", "hasil_kerja", "override_reason",
    "perilaku", "perilaku_values", "notes", "self_hasil_kerja", "self_perilaku", "self_notes",
    "predikat", "version", "created_at", "updated_at",
]  # fmt: skip


@dataclass
class ClosingResult:
    """What closing a period did, for the message, the audit event and the benchmark."""

    skps: int = 0
    created: int = 0
    refreshed: int = 0
    confirmed: int = 0
    recommended: Counter[str] = field(default_factory=Counter)
    units_checked: int = 0
    units_failing: int = 0
    seconds: float = 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "skps": self.skps,
            "created": self.created,
            "refreshed": self.refreshed,
            "confirmed": self.confirmed,
            "recommended": dict(self.recommended),
            "units_checked": self.units_checked,
            "units_failing": self.units_failing,
        }


def _skps(period: Period) -> list[tuple[int, int, int, str]]:
    """(skp, employee, unit, unit path) of every approved SKP that covers the period."""
    return list(
        Skp.objects.filter(
            instansi_id=period.instansi_id,
            performance_year_id=period.performance_year_id,
            state=SkpState.APPROVED,
            starts__lte=period.ends,
            ends__gte=period.starts,
        )
        .order_by("pk")
        .values_list("pk", "employee_id", "unit_id", "unit__path")
    )


def _values(period: Period) -> dict[int, list[Decimal]]:
    if period.kind == PeriodKind.ANNUAL:
        rows = Realisasi.objects.filter(
            instansi_id=period.instansi_id,
            period__performance_year_id=period.performance_year_id,
            value__isnull=False,
        )
    else:
        rows = Realisasi.objects.filter(period=period, value__isnull=False)
    values: dict[int, list[Decimal]] = defaultdict(list)
    for iki_id, value in rows.values_list("iki_id", "value").iterator(5000):
        if value is not None:
            values[iki_id].append(value)
    return values


def compute(period: Period) -> tuple[list[tuple[int, int, int, str]], dict[int, Any]]:
    """Every approved SKP of the period with its stored-form recommendation (no writes)."""
    config = settings_for(period.instansi_id)
    share, cap = period_share(period), config.capaian_cap
    skps, values = _skps(period), _values(period)
    facts = facts_by_skp(
        instansi_id=period.instansi_id, performance_year_id=period.performance_year_id
    )
    results = {}
    for skp_id, *_rest in skps:
        lines = [line_for(f, values.get(f.pk, []), share, cap) for f in facts.get(skp_id, [])]
        results[skp_id] = stored_recommendation(lines, recommend(lines, config), cap)
    return skps, results


def _check_units(period: Period) -> tuple[int, int]:
    """Check every unit with an organisational predikat against its rule: (checked, failing)."""
    assessments = list(UnitAssessment.objects.filter(period=period))
    if not assessments:
        return 0, 0
    by_path: dict[str, Counter[str]] = defaultdict(Counter)
    rows = (
        Evaluation.objects.filter(period=period, state=EvaluationState.FINAL)
        .values_list("unit_path", "predikat")
        .annotate(n=Count("pk"))
    )
    for path, predikat, n in rows:
        by_path[path][predikat] += n
    rules = distribution_rules(period.instansi_id)
    ordered = sorted(by_path)
    failing = 0
    for assessment in assessments:
        # a unit's subtree is one range of the sorted paths
        start = bisect_left(ordered, assessment.unit_path)
        end = bisect_left(ordered, paths.subtree_upper_bound(assessment.unit_path))
        counts: Counter[str] = Counter()
        for path in ordered[start:end]:
            counts.update(by_path[path])
        check = scoring.check_distribution(assessment.org_predikat, dict(counts), rules)
        failing += not check.ok
    return len(assessments), failing


def close_period(*, actor: Any, period: Period) -> ClosingResult:
    """Compute the recommendations, open or refresh the draft evaluations, check the units'
    distributions and close ``period`` (open → closed), all in one transaction."""
    started = time.perf_counter()
    if period.state != PeriodState.OPEN:
        raise ValidationError(_("Hanya periode yang terbuka yang dapat ditutup."))
    result = ClosingResult()
    with transaction.atomic():
        set_period_state(actor=actor, period=period, state=PeriodState.CLOSED)
        skps, recommendations = compute(period)
        existing = {
            skp_id: (pk, state)
            for skp_id, pk, state in Evaluation.objects.filter(period=period).values_list(
                "skp_id", "pk", "state"
            )
        }
        now = timezone.now()
        new_rows, drafts = [], []
        for skp_id, employee_id, unit_id, unit_path in skps:
            stored = recommendations[skp_id]
            rating = stored["rating"] or ""
            result.recommended[rating] += 1
            found = existing.get(skp_id)
            if found is None:
                new_rows.append(
                    [
                        period.instansi_id, skp_id, period.pk, employee_id, unit_id, unit_path,
                        EvaluationState.DRAFT, rating, stored, stored["version"], rating, "",
                        "", {}, "", "", "", "", "", 1, now, now,
                    ]
                )  # fmt: skip
            elif found[1] == EvaluationState.DRAFT:
                drafts.append(
                    Evaluation(
                        pk=found[0],
                        recommended=rating,
                        recommendation=stored,
                        scoring_version=stored["version"],
                    )
                )
            else:
                result.confirmed += 1
        bulk.insert_rows(Evaluation, NEW_COLUMNS, new_rows)
        Evaluation.objects.bulk_update(
            drafts, ["recommended", "recommendation", "scoring_version"], batch_size=500
        )
        result.skps, result.created, result.refreshed = len(skps), len(new_rows), len(drafts)
        result.units_checked, result.units_failing = _check_units(period)
        record_event(
            actor=actor,
            action="period.recommendations",
            target=period,
            instansi_id=period.instansi_id,
            after=result.summary(),
        )
    result.seconds = time.perf_counter() - started
    return result
