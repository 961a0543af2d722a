"""Polish text for every error code (kisdesk.errors), shared by the GUI and the CLI.

Each area keeps its own catalogue module here (core, documents, storage, security); this
package merges them, so `describe()` knows every code wherever it was raised.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache
from typing import Any

from kisdesk.console import command_name
from kisdesk.errors import KisdeskError
from kisdesk.i18n import tr

CATALOGUES = (
    "core",
    "documents",
    "storage",
    "security",
    "transfer",
    "spreadsheets",
    "demo",
    "path",
    "text",
    "money",
    "outcomes",
)


# Parameters every sentence may use without the raise giving them.
# {cli}: what to type for the command line here (kisdesk, or kisdesk-cli.exe on Windows)
GIVEN: dict[str, Callable[[], str]] = {"cli": lambda: command_name()}


@cache
def catalogue() -> dict[str, str]:
    merged: dict[str, str] = {}
    for name in CATALOGUES:
        try:
            module = importlib.import_module(f"kisdesk.messages.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"kisdesk.messages.{name}":
                raise
            continue
        merged.update(module.MESSAGES)
    return merged


def describe(error: KisdeskError) -> str:
    """The Polish sentence for an error, with its parameters filled in."""
    template = catalogue().get(error.code)
    if template is None:
        return tr("Błąd: {code}").format(code=error.code)
    params: dict[str, Any] = {name: fill() for name, fill in GIVEN.items()}
    params.update({k: ("–" if v is None else v) for k, v in error.params.items()})
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template
