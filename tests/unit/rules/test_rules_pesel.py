"""PESEL validation (kisdesk.rules.pesel, docs/domain.md#participants and the import rules of docs/domain.md#documents)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.pl import pesel as stdnum_pesel

from kisdesk.rules.pesel import (
    PeselError,
    PeselInfo,
    Sex,
    check_consistency,
    compose_pesel,
    normalize_pesel,
    parse_pesel,
)

_WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)


def with_check_digit(first_ten: str) -> str:
    """Our own checksum, independent of stdnum: 10 - (weighted sum mod 10), mod 10."""
    total = sum(w * int(c) for w, c in zip(_WEIGHTS, first_ten, strict=True))
    return first_ten + str((10 - total % 10) % 10)


def make_pesel(birth: date, serial: int, sex: Sex) -> str:
    """A valid PESEL for a birth date; ``serial`` 0-999; the 10th digit carries the sex."""
    number = compose_pesel(birth, serial, (serial % 5) * 2 + (1 if sex is Sex.MALE else 0))
    # cross-check the shared helper against a checksum written from the definition
    assert with_check_digit(number[:10]) == number
    assert stdnum_pesel.is_valid(number)
    return number


def error_of(value: str | int | float) -> PeselError:
    with pytest.raises(PeselError) as info:
        parse_pesel(value)
    return info.value


# --- valid numbers ------------------------------------------------------------------------


def test_known_pesel_from_stdnum_docs() -> None:
    assert parse_pesel("44051401359") == PeselInfo("44051401359", date(1944, 5, 14), Sex.MALE)
    assert parse_pesel("02211307589") == PeselInfo("02211307589", date(2002, 1, 13), Sex.FEMALE)


@pytest.mark.parametrize(
    ("birth", "sex", "month_digits"),
    [
        (date(1899, 12, 31), Sex.MALE, "92"),
        (date(1955, 7, 4), Sex.FEMALE, "07"),
        (date(1900, 1, 1), Sex.MALE, "01"),
        (date(2000, 2, 29), Sex.FEMALE, "22"),  # leap day in the 2000s
        (date(2009, 12, 31), Sex.MALE, "32"),
        (date(2101, 3, 3), Sex.FEMALE, "43"),
        (date(2250, 6, 15), Sex.MALE, "66"),
    ],
)
def test_valid_pesel_across_centuries(birth: date, sex: Sex, month_digits: str) -> None:
    number = make_pesel(birth, 123, sex)
    assert number[2:4] == month_digits
    assert parse_pesel(number) == PeselInfo(number, birth, sex)


def test_sex_from_the_tenth_digit() -> None:
    # even 10th digit: woman (K); odd: man (M)
    for digit in range(10):
        number = with_check_digit(f"850315123{digit}")
        assert parse_pesel(number).sex is (Sex.FEMALE if digit % 2 == 0 else Sex.MALE)
    assert Sex.FEMALE.value == "K"
    assert Sex.MALE.value == "M"


@given(
    birth=st.dates(min_value=date(1800, 1, 1), max_value=date(2299, 12, 31)),
    serial=st.integers(0, 999),
    sex=st.sampled_from(list(Sex)),
)
def test_parse_round_trips_generated_pesel(birth: date, serial: int, sex: Sex) -> None:
    number = make_pesel(birth, serial, sex)
    info = parse_pesel(number)
    assert (info.birth_date, info.sex, info.pesel) == (birth, sex, number)


# --- input forms --------------------------------------------------------------------------


def test_normalize() -> None:
    assert normalize_pesel(" 440514 013-59 ") == "44051401359"
    assert normalize_pesel("44051401359\u00a0") == "44051401359"  # non-breaking space
    assert normalize_pesel(44051401359) == "44051401359"
    assert normalize_pesel(44051401359.0) == "44051401359"  # Excel number cell
    assert normalize_pesel("44051401359.0") == "44051401359"  # number saved as text
    assert normalize_pesel("4405140135X") == "4405140135X"  # kept for the error report
    with pytest.raises(TypeError):
        normalize_pesel(True)


def test_int_and_float_input() -> None:
    assert parse_pesel(44051401359).birth_date == date(1944, 5, 14)
    assert parse_pesel(44051401359.0).sex is Sex.MALE


# --- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["", "4405140135", "440514013591", "4405140135X", "abcdefghijk", "٤٤٠٥١٤٠١٣٥٩", 1.5, -1],
)
def test_format_errors(value: str | int | float) -> None:
    err = error_of(value)
    assert err.code == "pesel.format"
    assert err.suggestion is None
    assert isinstance(err, ValueError)


def test_bad_checksum() -> None:
    assert error_of("44051401358").code == "pesel.checksum"
    good = make_pesel(date(1990, 6, 1), 456, Sex.FEMALE)
    for position in range(11):
        changed = str((int(good[position]) + 1) % 10)
        bad = good[:position] + changed + good[position + 1 :]
        assert error_of(bad).code == "pesel.checksum"


@pytest.mark.parametrize(
    "first_ten",
    [
        "9913011234",  # month 13
        "9900011234",  # month 0
        "0222301234",  # 30 February 2002
        "0002291234",  # 29 February 1900 (not a leap year)
        "8504321234",  # 32 April
    ],
)
def test_bad_birth_date(first_ten: str) -> None:
    assert error_of(with_check_digit(first_ten)).code == "pesel.date"


def test_stdnum_invalid_date_example() -> None:
    assert error_of("02381307589").code == "pesel.date"


def test_excel_lost_leading_zero() -> None:
    pesel = make_pesel(date(2005, 4, 17), 321, Sex.FEMALE)  # born 2005: starts with 0
    assert pesel.startswith("05")
    for value in (pesel[1:], int(pesel), float(int(pesel))):
        err = error_of(value)
        assert err.code == "pesel.lost_leading_zero"
        assert err.suggestion == pesel


def test_excel_lost_two_zeros_for_2000() -> None:
    pesel = make_pesel(date(2000, 10, 5), 7, Sex.MALE)
    assert pesel.startswith("00")
    err = error_of(int(pesel))
    assert (err.code, err.suggestion) == ("pesel.lost_leading_zero", pesel)


def test_ten_digits_that_padding_does_not_fix_is_format() -> None:
    err = error_of("4405140135")
    assert (err.code, err.suggestion) == ("pesel.format", None)


@given(
    birth=st.dates(min_value=date(2000, 1, 1), max_value=date(2009, 12, 31)),
    serial=st.integers(0, 999),
)
def test_every_2000s_pesel_is_recovered_from_an_excel_number(birth: date, serial: int) -> None:
    pesel = make_pesel(birth, serial, Sex.MALE)
    err = error_of(int(pesel))
    assert err.suggestion == pesel
    assert parse_pesel(err.suggestion).birth_date == birth


# --- consistency with typed birth date and sex --------------------------------------------


def test_check_consistency() -> None:
    info = parse_pesel("02211307589")  # 13 January 2002, woman
    assert check_consistency(info, date(2002, 1, 13), Sex.FEMALE) == []
    assert check_consistency(info, None, None) == []
    assert check_consistency(info, date(2002, 1, 14), Sex.FEMALE) == ["pesel.birth_date_mismatch"]
    assert check_consistency(info, None, Sex.MALE) == ["pesel.sex_mismatch"]
    assert check_consistency(info, date(1902, 1, 13), Sex.MALE) == [
        "pesel.birth_date_mismatch",
        "pesel.sex_mismatch",
    ]
