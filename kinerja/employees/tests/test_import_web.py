"""The import pages (upload → preview → apply) and the directory export, per persona."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.core.models import AuditEvent
from kinerja.employees.models import Employee, ImportJob, ImportStatus
from kinerja.employees.tests.test_import import HEADER, person, write_rows

NOT_IMPORTERS = ["employee", "supervisor", "unit_admin", "auditor", "outsider", "foreign"]


@pytest.fixture(autouse=True)
def _media_and_tasks(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def upload(path: Path) -> SimpleUploadedFile:
    return SimpleUploadedFile(path.name, path.read_bytes())


def post_file(client: Any, path: Path, **extra: Any) -> Any:
    return client.post(reverse("employees:import"), {"file": upload(path), **extra})


def good_file(tmp_path: Path, bad: bool = False) -> Path:
    rows = [person(101), person(102)]
    if bad:
        rows.append(person(103, **{"Unor Id": "TIDAK-ADA"}))
    return write_rows(tmp_path / "pegawai.csv", rows)


def test_bkpsdm_upload_preview_apply(login, city, tmp_path):
    client = login("bkpsdm")
    page = client.get(reverse("employees:import"))
    assert page.status_code == 200
    assert "Unggah dan periksa" in page.content.decode()

    response = post_file(client, good_file(tmp_path))
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("employees:import_detail", args=[job.pk])
    assert job.status == ImportStatus.PREVIEWED
    assert job.summary["created"] == 2
    assert not Employee.objects.filter(nip=person(101)["Nip Baru"]).exists()
    assert Path(job.file.path).is_relative_to(Path(city_media(job)))

    detail = client.get(response["Location"]).content.decode()
    assert "Hasil pemeriksaan (belum disimpan)" in detail
    assert "Terapkan impor" in detail

    applied = client.post(reverse("employees:import_apply", args=[job.pk]))
    assert applied.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.APPLIED
    assert not job.file  # the uploaded file is removed once applied
    assert Employee.objects.filter(nip=person(101)["Nip Baru"]).count() == 1
    event = AuditEvent.objects.get(action="employees.import")
    assert event.actor_id == city.bkpsdm.user.pk
    assert (event.after or {})["file_sha256"] == job.file_sha256

    again = client.post(reverse("employees:import_apply", args=[job.pk]))
    assert again.status_code == 302
    assert AuditEvent.objects.filter(action="employees.import").count() == 1


def city_media(job: ImportJob) -> str:
    from django.conf import settings

    return str(settings.MEDIA_ROOT)


def test_large_file_runs_as_background_tasks(
    login, city, tmp_path, settings, django_capture_on_commit_callbacks
):
    settings.KINERJA_IMPORT_BACKGROUND_ROWS = 1
    client = login("bkpsdm")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        post_file(client, good_file(tmp_path))
    assert len(callbacks) == 1
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.PREVIEWED
    assert job.processed_rows == job.total_rows == 2
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("employees:import_apply", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.APPLIED
    assert Employee.objects.filter(nip=person(102)["Nip Baru"]).exists()


def test_progress_partial_polls_while_running_and_refreshes_when_done(login, city, tmp_path):
    client = login("bkpsdm")
    post_file(client, good_file(tmp_path))
    job = ImportJob.objects.get()
    url = reverse("employees:import_progress", args=[job.pk])
    done = client.get(url, headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"

    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.PREVIEWING, processed_rows=1, total_rows=2
    )
    running = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in running
    assert '<progress max="2" value="1">' in running
    assert "Muat ulang" in running
    assert "<html" not in running
    page = client.get(reverse("employees:import_detail", args=[job.pk])).content.decode()
    assert f'hx-get="{url}"' in page


def test_rejections_block_apply_unless_skipped(login, city, tmp_path):
    client = login("bkpsdm")
    post_file(client, good_file(tmp_path, bad=True))
    job = ImportJob.objects.get()
    detail = client.get(reverse("employees:import_detail", args=[job.pk])).content.decode()
    assert "TIDAK-ADA" in detail
    assert "Baris ditolak" in detail

    refused = client.post(reverse("employees:import_apply", args=[job.pk]), follow=True)
    assert "Ada 1 baris yang ditolak" in refused.content.decode()
    job.refresh_from_db()
    assert job.status == ImportStatus.PREVIEWED
    assert not Employee.objects.filter(nip=person(101)["Nip Baru"]).exists()

    client.post(reverse("employees:import_apply", args=[job.pk]), {"skip_invalid": "on"})
    job.refresh_from_db()
    assert job.status == ImportStatus.APPLIED
    assert job.skip_invalid
    assert Employee.objects.filter(nip=person(101)["Nip Baru"]).exists()
    assert not Employee.objects.filter(nip=person(103)["Nip Baru"]).exists()


def test_rejection_table_is_paginated(login, city, tmp_path):
    rows = [person(200 + i, **{"Unor Id": "TIDAK-ADA"}) for i in range(60)]
    client = login("bkpsdm")
    post_file(client, write_rows(tmp_path / "banyak.csv", rows))
    job = ImportJob.objects.get()
    first = client.get(reverse("employees:import_detail", args=[job.pk])).content.decode()
    assert "Halaman 1 dari 2" in first
    second = client.get(reverse("employees:import_detail", args=[job.pk]), {"page": 2})
    assert second.content.decode().count("TIDAK-ADA") == 10


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("pegawai.txt", b"Nip Baru\n1\n", "Jenis berkas tidak didukung"),
        ("pegawai.csv", b"Nama,Unor Id\nBudi,D1\n", "Kolom wajib tidak ditemukan"),
        ("pegawai.xlsx", b"bukan xlsx", "bukan XLSX yang sah"),
        ("pegawai.csv", ",".join(HEADER).encode() + b"\n", "tidak berisi baris data"),
    ],
)
def test_upload_errors_are_clear_and_keep_options(login, city, name, content, message):
    client = login("bkpsdm")
    response = client.post(
        reverse("employees:import"),
        {"file": SimpleUploadedFile(name, content), "skip_invalid": "on"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'name="skip_invalid" id="id_skip_invalid" checked' in html
    assert not ImportJob.objects.exists()


def test_upload_size_limit(login, city, settings, tmp_path):
    settings.KINERJA_IMPORT_MAX_UPLOAD_BYTES = 100
    response = post_file(login("bkpsdm"), good_file(tmp_path))
    assert "Berkas terlalu besar" in response.content.decode()


def test_superadmin_chooses_instansi(login, city, tmp_path):
    client = login("superadmin")
    html = client.get(reverse("employees:import")).content.decode()
    assert "Pemerintah Kota B" in html
    response = post_file(client, good_file(tmp_path), instansi=city.instansi.pk)
    assert response.status_code == 302
    assert ImportJob.objects.get().instansi == city.instansi


@pytest.mark.parametrize("persona", NOT_IMPORTERS)
def test_other_personas_get_403(login, city, persona, tmp_path):
    job = make_job(city, tmp_path)
    client = login(persona)
    assert client.get(reverse("employees:import")).status_code == 403
    assert client.get(reverse("employees:import_detail", args=[job.pk])).status_code == 403
    assert client.get(reverse("employees:import_progress", args=[job.pk])).status_code == 403
    assert client.post(reverse("employees:import_apply", args=[job.pk])).status_code == 403
    assert client.get(reverse("employees:import_sample")).status_code == 403


def test_anonymous_is_sent_to_login(login, city):
    response = login("anonymous").get(reverse("employees:import"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_job_of_another_instansi_is_404(login, city, tmp_path):
    job = make_job(city, tmp_path, instansi=city.other_instansi)
    client = login("bkpsdm")
    assert client.get(reverse("employees:import_detail", args=[job.pk])).status_code == 404
    assert client.post(reverse("employees:import_apply", args=[job.pk])).status_code == 404
    assert client.get(reverse("employees:import_detail", args=[999999])).status_code == 404
    assert (
        login("superadmin").get(reverse("employees:import_detail", args=[job.pk])).status_code
        == 200
    )


def make_job(city: Any, tmp_path: Path, instansi: Any = None) -> ImportJob:
    from kinerja.employees.importing.jobs import create_job

    path = good_file(tmp_path)
    return create_job(
        actor=city.superadmin, instansi=instansi or city.instansi, upload=upload(path),
        skip_invalid=False, row_count=2,
    )  # fmt: skip


def test_sample_file_has_documented_columns(login, city):
    response = login("bkpsdm").get(reverse("employees:import_sample"))
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Nip Baru,Nama,Gelar Depan")
    assert "attachment" in response["Content-Disposition"]


# --- directory export -------------------------------------------------------------------------


def test_export_limited_to_what_the_user_sees(login, city):
    response = login("employee").get(reverse("employees:export"), {"format": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert len(lines) == 2  # the header and the employee's own record
    assert city.employee.nip in lines[1]


def test_export_filters_and_xlsx(login, city):
    client = login("bkpsdm")
    response = client.get(reverse("employees:export"), {"format": "xlsx", "q": "Dewi"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="pegawai-' in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    assert data.startswith(b"PK")
    event = AuditEvent.objects.get(action="employees.export")
    assert event.after == {"count": 1, "format": "xlsx", "filters": {"q": "Dewi"}}
    everyone = client.get(reverse("employees:export"))
    text = b"".join(everyone.streaming_content).decode("utf-8-sig")
    assert city.foreign.nip not in text
    assert city.outsider.nip in text


def test_export_anonymous_is_sent_to_login(login, city):
    assert login("anonymous").get(reverse("employees:export")).status_code == 302


def test_tasks_are_idempotent(login, city, tmp_path):
    from kinerja.employees import tasks

    job = make_job(city, tmp_path)
    assert tasks.preview_import.call(job.pk) == ImportStatus.PREVIEWED
    assert tasks.preview_import.call(job.pk) == "skipped"
    assert tasks.apply_import.call(job.pk) == "skipped"  # not confirmed yet
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.APPLYING)
    assert tasks.apply_import.call(job.pk, city.bkpsdm.user.pk) == ImportStatus.APPLIED
    assert tasks.apply_import.call(job.pk, city.bkpsdm.user.pk) == "skipped"
    assert Employee.objects.filter(nip=person(101)["Nip Baru"]).count() == 1
    event = AuditEvent.objects.get(action="employees.import")
    assert event.actor_id == city.bkpsdm.user.pk
    assert tasks.apply_import.call(999999) == "skipped"


def test_failure_while_applying_saves_nothing_and_says_so(login, city, tmp_path, monkeypatch):
    from kinerja.employees.importing import applying

    def broken(batch: Any) -> None:
        raise RuntimeError("koneksi terputus")

    monkeypatch.setattr(applying, "_insert_assignments", broken)
    client = login("bkpsdm")
    post_file(client, good_file(tmp_path))
    job = ImportJob.objects.get()
    before = (Employee.objects.count(), AuditEvent.objects.count())
    page = client.post(reverse("employees:import_apply", args=[job.pk]), follow=True)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert "tidak ada data yang disimpan" in page.content.decode()
    assert (Employee.objects.count(), AuditEvent.objects.count()) == before
