"""`tr()` for text a user reads, in code that must not import Qt (services, CLI, reports).

The source strings are Polish, the users' language. The GUI may install a translator
(a function str -> str) at start-up; without one the text is returned as written.
"""

from __future__ import annotations

from collections.abc import Callable

_translate: Callable[[str], str] | None = None


def set_translator(fn: Callable[[str], str] | None) -> None:
    global _translate
    _translate = fn


def tr(text: str) -> str:
    return _translate(text) if _translate is not None else text
