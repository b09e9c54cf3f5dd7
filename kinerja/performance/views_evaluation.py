"""Evaluation pages: the assessor's list for a period, and one evaluation with the system's
recommendation, the ratings form, the predikat matrix and (for the annual one) the periodic
history. Reading computes the recommendation without writing; only a POST saves.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.core.forms import refuse
from kinerja.performance.access import get_skp_for_user, is_skp_assessor, is_skp_owner
from kinerja.performance.models import (
    Berakhlak,
    Evaluation,
    EvaluationState,
    PerformanceYear,
    Period,
    PeriodKind,
    PeriodState,
    RatingValue,
    Skp,
    SkpState,
)
from kinerja.performance.querysets import led_position_ids
from kinerja.performance.selectors_why import matrix
from kinerja.performance.services import evaluation as services
from kinerja.performance.views_objection import objection_context

RATING_CHOICES = [("", gettext_lazy("— pilih —")), *RatingValue.choices]
BADGES = {"1": "badge-ok", "2": "", "3": "badge-warn", "4": "badge-danger", "5": "badge-danger"}


class EvaluationForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    hasil_kerja = forms.ChoiceField(
        label=gettext_lazy("Rating hasil kerja"), choices=RATING_CHOICES, required=False
    )
    override_reason = forms.CharField(
        label=gettext_lazy("Alasan bila berbeda dari rekomendasi"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    perilaku = forms.ChoiceField(
        label=gettext_lazy("Rating perilaku kerja"), choices=RATING_CHOICES, required=False
    )
    notes = forms.CharField(
        label=gettext_lazy("Catatan penilai"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in Berakhlak.choices:
            self.fields[f"value_{value}"] = forms.ChoiceField(
                label=label, choices=RATING_CHOICES, required=False
            )

    def perilaku_values(self) -> dict[str, str]:
        return {v: self.cleaned_data.get(f"value_{v}", "") for v in Berakhlak.values}


class SelfAssessmentForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    self_hasil_kerja = forms.ChoiceField(
        label=gettext_lazy("Hasil kerja menurut saya"), choices=RatingValue.choices
    )
    self_perilaku = forms.ChoiceField(
        label=gettext_lazy("Perilaku kerja menurut saya"), choices=RatingValue.choices
    )
    self_notes = forms.CharField(
        label=gettext_lazy("Catatan"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _period_of(skp: Skp, period_id: Any) -> Period:
    try:
        return Period.objects.get(pk=int(period_id), performance_year_id=skp.performance_year_id)
    except (Period.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def _initial(evaluation: Evaluation | None, recommended: str) -> dict[str, Any]:
    if evaluation is None:
        return {"version": 0, "hasil_kerja": recommended}
    initial = {
        "version": evaluation.version,
        "hasil_kerja": evaluation.hasil_kerja,
        "override_reason": evaluation.override_reason,
        "perilaku": evaluation.perilaku,
        "notes": evaluation.notes,
    }
    initial.update({f"value_{k}": v for k, v in evaluation.perilaku_values.items()})
    return initial


def _history(skp: Skp) -> list[dict[str, Any]]:
    """The periodic evaluations of the SKP's year, shown beside the annual one (not averaged)."""
    found = {
        e.period_id: e
        for e in Evaluation.objects.filter(skp__employee_id=skp.employee_id).filter(
            period__performance_year_id=skp.performance_year_id, period__kind=PeriodKind.PERIODIC
        )
    }
    periods = Period.objects.filter(
        performance_year_id=skp.performance_year_id, kind=PeriodKind.PERIODIC
    ).order_by("number")
    return [{"period": p, "evaluation": found.get(p.pk)} for p in periods]


def _render(
    request: HttpRequest,
    skp: Skp,
    period: Period,
    *,
    form: forms.Form | None = None,
    self_form: forms.Form | None = None,
    status: int = 200,
) -> HttpResponse:
    evaluation = Evaluation.objects.filter(skp=skp, period=period).first()
    config = services.settings_for(skp.instansi_id)
    lines = services.iki_lines(skp, period, config)
    recommendation = services.recommend(lines, config)
    recommended = recommendation.rating.value if recommendation.rating else ""
    assessor = is_skp_assessor(request.user, skp)
    editable = (
        assessor
        and skp.state == SkpState.APPROVED
        and period.state != PeriodState.LOCKED
        and (evaluation is None or evaluation.state == EvaluationState.DRAFT)
    )
    if editable and form is None:
        form = EvaluationForm(initial=_initial(evaluation, recommended))
    owner = is_skp_owner(request.user, skp)
    can_self = (
        owner
        and config.self_assessment
        and evaluation is not None
        and evaluation.state == EvaluationState.DRAFT
    )
    if can_self and self_form is None and evaluation is not None:
        self_form = SelfAssessmentForm(
            initial={
                "version": evaluation.version,
                "self_hasil_kerja": evaluation.self_hasil_kerja,
                "self_perilaku": evaluation.self_perilaku,
                "self_notes": evaluation.self_notes,
            }
        )
    shown = evaluation if evaluation and evaluation.state == EvaluationState.FINAL else None
    return render(
        request,
        "performance/evaluation.html",
        {
            "skp": skp,
            "period": period,
            "title": _("Evaluasi %(period)s") % {"period": period},
            "evaluation": evaluation,
            "lines": lines,
            "recommendation": recommendation,
            "recommended_label": RatingValue(recommended).label if recommended else "",
            "form": form if editable else None,
            "self_form": self_form if can_self else None,
            "can_reopen": assessor
            and evaluation is not None
            and evaluation.state == EvaluationState.FINAL
            and period.state != PeriodState.LOCKED,
            "matrix": matrix(shown.hasil_kerja if shown else "", shown.perilaku if shown else ""),
            "history": _history(skp) if period.kind == PeriodKind.ANNUAL else [],
            "badge": BADGES.get(shown.predikat, "") if shown else "",
            "values": [
                (label, RatingValue(evaluation.perilaku_values[v]).label)
                for v, label in Berakhlak.choices
                if evaluation and evaluation.perilaku_values.get(v)
            ],
            "angka_kredit": services.angka_kredit_of(evaluation) if evaluation else None,
            "months": services.skp_months(skp),
            **objection_context(request.user, evaluation, skp),
        },
        status=status,
    )


@login_required
def evaluation(request: HttpRequest, skp_id: int, period_id: int) -> HttpResponse:
    """One SKP's evaluation for one period: read by those who may read the SKP; the assessor
    rates and confirms; the employee may self-assess first when the instansi uses it."""
    skp = get_skp_for_user(request.user, skp_id)
    period = _period_of(skp, period_id)
    if request.method != "POST":
        return _render(request, skp, period)
    op = request.POST.get("op", "")
    if op == "self":
        return _self_assess(request, skp, period)
    skp = get_skp_for_user(request.user, skp_id, action="decide")
    current = Evaluation.objects.filter(skp=skp, period=period).first()
    if op == "reopen":
        if current is None:
            raise Http404
        try:
            services.reopen_evaluation(
                actor=request.user, evaluation=current, version=_int(request.POST.get("version"))
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Evaluasi dibuka kembali."))
        return redirect("performance:evaluation", skp_id=skp.pk, period_id=period.pk)
    if op not in {"save", "confirm"}:
        raise Http404
    form = EvaluationForm(request.POST)
    if not form.is_valid():
        return _render(request, skp, period, form=form, status=400)
    version = form.cleaned_data["version"]
    try:
        if current is None:
            if version:
                raise services.StaleEvaluation
            current = services.open_evaluation(actor=request.user, skp=skp, period=period)
            version = current.version
        elif version == 0:
            raise services.StaleEvaluation
        services.save_evaluation(
            actor=request.user,
            evaluation=current,
            version=version,
            hasil_kerja=form.cleaned_data["hasil_kerja"],
            perilaku=form.cleaned_data["perilaku"],
            override_reason=form.cleaned_data["override_reason"],
            perilaku_values=form.perilaku_values(),
            notes=form.cleaned_data["notes"],
            confirm=op == "confirm",
        )
    except ValidationError as exc:
        latest = Evaluation.objects.filter(skp=skp, period=period).first()
        status = refuse(form, exc, latest.version if latest else None)
        return _render(request, skp, period, form=form, status=status)
    if op == "confirm":
        messages.success(request, _("Predikat ditetapkan."))
    else:
        messages.success(request, _("Evaluasi disimpan sebagai draf."))
    return redirect("performance:evaluation", skp_id=skp.pk, period_id=period.pk)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _self_assess(request: HttpRequest, skp: Skp, period: Period) -> HttpResponse:
    skp = get_skp_for_user(request.user, skp.pk, action="edit")
    current = get_object_or_404(Evaluation, skp=skp, period=period)
    form = SelfAssessmentForm(request.POST)
    if not form.is_valid():
        return _render(request, skp, period, self_form=form, status=400)
    try:
        services.self_assess(
            actor=request.user,
            evaluation=current,
            version=form.cleaned_data["version"],
            hasil_kerja=form.cleaned_data["self_hasil_kerja"],
            perilaku=form.cleaned_data["self_perilaku"],
            notes=form.cleaned_data["self_notes"],
        )
    except ValidationError as exc:
        current.refresh_from_db()
        status = refuse(form, exc, current.version)
        return _render(request, skp, period, self_form=form, status=status)
    messages.success(request, _("Penilaian diri disimpan."))
    return redirect("performance:evaluation", skp_id=skp.pk, period_id=period.pk)


@login_required
def evaluations(request: HttpRequest) -> HttpResponse:
    """My predikat history, and for an atasan the team's evaluations of one period."""
    mine = list(
        Evaluation.objects.filter(employee__user_id=request.user.pk or 0)
        .select_related("period", "skp")
        .order_by("-period__starts", "-period__kind")
    )
    led = led_position_ids(request.user)
    rows: list[dict[str, Any]] = []
    periods: list[Period] = []
    period = None
    if led:
        years = PerformanceYear.objects.filter(skps__assessor_position_id__in=led).distinct()
        periods = list(
            Period.objects.filter(performance_year__in=years).order_by("-starts", "kind")
        )
        period = next((p for p in periods if str(p.pk) == request.GET.get("period")), None)
        if period is None:
            today = timezone.localdate()
            period = next(
                (p for p in periods if p.kind == PeriodKind.PERIODIC and p.starts <= today),
                periods[0] if periods else None,
            )
    if period is not None:
        skps = (
            Skp.objects.filter(
                assessor_position_id__in=led,
                performance_year_id=period.performance_year_id,
                state=SkpState.APPROVED,
            )
            .filter(Q(starts__lte=period.ends) & Q(ends__gte=period.starts))
            .with_people()
            .order_by("employee__name")
        )
        found = {e.skp_id: e for e in Evaluation.objects.filter(period=period, skp__in=skps)}
        for skp in skps:
            ev = found.get(skp.pk)
            rows.append(
                {
                    "skp": skp,
                    "evaluation": ev,
                    "badge": BADGES.get(ev.predikat, "") if ev and ev.predikat else "",
                    "order": 0 if ev is None else (1 if ev.state == EvaluationState.DRAFT else 2),
                }
            )
        rows.sort(key=lambda r: r["order"])
    return render(
        request,
        "performance/evaluations.html",
        {
            "mine": [(e, BADGES.get(e.predikat, "")) for e in mine],
            "is_leader": bool(led),
            "periods": periods,
            "period": period,
            "rows": rows,
        },
    )
