"""Background entry points of complaint handling: thin and idempotent."""

from __future__ import annotations

from django.tasks import task

from kinerja.complaints.services.citizen_mail import resend_pending, send_citizen_mail
from kinerja.complaints.services.overdue import send_overdue_notifications
from kinerja.org.models import Instansi


@task
def send_complaint_overdue_task() -> str:
    """Mail today's overdue complaint lists of every instansi (a recipient already mailed today
    is skipped, so a rerun the same day sends nothing), and the complainants' mails that failed
    in the last days."""
    sent = already = failed = 0
    for instansi_id in Instansi.objects.order_by("pk").values_list("pk", flat=True):
        run = send_overdue_notifications(instansi_id)
        sent, already, failed = sent + run.sent, already + run.already_sent, failed + run.failed
    resent, refailed = resend_pending()
    return (
        f"sent={sent} already={already} failed={failed} "
        f"citizen_resent={resent} citizen_failed={refailed}"
    )


@task
def mail_citizen_task(event_id: int) -> str:
    """Tell the complainant of one step of their complaint; a step already mailed is skipped."""
    return send_citizen_mail(event_id)
