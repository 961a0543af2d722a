"""`kisdesk migrate-to URL`: move the office's data to a PostgreSQL server (the leader's
decision: kisdesk.services.transfer)."""

from __future__ import annotations

import argparse
from typing import Any

from kisdesk.cli import Output
from kisdesk.db import Database
from kisdesk.i18n import tr
from kisdesk.messages.core import plural
from kisdesk.services.transfer import migrate_to


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser(
        "migrate-to",
        parents=[common],
        help=tr("przenieś dane do innej bazy (np. serwera PostgreSQL), sprawdzając liczby wierszy"),
    )
    p.add_argument("url", metavar="URL", help="postgresql+psycopg://użytkownik:hasło@host/baza")
    p.set_defaults(handler=cmd_migrate_to)


def cmd_migrate_to(db: Database, args: argparse.Namespace) -> Output:
    # The leader only; audited with the target's address, its password left out.
    report = migrate_to(db.engine, db.actor, args.url)
    lines = [
        tr("Przeniesiono {rows}; liczby wierszy zgadzają się w każdej tabeli:").format(
            rows=f"{report.total} "
            + plural(report.total, tr("wiersz"), tr("wiersze"), tr("wierszy"))
        )
    ]
    lines += [f"  {table:<24} {count:>8}" for table, count in report.counts.items() if count]
    return Output({"counts": report.counts, "total": report.total}, "\n".join(lines))
