"""Text a person typed or pasted: what may be stored, and how it is shown on a terminal.

Control characters (ESC, BEL, backspace, NUL…) are never part of a name or a note: stored,
they reach a terminal as escape sequences (docs/misuse-cases.md, "Names and texts") and make
spreadsheets unwritable (the XML of .xlsx cannot hold them). Names and one-line fields refuse
every control character; multi-line texts (notes) allow tab and line breaks only. Zero-width
characters around a name are nothing typed: a name made only of them is empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# C0 and C1 controls, DEL, lone surrogates (not encodable as UTF-8), the two non-characters.
_SINGLE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_MULTI_LINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Zero-width and other invisible format characters a name cannot consist of.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f"
# What a terminal would act upon: every control character except line break and tab.
_TERMINAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class TextProblem:
    code: str  # "text.control_character" | "text.too_long"
    params: dict[str, object]


def character_name(char: str) -> str:
    """How a forbidden character is named in a message: U+001B."""
    return f"U+{ord(char):04X}"


def text_problem(value: str, limit: int | None, multiline: bool = False) -> TextProblem | None:
    """Why `value` cannot be stored in a column of `limit` characters (None: no limit)."""
    found = (_MULTI_LINE if multiline else _SINGLE_LINE).search(value)
    if found is not None:
        return TextProblem(
            "text.control_character",
            {"char": character_name(found.group()), "position": found.start() + 1},
        )
    if limit is not None and len(value) > limit:
        return TextProblem("text.too_long", {"limit": limit, "length": len(value)})
    return None


def strip_invisible(value: str) -> str:
    """`value` without zero-width characters (and spaces) at either end."""
    return value.strip(INVISIBLE + " ")


def for_terminal(text: str) -> str:
    """Text safe to print: control characters shown as \\x1b instead of being acted upon."""
    return _TERMINAL.sub(
        lambda m: f"\\x{ord(m.group()):02x}"
        if ord(m.group()) < 256
        else f"\\u{ord(m.group()):04x}",
        text,
    )


_JSON_UNESCAPED = re.compile(r"[\x7f-\x9f\ud800-\udfff]")  # json.dumps escapes C0 itself


def for_terminal_json(text: str) -> str:
    """JSON text safe to print: what json.dumps leaves raw is written as a \\u escape."""
    return _JSON_UNESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def for_spreadsheet(text: str) -> str:
    """Text an .xlsx cell can hold: the characters XML 1.0 forbids replaced by U+FFFD."""
    return _MULTI_LINE.sub("\ufffd", text)


def template_fields_ok(template: str, allowed: frozenset[str]) -> bool:
    """A str.format template that names only `allowed` fields, plainly: no attribute or
    index access ({n.__class__}, {n[0]}), no positional field ({0}), no nested field in a
    format spec, no conversion; and it formats. Such a template, stored in the settings, can
    neither fail every later document nor show the program's internals in a number."""
    import string

    try:
        parts = list(string.Formatter().parse(template))
    except ValueError:
        return False
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in allowed or conversion or (spec and "{" in spec):
            return False
    try:
        template.format(**{key: 1 for key in allowed})
    except (ValueError, KeyError, IndexError):
        return False
    return True
