"""Background entry points of the performance cycle: thin and idempotent."""

from __future__ import annotations

from django.tasks import task

from kinerja.performance.services.indicator_link import refresh_daily
from kinerja.performance.services.reminders import send_reminders


@task
def send_reminders_task() -> str:
    """Mail today's reminders; a user already mailed today is skipped, so reruns send nothing."""
    run = send_reminders()
    return (
        f"sent={run.sent} unsent={len(run.unsent)} already={run.already_sent} failed={run.failed}"
    )


@task
def refresh_indicators_task() -> str:
    """Recompute this month's complaint indicators (and last month's in its first week, for
    late answers) and fill the linked realisasi of the open periods; reruns change nothing
    when the complaints did not change."""
    run = refresh_daily()
    return f"ranges={run.ranges} filled={run.filled} changed={run.changed}"
