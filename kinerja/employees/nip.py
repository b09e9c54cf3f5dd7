"""NIP and NI PPPK structure (DOMAIN.md §6). Pure functions, no Django imports.

NIP (PNS/CPNS): birth date YYYYMMDD, TMT CPNS YYYYMM, gender (1 male, 2 female), serial.
NI PPPK: birth date YYYYMMDD, year of appointment YYYY, a two-digit code, gender, serial.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


class NipError(ValueError):
    """A NIP that is not well formed; the message is for the user, in Bahasa Indonesia."""


@dataclass(frozen=True)
class NipParts:
    birth_date: date
    gender: str  # "L" or "P"
    serial: int
    tmt_year: int
    tmt_month: int | None  # None for NI PPPK (positions 13-14 are a code, not a month)


def _digits(value: str) -> str:
    text = (value or "").strip().replace(" ", "")
    if not text:
        raise NipError("NIP wajib diisi.")
    if not text.isdigit():
        raise NipError("NIP hanya boleh berisi angka.")
    if len(text) != 18:
        raise NipError(f"NIP harus 18 digit, bukan {len(text)} digit.")
    return text


def _birth_date(text: str) -> date:
    try:
        born = date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise NipError("Digit 1–8 NIP bukan tanggal lahir yang sah.") from None
    if born.year < 1940:
        raise NipError("Tahun lahir pada NIP tidak masuk akal.")
    return born


def _gender(digit: str) -> str:
    if digit == "1":
        return "L"
    if digit == "2":
        return "P"
    raise NipError("Digit ke-15 NIP (jenis kelamin) harus 1 atau 2.")


def _serial(text: str) -> int:
    serial = int(text[15:18])
    if serial == 0:
        raise NipError("Nomor urut NIP (digit 16–18) tidak boleh 000.")
    return serial


def parse_nip(value: str) -> NipParts:
    """Parse an 18-digit PNS/CPNS NIP or raise :class:`NipError`."""
    text = _digits(value)
    born = _birth_date(text)
    tmt_year, tmt_month = int(text[8:12]), int(text[12:14])
    if not 1 <= tmt_month <= 12:
        raise NipError("Digit 13–14 NIP (bulan TMT CPNS) harus 01–12.")
    if tmt_year < born.year + 15:
        raise NipError("TMT CPNS pada NIP terlalu dekat dengan tanggal lahir (usia < 15 tahun).")
    return NipParts(born, _gender(text[14]), _serial(text), tmt_year, tmt_month)


def parse_ni_pppk(value: str) -> NipParts:
    """Parse an 18-digit NI PPPK or raise :class:`NipError`."""
    text = _digits(value)
    born = _birth_date(text)
    year = int(text[8:12])
    if year < born.year + 15:
        raise NipError("Tahun pengangkatan pada NI PPPK terlalu dekat dengan tanggal lahir.")
    return NipParts(born, _gender(text[14]), _serial(text), year, None)


def check_consistency(
    parts: NipParts, *, birth_date: date | None, gender: str | None, today: date
) -> list[tuple[str, str]]:
    """(field, message) for every disagreement between the NIP and the other fields."""
    problems: list[tuple[str, str]] = []
    if birth_date is not None and birth_date != parts.birth_date:
        problems.append(
            (
                "birth_date",
                f"Tanggal lahir {birth_date:%d-%m-%Y} tidak sama dengan NIP "
                f"({parts.birth_date:%d-%m-%Y}).",
            )
        )
    if gender and gender != parts.gender:
        problems.append(("gender", "Jenis kelamin tidak sama dengan digit ke-15 NIP."))
    if parts.tmt_year > today.year or (
        parts.tmt_month is not None
        and (parts.tmt_year, parts.tmt_month) > (today.year, today.month)
    ):
        problems.append(("nip", "TMT pada NIP berada di masa depan."))
    if parts.birth_date > today:
        problems.append(("nip", "Tanggal lahir pada NIP berada di masa depan."))
    return problems


def make_nip(birth: date, tmt_year: int, tmt_month: int, gender: str, serial: int) -> str:
    """Compose a PNS NIP (used by the demo data and by tests)."""
    return f"{birth:%Y%m%d}{tmt_year:04d}{tmt_month:02d}{1 if gender == 'L' else 2}{serial:03d}"


def make_ni_pppk(birth: date, year: int, code: int, gender: str, serial: int) -> str:
    return f"{birth:%Y%m%d}{year:04d}{code:02d}{1 if gender == 'L' else 2}{serial:03d}"
