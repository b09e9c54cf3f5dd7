"""Complaint settings pages of the catalogue: service levels and categories (the holidays and
rules are in :mod:`kinerja.complaints.views_settings`, whose helpers these share)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.complaints import forms_settings as f
from kinerja.complaints.models import Category, Channel, Complaint, SlaPolicy
from kinerja.complaints.services import catalog
from kinerja.complaints.sla import Policies, calendar_for, schedule_of, settings_for
from kinerja.complaints.views_settings import (
    PAGE_SIZE,
    back_to,
    done,
    duration,
    form_version,
    load_row,
    posted_version,
    refuse_removal,
    render_section,
    scope_of,
)
from kinerja.core.forms import refuse

# --- Service levels ------------------------------------------------------------------------


def _policy_args(form: f.PolicyForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "channel": data["channel"],
        "category": data["category"],
        "response_minutes": form.minutes("response"),
        "followup_minutes": form.minutes("followup"),
    }


POLICY_FIELD_FOR = {"response_minutes": "response", "followup_minutes": "followup"}


@login_required
def sla(request: HttpRequest) -> HttpResponse:
    """The effective service level per channel and every policy row; BKPSDM adds one (POST)."""
    scope = scope_of(request)
    calendar = calendar_for(scope.instansi.pk)
    day_minutes = calendar.schedule.day_minutes
    form = f.PolicyForm(instansi_id=scope.instansi.pk, day_minutes=day_minutes)
    status = 200
    if request.method == "POST":
        form = f.PolicyForm(request.POST, instansi_id=scope.instansi.pk, day_minutes=day_minutes)
        status = 400
        if form.is_valid():
            try:
                _policy, recount = catalog.add_policy(
                    actor=request.user, instansi_id=scope.instansi.pk, **_policy_args(form)
                )
            except ValidationError as exc:
                status = refuse(form, exc, field_for=POLICY_FIELD_FOR)
            else:
                done(request, _("Standar waktu layanan ditambahkan."), recount)
                return back_to("settings_sla", scope)
    policies = Policies(scope.instansi.pk, calendar)
    effective = []
    for value, label in Channel.choices:
        limits = policies.limits(value, None)
        effective.append(
            {
                "channel": label,
                "response": duration(limits.response_minutes, day_minutes),
                "followup": duration(limits.followup_minutes, day_minutes),
                "built_in": limits.source == "bawaan",
            }
        )
    rows = (
        SlaPolicy.objects.filter(instansi=scope.instansi)
        .select_related("category")
        .order_by("channel", "category__name", "pk")
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    described = [
        (
            row,
            duration(row.response_minutes, day_minutes),
            duration(row.followup_minutes, day_minutes),
        )
        for row in page
    ]
    return render_section(
        request,
        "sla.html",
        scope,
        "sla",
        status=status,
        form=form,
        effective=effective,
        page_obj=page,
        rows=described,
        day=duration(day_minutes, 0),
    )


@login_required
def sla_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """One service level: readers see it, BKPSDM changes it."""
    policy, scope = load_row(request, SlaPolicy, pk)
    day_minutes = schedule_of(settings_for(scope.instansi.pk)).day_minutes
    initial = {
        "channel": policy.channel,
        "category": policy.category_id,
        **f.PolicyForm.initial_for(policy.response_minutes, policy.followup_minutes, day_minutes),
    }
    form = f.PolicyForm(instansi_id=scope.instansi.pk, day_minutes=day_minutes, initial=initial)
    status = 200
    if request.method == "POST":
        form = f.PolicyForm(
            request.POST, instansi_id=scope.instansi.pk, day_minutes=day_minutes, initial=initial
        )
        status = 400
        if form.is_valid():
            try:
                _policy, recount = catalog.change_policy(
                    actor=request.user,
                    policy=policy,
                    version=posted_version(request),
                    **_policy_args(form),
                )
            except ValidationError as exc:
                status = refuse(form, exc, field_for=POLICY_FIELD_FOR)
            else:
                done(request, _("Standar waktu layanan disimpan."), recount)
                return back_to("settings_sla", scope)
    return render_section(
        request, "sla_edit.html", scope, "sla", status=status, form=form, policy=policy,
        day=duration(day_minutes, 0), version=form_version(request, policy, status),
    )  # fmt: skip


@login_required
@require_POST
def sla_delete(request: HttpRequest, pk: int) -> HttpResponse:
    policy, scope = load_row(request, SlaPolicy, pk)
    try:
        recount = catalog.delete_policy(
            actor=request.user, policy=policy, version=posted_version(request)
        )
    except ValidationError as exc:
        refuse_removal(request, exc)
        return back_to("settings_sla_edit", scope, policy.pk)
    done(request, _("Standar waktu layanan dihapus."), recount)
    return back_to("settings_sla", scope)


# --- Categories ----------------------------------------------------------------------------


def _category_args(form: f.CategoryForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {name: data[name] for name in ("code", "name", "default_unit", "active")}


@login_required
def categories(request: HttpRequest) -> HttpResponse:
    """Complaint categories, filtered and paginated; BKPSDM adds one (POST)."""
    scope = scope_of(request)
    form = f.CategoryForm(instansi_id=scope.instansi.pk, initial={"active": True})
    status = 200
    if request.method == "POST":
        form = f.CategoryForm(request.POST, instansi_id=scope.instansi.pk)
        status = 400
        if form.is_valid():
            try:
                catalog.add_category(
                    actor=request.user, instansi_id=scope.instansi.pk, **_category_args(form)
                )
            except ValidationError as exc:
                status = refuse(form, exc)
            else:
                done(request, _("Kategori ditambahkan."))
                return back_to("settings_categories", scope)
    filters = f.CategoryFilter(request.GET)
    rows = Category.objects.filter(instansi=scope.instansi)
    if filters.is_valid():
        text = filters.cleaned_data["q"].strip()
        if text:
            rows = rows.filter(Q(name__icontains=text) | Q(code__icontains=text))
        if filters.cleaned_data["active"]:
            rows = rows.filter(active=filters.cleaned_data["active"] == "1")
    rows = (
        rows.select_related("default_unit")
        .annotate(
            used_by_complaints=Exists(Complaint.objects.filter(category_id=OuterRef("pk"))),
            used_by_policies=Exists(SlaPolicy.objects.filter(category_id=OuterRef("pk"))),
        )
        .order_by("name", "pk")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render_section(
        request,
        "categories.html",
        scope,
        "categories",
        status=status,
        form=form,
        filters=filters,
        page_obj=page,
    )


@login_required
def category_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """One category: readers see it, BKPSDM changes it (deactivates rather than deletes)."""
    category, scope = load_row(request, Category, pk)
    initial = {
        "code": category.code,
        "name": category.name,
        "default_unit": category.default_unit_id,
        "active": category.active,
    }
    form = f.CategoryForm(initial=initial, instansi_id=scope.instansi.pk)
    status = 200
    if request.method == "POST":
        form = f.CategoryForm(request.POST, initial=initial, instansi_id=scope.instansi.pk)
        status = 400
        if form.is_valid():
            try:
                catalog.change_category(
                    actor=request.user,
                    category=category,
                    version=posted_version(request),
                    **_category_args(form),
                )
            except ValidationError as exc:
                status = refuse(form, exc)
            else:
                done(request, _("Kategori disimpan."))
                return back_to("settings_categories", scope)
    used = (
        Complaint.objects.filter(category_id=category.pk).exists()
        or SlaPolicy.objects.filter(category_id=category.pk).exists()
    )
    return render_section(
        request, "category_edit.html", scope, "categories", status=status, form=form,
        category=category, used=used, version=form_version(request, category, status),
    )  # fmt: skip


@login_required
@require_POST
def category_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete an unused category; a used one stays (with a message to deactivate it)."""
    category, scope = load_row(request, Category, pk)
    try:
        catalog.delete_category(
            actor=request.user, category=category, version=posted_version(request)
        )
    except ValidationError as exc:
        refuse_removal(request, exc)
        return back_to("settings_category_edit", scope, category.pk)
    done(request, _("Kategori dihapus."))
    return back_to("settings_categories", scope)
