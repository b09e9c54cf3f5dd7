from datetime import date

import pytest

from kinerja.core.periods import BadRange, months_of, parse_range, range_name


def test_parse_range_reads_months_quarters_and_years() -> None:
    assert parse_range("2026-02") == (date(2026, 2, 1), date(2026, 2, 28))
    assert parse_range("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert parse_range("2026-Q4") == (date(2026, 10, 1), date(2026, 12, 31))
    assert parse_range("2026-q1") == (date(2026, 1, 1), date(2026, 3, 31))
    assert parse_range(" 2026 ") == (date(2026, 1, 1), date(2026, 12, 31))


@pytest.mark.parametrize(
    "bad", ["", "2026-13", "2026-00", "26-01", "2026-Q5", "1999", "2101", "2026-1", "2026/01",
            "２０２６", "2026-01-01"],
)  # fmt: skip
def test_parse_range_refuses_anything_else_with_a_message(bad: str) -> None:
    with pytest.raises(BadRange) as raised:
        parse_range(bad)
    assert str(raised.value)


@pytest.mark.parametrize("text", ["2026", "2026-Q1", "2026-Q4", "2024-02", "2026-12"])
def test_range_name_is_the_inverse_of_parse_range(text: str) -> None:
    assert range_name(*parse_range(text)) == text


def test_range_name_of_any_other_range_is_its_iso_dates() -> None:
    assert range_name(date(2026, 1, 5), date(2026, 2, 4)) == "2026-01-05/2026-02-04"
    assert range_name(date(2026, 2, 1), date(2026, 4, 30)) == "2026-02-01/2026-04-30"


def test_months_of_lists_only_whole_months_inside() -> None:
    assert months_of(date(2026, 1, 15), date(2026, 4, 30)) == [
        (date(2026, 2, 1), date(2026, 2, 28)),
        (date(2026, 3, 1), date(2026, 3, 31)),
        (date(2026, 4, 1), date(2026, 4, 30)),
    ]
    assert months_of(date(2026, 1, 2), date(2026, 1, 30)) == []
