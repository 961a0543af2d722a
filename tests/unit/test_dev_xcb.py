"""`dev.py run` on a Linux desktop: the system libraries Qt's xcb plugin lacks become one
`apt install` line (Qt itself names libxcb-cursor0 whatever is missing)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
assert spec is not None and spec.loader is not None
dev = importlib.util.module_from_spec(spec)
spec.loader.exec_module(dev)

LDD = """\
	linux-vdso.so.1 (0x00007ffd5a9e2000)
	libQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f1c2a400000)
	libxcb-icccm.so.4 => not found
	libxcb-keysyms.so.1 => not found
	libxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f1c2a3d0000)
	libxcb-icccm.so.4 => not found
"""


def test_the_missing_libraries_become_one_install_line():
    assert dev.xcb_install_line(LDD, cursor_found=True) == (
        "sudo apt install libxcb-icccm4 libxcb-keysyms1"
    )


def test_a_missing_xcb_cursor_is_added_and_nothing_missing_says_nothing():
    line = dev.xcb_install_line(LDD, cursor_found=False)
    assert line == "sudo apt install libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0"
    all_there = "\n".join(row for row in LDD.splitlines() if "not found" not in row)
    assert dev.xcb_install_line(all_there, cursor_found=True) is None


def test_an_unknown_library_is_named_as_ldd_said_it():
    line = dev.xcb_install_line("\tlibfoo-bar.so.3 => not found\n", cursor_found=True)
    assert line == "sudo apt install libfoo-bar.so.3"


def test_run_prints_the_line_for_this_machine(capsys, monkeypatch):
    """On this machine, with a desktop said to be there: either nothing is missing or the
    one line names packages ldd reported."""
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    dev.check_xcb(sys.executable)
    out = capsys.readouterr().out
    assert out == "" or "sudo apt install lib" in out
