"""BKPSDM's settings of complaint handling under /aduan/pengaturan/ (issue 4 §3, §4).

Readable by those who read complaints instansi-wide (the ULAS verifiers, BKPSDM, the
Inspektorat, the superadmin); written only by BKPSDM and the superadmin. Another instansi's
settings are never shown: its objects are 404, and a list page shows the user's own instansi
(a superadmin picks one with ``?instansi=``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.accounts.roles import principal_for
from kinerja.complaints import forms_settings as f
from kinerja.complaints.access import require_settings_writer
from kinerja.complaints.holidays import COMPLETE_YEARS, built_in_for
from kinerja.complaints.models import Category, Holiday, SlaPolicy
from kinerja.complaints.services import calendar as services
from kinerja.complaints.sla import schedule_of, settings_for
from kinerja.complaints.worktime import WEEKDAY_NAMES, Schedule, WorkCalendar
from kinerja.core.forms import refuse
from kinerja.org.access import get_instansi_for_user
from kinerja.org.models import Instansi

PAGE_SIZE = 25


@dataclass(frozen=True)
class Scope:
    """The instansi whose settings a page shows, and whether the user may change them."""

    instansi: Instansi
    can_write: bool

    @property
    def query(self) -> str:
        return f"?instansi={self.instansi.pk}"


def scope_of(request: HttpRequest, instansi: Instansi | None = None) -> Scope:
    """403 for anyone who does not read complaints instansi-wide; 403 for a reader's POST."""
    if instansi is None:
        instansi = get_instansi_for_user(request.user, request.GET.get("instansi"))
    principal = principal_for(request.user)
    if not (principal.reads_instansi(instansi.pk) or principal.verifies_complaints(instansi.pk)):
        raise PermissionDenied
    if request.method == "POST":
        require_settings_writer(request.user, instansi.pk)
    return Scope(instansi, principal.writes_instansi(instansi.pk))


def load_row(request: HttpRequest, model: Any, pk: int) -> tuple[Any, Scope]:
    """One settings row by id: 404 unless it belongs to an instansi the user may see."""
    if not 0 < pk < 2**63:
        raise Http404
    found = model.objects.select_related("instansi").filter(pk=pk).first()
    if found is None or not principal_for(request.user).belongs_to(found.instansi_id):
        raise Http404
    return found, scope_of(request, found.instansi)


def back_to(name: str, scope: Scope, *args: Any) -> HttpResponse:
    return redirect(reverse(f"complaints:{name}", args=args) + scope.query)


def posted_version(request: HttpRequest) -> int | None:
    """The version of the row a change or removal was drawn from (None: none or not a number,
    which the service refuses as stale)."""
    raw = request.POST.get("version", "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else None


def form_version(request: HttpRequest, row: Any, status: int) -> int:
    """The version a re-drawn edit form carries: the stored one after a stale save (so that a
    second save goes through), else the one the form was drawn from."""
    if status == 409:
        stored = type(row).objects.filter(pk=row.pk).values_list("version", flat=True).first()
        return stored or row.version
    if request.method == "POST":
        return posted_version(request) or row.version
    return row.version


def refuse_removal(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def duration(minutes: int, day_minutes: int) -> str:
    """Working time in words: "1 hari kerja (7 jam 30 menit)", "4 jam 30 menit"."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(_("%(h)d jam") % {"h": hours})
    if rest or not hours:
        parts.append(_("%(m)d menit") % {"m": rest})
    clock = " ".join(parts)
    if day_minutes and minutes % day_minutes == 0:
        return _("%(d)d hari kerja (%(clock)s)") % {"d": minutes // day_minutes, "clock": clock}
    return clock


def done(request: HttpRequest, text: str, recount: services.Recount | None = None) -> None:
    messages.success(request, f"{text} {recount.message() if recount else ''}".strip())


def render_section(
    request: HttpRequest, template: str, scope: Scope, section: str, **ctx: Any
) -> Any:
    status = ctx.pop("status", 200)
    context = {
        "scope": scope,
        "instansi": scope.instansi,
        "section": section,
        "current_year": timezone.localdate().year,
        **ctx,
    }
    return render(request, f"complaints/settings/{template}", context, status=status)


# --- Overview ------------------------------------------------------------------------------


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """What is set for the instansi, with a link to each settings page."""
    scope = scope_of(request)
    found = settings_for(scope.instansi.pk)
    schedule = schedule_of(found)
    year = timezone.localdate().year
    holidays = Holiday.objects.filter(instansi=scope.instansi).aggregate(
        this=Count("pk", filter=Q(date__year=year)),
        next=Count("pk", filter=Q(date__year=year + 1)),
    )
    categories = Category.objects.filter(instansi=scope.instansi).aggregate(
        total=Count("pk"), active=Count("pk", filter=Q(active=True))
    )
    principal = principal_for(request.user)
    return render_section(
        request,
        "overview.html",
        scope,
        "overview",
        settings=found,
        year=year,
        holidays=holidays,
        categories=categories,
        policies=SlaPolicy.objects.filter(instansi=scope.instansi).count(),
        weekly=duration(schedule.weekly_minutes, 0),
        day=duration(schedule.day_minutes, 0),
        at_risk=int(found.at_risk_share * 100),
        choices=Instansi.objects.order_by("name") if principal.is_superadmin else None,
    )


# --- Holidays ------------------------------------------------------------------------------


def _check_year(year: int) -> None:
    if not services.FIRST_YEAR <= year <= services.LAST_YEAR:
        raise Http404


def _working_days(schedule: Schedule, days: list[date], year: int) -> int:
    calendar = WorkCalendar(schedule, days, ZoneInfo(settings.TIME_ZONE))
    start = date(year, 1, 1).toordinal()
    end = date(year + 1, 1, 1).toordinal()
    return sum(1 for n in range(start, end) if calendar.is_working_day(date.fromordinal(n)))


@login_required
def holidays(request: HttpRequest, year: int) -> HttpResponse:
    """The holiday calendar of one year; BKPSDM adds a day (POST) or loads the national list."""
    _check_year(year)
    scope = scope_of(request)
    form = f.HolidayForm(year=year, initial={"kind": "nasional"})
    status = 200
    if request.method == "POST":
        form = f.HolidayForm(request.POST, year=year)
        status = 400
        if form.is_valid():
            try:
                _holiday, recount = services.add_holiday(
                    actor=request.user,
                    instansi_id=scope.instansi.pk,
                    year=year,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                status = refuse(form, exc)
            else:
                done(request, _("Hari libur ditambahkan."), recount)
                return back_to("settings_holidays", scope, year)
    rows = list(Holiday.objects.filter(instansi=scope.instansi, date__year=year).order_by("date"))
    present = {row.date for row in rows}
    built_in = built_in_for(year)
    schedule = schedule_of(settings_for(scope.instansi.pk))
    return render_section(
        request,
        "holidays.html",
        scope,
        "holidays",
        status=status,
        year=year,
        rows=rows,
        form=form,
        built_in=len(built_in),
        missing=sum(1 for row in built_in if row.date not in present),
        complete=year in COMPLETE_YEARS,
        working_days=_working_days(schedule, [r.date for r in rows], year),
        previous=year - 1 if year > services.FIRST_YEAR else None,
        next=year + 1 if year < services.LAST_YEAR else None,
    )


@login_required
@require_POST
def holidays_load(request: HttpRequest, year: int) -> HttpResponse:
    """Add the built-in national holidays and cuti bersama of the year that are not there yet."""
    _check_year(year)
    scope = scope_of(request)
    try:
        added, recount = services.load_national_holidays(
            actor=request.user, instansi_id=scope.instansi.pk, year=year
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        done(request, _("%(n)d hari libur ditambahkan dari daftar bawaan.") % {"n": added}, recount)
    return back_to("settings_holidays", scope, year)


@login_required
def holiday_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """One day off: readers see it, BKPSDM changes it (within its year)."""
    holiday, scope = load_row(request, Holiday, pk)
    year = holiday.date.year
    initial = {"date": holiday.date, "name": holiday.name, "kind": holiday.kind}
    form = f.HolidayForm(initial=initial, year=year)
    status = 200
    if request.method == "POST":
        form = f.HolidayForm(request.POST, initial=initial, year=year)
        status = 400
        if form.is_valid():
            try:
                _holiday, recount = services.change_holiday(
                    actor=request.user,
                    holiday=holiday,
                    version=posted_version(request),
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                status = refuse(form, exc)
            else:
                done(request, _("Hari libur disimpan."), recount)
                return back_to("settings_holidays", scope, year)
    return render_section(
        request, "holiday_edit.html", scope, "holidays", status=status, holiday=holiday,
        form=form, year=year, version=form_version(request, holiday, status),
    )  # fmt: skip


@login_required
@require_POST
def holiday_delete(request: HttpRequest, pk: int) -> HttpResponse:
    holiday, scope = load_row(request, Holiday, pk)
    year = holiday.date.year
    try:
        recount = services.delete_holiday(
            actor=request.user, holiday=holiday, version=posted_version(request)
        )
    except ValidationError as exc:
        refuse_removal(request, exc)
        return back_to("settings_holiday_edit", scope, holiday.pk)
    done(request, _("Hari libur dihapus."), recount)
    return back_to("settings_holidays", scope, year)


# --- Work schedule and rules ---------------------------------------------------------------


def _rules_initial(found: Any) -> dict[str, Any]:
    initial: dict[str, Any] = {
        f"schedule_{day}": found.schedule.get(str(day), "") for day in range(7)
    }
    initial.update(
        version=found.version,
        at_risk_percent=int(found.at_risk_share * 100),
        reopen_days=found.reopen_days,
        low_rating=found.low_rating,
        **{name: getattr(found, name) for name in f.RulesForm.SWITCHES},
    )
    return initial


@login_required
def rules(request: HttpRequest) -> HttpResponse:
    """The work schedule and the rules of complaint handling, saved with optimistic locking."""
    scope = scope_of(request)
    found = settings_for(scope.instansi.pk)
    form = f.RulesForm(initial=_rules_initial(found))
    status = 200
    if request.method == "POST":
        form = f.RulesForm(request.POST, initial=_rules_initial(found))
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                _saved, recount = services.update_settings(
                    actor=request.user,
                    instansi_id=scope.instansi.pk,
                    version=data["version"],
                    schedule=form.schedule(),
                    at_risk_share=form.at_risk_share(),
                    reopen_days=data["reopen_days"],
                    low_rating=data["low_rating"],
                    **{name: data[name] for name in f.RulesForm.SWITCHES},
                )
            except ValidationError as exc:
                status = refuse(form, exc)
                if status == 409:
                    found.refresh_from_db()
                    form.data = {**dict(form.data.items()), "version": str(found.version)}
            else:
                done(request, _("Jam kerja dan aturan disimpan."), recount)
                return back_to("settings_rules", scope)
    schedule = schedule_of(found)
    spec = schedule.to_spec()
    days = [
        (WEEKDAY_NAMES[day], spec[day], duration(schedule.minutes_on(day), 0) if spec[day] else "")
        for day in range(7)
    ]
    return render_section(
        request,
        "rules.html",
        scope,
        "rules",
        status=status,
        form=form,
        settings=found,
        days=days,
        weekly=duration(schedule.weekly_minutes, 0),
        day=duration(schedule.day_minutes, 0),
    )
