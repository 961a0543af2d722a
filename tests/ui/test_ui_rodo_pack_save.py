"""Saving the art. 15 data pack from the RODO page: the suggested name carries the person's
surname (like the clause), and a JSON copy that cannot be written is said in Polish instead
of crashing (the PDF is already saved)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from kisdesk.db import Database
from kisdesk.errors import KisdeskError
from kisdesk.services import participants, participations
from kisdesk.ui import files
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages import audit_rodo
from kisdesk.ui.pages.audit_rodo import RodoPage
from tests.pesel import make_pesel


@pytest.fixture
def page(kis: Database, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    monkeypatch.setattr(Ops, "inline", True)
    with kis.session() as s:
        pid = participants.add_participant(
            s,
            participants.ParticipantData(
                "Kazimierz", "Sowa", pesel=make_pesel(dt.date(1968, 2, 14), 19, "M")
            ),
        )
        participations.enroll(s, pid, dt.date(2026, 2, 2), group_id=1)
    seen: dict[str, list[str]] = {"asked": [], "info": [], "warning": []}

    def save_as(_parent: Any, _title: str, default: str, _filter: str) -> tuple[str, str]:
        seen["asked"].append(Path(default).name)
        return str(tmp_path / Path(default).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    monkeypatch.setattr(files.QDesktopServices, "openUrl", lambda url: True)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: seen["info"].append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: seen["warning"].append(a[2]))
    widget = RodoPage(Ops(kis))
    qtbot.addWidget(widget)
    widget.show()
    widget.open(participant_id=pid)
    widget.seen = seen
    return widget


def test_the_pack_is_named_after_the_person(page: Any, tmp_path: Path) -> None:
    page.save_pack()
    assert page.seen["asked"] == ["Dane_osoby_Sowa_Kazimierz.pdf"]
    assert (tmp_path / "Dane_osoby_Sowa_Kazimierz.json").exists()
    assert page.seen["warning"] == [] and len(page.seen["info"]) == 1


@pytest.mark.parametrize(
    "failure",
    [
        KisdeskError("file.not_writable", path="Dane_osoby_Sowa_Kazimierz.json"),
        PermissionError(13, "Permission denied"),
    ],
)
def test_a_json_copy_that_cannot_be_written_is_said_in_polish(
    page: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: Exception
) -> None:
    def refuse(path: Path, data: bytes) -> Path:
        raise failure

    monkeypatch.setattr(audit_rodo, "atomic_write", refuse)
    page.save_pack()  # no crash dialog: the reason in a message
    (text,) = page.seen["warning"]
    assert "Dane_osoby_Sowa_Kazimierz.pdf" in text and "nie udało się" in text
    assert "Nie" in text.split("zapisać.", 1)[1]  # the reason, in Polish
    assert (tmp_path / "Dane_osoby_Sowa_Kazimierz.pdf").exists()
    assert page.seen["info"] == []
