"""Pages of a computed realisasi (issue 4 §6): the complaints behind the figure, and the
employee's contest and the assessor's override of it.

Anyone who may read the SKP may read its lineage; another unit's realisasi is a 404. The list
shows what the figure counted (times, due dates, reopening, verifier rejections, the citizen's
rating, accuracy) and never the complainant's name or contacts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kinerja.complaints.indicators import UNITS, Counts, Figure, value_of
from kinerja.complaints.models import (
    Complaint,
    ComplaintSettings,
    Indicator,
    SkmResponse,
    Status,
)
from kinerja.complaints.services.indicators import bounds, in_range_q, inaccurate_q, owed_q
from kinerja.complaints.skm import ikm_from_sums
from kinerja.complaints.sla import settings_for
from kinerja.core.forms import refuse
from kinerja.org.paths import SEGMENT
from kinerja.org.querysets import subtree_q
from kinerja.performance.access import get_skp_for_user, is_skp_assessor, is_skp_owner
from kinerja.performance.forms_indicators import ClearOverrideForm, ContestForm, OverrideForm
from kinerja.performance.models import Iki, Period, Realisasi, Skp
from kinerja.performance.services import indicator_link as services
from kinerja.performance.services.during import writing_problem

PER_PAGE = 50
HOUR = Decimal("0.01")
NOT_OWED = (Status.REJECTED, Status.NOT_OURS)


def describe(basis: dict[str, Any]) -> str:
    """One sentence saying how a computed figure came about, from its stored basis."""
    source = basis.get("indicator")
    n, d = basis.get("numerator"), basis.get("denominator")
    if basis.get("value") is None:
        if source == Indicator.IKM:
            return _("Belum ada jawaban survei kepuasan pada rentang ini.")
        return _("Belum ada aduan yang dapat diukur pada rentang ini.")
    texts: dict[str, str] = {
        Indicator.HANDLED: _("%(n)s aduan ditangani"),
        Indicator.RESPONSE_MEDIAN: _("median waktu respons dari %(d)s aduan yang direspons"),
        Indicator.RESPONSE_P90: _("persentil ke-90 waktu respons dari %(d)s aduan yang direspons"),
        Indicator.FOLLOWUP_ON_TIME: _("%(n)s dari %(d)s aduan ditindaklanjuti tepat waktu"),
        Indicator.REOPENED: _("%(n)s dari %(d)s aduan dibuka kembali"),
        Indicator.INACCURATE: _("%(n)s dari %(d)s aduan tidak akurat"),
        Indicator.RATING: _("jumlah nilai %(n)s dari %(d)s penilaian warga"),
        Indicator.IKM: _("IKM unit dari %(d)s responden survei kepuasan"),
    }
    text = texts.get(str(source), "")
    return text % {"n": n, "d": d} if text else ""


# --- the figure block (also on the realisasi page) ---------------------------------------------


@dataclass(frozen=True)
class Viewer:
    """Who looks at the figures of one SKP in one period, decided once per page."""

    owner: bool
    assessor: bool
    open_period: bool

    @classmethod
    def of(cls, user: Any, skp: Skp, period: Period | None) -> Viewer:
        return cls(
            is_skp_owner(user, skp),
            is_skp_assessor(user, skp),
            period is not None and writing_problem(skp, period) is None,
        )


def figure_context(
    viewer: Viewer,
    iki: Iki,
    realisasi: Realisasi | None,
    bound: dict[str, forms.Form] | None = None,
) -> dict[str, Any]:
    """What the figure block of a linked IKI shows: the computed figure, how it came about, the
    link to its complaints, and the contest (owner) or override (assessor) forms while the
    period is open. No queries."""
    bound = bound or {}
    context: dict[str, Any] = {
        "source": iki.get_indicator_source_display(),
        "realisasi": realisasi,
        "basis_text": "",
        "lineage_url": "",
    }
    if realisasi is None or realisasi.pk is None:
        return context
    pk = realisasi.pk
    context["lineage_url"] = reverse("performance:realisasi_complaints", args=[pk])
    context["action"] = reverse("performance:realisasi_figure", args=[pk])
    if realisasi.computed_at is not None:
        context["basis_text"] = describe(realisasi.computed_basis or {})
    if not viewer.open_period:
        return context
    initial = {"version": realisasi.version}
    if viewer.owner:
        context["contest_form"] = bound.get("contest") or ContestForm(
            initial=initial, prefix=f"c{pk}"
        )
    if viewer.assessor:
        context["override_form"] = bound.get("override") or OverrideForm(
            initial={**initial, "value": realisasi.value}, prefix=f"o{pk}"
        )
        if realisasi.override_reason:
            context["clear_form"] = bound.get("clear") or ClearOverrideForm(
                initial=initial, prefix=f"x{pk}"
            )
    return context


# --- what the figure counted --------------------------------------------------------------------


@dataclass
class Counted:
    """One complaint as the figure counted it."""

    tracking_code: str
    received_at: datetime
    status: str
    response_hours: Decimal | None
    followup_due_at: datetime | None
    followed_up_at: datetime | None
    followup: str  # "on_time", "late", "pending" or "not_owed"
    reopen_count: int
    rejected_answers: int
    rating: int | None
    solved: bool | None
    inaccurate: list[str] = field(default_factory=list)


def _reasons(c: Complaint, rules: ComplaintSettings) -> list[str]:
    """Why a complaint counts against accuracy under the instansi's rules (empty: it does not)."""
    reasons = []
    if rules.count_reopened and c.reopen_count > 0:
        reasons.append(_("dibuka kembali"))
    if rules.count_rejected and c.rejected_answers > 0:
        reasons.append(_("jawaban ditolak verifikator"))
    if rules.count_low_rating and c.rating is not None and c.rating <= rules.low_rating:
        reasons.append(
            _("nilai warga %(n)s (≤ %(low)s)") % {"n": c.rating, "low": rules.low_rating}
        )
    if rules.count_not_solved and c.solved is False:
        reasons.append(_("warga menyatakan masalah tidak selesai"))
    return reasons


def _rules_text(rules: ComplaintSettings) -> str:
    parts = []
    if rules.count_reopened:
        parts.append(_("dibuka kembali"))
    if rules.count_rejected:
        parts.append(_("jawaban ditolak verifikator"))
    if rules.count_low_rating:
        parts.append(_("nilai warga %(low)s atau kurang") % {"low": rules.low_rating})
    if rules.count_not_solved:
        parts.append(_("warga menyatakan masalah tidak selesai"))
    if not parts:
        return _("Aturan instansi: tidak ada aduan yang dihitung tidak akurat.")
    return _("Aturan instansi: aduan dihitung tidak akurat bila %(rules)s.") % {
        "rules": "; ".join(parts)
    }


def _followup(c: Complaint, now: datetime) -> str:
    if c.status in NOT_OWED:
        return "not_owed"
    due, done = c.followup_due_at, c.followed_up_at
    if done is not None:
        return "on_time" if due is not None and done <= due else "late"
    return "late" if due is not None and due < now else "pending"


def _counted(c: Complaint, rules: ComplaintSettings, now: datetime) -> Counted:
    minutes = c.officer_response_minutes
    hours = None if minutes is None else (Decimal(minutes) / 60).quantize(HOUR, ROUND_HALF_UP)
    return Counted(
        c.tracking_code, c.received_at, c.get_status_display(), hours, c.followup_due_at,
        c.followed_up_at, _followup(c, now), c.reopen_count, c.rejected_answers, c.rating,
        c.solved, _reasons(c, rules),
    )  # fmt: skip


def _officer_live(scope: Any, rules: ComplaintSettings, now: datetime, source: str) -> Any:
    """The officer's counts now, by the same rules as the stored indicator (one or two
    queries)."""
    inaccurate = inaccurate_q(rules)
    counts = scope.aggregate(
        handled=Count("id"),
        responded=Count("id", filter=Q(officer_response_minutes__isnull=False)),
        followup_owed=Count("id", filter=owed_q(now)),
        followup_on_time=Count(
            "id", filter=Q(followed_up_at__isnull=False, followed_up_at__lte=F("followup_due_at"))
        ),
        reopened=Count("id", filter=Q(reopen_count__gt=0)),
        inaccurate=Count("id", filter=inaccurate if inaccurate is not None else Q(pk__in=[])),
        rated=Count("rating"),
        rating_sum=Coalesce(Sum("rating"), 0),
    )
    counts.update(response_median_minutes=None, response_p90_minutes=None, skm_respondents=0)
    counts["ikm"] = None
    if source in (Indicator.RESPONSE_MEDIAN, Indicator.RESPONSE_P90):
        minutes = sorted(
            scope.filter(officer_response_minutes__isnull=False).values_list(
                "officer_response_minutes", flat=True
            )
        )
        n = len(minutes)
        if n:
            # Nearest rank, as the stored indicator: the value at rank ⌈p·n⌉.
            counts["response_median_minutes"] = minutes[(n * 50 + 99) // 100 - 1]
            counts["response_p90_minutes"] = minutes[(n * 90 + 99) // 100 - 1]
    return Counts(**counts)


def _opd_live(skm: Any) -> Counts:
    sums = skm.aggregate(n=Count("id"), **{f"s{i}": Sum(f"u{i}") for i in range(1, 10)})
    found = ikm_from_sums(sums["n"], [sums[f"s{i}"] or 0 for i in range(1, 10)])
    return Counts(skm_respondents=sums["n"], ikm=found.ikm if found else None)


def _stored(basis: dict[str, Any]) -> Figure | None:
    if not basis:
        return None
    value = basis.get("value")
    return Figure(
        None if value is None else Decimal(value), basis.get("numerator"), basis.get("denominator")
    )


def _same(stored: Figure | None, live: Figure) -> bool:
    return stored is not None and (stored.value, stored.numerator, stored.denominator) == (
        live.value,
        live.numerator,
        live.denominator,
    )


def _range(realisasi: Realisasi) -> tuple[date, date]:
    basis = realisasi.computed_basis or {}
    if basis.get("starts") and basis.get("ends"):
        return date.fromisoformat(basis["starts"]), date.fromisoformat(basis["ends"])
    return realisasi.period.starts, realisasi.period.ends


def _lineage(request: HttpRequest, realisasi: Realisasi) -> dict[str, Any]:
    skp, source = realisasi.skp, realisasi.iki.indicator_source
    starts, ends = _range(realisasi)
    now = timezone.now()
    page_number = request.GET.get("page")
    if source == Indicator.IKM:
        opd_path = skp.unit.path[:SEGMENT]
        low, high = bounds(starts, ends)
        skm = SkmResponse.objects.filter(
            subtree_q(opd_path, "unit__path"),
            instansi_id=realisasi.instansi_id,
            submitted_at__gte=low,
            submitted_at__lt=high,
        )
        live = value_of(_opd_live(skm), source)
        page: Page[Any] = Paginator(
            skm.select_related("unit").defer("comment").order_by("submitted_at", "pk"),
            PER_PAGE,
        ).get_page(page_number)
        rows: list[Any] = list(page.object_list)
        rules = None
    else:
        rules = settings_for(realisasi.instansi_id)
        scope = Complaint.objects.filter(
            in_range_q(realisasi.instansi_id, starts, ends), officer_id=skp.employee_id
        )
        live = value_of(_officer_live(scope, rules, now, source), source)
        page = Paginator(
            scope.only(*COMPLAINT_FIELDS).order_by("received_at", "pk"), PER_PAGE
        ).get_page(page_number)
        rows = [_counted(c, rules, now) for c in page.object_list]
    stored = _stored(realisasi.computed_basis or {})
    live_basis = {"indicator": source, "numerator": live.numerator,
                  "denominator": live.denominator, "value": live.value}  # fmt: skip
    return {
        "starts": starts,
        "ends": ends,
        "source": source,
        "source_label": realisasi.iki.get_indicator_source_display(),
        "measured_in": UNITS.get(Indicator(source), ""),
        "stored": stored,
        "live": live,
        "changed": not _same(stored, live),
        "live_text": describe(live_basis),
        "accuracy_rules": _rules_text(rules) if rules else "",
        "rules": rules,
        "page_obj": page,
        "rows": rows,
        "is_ikm": source == Indicator.IKM,
    }


COMPLAINT_FIELDS = (
    "id", "tracking_code", "received_at", "status", "officer_response_minutes",
    "followup_due_at", "followed_up_at", "reopen_count", "rejected_answers", "rating", "solved",
)  # fmt: skip


# --- views ------------------------------------------------------------------------------------


def _load(user: Any, realisasi_id: Any) -> Realisasi:
    """A computed realisasi of an SKP the user may read; 404 otherwise."""
    try:
        realisasi = Realisasi.objects.select_related("iki", "period").get(pk=int(realisasi_id))
    except (Realisasi.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    skp = get_skp_for_user(user, realisasi.skp_id)
    if not realisasi.iki.indicator_source:
        raise Http404
    realisasi.skp = skp
    return realisasi


def _page(
    request: HttpRequest,
    realisasi: Realisasi,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    skp = realisasi.skp
    return render(
        request,
        "performance/lineage.html",
        {
            "skp": skp,
            "iki": realisasi.iki,
            "period": realisasi.period,
            "r": realisasi,
            "figure": figure_context(
                Viewer.of(request.user, skp, realisasi.period), realisasi.iki, realisasi, bound
            ),
            "back_url": _back_url(realisasi),
            **_lineage(request, realisasi),
        },
        status=status,
    )


def _back_url(realisasi: Realisasi) -> str:
    url = reverse("performance:realisasi", args=[realisasi.skp_id])
    return f"{url}?period={realisasi.period_id}#iki-{realisasi.iki_id}"


@login_required
@require_GET
def realisasi_complaints(request: HttpRequest, realisasi_id: int) -> HttpResponse:
    """The complaints (or, for the IKM, the survey answers) a computed realisasi counted."""
    return _page(request, _load(request.user, realisasi_id))


#: What a 409 shows as it is now (the cached SKP, IKI and period stay).
FRESH = ["value", "computed_value", "computed_at", "computed_basis", "contest_reason",
         "contested_at", "override_reason", "overridden_at", "version"]  # fmt: skip

FORMS: dict[str, tuple[type[forms.Form], str]] = {
    "contest": (ContestForm, "c"),
    "override": (OverrideForm, "o"),
    "clear": (ClearOverrideForm, "x"),
}


@login_required
@require_POST
def realisasi_figure(request: HttpRequest, realisasi_id: int) -> HttpResponse:
    """The owner contests the figure; the assessor overrides it or returns to the computed one."""
    realisasi = _load(request.user, realisasi_id)
    op = request.POST.get("op", "")
    if op not in FORMS:
        raise Http404
    allowed = is_skp_owner if op == "contest" else is_skp_assessor
    if not allowed(request.user, realisasi.skp):
        raise PermissionDenied
    form_class, prefix = FORMS[op]
    form = form_class(request.POST, prefix=f"{prefix}{realisasi.pk}")
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            if op == "contest":
                services.contest(
                    actor=request.user,
                    realisasi=realisasi,
                    reason=data["reason"],
                    version=data["version"],
                )
                messages.success(request, _("Keberatan atas angka dicatat untuk pejabat penilai."))
            elif op == "override":
                services.override(
                    actor=request.user,
                    realisasi=realisasi,
                    value=data["value"],
                    reason=data["reason"],
                    version=data["version"],
                )
                messages.success(request, _("Angka realisasi diubah."))
            else:
                services.clear_override(
                    actor=request.user, realisasi=realisasi, version=data["version"]
                )
                messages.success(request, _("Realisasi kembali memakai angka hasil perhitungan."))
        except ValidationError as exc:
            status = refuse(form, exc, lambda: _version(realisasi))
            if status == 409:
                realisasi.refresh_from_db(fields=FRESH)
        else:
            return redirect(_back_url(realisasi))
    return _page(request, realisasi, bound={op: form}, status=status)


def _version(realisasi: Realisasi) -> int:
    return Realisasi.objects.values_list("version", flat=True).get(pk=realisasi.pk)
