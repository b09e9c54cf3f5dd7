"""Role grant administration (Admin BKPSDM, superadmin).

Here rather than in accounts because granting Admin OPD needs the unit tree (org).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.accounts import services
from kinerja.accounts.forms import GrantForm
from kinerja.accounts.models import RoleGrant, User
from kinerja.accounts.roles import principal_for
from kinerja.org.models import Unit


def _grant_scope(request: HttpRequest) -> Q:
    """Which instansi's grants the user may manage (Admin BKPSDM, superadmin); 403 otherwise."""
    principal = principal_for(request.user)
    if principal.is_superadmin:
        return Q()
    if not principal.instansi_write:
        raise PermissionDenied
    return Q(instansi_id__in=sorted(principal.instansi_write))


@login_required
def grants(request: HttpRequest) -> HttpResponse:
    """Role grants of my instansi, and a form to grant one (Admin BKPSDM, superadmin)."""
    scope = _grant_scope(request)
    grant_qs = RoleGrant.objects.filter(scope).select_related(
        "user", "unit", "granted_by", "revoked_by"
    )
    users = User.objects.filter(scope)
    units = Unit.objects.filter(scope)
    posted = request.POST if request.method == "POST" else None
    form = GrantForm(posted, units=units, users=users)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.grant_role(
                actor=request.user,
                user=data["login"],
                role=data["role"],
                unit=data["unit"],
                instansi=data["unit"].instansi if data["unit"] else data["login"].instansi,
                valid_from=data["valid_from"],
                valid_until=data["valid_until"],
                reason=data["reason"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        except PermissionDenied:
            form.add_error("role", _("Anda tidak berwenang memberikan peran ini."))
        else:
            messages.success(request, _("Peran diberikan."))
            return redirect("employees:grants")
    page = Paginator(grant_qs.order_by("-id"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "employees/grants.html",
        {
            "form": form,
            "page_obj": page,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def revoke(request: HttpRequest, grant_id: int) -> HttpResponse:
    qs = RoleGrant.objects.filter(_grant_scope(request))
    try:
        grant = qs.get(pk=grant_id)
    except RoleGrant.DoesNotExist:
        raise Http404 from None
    services.revoke_role(actor=request.user, grant=grant)
    messages.success(request, _("Peran dicabut."))
    return redirect("employees:grants")
