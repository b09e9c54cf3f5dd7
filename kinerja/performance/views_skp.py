"""SKP pages: my SKPs, and one SKP with its plan and workflow.

Every change posts to one of two endpoints: ``skp_plan`` for the employee's own drafting and
``skp_decide`` for the assessor. A refused change re-renders the page with what was typed.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.core.forms import refuse
from kinerja.employees.models import Employee
from kinerja.performance.access import get_skp_for_user, is_skp_assessor, is_skp_owner
from kinerja.performance.forms import (
    DetailsForm,
    ExpectationsForm,
    IkiForm,
    ReturnForm,
    RhkForm,
    VersionedForm,
)
from kinerja.performance.models import (
    Berakhlak,
    Iki,
    PerformanceYear,
    PeriodKind,
    PeriodState,
    Rhk,
    RhkKind,
    Skp,
)
from kinerja.performance.models.skp import SkpState
from kinerja.performance.querysets import led_position_ids
from kinerja.performance.selectors_reminders import reminders_for
from kinerja.performance.services import skp as services
from kinerja.performance.services import skp_drafting

BADGES = {
    SkpState.DRAFT: "",
    SkpState.SUBMITTED: "badge-warn",
    SkpState.RETURNED: "badge-danger",
    SkpState.APPROVED: "badge-ok",
}


def _own_employee(request: HttpRequest) -> Employee | None:
    return (
        Employee.objects.filter(user_id=request.user.pk or 0)
        .with_placement()
        .select_related("instansi")
        .first()
    )


@login_required
def skp_list(request: HttpRequest) -> HttpResponse:
    """My SKPs of every year, and the years in which I can start one."""
    employee = _own_employee(request)
    skps: list[Skp] = []
    startable: list[PerformanceYear] = []
    can_copy = False
    if employee is not None:
        skps = list(Skp.objects.filter(employee=employee).with_people())
        planned = {
            s.performance_year_id for s in skps if s.position_id == employee.current_position_id
        }
        startable = [
            year
            for year in PerformanceYear.objects.filter(instansi_id=employee.instansi_id)
            .exclude(periods__kind=PeriodKind.ANNUAL, periods__state=PeriodState.LOCKED)
            .order_by("-year")
            if year.pk not in planned
        ]
        can_copy = bool(skps)
    led = led_position_ids(request.user)
    waiting = (
        Skp.objects.filter(assessor_position_id__in=led, state=SkpState.SUBMITTED).count()
        if led
        else 0
    )
    return render(
        request,
        "performance/skp_list.html",
        {
            "employee": employee,
            "rows": [(s, BADGES[SkpState(s.state)]) for s in skps],
            "startable": startable,
            "can_copy": can_copy,
            "is_leader": bool(led),
            "waiting": waiting,
            "reminders": reminders_for(request.user),
        },
    )


@login_required
@require_POST
def skp_start(request: HttpRequest) -> HttpResponse:
    """Start my SKP for a year, optionally copying last year's plan; all or nothing."""
    employee = _own_employee(request)
    if employee is None:
        raise Http404
    year = get_object_or_404(
        PerformanceYear, pk=_int(request.POST.get("year")), instansi_id=employee.instansi_id
    )
    try:
        with transaction.atomic():
            skp = services.start_skp(actor=request.user, employee=employee, performance_year=year)
            copied = 0
            if request.POST.get("copy"):
                copied = skp_drafting.copy_from_previous(actor=request.user, skp=skp)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("performance:skp_list")
    if copied:
        messages.success(
            request, _("SKP %(year)s dibuat; %(n)s RHK disalin.") % {"year": year.year, "n": copied}
        )
    else:
        messages.success(request, _("SKP %(year)s dibuat.") % {"year": year.year})
    return redirect("performance:skp_detail", skp_id=skp.pk)


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def _load_plan(skp: Skp) -> list[Rhk]:
    return list(
        skp.rhks.select_related("supports").prefetch_related(
            Prefetch("ikis", queryset=Iki.objects.order_by("order", "pk"))
        )
    )


def _panel_form(request: HttpRequest, skp: Skp, leader: Skp | None) -> tuple[str, Any, Any]:
    """The drafting form the page shows, chosen by ``?panel=`` (the RHK form by default)."""
    panel = request.GET.get("panel", "rhk")
    initial = {"version": skp.version}
    if panel == "details":
        return panel, DetailsForm(initial={**initial, **_details(skp)}), None
    if panel == "iki":
        if "iki" in request.GET:
            iki = get_object_or_404(Iki, pk=_int(request.GET["iki"]), rhk__skp=skp)
            values = {f: getattr(iki, f) for f in services.IKI_FIELDS}
            return panel, IkiForm(initial={**initial, **values}, skp=skp), iki
        rhk = get_object_or_404(Rhk, pk=_int(request.GET.get("rhk")), skp=skp)
        return panel, IkiForm(initial=initial, skp=skp), rhk
    if "rhk" in request.GET:
        rhk = get_object_or_404(Rhk, pk=_int(request.GET["rhk"]), skp=skp)
        values = {"kind": rhk.kind, "text": rhk.text, "supports": rhk.supports_id}
        return "rhk", RhkForm(initial={**initial, **values}, skp=skp, leader=leader), rhk
    return "rhk", RhkForm(initial=initial, skp=skp, leader=leader), None


def _details(skp: Skp) -> dict[str, Any]:
    return {name: getattr(skp, name) for name in services.DETAIL_FIELDS}


def _render(
    request: HttpRequest,
    skp: Skp,
    *,
    panel: tuple[str, Any, Any] | None = None,
    decision_form: Any = None,
    expectations_form: Any = None,
    status: int = 200,
) -> HttpResponse:
    owner = is_skp_owner(request.user, skp)
    assessor = is_skp_assessor(request.user, skp)
    leader = services.leader_skp(skp) if not skp.is_jpt else None
    editing = owner and skp.is_editable
    if editing and panel is None:
        panel = _panel_form(request, skp, leader)
    deciding = assessor and skp.state == SkpState.SUBMITTED
    if deciding and decision_form is None:
        decision_form = ReturnForm(initial={"version": skp.version})
    can_expect = assessor and skp.state != SkpState.APPROVED
    expectations = dict(skp.expectations.values_list("value", "text"))
    if can_expect and expectations_form is None:
        expectations_form = ExpectationsForm(initial={"version": skp.version, **expectations})
    rhks = _load_plan(skp)
    return render(
        request,
        "performance/skp_detail.html",
        {
            "skp": skp,
            "badge": BADGES[SkpState(skp.state)],
            "groups": [
                (label, [r for r in rhks if r.kind == kind]) for kind, label in RhkKind.choices
            ],
            "behaviour": [
                (label, expectations.get(value, "")) for value, label in Berakhlak.choices
            ],
            "leader": leader,
            "owner": owner,
            "editing": editing,
            "panel": panel,
            "problems": services.plan_problems(skp) if editing else [],
            "can_copy": editing
            and not rhks
            and skp_drafting.previous_skp(skp.employee, skp.performance_year.year) is not None,
            "deciding": deciding,
            "decision_form": decision_form,
            "expectations_form": expectations_form,
            "version": skp.version,
        },
        status=status,
    )


@login_required
def skp_detail(request: HttpRequest, skp_id: int) -> HttpResponse:
    skp = get_skp_for_user(request.user, skp_id)
    return _render(request, skp)


def _bound(cls: type[forms.Form], request: HttpRequest, **kwargs: Any) -> Any:
    return cls(request.POST, **kwargs)


@login_required
@require_POST
def skp_plan(request: HttpRequest, skp_id: int) -> HttpResponse:
    """The employee's drafting: details, RHK and IKI, copying, submitting."""
    skp = get_skp_for_user(request.user, skp_id, action="edit")
    op = request.POST.get("op", "")
    leader = services.leader_skp(skp) if not skp.is_jpt else None
    target: Any = None
    version_form = _bound(VersionedForm, request)
    version = version_form.cleaned_data["version"] if version_form.is_valid() else None
    if version is None:
        messages.error(request, _("Formulir tidak lengkap; muat ulang halaman."))
        return redirect("performance:skp_detail", skp_id=skp.pk)
    try:
        if op == "details":
            panel_name, form = "details", _bound(DetailsForm, request)
            if form.is_valid():
                fields = {k: form.cleaned_data[k] for k in services.DETAIL_FIELDS}
                services.update_details(actor=request.user, skp=skp, version=version, **fields)
                messages.success(request, _("Rincian SKP disimpan."))
                return redirect("performance:skp_detail", skp_id=skp.pk)
        elif op == "rhk":
            target = _child(skp, Rhk, request.POST.get("rhk"))
            panel_name, form = "rhk", _bound(RhkForm, request, skp=skp, leader=leader)
            if form.is_valid():
                rhk = services.save_rhk(
                    actor=request.user,
                    skp=skp,
                    version=version,
                    kind=form.cleaned_data["kind"],
                    text=form.cleaned_data["text"],
                    supports=form.cleaned_data.get("supports"),
                    rhk=target,
                )
                messages.success(request, _("RHK disimpan. Tambahkan IKI-nya."))
                url = reverse("performance:skp_detail", args=[skp.pk])
                return redirect(f"{url}?panel=iki&rhk={rhk.pk}#panel")
        elif op == "iki":
            target = _child(skp, Iki, request.POST.get("iki"))
            rhk = target.rhk if target else _child(skp, Rhk, request.POST.get("rhk"), True)
            panel_name, form = "iki", _bound(IkiForm, request, skp=skp)
            if form.is_valid():
                services.save_iki(
                    actor=request.user,
                    rhk=rhk,
                    version=version,
                    iki=target,
                    text=form.cleaned_data["text"],
                    aspek=form.cleaned_data.get("aspek", ""),
                    perspektif=form.cleaned_data.get("perspektif", ""),
                    target=form.cleaned_data["target"],
                    unit=form.cleaned_data["unit"],
                    lower_is_better=form.cleaned_data["lower_is_better"],
                    indicator_source=form.cleaned_data["indicator_source"],
                )
                messages.success(request, _("IKI disimpan."))
                return redirect("performance:skp_detail", skp_id=skp.pk)
            target = target or rhk
        elif op in {"rhk_delete", "iki_delete", "copy", "submit"}:
            return _simple(request, skp, op, version)
        else:
            raise Http404
    except ValidationError as exc:
        status = refuse(form, exc, lambda: _version(skp))
        return _render(request, skp, panel=(panel_name, form, target), status=status)
    return _render(request, skp, panel=(panel_name, form, target), status=400)


def _child(skp: Skp, model: type[Any], raw: Any, required: bool = False) -> Any:
    """An RHK or IKI of ``skp`` named in the form, or None; another SKP's is a 404."""
    if not raw:
        if required:
            raise Http404
        return None
    lookup = {"skp": skp} if model is Rhk else {"rhk__skp": skp}
    return get_object_or_404(model, pk=_int(raw), **lookup)


def _simple(request: HttpRequest, skp: Skp, op: str, version: int) -> HttpResponse:
    """Deleting, copying and submitting: no form to re-render, the outcome is a message."""
    try:
        if op == "rhk_delete":
            services.delete_rhk(
                actor=request.user,
                rhk=_child(skp, Rhk, request.POST.get("rhk"), True),
                version=version,
            )
            messages.success(request, _("RHK dihapus."))
        elif op == "iki_delete":
            services.delete_iki(
                actor=request.user,
                iki=_child(skp, Iki, request.POST.get("iki"), True),
                version=version,
            )
            messages.success(request, _("IKI dihapus."))
        elif op == "copy":
            n = skp_drafting.copy_from_previous(actor=request.user, skp=skp)
            messages.success(request, _("%(n)s RHK disalin dari SKP sebelumnya.") % {"n": n})
        else:
            services.submit_skp(actor=request.user, skp=skp, version=version)
            messages.success(request, _("SKP diajukan kepada pejabat penilai."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("performance:skp_detail", skp_id=skp.pk)


@login_required
@require_POST
def skp_decide(request: HttpRequest, skp_id: int) -> HttpResponse:
    """The assessor's side: approve, return with comments, write the expectations."""
    skp = get_skp_for_user(request.user, skp_id, action="decide")
    op = request.POST.get("op", "")
    try:
        if op == "approve":
            form = _bound(VersionedForm, request)
            if form.is_valid():
                services.approve_skp(
                    actor=request.user, skp=skp, version=form.cleaned_data["version"]
                )
                messages.success(request, _("SKP disetujui."))
                return redirect("performance:skp_detail", skp_id=skp.pk)
            return _render(request, skp, status=400)
        if op == "return":
            form = _bound(ReturnForm, request)
            if form.is_valid():
                services.return_skp(
                    actor=request.user,
                    skp=skp,
                    version=form.cleaned_data["version"],
                    comment=form.cleaned_data["comment"],
                )
                messages.success(request, _("SKP dikembalikan kepada pegawai."))
                return redirect("performance:skp_detail", skp_id=skp.pk)
            return _render(request, skp, decision_form=form, status=400)
        if op == "expectations":
            form = _bound(ExpectationsForm, request)
            if form.is_valid():
                services.set_expectations(
                    actor=request.user,
                    skp=skp,
                    version=form.cleaned_data["version"],
                    texts=form.texts(),
                )
                messages.success(request, _("Ekspektasi khusus pimpinan disimpan."))
                return redirect("performance:skp_detail", skp_id=skp.pk)
            return _render(request, skp, expectations_form=form, status=400)
    except ValidationError as exc:
        status = refuse(form, exc, lambda: _version(skp))
        if op == "expectations":
            return _render(request, skp, expectations_form=form, status=status)
        return _render(request, skp, decision_form=form if op == "return" else None, status=status)
    raise Http404


def _version(skp: Skp) -> int:
    skp.refresh_from_db(fields=["version"])
    return skp.version
