"""The program's standard streams and the name a user types to run the command line.

Output must never fail after a command has committed (a retry would record the person twice).
On a Polish Windows, Python writes redirected output (`> plik.txt`, a pipe into PowerShell)
in strict cp1250, which cannot encode "→" or a Cyrillic name: the command would commit, then
crash with exit 1. So the encoding is decided once, before anything is written (docs/BUILD.md,
"Windows behaviours"):

* not a terminal (a file or a pipe): UTF-8 without a BOM, unencodable text replaced instead
  of raising — `--json` is therefore always UTF-8 for the program reading it;
* a terminal: its own encoding (on Windows the console takes Unicode), but never strict;
* no stream at all (the windowed `kisdesk.exe` on Windows has neither stdout nor stderr):
  writes are discarded instead of raising AttributeError on None.

No BOM: JSON parsers reject one, two outputs appended to one file would carry one in the
middle, and PowerShell decodes a native program's output by `[Console]::OutputEncoding`
whatever the bytes begin with (docs/BUILD.md, "Windows behaviours"; the README tells users
to set `[Console]::OutputEncoding = [Text.Encoding]::UTF8` in PowerShell 5.1).
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

STREAMS = ("stdout", "stderr")


def prepare_streams(json_output: bool = False) -> None:
    """Make stdout and stderr safe to write to, for the rest of the process (idempotent).

    `json_output`: stdout carries `--json`, UTF-8 even on a terminal (a Windows console is
    UTF-8 to Python already; a Linux terminal with a legacy locale gets what JSON requires)."""
    for name in STREAMS:
        stream: TextIO | None = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:  # not a text file of the io module (a test's StringIO)
            continue
        try:
            if stream.isatty() and not (json_output and name == "stdout"):
                reconfigure(errors="replace")
            else:
                reconfigure(encoding="utf-8", errors="replace")
        except (OSError, ValueError):  # a closed stream, or one already read from
            continue


def command_name(frozen: bool | None = None, platform: str | None = None) -> str:
    """What to type to run the command line, for messages and the printed recovery card.

    On Windows the installed desktop program `kisdesk.exe` is windowed (it prints nothing);
    the console program next to it is `kisdesk-cli.exe` (docs/BUILD.md)."""
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    platform = sys.platform if platform is None else platform
    return "kisdesk-cli.exe" if frozen and platform == "win32" else "kisdesk"
