"""Background entry points for employee imports: thin and idempotent.

Each task loads its :class:`~kinerja.employees.models.ImportJob` and does nothing when the job
is already past the step it performs, so a task that runs twice (a retry, a duplicate enqueue)
changes nothing the second time.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.tasks import task

from kinerja.employees.importing import apply_job, preview_job
from kinerja.employees.models import ImportJob, ImportStatus


@task
def preview_import(job_id: int) -> str:
    """Dry-run an uploaded import file and store what it would do on the job."""
    job = ImportJob.objects.select_related("instansi").filter(pk=job_id).first()
    if job is None or job.status not in {ImportStatus.UPLOADED, ImportStatus.PREVIEWING}:
        return "skipped"
    return str(preview_job(job).status)


@task
def apply_import(job_id: int, actor_id: int | None = None) -> str:
    """Apply an import job; the actor is who confirmed it (by default who uploaded it)."""
    job = ImportJob.objects.select_related("instansi", "created_by").filter(pk=job_id).first()
    if job is None or job.status != ImportStatus.APPLYING:
        return "skipped"
    actor = job.created_by
    if actor_id is not None and actor_id != job.created_by_id:
        actor = get_user_model().objects.filter(pk=actor_id).first() or job.created_by
    return str(apply_job(job, actor=actor).status)
