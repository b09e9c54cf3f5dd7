"""Running an import: from a file (command line) or from an :class:`ImportJob` (web, tasks)."""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import IO, Any

from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core.audit import record_event
from kinerja.core.spreadsheets import SpreadsheetError, read_table
from kinerja.employees.importing.applying import ImportRefused, apply_plan
from kinerja.employees.importing.planning import Plan, Rejection, build_plan
from kinerja.employees.models import ImportJob, ImportStatus
from kinerja.org.models import Instansi

logger = logging.getLogger(__name__)

#: ``on_progress(phase, done, total)``; phase is "checking" or "writing".
PhaseProgress = Callable[[str, int, int], None]
SAMPLE_SIZE = 100
CHECKING = "checking"
WRITING = "writing"


@dataclass
class ImportOutcome:
    """What an import found and did; ``applied`` is false for a dry run or a refusal."""

    counts: dict[str, int]
    rejections: list[Rejection]
    applied: bool
    file_sha256: str
    refused: str = ""
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def has_rejections(self) -> bool:
        return bool(self.rejections)


def _summary(plan: Plan) -> dict[str, Any]:
    """Counts plus samples for the preview page (at most ``SAMPLE_SIZE`` of each)."""
    label = plan.header.label
    return {
        **plan.counts,
        "ignored_columns": plan.header.ignored,
        "unknown_columns": plan.header.unknown,
        "new_positions": [
            {
                "name": p.name,
                "unit": p.unit.name,
                "jabatan_type": str(p.jabatan_type),
                "holders": p.holders,
            }
            for p in list(plan.new_positions.values())[:SAMPLE_SIZE]
        ],
        "sample_creates": [
            {"row": c.row, "nip": c.nip, "name": c.employee.name}
            for c in plan.creates[:SAMPLE_SIZE]
        ],
        "sample_updates": [
            {
                "row": c.row,
                "nip": c.nip,
                "name": c.employee.name,
                "fields": [label(f) for f in c.changed]
                + ([label("jabatan")] if c.move else [])
                + ([label("tmt_jabatan")] if c.retime else []),
            }
            for c in plan.updates[:SAMPLE_SIZE]
        ],
    }


def import_file(
    source: str | Path | IO[bytes],
    *,
    filename: str,
    instansi: Instansi,
    actor: Any,
    dry_run: bool,
    skip_invalid: bool = False,
    on_progress: PhaseProgress | None = None,
) -> ImportOutcome:
    """Check a file and, unless ``dry_run``, apply it (all or nothing unless ``skip_invalid``).

    Raises :class:`~kinerja.core.spreadsheets.SpreadsheetError` for a file that cannot be read
    or lacks a required column.
    """
    data = Path(source).read_bytes() if isinstance(source, (str, Path)) else _read(source)
    sha256 = hashlib.sha256(data).hexdigest()
    table = read_table(io.BytesIO(data), filename=filename)

    def checking(done: int, total: int) -> None:
        if on_progress is not None:
            on_progress(CHECKING, done, total)

    def writing(done: int, total: int) -> None:
        if on_progress is not None:
            on_progress(WRITING, done, total)

    plan = build_plan(table, instansi_id=instansi.pk, on_progress=checking)
    outcome = ImportOutcome(plan.counts, plan.rejections, False, sha256, summary=_summary(plan))
    if dry_run:
        return outcome
    writing(0, len(plan.creates) + len(plan.updates))
    try:
        apply_plan(
            plan, actor=actor, skip_invalid=skip_invalid, file_name=filename,
            file_sha256=sha256, on_progress=writing,
        )  # fmt: skip
    except ImportRefused as exc:
        outcome.refused = str(exc)
        return outcome
    outcome.applied = True
    return outcome


def _read(source: IO[bytes]) -> bytes:
    if hasattr(source, "seek"):
        source.seek(0)
    return source.read()


# --- ImportJob ------------------------------------------------------------------------------


def _job_progress(job: ImportJob) -> PhaseProgress:
    def update(phase: str, done: int, total: int) -> None:
        if phase == CHECKING:
            ImportJob.objects.filter(pk=job.pk).update(processed_rows=done, total_rows=total)
        elif done == 0:
            # Writing happens in one transaction: its progress could not be seen from outside,
            # so only the switch of phase is recorded (before the transaction starts).
            ImportJob.objects.filter(pk=job.pk).update(summary={**job.summary, "phase": WRITING})

    return update


def _open(job: ImportJob) -> bytes:
    with job.file.open("rb") as handle:
        return handle.read()


def _fail(job: ImportJob, message: str) -> None:
    job.status = ImportStatus.FAILED
    job.error = message
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "finished_at"])


def _run(job: ImportJob, *, actor: Any, dry_run: bool) -> ImportOutcome | None:
    try:
        data = _open(job)
        return import_file(
            io.BytesIO(data), filename=job.original_name, instansi=job.instansi, actor=actor,
            dry_run=dry_run, skip_invalid=job.skip_invalid, on_progress=_job_progress(job),
        )  # fmt: skip
    except SpreadsheetError as exc:
        _fail(job, str(exc))
    except FileNotFoundError:
        _fail(job, _("Berkas impor tidak ditemukan lagi; unggah ulang berkasnya."))
    except IntegrityError as exc:
        # Database messages can quote the offending values (NIPs): log the kind only.
        logger.warning("employee import job %s conflicted: %s", job.pk, type(exc).__name__)
        _fail(
            job,
            _(
                "Data berubah selama impor (misalnya pegawai yang sama ditambahkan bersamaan); "
                "tidak ada yang disimpan. Unggah dan terapkan ulang berkasnya."
            ),
        )
    except Exception as exc:
        logger.error("employee import job %s failed: %s", job.pk, type(exc).__name__)
        _fail(job, _("Terjadi kesalahan tak terduga; tidak ada data yang disimpan. Hubungi admin."))
    return None


def _store(job: ImportJob, outcome: ImportOutcome, phase: str) -> None:
    job.summary = {**outcome.summary, "phase": phase, "applied": outcome.applied}
    job.rejections = [r.as_dict() for r in outcome.rejections]
    job.total_rows = outcome.counts["total"]
    job.processed_rows = outcome.counts["total"]
    job.file_sha256 = outcome.file_sha256


def create_job(
    *, actor: Any, instansi: Instansi, upload: Any, skip_invalid: bool, row_count: int
) -> ImportJob:
    """Store an uploaded file (under MEDIA_ROOT) as a new job awaiting its preview."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    name = Path(upload.name).name[:255]
    job = ImportJob(
        instansi=instansi, created_by=actor, original_name=name, file_sha256=digest.hexdigest(),
        skip_invalid=skip_invalid, total_rows=row_count, status=ImportStatus.UPLOADED,
    )  # fmt: skip
    # The stored name is neutral: the original (often a person's or unit's name) stays in the
    # database only.
    job.file.save(
        f"impor-{timezone.now():%Y%m%d%H%M%S}{Path(name).suffix.lower()}", upload, save=False
    )
    job.save()
    return job


def preview_job(job: ImportJob) -> ImportJob:
    """Dry-run the job's file and store counts and rejections on the job."""
    job.status = ImportStatus.PREVIEWING
    job.processed_rows = 0
    job.error = ""
    job.summary = {"phase": CHECKING}
    job.save(update_fields=["status", "processed_rows", "error", "summary"])
    outcome = _run(job, actor=None, dry_run=True)
    if outcome is None:
        return job
    _store(job, outcome, "previewed")
    job.status = ImportStatus.PREVIEWED
    job.save()
    return job


def apply_job(job: ImportJob, *, actor: Any) -> ImportJob:
    """Check the job's file again against today's data and apply it.

    When rows are rejected and the job does not skip them, nothing is saved and the job goes
    back to the previewed state with the fresh rejections and a message.
    """
    if job.status == ImportStatus.APPLIED:
        return job  # applying twice is a no-op, whoever asks
    job.status = ImportStatus.APPLYING
    job.processed_rows = 0
    job.error = ""
    job.summary = {**job.summary, "phase": CHECKING}
    job.save(update_fields=["status", "processed_rows", "error", "summary", "skip_invalid"])
    outcome = _run(job, actor=actor, dry_run=False)
    if outcome is None:
        return job
    _store(job, outcome, "applied" if outcome.applied else "previewed")
    if outcome.applied:
        job.status = ImportStatus.APPLIED
        job.finished_at = timezone.now()
        # Data minimisation: the uploaded file is not needed once applied (its hash is kept).
        job.file.delete(save=False)
    else:
        job.status = ImportStatus.PREVIEWED
        job.error = outcome.refused
    job.save()
    return job


def prune_unapplied_files(*, actor: Any, older_than: timedelta) -> int:
    """Delete the uploaded files of jobs never applied and older than ``older_than``.

    An applied job's file is deleted at once; a file that was only previewed (or failed) holds
    personal data with no further use, so it must not stay on disk indefinitely. The job row,
    its summary and the file's hash stay for the record. Returns the number of files deleted.
    """
    cutoff = timezone.now() - older_than
    stale = (
        ImportJob.objects.filter(created_at__lt=cutoff)
        .exclude(file="")
        .exclude(status__in=[ImportStatus.APPLYING, ImportStatus.PREVIEWING])
    )
    deleted = 0
    for job in stale.iterator():
        job.file.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(file="")
        deleted += 1
    if deleted:
        record_event(
            actor=actor, action="import.files_pruned", after={"files": deleted, "cutoff": cutoff}
        )
    return deleted
