"""Employee import (upload → preview → apply, with progress) and the directory export."""

from __future__ import annotations

import io
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from kinerja.accounts.roles import principal_for
from kinerja.core.spreadsheets import Format, write_csv
from kinerja.employees import tasks
from kinerja.employees.exporting import CONTENT_TYPES, export_directory
from kinerja.employees.filters import filter_employees
from kinerja.employees.importing.access import get_import_job_for_user, require_importer
from kinerja.employees.importing.columns import EXPORT_HEADER
from kinerja.employees.importing.forms import ImportUploadForm
from kinerja.employees.importing.jobs import apply_job, create_job, preview_job
from kinerja.employees.models import Employee, ImportJob, ImportStatus
from kinerja.employees.nip import make_nip

REJECTIONS_PER_PAGE = 50
RECENT_JOBS = 20
RUNNING = {ImportStatus.UPLOADED, ImportStatus.PREVIEWING, ImportStatus.APPLYING}


def _in_background(job: ImportJob) -> bool:
    """Large files go to the task queue; small ones are quicker done within the request."""
    return job.total_rows > settings.KINERJA_IMPORT_BACKGROUND_ROWS


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    """The upload form and the recent imports of my instansi (Admin BKPSDM, superadmin)."""
    choices = require_importer(request.user)
    posted = request.method == "POST"
    form = ImportUploadForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        instansi_choices=choices,
    )
    if request.method == "POST" and form.is_valid():
        job = create_job(
            actor=request.user, instansi=form.cleaned_data["instansi"],
            upload=form.cleaned_data["file"], skip_invalid=form.cleaned_data["skip_invalid"],
            row_count=form.row_count,
        )  # fmt: skip
        if _in_background(job):
            transaction.on_commit(lambda: tasks.preview_import.enqueue(job.pk))
        else:
            preview_job(job)
        return redirect("employees:import_detail", job_id=job.pk)
    jobs = (
        ImportJob.objects.filter(instansi__in=choices)
        .select_related("created_by", "instansi")
        .order_by("-created_at")[:RECENT_JOBS]
    )
    return render(
        request,
        "employees/import.html",
        {"form": form, "jobs": jobs, "many_instansi": len(choices) > 1},
    )


def _detail_context(request: HttpRequest, job: ImportJob) -> dict[str, object]:
    page = Paginator(job.rejections, REJECTIONS_PER_PAGE).get_page(request.GET.get("page"))
    summary = job.summary or {}
    return {
        "job": job,
        "summary": summary,
        "running": job.status in RUNNING,
        "writing": summary.get("phase") == "writing",
        "page_obj": page,
        "can_apply": job.status == ImportStatus.PREVIEWED,
    }


@login_required
def import_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    """What the file would do (or did): counts, rejections, samples, and the Apply button."""
    job = get_import_job_for_user(request.user, job_id)
    return render(request, "employees/import_detail.html", _detail_context(request, job))


@login_required
def import_progress(request: HttpRequest, job_id: int) -> HttpResponse:
    """The progress partial, polled by htmx while the job runs; reloads the page when done."""
    job = get_import_job_for_user(request.user, job_id)
    if request.htmx and job.status not in RUNNING:  # type: ignore[attr-defined]
        return HttpResponseClientRefresh()
    return render(request, "employees/import_detail.html#progress", _detail_context(request, job))


@login_required
@require_POST
def import_apply(request: HttpRequest, job_id: int) -> HttpResponse:
    """Confirm a previewed job. All or nothing unless invalid rows are to be skipped."""
    job = get_import_job_for_user(request.user, job_id)
    skip_invalid = request.POST.get("skip_invalid") == "on"
    if job.status != ImportStatus.PREVIEWED:
        messages.warning(request, _("Impor ini tidak dalam keadaan siap diterapkan."))
        return redirect("employees:import_detail", job_id=job.pk)
    if job.rejections and not skip_invalid:
        messages.error(
            request,
            _(
                "Ada %(n)d baris yang ditolak. Perbaiki berkasnya lalu unggah ulang, atau centang "
                "“lewati baris yang tidak valid”."
            )
            % {"n": len(job.rejections)},
        )
        return redirect("employees:import_detail", job_id=job.pk)
    # Claim the job atomically so that a double click applies it once.
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.PREVIEWED).update(
        status=ImportStatus.APPLYING, skip_invalid=skip_invalid
    )
    if not claimed:
        messages.warning(request, _("Impor ini sedang atau sudah diterapkan."))
        return redirect("employees:import_detail", job_id=job.pk)
    job.refresh_from_db()
    if _in_background(job):
        actor_id = request.user.pk
        transaction.on_commit(lambda: tasks.apply_import.enqueue(job.pk, actor_id))
    else:
        apply_job(job, actor=request.user)
        if job.status == ImportStatus.APPLIED:
            messages.success(request, _("Impor selesai diterapkan."))
    return redirect("employees:import_detail", job_id=job.pk)


@login_required
def import_sample(request: HttpRequest) -> HttpResponse:
    """A small CSV showing the columns and formats (the people in it are fictitious)."""
    require_importer(request.user)
    header = list(EXPORT_HEADER)
    examples = [
        {
            "Nip Baru": make_nip(date(1990, 5, 17), 2015, 3, "P", 1), "Nama": "Contoh Pegawai Satu",
            "Gelar Belakang": "S.E.", "Tempat Lahir": "Surakarta", "Tgl Lahir": "17-05-1990",
            "Jenis Kelamin": "P", "Status Pegawai": "PNS", "Kedudukan Pns Nama": "Aktif",
            "Tmt Cpns": "01-03-2015", "Tmt Pns": "01-03-2016", "Gol Ruang Akhir Id": "32",
            "Gol Ruang Akhir": "III/b", "Tmt Gol Akhir": "01-04-2020", "Jenis Jabatan Id": "4",
            "Jenis Jabatan": "Pelaksana", "Jabatan Nama": "Pengadministrasi Perkantoran",
            "Tmt Jabatan": "01-01-2023", "Unor Id": "KODE-UNOR", "Unor Nama": "Nama unit",
            "Tk Pendidikan Terakhir": "S-1", "Pendidikan Terakhir Nama": "S-1 Manajemen",
            "Tahun Lulus": "2012", "Email": "contoh.satu@contoh.go.id", "No Hp": "081200000001",
        },
        {
            "Nip Baru": make_nip(date(1988, 11, 2), 2019, 1, "L", 2), "Nama": "Contoh Pegawai Dua",
            "Tgl Lahir": "1988-11-02", "Jenis Kelamin": "L", "Status Pegawai": "PNS",
            "Gol Ruang Akhir": "III/a", "Jenis Jabatan": "Fungsional",
            "Jabatan Nama": "Pranata Komputer Ahli Pertama", "Jenjang": "Ahli Pertama",
            "Tmt Jabatan": "2021-06-01", "Unor Id": "KODE-UNOR", "Tk Pendidikan Terakhir": "S-1",
        },
    ]  # fmt: skip
    buffer = io.BytesIO()
    write_csv(buffer, header, [[row.get(h, "") for h in header] for row in examples])
    response = HttpResponse(buffer.getvalue(), content_type=CONTENT_TYPES["csv"])
    response["Content-Disposition"] = 'attachment; filename="contoh-impor-pegawai.csv"'
    return response


@login_required
def export(request: HttpRequest) -> FileResponse:
    """The filtered directory as CSV or XLSX: only employees the user may see."""
    fmt: Format = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    params = request.GET.copy()
    for name in ("format", "page"):
        params.pop(name, None)
    base = Employee.objects.visible_to(request.user)
    _filterset, queryset = filter_employees(params, base, request)
    handle, filename = export_directory(
        actor=request.user, queryset=queryset, fmt=fmt,
        filters={k: str(v) for k, v in params.items() if v},
        instansi_id=principal_for(request.user).home_instansi_id,
    )  # fmt: skip
    return FileResponse(
        handle, as_attachment=True, filename=filename, content_type=CONTENT_TYPES[fmt]
    )
