"""`kisdesk demo`: a demo office with realistic, fictitious data, in an empty database."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from typing import Any

from kisdesk.cli import Output
from kisdesk.cli.args import parse_int, parse_optional_date
from kisdesk.db import Database
from kisdesk.demo import generator as demo
from kisdesk.i18n import tr


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser(
        "demo",
        parents=[common],
        help=tr("utwórz w pustej bazie placówkę demonstracyjną z fikcyjnymi danymi"),
    )
    p.add_argument(
        "--participants",
        default="60",
        metavar="N",
        help=tr("liczba uczestników w całej historii placówki (domyślnie 60)"),
    )
    p.add_argument("--years", default="1", metavar="LATA", help=tr("lata historii (domyślnie 1)"))
    p.add_argument(
        "--seed",
        default="1",
        metavar="LICZBA",
        help=tr("ziarno losowania: to samo ziarno daje te same dane (domyślnie 1)"),
    )
    p.add_argument(
        "--type", default="kis", choices=["kis", "cis"], help=tr("rodzaj placówki (domyślnie kis)")
    )
    p.add_argument(
        "--as-of",
        metavar="RRRR-MM-DD",
        help=tr("dzień, na którym kończy się historia placówki (domyślnie dziś)"),
    )
    p.set_defaults(handler=cmd_demo)


def _number(value: int) -> str:
    """1234567 → "1 234 567" (Polish thousands separator, a non-breaking space)."""
    return f"{value:,}".replace(",", "\u00a0")


def _date(value: dt.date) -> str:
    return value.strftime("%d.%m.%Y")


class _ProgressLine:
    """One line on the terminal, rewritten as the work goes on (spaces, not ANSI codes,
    rub out the rest: the old Windows console does not understand them)."""

    def __init__(self) -> None:
        self.width = 0

    def _show(self, text: str) -> None:
        sys.stderr.write("\r" + text.ljust(self.width))
        sys.stderr.flush()
        self.width = len(text)

    def __call__(self, done: int, total: int, phase: str) -> None:
        self._show(f"{demo.PHASES.get(phase, phase)}: {done}/{total}")

    def close(self) -> None:
        if self.width:
            self._show("")
            sys.stderr.write("\r")


def cmd_demo(db: Database, args: argparse.Namespace) -> Output:
    participants = parse_int(args.participants, "--participants")
    years = parse_int(args.years, "--years")
    seed = parse_int(args.seed, "--seed")
    today = parse_optional_date(args.as_of) or dt.date.today()
    line = _ProgressLine() if sys.stderr.isatty() and not getattr(args, "json", False) else None
    started = time.perf_counter()
    try:
        with db.session() as s:
            summary = demo.generate(
                s,
                participants=participants,
                years=years,
                seed=seed,
                today=today,
                progress=line,
                office_kind=args.type,
            )
    finally:
        if line is not None:
            line.close()
    seconds = round(time.perf_counter() - started, 2)
    payload = {
        "participants": summary.participants,
        "participations": summary.participations,
        "activities": summary.activities,
        "attendance": summary.attendance,
        "documents": summary.documents,
        "seconds": seconds,
        "office": summary.office_name,
        "type": summary.office_kind,
        "staff": summary.staff,
        "groups": summary.groups,
        "ongoing": summary.ongoing,
        "first_day": summary.first_day.isoformat(),
        "as_of": summary.today.isoformat(),
    }
    text = "\n".join(
        [
            tr("Utworzono placówkę demonstracyjną (dane fikcyjne): {name}").format(
                name=summary.office_name
            ),
            tr("Historia od {first} do {last}.").format(
                first=_date(summary.first_day), last=_date(summary.today)
            ),
            tr(
                "Kadra: {staff}, grupy: {groups}, uczestnicy: {people} (obecnie {ongoing}), "
                "okresy uczestnictwa: {periods}."
            ).format(
                staff=summary.staff,
                groups=summary.groups,
                people=_number(summary.participants),
                ongoing=_number(summary.ongoing),
                periods=_number(summary.participations),
            ),
            tr("Zajęcia: {activities}, obecności: {marks}, zaświadczenia: {documents}.").format(
                activities=_number(summary.activities),
                marks=_number(summary.attendance),
                documents=_number(summary.documents),
            ),
            tr("Czas: {seconds} s.").format(seconds=f"{seconds:.1f}".replace(".", ",")),
        ]
    )
    return Output(payload, text)
