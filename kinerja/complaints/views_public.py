"""Public pages under /layanan/: file a complaint, follow it by its code, rate it, and the SKM.

No login. The site serves one instansi (``KINERJA_PUBLIC_INSTANSI``). Every post passes the
defences of :mod:`kinerja.complaints.spam`. The tracking page never shows the complainant's
name or contacts, nor the names of staff: steps are shown as the OPD that took them or as
"Petugas". Responses on paths carrying a tracking code are marked as logged, so that Django's
request log does not write the code out with a 4xx path.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinerja.complaints import spam
from kinerja.complaints.access import get_complaint_by_code
from kinerja.complaints.forms_public import (
    ComplaintForm,
    LookupForm,
    RatingForm,
    ReopenForm,
    SurveyForm,
)
from kinerja.complaints.models import (
    Category,
    Channel,
    Complaint,
    ResponseKind,
    SkmResponse,
    Status,
    Verdict,
)
from kinerja.complaints.services import workflow
from kinerja.complaints.services.intake import Intake, file_complaint
from kinerja.complaints.services.survey import submit_survey
from kinerja.complaints.sla import calendar_for, settings_for, steps_of
from kinerja.core.forms import refuse
from kinerja.org.models import Instansi, Unit

T = "complaints/public/"
CODE_KEY = "layanan_code"
SKM_UNIT_KEY = "layanan_skm_unit"
MAX_PK = 2**63 - 1

#: How each step reads on the tracking page; the OPD's steps are shown with the OPD's name.
STEP_LABELS = {
    "receive": gettext_lazy("Aduan diterima"),
    "verify": gettext_lazy("Aduan diverifikasi"),
    "route": gettext_lazy("Diteruskan ke OPD"),
    "return": gettext_lazy("Dikembalikan untuk diteruskan ke OPD lain"),
    "assign": gettext_lazy("Petugas ditunjuk"),
    "follow_up": gettext_lazy("Tindak lanjut dilaporkan"),
    "accept": gettext_lazy("Tindak lanjut diterima, aduan selesai"),
    "reject_answer": gettext_lazy("Tindak lanjut diperiksa ulang"),
    "reject": gettext_lazy("Aduan ditolak"),
    "not_ours": gettext_lazy("Aduan di luar wewenang"),
    "reopen": gettext_lazy("Aduan dibuka kembali"),
    "rate": gettext_lazy("Jawaban dinilai"),
}
OPD_STEPS = {"assign", "follow_up", "return"}


def quiet(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Keep the tracking code in this view's path out of Django's 4xx request log lines."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response._has_been_logged = True  # type: ignore[attr-defined]
        return response

    return wrapper


def public_instansi() -> Instansi | None:
    """The instansi this site takes complaints for.

    ``KINERJA_PUBLIC_INSTANSI`` (an instansi code) when set; otherwise the only instansi, or
    else the only one with active complaint categories; None when that leaves no single one.
    """
    code = getattr(settings, "KINERJA_PUBLIC_INSTANSI", "")
    if code:
        return Instansi.objects.filter(code=code).first()
    found = list(Instansi.objects.order_by("pk")[:2])
    if len(found) != 1:
        with_categories = Category.objects.filter(active=True).values("instansi_id")
        found = list(Instansi.objects.filter(pk__in=with_categories).order_by("pk")[:2])
    return found[0] if len(found) == 1 else None


def _unavailable(request: HttpRequest) -> HttpResponse:
    return render(request, T + "unavailable.html", status=404)


def _limited(
    request: HttpRequest, limited: spam.Limited, template: str, context: dict[str, Any]
) -> HttpResponse:
    minutes = max(1, -(-limited.retry_after // 60))
    context["limited_message"] = _(
        "Terlalu banyak permintaan dari jaringan Anda. Silakan coba lagi dalam %(n)s menit."
    ) % {"n": minutes}
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(limited.retry_after)
    return response


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The landing page: file a complaint, follow one, give an opinion of a service."""
    return render(request, T + "index.html", {"instansi": public_instansi()})


# --- Filing a complaint ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest) -> HttpResponse:
    """The complaint form. A filed complaint's code goes to the thank-you page through the
    session (POST/redirect/GET), never through a URL."""
    instansi = public_instansi()
    if instansi is None:
        return _unavailable(request)
    if request.method != "POST":
        form = ComplaintForm(instansi_id=instansi.pk)
        return render(request, T + "complaint_form.html", {"form": form, "instansi": instansi})
    form = ComplaintForm(request.POST, instansi_id=instansi.pk)
    context = {"form": form, "instansi": instansi}
    limited = spam.over_limit(request, "complaint")
    if limited is not None:
        return _limited(request, limited, T + "complaint_form.html", context)
    if not form.is_valid():
        if form.spam:
            spam.count(request, "complaint")
        return render(request, T + "complaint_form.html", context, status=400)
    data = form.cleaned_data
    if spam.is_duplicate(request, data["description"]):
        form.add_error(
            None,
            _(
                "Aduan yang sama baru saja dikirim dari perangkat Anda. Gunakan kode pelacakan "
                "yang sudah Anda terima untuk mengikutinya."
            ),
        )
        return render(request, T + "complaint_form.html", context, status=409)
    intake = Intake(
        title=data["title"],
        description=data["description"],
        category=data.get("category"),
        classification=data["classification"],
        location=data["location"],
        complainant_name=data["complainant_name"],
        complainant_phone=data["complainant_phone"],
        complainant_email=data["complainant_email"],
    )
    try:
        complaint = file_complaint(
            actor=None, instansi_id=instansi.pk, channel=Channel.ULAS, data=intake
        )
    except ValidationError as exc:
        status = refuse(form, exc)
        return render(request, T + "complaint_form.html", context, status=status)
    spam.count(request, "complaint")
    spam.remember(request, data["description"])
    request.session[CODE_KEY] = complaint.tracking_code
    return redirect("layanan:complaint_thanks")


@require_GET
def complaint_thanks(request: HttpRequest) -> HttpResponse:
    """The tracking code of the complaint just filed, from the session (not from the URL)."""
    return render(request, T + "thanks.html", {"code": request.session.get(CODE_KEY)})


# --- Tracking -------------------------------------------------------------------------------


def _not_found(request: HttpRequest, form: LookupForm | None = None) -> HttpResponse:
    form = form or LookupForm()
    context = {"form": form, "not_found": True}
    return render(request, T + "track_lookup.html", context, status=404)


def _find(request: HttpRequest, code: str) -> Complaint | HttpResponse:
    """The complaint behind a code, counted against the lookup limit; a page when refused."""
    limited = spam.take(request, "lookup")
    if limited is not None:
        return _limited(request, limited, T + "track_lookup.html", {"form": LookupForm()})
    try:
        return get_complaint_by_code(code)
    except Http404:
        return _not_found(request)


@quiet
@require_http_methods(["GET", "POST"])
def track_lookup(request: HttpRequest) -> HttpResponse:
    """Enter a tracking code (posted, so that it does not appear in a query string)."""
    if request.method != "POST":
        return render(request, T + "track_lookup.html", {"form": LookupForm()})
    form = LookupForm(request.POST)
    if not form.is_valid():
        return render(request, T + "track_lookup.html", {"form": form}, status=400)
    found = _find(request, form.cleaned_data["code"])
    if isinstance(found, HttpResponse):
        return found
    return redirect("layanan:track", code=found.tracking_code)


#: Steps whose note is the reason given to the citizen.
PUBLIC_REASONS = frozenset({"reject", "not_ours"})


def _timeline(complaint: Complaint) -> list[dict[str, Any]]:
    rows = []
    for event in complaint.events.select_related("unit").order_by("at", "id"):
        label = STEP_LABELS.get(event.action, event.get_to_status_display())
        if event.action == "route" and event.unit is not None:
            label = _("Diteruskan ke %(unit)s") % {"unit": event.unit.name}
        if event.actor_id is None:
            who = _("Pelapor") if event.actor_label == workflow.CITIZEN else _("Sistem")
        elif event.action in OPD_STEPS and event.unit is not None:
            who = event.unit.name
        else:
            who = _("Petugas")
        # The verifier writes this reason for the citizen (the form says so).
        reason = event.note if event.action in PUBLIC_REASONS else ""
        rows.append({"at": event.at, "label": label, "who": who, "reason": reason})
    return rows


def _public_responses(complaint: Complaint) -> list[Any]:
    """Answers the citizen may read: interim responses, and follow-ups the verifier accepted."""
    shown = Q(kind=ResponseKind.RESPONSE) | Q(kind=ResponseKind.FOLLOW_UP, verdict=Verdict.ACCEPTED)
    return list(complaint.responses.filter(shown).order_by("at", "id").only("kind", "body", "at"))


def _track_context(
    complaint: Complaint,
    rating_form: RatingForm | None = None,
    reopen_form: ReopenForm | None = None,
) -> dict[str, Any]:
    found = settings_for(complaint.instansi_id)
    steps = steps_of(complaint, calendar_for(complaint.instansi_id, found), found.at_risk_share)
    done = complaint.status == Status.DONE
    now = timezone.now()
    can_reopen = (
        done
        and complaint.closed_at is not None
        and (now - complaint.closed_at).days < found.reopen_days
    )
    has_survey = (
        done
        and complaint.unit_id is not None
        and SkmResponse.objects.filter(complaint_id=complaint.pk).exists()
    )
    return {
        "complaint": complaint,
        "timeline": _timeline(complaint),
        "responses": _public_responses(complaint),
        "steps": steps,
        "can_rate": done and complaint.rated_at is None,
        "can_reopen": can_reopen,
        "reopen_until": complaint.closed_at + timedelta(days=found.reopen_days)
        if can_reopen and complaint.closed_at
        else None,
        "can_survey": done and complaint.unit_id is not None and not has_survey,
        "has_survey": has_survey,
        "answer_pending": complaint.status == Status.FOLLOWED_UP,
        "rating_form": rating_form or RatingForm(),
        "reopen_form": reopen_form or ReopenForm(initial={"version": complaint.version}),
    }


@quiet
@require_GET
def track(request: HttpRequest, code: str) -> HttpResponse:
    """Where a complaint stands: its steps, due times, public answers, and what the citizen may
    do next (rate, reopen, fill the survey)."""
    found = _find(request, code)
    if isinstance(found, HttpResponse):
        return found
    return render(request, T + "track.html", _track_context(found))


@quiet
@require_POST
def rate(request: HttpRequest, code: str) -> HttpResponse:
    """The citizen's rating of the answer of a done complaint, once per closure."""
    found = _find(request, code)
    if isinstance(found, HttpResponse):
        return found
    form = RatingForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            workflow.rate(
                complaint=found,
                rating=form.cleaned_data["rating"],
                solved=form.cleaned_data["solved"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            status = refuse(form, exc)
        else:
            messages.success(request, _("Terima kasih, penilaian Anda sudah kami terima."))
            return redirect("layanan:track", code=found.tracking_code)
    found.refresh_from_db()
    return render(request, T + "track.html", _track_context(found, rating_form=form), status=status)


@quiet
@require_POST
def reopen(request: HttpRequest, code: str) -> HttpResponse:
    """The citizen opens a done complaint again, with a reason, within the instansi's window."""
    found = _find(request, code)
    if isinstance(found, HttpResponse):
        return found
    form = ReopenForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            workflow.reopen(
                complaint=found,
                note=form.cleaned_data["reason"],
                actor=None,
                version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            found.refresh_from_db()
            status = refuse(form, exc, current_version=found.version)
        else:
            messages.success(request, _("Aduan Anda dibuka kembali dan akan ditangani lagi."))
            return redirect("layanan:track", code=found.tracking_code)
    return render(request, T + "track.html", _track_context(found, reopen_form=form), status=status)


# --- Survei Kepuasan Masyarakat -------------------------------------------------------------


def _survey_post(
    request: HttpRequest, unit: Unit, context: dict[str, Any], complaint: Complaint | None
) -> HttpResponse:
    form = SurveyForm(request.POST)
    context["form"] = form
    limited = spam.over_limit(request, "survey")
    if limited is not None:
        return _limited(request, limited, T + "survey_form.html", context)
    if not form.is_valid():
        if form.spam:
            spam.count(request, "survey")
        return render(request, T + "survey_form.html", context, status=400)
    try:
        submit_survey(
            unit=unit,
            answers=form.answers(),
            comment=form.cleaned_data["comment"],
            complaint=complaint,
        )
    except ValidationError as exc:
        if getattr(exc, "code", None) == "taken":
            return render(request, T + "survey_done.html", context, status=409)
        return render(request, T + "survey_form.html", context, status=refuse(form, exc))
    spam.count(request, "survey")
    if complaint is None:
        request.session[SKM_UNIT_KEY] = unit.pk
    else:
        request.session.pop(SKM_UNIT_KEY, None)
    return redirect("layanan:skm_thanks")


def _service_units(instansi: Instansi) -> Any:
    """Units that take counter surveys: the instansi's OPDs in force today."""
    today = timezone.localdate()
    return Unit.objects.filter(
        Q(active_from__isnull=True) | Q(active_from__lte=today),
        Q(active_until__isnull=True) | Q(active_until__gte=today),
        instansi=instansi,
        depth=0,
    ).order_by("name")


@require_GET
def skm_units(request: HttpRequest) -> HttpResponse:
    """Choose the service unit to give an opinion of."""
    instansi = public_instansi()
    if instansi is None:
        return _unavailable(request)
    units = _service_units(instansi).only("pk", "name")
    return render(request, T + "skm_units.html", {"instansi": instansi, "units": units})


@require_http_methods(["GET", "POST"])
def skm(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The survey at a service counter (linked or shown as a QR code at the counter)."""
    instansi = public_instansi()
    if instansi is None:
        return _unavailable(request)
    unit = _service_units(instansi).filter(pk=unit_id).first() if unit_id <= MAX_PK else None
    if unit is None:
        return render(request, T + "not_found.html", status=404)
    context: dict[str, Any] = {"unit": unit, "action": reverse("layanan:skm", args=[unit.pk])}
    if request.method == "POST":
        return _survey_post(request, unit, context, None)
    context["form"] = SurveyForm()
    return render(request, T + "survey_form.html", context)


@quiet
@require_http_methods(["GET", "POST"])
def complaint_survey(request: HttpRequest, code: str) -> HttpResponse:
    """The survey about the OPD that handled a done complaint; once per complaint."""
    found = _find(request, code)
    if isinstance(found, HttpResponse):
        return found
    if found.status != Status.DONE or found.unit is None:
        return render(request, T + "survey_closed.html", {"complaint": found}, status=404)
    context: dict[str, Any] = {
        "unit": found.unit,
        "complaint": found,
        "action": reverse("layanan:complaint_survey", args=[found.tracking_code]),
    }
    if SkmResponse.objects.filter(complaint_id=found.pk).exists():
        status = 409 if request.method == "POST" else 200
        return render(request, T + "survey_done.html", context, status=status)
    if request.method == "POST":
        return _survey_post(request, found.unit, context, found)
    context["form"] = SurveyForm()
    return render(request, T + "survey_form.html", context)


@require_GET
def skm_thanks(request: HttpRequest) -> HttpResponse:
    """Thanks for the survey; at a counter, a link back for the next respondent."""
    unit_id = request.session.get(SKM_UNIT_KEY)
    return render(request, T + "skm_thanks.html", {"unit_id": unit_id})
