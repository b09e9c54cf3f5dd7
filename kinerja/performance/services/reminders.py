"""Mailing the reminders (issue 3 §1): one plain-text e-mail per user per day.

Run daily by ``manage.py send_reminders`` or the ``send_reminders_task`` background task. Each
mail sent is recorded in the audit log as ``reminder.sent`` on the user (the count and kinds,
never the text), and a user who already has that event today is skipped, so running the job
twice a day sends nothing more.

Mail counts as configured unless the default mailer is the console or dummy backend (which is
what the settings choose when ``EMAIL_HOST`` is empty). Otherwise nothing is sent or recorded:
the run lists what it would have sent.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kinerja.core.audit import record_event
from kinerja.core.mail import mail_configured
from kinerja.core.models import AuditEvent
from kinerja.performance.selectors_reminders import Reminder, reminders_for

logger = logging.getLogger(__name__)

ACTION = "reminder.sent"


@dataclass
class Outgoing:
    user_id: int
    email: str
    subject: str
    body: str


@dataclass
class ReminderRun:
    """What one run did: mails sent, users skipped (already sent today), failures, and the
    mails not sent because of ``dry_run`` or mail not being configured."""

    configured: bool
    dry_run: bool
    sent: int = 0
    already_sent: int = 0
    failed: int = 0
    unsent: list[Outgoing] = field(default_factory=list)


def compose(reminders: list[Reminder]) -> tuple[str, str]:
    """Subject and plain-text body of the reminder mail."""
    subject = _("Kinerja: %(count)d pengingat") % {"count": len(reminders)}
    lines = [_("Yth. Bapak/Ibu,"), "", _("Hal berikut perlu Anda selesaikan di Kinerja:"), ""]
    for reminder in reminders:
        lines.append(f"- {reminder.message}")
        lines.append(f"  {reminder.url}")
    lines += [
        "",
        _("Surel ini dikirim otomatis paling banyak sekali sehari; jangan dibalas."),
    ]
    return subject, "\n".join(lines) + "\n"


def send_reminders(*, today: date | None = None, dry_run: bool = False) -> ReminderRun:
    """Mail every active user with an e-mail address their reminders, once a day.

    ``today`` is the day the reminders are computed for (default: today); the once-a-day check
    is on the day the mail is actually sent.
    """
    User = get_user_model()
    run = ReminderRun(configured=mail_configured(), dry_run=dry_run)
    deliver = run.configured and not dry_run
    sent_today = set(
        AuditEvent.objects.filter(
            action=ACTION,
            target_type=User._meta.label_lower,
            created_at__date=timezone.localdate(),
        ).values_list("target_id", flat=True)
    )
    users = (
        User.objects.filter(is_active=True, employee__isnull=False).exclude(email="").order_by("pk")
    )
    with translation.override(settings.LANGUAGE_CODE):
        for user in users.iterator(chunk_size=500):
            if str(user.pk) in sent_today:
                run.already_sent += 1
                continue
            reminders = reminders_for(user, today=today)
            if not reminders:
                continue
            subject, body = compose(reminders)
            if not deliver:
                run.unsent.append(Outgoing(user.pk, user.email, subject, body))
                continue
            try:
                send_mail(subject, body, None, [user.email])
            except Exception:  # one bad address or a mail-server hiccup must not stop the run
                logger.exception("reminder mail to user %s failed", user.pk)
                run.failed += 1
                continue
            record_event(
                actor=None,
                action=ACTION,
                target=user,
                target_label=f"#{user.pk}",
                after={"count": len(reminders), "kinds": sorted({r.kind for r in reminders})},
            )
            run.sent += 1
    return run
