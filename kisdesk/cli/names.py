"""The command line's command names, known without building its parser.

The desktop app decides from these alone whether `kisdesk …` is a command or a start of the
window (building the parser imports every command's module: reportlab, openpyxl…).
tests/cli/test_cli_names.py keeps this list equal to the parser's.
"""

from __future__ import annotations

COMMANDS = frozenset(
    {
        "absence",
        "activity",
        "attendance",
        "audit",
        "authorisation",
        "backup",
        "benefit",
        "certificate",
        "certificates",
        "check",
        "contract",
        "demo",
        "encrypt",
        "export",
        "followup",
        "form",
        "graduates",
        "group",
        "hours",
        "import",
        "init",
        "migrate-to",
        "month",
        "outcome",
        "participant",
        "print",
        "readiness",
        "report",
        "restore",
        "review",
        "rodo",
        "settings",
        "user",
    }
)
