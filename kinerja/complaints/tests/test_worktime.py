"""Working time for complaint service levels: hand-worked cases and hypothesis properties.

Dates: 2026-02-02 is a Monday, 2026-02-05 a Thursday, 2026-08-17 (HUT RI) a Monday. The default
schedule is Senin–Kamis 07:15–12:00 + 12:30–16:00 (495 min), Jumat 07:15–11:45 (270 min).
"""

import re
import timeit
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kinerja.complaints.worktime import (
    DEFAULT_SCHEDULE,
    WEEKDAY_NAMES,
    Schedule,
    SlaState,
    WorkCalendar,
    sla_state,
)

WIB = ZoneInfo("Asia/Jakarta")
HUT_RI = date(2026, 8, 17)
HOLIDAYS = frozenset({date(2026, 1, 1), HUT_RI, date(2026, 12, 25), date(2026, 3, 21)})
CAL = WorkCalendar(DEFAULT_SCHEDULE, HOLIDAYS, WIB)
PLAIN = WorkCalendar(DEFAULT_SCHEDULE, frozenset(), WIB)


def wib(
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    microsecond: int = 0,
) -> datetime:
    return datetime(year, month, day, hour, minute, second, microsecond, tzinfo=WIB)


# --- Schedule ---------------------------------------------------------------------------------


def test_default_schedule_is_37_and_a_half_hours_over_five_days():
    assert DEFAULT_SCHEDULE.weekly_minutes == 2250 == 37.5 * 60
    assert DEFAULT_SCHEDULE.day_minutes == 450
    assert [DEFAULT_SCHEDULE.minutes_on(w) for w in range(7)] == [495, 495, 495, 495, 270, 0, 0]
    assert DEFAULT_SCHEDULE.days[0] == ((435, 720), (750, 960))
    assert DEFAULT_SCHEDULE.days[4] == ((435, 705),)


def test_to_spec_lists_all_seven_days_in_canonical_form():
    assert DEFAULT_SCHEDULE.to_spec() == {
        0: "07:15-12:00,12:30-16:00",
        1: "07:15-12:00,12:30-16:00",
        2: "07:15-12:00,12:30-16:00",
        3: "07:15-12:00,12:30-16:00",
        4: "07:15-11:45",
        5: "",
        6: "",
    }
    assert Schedule.parse(DEFAULT_SCHEDULE.to_spec()) == DEFAULT_SCHEDULE


def test_parse_is_lenient_about_layout_but_canonicalises():
    schedule = Schedule.parse({2: " 12:30 - 16:00 , 7:15-12:00 ", 5: "  ", 6: "00:00-24:00"})
    assert schedule.days[2] == ((435, 720), (750, 960))
    assert schedule.days[5] == ()
    assert schedule.days[6] == ((0, 1440),)
    assert schedule.to_spec()[2] == "07:15-12:00,12:30-16:00"
    assert schedule.to_spec()[6] == "00:00-24:00"


def test_touching_intervals_are_allowed():
    schedule = Schedule.parse({0: "08:00-12:00,12:00-13:00"})
    assert schedule.weekly_minutes == 300


def test_day_minutes_rounds_down_over_days_with_any_interval():
    schedule = Schedule.parse({0: "08:00-09:00", 3: "08:00-08:01", 5: "08:00-08:30"})
    assert schedule.weekly_minutes == 91
    assert schedule.day_minutes == 30  # 91 // 3


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({0: "16:00-07:15"}, "Jam kerja Senin tidak valid: 16:00-07:15"),
        ({0: "07:15-07:15"}, "Jam kerja Senin tidak valid: 07:15-07:15"),
        ({1: "7.15-12.00"}, "Jam kerja Selasa tidak valid: 7.15-12.00"),
        ({2: "07:15-"}, "Jam kerja Rabu tidak valid: 07:15-"),
        ({3: "07:60-08:00"}, "Jam kerja Kamis tidak valid: 07:60-08:00"),
        ({4: "23:00-24:30"}, "Jam kerja Jumat tidak valid: 23:00-24:30"),
        ({4: "25:00-26:00"}, "Jam kerja Jumat tidak valid: 25:00-26:00"),
        ({5: "07:00-08:00,"}, "Jam kerja Sabtu tidak valid: (kosong)"),
        ({6: "٠٧:٠٠-٠٨:٠٠"}, "Jam kerja Minggu tidak valid: ٠٧:٠٠-٠٨:٠٠"),
        (
            {0: "07:15-12:00,11:30-13:00"},
            "Jam kerja Senin tumpang tindih: 07:15-12:00 dan 11:30-13:00",
        ),
        (
            {0: "11:30-13:00,07:15-12:00"},
            "Jam kerja Senin tumpang tindih: 07:15-12:00 dan 11:30-13:00",
        ),
        ({0: "08:00-09:00,08:00-09:00"}, "Jam kerja Senin tumpang tindih"),
        ({7: "08:00-09:00"}, "Hari tidak dikenal: 7"),
        ({-1: "08:00-09:00"}, "Hari tidak dikenal: -1"),
        ({"0": "08:00-09:00"}, "Hari tidak dikenal: '0'"),
        ({0: 480}, "Jam kerja Senin harus berupa teks"),
        ({}, "Jadwal kerja tidak memuat jam kerja sama sekali"),
        ({0: "", 4: ""}, "Jadwal kerja tidak memuat jam kerja sama sekali"),
    ],
)
def test_parse_rejects_bad_specs_with_indonesian_messages(spec, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        Schedule.parse(spec)


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (((),) * 6, "tepat 7 hari"),
        ([((480, 540),)] + [()] * 6, "tepat 7 hari"),
        ((((540, 480),),) + ((),) * 6, "Jam kerja Senin tidak valid: 09:00-08:00"),
        ((((-1, 480),),) + ((),) * 6, "Jam kerja Senin tidak valid"),
        ((((480, 1441),),) + ((),) * 6, "Jam kerja Senin tidak valid"),
        ((((480, 540.0),),) + ((),) * 6, "Jam kerja Senin tidak valid"),
        ((((480, 540, 600),),) + ((),) * 6, "Jam kerja Senin tidak valid"),
        ((((600, 660), (480, 540)),) + ((),) * 6, "Jam kerja Senin tidak urut"),
        ((((480, 600), (540, 660)),) + ((),) * 6, "Jam kerja Senin tumpang tindih"),
        ((((480, 540)),) + ((),) * 6, "Jam kerja Senin tidak valid"),
        (([(480, 540)],) + ((),) * 6, "Jam kerja Senin harus berupa tuple"),
    ],
)
def test_constructor_validates_too(days, message):
    with pytest.raises(ValueError, match=message):
        Schedule(days)


def test_schedule_is_immutable_and_hashable():
    with pytest.raises(AttributeError):
        DEFAULT_SCHEDULE.days = ()  # type: ignore[misc]
    assert hash(DEFAULT_SCHEDULE) == hash(Schedule.parse(DEFAULT_SCHEDULE.to_spec()))


def test_weekday_names():
    assert WEEKDAY_NAMES[date(2026, 2, 2).weekday()] == "Senin"
    assert WEEKDAY_NAMES[date(2026, 2, 8).weekday()] == "Minggu"


# --- WorkCalendar: hand-worked cases ----------------------------------------------------------


def test_within_one_interval():
    assert CAL.minutes_between(wib(2026, 2, 2, 8, 0), wib(2026, 2, 2, 10, 30)) == 150
    assert CAL.add(wib(2026, 2, 2, 8, 0), 150) == wib(2026, 2, 2, 10, 30)


def test_across_the_lunch_break():
    # 11:00–12:00 (60) + 12:30–13:00 (30); the break itself does not count.
    assert CAL.minutes_between(wib(2026, 2, 2, 11, 0), wib(2026, 2, 2, 13, 0)) == 90
    assert CAL.minutes_between(wib(2026, 2, 2, 12, 5), wib(2026, 2, 2, 12, 25)) == 0
    assert CAL.add(wib(2026, 2, 2, 11, 0), 90) == wib(2026, 2, 2, 13, 0)
    # Exactly at 12:00 the morning is used up: the result is the end of the interval, not 12:30.
    assert CAL.add(wib(2026, 2, 2, 11, 0), 60) == wib(2026, 2, 2, 12, 0)
    assert CAL.add(wib(2026, 2, 2, 11, 0), 61) == wib(2026, 2, 2, 12, 31)


def test_whole_working_days():
    assert CAL.minutes_between(wib(2026, 2, 2), wib(2026, 2, 3)) == 495
    assert CAL.minutes_between(wib(2026, 2, 6), wib(2026, 2, 7)) == 270
    assert CAL.minutes_between(wib(2026, 2, 7), wib(2026, 2, 9)) == 0  # Sabtu + Minggu
    assert CAL.minutes_between(wib(2026, 2, 2), wib(2026, 2, 9)) == 2250


def test_thursday_afternoon_plus_one_standard_day_lands_on_monday():
    # Kamis 15:00–16:00 = 60, Jumat 07:15–11:45 = 270 (330), Senin 07:15 + 120 = 09:15.
    start = wib(2026, 2, 5, 15, 0)
    assert CAL.add(start, DEFAULT_SCHEDULE.day_minutes) == wib(2026, 2, 9, 9, 15)
    assert CAL.minutes_between(start, wib(2026, 2, 9, 9, 15)) == 450
    # Using Friday up exactly ends at Friday 11:45, one more minute is Monday 07:16.
    assert CAL.add(start, 330) == wib(2026, 2, 6, 11, 45)
    assert CAL.add(start, 331) == wib(2026, 2, 9, 7, 16)
    # A "1×24 jam" answer due on Thursday 15:00 lands inside Friday when less is needed.
    assert CAL.add(start, 120) == wib(2026, 2, 6, 8, 15)


def test_friday_afternoon_counts_from_monday_morning():
    received = wib(2026, 2, 6, 14, 0)
    assert CAL.minutes_between(received, wib(2026, 2, 9, 7, 15)) == 0
    assert CAL.minutes_between(received, wib(2026, 2, 9, 8, 15)) == 60
    assert CAL.add(received, 1) == wib(2026, 2, 9, 7, 16)
    assert CAL.add(received, 60) == wib(2026, 2, 9, 8, 15)
    assert CAL.add(received, 450) == wib(2026, 2, 9, 15, 15)  # 285 + 165 after 12:30


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (wib(2026, 2, 2, 6, 0), wib(2026, 2, 2, 7, 45)),  # before opening
        (wib(2026, 2, 2, 12, 10), wib(2026, 2, 2, 13, 0)),  # during the lunch break
        (wib(2026, 2, 2, 18, 0), wib(2026, 2, 3, 7, 45)),  # after closing
        (wib(2026, 2, 7, 10, 0), wib(2026, 2, 9, 7, 45)),  # Saturday
        (wib(2026, 2, 8, 23, 59, 59), wib(2026, 2, 9, 7, 45)),  # last second of Sunday
    ],
)
def test_start_outside_working_time_counts_from_the_next_interval(received, expected):
    assert CAL.add(received, 30) == expected


def test_holiday_in_between_is_skipped():
    # Jumat 14 Agustus 10:00–11:45 = 105; Senin 17 Agustus is HUT RI; Selasa 07:15–12:00 = 285
    # (390); the remaining 60 run from 12:30 to 13:30.
    start = wib(2026, 8, 14, 10, 0)
    assert CAL.add(start, 450) == wib(2026, 8, 18, 13, 30)
    assert PLAIN.add(start, 450) == wib(2026, 8, 17, 13, 30)
    assert CAL.minutes_between(start, wib(2026, 8, 18, 13, 30)) == 450
    assert CAL.minutes_between(wib(2026, 8, 17, 8), wib(2026, 8, 17, 15)) == 0
    assert PLAIN.minutes_between(wib(2026, 8, 17, 8), wib(2026, 8, 17, 15)) == 390
    # Received on the holiday itself: counting starts Tuesday 07:15.
    assert CAL.add(wib(2026, 8, 17, 9, 0), 15) == wib(2026, 8, 18, 7, 30)


def test_holiday_on_a_weekend_changes_nothing():
    saturday = date(2026, 3, 21)
    assert saturday in HOLIDAYS and saturday.weekday() == 5
    start, end = wib(2026, 3, 16), wib(2026, 3, 30)
    assert CAL.minutes_between(start, end) == PLAIN.minutes_between(start, end) == 2 * 2250


def test_consecutive_holidays_cuti_bersama():
    lebaran = WorkCalendar(
        DEFAULT_SCHEDULE, {date(2026, 3, 18) + timedelta(days=i) for i in range(8)}, WIB
    )
    # Rabu 18 … Rabu 25 Maret off: Selasa 17 at 15:00 + 120 runs 60 on Tuesday, then Kamis 26.
    assert lebaran.add(wib(2026, 3, 17, 15, 0), 120) == wib(2026, 3, 26, 8, 15)


def test_start_in_utc_equals_the_local_equivalent():
    local = wib(2026, 2, 2, 8, 0)
    utc = datetime(2026, 2, 2, 1, 0, tzinfo=UTC)
    assert utc == local
    end = wib(2026, 2, 5, 15, 0)
    # Senin 08:00–16:00 = 450, Selasa and Rabu 495 each, Kamis 07:15–15:00 = 435.
    assert CAL.minutes_between(utc, end) == CAL.minutes_between(local, end) == 1875
    assert CAL.minutes_between(local, end.astimezone(UTC)) == 1875
    result = CAL.add(utc, 500)
    # 450 fill Monday up to 16:00; the other 50 run Tuesday from 07:15.
    assert result == CAL.add(local, 500) == wib(2026, 2, 3, 8, 5)
    assert result.tzinfo is WIB  # always in the calendar's zone
    assert result.utcoffset() == timedelta(hours=7)


def test_utc_evening_is_the_next_local_morning():
    # Senin 23:30 UTC is Selasa 06:30 WIB: before opening on Tuesday, not Monday night.
    monday_night_utc = datetime(2026, 2, 2, 23, 30, tzinfo=UTC)
    assert CAL.add(monday_night_utc, 15) == wib(2026, 2, 3, 7, 30)


def test_fixed_offset_zone_agrees_with_asia_jakarta():
    fixed = WorkCalendar(DEFAULT_SCHEDULE, HOLIDAYS, timezone(timedelta(hours=7)))
    start, end = wib(2026, 8, 14, 10, 0), wib(2026, 9, 30, 9, 0)
    assert fixed.minutes_between(start, end) == CAL.minutes_between(start, end)
    assert fixed.add(start, 5000) == CAL.add(start, 5000)


def test_daylight_saving_zone_counts_by_the_wall_clock():
    # Europe/Amsterdam jumps 02:00 -> 03:00 on Sunday 29 March 2026, outside working hours:
    # Friday 16:00–17:00 plus Monday 09:00–10:00 is two working hours although the UTC offset
    # changed in between.
    ams = ZoneInfo("Europe/Amsterdam")
    office = WorkCalendar(Schedule.parse(dict.fromkeys(range(5), "09:00-17:00")), (), ams)
    friday = datetime(2026, 3, 27, 16, 0, tzinfo=ams)
    monday = datetime(2026, 3, 30, 10, 0, tzinfo=ams)
    assert office.minutes_between(friday, monday) == 120
    assert office.add(friday, 120) == monday
    assert office.add(friday.astimezone(UTC), 120).utcoffset() == timedelta(hours=2)
    assert friday.utcoffset() == timedelta(hours=1)


def test_partial_minutes_are_truncated_on_both_boundaries():
    assert CAL.minutes_between(wib(2026, 2, 2, 8, 0, 0), wib(2026, 2, 2, 8, 0, 59)) == 0
    assert CAL.minutes_between(wib(2026, 2, 2, 8, 0, 59), wib(2026, 2, 2, 8, 1, 0)) == 1
    assert CAL.minutes_between(wib(2026, 2, 2, 8, 0, 30), wib(2026, 2, 2, 8, 2, 29)) == 2
    # add() returns whole minutes: the earliest instant whose truncated minute is far enough.
    assert CAL.add(wib(2026, 2, 2, 8, 0, 30, 5), 1) == wib(2026, 2, 2, 8, 1)
    assert CAL.add(wib(2026, 2, 2, 11, 59, 59), 1) == wib(2026, 2, 2, 12, 0)


def test_add_zero_returns_start_unchanged():
    start = datetime(2026, 2, 7, 3, 4, 5, 6, tzinfo=UTC)  # a Saturday, in UTC, with seconds
    assert CAL.add(start, 0) is start


def test_add_negative_raises():
    with pytest.raises(ValueError, match="tidak boleh negatif"):
        CAL.add(wib(2026, 2, 2, 8, 0), -1)


def test_naive_datetimes_are_rejected():
    with pytest.raises(ValueError, match="zona waktu"):
        CAL.minutes_between(datetime(2026, 2, 2, 8), wib(2026, 2, 2, 9))
    with pytest.raises(ValueError, match="zona waktu"):
        CAL.minutes_between(wib(2026, 2, 2, 8), datetime(2026, 2, 2, 9))
    with pytest.raises(ValueError, match="zona waktu"):
        CAL.add(datetime(2026, 2, 2, 8), 0)


def test_datetimes_are_rejected_as_holidays():
    with pytest.raises(TypeError, match="date, bukan datetime"):
        WorkCalendar(DEFAULT_SCHEDULE, {wib(2026, 8, 17)}, WIB)


def test_empty_or_reversed_ranges_count_nothing():
    moment = wib(2026, 2, 2, 9, 0)
    assert CAL.minutes_between(moment, moment) == 0
    assert CAL.minutes_between(moment, moment - timedelta(days=30)) == 0


def test_full_year_2026_by_hand():
    # 2026 has 365 days = 52 weeks + 1 day; it starts on a Thursday, so the extra day is Thursday
    # 31 December: 52 × 2250 + 495 = 117 495. Holidays on working days: 1 Januari (Kamis, 495),
    # 17 Agustus (Senin, 495), 25 Desember (Jumat, 270); 21 Maret is a Saturday and costs nothing.
    start, end = wib(2026, 1, 1), wib(2027, 1, 1)
    assert PLAIN.minutes_between(start, end) == 52 * 2250 + 495 == 117_495
    assert CAL.minutes_between(start, end) == 117_495 - 495 - 495 - 270 == 116_235
    # The last working minute of 2026 ends on Thursday 31 December at 16:00.
    assert CAL.add(start, 116_235) == wib(2026, 12, 31, 16, 0)
    assert CAL.add(start, 116_236) == wib(2027, 1, 1, 7, 16)


def test_is_working_day():
    assert CAL.is_working_day(date(2026, 2, 2))
    assert CAL.is_working_day(date(2026, 2, 6))  # short Friday is still a working day
    assert not CAL.is_working_day(date(2026, 2, 7))
    assert not CAL.is_working_day(date(2026, 2, 8))
    assert not CAL.is_working_day(HUT_RI)
    assert PLAIN.is_working_day(HUT_RI)


def test_interval_ending_at_midnight():
    night = WorkCalendar(Schedule.parse({0: "22:00-24:00", 1: "00:00-02:00"}), (), WIB)
    start = wib(2026, 2, 2, 23, 0)
    assert night.add(start, 60) == wib(2026, 2, 3, 0, 0)  # the end of Monday's interval
    assert night.add(start, 61) == wib(2026, 2, 3, 0, 1)
    assert night.minutes_between(start, wib(2026, 2, 3, 1, 0)) == 120


def test_ordinal_one_is_a_monday():
    # The running total relies on 0001-01-01 being a Monday.
    assert date.fromordinal(1).weekday() == 0


def test_long_spans_are_fast():
    start, end = wib(2026, 1, 1), wib(2027, 1, 1)
    per_call = timeit.timeit(lambda: CAL.minutes_between(start, end), number=1000) / 1000
    assert per_call < 0.001
    per_call = timeit.timeit(lambda: CAL.add(start, 30 * 117_000), number=1000) / 1000
    assert per_call < 0.002


def test_decades_ahead():
    start = wib(2026, 2, 2, 8, 0)
    due = CAL.add(start, 10 * 117_000)
    assert date(2035, 6, 1) < due.date() < date(2036, 12, 31)
    assert CAL.minutes_between(start, due) == 10 * 117_000


# --- WorkCalendar: properties -----------------------------------------------------------------

ZONES = st.sampled_from([WIB, UTC, ZoneInfo("Asia/Makassar"), timezone(timedelta(hours=-3))])
moments = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31, 23, 59, 59), timezones=ZONES
)
holiday_sets = st.frozensets(
    st.dates(min_value=date(2024, 12, 20), max_value=date(2028, 1, 10)), max_size=40
)
work_minutes = st.integers(min_value=0, max_value=3 * 117_000)


@st.composite
def schedules(draw):
    """Any valid schedule, including touching intervals, 24:00 ends and six-day weeks."""
    days = []
    for _ in range(7):
        points = sorted(draw(st.sets(st.integers(0, 1440), max_size=6)))
        if len(points) % 2:
            points.pop()
        intervals = list(zip(points[::2], points[1::2], strict=True))
        if len(intervals) == 2 and draw(st.booleans()):
            # Make the two intervals touch.
            intervals = [intervals[0], (intervals[0][1], max(intervals[1][1], intervals[0][1] + 1))]
        days.append(tuple(intervals))
    assume(any(days))
    return Schedule(tuple(days))


calendars = st.builds(
    WorkCalendar, st.one_of(st.just(DEFAULT_SCHEDULE), schedules()), holiday_sets, st.just(WIB)
)


def reference_minutes(calendar, start, end):
    """Day-by-day recount from first principles, for comparison with the running total."""
    if end <= start:
        return 0
    a = start.astimezone(calendar.tz).replace(second=0, microsecond=0)
    b = end.astimezone(calendar.tz).replace(second=0, microsecond=0)
    total, day = 0, a.date()
    while day <= b.date():
        if day not in calendar.holidays:
            lo = a.hour * 60 + a.minute if day == a.date() else 0
            hi = b.hour * 60 + b.minute if day == b.date() else 1440
            for s, e in calendar.schedule.days[day.weekday()]:
                total += max(0, min(hi, e) - max(lo, s))
        day += timedelta(days=1)
    return total


@given(calendars, moments, moments)
def test_minutes_between_agrees_with_a_day_by_day_recount(calendar, a, b):
    assert calendar.minutes_between(a, b) == reference_minutes(calendar, a, b)


@given(calendars, moments, work_minutes)
def test_add_then_count_gives_back_the_minutes(calendar, start, minutes):
    assert calendar.minutes_between(start, calendar.add(start, minutes)) == minutes


@given(calendars, moments, st.integers(min_value=1, max_value=3 * 117_000))
def test_add_is_the_earliest_such_instant(calendar, start, minutes):
    due = calendar.add(start, minutes)
    assert due > start
    assert (due.second, due.microsecond) == (0, 0)
    assert due.tzinfo is calendar.tz
    # One minute earlier the allowance is not yet used up.
    assert calendar.minutes_between(start, due - timedelta(minutes=1)) == minutes - 1


@given(calendars, moments, work_minutes, work_minutes)
def test_add_is_monotone(calendar, start, m1, m2):
    low, high = sorted((m1, m2))
    assert calendar.add(start, low) <= calendar.add(start, high)
    if low < high:
        assert calendar.add(start, low) < calendar.add(start, high)


@given(calendars, moments, work_minutes, work_minutes)
def test_add_composes(calendar, start, m1, m2):
    assert calendar.add(calendar.add(start, m1), m2) == calendar.add(start, m1 + m2)


@given(calendars, moments, moments, moments)
def test_minutes_between_is_additive(calendar, x, y, z):
    a, b, c = sorted((x, y, z))
    total = calendar.minutes_between(a, c)
    assert total == calendar.minutes_between(a, b) + calendar.minutes_between(b, c)
    assert total >= 0


@given(calendars, moments, st.integers(min_value=1, max_value=3 * 117_000))
def test_add_ends_a_working_minute_never_on_a_holiday(calendar, start, minutes):
    due = calendar.add(start, minutes).astimezone(calendar.tz)
    last_minute = due - timedelta(minutes=1)
    assert calendar.is_working_day(last_minute.date())
    minute_of_day = last_minute.hour * 60 + last_minute.minute
    intervals = calendar.schedule.days[last_minute.weekday()]
    assert any(s <= minute_of_day < e for s, e in intervals)


@given(calendars, moments, moments)
def test_zone_of_the_inputs_does_not_matter(calendar, a, b):
    expected = calendar.minutes_between(a, b)
    assert calendar.minutes_between(a.astimezone(UTC), b) == expected
    assert calendar.minutes_between(a, b.astimezone(timezone(timedelta(hours=9)))) == expected


@given(moments, work_minutes)
def test_holidays_only_ever_delay(start, minutes):
    assert CAL.add(start, minutes) >= PLAIN.add(start, minutes)


@given(st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)), holiday_sets)
def test_a_day_holds_its_scheduled_minutes_unless_off(day, holidays):
    calendar = WorkCalendar(DEFAULT_SCHEDULE, holidays, WIB)
    start = datetime.combine(day, time(), tzinfo=WIB)
    expected = DEFAULT_SCHEDULE.minutes_on(day.weekday()) if day not in holidays else 0
    assert calendar.minutes_between(start, start + timedelta(days=1)) == expected
    assert calendar.is_working_day(day) == (expected > 0)


@given(schedules())
def test_schedule_spec_round_trips(schedule):
    spec = schedule.to_spec()
    assert Schedule.parse(spec) == schedule
    assert Schedule.parse(spec).to_spec() == spec
    assert schedule.day_minutes * sum(1 for d in schedule.days if d) <= schedule.weekly_minutes


# --- SLA state --------------------------------------------------------------------------------

DUE = wib(2026, 2, 9, 9, 15)


def state(**kwargs):
    params: dict[str, Any] = {
        "due": DUE,
        "done_at": None,
        "now": DUE - timedelta(days=2),
        "allowed_minutes": 450,
        "remaining_minutes": 400,
        "at_risk_share": Decimal("0.25"),
    }
    params.update(kwargs)
    return sla_state(**params)


def test_sla_state_values_are_indonesian():
    assert [s.value for s in SlaState] == ["tepat", "berisiko", "terlambat", "berjalan"]


def test_done_on_or_before_due_is_on_time():
    assert state(done_at=DUE) is SlaState.ON_TIME
    assert state(done_at=DUE - timedelta(minutes=1)) is SlaState.ON_TIME
    # Finished in time but looked at later: still on time.
    assert state(done_at=DUE, now=DUE + timedelta(days=30)) is SlaState.ON_TIME


def test_done_after_due_is_late():
    assert state(done_at=DUE + timedelta(seconds=1)) is SlaState.LATE
    assert state(done_at=DUE + timedelta(seconds=1), now=DUE - timedelta(days=1)) is SlaState.LATE


def test_open_past_due_is_late():
    assert state(now=DUE + timedelta(seconds=1), remaining_minutes=0) is SlaState.LATE
    assert state(now=DUE + timedelta(days=1), remaining_minutes=None) is SlaState.LATE


def test_open_at_risk_threshold_is_inclusive():
    # 450 × 0.25 = 112.5: 112 left is at risk, 113 is not.
    assert state(remaining_minutes=112) is SlaState.AT_RISK
    assert state(remaining_minutes=113) is SlaState.PENDING
    assert state(remaining_minutes=120, at_risk_share=Decimal("0.2667")) is SlaState.AT_RISK
    assert state(remaining_minutes=0, now=DUE) is SlaState.AT_RISK  # due this very instant


def test_unknown_remaining_time_is_pending():
    assert state(remaining_minutes=None) is SlaState.PENDING


def test_share_bounds():
    assert state(remaining_minutes=0, at_risk_share=Decimal(0)) is SlaState.AT_RISK
    assert state(remaining_minutes=1, at_risk_share=Decimal(0)) is SlaState.PENDING
    assert state(remaining_minutes=450, at_risk_share=Decimal(1)) is SlaState.AT_RISK
    for share in (Decimal("-0.01"), Decimal("1.01")):
        with pytest.raises(ValueError, match="antara 0 dan 1"):
            state(at_risk_share=share)


@given(
    moments,
    st.one_of(st.none(), moments),
    moments,
    st.integers(0, 10_000),
    st.one_of(st.none(), st.integers(0, 10_000)),
    st.decimals(min_value=0, max_value=1, places=2),
)
def test_sla_state_is_total_and_consistent(due, done_at, now, allowed, remaining, share):
    result = sla_state(
        due=due,
        done_at=done_at,
        now=now,
        allowed_minutes=allowed,
        remaining_minutes=remaining,
        at_risk_share=share,
    )
    assert result in SlaState
    if done_at is not None:
        assert result in (SlaState.ON_TIME, SlaState.LATE)
        assert (result is SlaState.ON_TIME) == (done_at <= due)
    else:
        assert result is not SlaState.ON_TIME
        assert (result is SlaState.LATE) == (now > due)


def test_sla_state_with_a_calendar():
    received = wib(2026, 2, 5, 15, 0)
    due = CAL.add(received, DEFAULT_SCHEDULE.day_minutes)
    now = wib(2026, 2, 9, 8, 0)  # Monday morning: 75 working minutes left of 450
    remaining = CAL.minutes_between(now, due)
    assert remaining == 75
    assert (
        sla_state(
            due=due,
            done_at=None,
            now=now,
            allowed_minutes=450,
            remaining_minutes=remaining,
            at_risk_share=Decimal("0.2"),
        )
        is SlaState.AT_RISK
    )
