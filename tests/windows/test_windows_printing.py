"""Printing on Windows: each copy of a PDF handed to ShellExecute with the verb "printto" and
the printer's name (kisdesk.ui.printing; tests/windows_sim.Shell records the calls)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import windows_sim

from kisdesk.ui import printing
from tests.ui.printing_seed import answer_print_dialog, one_printer, pdfs, record_messages


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    return record_messages(monkeypatch)


@pytest.fixture
def office_printer(monkeypatch: pytest.MonkeyPatch) -> str:
    return one_printer(monkeypatch)


def test_windows_hands_each_copy_to_shell_execute_printto(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, office_printer: str, messages: list
) -> None:
    shell = windows_sim.Shell()
    monkeypatch.setattr(printing, "windows_shell", shell)
    (pdf,) = pdfs(tmp_path, "Dziennik_2026-11.pdf")
    answer_print_dialog(2, {})

    assert printing.print_pdfs(None, [pdf], "Dziennik") is True

    call = ("printto", str(pdf), '"Biuro"', str(tmp_path))
    assert shell.calls == [call, call]
    assert messages == []


def test_windows_without_a_pdf_program_says_so(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, office_printer: str, messages: list
) -> None:
    shell = windows_sim.Shell(result=31)  # SE_ERR_NOASSOC
    monkeypatch.setattr(printing, "windows_shell", shell)
    answer_print_dialog(None, {})

    assert printing.print_pdfs(None, pdfs(tmp_path, "a.pdf"), "Dziennik") is False
    assert len(shell.calls) == 1
    assert "„Biuro”" in messages[0][1]
