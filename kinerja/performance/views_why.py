"""Mengapa?: every predikat explained from its stored inputs and the scoring version (issue 3 §4;
DOMAIN.md §8: scoring people is explained and human-confirmed)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kinerja.performance import scoring
from kinerja.performance.access import get_evaluation_for_user
from kinerja.performance.models import (
    Berakhlak,
    EvaluationState,
    ObjectionState,
    PredikatValue,
    RatingValue,
)
from kinerja.performance.selectors_distribution import Distribution
from kinerja.performance.selectors_why import (
    matrix,
    nearest_distribution,
    objections_of,
    reproduce,
    timeline,
)


def _distribution_rows(distribution: Distribution | None) -> list[dict[str, Any]]:
    if distribution is None:
        return []
    total = distribution.total
    return [
        {
            "label": label,
            "count": distribution.counts.get(code, 0),
            "share": (Decimal(distribution.counts.get(code, 0) * 100) / total).quantize(
                Decimal("0.1")
            )
            if total
            else None,
        }
        for code, label in PredikatValue.choices
    ]


@login_required
def why(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """How this predikat came about: readable by whoever may read the SKP, 404 otherwise."""
    evaluation = get_evaluation_for_user(request.user, evaluation_id)
    final = evaluation.state == EvaluationState.FINAL
    objections = objections_of(evaluation)
    distribution = nearest_distribution(evaluation)
    matrix_cell = (
        scoring.predikat(evaluation.hasil_kerja, evaluation.perilaku).value
        if final and evaluation.hasil_kerja and evaluation.perilaku
        else ""
    )
    return render(
        request,
        "performance/why.html",
        {
            "evaluation": evaluation,
            "skp": evaluation.skp,
            "title": _("Mengapa predikat ini?"),
            "final": final,
            "reproduction": reproduce(evaluation),
            "current_version": scoring.SCORING_VERSION,
            "matrix": matrix(
                evaluation.hasil_kerja if final else "", evaluation.perilaku if final else ""
            ),
            "matrix_matches": bool(matrix_cell) and matrix_cell == evaluation.predikat,
            "matrix_label": PredikatValue(matrix_cell).label if matrix_cell else "",
            "values": [
                (label, RatingValue(evaluation.perilaku_values[v]).label)
                for v, label in Berakhlak.choices
                if final and evaluation.perilaku_values.get(v) in RatingValue.values
            ],
            "distribution": distribution,
            "distribution_rows": _distribution_rows(distribution),
            "own_unit": distribution is not None and distribution.unit.pk == evaluation.unit_id,
            "timeline": timeline(evaluation, objections),
            "objections": objections,
            "granted": [o for o in objections if o.state == ObjectionState.GRANTED],
        },
    )
