"""The penetapan of a unit's organisational predikat and its distribution as a document (PDF).

An approved penetapan is reproduced from what was stored at approval (counts, rule and its
readings, scoring version); a draft shows the live distribution under a DRAF watermark. The
document is official and always rendered in Indonesian, in a fixed number of queries whatever
the size of the unit.
"""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation

from kinerja.employees.models import Employee
from kinerja.org.models import Unit
from kinerja.performance import scoring
from kinerja.performance.documents import DOCUMENT_LANGUAGE, EMPTY, TEMPLATE_DIR
from kinerja.performance.models import (
    PenetapanState,
    Period,
    PredikatValue,
    UnitAssessment,
)
from kinerja.performance.scoring.distribution import keyed_results, rule_from_dict
from kinerja.performance.selectors_distribution import (
    distribution_rules,
    final_evaluations,
    predikat_counts,
)

TEMPLATE = "performance/penetapan_pdf.html"


def stored_check(assessment: UnitAssessment) -> scoring.DistributionCheck:
    """The check of an approved penetapan, recomputed from its stored counts and rule (the same
    function, the same inputs: the same result under the stored scoring version)."""
    rule = rule_from_dict(assessment.rule)
    return scoring.check_distribution(
        rule.unit_predikat,
        {code: int(n) for code, n in assessment.counts.items()},
        {rule.unit_predikat: rule},
        most_reading=scoring.MostReading(
            assessment.rule.get("most_reading", scoring.MostReading.MAJORITY)
        ),
        small_unit_size=int(
            assessment.rule.get("small_unit_size", scoring.DEFAULT_SMALL_UNIT_SIZE)
        ),
    )


def _when(moment: datetime | None) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y H:i") if moment else ""


def _person(user_id: int | None, people: dict[int, Employee], fallback: Any) -> dict[str, str]:
    employee = people.get(user_id or 0)
    if employee is None:
        return {"name": str(fallback) if fallback else EMPTY, "nip": EMPTY}
    return {"name": employee.full_name, "nip": employee.nip}


def _context(unit: Unit, period: Period) -> dict[str, Any]:
    assessment = (
        UnitAssessment.objects.filter(unit=unit, period=period)
        .select_related("set_by", "approved_by")
        .first()
    )
    approved = assessment is not None and assessment.state == PenetapanState.APPROVED
    live_counts = predikat_counts(unit, period)
    check: scoring.DistributionCheck | None
    if approved and assessment is not None:
        check = stored_check(assessment)
    elif assessment is not None:
        check = scoring.check_distribution(
            assessment.org_predikat, live_counts, distribution_rules(unit.instansi_id)
        )
    else:
        check = None
    counts = {p.value: n for p, n in check.counts.items()} if check else live_counts
    total = sum(counts.values())
    evaluations = list(final_evaluations(unit, period))
    user_ids = (
        [u for u in (assessment.set_by_id, assessment.approved_by_id) if u] if assessment else []
    )
    people = (
        {e.user_id: e for e in Employee.objects.filter(user_id__in=user_ids) if e.user_id}
        if user_ids
        else {}
    )
    keyed = list(keyed_results(check)) if check else []
    return {
        "instansi_name": unit.instansi.name,
        "unit": unit,
        "period": period,
        "assessment": assessment,
        "org_label": scoring.OrgPredikat(assessment.org_predikat).label if assessment else EMPTY,
        "is_draft": not approved,
        "check": check,
        "clauses": [
            {"result": r, "reason": assessment.exceptions.get(k, "") if assessment else ""}
            for k, r in keyed
        ],
        "exceptions": [
            (r, assessment.exceptions.get(k, "") if assessment else "")
            for k, r in keyed
            if not r.passed
        ],
        "counts": [
            (label, counts.get(code, 0), scoring_share(counts.get(code, 0), total))
            for code, label in PredikatValue.choices
        ],
        "total": total,
        "counts_changed": approved and live_counts != counts,
        "employees": [
            {
                "name": e.employee.full_name,
                "nip": e.employee.nip,
                "jabatan": e.skp.position.name,
                "unit": e.unit.name,
                "predikat": e.get_predikat_display(),
            }
            for e in evaluations
        ],
        "set_by": _person(
            assessment.set_by_id if assessment else None, people, assessment and assessment.set_by
        ),
        "set_at": _when(assessment.set_at) if assessment else "",
        "approved_by": _person(
            assessment.approved_by_id if assessment else None,
            people,
            assessment and assessment.approved_by,
        ),
        "approved_at": _when(assessment.approved_at) if assessment else "",
        "place": getattr(settings, "KINERJA_DOCUMENT_PLACE", "") or unit.instansi.name,
        "empty": EMPTY,
    }


def scoring_share(count: int, total: int) -> str:
    """A share as the document prints it ("33,33%"), or a dash for an empty unit."""
    if not total:
        return EMPTY
    share = (Decimal(count) * 100 / total).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return f"{share:f}".replace(".", ",") + "%"


def penetapan_document_context(unit: Unit, period: Period) -> dict[str, Any]:
    """Everything the penetapan document shows, in Indonesian."""
    with translation.override(DOCUMENT_LANGUAGE):
        return _context(unit, period)


def render_penetapan_html(unit: Unit, period: Period, request: HttpRequest | None = None) -> str:
    context = penetapan_document_context(unit, period)
    with translation.override(DOCUMENT_LANGUAGE):
        return render_to_string(TEMPLATE, context, request=request)


def render_penetapan_pdf(unit: Unit, period: Period, request: HttpRequest | None = None) -> bytes:
    """The penetapan as a PDF (A4 portrait). Nothing is fetched while rendering: the stylesheet
    is inline and the fetcher accepts ``data:`` URLs only."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    document = HTML(
        string=render_penetapan_html(unit, period, request),
        base_url=str(TEMPLATE_DIR),
        url_fetcher=URLFetcher(allowed_protocols={"data"}),
    )
    return bytes(document.write_pdf())


def penetapan_filename(unit: Unit, period: Period) -> str:
    return f"penetapan-{unit.pk}-{period.pk}.pdf"
