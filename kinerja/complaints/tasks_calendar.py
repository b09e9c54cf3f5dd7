"""Background recomputation of complaint times after a change to working time.

Enqueued by :mod:`kinerja.complaints.services.calendar` when a change to holidays, the work
schedule or the service levels affects more complaints than are recomputed inside the request.
Idempotent: the recomputation derives everything from the stored timestamps and the current
settings, so a retry or a duplicate run changes nothing more.
"""

from __future__ import annotations

from django.tasks import task

from kinerja.complaints.services.calendar import recompute_times
from kinerja.core.audit import record_event


@task
def recompute_complaint_times_task(instansi_id: int, years: list[int] | None = None) -> str:
    """Recompute the instansi's stored due times and working minutes (``years``: see
    :func:`~kinerja.complaints.services.calendar.recompute_times`)."""
    changed = recompute_times(instansi_id, years=years)
    record_event(
        actor=None,
        action="complaint_settings.recompute",
        target_label=", ".join(str(y) for y in years) if years else "",
        after={"years": years, "recomputed": changed},
        instansi_id=instansi_id,
    )
    return f"recomputed={changed}"
