"""Working time ("jam kerja") for the service levels of citizens' complaints.

Service levels are promised in working time: weekends, national holidays and cuti bersama do not
count, nor do the hours outside the work schedule. This module answers two questions - how much
working time lies between two instants, and when a given amount of working time runs out - for
spans of any length without walking minute by minute.

Nothing here imports Django: the rules must be reproducible from plain stored values (a schedule
spec, a list of holidays, a time zone name).

Two choices shape every result:

* **Whole minutes, read off the wall clock.** Every instant is first converted to the calendar's
  time zone and truncated to its minute (seconds and microseconds are dropped), as if read off a
  clock that only shows HH:MM. Working time is then counted between those truncated instants.
  Truncating both boundaries the same way keeps the count additive
  (``minutes_between(a, c) == minutes_between(a, b) + minutes_between(b, c)``), which counting
  exact seconds and flooring the total would not. The error is under one minute either way.
* **Local wall time.** Work intervals are wall-clock times of the calendar's zone, so a schedule
  means the same thing on every day of the year. Working time is the wall-clock length of the
  intervals; this equals elapsed time unless a daylight-saving change falls *inside* working hours
  (it never does in Indonesia, which has no DST, and elsewhere changes happen at night).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from enum import StrEnum

__all__ = [
    "DEFAULT_SCHEDULE",
    "WEEKDAY_NAMES",
    "Interval",
    "Schedule",
    "SlaState",
    "WorkCalendar",
    "sla_state",
]

#: Indonesian weekday names, indexed like :meth:`datetime.date.weekday` (Monday = 0).
WEEKDAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

#: One work interval: ``(start_minute, end_minute)`` since local midnight, start inclusive, end
#: exclusive; ``end_minute`` may be 1440 (24:00).
Interval = tuple[int, int]

_MINUTES_PER_DAY = 24 * 60
_INTERVAL_RE = re.compile(r"^([0-9]{1,2}):([0-9]{2})\s*-\s*([0-9]{1,2}):([0-9]{2})$")


def _format_minute(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _format_interval(interval: Interval) -> str:
    return f"{_format_minute(interval[0])}-{_format_minute(interval[1])}"


def _clock_minute(hours: str, minutes: str) -> int | None:
    """Minutes since midnight for a HH:MM clock reading, or None when it is not a valid reading."""
    h, m = int(hours), int(minutes)
    if m > 59 or h > 24 or (h == 24 and m != 0):
        return None
    return h * 60 + m


def _parse_day(weekday: int, text: str) -> tuple[Interval, ...]:
    day = WEEKDAY_NAMES[weekday]
    if not text.strip():
        return ()
    intervals: list[Interval] = []
    for raw in text.split(","):
        piece = raw.strip()
        match = _INTERVAL_RE.match(piece)
        start = _clock_minute(match[1], match[2]) if match else None
        end = _clock_minute(match[3], match[4]) if match else None
        if start is None or end is None or start >= end:
            raise ValueError(f"Jam kerja {day} tidak valid: {piece or '(kosong)'}")
        intervals.append((start, end))
    # An administrator may list the intervals in any order; the canonical form is sorted.
    intervals.sort()
    return tuple(intervals)


def _check_day(weekday: int, intervals: tuple[Interval, ...]) -> None:
    day = WEEKDAY_NAMES[weekday]
    previous: Interval | None = None
    for interval in intervals:
        if (
            not isinstance(interval, tuple)
            or len(interval) != 2
            or not all(type(v) is int for v in interval)
        ):
            raise ValueError(f"Jam kerja {day} tidak valid: {interval!r}")
        start, end = interval
        if not 0 <= start < end <= _MINUTES_PER_DAY:
            raise ValueError(f"Jam kerja {day} tidak valid: {_format_interval(interval)}")
        if previous is not None:
            if start < previous[0]:
                raise ValueError(
                    f"Jam kerja {day} tidak urut: {_format_interval(previous)} "
                    f"sebelum {_format_interval(interval)}"
                )
            if start < previous[1]:
                raise ValueError(
                    f"Jam kerja {day} tumpang tindih: {_format_interval(previous)} "
                    f"dan {_format_interval(interval)}"
                )
        previous = interval


@dataclass(frozen=True, slots=True)
class Schedule:
    """The weekly work schedule ("jam kerja").

    ``days`` holds seven entries, Monday (0) to Sunday (6); each is a sorted tuple of
    non-overlapping ``(start_minute, end_minute)`` intervals in minutes since local midnight. An
    empty tuple is a day off. Intervals may touch (``12:00-12:00`` joins) but not overlap. A
    schedule without any working minute is rejected: nothing could ever fall due under it.
    """

    days: tuple[tuple[Interval, ...], ...]

    def __post_init__(self) -> None:
        if not isinstance(self.days, tuple) or len(self.days) != 7:
            raise ValueError("Jadwal kerja harus memuat tepat 7 hari (Senin sampai Minggu)")
        for weekday, intervals in enumerate(self.days):
            if not isinstance(intervals, tuple):
                raise ValueError(f"Jam kerja {WEEKDAY_NAMES[weekday]} harus berupa tuple interval")
            _check_day(weekday, intervals)
        if self.weekly_minutes == 0:
            raise ValueError("Jadwal kerja tidak memuat jam kerja sama sekali")

    @classmethod
    def parse(cls, spec: Mapping[int, str]) -> Schedule:
        """Build a schedule from ``{weekday: "HH:MM-HH:MM,HH:MM-HH:MM"}``.

        Weekdays are 0 (Senin) to 6 (Minggu); a missing weekday or an empty string is a day off.
        Hours may have one digit and ``24:00`` ends a day; intervals are sorted. Raises
        ValueError with an Indonesian message naming the day for malformed, empty, reversed or
        overlapping intervals, e.g. ``Jam kerja Senin tidak valid: 16:00-07:15``.
        """
        days: list[tuple[Interval, ...]] = [()] * 7
        for weekday, text in spec.items():
            if type(weekday) is not int or not 0 <= weekday <= 6:
                raise ValueError(f"Hari tidak dikenal: {weekday!r} (0 = Senin sampai 6 = Minggu)")
            if not isinstance(text, str):
                raise ValueError(f"Jam kerja {WEEKDAY_NAMES[weekday]} harus berupa teks")
            days[weekday] = _parse_day(weekday, text)
        return cls(tuple(days))

    def to_spec(self) -> dict[int, str]:
        """The schedule as ``parse`` accepts it: all seven weekdays, canonical ``HH:MM`` text.

        ``Schedule.parse(s.to_spec()) == s`` always holds; ``parse(spec).to_spec() == spec`` holds
        for a spec already in canonical form (seven keys, two-digit hours, sorted intervals).
        """
        return {
            weekday: ",".join(_format_interval(interval) for interval in intervals)
            for weekday, intervals in enumerate(self.days)
        }

    def minutes_on(self, weekday: int) -> int:
        """Working minutes on a regular (non-holiday) day of the given weekday (Monday = 0)."""
        return sum(end - start for start, end in self.days[weekday])

    @property
    def weekly_minutes(self) -> int:
        """Working minutes in a week without holidays."""
        return sum(self.minutes_on(weekday) for weekday in range(7))

    @property
    def day_minutes(self) -> int:
        """The standard working-day length in minutes, for turning "1 hari kerja" into minutes.

        It is the weekly total divided (rounding down) by the number of weekdays that have any
        working interval, so a short Friday lowers the standard day rather than being ignored.
        """
        working_days = sum(1 for intervals in self.days if intervals)
        return self.weekly_minutes // working_days


#: 37.5 hours a week over five days: Senin–Kamis 07:15–12:00 and 12:30–16:00 (8 h 15 min),
#: Jumat 07:15–11:45 (4 h 30 min). 2250 minutes a week; a standard working day is 450 minutes.
DEFAULT_SCHEDULE = Schedule.parse(
    {
        0: "07:15-12:00,12:30-16:00",
        1: "07:15-12:00,12:30-16:00",
        2: "07:15-12:00,12:30-16:00",
        3: "07:15-12:00,12:30-16:00",
        4: "07:15-11:45",
    }
)


class WorkCalendar:
    """A schedule plus the whole-day holidays (libur nasional, cuti bersama) in a time zone.

    Counting uses a running total of working minutes since 0001-01-01 that is computed in
    constant time per instant (whole weeks times the weekly minutes, minus the holidays before
    that day, found by bisection), so spans of years cost the same as spans of minutes.
    """

    __slots__ = (
        "_day_intervals",
        "_holiday_ordinals",
        "_holiday_prefix",
        "_minutes_by_weekday",
        "_week_prefix",
        "_weekly",
        "holidays",
        "schedule",
        "tz",
    )

    schedule: Schedule
    holidays: frozenset[date]
    tz: tzinfo

    def __init__(self, schedule: Schedule, holidays: Iterable[date], tz: tzinfo) -> None:
        """Build the calendar; ``holidays`` are whole local days off, ``tz`` the office's zone."""
        days = frozenset(holidays)
        for day in days:
            # A datetime is a date subclass but would never match a date in lookups.
            if type(day) is not date:
                raise TypeError(f"Hari libur harus berupa date, bukan {type(day).__name__}")
        self.schedule = schedule
        self.holidays = days
        self.tz = tz
        self._day_intervals = schedule.days
        self._minutes_by_weekday = tuple(schedule.minutes_on(w) for w in range(7))
        self._weekly = schedule.weekly_minutes
        prefix = [0]
        for minutes in self._minutes_by_weekday:
            prefix.append(prefix[-1] + minutes)
        self._week_prefix = tuple(prefix)
        # Holidays on days without working time change nothing, so only the others are indexed.
        counted = sorted(d for d in days if self._minutes_by_weekday[d.weekday()])
        self._holiday_ordinals = [d.toordinal() for d in counted]
        holiday_prefix = [0]
        for day in counted:
            holiday_prefix.append(holiday_prefix[-1] + self._minutes_by_weekday[day.weekday()])
        self._holiday_prefix = holiday_prefix

    def __repr__(self) -> str:
        return (
            f"WorkCalendar(schedule={self.schedule!r}, holidays=<{len(self.holidays)} hari>, "
            f"tz={self.tz!r})"
        )

    def is_working_day(self, d: date) -> bool:
        """True when ``d`` has working hours in the schedule and is not a holiday."""
        return bool(self._minutes_by_weekday[d.weekday()]) and d not in self.holidays

    def minutes_between(self, start: datetime, end: datetime) -> int:
        """Working minutes in ``[start, end)``; 0 when ``end <= start``.

        Both instants must be timezone-aware (any zone); they are converted to the calendar's
        zone and truncated to the minute before counting (see the module docstring).
        """
        # Both totals come first so that a naive datetime is rejected even for an empty range.
        start_total = self._running_total(start)
        end_total = self._running_total(end)
        if end <= start:
            return 0
        return max(0, end_total - start_total)

    def add(self, start: datetime, minutes: int) -> datetime:
        """The earliest instant ``t >= start`` with ``minutes_between(start, t) == minutes``.

        ``minutes == 0`` returns ``start`` unchanged. Otherwise counting begins at ``start``
        truncated to its minute, or at the next working interval when ``start`` is outside
        working time, and the result is a whole minute in the calendar's zone that ends a working
        minute: inside a working interval or exactly at its end (e.g. Jumat 11:45, never the
        start of the next working day). Negative ``minutes`` raise ValueError.
        """
        if minutes < 0:
            raise ValueError(f"Jumlah menit kerja tidak boleh negatif: {minutes}")
        start_ordinal, start_minute = self._local_minute(start)
        if minutes == 0:
            return start
        target = self._total_at(start_ordinal, start_minute) + minutes
        # Find the first day whose start already reaches the target; the day before it is the one
        # where the target is reached. Galloping then bisecting keeps even decades to ~60 steps.
        low, step = start_ordinal, 1
        high = start_ordinal + step
        while self._day_start_total(high) < target:
            low, step = high, step * 2
            high = start_ordinal + step
        while high - low > 1:
            middle = (low + high) // 2
            if self._day_start_total(middle) >= target:
                high = middle
            else:
                low = middle
        day = high - 1
        needed = target - self._day_start_total(day)
        minute = 0
        for interval_start, interval_end in self._day_intervals[(day - 1) % 7]:
            length = interval_end - interval_start
            if needed <= length:
                minute = interval_start + needed
                break
            needed -= length
        wall = datetime.combine(date.fromordinal(day), time()) + timedelta(minutes=minute)
        # The round trip through UTC normalises a wall time that a DST gap would make invalid.
        return wall.replace(tzinfo=self.tz).astimezone(UTC).astimezone(self.tz)

    def _local_minute(self, moment: datetime) -> tuple[int, int]:
        """``(proleptic ordinal, minute of day)`` of ``moment`` on the calendar's wall clock."""
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(f"Waktu harus memiliki zona waktu (aware datetime): {moment!r}")
        local = moment.astimezone(self.tz)
        return local.toordinal(), local.hour * 60 + local.minute

    def _running_total(self, moment: datetime) -> int:
        return self._total_at(*self._local_minute(moment))

    def _day_start_total(self, ordinal: int) -> int:
        """Working minutes from 0001-01-01 00:00 up to the start of the day ``ordinal``."""
        # Ordinal 1 (0001-01-01) is a Monday, so (ordinal - 1) counts days from a Monday.
        weeks, weekday = divmod(ordinal - 1, 7)
        holidays_before = self._holiday_prefix[bisect_left(self._holiday_ordinals, ordinal)]
        return weeks * self._weekly + self._week_prefix[weekday] - holidays_before

    def _total_at(self, ordinal: int, minute: int) -> int:
        """Working minutes from 0001-01-01 00:00 up to ``minute`` of the day ``ordinal``."""
        total = self._day_start_total(ordinal)
        if minute == 0:
            return total
        index = bisect_left(self._holiday_ordinals, ordinal)
        if index < len(self._holiday_ordinals) and self._holiday_ordinals[index] == ordinal:
            return total
        for interval_start, interval_end in self._day_intervals[(ordinal - 1) % 7]:
            if minute <= interval_start:
                break
            total += min(minute, interval_end) - interval_start
        return total


class SlaState(StrEnum):
    """Where a complaint stands against its service level; values are stored in the database."""

    ON_TIME = "tepat"
    AT_RISK = "berisiko"
    LATE = "terlambat"
    PENDING = "berjalan"


def sla_state(
    *,
    due: datetime,
    done_at: datetime | None,
    now: datetime,
    allowed_minutes: int,
    remaining_minutes: int | None,
    at_risk_share: Decimal,
) -> SlaState:
    """Classify a complaint against its deadline.

    * Done: ON_TIME when ``done_at <= due``, otherwise LATE (``now`` is then irrelevant).
    * Not done and ``now > due``: LATE.
    * Not done, not yet due: AT_RISK when the working minutes left (``remaining_minutes``,
      computed by the caller, e.g. ``calendar.minutes_between(now, due)``) are at most
      ``allowed_minutes × at_risk_share``; otherwise PENDING. With ``remaining_minutes=None``
      the risk is unknown and the state is PENDING.

    ``at_risk_share`` is a fraction between 0 and 1 (e.g. ``Decimal("0.25")`` marks the last
    quarter of the allowed time); ValueError otherwise.
    """
    if not Decimal(0) <= at_risk_share <= Decimal(1):
        raise ValueError(f"Porsi waktu berisiko harus antara 0 dan 1, bukan {at_risk_share}")
    if done_at is not None:
        return SlaState.ON_TIME if done_at <= due else SlaState.LATE
    if now > due:
        return SlaState.LATE
    if remaining_minutes is not None and remaining_minutes <= allowed_minutes * at_risk_share:
        return SlaState.AT_RISK
    return SlaState.PENDING
