"""Reading what other systems send about complaints: export files and the values in them.

Two layers, both free of writes:

* **values** (shared with the API): the channel's id as text, dates and times in the formats
  exports use, statuses and classifications by their Indonesian words, categories and OPDs by
  code or name, each refused with a message in Indonesian;
* **files**: a ULAS or SP4N-LAPOR! export (CSV or XLSX, read by ``kinerja.core.spreadsheets``)
  as records keyed by the API's field names, with each record's row number and the header each
  field came from. The accepted headers per channel are in :data:`COLUMNS` and docs/import.md.

``kinerja.complaints.services.external.upsert`` takes the records from here.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.complaints.models import Category, Channel, Classification, Status
from kinerja.core.spreadsheets import SpreadsheetError, read_table
from kinerja.org.models import Unit

MAX_EXTERNAL_ID = 64
TITLE_FROM_DESCRIPTION = 100
#: Nothing before this is a plausible complaint; it also keeps date arithmetic in range.
EARLIEST_YEAR = 2000
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d*)?[eE][+-]?\d+$")
_DMY = re.compile(
    r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$"
)
_SPACES = re.compile(r"[\s_\-]+")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


# --- Values -------------------------------------------------------------------------------


def text_of(value: Any) -> str:
    """A cell or JSON value as stripped text ("" for None)."""
    return "" if value is None else str(value).strip()


def clean_external_id(value: Any) -> str:
    """The channel's id as text; a number a spreadsheet has mangled is refused (ValueError)."""
    if isinstance(value, bool):
        raise ValueError(_("ID tidak valid."))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # A spreadsheet number: whole numbers below 2**53 are exact, anything else lost digits.
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        raise ValueError(
            _(
                "ID tersimpan sebagai angka pecahan atau terlalu besar di spreadsheet sehingga"
                " digitnya tidak pasti. Format kolom ID sebagai teks, lalu ekspor ulang."
            )
        )
    text = text_of(value)
    if not text:
        raise ValueError(_("Wajib diisi."))
    if _SCIENTIFIC.match(text):
        raise ValueError(
            _(
                "ID tertulis sebagai notasi ilmiah (%(value)s): digit aslinya sudah hilang."
                " Format kolom ID sebagai teks, lalu ekspor ulang."
            )
            % {"value": text}
        )
    if len(text) > MAX_EXTERNAL_ID:
        raise ValueError(_("Paling banyak %(n)s karakter.") % {"n": MAX_EXTERNAL_ID})
    return text


def parse_moment(value: Any, *, now: datetime | None = None) -> datetime:
    """An aware datetime from ``dd-mm-yyyy HH:MM``, ``yyyy-mm-dd HH:MM[:SS]`` or ISO 8601.

    Without an offset the time is WIB (the project's time zone); a date alone is midnight. The
    result lies between the year 2000 and now; ValueError with the message otherwise.
    """
    zone = ZoneInfo(settings.TIME_ZONE)
    if isinstance(value, datetime):
        moment = value
    else:
        text = text_of(value)
        if not text:
            raise ValueError(_("Wajib diisi."))
        match = _DMY.match(text)
        try:
            if match:
                day, month, year, hour, minute, second = (int(g or 0) for g in match.groups())
                moment = datetime(year, month, day, hour, minute, second)
            else:
                moment = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(
                _(
                    "Tanggal tidak dikenali: gunakan dd-mm-yyyy HH:MM, yyyy-mm-dd HH:MM atau"
                    " ISO 8601 (misalnya 2024-03-05T09:30:00+07:00)."
                )
            ) from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        moment = moment.replace(tzinfo=zone)
    now = now or timezone.now()
    try:
        too_early = moment.astimezone(zone).year < EARLIEST_YEAR
        in_future = moment > now + timedelta(minutes=5)
    except OverflowError:
        too_early, in_future = True, False
    if too_early:
        raise ValueError(
            _("Tanggal sebelum tahun %(year)s tidak diterima.") % {"year": EARLIEST_YEAR}
        )
    if in_future:
        raise ValueError(_("Tanggal tidak boleh di masa depan."))
    return moment


def _key(text: str) -> str:
    return _SPACES.sub(" ", text.strip().casefold())


def choice_of(value: Any, choices: type[Classification] | type[Status], what: str) -> str:
    """A value of ``choices`` from its value or Indonesian label, in any case and spacing."""
    wanted = _key(text_of(value))
    for member in choices:
        if wanted in {_key(member.value), _key(str(member.label))}:
            return str(member.value)
    raise ValueError(
        _("%(what)s tidak dikenal: “%(value)s”. Pilihan: %(choices)s.")
        % {
            "what": what,
            "value": text_of(value),
            "choices": ", ".join(str(member.label) for member in choices),
        }
    )


def derive_title(description: str) -> str:
    """A title from the first line of a description, cut at a word (channels without titles)."""
    first = next((text for text in description.splitlines() if text.strip()), "")
    line = " ".join(first.split())
    if len(line) <= TITLE_FROM_DESCRIPTION:
        return line
    cut = line[:TITLE_FROM_DESCRIPTION].rsplit(" ", 1)[0]
    return f"{cut}…"


class Lookups:
    """Categories and units of one instansi, each read once per call."""

    def __init__(self, instansi_id: int) -> None:
        self.instansi_id = instansi_id
        self._categories: dict[str, Category | None] | None = None
        self._units: dict[str, int | None] | None = None

    @staticmethod
    def _index(pairs: Sequence[tuple[str, Any]]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for name, item in pairs:
            if not name:
                continue
            key = _key(name)
            # A name used twice is ambiguous: it resolves to nothing, and the message says so.
            found[key] = None if key in found and found[key] != item else item
        return found

    def category(self, text: str) -> Category:
        if self._categories is None:
            rows = list(Category.objects.filter(instansi_id=self.instansi_id))
            self._categories = self._index(
                [(c.code, c) for c in rows] + [(c.name, c) for c in rows]
            )
        key = _key(text)
        found = self._categories.get(key)
        if found is not None:
            return found
        if key in self._categories:
            raise ValueError(
                _("Nama kategori “%(value)s” tidak unik: gunakan kodenya.") % {"value": text}
            )
        close = difflib.get_close_matches(key, list(self._categories), n=3, cutoff=0.6)
        hint = (
            _("Mungkin maksud Anda: %(names)s.") % {"names": ", ".join(close)}
            if close
            else _("Gunakan kode atau nama kategori seperti di daftar kategori aduan.")
        )
        raise ValueError(_("Kategori tidak dikenal: “%(value)s”.") % {"value": text} + " " + hint)

    def unit(self, text: str) -> int:
        if self._units is None:
            rows = list(
                Unit.objects.filter(instansi_id=self.instansi_id).values_list(
                    "pk", "code", "name", "short_name", "depth"
                )
            )
            # Codes first; names of perangkat daerah before the names of units inside them,
            # which repeat ("Subbagian Umum") and would otherwise be ambiguous.
            by_name = self._index([(r[2], r[0]) for r in rows if r[4] == 0])
            inner = self._index([(r[2], r[0]) for r in rows if r[4] > 0])
            short = self._index([(r[3], r[0]) for r in rows])
            self._units = {**inner, **short, **by_name, **self._index([(r[1], r[0]) for r in rows])}
        key = _key(text)
        found = self._units.get(key)
        if found is not None:
            return found
        if key in self._units:
            raise ValueError(
                _("Nama OPD “%(value)s” tidak unik: gunakan kode unitnya.") % {"value": text}
            )
        raise ValueError(
            _("OPD tidak dikenal: “%(value)s”. Gunakan kode unit atau nama persisnya.")
            % {"value": text}
        )


# --- Files --------------------------------------------------------------------------------

#: Header spellings per channel and field (the API's snake_case name is always accepted too).
#: Headers are compared after lower-casing and dropping everything but letters and digits, so
#: "ID Aduan", "id_aduan" and "IdAduan" are the same column.
COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    Channel.ULAS: {
        "external_id": ("ID Aduan", "No Tiket", "Nomor Tiket", "ID"),
        "received_at": ("Tanggal", "Tanggal Masuk", "Tanggal Aduan", "Waktu Masuk"),
        "category": ("Kategori",),
        "classification": ("Klasifikasi",),
        "title": ("Judul", "Judul Aduan"),
        "description": ("Isi Aduan", "Uraian", "Isi"),
        "location": ("Lokasi",),
        "complainant_name": ("Nama Pelapor", "Pelapor"),
        "complainant_phone": ("No HP", "Nomor HP", "No Telepon", "Telepon"),
        "complainant_email": ("Email", "E-mail"),
        "unit": ("OPD", "Dinas Tujuan", "OPD Tujuan"),
        "status": ("Status",),
        "response": ("Tanggapan", "Jawaban"),
        "responded_at": ("Tanggal Tanggapan",),
        "closed_at": ("Tanggal Selesai",),
    },
    Channel.LAPOR: {
        "external_id": ("Tracking ID", "ID Laporan", "No Tracking"),
        "received_at": ("Tanggal Laporan", "Tanggal"),
        "category": ("Kategori",),
        "classification": ("Klasifikasi",),
        "title": ("Judul Laporan", "Judul"),
        "description": ("Isi Laporan", "Isi"),
        "location": ("Lokasi",),
        "complainant_name": ("Nama Pelapor", "Pelapor"),
        "complainant_phone": ("No HP", "Nomor HP", "No Telepon"),
        "complainant_email": ("Email", "E-mail"),
        "unit": ("Instansi Tujuan", "Disposisi"),
        "status": ("Status",),
        "response": ("Tindak Lanjut", "Tanggapan"),
        "responded_at": ("Tanggal Tindak Lanjut", "Tanggal Tanggapan"),
        "closed_at": ("Tanggal Selesai",),
    },
}
FILE_CHANNELS = tuple(str(channel) for channel in COLUMNS)
REQUIRED = ("external_id", "received_at")
#: At least one of these; the other is derived from it.
ONE_OF = ("title", "description")


class ComplaintFileError(ValueError):
    """A file that cannot be imported at all; the message is for the user."""


@dataclass
class ComplaintFile:
    """The records of an export, with their row numbers and where each field came from."""

    records: list[dict[str, Any]]
    numbers: list[int]
    labels: dict[str, str]  # field → header as written in the file
    ignored: list[str] = field(default_factory=list)  # headers we do not read


def normalise(header: str) -> str:
    """``ID Aduan`` → ``idaduan``; ``id_aduan`` → ``idaduan``."""
    return _NON_ALNUM.sub("", header.strip().lower())


def _aliases(channel: str) -> dict[str, str]:
    return {
        normalise(spelling): key
        for key, spellings in COLUMNS[channel].items()
        for spelling in (key, *spellings)
    }


def map_header(
    header: Sequence[str], channel: str
) -> tuple[dict[str, int], dict[str, str], list[str]]:
    """Where each field is in a file's header: (field → index, field → header, ignored)."""
    aliases = _aliases(channel)
    index: dict[str, int] = {}
    labels: dict[str, str] = {}
    ignored: list[str] = []
    for position, title in enumerate(header):
        key = aliases.get(normalise(title))
        if key is None or key in index:
            if title.strip():
                ignored.append(title)
            continue
        index[key] = position
        labels[key] = title
    return index, labels, ignored


def _missing(index: dict[str, int], channel: str) -> list[str]:
    def spelled(key: str) -> str:
        return " / ".join(f"“{s}”" for s in COLUMNS[channel][key][:2])

    missing = [spelled(key) for key in REQUIRED if key not in index]
    if not any(key in index for key in ONE_OF):
        missing.append(" / ".join(spelled(key) for key in ONE_OF))
    return missing


def read_complaint_file(
    source: str | Path | IO[bytes], *, channel: str, filename: str | None = None
) -> ComplaintFile:
    """Read a channel's export; ComplaintFileError when it cannot be read or lacks a column.

    Values stay text, except an id that an XLSX file stored as a number: it is passed on as
    that number, so that the service can tell an exact whole number from a mangled one.
    """
    if channel not in COLUMNS:
        raise ComplaintFileError(
            _("Kanal %(channel)s tidak memiliki format berkas; pilih salah satu: %(choices)s.")
            % {"channel": channel, "choices": ", ".join(FILE_CHANNELS)}
        )
    try:
        table = read_table(source, filename=filename)
        index, labels, ignored = map_header(table.header, channel)
        missing = _missing(index, channel)
        if missing:
            raise ComplaintFileError(
                _("Kolom wajib tidak ditemukan: %(columns)s. Tidak ada yang disimpan.")
                % {"columns": "; ".join(missing)}
            )
        id_column = index["external_id"]
        records: list[dict[str, Any]] = []
        numbers: list[int] = []
        for row in table.rows():
            record: dict[str, Any] = {key: row.get(position) for key, position in index.items()}
            if id_column in row.numeric:
                raw = row.get(id_column)
                record["external_id"] = int(raw) if raw.lstrip("-").isdigit() else float(raw)
            phone = record.get("complainant_phone", "")
            if index.get("complainant_phone") in row.numeric and phone.startswith("8"):
                # A mobile number typed into a number cell has lost its leading zero (08…).
                record["complainant_phone"] = f"0{phone}"
            records.append(record)
            numbers.append(row.number)
    except SpreadsheetError as exc:
        raise ComplaintFileError(str(exc)) from None
    return ComplaintFile(records, numbers, labels, ignored)
