"""Pages of the conversation about an SKP (issue 3 §3): feedback threads and dialog kinerja.

Same rules as :mod:`kinerja.performance.views_during`: the SKP through
:func:`get_skp_for_user`, its records through the SKP, refused input kept (400, stale 409).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kinerja.core.forms import refuse
from kinerja.performance import selectors_during as selectors
from kinerja.performance.access import get_skp_for_user, is_skp_assessor, is_skp_owner
from kinerja.performance.forms_during import DialogForm, DialogResponseForm, FeedbackForm
from kinerja.performance.models import DialogKinerja, Skp
from kinerja.performance.services import dialogue as services
from kinerja.performance.views_during import parse_id

MESSAGES_PER_PAGE = 50
DIALOGS_PER_PAGE = 20


# --- continuous feedback ---------------------------------------------------------------------


def _chosen_thread(
    request: HttpRequest, threads: list[selectors.Thread]
) -> selectors.Thread | None:
    if "rhk" in request.GET:
        rhk_id = parse_id(request.GET["rhk"])
        found = next((t for t in threads if t.rhk is not None and t.rhk.pk == rhk_id), None)
    elif "value" in request.GET:
        value = request.GET["value"]
        found = next((t for t in threads if t.rhk is None and t.value == value), None)
    else:
        return None
    if found is None:
        raise Http404
    return found


def _roles(skp: Skp) -> dict[int, str]:
    """Who is who in the threads, by user id."""
    roles: dict[int, str] = {}
    if skp.assessor_superior and skp.assessor_superior.user_id:
        roles[skp.assessor_superior.user_id] = _("Atasan pejabat penilai")
    if skp.assessor and skp.assessor.user_id:
        roles[skp.assessor.user_id] = _("Pejabat penilai")
    if skp.employee.user_id:
        roles[skp.employee.user_id] = _("Pegawai")
    return roles


@login_required
@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest, skp_id: int) -> HttpResponse:
    """The feedback threads of an SKP (one per RHK and per BerAKHLAK value) and one thread."""
    skp = get_skp_for_user(request.user, skp_id)
    threads = selectors.feedback_threads(skp)
    thread = _chosen_thread(request, threads)
    can_post = services.may_give_feedback(request.user, skp)
    form: FeedbackForm | None = None
    status = 200
    if request.method == "POST":
        if not can_post:
            raise PermissionDenied
        if thread is None:
            raise Http404
        form = FeedbackForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                services.post_feedback(
                    actor=request.user,
                    skp=skp,
                    rhk=thread.rhk,
                    value=thread.value,
                    text=form.cleaned_data["text"],
                )
            except ValidationError as exc:
                status = refuse(form, exc)
            else:
                messages.success(request, _("Umpan balik dikirim."))
                url = reverse("performance:feedback", args=[skp.pk])
                return redirect(f"{url}?{urlencode(thread.query)}#thread")
    page_obj = None
    rows: list[tuple[Any, str]] = []
    expectation: str | None = None
    if thread is not None:
        paginator = Paginator(selectors.thread_messages(skp, thread), MESSAGES_PER_PAGE)
        # Oldest first, opening on the latest messages.
        page_obj = paginator.get_page(request.GET.get("page") or paginator.num_pages)
        roles = _roles(skp)
        rows = [(m, roles.get(m.author_id, "")) for m in page_obj]
        if thread.value:
            expectation = (
                skp.expectations.filter(value=thread.value).values_list("text", flat=True).first()
            )
        if can_post and form is None:
            form = FeedbackForm()
    return render(
        request,
        "performance/feedback.html",
        {
            "skp": skp,
            "current": "feedback",
            "rhk_threads": [t for t in threads if t.rhk is not None],
            "value_threads": [t for t in threads if t.rhk is None],
            "thread": thread,
            "expectation": expectation,
            "rows": rows,
            "page_obj": page_obj,
            "form": form if can_post else None,
        },
        status=status,
    )


# --- dialog kinerja --------------------------------------------------------------------------


def _dialog_of(skp: Skp, raw: Any) -> DialogKinerja:
    dialog = get_object_or_404(DialogKinerja, pk=parse_id(raw), skp=skp)
    dialog.skp = skp
    return dialog


def _dialog_initial(dialog: DialogKinerja | None) -> dict[str, Any]:
    if dialog is None:
        return {"version": 0, "date": timezone.localdate()}
    fields = {name: getattr(dialog, name) for name in services.DIALOG_FIELDS}
    return {"version": dialog.version, **fields}


def _dialog_page(
    request: HttpRequest,
    skp: Skp,
    *,
    form: forms.Form | None = None,
    editing: DialogKinerja | None = None,
    responses: dict[int, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    assessor = is_skp_assessor(request.user, skp)
    owner = is_skp_owner(request.user, skp)
    if assessor and form is None:
        if "dialog" in request.GET:
            editing = _dialog_of(skp, request.GET["dialog"])
        form = DialogForm(initial=_dialog_initial(editing), editing=editing is not None)
    page_obj = Paginator(selectors.dialogs_of(skp), DIALOGS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    responses = responses or {}
    rows = []
    for dialog in page_obj:
        response_form = None
        if owner:
            response_form = responses.get(dialog.pk) or DialogResponseForm(
                initial={
                    "version": dialog.version,
                    "employee_note": dialog.employee_note,
                    "follow_up_done": dialog.follow_up_done,
                },
                prefix=f"d{dialog.pk}",
            )
        rows.append((dialog, response_form))
    return render(
        request,
        "performance/dialog.html",
        {
            "skp": skp,
            "current": "dialog",
            "rows": rows,
            "page_obj": page_obj,
            "form": form if assessor else None,
            "editing": editing,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def dialog(request: HttpRequest, skp_id: int) -> HttpResponse:
    """Dialog kinerja records: the assessor records them, the employee answers."""
    skp = get_skp_for_user(request.user, skp_id)
    if request.method == "GET":
        return _dialog_page(request, skp)
    op = request.POST.get("op", "")
    if op in {"record", "update"}:
        if not is_skp_assessor(request.user, skp):
            raise PermissionDenied
        editing = _dialog_of(skp, request.POST.get("dialog")) if op == "update" else None
        form = DialogForm(request.POST, editing=editing is not None)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            fields = {name: data[name] for name in services.DIALOG_FIELDS if name in data}
            try:
                if editing is None:
                    services.record_dialog(actor=request.user, skp=skp, **fields)
                    messages.success(request, _("Dialog kinerja dicatat."))
                else:
                    services.update_dialog(
                        actor=request.user, dialog=editing, version=data["version"], **fields
                    )
                    messages.success(request, _("Catatan dialog kinerja diperbarui."))
            except ValidationError as exc:
                status = refuse(form, exc, _current_version(editing))
            else:
                return redirect("performance:dialog", skp_id=skp.pk)
        return _dialog_page(request, skp, form=form, editing=editing, status=status)
    if op == "respond":
        if not is_skp_owner(request.user, skp):
            raise PermissionDenied
        target = _dialog_of(skp, request.POST.get("dialog"))
        response_form = DialogResponseForm(request.POST, prefix=f"d{target.pk}")
        status = 400
        if response_form.is_valid():
            data = response_form.cleaned_data
            try:
                services.respond_to_dialog(
                    actor=request.user,
                    dialog=target,
                    version=data["version"],
                    employee_note=data["employee_note"],
                    follow_up_done=data["follow_up_done"],
                )
            except ValidationError as exc:
                status = refuse(response_form, exc, _current_version(target))
            else:
                messages.success(request, _("Tanggapan Anda disimpan."))
                return redirect("performance:dialog", skp_id=skp.pk)
        return _dialog_page(request, skp, responses={target.pk: response_form}, status=status)
    raise Http404


def _current_version(dialog: DialogKinerja | None) -> Callable[[], int] | None:
    if dialog is None:
        return None
    pk = dialog.pk
    return lambda: DialogKinerja.objects.values_list("version", flat=True).get(pk=pk)
