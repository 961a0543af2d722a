"""What the Windows build and installer do, checked from their sources on Linux: the Qt
translations filter on PyInstaller's Windows layout, each program's own version resource,
the .kisbak association and the uninstaller's word on the data left behind (RODO)."""

from __future__ import annotations

import ast
import sys
import types
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "installer.spec"
ISS = ROOT / "packaging" / "windows" / "kisdesk.iss"


def spec_definitions(*names: str, **namespace: Any) -> dict[str, Any]:
    """The named top-level definitions of installer.spec, run on their own."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    wanted = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name in names:
            wanted.append(node)
        elif isinstance(node, ast.Assign | ast.ImportFrom | ast.Import):
            targets = [t.id for t in getattr(node, "targets", []) if isinstance(t, ast.Name)]
            if any(t in names for t in targets) or isinstance(node, ast.Import | ast.ImportFrom):
                wanted.append(node)
    module = ast.Module(body=wanted, type_ignores=[])
    exec(compile(module, str(SPEC), "exec"), namespace)  # noqa: S102
    return namespace


@pytest.mark.parametrize(
    ("dest", "dropped"),
    [
        ("PySide6/Qt/translations/qtbase_de.qm", True),  # Linux layout
        ("PySide6\\translations\\qtbase_de.qm", True),  # Windows layout (was shipped)
        ("PySide6\\translations\\qt_help_uk.qm", True),
        ("PySide6\\translations\\qtbase_pl.qm", False),  # the Polish buttons stay
        ("PySide6/Qt/translations/qtbase_pl.qm", False),
        ("resources\\help\\pomoc.html", False),
    ],
)
def test_only_polish_qt_translations_ship_on_either_layout(dest: str, dropped: bool) -> None:
    names = spec_definitions("QT_TRANSLATIONS", "unused_translation")
    assert names["unused_translation"](dest) is dropped


class _Structure:
    """Stands in for PyInstaller's versioninfo classes (they need pywin32 to import): each
    renders itself with its arguments, as the real ones render the resource script."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args, self.kwargs = args, kwargs

    def __str__(self) -> str:
        inner = ", ".join([*map(repr, self.args), *(f"{k}={v!r}" for k, v in self.kwargs.items())])
        return f"{type(self).__name__}({inner})"

    __repr__ = __str__


def test_each_program_carries_its_own_version_resource(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = types.ModuleType("PyInstaller.utils.win32.versioninfo")
    for name in ("StringStruct", "VSVersionInfo", "FixedFileInfo", "StringFileInfo",
                 "StringTable", "VarFileInfo", "VarStruct"):  # fmt: skip
        setattr(fake, name, type(name, (_Structure,), {}))
    package = types.ModuleType("PyInstaller.utils.win32")
    package.versioninfo = fake  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.win32", package)
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.win32.versioninfo", fake)
    names = spec_definitions(
        "version_file", WINDOWS=True, VERSION="1.2.3", NAME="kisdesk", workpath=str(tmp_path)
    )
    gui = Path(names["version_file"]("kisdesk", "kisdesk – ewidencja KIS/CIS")).read_text("utf-8")
    cli = Path(names["version_file"]("kisdesk-cli", "kisdesk – wiersz poleceń")).read_text("utf-8")
    assert "StringStruct('OriginalFilename', 'kisdesk.exe')" in gui
    assert "StringStruct('OriginalFilename', 'kisdesk-cli.exe')" in cli
    assert "StringStruct('FileDescription', 'kisdesk – wiersz poleceń')" in cli
    assert "StringStruct('ProductVersion', '1.2.3')" in cli


def iss_section(name: str) -> list[str]:
    text = ISS.read_text(encoding="utf-8")
    body = text.split(f"\n[{name}]\n", 1)[1]
    return [line for line in body.split("\n[", 1)[0].splitlines() if line and line[0] != ";"]


def test_a_kisbak_opens_the_restore_of_kisdesk_exe() -> None:
    registry = iss_section("Registry")
    command = [line for line in registry if "kisdesk.backup\\shell\\open\\command" in line]
    assert command and 'ValueData: """{app}\\kisdesk.exe"" ""%1"""' in command[0]
    assert any(
        '"Software\\Classes\\.kisbak"' in line and "kisdesk.backup" in line for line in registry
    )
    assert "ChangesAssociations=yes" in iss_section("Setup")
    assert any("kisdesk – wiersz poleceń" in line for line in iss_section("Icons"))


def test_the_uninstaller_says_where_personal_data_stay() -> None:
    code = "\n".join(iss_section("Code"))
    assert "usPostUninstall" in code and "{localappdata}\\kisdesk" in code
    assert "dane osobowe" in code and "RODO" in code and "Shift+Delete" in code
