"""The participant import wizard on a messy office workbook: refusals, mapping, the per-row
preview (nothing written), the confirmed import of the good rows only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard
from sqlalchemy import func, select

from kisdesk.db import Database
from kisdesk.models import Participant, Participation
from kisdesk.services import imports_read, participants, participations
from kisdesk.ui.dialogs.import_wizard import ImportWizard
from kisdesk.ui.ops import Ops
from kisdesk.ui.table_models.document_import import ERROR_BACKGROUND, PROBLEMS_COLUMN
from tests.fixtures.xlsx.make_messy import (
    EXISTING,
    EXPECTED,
    LOST_ZERO,
    OK_ROWS,
    write_messy,
    write_zip_bomb,
)


@pytest.fixture
def office(kis: Database) -> Database:
    """Tomasz Dąbrowski is already on file (row 13 of the messy file repeats him)."""
    with kis.session() as s:
        pid = participants.add_participant(
            s, participants.ParticipantData("Tomasz", "Dąbrowski", pesel=EXISTING)
        )
        participations.enroll(s, pid, dt.date(2026, 1, 5))
    return kis


@pytest.fixture
def wizard(ops: Ops, office: Database, qtbot) -> ImportWizard:  # type: ignore[no-untyped-def]
    w = ImportWizard(ops)
    qtbot.addWidget(w)
    w.show()
    return w


def _counts(db: Database) -> tuple[int, int]:
    with db.read() as s:
        people = s.scalar(select(func.count()).select_from(Participant))
        periods = s.scalar(select(func.count()).select_from(Participation))
    return int(people or 0), int(periods or 0)


def _commit_text(w: ImportWizard) -> str:
    return w.button(QWizard.WizardButton.CommitButton).text()


def test_messy_workbook_preview_then_import_of_the_good_rows_only(
    wizard: ImportWizard, office: Database, tmp_path: Path, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    path = write_messy(tmp_path / "lista.xlsx")
    wizard.file_page.load(str(path))
    assert wizard.file_page.isComplete()
    assert "Lista 2027" in wizard.file_page.message.text()  # the hidden old sheet is skipped
    assert "nagłówek w wierszu 3" in wizard.file_page.message.text()

    wizard.next()
    mapping = wizard.mapping_page
    assert wizard.currentPage() is mapping and mapping.isComplete()
    fields = {wizard.file.columns[i].header: f for i, f in mapping.chosen().items()}  # type: ignore[union-attr]
    assert fields["Nazwisko"] == "last_name" and fields["PESEL"] == "pesel"
    assert "Lp." not in fields  # the running number is not a field

    wizard.next()
    preview = wizard.preview_page
    assert wizard.currentPage() is preview
    rows = {r.row: r for r in preview.model.rows()}
    assert set(rows) == set(EXPECTED)  # every row, the empty one left out
    qtmodeltester.check(preview.model)
    problems = PROBLEMS_COLUMN
    for number, expected in EXPECTED.items():
        index = preview.model.index(list(rows).index(number), 0)
        if expected == "ok":
            assert index.data(0x0008) is None, number  # BackgroundRole: not highlighted
        else:
            assert index.data(0x0008).color() == ERROR_BACKGROUND, number
    lost = preview.model.index(list(rows).index(6), problems).data()
    assert LOST_ZERO in lost and "zero" in lost  # the suggestion, in Polish
    assert "Ta osoba jest już w ewidencji: Tomasz Dąbrowski" in (
        preview.model.index(list(rows).index(13), problems).data()
    )
    assert _commit_text(wizard) == f"Importuj {len(OK_ROWS)} poprawnych wierszy"
    assert _counts(office) == (1, 1)  # nothing written by the preview

    # the lost leading zero, restored on request: one more good row
    assert preview.fix_zeros.isVisible() and "6" in preview.fix_zeros.text()
    preview.fix_zeros.setChecked(True)
    assert _commit_text(wizard) == f"Importuj {len(OK_ROWS) + 1} poprawnych wierszy"
    assert _counts(office) == (1, 1)

    preview.only_errors.setChecked(True)
    assert all(r.errors for r in preview.model.rows())
    preview.only_errors.setChecked(False)

    wizard.next()  # the confirmation: "Importuj 7 poprawnych wierszy"
    result = wizard.result_page
    assert wizard.currentPage() is result
    imported = len(OK_ROWS) + 1
    assert _counts(office) == (1 + imported, 1 + imported)  # person and period together
    assert f"Wczytano {imported} osób" in result.summary.text()
    qtmodeltester.check(result.model)
    statuses = {line.row: line.status for line in result.model.rows()}
    assert statuses[6] == "imported" and statuses[7] == "error" and statuses[13] == "error"
    with office.read() as s:
        pesels = set(s.scalars(select(Participant.pesel)))
    assert LOST_ZERO in pesels


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: write_zip_bomb(p), "nieproporcjonalnie duży"),
        (lambda p: p.write_text("Nazwisko;Imię\nNowak;Anna\n") or p, "To nie jest skoroszyt"),
    ],
)
def test_unsafe_or_wrong_files_are_refused_on_the_first_page(
    wizard: ImportWizard, office: Database, tmp_path: Path, make, message: str
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "lista.xlsx"
    make(path)
    wizard.file_page.load(str(path))
    assert message in wizard.file_page.message.text()
    assert not wizard.file_page.isComplete()
    assert _counts(office) == (1, 1)


def test_oversized_file_is_refused(
    wizard: ImportWizard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports_read, "MAX_FILE_BYTES", 1024)
    path = write_messy(tmp_path / "duza.xlsx")
    wizard.file_page.load(str(path))
    assert "Plik jest za duży" in wizard.file_page.message.text()
    assert not wizard.file_page.isComplete()


def test_mapping_without_names_is_refused_and_the_confirmed_mapping_is_remembered(
    ops: Ops, wizard: ImportWizard, office: Database, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    path = write_messy(tmp_path / "lista.xlsx")
    wizard.file_page.load(str(path))
    wizard.next()
    mapping = wizard.mapping_page
    columns = {c.header: c.index for c in wizard.file.columns}  # type: ignore[union-attr]
    mapping.set_field(columns["Nazwisko"], "")
    assert not mapping.isComplete()
    assert "imieniem i nazwiskiem" in mapping.message.text()
    mapping.set_field(columns["Nazwisko"], "last_name")
    mapping.set_field(columns["Uwagi"], "")  # the notes stay in the file
    assert mapping.isComplete()
    wizard.next()
    wizard.next()
    assert wizard.import_result is not None

    again = ImportWizard(ops)
    qtbot.addWidget(again)
    again.file_page.load(str(path))
    assert columns["Uwagi"] not in again.mapping  # remembered: ignored this time too
    assert again.mapping[columns["Nazwisko"]] == "last_name"


def test_a_file_chosen_then_enter_goes_on_to_the_columns(
    wizard: ImportWizard, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    path = write_messy(tmp_path / "lista.xlsx")
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    page = wizard.file_page
    page.browse_button.setFocus()  # where the file dialog gives the keyboard back
    page.load(str(path))  # what "Wybierz plik…" does with the file chosen
    qtbot.waitUntil(page.isComplete)
    assert "Enter albo „Dalej”" in page.message.text()
    assert wizard.focusWidget() is not page.browse_button  # Enter would open the dialog again
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page)
