"""Uploaded files of imports never applied are deleted after a while."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from kinerja.core.models import AuditEvent
from kinerja.employees.models import ImportJob, ImportStatus


def _job(city, status, age_days, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    job = ImportJob(
        instansi=city.instansi, created_by=city.superadmin, original_name="a.csv", status=status
    )
    job.file.save("a.csv", ContentFile(b"Nip Baru;Nama\n"), save=False)
    job.save()
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(days=age_days))
    job.refresh_from_db()
    return job


def test_old_unapplied_files_are_deleted_and_recent_ones_kept(city, settings, tmp_path, capsys):
    old = _job(city, ImportStatus.PREVIEWED, 10, settings, tmp_path)
    recent = _job(city, ImportStatus.PREVIEWED, 1, settings, tmp_path)
    running = _job(city, ImportStatus.APPLYING, 10, settings, tmp_path)
    old_path = old.file.path
    call_command("prune_import_files", "--days", "7")
    assert "1 berkas" in capsys.readouterr().out
    old.refresh_from_db()
    assert not old.file and not (tmp_path / old_path).exists()
    assert ImportJob.objects.get(pk=recent.pk).file and ImportJob.objects.get(pk=running.pk).file
    assert AuditEvent.objects.filter(action="import.files_pruned").count() == 1


def test_days_must_be_positive(city):
    with pytest.raises(CommandError, match="minimal 1"):
        call_command("prune_import_files", "--days", "0")
