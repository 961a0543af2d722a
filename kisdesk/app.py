"""The one place that wires things: arguments, paths, logging, the database, the GUI.

`kisdesk` with a command runs the command line (kisdesk.cli); without one it starts the
desktop application on the database given by --db / KISDESK_DB or the default file.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from kisdesk.paths import log_dir, resolve_db_url


def setup_logging() -> None:
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(folder / "kisdesk.log", encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])


def _wants_cli(argv: Sequence[str]) -> bool:
    from kisdesk.cli import build_parser

    parser = build_parser()
    commands = set()
    for action in parser._subparsers._group_actions if parser._subparsers else []:
        commands |= set(getattr(action, "choices", {}) or {})
    return any(arg in commands or arg in ("-h", "--help") for arg in argv)


def main(argv: Sequence[str]) -> int:
    setup_logging()
    if _wants_cli(argv):
        from kisdesk import cli

        return cli.main(argv)
    parser = argparse.ArgumentParser(prog="kisdesk")
    parser.add_argument("--db")
    args, _rest = parser.parse_known_args(list(argv))
    return run_gui(resolve_db_url(args.db))


def run_gui(url: str) -> int:
    from kisdesk.ui.application import run

    return run(url)
