"""The import rules of docs/architecture.md#dependencies: Qt only in the GUI, nothing but the
app imports the GUI, and the layers below never reach upwards."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "kisdesk"
QT_ALLOWED = ("ui/", "app.py")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            # `from kisdesk import services` imports kisdesk.services too
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _modules() -> list[tuple[str, set[str]]]:
    return [
        (path.relative_to(PACKAGE).as_posix(), _imports(path))
        for path in sorted(PACKAGE.rglob("*.py"))
    ]


def test_no_qt_outside_the_gui() -> None:
    offenders = [
        rel
        for rel, names in _modules()
        if not rel.startswith(QT_ALLOWED) and any(n.split(".")[0] == "PySide6" for n in names)
    ]
    assert offenders == []


def test_only_the_app_imports_the_gui() -> None:
    offenders = [
        rel
        for rel, names in _modules()
        if not rel.startswith(QT_ALLOWED) and any(n.startswith("kisdesk.ui") for n in names)
    ]
    assert offenders == []


def test_domain_layers_do_not_import_upwards() -> None:
    """rules import nothing of kisdesk but rules; models import only models."""
    offenders = []
    for rel, names in _modules():
        ours = {n for n in names if n.startswith("kisdesk")}
        if rel.startswith("rules/") and any(not n.startswith("kisdesk.rules") for n in ours):
            offenders.append(rel)
        if rel.startswith("models/") and any(not n.startswith("kisdesk.models") for n in ours):
            offenders.append(rel)
        if rel.startswith(("services/", "db/", "reports/")) and any(
            n.startswith("kisdesk.cli") for n in ours
        ):
            offenders.append(rel)
    assert offenders == []


def _reaching(layer: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{rel} imports {name}"
        for rel, names in _modules()
        if rel.startswith(layer)
        for name in sorted(names)
        if name.startswith(forbidden)
    ]


def test_services_do_not_import_reports_cli_or_ui() -> None:
    """Use cases build data; documents, the command line and the GUI present it."""
    forbidden = ("kisdesk.reports", "kisdesk.cli", "kisdesk.ui", "kisdesk.demo")
    assert _reaching("services/", forbidden) == []


def test_storage_does_not_import_use_cases() -> None:
    """db/ keeps the file safe for whoever uses it; it knows no use case above it. A
    migration script may call the services of its time (0003 rebuilds the audit chain with
    the audit log's own hashing); the storage code itself may not."""
    forbidden = ("kisdesk.services", "kisdesk.reports", "kisdesk.cli", "kisdesk.ui")
    found = _reaching("db/", forbidden)
    assert [f for f in found if not f.startswith("db/migrations/versions/")] == []
