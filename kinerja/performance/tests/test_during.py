"""During the period (issue 3 §3): realisasi rules, evidence files and links (stored privately,
checked by content, downloaded as attachments by readers only), the activity log, feedback
threads and dialog kinerja."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from kinerja.core.models import AuditEvent
from kinerja.performance import evidence_files
from kinerja.performance import services as period_services
from kinerja.performance.models import (
    Activity,
    DialogKinerja,
    Evidence,
    Feedback,
    Period,
    PeriodKind,
    Realisasi,
    Skp,
    SkpState,
)
from kinerja.performance.selectors_during import realisasi_for
from kinerja.performance.services import dialogue, during
from kinerja.performance.services import skp as skp_services
from kinerja.performance.tests.factories import add_rhk, approved_cascade
from kinerja.performance.tests.factories_during import (
    PDF,
    EmployeeSkp,
    approved_employee_skp,
    file_evidence,
    numeric_realisasi,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    """Uploaded files go to a fresh MEDIA_ROOT for each test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def data(city: Any) -> EmployeeSkp:
    return approved_employee_skp(city)


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _page(data: EmployeeSkp) -> str:
    return f"{reverse('performance:realisasi', args=[data.skp.pk])}?period={data.period.pk}"


def _messages(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(exc.value.messages)


# --- realisasi -------------------------------------------------------------------------------


def test_owner_records_numeric_and_qualitative_realisasi(city: Any, data: EmployeeSkp) -> None:
    user = city.employee.user
    first = during.record_realisasi(
        actor=user, iki=data.iki, period=data.period, version=0, value=Decimal("7"), note=""
    )
    assert first.version == 1 and first.skp_id == data.skp.pk
    again = during.record_realisasi(
        actor=user, iki=data.iki, period=data.period, version=1, value=Decimal("9.5"), note="x"
    )
    assert again.pk == first.pk and again.value == Decimal("9.5") and again.version == 2
    event = AuditEvent.objects.filter(action="realisasi.record").latest("id")
    assert event.before == {"value": "7.00"} and (event.after or {})["value"] == "9.5"
    assert "x" not in str(event.after or {})  # the note's text stays out of the audit trail
    quali = during.record_realisasi(
        actor=user, iki=data.quali, period=data.period, version=0, value=None, note="Rapi."
    )
    assert quali.value is None and quali.note == "Rapi."


@pytest.mark.parametrize(
    ("quantitative", "value", "note", "field", "message"),
    [
        (True, None, "", "value", "berupa angka"),
        (True, Decimal("-1"), "", "value", "tidak boleh negatif"),
        (False, Decimal("3"), "Ada", "value", "bukan angka"),
        (False, None, "  ", "note", "Uraikan realisasi"),
    ],
)
def test_numeric_and_qualitative_rules(
    city: Any,
    data: EmployeeSkp,
    quantitative: bool,
    value: Decimal | None,
    note: str,
    field: str,
    message: str,
) -> None:
    iki = data.iki if quantitative else data.quali
    with pytest.raises(ValidationError) as exc:
        during.record_realisasi(
            actor=city.employee.user, iki=iki, period=data.period, version=0, value=value, note=note
        )
    assert message in " ".join(exc.value.message_dict[field])
    assert not Realisasi.objects.exists()


def test_only_the_owner_records_realisasi(city: Any, data: EmployeeSkp, login: Any) -> None:
    for user in (city.kasi.user, city.bkpsdm.user, city.superadmin):
        with pytest.raises(PermissionDenied):
            during.record_realisasi(
                actor=user, iki=data.iki, period=data.period, version=0, value=Decimal(1)
            )
    post = {"op": "realisasi", "iki": data.iki.pk, f"r{data.iki.pk}-version": "0",
            f"r{data.iki.pk}-value": "4"}  # fmt: skip
    assert login("supervisor").post(_page(data), post).status_code == 403
    assert login("auditor").post(_page(data), post).status_code == 403
    assert login("outsider").post(_page(data), post).status_code == 404
    assert login("employee").post(_page(data), post).status_code == 302
    assert Realisasi.objects.get().value == Decimal(4)


def test_realisasi_needs_an_approved_skp(city: Any) -> None:
    cascade = approved_cascade(city)
    skp = skp_services.start_skp(
        actor=city.employee.user, employee=city.employee, performance_year=cascade.year
    )
    rhk = add_rhk(skp, "Tercatatnya aduan", supports=cascade.kasi_rhk)
    skp_services.submit_skp(actor=city.employee.user, skp=skp, version=None)
    iki = rhk.ikis.get()
    period = Period.objects.filter(performance_year=cascade.year, kind=PeriodKind.PERIODIC)[0]
    with pytest.raises(ValidationError) as exc:
        during.record_realisasi(
            actor=city.employee.user, iki=iki, period=period, version=0, value=Decimal(1)
        )
    assert "sudah disetujui" in _messages(exc)


def test_realisasi_only_in_open_periodic_periods_of_the_skp(city: Any, data: EmployeeSkp) -> None:
    user = city.employee.user

    def record(period: Period) -> str:
        with pytest.raises(ValidationError) as exc:
            during.record_realisasi(
                actor=user, iki=data.iki, period=period, version=0, value=Decimal(1)
            )
        return _messages(exc)

    annual = Period.objects.get(performance_year=data.skp.performance_year, kind=PeriodKind.ANNUAL)
    assert "bukan periode penilaian periodik" in record(annual)
    other_year = period_services.create_year(
        actor=city.bkpsdm.user,
        instansi=city.instansi,
        year=data.skp.performance_year.year - 1,
        cadence="quarterly",
        skp_deadline=data.period.starts.replace(year=data.period.starts.year - 1, month=1, day=31),
    )
    assert "bukan periode" in record(other_year.periods.get(kind="periodic", number=1))
    # An SKP that no longer covers the current period (the employee moved post).
    current = data.period
    if current.number > 1:
        Skp.objects.filter(pk=data.skp.pk).update(ends=current.starts - timedelta(days=1))
    else:
        Skp.objects.filter(pk=data.skp.pk).update(starts=current.ends + timedelta(days=1))
    data.iki.rhk.skp.refresh_from_db()
    assert "bukan periode" in record(current)
    Skp.objects.filter(pk=data.skp.pk).update(starts=data.skp.starts, ends=data.skp.ends)
    data.iki.rhk.skp.refresh_from_db()
    period_services.set_period_state(actor=city.bkpsdm.user, period=current, state="closed")
    current.refresh_from_db()
    assert "sudah ditutup" in record(current)
    assert not Realisasi.objects.exists()


def test_a_stale_realisasi_form_is_refused_and_keeps_what_was_typed(
    city: Any, data: EmployeeSkp, login: Any
) -> None:
    numeric_realisasi(city, data, "5")  # saved elsewhere after the form was drawn (version 0)
    with pytest.raises(during.Stale):
        during.record_realisasi(
            actor=city.employee.user, iki=data.iki, period=data.period, version=0, value=Decimal(6)
        )
    prefix = f"r{data.iki.pk}"
    response = login("employee").post(
        _page(data),
        {"op": "realisasi", "iki": data.iki.pk, f"{prefix}-version": "0",
         f"{prefix}-value": "8", f"{prefix}-note": "Catatan unik saya"},
    )  # fmt: skip
    assert response.status_code == 409
    assert "baru saja diubah" in response.text and "Catatan unik saya" in response.text
    assert f'name="{prefix}-version" value="1"' in response.text
    assert Realisasi.objects.get().value == Decimal(5)


def test_bad_realisasi_re_renders_with_400(city: Any, data: EmployeeSkp, login: Any) -> None:
    prefix = f"r{data.quali.pk}"
    response = login("employee").post(
        _page(data),
        {"op": "realisasi", "iki": data.quali.pk, f"{prefix}-version": "0",
         f"{prefix}-note": ""},
    )  # fmt: skip
    assert response.status_code == 400 and "Uraikan realisasi" in response.text


def test_readers_see_the_page_read_only(city: Any, data: EmployeeSkp, login: Any) -> None:
    numeric_realisasi(city, data, "5")
    own = login("employee").get(_page(data))
    assert own.status_code == 200 and "Simpan realisasi" in own.text
    for persona in ("supervisor", "auditor", "unit_admin"):
        page = login(persona).get(_page(data))
        assert page.status_code == 200
        assert "Simpan realisasi" not in page.text and "Catat kegiatan" not in page.text
    assert login("outsider").get(_page(data)).status_code == 404


def test_the_page_does_a_bounded_number_of_queries(
    city: Any, data: EmployeeSkp, login: Any, django_assert_max_num_queries: Any
) -> None:
    file_evidence(city, data)
    numeric_realisasi(city, data)
    client = login("employee")
    client.get(_page(data))  # warm the session and caches
    with django_assert_max_num_queries(25):
        assert client.get(_page(data)).status_code == 200


# --- evidence files --------------------------------------------------------------------------


def test_allowed_file_is_stored_privately_and_downloaded_as_attachment(
    city: Any, data: EmployeeSkp, login: Any, media: Path
) -> None:
    prefix = f"f{data.iki.pk}"
    response = login("employee").post(
        _page(data),
        {"op": "file", "iki": data.iki.pk, f"{prefix}-file": pdf_upload(),
         f"{prefix}-description": "Rekap"},
    )  # fmt: skip
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    path = Path(evidence.file.path)
    assert path.is_file() and path.read_bytes() == PDF
    assert path.is_relative_to(media) and not path.is_relative_to(django_settings.STATIC_ROOT)
    relative = path.relative_to(media).parts
    today = timezone.localdate()
    assert relative[:4] == ("evidence", str(city.instansi.pk), f"{today:%Y}", f"{today:%m}")
    assert len(relative[4]) == len("0" * 32 + ".pdf") and relative[4].endswith(".pdf")
    assert "Dewi" not in (evidence.file.name or "")  # no original name or personal data in the path
    assert evidence.original_name == "Laporan Dewi Lestari.pdf"
    assert evidence.content_type == "application/pdf" and evidence.size == len(PDF)
    assert Realisasi.objects.get().value is None  # evidence may come before the number

    download = login("supervisor").get(reverse("performance:evidence_download", args=[evidence.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert "Laporan Dewi Lestari.pdf" in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF
    event = AuditEvent.objects.get(action="evidence.add")
    assert (event.after or {})["name"] == "Laporan Dewi Lestari.pdf" and "%PDF" not in str(
        event.after or {}
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("laporan.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 64, "tidak sesuai"),
        ("laporan.html", b"<!doctype html><script>alert(1)</script>", ".html tidak diizinkan"),
        ("gambar.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", ".svg tidak diizinkan"),
        ("catatan.txt", b"<html><body><script>x()</script></body></html>", "tidak sesuai"),
        ("foto.png", b"\xff\xd8\xff\xe0 not a png", "tidak sesuai"),
        ("program.exe", b"MZ\x90\x00", ".exe tidak diizinkan"),
        ("tanpa-ekstensi", PDF, "tanpa ekstensi"),
        ("kosong.pdf", b"", "Berkas kosong"),
    ],
)
def test_refused_files_leave_nothing_behind(
    city: Any, data: EmployeeSkp, login: Any, media: Path, name: str, content: bytes, message: str
) -> None:
    prefix = f"f{data.iki.pk}"
    response = login("employee").post(
        _page(data),
        {"op": "file", "iki": data.iki.pk, f"{prefix}-file": pdf_upload(name, content),
         f"{prefix}-description": "Keterangan yang saya ketik"},
    )  # fmt: skip
    assert response.status_code == 400
    assert message in response.text
    assert "Keterangan yang saya ketik" in response.text
    assert not Evidence.objects.exists() and not Realisasi.objects.exists()
    assert _files(media) == []


def test_too_large_file_is_refused(
    city: Any, data: EmployeeSkp, settings: Any, media: Path
) -> None:
    settings.KINERJA_EVIDENCE_MAX_BYTES = 50
    with pytest.raises(ValidationError) as exc:
        file_evidence(city, data)
    assert "terlalu besar" in _messages(exc) and "50" in _messages(exc)
    assert _files(media) == [] and not Realisasi.objects.exists()


def test_a_failure_after_storing_removes_the_file(
    city: Any, data: EmployeeSkp, media: Path, monkeypatch: Any
) -> None:
    def broken(**kwargs: Any) -> None:
        raise RuntimeError("audit down")

    monkeypatch.setattr(during, "record_event", broken)
    with pytest.raises(RuntimeError):
        file_evidence(city, data)
    assert _files(media) == []
    assert not Evidence.objects.exists() and not Realisasi.objects.exists()


def test_deleting_evidence_deletes_its_file(
    city: Any, data: EmployeeSkp, media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    evidence = file_evidence(city, data)
    assert len(_files(media)) == 1
    with pytest.raises(PermissionDenied):
        during.delete_evidence(actor=city.kasi.user, evidence=evidence)
    with django_capture_on_commit_callbacks(execute=True):
        during.delete_evidence(actor=city.employee.user, evidence=evidence)
    assert not Evidence.objects.exists() and _files(media) == []


def test_download_is_for_readers_only(city: Any, data: EmployeeSkp, login: Any) -> None:
    evidence = file_evidence(city, data)
    url = reverse("performance:evidence_download", args=[evidence.pk])
    for persona in ("employee", "supervisor", "unit_admin", "bkpsdm", "auditor", "superadmin"):
        assert login(persona).get(url).status_code == 200, persona
    for persona in ("outsider", "foreign"):
        assert login(persona).get(url).status_code == 404, persona
    assert login("anonymous").get(url).status_code == 302


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


@pytest.mark.parametrize(
    ("ext", "content", "ok"),
    [
        ("pdf", PDF, True),
        ("pdf", b"<html>%PDF-1.4", False),
        ("png", b"\x89PNG\r\n\x1a\n....", True),
        ("jpg", b"\xff\xd8\xff\xe0....", True),
        ("jpeg", b"GIF89a", False),
        ("docx", DOCX, True),
        ("xlsx", DOCX, False),  # a Word document renamed .xlsx
        ("docx", _zip({"[Content_Types].xml": b"", "word/vbaProject.bin": b""}), False),
        ("docx", _zip({"a.txt": b"x"}), False),
        ("xlsx", _zip({"[Content_Types].xml": b"", "xl/workbook.xml": b""}), True),
        ("pptx", _zip({"[Content_Types].xml": b"", "ppt/presentation.xml": b""}), True),
        ("odt", _zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), True),
        ("ods", _zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), False),
        ("csv", "nip;nama\n1985;José Rahmawati\n".encode("cp1252"), True),
        ("csv", b"\xef\xbb\xbfnip;nama\r\n", True),
        ("txt", b"\x7fELF\x02\x01\x01\x00", False),
        ("txt", b"  <svg onload=alert(1)>", False),
        ("exe", b"MZ", False),
    ],
)
def test_content_checks(ext: str, content: bytes, ok: bool) -> None:
    assert evidence_files.content_matches(ext, io.BytesIO(content)) is ok


def test_settings_choose_among_checkable_types(settings: Any) -> None:
    assert list(evidence_files.allowed_types(["PDF", ".png", "exe", "html", "svg"])) == [
        "pdf",
        "png",
    ]
    assert evidence_files.clean_name("../../etc/pass\x00wd") == "pass_wd"
    assert evidence_files.clean_name('C:\\Users\\dewi\\"laporan".pdf') == "_laporan_.pdf"
    assert evidence_files.clean_name("") == "bukti"


# --- evidence links --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(document.cookie)", "data:text/html,<script>1</script>", "ftp://x.id/a",
     "//evil.example/x", "drive.google.com/abc"],
)  # fmt: skip
def test_link_evidence_must_be_http(city: Any, data: EmployeeSkp, login: Any, url: str) -> None:
    prefix = f"l{data.iki.pk}"
    response = login("employee").post(
        _page(data), {"op": "link", "iki": data.iki.pk, f"{prefix}-url": url}
    )
    assert response.status_code == 400
    assert "http:// atau https://" in response.text
    assert not Evidence.objects.exists()


def test_link_evidence_is_shown_and_not_downloadable(
    city: Any, data: EmployeeSkp, login: Any
) -> None:
    evidence = during.add_evidence_link(
        actor=city.employee.user,
        realisasi=realisasi_for(data.iki, data.period, data.skp),
        url="https://drive.example.go.id/berkas?token=rahasia",
        description="Foto kegiatan",
    )
    event = AuditEvent.objects.get(action="evidence.add")
    assert (event.after or {})["host"] == "drive.example.go.id" and "rahasia" not in str(
        event.after or {}
    )
    page = login("supervisor").get(_page(data))
    assert 'href="https://drive.example.go.id/berkas?token=rahasia"' in page.text
    url = reverse("performance:evidence_download", args=[evidence.pk])
    assert login("employee").get(url).status_code == 404


# --- the activity log ------------------------------------------------------------------------


def test_activity_log(city: Any, data: EmployeeSkp, login: Any) -> None:
    today = timezone.localdate()
    client = login("employee")
    response = client.post(
        _page(data),
        {"op": "activity", "date": today.isoformat(), "activity": "Memverifikasi 12 aduan",
         "output": "12 aduan terverifikasi", "rhk": data.rhk.pk},
    )  # fmt: skip
    assert response.status_code == 302
    entry = Activity.objects.get()
    assert entry.rhk_id == data.rhk.pk and entry.instansi_id == city.instansi.pk
    assert "Memverifikasi 12 aduan" in login("supervisor").get(_page(data)).text
    # Another SKP's RHK and a future date are refused, keeping what was typed.
    response = client.post(
        _page(data),
        {"op": "activity", "date": (today + timedelta(days=1)).isoformat(),
         "activity": "Rapat koordinasi unik", "rhk": data.rhk.pk},
    )  # fmt: skip
    assert response.status_code == 400
    assert "masa depan" in response.text and "Rapat koordinasi unik" in response.text
    with pytest.raises(ValidationError) as exc:
        during.log_activity(
            actor=city.employee.user,
            skp=data.skp,
            date=today,
            activity="x",
            rhk=data.leader_rhk,
        )
    assert "bukan RHK dari SKP ini" in _messages(exc)
    with pytest.raises(PermissionDenied):
        during.log_activity(actor=city.kasi.user, skp=data.skp, date=today, activity="x")
    response = client.post(_page(data), {"op": "activity_delete", "activity": entry.pk})
    assert response.status_code == 302 and not Activity.objects.exists()


# --- feedback --------------------------------------------------------------------------------


def _feedback(data: EmployeeSkp, query: str = "") -> str:
    return reverse("performance:feedback", args=[data.skp.pk]) + query


def test_feedback_threads_per_rhk_and_per_value(city: Any, data: EmployeeSkp, login: Any) -> None:
    rhk_thread = _feedback(data, f"?rhk={data.rhk.pk}")
    value_thread = _feedback(data, "?value=akuntabel")
    assert (
        login("supervisor").post(rhk_thread, {"text": "Pertahankan, aduan cepat."}).status_code
        == 302
    )
    assert login("employee").post(rhk_thread, {"text": "Terima kasih, Pak."}).status_code == 302
    assert (
        login("supervisor").post(value_thread, {"text": "Laporan tepat waktu."}).status_code == 302
    )
    # The assessor's superior (the kabid) takes part too.
    kabid = login("employee")
    kabid.force_login(city.kabid.user, backend="kinerja.accounts.backends.NipOrEmailBackend")
    assert kabid.post(value_thread, {"text": "Setuju."}).status_code == 302
    assert Feedback.objects.filter(rhk=data.rhk).count() == 2
    assert Feedback.objects.filter(value="akuntabel", rhk__isnull=True).count() == 2

    page = login("auditor").get(rhk_thread)
    assert page.status_code == 200
    text = page.text
    assert text.index("Pertahankan, aduan cepat.") < text.index("Terima kasih, Pak.")
    assert "Pejabat penilai" in text and "2 pesan" in text
    assert "Kirim umpan balik" not in text  # readers read
    assert login("auditor").post(rhk_thread, {"text": "x"}).status_code == 403
    assert login("outsider").get(rhk_thread).status_code == 404
    assert login("employee").get(_feedback(data, "?value=bukan-nilai")).status_code == 404
    assert login("employee").get(_feedback(data, f"?rhk={data.leader_rhk.pk}")).status_code == 404
    empty = login("employee").post(value_thread, {"text": ""})
    assert empty.status_code == 400
    event = AuditEvent.objects.filter(action="feedback.post").latest("id")
    assert (event.after or {})["value"] == "akuntabel" and "Setuju" not in str(event.after or {})


def test_value_threads_show_the_leaders_expectation(city: Any, login: Any) -> None:
    cascade = approved_cascade(city)
    skp = skp_services.start_skp(
        actor=city.employee.user, employee=city.employee, performance_year=cascade.year
    )
    skp_services.set_expectations(
        actor=city.kasi.user, skp=skp, version=None, texts={"loyal": "Menjaga rahasia aduan"}
    )
    url = reverse("performance:feedback", args=[skp.pk])
    assert "Menjaga rahasia aduan" in login("employee").get(f"{url}?value=loyal").text


def test_feedback_and_dialog_pages_do_a_bounded_number_of_queries(
    city: Any, data: EmployeeSkp, login: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(5):
        dialogue.post_feedback(actor=city.kasi.user, skp=data.skp, rhk=data.rhk, text=f"m{n}")
        dialogue.record_dialog(
            actor=city.kasi.user, skp=data.skp, date=timezone.localdate(), notes=f"d{n}"
        )
    client = login("employee")
    for url in (
        _feedback(data, f"?rhk={data.rhk.pk}"),
        reverse("performance:dialog", args=[data.skp.pk]),
    ):
        client.get(url)
        with django_assert_max_num_queries(20):
            assert client.get(url).status_code == 200


def test_feedback_is_about_exactly_one_rhk_or_value(city: Any, data: EmployeeSkp) -> None:
    user = city.kasi.user
    with pytest.raises(ValidationError):
        dialogue.post_feedback(actor=user, skp=data.skp, rhk=data.rhk, value="loyal", text="x")
    with pytest.raises(ValidationError):
        dialogue.post_feedback(actor=user, skp=data.skp, text="x")
    with pytest.raises(ValidationError):
        dialogue.post_feedback(actor=user, skp=data.skp, rhk=data.leader_rhk, text="x")
    base: dict[str, Any] = {"skp": data.skp, "instansi": city.instansi, "author": user, "text": "x"}
    extras: list[dict[str, Any]] = [{"rhk": data.rhk, "value": "loyal"}, {"value": ""}]
    for extra in extras:
        with pytest.raises(IntegrityError), transaction.atomic():
            Feedback.objects.create(**base, **extra)
    with pytest.raises(PermissionDenied):
        dialogue.post_feedback(actor=city.auditor.user, skp=data.skp, value="loyal", text="x")


# --- dialog kinerja --------------------------------------------------------------------------


def test_dialog_by_the_assessor_answered_by_the_employee(
    city: Any, data: EmployeeSkp, login: Any
) -> None:
    url = reverse("performance:dialog", args=[data.skp.pk])
    today = timezone.localdate().isoformat()
    record = {
        "op": "record",
        "version": "0",
        "date": today,
        "notes": "Capaian triwulan dibahas.",
        "agreed_actions": "Percepat verifikasi",
        "follow_up": "Pelatihan aplikasi",
    }
    for persona, code in (("employee", 403), ("auditor", 403), ("outsider", 404)):
        assert login(persona).post(url, record).status_code == code, persona
    assert login("supervisor").post(url, record).status_code == 302
    dialog = DialogKinerja.objects.get()
    assert dialog.recorded_by == city.kasi.user and dialog.instansi_id == city.instansi.pk
    assert "Capaian triwulan dibahas." in login("auditor").get(url).text
    assert login("outsider").get(url).status_code == 404

    response = login("employee").post(
        url,
        {"op": "respond", "dialog": dialog.pk, f"d{dialog.pk}-version": dialog.version,
         f"d{dialog.pk}-employee_note": "Sudah ikut pelatihan.",
         f"d{dialog.pk}-follow_up_done": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    dialog.refresh_from_db()
    assert dialog.follow_up_done and dialog.employee_note == "Sudah ikut pelatihan."
    # The assessor's form drawn before the employee answered is stale.
    stale = {**record, "op": "update", "dialog": dialog.pk, "version": "1",
             "notes": "Catatan koreksi unik"}  # fmt: skip
    response = login("supervisor").post(url, stale)
    assert response.status_code == 409 and "Catatan koreksi unik" in response.text
    future = {**record, "date": (timezone.localdate() + timedelta(days=3)).isoformat()}
    response = login("supervisor").post(url, future)
    assert response.status_code == 400 and "masa depan" in response.text
    with pytest.raises(PermissionDenied):
        dialogue.respond_to_dialog(
            actor=city.kasi.user, dialog=dialog, version=None, employee_note="", follow_up_done=True
        )


def test_draft_skp_pages_are_readable(city: Any, login: Any) -> None:
    cascade = approved_cascade(city)
    skp = skp_services.start_skp(
        actor=city.employee.user, employee=city.employee, performance_year=cascade.year
    )
    assert skp.state == SkpState.DRAFT
    page = login("employee").get(reverse("performance:realisasi", args=[skp.pk]))
    assert page.status_code == 200 and "sudah disetujui" in page.text
