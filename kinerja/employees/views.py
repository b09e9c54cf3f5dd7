"""Employee pages: the Beranda, the directory, a profile, and broken reporting lines."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kinerja.accounts.roles import principal_for
from kinerja.employees import selectors
from kinerja.employees.access import can_write_employees, get_employee_for_user
from kinerja.employees.filters import filter_employees
from kinerja.employees.models import Employee
from kinerja.employees.reference import EmployeeStatus
from kinerja.employees.services import record_profile_view
from kinerja.org.access import get_instansi_for_user
from kinerja.org.models import JabatanType

PAGE_SIZE = 25


def _own_employee(request: HttpRequest) -> Employee | None:
    return (
        Employee.objects.with_placement().filter(user_id=request.user.pk).first()
        if request.user.is_authenticated
        else None
    )


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Beranda: my profile summary, my team if I lead one, headcounts if I administer."""
    me = _own_employee(request)
    principal = principal_for(request.user)
    context: dict[str, object] = {"me": me}
    if me is not None:
        context["superiors"] = selectors.superiors_of(me)
        context["team"] = selectors.direct_reports(me)
    if principal.is_admin:
        visible = Employee.objects.visible_to(request.user)
        context["headcount"] = visible.count()
        context["by_status"] = [
            (EmployeeStatus(s).label, n)
            for s, n in visible.values_list("status").annotate(n=Count("pk")).order_by("status")
        ]
        context["by_type"] = [
            (JabatanType(t).label if t else _("Tanpa jabatan"), n)
            for t, n in visible.values_list("current_position__jabatan_type")
            .annotate(n=Count("pk"))
            .order_by("current_position__jabatan_type")
        ]
        if principal.instansi_read or principal.is_superadmin:
            instansi = get_instansi_for_user(request.user)
            context["broken_count"] = len(selectors.broken_chains(instansi.pk))
    return render(request, "employees/home.html", context)


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    """Search and filter the employees the user may see; paginated and exportable."""
    base = Employee.objects.visible_to(request.user).with_placement().order_by("name", "nip")
    filterset, qs = filter_employees(request.GET, base, request)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "employees/directory.html",
        {
            "filterset": filterset,
            "page_obj": page,
            "can_write": can_write_employees(request.user),
        },
    )


@login_required
def profile(request: HttpRequest, employee_id: int) -> HttpResponse:
    """An employee's profile with placement history. Admins' views of others are audited."""
    employee = get_employee_for_user(request.user, employee_id)
    record_profile_view(actor=request.user, employee=employee)
    return render(
        request,
        "employees/profile.html",
        {
            "employee": employee,
            "superiors": selectors.superiors_of(employee),
            "history": selectors.assignment_history(employee),
            "reports": selectors.direct_reports(employee),
        },
    )


@login_required
def broken_chains(request: HttpRequest) -> HttpResponse:
    """Employees whose superior position is vacant with no Plt/Plh: for BKPSDM to fix."""
    principal = principal_for(request.user)
    instansi = get_instansi_for_user(request.user, request.GET.get("instansi"))
    if not principal.reads_instansi(instansi.pk):
        raise PermissionDenied
    rows = selectors.broken_chains(instansi.pk)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "employees/broken_chains.html",
        {
            "instansi": instansi,
            "page_obj": page,
            "total": len(rows),
        },
    )
