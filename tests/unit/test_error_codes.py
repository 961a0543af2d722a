"""Every error the program raises can be told to the user (docs/style.md#errors).

A raise names a code and passes parameters; the Polish sentence lives in kisdesk/messages/.
A code missing from the catalogue would reach the user as "Błąd: some.code", and a parameter
the sentence uses but the raise forgot would show its placeholder ("{id}") on the screen.
The raises are found by reading the source, so a rarely travelled path is checked too.
"""

from __future__ import annotations

import ast
import string
from pathlib import Path

from kisdesk.messages import GIVEN, catalogue

PACKAGE = Path(__file__).resolve().parents[2] / "kisdesk"
BASE = "KisdeskError"


def _trees() -> dict[str, ast.Module]:
    return {
        path.relative_to(PACKAGE).as_posix(): ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def _error_classes(trees: dict[str, ast.Module]) -> set[str]:
    """KisdeskError and every class derived from it, directly or not, anywhere in kisdesk."""
    found = {BASE}
    classes = [
        node for tree in trees.values() for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
    ]
    grew = True
    while grew:
        grew = False
        for node in classes:
            bases = {
                b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases
            }
            if node.name not in found and bases & found:
                found.add(node.name)
                grew = True
    return found


def _raises() -> list[tuple[str, int, str, set[str] | None]]:
    """(file, line, code, keyword names or None when **params are passed through)."""
    trees = _trees()
    classes = _error_classes(trees)
    out = []
    for rel, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in classes or not node.args:
                continue
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue  # a code chosen at run time: checked where it is chosen
            keywords = {k.arg for k in node.keywords if k.arg is not None}
            passes_through = any(k.arg is None for k in node.keywords)
            out.append((rel, node.lineno, first.value, None if passes_through else keywords))
    return out


def _placeholders(template: str) -> set[str]:
    return {
        field.split(".")[0].split("[")[0]
        for _, field, _, _ in string.Formatter().parse(template)
        if field
    }


def test_the_raises_are_found() -> None:
    # the reader must see the program's raises, or the tests below prove nothing
    assert len(_raises()) > 200


def test_every_raised_code_is_in_the_catalogue() -> None:
    known = catalogue()
    missing = [f"{rel}:{line} {code}" for rel, line, code, _ in _raises() if code not in known]
    assert missing == []


def test_every_raise_passes_the_parameters_its_sentence_uses() -> None:
    known = catalogue()
    short = []
    for rel, line, code, keywords in _raises():
        if keywords is None or code not in known:
            continue
        lacking = _placeholders(known[code]) - keywords - set(GIVEN)
        if lacking:
            short.append(f"{rel}:{line} {code} lacks {sorted(lacking)}")
    assert short == []
