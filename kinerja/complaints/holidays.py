"""Built-in national holidays and cuti bersama of Indonesia, as data.

Each year's list follows the joint decree of the Minister of Religious Affairs, the Minister of
Manpower and the Minister of Administrative and Bureaucratic Reform ("SKB 3 Menteri") on national
holidays and cuti bersama, with the revisions and presidential decisions issued during the year:

* 2023: the SKB with its revisions (Idul Fitri cuti bersama moved to 19–25 April; Idul Adha cuti
  bersama 28 and 30 June added).
* 2024: the SKB; the election days 14 February and 27 November were declared holidays.
* 2025: the SKB; 18 August was added as cuti bersama for the 80th anniversary of independence.
* 2026: SKB 1497/2025, 2/2025, 5/2025 (17 national holidays, 8 days of cuti bersama).
* 2027: **incomplete on purpose.** Only the holidays whose dates are fixed by law or follow from
  the Western Easter date are listed (1 January, Wafat and Kebangkitan Isa Almasih, 1 May,
  Kenaikan Isa Almasih, 1 June, 17 August, 25 December). The lunar holidays (Imlek, Nyepi,
  Waisak, the Islamic holidays) and every cuti bersama must be added from the SKB for 2027.

BKPSDM must check each year's list against the SKB in force (and its revisions) before relying on
it: the government revises cuti bersama during the year, and regional holidays (libur daerah) are
never part of this list. Loading a year into an instansi's calendar only adds dates not already
there; edits made by BKPSDM are never overwritten.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from kinerja.complaints.models import HolidayKind

__all__ = ["BUILT_IN", "COMPLETE_YEARS", "BuiltInHoliday", "built_in_for"]


class BuiltInHoliday(NamedTuple):
    date: date
    name: str
    kind: str


N = HolidayKind.NATIONAL.value
C = HolidayKind.CUTI_BERSAMA.value


def _year(year: int, rows: list[tuple[int, int, str, str]]) -> tuple[BuiltInHoliday, ...]:
    return tuple(
        BuiltInHoliday(date(year, month, day), name, kind) for month, day, name, kind in rows
    )


BUILT_IN: dict[int, tuple[BuiltInHoliday, ...]] = {
    2023: _year(2023, [
        (1, 1, "Tahun Baru 2023 Masehi", N),
        (1, 22, "Tahun Baru Imlek 2574 Kongzili", N),
        (1, 23, "Cuti bersama Tahun Baru Imlek", C),
        (2, 18, "Isra Mikraj Nabi Muhammad SAW", N),
        (3, 22, "Hari Suci Nyepi Tahun Baru Saka 1945", N),
        (3, 23, "Cuti bersama Hari Suci Nyepi", C),
        (4, 7, "Wafat Isa Almasih", N),
        (4, 19, "Cuti bersama Idul Fitri 1444 H", C),
        (4, 20, "Cuti bersama Idul Fitri 1444 H", C),
        (4, 21, "Cuti bersama Idul Fitri 1444 H", C),
        (4, 22, "Hari Raya Idul Fitri 1444 H", N),
        (4, 23, "Hari Raya Idul Fitri 1444 H", N),
        (4, 24, "Cuti bersama Idul Fitri 1444 H", C),
        (4, 25, "Cuti bersama Idul Fitri 1444 H", C),
        (5, 1, "Hari Buruh Internasional", N),
        (5, 18, "Kenaikan Isa Almasih", N),
        (6, 1, "Hari Lahir Pancasila", N),
        (6, 2, "Cuti bersama Hari Raya Waisak", C),
        (6, 4, "Hari Raya Waisak 2567 BE", N),
        (6, 28, "Cuti bersama Idul Adha 1444 H", C),
        (6, 29, "Hari Raya Idul Adha 1444 H", N),
        (6, 30, "Cuti bersama Idul Adha 1444 H", C),
        (7, 19, "Tahun Baru Islam 1445 H", N),
        (8, 17, "Hari Kemerdekaan Republik Indonesia", N),
        (9, 28, "Maulid Nabi Muhammad SAW", N),
        (12, 25, "Hari Raya Natal", N),
        (12, 26, "Cuti bersama Hari Raya Natal", C),
    ]),
    2024: _year(2024, [
        (1, 1, "Tahun Baru 2024 Masehi", N),
        (2, 8, "Isra Mikraj Nabi Muhammad SAW", N),
        (2, 9, "Cuti bersama Tahun Baru Imlek", C),
        (2, 10, "Tahun Baru Imlek 2575 Kongzili", N),
        (2, 14, "Hari pemungutan suara Pemilu 2024", N),
        (3, 11, "Hari Suci Nyepi Tahun Baru Saka 1946", N),
        (3, 12, "Cuti bersama Hari Suci Nyepi", C),
        (3, 29, "Wafat Isa Almasih", N),
        (3, 31, "Hari Paskah", N),
        (4, 8, "Cuti bersama Idul Fitri 1445 H", C),
        (4, 9, "Cuti bersama Idul Fitri 1445 H", C),
        (4, 10, "Hari Raya Idul Fitri 1445 H", N),
        (4, 11, "Hari Raya Idul Fitri 1445 H", N),
        (4, 12, "Cuti bersama Idul Fitri 1445 H", C),
        (4, 15, "Cuti bersama Idul Fitri 1445 H", C),
        (5, 1, "Hari Buruh Internasional", N),
        (5, 9, "Kenaikan Isa Almasih", N),
        (5, 10, "Cuti bersama Kenaikan Isa Almasih", C),
        (5, 23, "Hari Raya Waisak 2568 BE", N),
        (5, 24, "Cuti bersama Hari Raya Waisak", C),
        (6, 1, "Hari Lahir Pancasila", N),
        (6, 17, "Hari Raya Idul Adha 1445 H", N),
        (6, 18, "Cuti bersama Idul Adha 1445 H", C),
        (7, 7, "Tahun Baru Islam 1446 H", N),
        (8, 17, "Hari Kemerdekaan Republik Indonesia", N),
        (9, 16, "Maulid Nabi Muhammad SAW", N),
        (11, 27, "Hari pemungutan suara Pilkada serentak 2024", N),
        (12, 25, "Hari Raya Natal", N),
        (12, 26, "Cuti bersama Hari Raya Natal", C),
    ]),
    2025: _year(2025, [
        (1, 1, "Tahun Baru 2025 Masehi", N),
        (1, 27, "Isra Mikraj Nabi Muhammad SAW", N),
        (1, 28, "Cuti bersama Tahun Baru Imlek", C),
        (1, 29, "Tahun Baru Imlek 2576 Kongzili", N),
        (3, 28, "Cuti bersama Hari Suci Nyepi", C),
        (3, 29, "Hari Suci Nyepi Tahun Baru Saka 1947", N),
        (3, 31, "Hari Raya Idul Fitri 1446 H", N),
        (4, 1, "Hari Raya Idul Fitri 1446 H", N),
        (4, 2, "Cuti bersama Idul Fitri 1446 H", C),
        (4, 3, "Cuti bersama Idul Fitri 1446 H", C),
        (4, 4, "Cuti bersama Idul Fitri 1446 H", C),
        (4, 7, "Cuti bersama Idul Fitri 1446 H", C),
        (4, 18, "Wafat Isa Almasih", N),
        (4, 20, "Hari Paskah", N),
        (5, 1, "Hari Buruh Internasional", N),
        (5, 12, "Hari Raya Waisak 2569 BE", N),
        (5, 13, "Cuti bersama Hari Raya Waisak", C),
        (5, 29, "Kenaikan Isa Almasih", N),
        (5, 30, "Cuti bersama Kenaikan Isa Almasih", C),
        (6, 1, "Hari Lahir Pancasila", N),
        (6, 6, "Hari Raya Idul Adha 1446 H", N),
        (6, 9, "Cuti bersama Idul Adha 1446 H", C),
        (6, 27, "Tahun Baru Islam 1447 H", N),
        (8, 17, "Hari Kemerdekaan Republik Indonesia", N),
        (8, 18, "Cuti bersama HUT ke-80 Republik Indonesia", C),
        (9, 5, "Maulid Nabi Muhammad SAW", N),
        (12, 25, "Hari Raya Natal", N),
        (12, 26, "Cuti bersama Hari Raya Natal", C),
    ]),
    2026: _year(2026, [
        (1, 1, "Tahun Baru 2026 Masehi", N),
        (1, 16, "Isra Mikraj Nabi Muhammad SAW", N),
        (2, 16, "Cuti bersama Tahun Baru Imlek", C),
        (2, 17, "Tahun Baru Imlek 2577 Kongzili", N),
        (3, 18, "Cuti bersama Hari Suci Nyepi", C),
        (3, 19, "Hari Suci Nyepi Tahun Baru Saka 1948", N),
        (3, 20, "Cuti bersama Idul Fitri 1447 H", C),
        (3, 21, "Hari Raya Idul Fitri 1447 H", N),
        (3, 22, "Hari Raya Idul Fitri 1447 H", N),
        (3, 23, "Cuti bersama Idul Fitri 1447 H", C),
        (3, 24, "Cuti bersama Idul Fitri 1447 H", C),
        (4, 3, "Wafat Isa Almasih", N),
        (4, 5, "Hari Paskah", N),
        (5, 1, "Hari Buruh Internasional", N),
        (5, 14, "Kenaikan Isa Almasih", N),
        (5, 15, "Cuti bersama Kenaikan Isa Almasih", C),
        (5, 27, "Hari Raya Idul Adha 1447 H", N),
        (5, 28, "Cuti bersama Idul Adha 1447 H", C),
        (5, 31, "Hari Raya Waisak 2570 BE", N),
        (6, 1, "Hari Lahir Pancasila", N),
        (6, 16, "Tahun Baru Islam 1448 H", N),
        (8, 17, "Hari Kemerdekaan Republik Indonesia", N),
        (8, 25, "Maulid Nabi Muhammad SAW", N),
        (12, 24, "Cuti bersama Hari Raya Natal", C),
        (12, 25, "Hari Raya Natal", N),
    ]),
    # Incomplete: see the module docstring. Add the rest from the SKB for 2027.
    2027: _year(2027, [
        (1, 1, "Tahun Baru 2027 Masehi", N),
        (3, 26, "Wafat Isa Almasih", N),
        (3, 28, "Hari Paskah", N),
        (5, 1, "Hari Buruh Internasional", N),
        (5, 6, "Kenaikan Isa Almasih", N),
        (6, 1, "Hari Lahir Pancasila", N),
        (8, 17, "Hari Kemerdekaan Republik Indonesia", N),
        (12, 25, "Hari Raya Natal", N),
    ]),
}  # fmt: skip

#: Years whose built-in list is the whole SKB; the others hold only the dates known for certain.
COMPLETE_YEARS = frozenset({2023, 2024, 2025, 2026})


def built_in_for(year: int) -> tuple[BuiltInHoliday, ...]:
    """The built-in holidays of ``year`` in date order; empty for a year without data."""
    return BUILT_IN.get(year, ())
