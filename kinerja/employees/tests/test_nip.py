"""NIP and NI PPPK validation (DOMAIN.md §6), with generated cases."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.employees.nip import (
    NipError,
    check_consistency,
    make_ni_pppk,
    make_nip,
    parse_ni_pppk,
    parse_nip,
)

births = st.dates(min_value=date(1960, 1, 1), max_value=date(2004, 12, 31))
genders = st.sampled_from(["L", "P"])
serials = st.integers(min_value=1, max_value=999)


@given(births, st.integers(min_value=18, max_value=40), st.integers(1, 12), genders, serials)
def test_valid_nip_round_trips(birth, age_at_tmt, month, gender, serial):
    year = min(birth.year + age_at_tmt, 2025)
    nip = make_nip(birth, year, month, gender, serial)
    parts = parse_nip(nip)
    assert (parts.birth_date, parts.gender, parts.serial) == (birth, gender, serial)
    assert (parts.tmt_year, parts.tmt_month) == (year, month)
    assert check_consistency(parts, birth_date=birth, gender=gender, today=date(2026, 1, 1)) == []


@given(births, genders, serials, st.integers(0, 99))
def test_valid_ni_pppk_accepts_any_code(birth, gender, serial, code):
    ni = make_ni_pppk(birth, birth.year + 25, code, gender, serial)
    parts = parse_ni_pppk(ni)
    assert parts.tmt_month is None and parts.gender == gender


@given(st.text(alphabet="0123456789", min_size=0, max_size=30).filter(lambda s: len(s) != 18))
def test_wrong_length_is_rejected(text):
    with pytest.raises(NipError):
        parse_nip(text)


@given(births, genders, serials, st.integers(0, 17), st.sampled_from("abcX-./ "))
def test_any_non_digit_is_rejected(birth, gender, serial, position, char):
    nip = make_nip(birth, birth.year + 20, 3, gender, serial)
    bad = nip[:position] + char + nip[position + 1 :]
    if char == " ":  # spaces are tolerated as separators only when the rest is 18 digits
        return
    with pytest.raises(NipError):
        parse_nip(bad)


@pytest.mark.parametrize(
    ("nip", "message"),
    [
        ("198513452010031001", "tanggal lahir"),  # month 13
        ("198502302010031001", "tanggal lahir"),  # 30 February
        ("198504122010131001", "bulan TMT"),  # TMT month 13
        ("198504122010033001", "jenis kelamin"),  # gender digit 3
        ("198504122010031000", "urut"),  # serial 000
        ("198504121995031001", "terlalu dekat"),  # CPNS at age 9
        ("1.98504122010031e+17", "angka"),
        ("19850412201003100", "18 digit"),
        ("", "wajib"),
    ],
)
def test_specific_errors_explain_themselves(nip, message):
    with pytest.raises(NipError, match=message):
        parse_nip(nip)


def test_pppk_positions_13_14_are_not_a_month():
    ni = make_ni_pppk(date(1990, 5, 1), 2023, 45, "P", 7)
    assert parse_ni_pppk(ni).gender == "P"
    with pytest.raises(NipError, match="bulan TMT"):
        parse_nip(ni)


def test_consistency_names_the_disagreeing_field():
    parts = parse_nip(make_nip(date(1985, 4, 12), 2010, 3, "L", 1))
    problems = check_consistency(
        parts, birth_date=date(1985, 4, 13), gender="P", today=date(2026, 1, 1)
    )
    assert [field for field, _ in problems] == ["birth_date", "gender"]
    future = parse_nip(make_nip(date(1985, 4, 12), 2027, 3, "L", 1))
    assert check_consistency(future, birth_date=None, gender=None, today=date(2026, 1, 1)) == [
        ("nip", "TMT pada NIP berada di masa depan.")
    ]
