"""Parsing of command-line values; a bad value is the user's error (exit status 2)."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from typing import Any, NoReturn

from kisdesk.errors import ValidationError
from kisdesk.i18n import tr

# argparse's own texts (usage, headings, its error messages), in Polish for the users of the
# Polish program. argparse builds them in English; `Parser` below puts the Polish ones in their
# place: the headings through its help formatter, the messages when they reach `error()`.
ARGPARSE_TEXTS = {
    "argument %(argument_name)s: %(message)s": tr("argument %(argument_name)s: %(message)s"),
    "invalid choice: %(value)r (choose from %(choices)s)": tr(
        "niedozwolona wartość %(value)r (do wyboru: %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": tr("niepoprawna wartość: %(value)r"),
    "the following arguments are required: %s": tr("brakuje wymaganych argumentów: %s"),
    "unrecognized arguments: %s": tr("nieznane argumenty: %s"),
    "expected one argument": tr("po tej opcji podaj wartość"),
    "expected at least one argument": tr("po tej opcji podaj co najmniej jedną wartość"),
    "expected at most one argument": tr("po tej opcji można podać najwyżej jedną wartość"),
    "ambiguous option: %(option)s could match %(matches)s": tr(
        "niejednoznaczna opcja %(option)s – pasuje do: %(matches)s"
    ),
    "not allowed with argument %s": tr("nie można łączyć z %s"),
    "one of the arguments %s is required": tr("podaj jeden z argumentów: %s"),
    "ignored explicit argument %r": tr("ta opcja nie przyjmuje wartości (podano %r)"),
    "unknown parser %(parser_name)r (choices: %(choices)s)": tr(
        "nieznane polecenie %(parser_name)r (do wyboru: %(choices)s)"
    ),
}
HEADINGS = {"positional arguments": tr("argumenty"), "options": tr("opcje")}
_FIELD = re.compile(r"%(?:\((\w+)\))?[sr]")


def _pattern(template: str) -> re.Pattern[str]:
    """ "unrecognized arguments: %s" → a regex whose groups are the template's fields."""
    parts, last = [], 0
    for n, field in enumerate(_FIELD.finditer(template)):
        parts.append(re.escape(template[last : field.start()]))
        parts.append(f"(?P<{field.group(1) or f'_{n}'}>.*?)")
        last = field.end()
    parts.append(re.escape(template[last:]))
    return re.compile("".join(parts), re.DOTALL)


_PATTERNS = [(_pattern(english), polish) for english, polish in ARGPARSE_TEXTS.items()]


def _fill(polish: str, match: re.Match[str]) -> str:
    values = iter(v for k, v in match.groupdict().items() if k.startswith("_"))
    named = {k: v for k, v in match.groupdict().items() if not k.startswith("_")}
    if "message" in named:
        named["message"] = polish_message(named["message"])
    return _FIELD.sub(lambda f: named[f.group(1)] if f.group(1) else next(values), polish)


def polish_message(message: str) -> str:
    """An argparse message in Polish; one argparse does not know of stays as it is. The
    fields keep argparse's formatting (quotes included); "argument X: …" is translated
    inside too."""
    for pattern, polish in _PATTERNS:
        match = pattern.fullmatch(message)
        if match is not None:
            return _fill(polish, match)
    return message


class PolishHelpFormatter(argparse.HelpFormatter):
    """Help with a Polish "użycie:" and section headings."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, tr("użycie: ") if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        super().start_section(HEADINGS.get(heading or "", heading))


class Parser(argparse.ArgumentParser):
    """argparse with its help and usage errors in Polish, and exit status 2 for a bad call."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", PolishHelpFormatter)
        super().__init__(*args, add_help=False, **kwargs)
        if add_help:
            self.add_argument(
                "-h",
                "--help",
                action="help",
                default=argparse.SUPPRESS,
                help=tr("pokaż tę pomoc i zakończ"),
            )

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(
            tr("Błąd: niepoprawne wywołanie polecenia: {message}\n").format(
                message=polish_message(message)
            )
        )
        raise SystemExit(2)


# Ids are PostgreSQL `integer`s; a bigger number names no record on any backend, and
# SQLite's driver would fail on it (docs/misuse-cases.md, "Numbers and dates").
MAX_NUMBER = 2_147_483_647
# Dates and years of an office's records: KIS and CIS exist since the act of 13 June 2003
# (ustawa o zatrudnieniu socjalnym); births since 1900. A year such as 0, -1 or 99999 is a
# typing error, and Python's dates end at 9999 anyway.
FIRST_YEAR, LAST_YEAR = 1900, 2100
FIRST_RECORD_YEAR = 2000


def parse_date(value: str) -> dt.date:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise ValueError
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError("cli.bad_date", value=value) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValidationError(
            "cli.date_out_of_range", value=value, first=FIRST_YEAR, last=LAST_YEAR
        )
    return day


def parse_optional_date(value: str | None) -> dt.date | None:
    return None if value is None else parse_date(value)


def parse_time(value: str) -> dt.time:
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})", value.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValidationError("cli.bad_time", value=value)
    return dt.time(int(match[1]), int(match[2]))


def parse_month(value: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{4})-(\d{2})", value.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValidationError("cli.bad_month", value=value)
    return _record_year(int(match[1]), value), int(match[2])


def _record_year(year: int, value: str) -> int:
    last = dt.date.today().year + 1
    if not FIRST_RECORD_YEAR <= year <= last:
        raise ValidationError(
            "cli.year_out_of_range", value=value, first=FIRST_RECORD_YEAR, last=last
        )
    return year


def parse_year(value: str, what: str = "--year") -> int:
    """A year of the office's records: 2000 to next year."""
    year = parse_int(value, what)
    return _record_year(year, value)


def parse_week(value: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{4})-W(\d{2})", value.strip(), flags=re.IGNORECASE)
    if not match:
        raise ValidationError("cli.bad_week", value=value)
    year, week = _record_year(int(match[1]), value), int(match[2])
    try:
        dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ValidationError("cli.bad_week", value=value) from None
    return year, week


def parse_int(value: str, what: str, low: int = -MAX_NUMBER, high: int = MAX_NUMBER) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ValidationError("cli.bad_int", value=value, what=what) from None
    if not low <= number <= high:
        raise ValidationError("cli.int_out_of_range", value=value, what=what, low=low, high=high)
    return number


def parse_partial(value: str) -> tuple[int, int]:
    """`ID=MINUTES` of a partial presence."""
    match = re.fullmatch(r"\s*(\d+)\s*=\s*(\d+)\s*", value)
    if not match:
        raise ValidationError("cli.bad_partial", value=value)
    return int(match[1]), int(match[2])


def iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()
