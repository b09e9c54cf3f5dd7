"""Pages of the period (issue 3 §3): realisasi with evidence and the activity log, and the
evidence download. Feedback and dialog kinerja are in :mod:`kinerja.performance.views_dialogue`.

Every page loads the SKP through :func:`get_skp_for_user` (another unit's SKP is a 404) and any
child record through that SKP. Readers see the pages read-only; refused input re-renders with
what was typed (400), a stale form keeps it too (409).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kinerja.core.forms import refuse
from kinerja.performance import evidence_files
from kinerja.performance import selectors_during as selectors
from kinerja.performance.access import (
    get_evidence_for_user,
    get_skp_for_user,
    is_skp_owner,
)
from kinerja.performance.forms_during import (
    ActivityForm,
    EvidenceFileForm,
    EvidenceLinkForm,
    RealisasiForm,
)
from kinerja.performance.models import (
    Activity,
    Evidence,
    EvidenceKind,
    Iki,
    Period,
    PeriodState,
    Realisasi,
    Skp,
    SkpState,
)
from kinerja.performance.services import during as services
from kinerja.performance.views_indicators import Viewer, figure_context

ACTIVITIES_PER_PAGE = 20


def parse_id(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def _chosen_period(request: HttpRequest, periods: list[Period]) -> Period | None:
    raw = request.GET.get("period")
    if raw:
        chosen = next((p for p in periods if str(p.pk) == raw), None)
        if chosen is None:
            raise Http404
        return chosen
    return selectors.default_period(periods, timezone.localdate())


def _default_day(period: Period | None) -> date | None:
    today = timezone.localdate()
    if period is None or period.starts > today:
        return None
    return min(today, period.ends)


def _realisasi_url(skp: Skp, period: Period | None, anchor: str = "") -> str:
    url = reverse("performance:realisasi", args=[skp.pk])
    if period is not None:
        url += f"?period={period.pk}"
    return url + (f"#{anchor}" if anchor else "")


def _realisasi_page(
    request: HttpRequest,
    skp: Skp,
    periods: list[Period],
    period: Period | None,
    *,
    bound: dict[tuple[str, int], forms.Form] | None = None,
    activity_form: forms.Form | None = None,
    status: int = 200,
) -> HttpResponse:
    owner = is_skp_owner(request.user, skp)
    if period is None:
        problem: str | None = _("SKP ini tidak memiliki periode penilaian periodik.")
    else:
        problem = services.writing_problem(skp, period)
    writable = owner and problem is None
    bound = bound or {}
    groups = []
    viewer: Viewer | None = None
    for rhk, items in selectors.plan_with_realisasi(skp, period):
        rows = []
        for iki, realisasi in items:
            row: dict[str, Any] = {"iki": iki, "realisasi": realisasi}
            if iki.indicator_source:
                # Computed from the complaint records: figure, lineage, contest and override.
                viewer = viewer or Viewer.of(request.user, skp, period)
                row["figure"] = figure_context(viewer, iki, realisasi)
            if writable:
                row.update(_iki_forms(iki, realisasi, bound))
            rows.append(row)
        groups.append((rhk, rows))
    can_log = owner and skp.state == SkpState.APPROVED and period is not None
    can_log = can_log and period is not None and period.state == PeriodState.OPEN
    if can_log and activity_form is None:
        activity_form = ActivityForm(initial={"date": _default_day(period)}, skp=skp)
    activities = Paginator(selectors.activities_in(skp, period), ACTIVITIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "performance/realisasi.html",
        {
            "skp": skp,
            "current": "realisasi",
            "periods": periods,
            "period": period,
            "problem": problem,
            "owner": owner,
            "writable": writable,
            "groups": groups,
            "page_obj": activities,
            "can_log": can_log,
            "activity_form": activity_form if can_log else None,
        },
        status=status,
    )


def _realisasi_form(iki: Iki, *args: Any, **kwargs: Any) -> RealisasiForm:
    """The realisasi form of ``iki``; a linked IKI's number is computed, so only its note."""
    form = RealisasiForm(*args, iki=iki, **kwargs)
    if iki.indicator_source:
        del form.fields["value"]
    return form


def _iki_forms(
    iki: Iki, realisasi: Realisasi | None, bound: dict[tuple[str, int], forms.Form]
) -> dict[str, Any]:
    initial: dict[str, Any] = {"version": 0}
    if realisasi is not None:
        initial = {"version": realisasi.version, "value": realisasi.value, "note": realisasi.note}
    return {
        "form": bound.get(("realisasi", iki.pk))
        or _realisasi_form(iki, initial=initial, prefix=f"r{iki.pk}"),
        "file_form": bound.get(("file", iki.pk)) or EvidenceFileForm(prefix=f"f{iki.pk}"),
        "link_form": bound.get(("link", iki.pk)) or EvidenceLinkForm(prefix=f"l{iki.pk}"),
        "open": any(key[1] == iki.pk for key in bound),
    }


@login_required
@require_http_methods(["GET", "POST"])
def realisasi(request: HttpRequest, skp_id: int) -> HttpResponse:
    """Realisasi per IKI for one periodic period, with evidence, and the activity log."""
    skp = get_skp_for_user(request.user, skp_id)
    periods = selectors.skp_periods(skp)
    period = _chosen_period(request, periods)
    if request.method == "POST":
        if not is_skp_owner(request.user, skp):
            raise PermissionDenied
        if period is None:
            raise Http404
        return _realisasi_post(request, skp, periods, period)
    return _realisasi_page(request, skp, periods, period)


def _realisasi_post(
    request: HttpRequest, skp: Skp, periods: list[Period], period: Period
) -> HttpResponse:
    op = request.POST.get("op", "")
    if op in {"realisasi", "file", "link"}:
        return _iki_post(request, skp, periods, period, op)
    if op == "activity":
        form = ActivityForm(request.POST, skp=skp)
        status = 400
        if form.is_valid():
            try:
                services.log_activity(
                    actor=request.user,
                    skp=skp,
                    date=form.cleaned_data["date"],
                    activity=form.cleaned_data["activity"],
                    output=form.cleaned_data["output"],
                    rhk=form.cleaned_data["rhk"],
                )
            except ValidationError as exc:
                status = refuse(form, exc)
            else:
                messages.success(request, _("Kegiatan dicatat."))
                return redirect(_realisasi_url(skp, period, "kegiatan"))
        return _realisasi_page(request, skp, periods, period, activity_form=form, status=status)
    if op in {"evidence_delete", "activity_delete"}:
        try:
            if op == "evidence_delete":
                evidence = get_object_or_404(
                    Evidence.objects.select_related("realisasi__period"),
                    pk=parse_id(request.POST.get("evidence")),
                    realisasi__skp=skp,
                )
                evidence.realisasi.skp = skp
                services.delete_evidence(actor=request.user, evidence=evidence)
                messages.success(request, _("Bukti dukung dihapus."))
            else:
                activity = get_object_or_404(
                    Activity, pk=parse_id(request.POST.get("activity")), skp=skp
                )
                activity.skp = skp
                services.delete_activity(actor=request.user, activity=activity)
                messages.success(request, _("Kegiatan dihapus."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(_realisasi_url(skp, period))
    raise Http404


def _iki_post(
    request: HttpRequest, skp: Skp, periods: list[Period], period: Period, op: str
) -> HttpResponse:
    """Save a realisasi or add a file or link to it; errors re-render that IKI's form."""
    iki = get_object_or_404(
        Iki.objects.select_related("rhk"), pk=parse_id(request.POST.get("iki")), rhk__skp=skp
    )
    iki.rhk.skp = skp
    form: forms.Form
    if op == "realisasi":
        form = _realisasi_form(iki, request.POST, prefix=f"r{iki.pk}")
    elif op == "file":
        form = EvidenceFileForm(request.POST, request.FILES, prefix=f"f{iki.pk}")
    else:
        form = EvidenceLinkForm(request.POST, prefix=f"l{iki.pk}")
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            if op == "realisasi":
                services.record_realisasi(
                    actor=request.user,
                    iki=iki,
                    period=period,
                    version=data["version"],
                    value=data.get("value"),
                    note=data["note"],
                )
                messages.success(request, _("Realisasi disimpan."))
            elif op == "file":
                services.add_evidence_file(
                    actor=request.user,
                    realisasi=selectors.realisasi_for(iki, period, skp),
                    upload=data["file"],
                    description=data["description"],
                )
                messages.success(request, _("Berkas bukti dukung diunggah."))
            else:
                services.add_evidence_link(
                    actor=request.user,
                    realisasi=selectors.realisasi_for(iki, period, skp),
                    url=data["url"],
                    description=data["description"],
                )
                messages.success(request, _("Tautan bukti dukung ditambahkan."))
        except ValidationError as exc:
            status = refuse(form, exc, lambda: _realisasi_version(iki, period))
        else:
            return redirect(_realisasi_url(skp, period, f"iki-{iki.pk}"))
    return _realisasi_page(request, skp, periods, period, bound={(op, iki.pk): form}, status=status)


def _realisasi_version(iki: Iki, period: Period) -> int:
    return (
        Realisasi.objects.filter(iki=iki, period=period).values_list("version", flat=True).first()
        or 0
    )


@login_required
@require_GET
def evidence_download(request: HttpRequest, evidence_id: int) -> FileResponse:
    """A bukti dukung file, always as an attachment (never rendered by the browser)."""
    evidence = get_evidence_for_user(request.user, evidence_id)
    if evidence.kind != EvidenceKind.FILE or not evidence.file:
        raise Http404
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=evidence_files.clean_name(evidence.original_name),
        content_type=evidence.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
