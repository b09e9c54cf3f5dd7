"""Background entry points of the performance cycle: thin and idempotent."""

from __future__ import annotations

from django.tasks import task

from kinerja.performance.services.reminders import send_reminders


@task
def send_reminders_task() -> str:
    """Mail today's reminders; a user already mailed today is skipped, so reruns send nothing."""
    run = send_reminders()
    return (
        f"sent={run.sent} unsent={len(run.unsent)} already={run.already_sent} failed={run.failed}"
    )
