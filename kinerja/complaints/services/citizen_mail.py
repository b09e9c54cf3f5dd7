"""Telling the complainant by e-mail when their complaint takes a step they wait for (issue 4
§2): routed to an OPD, answered and done, rejected or not the city's, reopened by the verifier.

Only complaints filed with Kinerja itself (the public form, staff entry: no channel id) are
mailed; a complaint imported from ULAS or SP4N-LAPOR! is answered through its own channel. A
step is mailed at most once (``ComplaintEvent.citizen_mailed_at``), after its transaction
commits, from a background task. The mail carries the tracking code, the title, the new status,
the public answer or reason, and the tracking page's link; the address itself is never logged.
A mail that could not be sent is tried again by the daily overdue run (:func:`resend_pending`).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kinerja.complaints.models import ComplaintEvent, Response, ResponseKind
from kinerja.complaints.sla import settings_for
from kinerja.core.mail import mail_configured, site_link

logger = logging.getLogger(__name__)

#: Workflow steps the complainant is told of (when a member of staff takes them).
MAILED_STEPS = frozenset({"route", "accept", "reject", "not_ours", "reopen"})
#: A step whose mail failed is tried again by the daily run for this long.
RETRY_DAYS = 7


def wants_mail(event: ComplaintEvent) -> bool:
    """Whether ``event`` is one the complainant should hear of by e-mail."""
    c = event.complaint
    return (
        event.action in MAILED_STEPS
        and event.actor_id is not None
        and bool(c.complainant_email)
        and not c.external_id
    )


def compose(event: ComplaintEvent) -> tuple[str, str]:
    """Subject and plain-text body of the mail about one step."""
    c = event.complaint
    status = c.get_status_display() if event.to_status == c.status else event.to_status
    subject = _("Aduan %(code)s: %(status)s") % {"code": c.tracking_code, "status": status}
    lines = [
        _("Yth. Bapak/Ibu %(name)s,") % {"name": c.complainant_name or _("pelapor")},
        "",
        _("Aduan Anda “%(title)s” (kode lacak %(code)s) kini berstatus: %(status)s.")
        % {"title": c.title, "code": c.tracking_code, "status": status},
        "",
    ]
    if event.action == "route" and event.unit is not None:
        lines.append(
            _("Aduan diteruskan kepada %(unit)s untuk ditindaklanjuti.") % {"unit": event.unit}
        )
    elif event.action == "accept":
        answer = (
            Response.objects.filter(complaint=c, kind=ResponseKind.FOLLOW_UP)
            .order_by("-at", "-id")
            .first()
        )
        if answer is not None:
            lines += [_("Jawaban tindak lanjut:"), answer.body, ""]
        days = settings_for(c.instansi_id).reopen_days
        lines.append(
            _(
                "Beri penilaian atas jawaban ini, atau buka kembali aduan bila belum"
                " terselesaikan, dalam %(days)s hari."
            )
            % {"days": days}
        )
    elif event.note:
        lines += [_("Alasan:"), event.note]
    lines += [
        "",
        _("Lacak aduan: %(link)s")
        % {"link": site_link(reverse("layanan:track", args=[c.tracking_code]))},
        _("Surel ini dikirim otomatis; jangan dibalas."),
    ]
    return subject, "\n".join(lines) + "\n"


class MailFailed(Exception):
    """The mail server refused or could not be reached (the message names no address)."""


def send_citizen_mail(event_id: int) -> str:
    """Mail the complainant about one step, once: ``sent``, ``already`` (mailed before),
    ``skipped`` (not a step they are mailed of, or mail not configured). A failure to send
    raises :class:`MailFailed`, leaving the step unmarked so that a retry sends it."""
    with transaction.atomic():
        event = (
            ComplaintEvent.objects.select_for_update(of=("self",))
            .select_related("complaint", "unit")
            .filter(pk=event_id)
            .first()
        )
        if event is None or event.citizen_mailed_at is not None:
            return "already"
        if not wants_mail(event) or not mail_configured():
            return "skipped"
        with translation.override(settings.LANGUAGE_CODE):
            subject, body = compose(event)
        try:
            send_mail(subject, body, None, [event.complaint.complainant_email])
        except Exception as exc:  # a mail error may quote the address: keep only its kind
            raise MailFailed(f"step {event_id}: {type(exc).__name__}") from None
        event.citizen_mailed_at = timezone.now()
        event.save(update_fields=["citizen_mailed_at"])
    logger.info("complaint %s: complainant told of step %s", event.complaint_id, event.action)
    return "sent"


def resend_pending(now: datetime | None = None) -> tuple[int, int]:
    """Send the mails of the last :data:`RETRY_DAYS` days' steps that are still unsent (the
    server was down when their task ran): (sent, failed). Run daily with the overdue mail."""
    if not mail_configured():
        return 0, 0
    since = (now or timezone.now()) - timedelta(days=RETRY_DAYS)
    pending = (
        ComplaintEvent.objects.filter(
            citizen_mailed_at__isnull=True,
            action__in=MAILED_STEPS,
            actor__isnull=False,
            at__gte=since,
            complaint__external_id="",
        )
        .exclude(complaint__complainant_email="")
        .order_by("at", "pk")
        .values_list("pk", flat=True)
    )
    sent = failed = 0
    for event_id in pending:
        try:
            if send_citizen_mail(event_id) == "sent":
                sent += 1
        except MailFailed as exc:  # the server is still down: the next daily run tries again
            logger.warning("mail to a complainant failed again: %s", exc)
            failed += 1
    return sent, failed
