"""Employee import: the parse → validate → plan → apply pipeline, on real files and a real DB."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from kinerja.core.audit import verify_chain
from kinerja.core.models import AuditEvent
from kinerja.core.spreadsheets import write_xlsx
from kinerja.employees import services
from kinerja.employees.importing import ImportFileError, applying, import_file
from kinerja.employees.importing.parsing import NUMERIC_NIP
from kinerja.employees.models import Assignment, AssignmentKind, Employee
from kinerja.employees.nip import make_ni_pppk, make_nip
from kinerja.org.models import JabatanType, Position, UnitType
from kinerja.org.tests.factories import make_unit

HEADER = [
    "Nip Baru", "Nama", "Tgl Lahir", "Jenis Kelamin", "Status Pegawai", "Gol Ruang Akhir",
    "Unor Id", "Jabatan Nama", "Jenis Jabatan", "Tmt Jabatan",
]  # fmt: skip
BORN = date(1990, 1, 1)


def person(serial: int, **over: str) -> dict[str, str]:
    """A valid row for a new PNS placed as pelaksana in Seksi Pengaduan of Kota A."""
    gender = over.pop("gender_in_nip", "L")
    row = {
        "Nip Baru": make_nip(BORN, 2015, 3, gender, serial),
        "Nama": f"Pegawai Uji {serial}",
        "Tgl Lahir": BORN.strftime("%d-%m-%Y"),
        "Jenis Kelamin": gender,
        "Status Pegawai": "PNS",
        "Gol Ruang Akhir": "III/a",
        "Unor Id": "D1B1S1",
        "Jabatan Nama": "Pengadministrasi Pengaduan",
        "Jenis Jabatan": "Pelaksana",
        "Tmt Jabatan": "01-02-2024",
    }
    row.update(over)
    return row


def write_rows(
    path: Path, rows: list[dict[str, str]], header: list[str] | None = None, delimiter: str = ","
) -> Path:
    header = header or HEADER
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(h, "") for h in header])
    return path


def run(path: Path, city: Any, *, dry_run: bool = False, skip: bool = False, actor: Any = None):
    return import_file(
        path, filename=path.name, instansi=city.instansi, actor=actor, dry_run=dry_run,
        skip_invalid=skip,
    )  # fmt: skip


def snapshot_counts() -> tuple[int, int, int, int]:
    return (
        Employee.objects.count(),
        Position.objects.count(),
        Assignment.objects.count(),
        AuditEvent.objects.count(),
    )


def reasons(outcome: Any) -> list[str]:
    return [r.reason for r in outcome.rejections]


# --- happy paths ------------------------------------------------------------------------------


def test_dry_run_reports_and_changes_nothing(city, tmp_path):
    path = write_rows(
        tmp_path / "a.csv",
        [person(101), person(102), person(103, **{"Unor Id": "TIDAK-ADA"})],
    )
    before = snapshot_counts()
    outcome = run(path, city, dry_run=True)
    assert outcome.counts["created"] == 2
    assert outcome.counts["rejected"] == 1
    assert outcome.rejections[0].row == 4
    assert "TIDAK-ADA" in outcome.rejections[0].reason
    assert not outcome.applied
    assert snapshot_counts() == before


def test_apply_creates_places_and_matches_sync_placement(city, tmp_path):
    path = write_rows(tmp_path / "a.csv", [person(101), person(102, **{"Gol Ruang Akhir": ""})])
    outcome = run(path, city, actor=city.bkpsdm.user)
    assert outcome.applied
    assert outcome.counts["created"] == 2
    for nip in (person(101)["Nip Baru"], person(102)["Nip Baru"]):
        employee = Employee.objects.get(nip=nip)
        denormalised = (
            employee.current_position_id, employee.current_unit_id,
            employee.unit_path, employee.position_path,
        )  # fmt: skip
        services.sync_placement(employee)
        employee.refresh_from_db()
        assert denormalised == (
            employee.current_position_id, employee.current_unit_id,
            employee.unit_path, employee.position_path,
        )  # fmt: skip
        assert employee.current_position == city.staff_pos
        assignment = Assignment.objects.get(employee=employee)
        assert assignment.kind == AssignmentKind.DEFINITIF
        assert assignment.start_date == date(2024, 2, 1)
        assert employee.instansi == city.instansi
    assert verify_chain()[1] is None


def test_same_file_twice_changes_nothing(city, tmp_path):
    path = write_rows(tmp_path / "a.csv", [person(101), person(102)])
    run(path, city)
    before = snapshot_counts()
    again = run(path, city)
    assert again.applied
    assert again.counts["created"] == again.counts["updated"] == 0
    assert again.counts["unchanged"] == 2
    employees, positions, assignments, events = snapshot_counts()
    assert (employees, positions, assignments) == before[:3]
    # Only the summary event of the second run: it records who applied which file.
    assert events == before[3] + 1
    assert AuditEvent.objects.order_by("-id").values_list("action", flat=True)[0] == (
        "employees.import"
    )


def test_update_changes_only_what_differs_with_audit_before_after(city, tmp_path):
    employee = city.employee
    row = person(
        0,
        **{
            "Nip Baru": employee.nip, "Nama": employee.name, "Tgl Lahir": "12-04-1985",
            "Jenis Kelamin": "P", "Gol Ruang Akhir": "III/b", "Unor Id": "D1B1S1",
            "Jabatan Nama": "pengadministrasi pengaduan", "Tmt Jabatan": "01-01-2020",
        },
    )  # fmt: skip
    outcome = run(write_rows(tmp_path / "a.csv", [row]), city, actor=city.bkpsdm.user)
    assert outcome.counts == {**outcome.counts, "created": 0, "updated": 1, "rejected": 0}
    employee.refresh_from_db()
    assert employee.golongan == "III/b"
    event = AuditEvent.objects.filter(action="employee.update").get()
    assert event.before == {"golongan": "III/a"}
    assert (event.after or {})["golongan"] == "III/b"
    assert event.actor_id == city.bkpsdm.user.pk
    summary = AuditEvent.objects.filter(action="employees.import").get()
    after = summary.after or {}
    assert after["updated"] == 1
    assert len(after["file_sha256"]) == 64


def test_move_closes_previous_assignment(city, tmp_path):
    colleague = city.colleague
    row = person(
        0,
        **{
            "Nip Baru": colleague.nip, "Nama": colleague.name, "Tgl Lahir": "12-04-1985",
            "Gol Ruang Akhir": "II/c", "Unor Id": "D2", "Jabatan Nama": "Pengadministrasi Umum",
            "Tmt Jabatan": "01-07-2025",
        },
    )  # fmt: skip
    outcome = run(write_rows(tmp_path / "a.csv", [row]), city)
    assert outcome.counts["updated"] == 1
    colleague.refresh_from_db()
    assert colleague.current_position == city.other_staff_pos
    assert colleague.current_unit == city.other_dinas
    assert colleague.unit_path == city.other_dinas.path
    old = Assignment.objects.get(employee=colleague, position=city.staff_pos)
    assert old.end_date == date(2025, 6, 30)
    assert Assignment.objects.get(employee=colleague, end_date__isnull=True).start_date == date(
        2025, 7, 1
    )


def test_move_dated_before_current_placement_is_rejected(city, tmp_path):
    colleague = city.colleague
    row = person(
        0,
        **{
            "Nip Baru": colleague.nip, "Nama": colleague.name, "Tgl Lahir": "12-04-1985",
            "Gol Ruang Akhir": "II/c", "Unor Id": "D2", "Jabatan Nama": "Pengadministrasi Umum",
            "Tmt Jabatan": "01-01-2019",
        },
    )  # fmt: skip
    outcome = run(write_rows(tmp_path / "a.csv", [row]), city, dry_run=True)
    assert "harus sesudah TMT jabatan sekarang" in reasons(outcome)[0]


def test_missing_pelaksana_position_is_created_under_unit_head(city, tmp_path):
    rows = [
        person(101, **{"Jabatan Nama": "Pengolah Data"}),
        person(102, **{"Jabatan Nama": "pengolah data"}),
        person(
            103, **{"Jabatan Nama": "Pranata Komputer Ahli Muda", "Jenis Jabatan": "Fungsional"}
        ),
    ]
    outcome = run(write_rows(tmp_path / "a.csv", rows), city)
    assert outcome.counts["positions_created"] == 2
    new = Position.objects.get(unit=city.seksi, name="Pengolah Data")
    assert new.parent == city.kasi_pos
    assert new.jabatan_type == JabatanType.PELAKSANA
    assert new.capacity == 2
    assert new.path.startswith(city.kasi_pos.path)
    fungsional = Position.objects.get(unit=city.seksi, name="Pranata Komputer Ahli Muda")
    assert fungsional.level == "ahli_muda"
    assert AuditEvent.objects.filter(action="position.create").count() == 2


def test_new_position_reports_to_nearest_ancestor_head(city, tmp_path):
    make_unit(
        city.instansi, "Subbagian Umum", parent=city.dinas, type=UnitType.SUBBAGIAN, code="SUB"
    )
    rows = [person(101, **{"Unor Id": "SUB", "Jabatan Nama": "Pengadministrasi Umum"})]
    run(write_rows(tmp_path / "a.csv", rows), city)
    assert Position.objects.get(unit__code="SUB").parent == city.kadis_pos


# --- all or nothing ---------------------------------------------------------------------------


def test_one_bad_row_saves_nothing(city, tmp_path):
    path = write_rows(tmp_path / "a.csv", [person(101), person(102, **{"Tgl Lahir": "31-02-1990"})])
    before = snapshot_counts()
    outcome = run(path, city)
    assert not outcome.applied
    assert "Tidak ada yang disimpan" in outcome.refused
    assert snapshot_counts() == before


def test_skip_invalid_applies_only_good_rows(city, tmp_path):
    rows = [
        person(101),
        person(102, **{"Unor Id": "X"}),
        person(103, **{"Jabatan Nama": "Baru", "Jenis Jabatan": "Struktural"}),
    ]
    outcome = run(write_rows(tmp_path / "a.csv", rows), city, skip=True)
    assert outcome.applied
    assert outcome.counts["created"] == 1
    assert [r.row for r in outcome.rejections] == [3, 4]
    assert Employee.objects.filter(nip=person(101)["Nip Baru"]).exists()
    assert not Employee.objects.filter(nip=person(102)["Nip Baru"]).exists()
    assert not Position.objects.filter(name="Baru").exists()


def test_fault_after_first_batch_leaves_nothing(city, tmp_path, monkeypatch):
    monkeypatch.setattr(applying, "BATCH", 2)
    real_insert = applying._insert_employees
    calls = []

    def failing(batch: list[Employee]) -> None:
        calls.append(len(batch))
        if len(calls) > 1:
            raise RuntimeError("disk full")
        real_insert(batch)

    monkeypatch.setattr(applying, "_insert_employees", failing)
    rows = [person(100 + i, **{"Jabatan Nama": "Pengolah Data"}) for i in range(5)]
    before = snapshot_counts()
    with pytest.raises(RuntimeError):
        run(write_rows(tmp_path / "a.csv", rows), city)
    assert calls == [2, 2]
    assert snapshot_counts() == before
    assert verify_chain()[1] is None


# --- every kind of bad row --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("over", "expected"),
    [
        ({"Nip Baru": "19900101201503100"}, "NIP harus 18 digit, bukan 17 digit"),
        ({"Nip Baru": "19900101201503100X"}, "NIP hanya boleh berisi angka"),
        ({"Nip Baru": "1.99001E+17"}, NUMERIC_NIP),
        ({"Nip Baru": "199001012015031000"}, NUMERIC_NIP),
        ({"Tgl Lahir": "02-01-1990"}, "tidak sama dengan NIP"),
        ({"Jenis Kelamin": "P"}, "Jenis kelamin tidak sama dengan digit ke-15 NIP"),
        ({"Unor Id": "ENTAH"}, "Unor Id “ENTAH” tidak ditemukan"),
        ({"Jabatan Nama": "Kepala Subbagian Baru", "Jenis Jabatan": "Struktural"},
         "Jabatan struktural “Kepala Subbagian Baru” tidak ada"),
        ({"Jabatan Nama": "Kepala Seksi Pengaduan", "Jenis Jabatan": "Struktural"},
         "masih diduduki pegawai lain"),
        ({"Jabatan Nama": "Jabatan Tanpa Jenis", "Jenis Jabatan": ""}, "isi Jenis Jabatan"),
        ({"Jabatan Nama": "Analis Tanpa Jenjang", "Jenis Jabatan": "Fungsional"},
         "Jenjang jabatan fungsional"),
        ({"Tmt Jabatan": "2024/13/01"}, "Tmt Jabatan: “2024/13/01” bukan tanggal"),
        ({"Tgl Lahir": "kemarin"}, "Tgl Lahir: “kemarin” bukan tanggal"),
        ({"Gol Ruang Akhir": "Z/9"}, "golongan “Z/9” tidak dikenal"),
        ({"Gol Ruang Akhir": "I/e"}, "Golongan I/e tidak berlaku untuk status PNS"),
        ({"Nama": ""}, "Nama wajib diisi"),
        ({"Status Pegawai": "Honorer"}, "bukan status pegawai"),
        ({"Jenis Kelamin": "X"}, "bukan jenis kelamin"),
        ({"Unor Id": ""}, "Unor Id wajib diisi bila unit/jabatan diisi"),
    ],
)  # fmt: skip
def test_bad_row_is_rejected_with_row_number_and_reason(city, tmp_path, over, expected):
    path = write_rows(tmp_path / "a.csv", [person(101), person(102, **over)])
    outcome = run(path, city, dry_run=True)
    assert [r.row for r in outcome.rejections] == [3]
    assert expected in outcome.rejections[0].reason
    assert outcome.counts["created"] == 1


def test_pppk_golongan_must_fit_status(city, tmp_path):
    nip = make_ni_pppk(BORN, 2023, 1, "L", 7)
    ok = person(0, **{"Nip Baru": nip, "Status Pegawai": "PPPK", "Gol Ruang Akhir": "IX"})
    bad = person(0, **{"Nip Baru": make_ni_pppk(BORN, 2023, 1, "L", 8), "Status Pegawai": "PPPK"})
    outcome = run(write_rows(tmp_path / "a.csv", [ok, bad]), city, dry_run=True)
    assert outcome.counts["created"] == 1
    assert "Golongan III/a tidak berlaku untuk status PPPK" in outcome.rejections[0].reason


def test_numeric_nip_cell_in_xlsx_is_rejected(city, tmp_path):
    import xlsxwriter

    path = tmp_path / "angka.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    good, lost = person(101), person(102)
    for col, title in enumerate(HEADER):
        sheet.write_string(0, col, title)
        sheet.write_string(1, col, good[title])
        if title == "Nip Baru":
            sheet.write_number(2, col, int(lost[title]))  # what Excel does to a bare NIP
        else:
            sheet.write_string(2, col, lost[title])
    workbook.close()
    outcome = run(path, city, dry_run=True)
    assert outcome.counts["created"] == 1
    assert outcome.rejections[0].row == 3
    assert NUMERIC_NIP in outcome.rejections[0].reason


def test_duplicate_nip_rejects_every_occurrence(city, tmp_path):
    rows = [person(101), person(102), person(101, **{"Nama": "Kembar"})]
    outcome = run(write_rows(tmp_path / "a.csv", rows), city, dry_run=True)
    assert [r.row for r in outcome.rejections] == [2, 4]
    assert all("lebih dari sekali dalam berkas (baris 2, 4)" in r for r in reasons(outcome))
    assert outcome.counts["created"] == 1


def test_nip_of_another_instansi_is_rejected_and_untouched(city, tmp_path):
    foreign = city.foreign
    row = person(0, **{"Nip Baru": foreign.nip, "Nama": "Diambil Alih", "Tgl Lahir": "12-04-1985"})
    outcome = run(write_rows(tmp_path / "a.csv", [row, person(101)]), city, skip=True)
    assert "instansi lain" in outcome.rejections[0].reason
    foreign.refresh_from_db()
    assert foreign.name == "Bambang Sutrisno"
    assert foreign.instansi == city.other_instansi


def test_two_rows_for_one_vacant_structural_position(city, tmp_path):
    vacant = Position.objects.create(
        instansi=city.instansi, unit=city.other_dinas, name="Sekretaris Dinas Dua",
        jabatan_type=JabatanType.ADMINISTRATOR, level="administrator", capacity=1,
        path=city.other_staff_pos.path[:-4] + "0099",
    )  # fmt: skip
    rows = [
        person(101, **{"Unor Id": "D2", "Jabatan Nama": vacant.name}),
        person(102, **{"Unor Id": "D2", "Jabatan Nama": vacant.name}),
    ]
    outcome = run(write_rows(tmp_path / "a.csv", rows), city, dry_run=True)
    assert len(outcome.rejections) == 2
    assert "Lebih dari satu baris" in outcome.rejections[0].reason


def test_missing_required_column_is_a_file_error(city, tmp_path):
    header = [h for h in HEADER if h != "Tgl Lahir"]
    path = write_rows(tmp_path / "a.csv", [person(101)], header=header)
    with pytest.raises(ImportFileError, match="Kolom wajib tidak ditemukan: Tgl Lahir"):
        run(path, city, dry_run=True)


# --- header spellings, formats, minimisation ---------------------------------------------------


def test_api_names_semicolons_bom_and_ignored_columns(city, tmp_path):
    header = [
        "nipBaru", "NAMA", "tglLahir", "jenis_kelamin", "jenisPegawaiNama", "golRuangAkhirId",
        "unorId", "jabatanNama", "jenisJabatanId", "tmtJabatan", "nik", "agama", "Kolom Aneh",
    ]  # fmt: skip
    row = {
        "nipBaru": make_nip(BORN, 2015, 3, "P", 5), "NAMA": "Sri Api", "tglLahir": "1990-01-01",
        "jenis_kelamin": "Perempuan", "jenisPegawaiNama": "PNS Daerah", "golRuangAkhirId": "33",
        "unorId": "d1b1s1", "jabatanNama": "PENGADMINISTRASI PENGADUAN", "jenisJabatanId": "4",
        "tmtJabatan": "2024-02-01", "nik": "3372000000000001", "agama": "Islam",
        "Kolom Aneh": "x",
    }  # fmt: skip
    path = write_rows(tmp_path / "api.csv", [row], header=header, delimiter=";")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    outcome = run(path, city)
    assert outcome.applied, outcome.rejections
    employee = Employee.objects.get(nip=row["nipBaru"])
    assert (employee.gender, employee.golongan, employee.status) == ("P", "III/c", "pns")
    assert employee.current_position == city.staff_pos
    assert outcome.summary["ignored_columns"] == ["nik", "agama"]
    assert outcome.summary["unknown_columns"] == ["Kolom Aneh"]
    event = AuditEvent.objects.get(action="employee.create")
    assert "3372000000000001" not in str(event.after)


def test_dates_from_xlsx_date_cells(city, tmp_path):
    row = person(101)
    path = tmp_path / "tanggal.xlsx"
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    for col, title in enumerate(HEADER):
        sheet.write_string(0, col, title)
        if title in {"Tgl Lahir", "Tmt Jabatan"}:
            from datetime import datetime

            day = datetime.strptime(row[title], "%d-%m-%Y")
            sheet.write_datetime(1, col, day, date_format)
        else:
            sheet.write_string(1, col, row[title])
    workbook.close()
    outcome = run(path, city)
    assert outcome.applied, outcome.rejections
    assert Employee.objects.get(nip=row["Nip Baru"]).birth_date == BORN


def test_write_xlsx_then_import(city, tmp_path):
    path = tmp_path / "kita.xlsx"
    rows = [person(101), person(102)]
    write_xlsx(path, HEADER, [[r[h] for h in HEADER] for r in rows])
    outcome = run(path, city)
    assert outcome.counts["created"] == 2


# --- command line -----------------------------------------------------------------------------


def test_command_dry_run_lists_rejections_and_fails(city, tmp_path, capsys):
    path = write_rows(tmp_path / "a.csv", [person(101), person(102, **{"Unor Id": "X"})])
    with pytest.raises(CommandError, match="1 baris ditolak"):
        call_command("import_employees", str(path), "--dry-run", "--instansi", "kota-a")
    out = capsys.readouterr().out
    assert "1 akan dibuat" in out
    assert "baris 3: Unor Id “X” tidak ditemukan" in out
    assert not Employee.objects.filter(nip=person(101)["Nip Baru"]).exists()


def test_command_applies_with_actor_and_skip_invalid(city, tmp_path, capsys):
    path = write_rows(tmp_path / "a.csv", [person(101), person(102, **{"Unor Id": "X"})])
    with pytest.raises(CommandError, match="Tidak ada yang disimpan"):
        call_command("import_employees", str(path), "--instansi", "kota-a")
    call_command(
        "import_employees", str(path), "--instansi", "kota-a", "--skip-invalid",
        "--actor", "root",
    )  # fmt: skip
    assert Employee.objects.filter(nip=person(101)["Nip Baru"]).exists()
    assert AuditEvent.objects.get(action="employees.import").actor_id == city.superadmin.pk


def test_command_needs_instansi_when_several(city, tmp_path):
    path = write_rows(tmp_path / "a.csv", [person(101)])
    with pytest.raises(CommandError, match="--instansi"):
        call_command("import_employees", str(path))


def test_tmt_in_the_future_still_places(city, tmp_path):
    later = (date.today() + timedelta(days=30)).strftime("%d-%m-%Y")
    outcome = run(write_rows(tmp_path / "a.csv", [person(101, **{"Tmt Jabatan": later})]), city)
    assert outcome.applied
