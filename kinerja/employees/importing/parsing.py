"""Turning one row of text cells into typed employee values (no database access).

Every parser raises :class:`CellError` with a message in Bahasa Indonesia; :func:`parse_row`
collects them per row so that a rejection names every problem of the row at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _

from kinerja.core.spreadsheets import SheetRow
from kinerja.employees.importing.columns import HeaderMap, normalise
from kinerja.employees.reference import (
    GOLONGAN_BY_SIASN_ID,
    PPPK_GOLONGAN,
    EducationLevel,
    EmployeeStatus,
    Gender,
    KedudukanHukum,
)
from kinerja.org.models import Eselon, JabatanLevel, JabatanType

NUMERIC_NIP = "NIP tersimpan sebagai angka dan kehilangan digit; format kolom sebagai teks"
STRUCTURAL = "struktural"


class CellError(ValueError):
    """A cell whose text cannot be read as the value its column needs."""


_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?[eE][+-]?\d+$")
_GOLONGAN = re.compile(r"^(IV|III|II|I)\s*[/\-. ]?\s*([A-Ea-e])$")
_ESELON = re.compile(r"^(IV|III|II|I)\s*[/\-. ]?\s*([ABab])$")
_ROMAN = {
    1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX",
    10: "X", 11: "XI", 12: "XII", 13: "XIII", 14: "XIV", 15: "XV", 16: "XVI", 17: "XVII",
}  # fmt: skip


# The parsers are pure and the same few values recur across thousands of rows: cache them.
@lru_cache(maxsize=65536)
def parse_date(text: str) -> date | None:
    """dd-mm-yyyy (also with / or .) or yyyy-mm-dd; blank is None."""
    if not text:
        return None
    match = _DMY.match(text)
    try:
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
        match = _YMD.match(text)
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        pass
    raise CellError(_("“%(v)s” bukan tanggal (gunakan dd-mm-yyyy atau yyyy-mm-dd)") % {"v": text})


_GENDERS = {
    "l": Gender.MALE, "lakilaki": Gender.MALE, "pria": Gender.MALE, "m": Gender.MALE,
    "male": Gender.MALE, "1": Gender.MALE,
    "p": Gender.FEMALE, "perempuan": Gender.FEMALE, "wanita": Gender.FEMALE, "f": Gender.FEMALE,
    "female": Gender.FEMALE, "2": Gender.FEMALE,
}  # fmt: skip


@lru_cache(maxsize=4096)
def parse_gender(text: str) -> str:
    try:
        return _GENDERS[normalise(text)]
    except KeyError:
        raise CellError(_("“%(v)s” bukan jenis kelamin (L/P)") % {"v": text}) from None


@lru_cache(maxsize=4096)
def parse_status(text: str) -> str:
    upper = text.upper()
    if "PPPK" in upper:
        return EmployeeStatus.PPPK
    if upper.startswith("CPNS"):
        return EmployeeStatus.CPNS
    if "PNS" in upper:
        return EmployeeStatus.PNS
    raise CellError(_("“%(v)s” bukan status pegawai (PNS, CPNS atau PPPK)") % {"v": text})


_KEDUDUKAN = (
    {normalise(k.value): k.value for k in KedudukanHukum}
    | {normalise(str(k.label)): k.value for k in KedudukanHukum}
    | {
        "cutidiluartanggungannegara": KedudukanHukum.CLTN,
        "meninggal": KedudukanHukum.MENINGGAL,
        "wafat": KedudukanHukum.MENINGGAL,
        "diberhentikandenganhormat": KedudukanHukum.DIBERHENTIKAN,
        "diberhentikantidakdenganhormat": KedudukanHukum.DIBERHENTIKAN,
        "pemberhentiandenganhormat": KedudukanHukum.DIBERHENTIKAN,
        "pemberhentiantidakdenganhormat": KedudukanHukum.DIBERHENTIKAN,
    }
)


@lru_cache(maxsize=4096)
def parse_kedudukan(text: str) -> str:
    if not text:
        return KedudukanHukum.AKTIF
    try:
        return _KEDUDUKAN[normalise(text)]
    except KeyError:
        raise CellError(_("kedudukan hukum “%(v)s” tidak dikenal") % {"v": text}) from None


_EDUCATION = {
    EducationLevel.SD: ("sd", "sekolahdasar"),
    EducationLevel.SMP: ("smp", "sltp", "mts", "sekolahmenengahpertama"),
    EducationLevel.SMA: ("slta", "sma", "smk", "smu", "ma", "stm", "smea", "sekolahmenengahatas"),
    EducationLevel.D1: ("di", "d1", "diplomai", "diploma1"),
    EducationLevel.D2: ("dii", "d2", "diplomaii", "diploma2"),
    EducationLevel.D3: ("diii", "d3", "diplomaiii", "diploma3"),
    EducationLevel.D4: ("div", "d4", "diplomaiv", "diploma4"),
    EducationLevel.S1: ("s1", "sarjana", "s1sarjana", "strata1", "stratai"),
    EducationLevel.S2: ("s2", "magister", "s2magister", "strata2", "strataii", "pascasarjana"),
    EducationLevel.S3: ("s3", "doktor", "s3doktor", "strata3", "strataiii"),
}
_EDUCATION_BY_TEXT = {
    alias: level.value for level, aliases in _EDUCATION.items() for alias in aliases
}


@lru_cache(maxsize=4096)
def parse_education(text: str) -> str:
    if not text:
        return ""
    try:
        return _EDUCATION_BY_TEXT[normalise(text)]
    except KeyError:
        raise CellError(
            _("tingkat pendidikan “%(v)s” tidak dikenal (contoh: SLTA, D-III, S-1, S-2)")
            % {"v": text}
        ) from None


@lru_cache(maxsize=4096)
def parse_golongan(name: str, siasn_id: str, status: str | None) -> str:
    """The golongan code from its name (``III/a``, ``IX``) or its SIASN id (``31``)."""
    code = ""
    if name:
        match = _GOLONGAN.match(name.strip())
        if match:
            code = f"{match[1]}/{match[2].lower()}"
        elif name.strip().upper() in PPPK_GOLONGAN:
            code = name.strip().upper()
        elif name.strip().isdigit() and status == EmployeeStatus.PPPK and int(name) in _ROMAN:
            code = _ROMAN[int(name)]
        else:
            raise CellError(_("golongan “%(v)s” tidak dikenal") % {"v": name})
    if siasn_id and status != EmployeeStatus.PPPK:
        by_id = GOLONGAN_BY_SIASN_ID.get(int(siasn_id)) if siasn_id.isdigit() else None
        if by_id is None:
            raise CellError(_("id golongan “%(v)s” tidak dikenal") % {"v": siasn_id})
        if code and code != by_id:
            raise CellError(
                _("golongan %(a)s tidak sama dengan id golongan %(b)s") % {"a": code, "b": siasn_id}
            )
        code = by_id
    return code


@lru_cache(maxsize=4096)
def parse_year(text: str) -> int | None:
    if not text:
        return None
    if not text.isdigit() or not 1940 <= int(text) <= 2100:
        raise CellError(_("“%(v)s” bukan tahun yang sah") % {"v": text})
    return int(text)


_JENIS_JABATAN = {
    "struktural": STRUCTURAL, "jabatanstruktural": STRUCTURAL, "1": STRUCTURAL,
    "fungsional": JabatanType.FUNGSIONAL, "fungsionaltertentu": JabatanType.FUNGSIONAL,
    "jabatanfungsional": JabatanType.FUNGSIONAL, "jft": JabatanType.FUNGSIONAL,
    "2": JabatanType.FUNGSIONAL,
    "pelaksana": JabatanType.PELAKSANA, "fungsionalumum": JabatanType.PELAKSANA,
    "jabatanpelaksana": JabatanType.PELAKSANA, "jfu": JabatanType.PELAKSANA,
    "4": JabatanType.PELAKSANA,
    "jpt": JabatanType.JPT, "jabatanpimpinantinggi": JabatanType.JPT,
    "administrator": JabatanType.ADMINISTRATOR, "pengawas": JabatanType.PENGAWAS,
}  # fmt: skip
_NO_ESELON = {"", "0", "00", "99", "noneselon", "nonesselon", "tidakada", "none"}
_ESELON_IDS = {"21": Eselon.II_A, "22": Eselon.II_B, "31": Eselon.III_A, "32": Eselon.III_B,
               "41": Eselon.IV_A, "42": Eselon.IV_B}  # fmt: skip
_TYPE_BY_ESELON = {
    "II": JabatanType.JPT,
    "III": JabatanType.ADMINISTRATOR,
    "IV": JabatanType.PENGAWAS,
}


@lru_cache(maxsize=4096)
def parse_jenis_jabatan(name: str, siasn_id: str) -> str:
    text = name or siasn_id
    if not text:
        return ""
    try:
        return _JENIS_JABATAN[normalise(text)]
    except KeyError:
        raise CellError(_("jenis jabatan “%(v)s” tidak dikenal") % {"v": text}) from None


@lru_cache(maxsize=4096)
def parse_eselon(name: str, siasn_id: str) -> str:
    if name and normalise(name) not in _NO_ESELON:
        match = _ESELON.match(name.strip().upper())
        if not match:
            raise CellError(_("eselon “%(v)s” tidak dikenal") % {"v": name})
        return f"{match[1]}.{match[2].lower()}"
    if siasn_id and normalise(siasn_id) not in _NO_ESELON:
        if siasn_id not in _ESELON_IDS:
            raise CellError(_("id eselon “%(v)s” tidak dikenal") % {"v": siasn_id})
        return _ESELON_IDS[siasn_id]
    return ""


def structural_type(eselon: str) -> str:
    """The jabatan type an eselon implies (II → JPT, III → administrator, IV → pengawas)."""
    return _TYPE_BY_ESELON.get(eselon.split(".")[0], "") if eselon else ""


_LEVELS = sorted(
    ((normalise(str(level.label)), level.value) for level in JabatanLevel),
    key=lambda pair: -len(pair[0]),
)


@lru_cache(maxsize=4096)
def parse_level(jenjang: str, position_name: str) -> str:
    """The jenjang from its own column or from the end of the jabatan name (“… Ahli Muda”)."""
    for text in (jenjang, position_name):
        norm = normalise(text)
        if not norm:
            continue
        for label, value in _LEVELS:
            if norm == label or norm.endswith(label):
                return value
    return ""


def clean_nip(text: str, numeric: bool) -> str:
    """The NIP as text, refusing one that a spreadsheet has turned into a number."""
    if numeric or _SCIENTIFIC.match(text):
        raise CellError(NUMERIC_NIP)
    compact = text.replace(" ", "")
    # A spreadsheet keeps 15 significant digits, so a NIP that went through a number format
    # comes back ending in "000" — a serial that no real NIP has.
    if len(compact) == 18 and compact.isdigit() and compact.endswith("000"):
        raise CellError(NUMERIC_NIP)
    return compact


@dataclass(slots=True)
class Record:
    """One parsed data row: employee field values plus where the employee is placed."""

    number: int
    nip: str
    values: dict[str, Any]
    unit_code: str
    position_name: str
    jabatan_kind: str
    eselon: str
    level: str
    tmt_jabatan: date | None


#: Employee fields set from plain text columns (stripped, blank allowed).
TEXT_FIELDS = ("name", "gelar_depan", "gelar_belakang", "birth_place", "education_major", "phone")
DATE_FIELDS = ("birth_date", "tmt_cpns", "tmt_pns", "tmt_golongan")
REQUIRED = ("nip", "name", "birth_date", "gender")


class RowParser:
    """Parses rows of one file; built once per file from its header map."""

    def __init__(self, header: HeaderMap) -> None:
        self.header = header
        self.index = dict(header.index)
        self.text_fields = [f for f in TEXT_FIELDS if f in self.index]
        self.date_fields = [f for f in DATE_FIELDS if f in self.index]

    def parse(self, row: SheetRow) -> tuple[Record | None, str, list[str]]:
        """(record or None, the NIP as found, the row's problems)."""
        errors: list[str] = []
        label = self.header.label
        raw = row.values
        width = len(raw)
        cells = {key: raw[i].strip() if i < width else "" for key, i in self.index.items()}
        cell = cells.get
        values: dict[str, Any] = {}

        def attempt(key: str, func: Any, *args: Any) -> Any:
            try:
                return func(*args)
            except CellError as exc:
                errors.append(f"{label(key)}: {exc}")
                return None

        raw_nip = cells["nip"]
        nip = attempt("nip", clean_nip, raw_nip, self.index["nip"] in row.numeric)
        for key in REQUIRED:
            if not cells[key]:
                errors.append(_("%(col)s wajib diisi") % {"col": label(key)})
        for name in self.text_fields:
            values[name] = cells[name]
        for name in self.date_fields:
            values[name] = attempt(name, parse_date, cells[name])
        if cells["gender"]:
            values["gender"] = attempt("gender", parse_gender, cells["gender"])
        status_key = "status" if cell("status") else "jenis_pegawai"
        if cell(status_key):
            values["status"] = attempt(status_key, parse_status, cells[status_key])
        else:
            errors.append(_("%(col)s wajib diisi") % {"col": label(status_key)})
        if "golongan" in cells or "golongan_id" in cells:
            key = "golongan" if cell("golongan") else "golongan_id"
            values["golongan"] = attempt(
                key, parse_golongan, cell("golongan", ""), cell("golongan_id", ""),
                values.get("status"),
            )  # fmt: skip
        if "kedudukan" in cells:
            values["kedudukan_hukum"] = attempt("kedudukan", parse_kedudukan, cells["kedudukan"])
        if "education_level" in cells:
            values["education_level"] = attempt(
                "education_level", parse_education, cells["education_level"]
            )
        if "graduation_year" in cells:
            values["graduation_year"] = attempt(
                "graduation_year", parse_year, cells["graduation_year"]
            )
        if "email" in cells or "email_gov" in cells:
            # The official address wins over a personal one: we keep only one.
            values["email"] = cell("email_gov") or cell("email", "")

        unit_code, position_name = cells["unor_id"], cells["jabatan"]
        if bool(unit_code) != bool(position_name):
            missing = "jabatan" if unit_code else "unor_id"
            errors.append(
                _("%(col)s wajib diisi bila unit/jabatan diisi") % {"col": label(missing)}
            )
        kind = attempt(
            "jenis_jabatan",
            parse_jenis_jabatan,
            cell("jenis_jabatan", ""),
            cell("jenis_jabatan_id", ""),
        )
        eselon = attempt("eselon", parse_eselon, cell("eselon", ""), cell("eselon_id", ""))
        tmt_jabatan = attempt("tmt_jabatan", parse_date, cell("tmt_jabatan", ""))
        if errors or nip is None:
            return None, raw_nip, errors
        record = Record(
            number=row.number,
            nip=nip,
            values=values,
            unit_code=unit_code,
            position_name=position_name,
            jabatan_kind=kind or "",
            eselon=eselon or "",
            level=parse_level(cell("jenjang", ""), position_name),
            tmt_jabatan=tmt_jabatan,
        )
        return record, nip, errors
