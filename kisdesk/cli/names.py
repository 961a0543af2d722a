"""The command line's command names, known without building its parser.

The desktop app decides from these alone whether `kisdesk …` is a command or a start of the
window (building the parser imports every command's module: reportlab, openpyxl…).
tests/cli/test_cli_names.py keeps this list equal to the parser's.
"""

from __future__ import annotations

COMMANDS = frozenset(
    {
        "activity",
        "attendance",
        "audit",
        "backup",
        "certificate",
        "certificates",
        "check",
        "contract",
        "demo",
        "encrypt",
        "export",
        "form",
        "graduates",
        "group",
        "hours",
        "import",
        "init",
        "migrate-to",
        "participant",
        "print",
        "restore",
        "review",
        "rodo",
        "settings",
        "user",
    }
)
