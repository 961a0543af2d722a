"""PESEL validation (docs/domain.md#participants: checksum, birth date and sex are derived from the PESEL).

The checksum and the date decoding come from python-stdnum; this module adds what an office
importing spreadsheets needs: numbers typed into Excel as numbers, and the leading zero Excel
drops from the PESELs of people born in 2000-2009 (their PESEL starts with 0).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from stdnum.exceptions import ValidationError
from stdnum.pl import pesel as stdnum_pesel

_PESEL_LENGTH = 11
_DIGITS = re.compile(r"[0-9]+")  # str.isdigit() would also accept e.g. "²" or Arabic digits
_FLOAT_TEXT = re.compile(r"([0-9]+)\.0+")  # "44051401359.0": a number cell saved as text
_SEPARATORS = re.compile(r"[\s\-\u00a0]+")  # spaces (incl. non-breaking) and dashes


class Sex(StrEnum):
    FEMALE = "K"  # kobieta
    MALE = "M"  # mężczyzna


@dataclass(frozen=True, slots=True)
class PeselInfo:
    pesel: str
    birth_date: date
    sex: Sex


class PeselError(ValueError):
    """An invalid PESEL, with a code for the message (no sentences in the rules layer)."""

    def __init__(self, code: str, suggestion: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.suggestion = suggestion  # the corrected PESEL, for "pesel.lost_leading_zero"


def normalize_pesel(value: str | int | float) -> str:
    """The PESEL as a string without separators; a number (Excel cell) becomes its digits.

    The result is not validated (use parse_pesel): anything other than digits is kept so
    that the error report shows what was actually typed.
    """
    if isinstance(value, bool):  # bool is an int subclass; True is not a PESEL
        raise TypeError("PESEL must be text or a number")
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, int):
        text = str(value)
    else:
        text = _SEPARATORS.sub("", value)
        if match := _FLOAT_TEXT.fullmatch(text):
            text = match.group(1)
    return text


def parse_pesel(value: str | int | float) -> PeselInfo:
    """Validate a PESEL and decode its birth date and sex; PeselError(code) when invalid.

    Codes: "pesel.format" (not 11 digits), "pesel.checksum", "pesel.date" (no such birth
    date), "pesel.lost_leading_zero" (9 or 10 digits that become a valid PESEL with the
    leading zeros restored; ``.suggestion`` holds it, the user confirms the correction).
    """
    number = normalize_pesel(value)
    if not _DIGITS.fullmatch(number):
        raise PeselError("pesel.format")
    if len(number) < _PESEL_LENGTH:
        # Excel shows 02211307589 as 2211307589, and 00211307589 (born 2000) loses two zeros.
        padded = number.zfill(_PESEL_LENGTH)
        if len(number) >= _PESEL_LENGTH - 2 and stdnum_pesel.is_valid(padded):
            raise PeselError("pesel.lost_leading_zero", suggestion=padded)
        raise PeselError("pesel.format")
    if len(number) > _PESEL_LENGTH:
        raise PeselError("pesel.format")
    if stdnum_pesel.calc_check_digit(number[:-1]) != number[-1]:
        raise PeselError("pesel.checksum")
    try:
        birth_date = stdnum_pesel.get_birth_date(number)
    except ValidationError as exc:
        raise PeselError("pesel.date") from exc
    # The 10th digit is even for women, odd for men; stdnum reports "F" or "M".
    sex = Sex.FEMALE if stdnum_pesel.get_gender(number) == "F" else Sex.MALE
    return PeselInfo(pesel=number, birth_date=birth_date, sex=sex)


def check_consistency(info: PeselInfo, birth_date: date | None, sex: Sex | None) -> list[str]:
    """Codes for a birth date or sex typed separately that disagree with the PESEL (docs/domain.md#documents,
    imports: "PESEL disagreeing with birth date or sex"). None means not given: no check."""
    problems: list[str] = []
    if birth_date is not None and birth_date != info.birth_date:
        problems.append("pesel.birth_date_mismatch")
    if sex is not None and sex != info.sex:  # != so a plain "K"/"M" compares too
        problems.append("pesel.sex_mismatch")
    return problems


# The century is carried by the month: +80 for the 1800s, +0, +20, +40, +60 for the 2200s.
_CENTURY_OFFSET = {1800: 80, 1900: 0, 2000: 20, 2100: 40, 2200: 60}


def compose_pesel(birth: date, ordinal: int, sex_digit: int) -> str:
    """The PESEL of a birth date, a 3-digit ordinal (0–999) and the 10th digit (odd for men),
    with python-stdnum's check digit. For the demo office, the self-test and the tests'
    fictitious people; a real PESEL is only ever read, never made up."""
    month = birth.month + _CENTURY_OFFSET[birth.year // 100 * 100]
    body = f"{birth.year % 100:02d}{month:02d}{birth.day:02d}{ordinal % 1000:03d}{sex_digit % 10}"
    return body + str(stdnum_pesel.calc_check_digit(body))
