"""``import_complaints``: ULAS and SP4N-LAPOR! exports as CSV and XLSX, header variants, exit
codes for scheduled runs, and nothing saved on a dry run or a file that cannot be imported."""

from __future__ import annotations

import csv
from datetime import datetime
from io import StringIO
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import xlsxwriter
from django.core.management import CommandError, call_command

from kinerja.complaints.importing import ComplaintFileError, read_complaint_file
from kinerja.complaints.models import Complaint, ComplaintEvent, Status
from kinerja.complaints.tests import factories as f
from kinerja.core.models import AuditEvent

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
ULAS_HEADER = ["ID Aduan", "Tanggal Masuk", "Kategori", "Judul", "Isi Aduan", "Lokasi",
               "Nama Pelapor", "No HP", "Email", "Dinas Tujuan", "Status", "Tanggapan",
               "Tanggal Tanggapan", "Tanggal Selesai", "Kolom Lain"]  # fmt: skip


def ulas_row(n: int, **over: str) -> list[str]:
    row = {
        "ID Aduan": f"U-{n}",
        "Tanggal Masuk": "02-03-2026 09:00",
        "Kategori": "Jalan dan Drainase",
        "Judul": f"Jalan rusak {n}",
        "Isi Aduan": "Aspal mengelupas; berbahaya saat hujan.",
        "Lokasi": "Jl. Adi Sucipto",
        "Nama Pelapor": "Budi Hartono",
        "No HP": "081298765432",
        "Email": "",
        "Dinas Tujuan": "",
        "Status": "",
        "Tanggapan": "",
        "Tanggal Tanggapan": "",
        "Tanggal Selesai": "",
        "Kolom Lain": "diabaikan",
    }
    row.update(over)
    return [row[h] for h in ULAS_HEADER]


def write_csv(path: Path, header: list[str], rows: list[list[str]], sep: str = ";") -> Path:
    # Excel's "CSV UTF-8" with Indonesian regional settings: a byte-order mark and ";".
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle, delimiter=sep)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def call(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("import_complaints", str(path), "--instansi", "kota-a", *args, stdout=out)
    return out.getvalue()


def test_a_ulas_csv_is_imported_once_and_a_second_run_changes_nothing(city, tmp_path):
    f.category(city)
    path = write_csv(tmp_path / "ulas.csv", ULAS_HEADER, [
        ulas_row(1),
        ulas_row(2, Status="Selesai", **{"Dinas Tujuan": "D1", "Tanggapan": "Sudah ditambal.",
                                         "Tanggal Tanggapan": "03-03-2026 09:00",
                                         "Tanggal Selesai": "03-03-2026 10:00"}),
    ])  # fmt: skip
    out = call(path, "--channel", "ulas")
    assert "2 baris: 2 dibuat, 0 diubah, 0 tidak berubah, 0 ditolak." in out
    assert "Kolom yang tidak dibaca: Kolom Lain." in out
    done = Complaint.objects.get(external_id="U-2")
    assert (done.status, done.unit_id, done.response_minutes) == (Status.DONE, city.dinas.pk, 495)
    assert Complaint.objects.get(external_id="U-1").complainant_name == "Budi Hartono"
    events, audits = ComplaintEvent.objects.count(), AuditEvent.objects.count()

    out = call(path, "--channel", "ulas")
    assert "2 baris: 0 dibuat, 0 diubah, 2 tidak berubah, 0 ditolak." in out
    assert (ComplaintEvent.objects.count(), AuditEvent.objects.count()) == (events, audits)


def test_a_changed_row_updates_its_complaint(city, tmp_path):
    f.category(city)
    call(write_csv(tmp_path / "a.csv", ULAS_HEADER, [ulas_row(1)]), "--channel", "ulas")
    path = write_csv(tmp_path / "b.csv", ULAS_HEADER, [ulas_row(1, Lokasi="Jl. Kapten Mulyadi")])
    assert "1 diubah" in call(path, "--channel", "ulas")
    assert Complaint.objects.get().location == "Jl. Kapten Mulyadi"
    assert ComplaintEvent.objects.filter(action="update").count() == 1


def test_bad_rows_are_reported_by_row_and_column_and_exit_2_with_the_rest_saved(city, tmp_path):
    f.category(city)
    path = write_csv(tmp_path / "ulas.csv", ULAS_HEADER, [
        ulas_row(1),
        ulas_row(2, **{"Tanggal Masuk": "31-02-2026 09:00"}),
        ulas_row(3, Kategori="Jalan Raya", Email="bukan email"),
    ])  # fmt: skip
    out = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_complaints", str(path), "--channel", "ulas", "--instansi", "kota-a",
                     stdout=out)  # fmt: skip
    assert caught.value.returncode == 2
    assert "2 baris ditolak; baris lainnya sudah disimpan." in str(caught.value)
    text = out.getvalue()
    assert "3 baris: 1 dibuat, 0 diubah, 0 tidak berubah, 2 ditolak." in text
    assert "baris 3: Tanggal Masuk: Tanggal tidak dikenali" in text
    assert "baris 4: Kategori: Kategori tidak dikenal: “Jalan Raya”." in text
    assert "baris 4: Email: Alamat e-mail tidak valid." in text
    assert list(Complaint.objects.values_list("external_id", flat=True)) == ["U-1"]


def test_dry_run_saves_nothing(city, tmp_path):
    f.category(city)
    path = write_csv(tmp_path / "ulas.csv", ULAS_HEADER, [ulas_row(1), ulas_row(2)])
    out = call(path, "--channel", "ulas", "--dry-run")
    assert "2 baris: 2 akan dibuat" in out and "tidak ada yang disimpan" in out
    assert (
        not Complaint.objects.exists()
        and not AuditEvent.objects.filter(action__startswith="complaint.").exists()
    )


def test_a_lapor_export_with_snake_case_headers(city, tmp_path):
    f.category(city, "parkir", "Parkir")
    header = ["tracking_id", "tanggal_laporan", "kategori", "klasifikasi", "judul_laporan",
              "isi_laporan", "lokasi", "nama_pelapor", "instansi_tujuan", "status",
              "tindak_lanjut", "tanggal_selesai"]  # fmt: skip
    rows = [
        ["LAP-77", "2026-03-02 09:00:00", "parkir", "Permintaan Informasi", "Tarif parkir",
         "Berapa tarif parkir resmi di Pasar Gede?", "Pasar Gede", "Ani", "Dinas Satu",
         "selesai", "Tarif resmi Rp2.000.", "2026-03-09 09:00:00"],
    ]  # fmt: skip
    path = write_csv(tmp_path / "lapor.csv", header, rows, sep=",")
    call(path, "--channel", "lapor")
    c = Complaint.objects.get()
    assert (c.channel, c.external_id, c.classification) == ("lapor", "LAP-77", "informasi")
    assert (c.status, c.unit_id) == (Status.DONE, city.dinas.pk)
    assert c.closed_at == c.followed_up_at == datetime(2026, 3, 9, 9, 0, tzinfo=WIB)


def test_spaced_lapor_headers_are_the_same_columns(city, tmp_path):
    header = ["ID Laporan", "Tanggal Laporan", "Judul Laporan", "Isi Laporan", "Disposisi"]
    path = write_csv(tmp_path / "l.csv", header, [["9", "02-03-2026 09:00", "A", "B", ""]])
    call(path, "--channel", "lapor")
    assert Complaint.objects.get().external_id == "9"


def _xlsx(path: Path, rows: list[list[Any]]) -> Path:
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    stamp = workbook.add_format({"num_format": "dd-mm-yyyy hh:mm"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, datetime):
                sheet.write_datetime(r, c, value, stamp)
            elif isinstance(value, (int, float)):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, value)
    workbook.close()
    return path


def test_xlsx_ids_stored_as_numbers_come_back_as_text(city, tmp_path):
    header = ["No Tiket", "Tanggal", "Judul", "Uraian", "No HP"]
    when = datetime(2026, 3, 2, 9, 0)
    path = _xlsx(tmp_path / "ulas.xlsx", [
        header,
        [1234567890123, when, "Sampah menumpuk", "Di pojok pasar.", 81234567890],
        [123456789012345678, when, "Angka besar", "Digit hilang.", ""],
        [12.5, when, "Pecahan", "Bukan ID.", ""],
    ])  # fmt: skip
    out = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_complaints", str(path), "--channel", "ulas", "--instansi", "kota-a",
                     stdout=out)  # fmt: skip
    assert caught.value.returncode == 2
    c = Complaint.objects.get()
    assert c.external_id == "1234567890123"
    assert c.received_at == datetime(2026, 3, 2, 9, 0, tzinfo=WIB)
    assert c.complainant_phone == "081234567890"  # the leading zero a number cell dropped
    assert "baris 3: No Tiket: ID tersimpan sebagai angka pecahan atau terlalu besar" in (
        out.getvalue()
    )
    assert "baris 4: No Tiket:" in out.getvalue()


def test_scientific_notation_in_a_csv_is_refused_with_a_hint(city, tmp_path):
    path = write_csv(tmp_path / "u.csv", ["ID Aduan", "Tanggal", "Uraian"],
                     [["1,23457E+12", "02-03-2026 09:00", "Ada."]])  # fmt: skip
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_complaints", str(path), "--channel", "ulas", "--instansi", "kota-a",
                     stdout=out)  # fmt: skip
    assert "notasi ilmiah" in out.getvalue() and "Format kolom ID sebagai teks" in out.getvalue()
    assert not Complaint.objects.exists()


def test_a_missing_required_column_stops_before_anything_is_saved(city, tmp_path):
    path = write_csv(tmp_path / "u.csv", ["ID Aduan", "Judul", "Isi Aduan"],
                     [["1", "A", "B"]])  # fmt: skip
    with pytest.raises(CommandError) as caught:
        call(path, "--channel", "ulas")
    assert caught.value.returncode == 1
    assert "Kolom wajib tidak ditemukan: “Tanggal” / “Tanggal Masuk”" in str(caught.value)
    assert not Complaint.objects.exists()
    with pytest.raises(ComplaintFileError, match="Judul"):
        read_complaint_file(
            write_csv(tmp_path / "v.csv", ["ID Aduan", "Tanggal", "Lokasi"], [["1", "x", "y"]]),
            channel="ulas",
        )


def test_files_that_cannot_be_read_and_bad_options_are_errors(city, tmp_path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes(
        "ID Aduan;Tanggal;Isi Aduan\n1;02-03-2026 09:00;Jalan rusak é\n".encode("latin-1")
    )
    with pytest.raises(CommandError, match="bukan UTF-8"):
        call(latin, "--channel", "ulas")
    text = tmp_path / "a.txt"
    text.write_text("x")
    with pytest.raises(CommandError, match="tidak didukung"):
        call(text, "--channel", "ulas")
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call(tmp_path / "missing.csv", "--channel", "ulas")
    good = write_csv(tmp_path / "g.csv", ["ID Aduan", "Tanggal", "Isi Aduan"],
                     [["1", "02-03-2026 09:00", "Ada."]])  # fmt: skip
    with pytest.raises(CommandError, match="lebih dari satu instansi"):
        call_command("import_complaints", str(good), "--channel", "ulas", stdout=StringIO())
    with pytest.raises(CommandError, match="invalid choice"):
        call(good, "--channel", "whatsapp")
    with pytest.raises(CommandError, match="Pengguna 'nobody'"):
        call(good, "--channel", "ulas", "--actor", "nobody")
    assert not Complaint.objects.exists()


def test_the_actor_is_recorded(city, tmp_path):
    good = write_csv(tmp_path / "g.csv", ["ID Aduan", "Tanggal", "Isi Aduan"],
                     [["1", "02-03-2026 09:00", "Ada."]])  # fmt: skip
    call(good, "--channel", "ulas", "--actor", city.verifier.user.username)
    event = ComplaintEvent.objects.get()
    assert event.actor_id == city.verifier.user.pk
    assert AuditEvent.objects.get(action="complaint.receive").actor_id == city.verifier.user.pk


def test_the_example_in_the_docs_imports(city, tmp_path):
    from django.conf import settings

    from kinerja.complaints.models import Category
    from kinerja.org.tests.factories import make_unit

    text = (Path(settings.BASE_DIR) / "docs" / "import.md").read_text(encoding="utf-8")
    example = text.split("A small ULAS export", 1)[1].split("```csv\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "ulas.csv"
    path.write_text(example, encoding="utf-8")
    Category.objects.create(instansi=city.instansi, code="jalan", name="Jalan dan Drainase")
    Category.objects.create(instansi=city.instansi, code="pju", name="PJU")
    dishub = make_unit(city.instansi, "Dinas Perhubungan", code="DISHUB")
    assert "2 baris: 2 dibuat" in call(path, "--channel", "ulas")
    done = Complaint.objects.get(external_id="U-2024-0002")
    assert (done.status, done.unit_id) == (Status.DONE, dishub.pk)
    assert Complaint.objects.get(external_id="U-2024-0001").status == Status.NEW
