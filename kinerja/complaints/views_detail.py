"""One complaint: everything about it, and a form for each step the user may take now.

Each step posts to ``/aduan/<id>/<action>/`` with the version the form was drawn from. A stale
version answers 409 and a refused input 400, both re-rendering the page with what was typed; a
step the user may not take answers 403; a complaint outside the user's scope 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kinerja.complaints import selectors
from kinerja.complaints.access import get_complaint_for_user
from kinerja.complaints.forms_staff import ACTIONS, StepForm, action_form
from kinerja.complaints.masking import complainant_of
from kinerja.complaints.models import Complaint
from kinerja.complaints.querysets import complaint_scope_q, handles_complaint
from kinerja.complaints.services import workflow
from kinerja.core.forms import refuse

#: Steps in the order their forms appear on the page.
ORDER = list(ACTIONS)

DONE = {
    "verify": gettext_lazy("Aduan diverifikasi."),
    "route": gettext_lazy("Aduan diteruskan ke OPD."),
    "return": gettext_lazy("Aduan dikembalikan ke verifikator."),
    "assign": gettext_lazy("Petugas ditunjuk."),
    "respond": gettext_lazy("Tanggapan disimpan."),
    "follow_up": gettext_lazy("Jawaban tindak lanjut dikirim untuk diperiksa verifikator."),
    "accept": gettext_lazy("Jawaban diterima; aduan selesai."),
    "reject_answer": gettext_lazy("Jawaban ditolak; aduan kembali ke petugas."),
    "reject": gettext_lazy("Aduan ditolak."),
    "not_ours": gettext_lazy("Aduan ditandai bukan wewenang."),
    "reopen": gettext_lazy("Aduan dibuka kembali."),
}


def _unit_path(complaint: Complaint) -> str:
    path = complaint.unit.path if complaint.unit else ""
    complaint._unit_path = path  # type: ignore[attr-defined]  # saves workflow a query
    return path


def _render(
    request: HttpRequest,
    complaint: Complaint,
    failed: tuple[str, StepForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    reveal = handles_complaint(user, complaint, _unit_path(complaint))
    allowed = workflow.allowed_actions(user, complaint)
    search = request.GET.get("cari_petugas", "").strip()[:100]
    forms = []
    for action in ORDER:
        if failed is not None and failed[0] == action:
            forms.append((action, ACTIONS[action], failed[1]))
        elif action in allowed:
            forms.append((action, ACTIONS[action], action_form(action, complaint, search=search)))
    book = selectors.SlaBook()
    return render(
        request,
        "complaints/staff/detail.html",
        {
            "complaint": complaint,
            "complainant": complainant_of(complaint, reveal=reveal),
            "steps": book.shown(complaint),
            "events": selectors.timeline(complaint),
            "responses": selectors.responses(complaint),
            "forms": forms,
            "failed_action": failed[0] if failed else "",
            "officer_search": search,
        },
        status=status,
    )


@login_required
def detail(request: HttpRequest, complaint_id: int) -> HttpResponse:
    """A complaint with its service levels, history, answers and the user's step forms."""
    complaint = get_complaint_for_user(request.user, complaint_id)
    return _render(request, complaint)


def _perform(action: str, user: Any, complaint: Complaint, data: dict[str, Any]) -> None:
    version = data["version"]
    common = {"actor": user, "complaint": complaint, "version": version}
    match action:
        case "verify":
            workflow.verify(
                **common, category=data["category"], classification=data["classification"]
            )
        case "route":
            workflow.route(
                **common, unit=data["unit"], note=data["note"], category=data["category"]
            )
        case "return":
            workflow.return_to_verifier(**common, note=data["note"])
        case "assign":
            workflow.assign(**common, officer=data["officer"], note=data["note"])
        case "respond":
            workflow.respond(**common, body=data["body"], internal=data["internal"])
        case "follow_up":
            workflow.follow_up(**common, body=data["body"])
        case "accept":
            workflow.accept(**common, note=data["note"])
        case "reject_answer":
            workflow.reject_answer(**common, note=data["note"])
        case "reject" | "not_ours":
            workflow.close_unfounded(**common, action=action, note=data["note"])
        case "reopen":
            workflow.reopen(**common, note=data["note"])


@login_required
@require_POST
def act(request: HttpRequest, complaint_id: int, action: str) -> HttpResponse:
    """Take one workflow step on a complaint."""
    complaint = get_complaint_for_user(request.user, complaint_id)
    if action not in ACTIONS:
        raise Http404
    form = action_form(action, complaint, request.POST)
    posted = form.data.get(form.add_prefix("version"), "")
    handles = handles_complaint(request.user, complaint, _unit_path(complaint))
    if handles and str(posted).isdigit() and int(posted) != complaint.version:
        # Someone acted first: show the complaint as it is now, with what was typed.
        form.is_valid()
        status = refuse(form, workflow.Stale(), complaint.version)
        return _render(request, complaint, (action, form), status)
    if action not in workflow.allowed_actions(request.user, complaint):
        raise PermissionDenied(_("Anda tidak berwenang melakukan langkah ini."))
    if not form.is_valid():
        return _render(request, complaint, (action, form), 400)
    try:
        _perform(action, request.user, complaint, form.cleaned_data)
    except ValidationError as exc:
        fresh = get_complaint_for_user(request.user, complaint.pk)
        status = refuse(form, exc, fresh.version)
        return _render(request, fresh, (action, form), status)
    messages.success(request, DONE[action])
    if not Complaint.objects.filter(complaint_scope_q(request.user), pk=complaint.pk).exists():
        return redirect("complaints:inbox")  # e.g. returned to the verifier: no longer ours
    return redirect("complaints:detail", complaint_id=complaint.pk)
