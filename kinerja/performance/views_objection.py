"""Keberatan pages: my objections and those I must decide, one objection with its decision form,
and filing from the evaluation page (through ``performance/partials/evaluation_links.html``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kinerja.accounts.roles import principal_for
from kinerja.performance.access import (
    get_evaluation_for_user,
    get_objection_for_user,
    is_objection_decider,
    is_skp_owner,
)
from kinerja.performance.models import (
    Evaluation,
    EvaluationState,
    Objection,
    ObjectionState,
    PredikatValue,
    RatingValue,
    Skp,
)
from kinerja.performance.querysets import held_position_ids
from kinerja.performance.services import objection as services

PER_PAGE = 25
KEEP = [("", gettext_lazy("— tetap —")), *RatingValue.choices]
BADGES: dict[str, str] = {ObjectionState.FILED: "badge-warn", ObjectionState.GRANTED: "badge-ok"}


class ObjectionForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Alasan keberatan"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Jelaskan bagian penilaian yang Anda anggap tidak tepat dan alasannya."
        ),
    )


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    decision = forms.ChoiceField(
        label=gettext_lazy("Keputusan"),
        choices=[
            ("grant", gettext_lazy("Kabulkan: ubah rating")),
            ("reject", gettext_lazy("Tolak: rating dan predikat tetap")),
        ],
        widget=forms.RadioSelect,
    )
    hasil_kerja = forms.ChoiceField(
        label=gettext_lazy("Rating hasil kerja baru"), choices=KEEP, required=False
    )
    perilaku = forms.ChoiceField(
        label=gettext_lazy("Rating perilaku kerja baru"), choices=KEEP, required=False
    )
    decision_reason = forms.CharField(
        label=gettext_lazy("Pertimbangan keputusan"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def objection_context(
    user: Any, evaluation: Evaluation | None, skp: Skp | None = None
) -> dict[str, Any]:
    """What ``performance/partials/evaluation_links.html`` needs beside ``evaluation``: the
    objections of this evaluation, whether the user may object now, and the deadline. Pass the
    already loaded ``skp`` (with its employee) to save the queries of loading it again."""
    if evaluation is None or evaluation.pk is None:
        return {"objections": [], "can_object": False}
    found = list(
        Objection.objects.filter(evaluation=evaluation).select_related("decided_by").order_by("pk")
    )
    deadline = services.objection_deadline(evaluation)
    owner = is_skp_owner(user, skp or evaluation.skp)
    open_one = next((o for o in found if o.state == ObjectionState.FILED), None)
    late = deadline is not None and timezone.localdate() > deadline
    return {
        "objections": found,
        "objection_open": open_one,
        "objection_deadline": deadline,
        "objection_late": late,
        "is_evaluated_employee": owner,
        "can_object": owner
        and evaluation.state == EvaluationState.FINAL
        and open_one is None
        and not late,
        "objection_form": ObjectionForm(),
    }


def _render_file(
    request: HttpRequest, evaluation: Evaluation, form: ObjectionForm, status: int
) -> HttpResponse:
    return render(
        request,
        "performance/objection_file.html",
        {
            "evaluation": evaluation,
            "skp": evaluation.skp,
            "objection_form": form,
            "deadline": services.objection_deadline(evaluation),
        },
        status=status,
    )


@login_required
@require_POST
def objection_file(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """The evaluated employee files a keberatan; refusals come back with the text kept."""
    evaluation = get_evaluation_for_user(request.user, evaluation_id, action="object")
    form = ObjectionForm(request.POST)
    if not form.is_valid():
        return _render_file(request, evaluation, form, 400)
    try:
        objection = services.file_objection(
            actor=request.user, evaluation=evaluation, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        _add_errors(form, exc)
        return _render_file(request, evaluation, form, 400)
    messages.success(request, _("Keberatan diajukan; atasan pejabat penilai akan memutusnya."))
    return redirect("performance:objection", objection_id=objection.pk)


def _add_errors(form: forms.Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _render_objection(
    request: HttpRequest,
    objection: Objection,
    form: DecisionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    evaluation = objection.evaluation
    decider = is_objection_decider(request.user, objection) and (
        objection.filed_by_id != request.user.pk
    )
    if decider and objection.state == ObjectionState.FILED and form is None:
        form = DecisionForm(initial={"version": objection.version})
    return render(
        request,
        "performance/objection.html",
        {
            "objection": objection,
            "evaluation": evaluation,
            # A refused form is shown even once decided elsewhere, so the typed text is kept.
            "form": form if decider else None,
            "badge": BADGES.get(objection.state, ""),
            "before": _labels(objection.before),
            "after": _labels(objection.after),
            "decider_label": objection.decider_position.name
            if objection.decider_position
            else _("Admin BKPSDM"),
        },
        status=status,
    )


def _labels(snapshot: dict[str, str]) -> dict[str, str]:
    out = {}
    for name, choices in (
        ("hasil_kerja", RatingValue),
        ("perilaku", RatingValue),
        ("predikat", PredikatValue),
    ):
        value = (snapshot or {}).get(name, "")
        out[name] = str(choices(value).label) if value in choices.values else "—"
    return out


@login_required
def objection(request: HttpRequest, objection_id: int) -> HttpResponse:
    """One keberatan: read by those who may read the SKP; the decider grants or rejects it."""
    found = get_objection_for_user(request.user, objection_id)
    if request.method != "POST":
        return _render_objection(request, found)
    found = get_objection_for_user(request.user, objection_id, action="decide")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _render_objection(request, found, form, 400)
    data = form.cleaned_data
    try:
        services.decide_objection(
            actor=request.user,
            objection=found,
            version=data["version"],
            grant=data["decision"] == "grant",
            decision_reason=data["decision_reason"],
            hasil_kerja=data["hasil_kerja"] or None,
            perilaku=data["perilaku"] or None,
        )
    except services.StaleObjection as exc:
        found.refresh_from_db()
        form.data = {**request.POST.dict(), "version": str(found.version)}
        form.add_error(None, exc.messages)
        return _render_objection(request, found, form, 409)
    except ValidationError as exc:
        _add_errors(form, exc)
        found.refresh_from_db()
        return _render_objection(request, found, form, 400)
    messages.success(request, _("Keputusan atas keberatan disimpan."))
    return redirect("performance:objection", objection_id=found.pk)


def _to_decide_q(user: Any) -> Q:
    principal = principal_for(user)
    q = Q(decider_position_id__in=held_position_ids(user))
    if principal.is_superadmin:
        q |= Q(decider_position__isnull=True)
    elif principal.instansi_write:
        q |= Q(decider_position__isnull=True, instansi_id__in=sorted(principal.instansi_write))
    return q & ~Q(filed_by_id=user.pk)


@login_required
def objections(request: HttpRequest) -> HttpResponse:
    """My keberatan, and those I must decide (open ones first), with states and deadlines."""
    related = ("evaluation__period", "evaluation__employee", "decider_position")
    mine = (
        Objection.objects.filter(filed_by_id=request.user.pk)
        .select_related(*related)
        .order_by("-filed_at", "-pk")
    )
    to_decide = (
        Objection.objects.filter(_to_decide_q(request.user))
        .select_related(*related)
        .annotate(
            open_first=Case(
                When(state=ObjectionState.FILED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("open_first", "filed_at", "pk")
    )
    return render(
        request,
        "performance/objections.html",
        {
            "mine": Paginator(mine, PER_PAGE).get_page(request.GET.get("mine")),
            "page_obj": Paginator(to_decide, PER_PAGE).get_page(request.GET.get("page")),
        },
    )
