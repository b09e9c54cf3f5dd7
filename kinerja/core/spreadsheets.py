"""Reading and writing tabular files (CSV and XLSX) as text.

Every cell is read as text. For XLSX the reader also says which cells held a number, so that
callers can refuse identifiers that a spreadsheet has turned into numbers (an 18-digit NIP
stored as a number has already lost its last digits).

Formula escaping (protection against CSV/formula injection)
-----------------------------------------------------------
A spreadsheet program runs a cell as a formula when its text starts with ``=``, ``+``, ``-`` or
``@`` (tab and carriage return are abused the same way). The writer therefore puts one
apostrophe in front of every value that, after any number of leading apostrophes, starts with
one of those characters. The reader removes exactly one apostrophe from a value of that same
shape. The two rules are inverse to each other, so every value survives a round trip through
our own files unchanged, including values that themselves begin with apostrophes:

=========================  ============================  ===================
value                      written as                    read back as
=========================  ============================  ===================
``=SUM(A1)``               ``'=SUM(A1)``                 ``=SUM(A1)``
``+628123``                ``'+628123``                  ``+628123``
``'=x``                    ``''=x``                      ``'=x``
``O'Neil``                 ``O'Neil``                    ``O'Neil``
=========================  ============================  ===================
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Literal

from django.utils.translation import gettext as _

Format = Literal["csv", "xlsx"]
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NEEDS_ESCAPE = re.compile(r"^'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"^'+[=+\-@\t\r]")
_XLSX_MAGIC = b"PK\x03\x04"
#: Whole numbers above this cannot be stored exactly by a spreadsheet (IEEE double).
_EXACT_INT_LIMIT = 2**53


class SpreadsheetError(ValueError):
    """A file that cannot be read as a table; the message is for the user."""


def escape_cell(value: str) -> str:
    """Neutralise a value that a spreadsheet program would run as a formula (see module doc)."""
    if value and _NEEDS_ESCAPE.match(value):
        return "'" + value
    return value


def unescape_cell(value: str) -> str:
    """Undo :func:`escape_cell` (exactly one apostrophe before a formula character)."""
    if value and value[0] == "'" and _ESCAPED.match(value):
        return value[1:]
    return value


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One data row: its number as a spreadsheet shows it (the header is row 1 in most files)."""

    number: int
    values: tuple[str, ...]
    numeric: frozenset[int] = frozenset()

    def get(self, index: int | None) -> str:
        if index is None or index >= len(self.values):
            return ""
        return self.values[index]


@dataclass
class Table:
    """A header and its data rows, read lazily; empty rows are skipped."""

    format: Format
    header: tuple[str, ...]
    header_number: int
    _rows: Iterator[SheetRow]
    row_count: int

    def rows(self) -> Iterator[SheetRow]:
        return self._rows


def detect_format(filename: str, head: bytes = b"") -> Format:
    """``csv`` or ``xlsx`` from the file name, checked against the first bytes when given."""
    suffix = Path(filename).suffix.lower()
    if suffix == ".xlsx":
        if head and not head.startswith(_XLSX_MAGIC):
            raise SpreadsheetError(_("Berkas berakhiran .xlsx tetapi isinya bukan XLSX yang sah."))
        return "xlsx"
    if suffix == ".csv":
        if head.startswith(_XLSX_MAGIC):
            raise SpreadsheetError(_("Berkas berakhiran .csv tetapi isinya berkas XLSX."))
        return "csv"
    raise SpreadsheetError(_("Jenis berkas tidak didukung: gunakan .csv atau .xlsx."))


def _read_bytes(source: str | Path | IO[bytes]) -> bytes:
    if isinstance(source, (str, Path)):
        return Path(source).read_bytes()
    if hasattr(source, "seek"):
        source.seek(0)
    return source.read()


def read_table(source: str | Path | IO[bytes], *, filename: str | None = None) -> Table:
    """Open a CSV or XLSX file (a path or a binary file object) as a :class:`Table`."""
    name = filename or (str(source) if isinstance(source, (str, Path)) else "")
    data = _read_bytes(source)
    fmt = detect_format(name, data[:8])
    if fmt == "xlsx":
        return _read_xlsx(data)
    return _read_csv(data)


# --- CSV ------------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    try:
        return codecs.decode(data, "utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SpreadsheetError(
            _(
                "Berkas CSV bukan UTF-8 (baris %(line)d). Simpan ulang sebagai "
                "“CSV UTF-8 (dipisahkan koma)”."
            )
            % {"line": line}
        ) from None


def _delimiter(first_line: str) -> str:
    # A header of SIASN field names never contains either character, so the more frequent one
    # is the delimiter (Indonesian Excel writes ";" because "," is the decimal separator).
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _csv_records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    number = 0
    try:
        for record in reader:
            number += 1
            yield number, record
    except csv.Error as exc:
        raise SpreadsheetError(
            _("Baris %(n)d berkas CSV tidak dapat dibaca: %(e)s") % {"n": number + 1, "e": exc}
        ) from None


def _is_blank(values: Sequence[str]) -> bool:
    return not any(v.strip() for v in values)


def _read_csv(data: bytes) -> Table:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = _delimiter(first_line)
    records = _csv_records(text, delimiter)
    header_number, header = 0, tuple[str, ...]()
    for number, record in records:
        if not _is_blank(record):
            header_number, header = number, tuple(unescape_cell(v.strip()) for v in record)
            break
    if not header:
        raise SpreadsheetError(_("Berkas kosong: tidak ada baris judul kolom."))
    count = sum(
        1
        for _number, record in _csv_records(text, delimiter)
        if _number > header_number and not _is_blank(record)
    )

    def rows() -> Iterator[SheetRow]:
        for number, record in records:
            if _is_blank(record):
                continue
            yield SheetRow(number, tuple(unescape_cell(v) for v in record))

    return Table("csv", header, header_number, rows(), count)


# --- XLSX -----------------------------------------------------------------------------------


def _cell_text(value: Any) -> tuple[str, bool]:
    """The text of a calamine cell and whether it was a number."""
    if isinstance(value, str):
        return unescape_cell(value), False
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), False
    if isinstance(value, float):
        if value.is_integer() and abs(value) < _EXACT_INT_LIMIT:
            return str(int(value)), True
        return repr(value), True
    if isinstance(value, int):
        return str(value), True
    if isinstance(value, datetime):
        if (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
            return value.date().isoformat(), False
        return value.isoformat(sep=" "), False
    if isinstance(value, date):
        return value.isoformat(), False
    if value is None:
        return "", False
    return str(value), False


def _read_xlsx(data: bytes) -> Table:
    from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = None
        for meta in workbook.sheets_metadata:
            if meta.visible == SheetVisibleEnum.Visible and meta.typ == SheetTypeEnum.WorkSheet:
                sheet = workbook.get_sheet_by_name(meta.name)
                break
        if sheet is None:
            raise SpreadsheetError(_("Berkas XLSX tidak memiliki lembar kerja yang terlihat."))
        start = sheet.start or (0, 0)
        raw_rows = sheet.to_python(skip_empty_area=True)
    except CalamineError as exc:
        raise SpreadsheetError(_("Berkas XLSX rusak atau tidak dapat dibaca.")) from exc
    except (ValueError, OSError) as exc:
        if isinstance(exc, SpreadsheetError):
            raise
        raise SpreadsheetError(_("Berkas XLSX rusak atau tidak dapat dibaca.")) from exc

    def converted() -> Iterator[SheetRow]:
        for index, raw in enumerate(raw_rows):
            texts: list[str] = []
            numeric: set[int] = set()
            for col, cell in enumerate(raw):
                text, is_number = _cell_text(cell)
                texts.append(text)
                if is_number:
                    numeric.add(col)
            if _is_blank(texts):
                continue
            yield SheetRow(start[0] + index + 1, tuple(texts), frozenset(numeric))

    rows = converted()
    header_row = next(rows, None)
    if header_row is None:
        raise SpreadsheetError(_("Berkas kosong: tidak ada baris judul kolom."))
    count = sum(1 for raw in raw_rows if any(str(c).strip() for c in raw)) - 1
    header = tuple(v.strip() for v in header_row.values)
    return Table("xlsx", header, header_row.number, rows, count)


# --- Writing --------------------------------------------------------------------------------


def write_csv(target: IO[bytes], header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """Write UTF-8 CSV with a byte-order mark (so that Excel detects UTF-8), escaping cells."""
    stream = io.TextIOWrapper(target, encoding="utf-8-sig", newline="", write_through=True)
    try:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow([escape_cell(h) for h in header])
        for row in rows:
            writer.writerow([escape_cell(v) for v in row])
        stream.flush()
    finally:
        stream.detach()


def write_xlsx(
    target: IO[bytes] | str | Path,
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    sheet_name: str = "Data",
) -> None:
    """Write an XLSX with every cell as text (so identifiers keep all digits), escaping cells.

    Uses XlsxWriter's constant-memory mode: rows are streamed to disk as they come.
    """
    import xlsxwriter

    workbook = xlsxwriter.Workbook(
        str(target) if isinstance(target, Path) else target,
        {
            "constant_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    try:
        sheet = workbook.add_worksheet(sheet_name[:31])
        text = workbook.add_format({"num_format": "@"})
        bold = workbook.add_format({"bold": True, "num_format": "@"})
        sheet.set_column(0, max(len(header) - 1, 0), 18, text)
        sheet.freeze_panes(1, 0)
        for col, title in enumerate(header):
            sheet.write_string(0, col, escape_cell(title), bold)
        for r, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                if value:
                    sheet.write_string(r, col, escape_cell(value), text)
    finally:
        workbook.close()


def write_table(
    target: IO[bytes] | str | Path,
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    fmt: Format,
    sheet_name: str = "Data",
) -> None:
    """Write ``rows`` (sequences of text) as CSV or XLSX to a path or a binary file object."""
    if fmt == "xlsx":
        write_xlsx(target, header, rows, sheet_name=sheet_name)
        return
    if isinstance(target, (str, Path)):
        with open(target, "wb") as handle:
            write_csv(handle, header, rows)
    else:
        write_csv(target, header, rows)


def format_from_name(filename: str, default: Format = "csv") -> Format:
    """``xlsx`` for a name ending in .xlsx, ``csv`` for .csv, otherwise ``default``."""
    suffix = Path(filename).suffix.lower()
    if suffix == ".xlsx":
        return "xlsx"
    if suffix == ".csv":
        return "csv"
    return default
