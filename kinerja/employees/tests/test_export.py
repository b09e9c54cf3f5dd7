"""Exporting employees: the import format round-trips, and cells are escaped."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from python_calamine import CalamineWorkbook

from kinerja.core.models import AuditEvent
from kinerja.core.spreadsheets import read_table
from kinerja.employees.exporting import export_directory, export_instansi
from kinerja.employees.importing import import_file
from kinerja.employees.importing.columns import EXPORT_HEADER
from kinerja.employees.models import Employee
from kinerja.employees.reference import EducationLevel, KedudukanHukum
from kinerja.employees.tests.factories import make_employee


@pytest.fixture
def varied(city):
    """Employees whose fields exercise every exported column, and formula-like values."""
    make_employee(
        city.instansi, "=HYPERLINK(\"http://contoh\")", position=city.staff_pos, gender="P",
        birth_date=date(1979, 8, 17), gelar_depan="Dr.", gelar_belakang="M.Kom.",
        birth_place="-Klaten", tmt_cpns=date(2005, 3, 1), tmt_pns=date(2006, 3, 1),
        tmt_golongan=date(2021, 4, 1), golongan="IV/a", kedudukan_hukum=KedudukanHukum.MPP,
        education_level=EducationLevel.S2, education_major="@Magister Ilmu Komputer",
        graduation_year=2004, email="dewi@contoh.go.id", phone="+6281234567890",
    )  # fmt: skip
    make_employee(city.instansi, "Tanpa Jabatan", status="pppk", golongan="IX")
    make_employee(
        city.instansi, "Pegawai Tugas Belajar", position=city.other_staff_pos,
        kedudukan_hukum=KedudukanHukum.TUGAS_BELAJAR, status="cpns",
    )  # fmt: skip
    return city


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(varied, tmp_path, fmt):
    path = tmp_path / f"pegawai.{fmt}"
    count = export_instansi(path, instansi=varied.instansi, fmt=fmt)
    assert count == Employee.objects.filter(instansi=varied.instansi).count()
    outcome = import_file(
        path, filename=path.name, instansi=varied.instansi, actor=None, dry_run=True
    )
    assert outcome.rejections == []
    assert outcome.counts["created"] == 0
    assert outcome.counts["updated"] == 0
    assert outcome.counts["unchanged"] == count
    applied = import_file(
        path, filename=path.name, instansi=varied.instansi, actor=None, dry_run=False
    )
    assert applied.applied
    assert AuditEvent.objects.filter(action__startswith="employee.").count() == 0


def test_export_escapes_formula_cells(varied, tmp_path):
    path = tmp_path / "pegawai.csv"
    export_instansi(path, instansi=varied.instansi, fmt="csv")
    text = path.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text
    assert ",'+6281234567890" in text
    assert ",'-Klaten," in text
    assert "'@Magister" in text
    xlsx = tmp_path / "pegawai.xlsx"
    export_instansi(xlsx, instansi=varied.instansi, fmt="xlsx")
    rows = CalamineWorkbook.from_path(str(xlsx)).get_sheet_by_index(0).to_python()
    assert rows[0] == list(EXPORT_HEADER)
    cells = {cell for row in rows for cell in row}
    assert '\'=HYPERLINK("http://contoh")' in cells
    assert not any(isinstance(c, str) and c.startswith("=") for c in cells)


def test_export_writes_nip_as_text(varied, tmp_path):
    xlsx = tmp_path / "pegawai.xlsx"
    export_instansi(xlsx, instansi=varied.instansi, fmt="xlsx")
    table = read_table(xlsx)
    rows = list(table.rows())
    assert all(not row.numeric for row in rows)
    nips = {row.values[0] for row in rows}
    assert varied.employee.nip in nips


def test_export_command_infers_format(varied, tmp_path, capsys):
    path = tmp_path / "keluar.xlsx"
    call_command("export_employees", str(path), "--instansi", "kota-a")
    assert path.read_bytes().startswith(b"PK")
    assert "diekspor" in capsys.readouterr().out
    csv_path = tmp_path / "keluar.dat"
    call_command("export_employees", str(csv_path), "--instansi", "kota-a", "--format", "csv")
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbfNip Baru,")


def test_directory_export_is_audited_and_scoped(varied):
    queryset = Employee.objects.filter(pk=varied.employee.pk)
    handle, name = export_directory(
        actor=varied.bkpsdm.user, queryset=queryset, fmt="csv", filters={"q": "Dewi"},
        instansi_id=varied.instansi.pk,
    )  # fmt: skip
    content = handle.read().decode("utf-8-sig")
    handle.close()
    assert name.endswith(".csv")
    assert content.count("\r\n") == 2  # header and one row
    event = AuditEvent.objects.get(action="employees.export")
    assert event.after == {"count": 1, "format": "csv", "filters": {"q": "Dewi"}}
    assert event.actor_id == varied.bkpsdm.user.pk
