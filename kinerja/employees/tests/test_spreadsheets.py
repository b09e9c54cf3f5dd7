"""Reading and writing CSV/XLSX as text (kinerja.core.spreadsheets)."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
import xlsxwriter
from hypothesis import given
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from kinerja.core.spreadsheets import (
    SpreadsheetError,
    detect_format,
    escape_cell,
    read_table,
    unescape_cell,
    write_table,
)


@given(st.text())
def test_escape_round_trips_every_value(value):
    assert unescape_cell(escape_cell(value)) == value


@given(st.text())
def test_escaped_value_never_starts_a_formula(value):
    escaped = escape_cell(value)
    assert not escaped.startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+6281234", "'+6281234"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("'=x", "''=x"),
        ("O'Neil", "O'Neil"),
        ("'biasa", "'biasa"),
        ("", ""),
    ],
)
def test_escape_rule(value, written):
    assert escape_cell(value) == written
    assert unescape_cell(written) == value


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_write_then_read_is_lossless(tmp_path, fmt):
    rows = [
        ["198504122010031001", '=HYPERLINK("http://x")', "+62812", "'=z", "Ñandú, “kutip”"],
        ["000123", "-", "@", "baris\nbaru", ""],
    ]
    path = tmp_path / f"t.{fmt}"
    write_table(path, ["Nip Baru", "A", "B", "C", "D"], rows, fmt=fmt)
    table = read_table(path)
    assert table.header == ("Nip Baru", "A", "B", "C", "D")
    assert table.row_count == 2
    read = [list(r.values) for r in table.rows()]
    if fmt == "xlsx":  # trailing empty cells are not stored in XLSX
        read = [r + [""] * (5 - len(r)) for r in read]
    assert read == rows


def test_xlsx_cells_are_text_with_escape(tmp_path):
    path = tmp_path / "t.xlsx"
    write_table(path, ["Nip Baru", "Nama"], [["198504122010031001", "=1+2"]], fmt="xlsx")
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    assert sheet.to_python()[1] == ["198504122010031001", "'=1+2"]


def test_csv_has_bom_and_escapes(tmp_path):
    buffer = io.BytesIO()
    write_table(buffer, ["Nama"], [["=cmd|' /C calc'!A0"]], fmt="csv")
    data = buffer.getvalue()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"'=cmd" in data


@pytest.mark.parametrize("delimiter", [",", ";"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_csv_delimiter_and_bom_detected(tmp_path, delimiter, bom):
    text = f"Nip Baru{delimiter}Nama\n1{delimiter}Budi, S.E.\n".replace(
        "Budi, S.E.", '"Budi, S.E."' if delimiter == "," else "Budi, S.E."
    )
    path = tmp_path / "t.csv"
    path.write_bytes(bom + text.encode())
    table = read_table(path)
    assert table.header == ("Nip Baru", "Nama")
    assert [r.values for r in table.rows()] == [("1", "Budi, S.E.")]


def test_csv_row_numbers_skip_blank_rows(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("\nA,B\n1,2\n,\n3,4\n")
    table = read_table(path)
    assert table.header_number == 2
    assert table.row_count == 2
    assert [r.number for r in table.rows()] == [3, 5]


def test_csv_not_utf8_is_a_clear_error(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("Nama\nJosé\n".encode("cp1252"))
    with pytest.raises(SpreadsheetError, match="bukan UTF-8 \\(baris 2\\)"):
        read_table(path)


def test_xlsx_numbers_are_flagged_and_dates_are_iso(tmp_path):
    path = tmp_path / "t.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, ["Nip Baru", "Tahun", "Tgl", "Teks"])
    sheet.write_number(1, 0, 198504122010031001)
    sheet.write_number(1, 1, 2010)
    sheet.write_datetime(1, 2, datetime(1985, 4, 12), workbook.add_format({"num_format": "d/m/yy"}))
    sheet.write_string(1, 3, "ok")
    workbook.close()
    row = next(read_table(path).rows())
    assert row.values[0] == "1.98504122010031e+17"
    assert row.values[1:] == ("2010", date(1985, 4, 12).isoformat(), "ok")
    assert row.numeric == frozenset({0, 1})
    assert row.number == 2


@pytest.mark.parametrize(
    ("name", "head", "message"),
    [
        ("a.txt", b"", "gunakan .csv atau .xlsx"),
        ("a.xlsx", b"Nama,NIP", "bukan XLSX yang sah"),
        ("a.csv", b"PK\x03\x04rest", "isinya berkas XLSX"),
    ],
)
def test_format_checks(name, head, message):
    with pytest.raises(SpreadsheetError, match=message):
        detect_format(name, head)


def test_broken_xlsx_is_a_clear_error(tmp_path):
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(SpreadsheetError, match="rusak"):
        read_table(path)


def test_empty_file_is_a_clear_error(tmp_path):
    path = tmp_path / "kosong.csv"
    path.write_bytes(b"\n\n")
    with pytest.raises(SpreadsheetError, match="Berkas kosong"):
        read_table(path)
