"""Complaint staff pages: the inbox and its export, the overdue lists, and staff entry."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.roles import principal_for
from kinerja.complaints import selectors
from kinerja.complaints.exporting import CONTENT_TYPES, export_complaints
from kinerja.complaints.filters import ComplaintFilterSet, filter_complaints
from kinerja.complaints.forms_staff import EntryForm, entry_instansi_of
from kinerja.complaints.models import Complaint
from kinerja.complaints.querysets import complaint_scope_q
from kinerja.complaints.services.intake import Intake, file_complaint
from kinerja.complaints.services.overdue import digest_of
from kinerja.core.forms import refuse
from kinerja.core.spreadsheets import Format
from kinerja.employees.models import Employee

PAGE_SIZE = 50
#: The session key holding the complaint just entered, shown once on the next entry form.
ENTERED = "complaints_entered"


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The complaints the user may read: filterable, with per-status counts, 50 a page."""
    book = selectors.SlaBook()
    base = selectors.inbox_queryset(request.user)
    filterset, queryset = filter_complaints(request.GET, base, request, book)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = book.decorate(page.object_list)
    counts = selectors.status_counts(filterset.qs_without("status"))
    return render(
        request,
        "complaints/staff/inbox.html",
        {
            "filterset": filterset,
            "page_obj": page,
            "counts": counts,
            "all_count": sum(n for _value, _label, n in counts),
            "mine": request.GET.get("mine") == "true",
            "can_enter": bool(selectors.entry_instansi(request.user)),
            "officer_name": _officer_name(request.user, filterset),
        },
    )


def _officer_name(user: Any, filterset: ComplaintFilterSet) -> str:
    """The name of the officer the list is narrowed to, if the user may read them."""
    officer_id = getattr(filterset.form, "cleaned_data", {}).get("officer")
    if not officer_id:
        return ""
    found = Employee.objects.visible_to(user).filter(pk=int(officer_id)).first()
    return found.full_name if found else ""


@login_required
def export(request: HttpRequest) -> FileResponse:
    """The filtered inbox as CSV or XLSX; the complainant's data is always masked."""
    fmt: Format = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    params = request.GET.copy()
    for name in ("format", "page"):
        params.pop(name, None)
    book = selectors.SlaBook()
    _filterset, queryset = filter_complaints(
        params, Complaint.objects.filter(complaint_scope_q(request.user)), request, book
    )
    handle, filename = export_complaints(
        actor=request.user, queryset=queryset.order_by("-received_at", "-id"), fmt=fmt,
        filters={k: str(v) for k, v in params.items() if v},
        instansi_id=principal_for(request.user).home_instansi_id, book=book,
    )  # fmt: skip
    return FileResponse(
        handle, as_attachment=True, filename=filename, content_type=CONTENT_TYPES[fmt]
    )


@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    """Today's late and at-risk complaints in the user's scope, per OPD and per officer; the
    list below can be narrowed to one OPD or one officer."""
    digest = digest_of(Complaint.objects.filter(complaint_scope_q(request.user)))
    items = digest.items
    chosen = ""
    unit, officer = request.GET.get("unit", ""), request.GET.get("officer", "")
    if unit.isdigit():
        items = [i for i in items if i.complaint.unit_id == int(unit)]
        chosen = next((g.label for g in digest.by_unit if g.key == int(unit)), "")
    elif unit == "none":
        items = [i for i in items if i.complaint.unit_id is None]
        chosen = _("Belum diteruskan ke OPD")
    elif officer.isdigit():
        items = [i for i in items if i.complaint.officer_id == int(officer)]
        chosen = next((g.label for g in digest.by_officer if g.key == int(officer)), "")
    elif officer == "none":
        items = [i for i in items if i.complaint.officer_id is None]
        chosen = _("Belum ada petugas")
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "complaints/staff/overdue.html",
        {
            "digest": digest,
            "page_obj": page,
            "chosen": chosen,
        },
    )


def _entry_form(request: HttpRequest, instansi: list, data: object = None) -> EntryForm:
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    return EntryForm(
        data,
        instansi=instansi,
        categories=selectors.filter_categories(request.user).filter(
            active=True, instansi_id__in=[i.pk for i in instansi]
        ),
        now_text=now,
    )


@login_required
def entry(request: HttpRequest) -> HttpResponse:
    """A complaint received by phone, at the counter, by e-mail, social media or WhatsApp,
    typed in by a verifier or an OPD's complaint admin / Admin OPD (others 403).

    It starts as *baru*, like a complaint from the public form, and the verifier routes it;
    the tracking code is shown once, to be read out to the citizen.
    """
    instansi = selectors.entry_instansi(request.user)
    if not instansi:
        raise PermissionDenied
    if request.method != "POST":
        entered = request.session.pop(ENTERED, None)
        return render(
            request,
            "complaints/staff/entry.html",
            {"form": _entry_form(request, instansi), "entered": entered},
        )
    form = _entry_form(request, instansi, request.POST)
    if not form.is_valid():
        return render(request, "complaints/staff/entry.html", {"form": form}, status=400)
    data = form.cleaned_data
    target = entry_instansi_of(form)
    try:
        complaint = file_complaint(
            actor=request.user,
            instansi_id=target.pk,
            channel=data["channel"],
            data=Intake(
                title=data["title"],
                description=data["description"],
                received_at=data["received_at"],
                category=data["category"],
                classification=data["classification"],
                location=data["location"],
                complainant_name=data["complainant_name"],
                complainant_phone=data["complainant_phone"],
                complainant_email=data["complainant_email"],
            ),
        )
    except ValidationError as exc:
        status = refuse(form, exc)
        return render(request, "complaints/staff/entry.html", {"form": form}, status=status)
    readable = principal_for(request.user).verifies_complaints(complaint.instansi_id)
    request.session[ENTERED] = {
        "id": complaint.pk if readable else None,
        "code": complaint.tracking_code,
        "title": complaint.title,
    }
    messages.success(request, _("Aduan tercatat dengan status baru."))
    return redirect("complaints:entry")
