"""Account pages: my account and the audit trail browser."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kinerja.accounts.forms import AuditFilterForm
from kinerja.accounts.models import RoleGrant
from kinerja.accounts.roles import principal_for
from kinerja.core.models import AuditEvent


@login_required
def me(request: HttpRequest) -> HttpResponse:
    grants = RoleGrant.objects.filter(user_id=int(request.user.pk or 0)).select_related(
        "unit", "instansi"
    )
    return render(request, "accounts/me.html", {"grants": grants})


def _audit_scope(request: HttpRequest) -> Q:
    principal = principal_for(request.user)
    if principal.is_superadmin:
        return Q()
    if not principal.instansi_read:
        raise PermissionDenied
    return Q(instansi_id__in=list(principal.instansi_read))


@login_required
def audit(request: HttpRequest) -> HttpResponse:
    """The audit trail of the user's instansi, filterable (Admin BKPSDM, auditor, superadmin)."""
    qs = AuditEvent.objects.filter(_audit_scope(request)).order_by("-id")
    form = AuditFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        if data["action"]:
            qs = qs.filter(action__startswith=data["action"].strip())
        if data["actor"]:
            qs = qs.filter(actor_label__icontains=data["actor"].strip())
        if data["target"]:
            text = data["target"].strip()
            qs = qs.filter(Q(target_label__icontains=text) | Q(target_id=text))
        tz = timezone.get_current_timezone()
        if data["date_from"]:
            qs = qs.filter(created_at__gte=datetime.combine(data["date_from"], time.min, tz))
        if data["date_to"]:
            qs = qs.filter(created_at__lte=datetime.combine(data["date_to"], time.max, tz))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/audit.html",
        {
            "form": form,
            "page_obj": page,
        },
    )


@login_required
def audit_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    try:
        event = AuditEvent.objects.filter(_audit_scope(request)).get(pk=event_id)
    except AuditEvent.DoesNotExist:
        raise Http404 from None
    return render(request, "accounts/audit_detail.html", {"event": event})
