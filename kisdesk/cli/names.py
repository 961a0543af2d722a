"""The command line's command names, known without building its parser.

The desktop app decides from these alone whether `kisdesk …` is a command or a start of the
window, and the parser registers only the module of the command given (`COMMAND_MODULES`):
the others import reportlab, openpyxl and services the command does not need.
tests/cli/test_cli_names.py keeps both equal to the parser's.
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

# The module of kisdesk.cli that registers each command. A command missing here still works:
# the parser then registers every module (as for --help).
COMMAND_MODULES = {
    "init": "core",
    "settings": "core",
    "group": "core",
    "participant": "core",
    "activity": "journal",
    "attendance": "journal",
    "hours": "journal",
    "graduates": "journal",
    "absence": "money",
    "benefit": "money",
    "month": "money",
    "readiness": "money",
    "outcome": "outcomes",
    "followup": "outcomes",
    "report": "outcomes",
    "migrate-to": "transfer",
    "export": "spreadsheets",
    "import": "spreadsheets",
    "demo": "demo",
    "certificate": "documents",
    "certificates": "documents",
    "form": "documents",
    "print": "documents",
    "backup": "storage",
    "restore": "storage",
    "check": "storage",
    "user": "security",
    "audit": "security",
    "rodo": "security",
    "encrypt": "security",
    "contract": "path",
    "review": "path",
    "authorisation": "authorisations",
}
# options of the main parser that take a value (skipped when looking for the command)
_VALUED = ("--db", "--user")


def command_of(argv: list[str]) -> str | None:
    """The command named in `argv` (the first word that is not an option or its value)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _VALUED:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None
