"""Performance years and periods: the list for everyone, setup and state changes for BKPSDM."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kinerja.accounts.roles import principal_for
from kinerja.org.access import get_instansi_for_user
from kinerja.performance import services
from kinerja.performance.access import get_period_for_user
from kinerja.performance.models import Cadence, PerformanceYear, Period, PeriodState
from kinerja.performance.services.closing import close_period

ACTION_LABELS: dict[str, Any] = {
    PeriodState.CLOSED: gettext_lazy("Tutup"),
    PeriodState.OPEN: gettext_lazy("Buka kembali"),
    PeriodState.LOCKED: gettext_lazy("Kunci"),
}
BADGES: dict[str, str] = {
    PeriodState.OPEN: "badge-ok",
    PeriodState.CLOSED: "badge-warn",
    PeriodState.LOCKED: "badge-danger",
}


class YearForm(forms.Form):
    """Set up a performance year (Admin BKPSDM, superadmin)."""

    year = forms.IntegerField(label=gettext_lazy("Tahun"), min_value=2000, max_value=2100)
    cadence = forms.ChoiceField(label=gettext_lazy("Evaluasi periodik"), choices=Cadence.choices)
    skp_deadline = forms.DateField(
        label=gettext_lazy("Batas penyampaian SKP"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    evaluation_days = forms.IntegerField(
        label=gettext_lazy("Hari evaluasi setelah periode berakhir"), initial=10, min_value=1
    )


def _instansi(request: HttpRequest) -> Any:
    """The instansi whose periods are shown: one's own; a superadmin may choose another."""
    if principal_for(request.user).is_superadmin:
        return get_instansi_for_user(request.user, request.GET.get("instansi"))
    return get_instansi_for_user(request.user)


def _row(period: Period, can_write: bool) -> dict[str, Any]:
    allowed = services.allowed_transitions(period) if can_write else frozenset()
    return {
        "period": period,
        "badge": BADGES.get(period.state, ""),
        "actions": [(state, label) for state, label in ACTION_LABELS.items() if state in allowed],
    }


@login_required
def periods(request: HttpRequest) -> HttpResponse:
    """The performance years of my instansi with their periods, states and deadlines."""
    instansi = _instansi(request)
    can_write = principal_for(request.user).writes_instansi(instansi.pk)
    form = YearForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        if form.is_valid():
            try:
                created = services.create_year(
                    actor=request.user, instansi=instansi, **form.cleaned_data
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(
                    request, _("Tahun kinerja %(year)s dibuat.") % {"year": created.year}
                )
                return redirect(f"{reverse('performance:periods')}?instansi={instansi.pk}")
        status = 400
    years = PerformanceYear.objects.filter(instansi=instansi).prefetch_related(
        Prefetch("periods", queryset=Period.objects.order_by("-kind", "number"))
    )
    page = Paginator(years.order_by("-year"), 10).get_page(request.GET.get("page"))
    year_rows = [
        {"year": year, "periods": [_row(period, can_write) for period in year.periods.all()]}
        for year in page
    ]
    return render(
        request,
        "performance/periods.html",
        {
            "instansi": instansi,
            "can_write": can_write,
            "form": form,
            "page_obj": page,
            "years": year_rows,
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
@require_POST
def period_state(request: HttpRequest, period_id: int) -> HttpResponse:
    """Close, reopen or lock a period; a refused change leaves it as it was."""
    period = get_period_for_user(request.user, period_id, write=True)
    state = request.POST.get("state", "")
    try:
        if state == PeriodState.CLOSED and period.state == PeriodState.OPEN:
            closed = close_period(actor=request.user, period=period)
        else:
            services.set_period_state(actor=request.user, period=period, state=state)
            closed = None
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Status %(period)s sekarang %(state)s.")
            % {"period": period, "state": PeriodState(state).label},
        )
        if closed is not None:
            messages.info(
                request,
                _(
                    "Rekomendasi dihitung untuk %(skps)s SKP: %(created)s draf evaluasi baru, "
                    "%(refreshed)s draf diperbarui, %(confirmed)s sudah ditetapkan; "
                    "%(failing)s dari %(units)s unit melanggar aturan distribusi."
                )
                % {
                    "skps": closed.skps,
                    "created": closed.created,
                    "refreshed": closed.refreshed,
                    "confirmed": closed.confirmed,
                    "failing": closed.units_failing,
                    "units": closed.units_checked,
                },
            )
    return redirect(f"{reverse('performance:periods')}?instansi={period.instansi_id}")
