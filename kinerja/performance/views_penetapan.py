"""Penetapan pages (SE MenPANRB 3/2023; DOMAIN.md §1.4): the units with their organisational
predikat and distribution for a period, with drill-down; one unit's penetapan with its rule, the
live counts as a chart, the clauses passed or broken, the reasons for exceptions and approval;
and the penetapan as a PDF. Reading computes; only a POST writes, through the services.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from kinerja.core.forms import refuse
from kinerja.org.access import get_instansi_for_user
from kinerja.org.models import Unit
from kinerja.performance import charts, scoring
from kinerja.performance.access_penetapan import (
    PenetapanScope,
    get_penetapan_period,
    get_penetapan_unit_for_user,
    penetapan_scope,
)
from kinerja.performance.documents_penetapan import (
    penetapan_filename,
    render_penetapan_pdf,
    stored_check,
)
from kinerja.performance.models import (
    OrgPredikatValue,
    PenetapanState,
    Period,
    PeriodKind,
    PeriodState,
    UnitAssessment,
)
from kinerja.performance.scoring.distribution import keyed_results
from kinerja.performance.selectors_distribution import (
    distribution_rules,
    predikat_counts,
    unevaluated_skp_count,
    unit_rows,
)
from kinerja.performance.services import penetapan as services

PAGE_SIZE = 50
STATE_FILTERS = {
    "none": gettext_lazy("Belum ada predikat unit"),
    "draft": gettext_lazy("Draf"),
    "approved": gettext_lazy("Ditetapkan"),
}
ORG_CHOICES = [("", gettext_lazy("— pilih —")), *OrgPredikatValue.choices]


class PredikatForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    org_predikat = forms.ChoiceField(
        label=gettext_lazy("Predikat kinerja organisasi"), choices=ORG_CHOICES
    )
    basis = forms.CharField(
        label=gettext_lazy("Dasar penetapan"),
        help_text=gettext_lazy("Misalnya hasil evaluasi kinerja unit atau rekomendasi."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "predikat_%s")  # two forms on one page: distinct ids
        super().__init__(*args, **kwargs)


class ReasonsForm(forms.Form):
    """One reason per broken clause of the live check (field ``reason_<clause key>``)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self,
        *args: Any,
        failures: list[tuple[str, scoring.ClauseResult]],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("auto_id", "reasons_%s")
        super().__init__(*args, **kwargs)
        self.keys = [key for key, _result in failures]
        for key, result in failures:
            self.fields[f"reason_{key}"] = forms.CharField(
                label=_("Alasan pengecualian: %(clause)s") % {"clause": result.text},
                help_text=result.message,
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def reasons(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"reason_{key}", "") for key in self.keys}


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _default_period(periods: list[Period]) -> Period | None:
    today = timezone.localdate()
    return next(
        (p for p in periods if p.kind == PeriodKind.PERIODIC and p.starts <= today),
        periods[0] if periods else None,
    )


def _list_units(
    scope: PenetapanScope, instansi_id: int, parent: Unit | None, state: str, period: Period | None
) -> QuerySet[Unit]:
    if parent is not None:
        units = Unit.objects.filter(parent=parent)
    elif scope.whole:
        units = Unit.objects.filter(instansi_id=instansi_id, depth=0)
    else:
        units = Unit.objects.filter(instansi_id=instansi_id, path__in=scope.roots)
    if state in STATE_FILTERS and period is not None:
        assessed = UnitAssessment.objects.filter(unit=OuterRef("pk"), period=period)
        if state == "none":
            units = units.filter(~Exists(assessed))
        else:
            units = units.filter(Exists(assessed.filter(state=state)))
    return units.order_by("path")


@login_required
@require_GET
def penetapan_list(request: HttpRequest) -> HttpResponse:
    """Units with their organisational predikat, penetapan state, evaluated employees against
    approved SKPs, the distribution as a stacked bar and whether the rule holds, for one period.
    BKPSDM, the Inspektorat and the superadmin start at the perangkat daerah; Admin OPD at their
    units; leaders at the units they lead or decide. ``?unit=`` drills down to the children."""
    instansi = get_instansi_for_user(request.user, request.GET.get("instansi"))
    scope = penetapan_scope(request.user, instansi.pk)
    if not scope.reads_any:
        raise PermissionDenied
    periods = list(
        Period.objects.filter(instansi=instansi)
        .select_related("performance_year")
        .order_by("-starts", "kind")
    )
    period = next((p for p in periods if str(p.pk) == request.GET.get("period")), None)
    period = period or _default_period(periods)
    parent = None
    if request.GET.get("unit"):
        parent = Unit.objects.filter(instansi=instansi, pk=_int(request.GET["unit"]) or 0).first()
        if parent is None:
            raise Http404
        if not scope.reads(parent):
            raise PermissionDenied
    state = request.GET.get("state", "")
    page = Paginator(_list_units(scope, instansi.pk, parent, state, period), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    units = list(page)
    summary = None
    rows: list[Any] = []
    if period is not None:
        found = unit_rows([parent, *units] if parent else units, period)
        if parent is not None:
            summary, found = found[0], found[1:]
        rows = [(row, charts.stacked_bar(row.counts)) for row in found]
    trail = list(Unit.objects.ancestors(parent).order_by("path")) if parent else []
    return render(
        request,
        "performance/penetapan_list.html",
        {
            "instansi": instansi,
            "periods": periods,
            "period": period,
            "parent": parent,
            "trail": [(u, scope.reads(u)) for u in trail],
            "summary": summary,
            "summary_bar": charts.stacked_bar(summary.counts) if summary else None,
            "rows": rows,
            "legend": charts.legend(),
            "reads_rules": scope.whole,
            "page_obj": page,
            "state": state,
            "states": STATE_FILTERS.items(),
        },
    )


def _render(
    request: HttpRequest,
    unit: Unit,
    period: Period,
    scope: PenetapanScope,
    *,
    predikat_form: PredikatForm | None = None,
    reasons_form: ReasonsForm | None = None,
    status: int = 200,
) -> HttpResponse:
    assessment = (
        UnitAssessment.objects.filter(unit=unit, period=period)
        .select_related("set_by", "approved_by")
        .first()
    )
    counts = predikat_counts(unit, period)
    rules = distribution_rules(unit.instansi_id)
    live = (
        scoring.check_distribution(assessment.org_predikat, counts, rules) if assessment else None
    )
    approved = assessment is not None and assessment.state == PenetapanState.APPROVED
    shown = stored_check(assessment) if approved and assessment else live
    can_decide = scope.may_decide(unit)
    editable = (
        can_decide
        and period.state != PeriodState.LOCKED
        and (assessment is None or assessment.state == PenetapanState.DRAFT)
    )
    version = assessment.version if assessment else 0
    if editable and predikat_form is None:
        predikat_form = PredikatForm(
            initial={
                "version": version,
                "org_predikat": assessment.org_predikat if assessment else "",
                "basis": assessment.basis if assessment else "",
            }
        )
    keyed = list(keyed_results(shown)) if shown else []
    failures = [(k, r) for k, r in keyed if not r.passed]
    if editable and assessment and reasons_form is None:
        reasons_form = ReasonsForm(
            initial={
                "version": version,
                **{f"reason_{k}": assessment.exceptions.get(k, "") for k, _r in failures},
            },
            failures=failures,
        )
    for refused, shown_form in ((predikat_form, editable), (reasons_form, editable and assessment)):
        # A refusal whose form is no longer offered (approved or locked meanwhile) still says why.
        if refused is not None and refused.errors and not shown_form:
            messages.error(request, " ".join(str(e) for es in refused.errors.values() for e in es))
    rule = rules[scoring.OrgPredikat(assessment.org_predikat)] if assessment else None
    list_url = reverse("performance:penetapan_list")
    shown_counts = {p.value: n for p, n in shown.counts.items()} if approved and shown else counts
    return render(
        request,
        "performance/penetapan.html",
        {
            "unit": unit,
            "period": period,
            "assessment": assessment,
            "approved": approved,
            "check": shown,
            "clauses": [
                {
                    "key": k,
                    "result": r,
                    "reason": assessment.exceptions.get(k, "") if assessment else "",
                }
                for k, r in keyed
            ],
            "counts_changed": approved and assessment is not None and assessment.counts != counts,
            "live_total": sum(counts.values()),
            "chart": charts.bar_chart(shown_counts, rule),
            "table": [
                (
                    label,
                    rule_clause_texts(rules[scoring.OrgPredikat(value)]),
                    bool(assessment and assessment.org_predikat == value),
                )
                for value, label in OrgPredikatValue.choices
            ],
            "unevaluated": unevaluated_skp_count(unit, period),
            "can_decide": can_decide,
            "locked": period.state == PeriodState.LOCKED,
            "predikat_form": predikat_form if editable else None,
            "reasons_form": reasons_form if editable and assessment else None,
            "can_reopen": can_decide and approved and period.state != PeriodState.LOCKED,
            "list_url": f"{list_url}?period={period.pk}&unit={unit.pk}",
        },
        status=status,
    )


def rule_clause_texts(rule: scoring.DistributionRule) -> list[str]:
    return [clause.text() for clause in rule.clauses] or [_("Tidak ada ketentuan.")]


def _current_version(unit: Unit, period: Period) -> int:
    found = (
        UnitAssessment.objects.filter(unit=unit, period=period)
        .values_list("version", flat=True)
        .first()
    )
    return found or 0


@login_required
def penetapan(request: HttpRequest, unit_id: int, period_id: int) -> HttpResponse:
    """One unit's penetapan for one period: read by those in scope; the leader above the unit
    head (or BKPSDM) sets the unit predikat, writes the reasons for exceptions, approves and
    reopens."""
    unit, scope = get_penetapan_unit_for_user(request.user, unit_id)
    period = get_penetapan_period(unit, period_id)
    if request.method != "POST":
        return _render(request, unit, period, scope)
    unit, scope = get_penetapan_unit_for_user(request.user, unit_id, write=True)
    op = request.POST.get("op", "")
    here = redirect("performance:penetapan", unit_id=unit.pk, period_id=period.pk)
    if op == "set":
        return _set_predikat(request, unit, period, scope)
    current = UnitAssessment.objects.filter(unit=unit, period=period).first()
    if current is None or op not in {"reasons", "approve", "reopen"}:
        raise Http404
    if op == "reopen":
        try:
            services.reopen_penetapan(
                actor=request.user, assessment=current, version=_int(request.POST.get("version"))
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Penetapan dibuka kembali."))
        return here
    return _reasons_or_approve(request, unit, period, scope, current, approve=op == "approve")


def _set_predikat(
    request: HttpRequest, unit: Unit, period: Period, scope: PenetapanScope
) -> HttpResponse:
    form = PredikatForm(request.POST)
    if not form.is_valid():
        return _render(request, unit, period, scope, predikat_form=form, status=400)
    try:
        services.set_org_predikat(
            actor=request.user,
            unit=unit,
            period=period,
            org_predikat=form.cleaned_data["org_predikat"],
            basis=form.cleaned_data["basis"],
            version=form.cleaned_data["version"],
        )
    except ValidationError as exc:
        status = refuse(form, exc, _current_version(unit, period), _reason_field(form))
        return _render(request, unit, period, scope, predikat_form=form, status=status)
    messages.success(request, _("Predikat kinerja unit disimpan."))
    return redirect("performance:penetapan", unit_id=unit.pk, period_id=period.pk)


def _reasons_or_approve(
    request: HttpRequest,
    unit: Unit,
    period: Period,
    scope: PenetapanScope,
    current: UnitAssessment,
    *,
    approve: bool,
) -> HttpResponse:
    live = scoring.check_distribution(
        current.org_predikat, predikat_counts(unit, period), distribution_rules(unit.instansi_id)
    )
    failures = [(k, r) for k, r in keyed_results(live) if not r.passed]
    form = ReasonsForm(request.POST, failures=failures)
    if not form.is_valid():
        return _render(request, unit, period, scope, reasons_form=form, status=400)
    approval = None
    try:
        # Saving the reasons and approving succeed or fail together, so a refused approval
        # leaves the version the form carries valid.
        with transaction.atomic():
            version = form.cleaned_data["version"]
            if form.keys or not approve:
                current = services.record_exceptions(
                    actor=request.user,
                    assessment=current,
                    version=version,
                    reasons=form.reasons(),
                )
                version = current.version
            if approve:
                approval = services.approve_penetapan(
                    actor=request.user, assessment=current, version=version
                )
    except ValidationError as exc:
        status = refuse(form, exc, _current_version(unit, period), _reason_field(form))
        return _render(request, unit, period, scope, reasons_form=form, status=status)
    if approval is None:
        messages.success(request, _("Alasan pengecualian disimpan."))
    else:
        messages.success(request, _("Penetapan predikat unit disetujui."))
        if approval.warning:
            messages.warning(request, approval.warning)
    return redirect("performance:penetapan", unit_id=unit.pk, period_id=period.pk)


@login_required
@require_GET
def penetapan_pdf(request: HttpRequest, unit_id: int, period_id: int) -> HttpResponse:
    """The penetapan as a PDF, for anyone who may read it; marked DRAF until approved."""
    unit, _scope = get_penetapan_unit_for_user(request.user, unit_id)
    period = get_penetapan_period(unit, period_id)
    response = HttpResponse(
        render_penetapan_pdf(unit, period, request), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{penetapan_filename(unit, period)}"'
    # The document lists employees' predikat: never keep it in a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


def _reason_field(form: forms.Form) -> Any:
    """Reasons are refused per clause key; the form names their fields ``reason_<key>``."""
    return lambda field: field if field in form.fields else f"reason_{field}"
