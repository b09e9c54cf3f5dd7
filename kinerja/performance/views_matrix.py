"""The Matriks Peran Hasil of a leader (with bulk drafting) and, for HR, who cannot plan yet."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.accounts.roles import principal_for
from kinerja.core.widgets import FastSelect
from kinerja.employees.models import Employee
from kinerja.org.access import get_instansi_for_user
from kinerja.org.models import Instansi, Unit
from kinerja.org.querysets import subtree_q
from kinerja.performance import selectors
from kinerja.performance.models import PerformanceYear, Skp, SkpState
from kinerja.performance.models.skp import EDITABLE_STATES
from kinerja.performance.services import skp_drafting

PAGE_SIZE = 50
RHK_FIELD = "rhk_"

STATE_BADGES: dict[str, str] = {
    SkpState.DRAFT: "badge-warn",
    SkpState.RETURNED: "badge-warn",
    SkpState.SUBMITTED: "",
    SkpState.APPROVED: "badge-ok",
}


def _pick_year(years: list[PerformanceYear], raw: Any) -> PerformanceYear | None:
    """The year asked for; by default this calendar year's, else the latest before it, else the
    latest. ``years`` is sorted newest first."""
    try:
        wanted = int(raw) if raw not in (None, "") else None
    except (TypeError, ValueError):
        wanted = None
    if wanted is not None:
        return next((y for y in years if y.year == wanted), None)
    today = timezone.localdate().year
    return next((y for y in years if y.year <= today), years[0] if years else None)


# --- the Matriks Peran Hasil -----------------------------------------------------------------


def _leads_anyone(me: Employee) -> bool:
    return Employee.objects.filter(current_position__parent_id=me.current_position_id).exists()


def _matrix_state(request: HttpRequest) -> dict[str, Any]:
    """Who I am, the year, my SKP and its matrix, or the ``problem`` that stops the matrix."""
    user = request.user
    me = (
        Employee.objects.with_placement().filter(user_id=user.pk).first()
        if user.is_authenticated
        else None
    )
    state: dict[str, Any] = {"me": me, "years": [], "year": None, "skp": None, "matrix": None}
    if me is None:
        return {**state, "problem": "no_employee"}
    years = list(PerformanceYear.objects.filter(instansi_id=me.instansi_id).order_by("-year"))
    year = _pick_year(years, request.GET.get("year"))
    state.update(years=years, year=year)
    if year is None:
        return {**state, "problem": "no_year", "asked_year": request.GET.get("year", "")}
    if me.current_position_id is None:
        return {**state, "problem": "no_position"}
    skp = (
        Skp.objects.filter(employee=me, performance_year=year, position_id=me.current_position_id)
        .select_related("performance_year", "position", "employee")
        .order_by("-starts")
        .first()
    )
    state["skp"] = skp
    if skp is None or skp.state != SkpState.APPROVED:
        if not _leads_anyone(me):
            return {**state, "problem": "no_team"}
        return {**state, "problem": "no_skp" if skp is None else "not_approved"}
    matrix = selectors.matrix_for(skp)
    state["matrix"] = matrix
    if not matrix.subordinates:
        return {**state, "problem": "no_team"}
    return {**state, "problem": None}


def _parse_assignments(
    post: QueryDict, matrix: selectors.Matrix
) -> tuple[dict[int, list[Employee]], dict[int, set[int]], list[str]]:
    """The leader's RHK id → chosen direct reports, what was ticked (to redraw the form) and
    the errors. Only the leader's RHK and direct reports are accepted, never silently dropped."""
    rhk_ids = {row.rhk.pk for row in matrix.rows}
    reports = {s.employee.pk: s.employee for s in matrix.direct_reports}
    assignments: dict[int, list[Employee]] = {}
    ticked: dict[int, set[int]] = {}
    errors: list[str] = []
    for key in post:
        if not key.startswith(RHK_FIELD):
            continue
        try:
            rhk_id = int(key.removeprefix(RHK_FIELD))
        except ValueError:
            rhk_id = -1
        if rhk_id not in rhk_ids:
            errors.append(_("RHK yang dipilih bukan RHK dari SKP Anda."))
            continue
        chosen: list[Employee] = []
        for raw in post.getlist(key):
            try:
                employee = reports[int(raw)]
            except (KeyError, ValueError):
                errors.append(
                    _("Pegawai yang dipilih bukan bawahan langsung jabatan Anda: %(id)s")
                    % {"id": raw[:20]}
                )
                continue
            if employee not in chosen:
                chosen.append(employee)
        ticked[rhk_id] = {e.pk for e in chosen}
        if chosen:
            assignments[rhk_id] = chosen
    if not assignments and not errors:
        errors.append(_("Centang paling sedikit satu bawahan pada salah satu RHK."))
    return assignments, ticked, errors


def _form_rows(matrix: selectors.Matrix, ticked: dict[int, set[int]]) -> list[dict[str, Any]]:
    """Per leader RHK, one checkbox per direct report with what drafting would do for them."""
    rows = []
    for row in matrix.rows:
        choices = []
        for sub in matrix.direct_reports:
            current = sub.current_skp
            already = current is not None and any(g.skp.pk == current.pk for g in row.groups)
            locked = current is not None and current.state not in EDITABLE_STATES
            choices.append(
                {
                    "sub": sub,
                    "skp": current,
                    "already": already,
                    "locked": locked,
                    "checked": sub.employee.pk in ticked.get(row.rhk.pk, set()),
                }
            )
        rows.append({"rhk": row.rhk, "choices": choices})
    return rows


@login_required
def matrix(request: HttpRequest) -> HttpResponse:
    """My Matriks Peran Hasil: each RHK of my approved SKP and who supports it, with flags; and
    drafting my direct reports' SKPs from it in one go."""
    context = _matrix_state(request)
    problem, skp, the_matrix = context["problem"], context["skp"], context["matrix"]
    ticked: dict[int, set[int]] = {}
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if problem is not None or not the_matrix.direct_reports:
            raise PermissionDenied
        assignments, ticked, errors = _parse_assignments(request.POST, the_matrix)
        if not errors:
            try:
                result = skp_drafting.draft_from_matrix(
                    actor=request.user, leader=skp, assignments=assignments
                )
            except ValidationError as exc:
                errors = list(exc.messages)
            else:
                messages.success(
                    request,
                    _(
                        "Draf dari Matriks Peran Hasil: %(skps)d SKP baru dibuat, "
                        "%(rhks)d RHK ditambahkan."
                    )
                    % {"skps": result.created_skps, "rhks": result.added_rhks},
                )
                if result.skipped:
                    messages.warning(
                        request,
                        _("Dilewati (SKP tidak dapat diubah): %(list)s")
                        % {"list": "; ".join(result.skipped)},
                    )
                return redirect(f"{reverse('performance:matrix')}?year={skp.performance_year.year}")
        status = 400
    if problem is None:
        context["form_rows"] = _form_rows(the_matrix, ticked)
    context["errors"] = errors
    return render(request, "performance/matrix.html", context, status=status)


# --- employees who cannot plan yet -----------------------------------------------------------


class CannotPlanFilter(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("Tahun"), coerce=int, required=False)
    unit = forms.TypedChoiceField(
        label=gettext_lazy("Unit (termasuk di bawahnya)"), coerce=int, required=False
    )

    def __init__(
        self, data: Any, *, years: list[PerformanceYear], units: list[Unit], **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        year_field = cast(forms.TypedChoiceField, self.fields["year"])
        year_field.choices = [(y.year, y.year) for y in years]
        unit_choices = [("", _("Semua unit"))] + [
            (u.pk, f"{'— ' * u.depth}{u.name}") for u in units
        ]
        unit_field = cast(forms.TypedChoiceField, self.fields["unit"])
        unit_field.choices = unit_choices
        unit_field.widget = FastSelect(choices=unit_choices)


def _scope(request: HttpRequest) -> tuple[Instansi, tuple[str, ...] | None]:
    """The instansi and, for an Admin OPD, the unit paths they administer (``None``: all)."""
    principal = principal_for(request.user)
    instansi = get_instansi_for_user(request.user, request.GET.get("instansi"))
    if principal.reads_instansi(instansi.pk):
        return instansi, None
    paths = principal.unit_paths.get(instansi.pk)
    if not paths:
        raise PermissionDenied
    return instansi, paths


def _reason(employee: Any) -> dict[str, Any]:
    state = employee.leader_skp_state
    return {
        "employee": employee,
        "reason": _("SKP atasan belum disetujui") if state else _("Atasan belum membuat SKP"),
        "state": SkpState(state).label if state else "",
        "badge": STATE_BADGES.get(state, "") if state else "badge-danger",
        "vacant": employee.leader_name is None,
    }


@login_required
def cannot_plan(request: HttpRequest) -> HttpResponse:
    """Employees who cannot plan because their atasan's SKP is not approved yet (for BKPSDM,
    the Inspektorat and, for their own units, Admin OPD)."""
    instansi, within = _scope(request)
    years = list(PerformanceYear.objects.filter(instansi=instansi).order_by("-year"))
    units_q = Q(instansi=instansi)
    if within is not None:
        scope = Q(pk__in=[])
        for path in within:
            scope |= subtree_q(path)
        units_q &= scope
    units = list(Unit.objects.filter(units_q).only("pk", "name", "path", "depth", "instansi_id"))
    data = request.GET.copy()
    default = _pick_year(years, None)
    if not data.get("year") and default is not None:
        data["year"] = str(default.year)  # so that the select shows the year listed
    form = CannotPlanFilter(data, years=years, units=units)
    form.is_valid()  # an invalid filter is shown with its error; the valid ones still apply
    cleaned = form.cleaned_data
    year = _pick_year(years, cleaned.get("year"))
    unit = next((u for u in units if u.pk == cleaned.get("unit")), None)
    context: dict[str, Any] = {
        "instansi": instansi,
        "form": form,
        "year": year,
        "unit": unit,
        "scoped": within is not None,
    }
    if year is not None:
        rows_within = [unit.path] if unit is not None else within
        rows = selectors.employees_who_cannot_plan(instansi.pk, year.year, within=rows_within)
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        context.update(page_obj=page, rows=[_reason(e) for e in page])
        if unit is None:
            choosable = {u.pk for u in units}
            context["per_opd"] = [
                {"unit": opd, "count": n, "link": opd is not None and opd.pk in choosable}
                for opd, n in selectors.count_cannot_plan_per_opd(
                    instansi.pk, year.year, within=within
                )
            ]
    return render(request, "performance/cannot_plan.html", context)
