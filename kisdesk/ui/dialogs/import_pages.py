"""The first pages of the participant import wizard: the file, and the column mapping."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from sqlalchemy.orm import Session

from kisdesk.errors import KisdeskError
from kisdesk.messages import describe
from kisdesk.services import imports
from kisdesk.services.imports_mapping import FIELDS, IGNORE, check_mapping
from kisdesk.services.imports_read import NO_CACHED_VALUE
from kisdesk.ui import files, state
from kisdesk.ui.ops import Progress
from kisdesk.ui.widgets.participant_fields import FieldMessage
from kisdesk.ui.widgets.participant_labels import plural

if TYPE_CHECKING:
    from kisdesk.ui.dialogs.import_wizard import ImportWizard

IMPORT_FOLDER_KEY = "files/import_folder"
_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?: 00:00:00)?$")


def sample_text(value: str) -> str:
    """A sample cell as the office wrote it: dates as 02.03.1985, a formula nobody
    calculated said in words, long text shortened."""
    match = _DATETIME.match(value)
    if match:
        year, month, day = match.groups()
        return f"{day}.{month}.{year}"
    if value == repr(NO_CACHED_VALUE):
        return QCoreApplication.translate("import", "(formuła bez wartości)")
    return value if len(value) <= 24 else value[:23] + "…"


class _Page(QWizardPage):
    def wiz(self) -> ImportWizard:
        return self.wizard()  # type: ignore[return-value]


class FilePage(_Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Plik z listą uczestników"))
        self.setSubTitle(
            self.tr(
                "Wybierz skoroszyt .xlsx (Excel, LibreOffice). Program sam znajdzie wiersz "
                "z nazwami kolumn. Nic nie zostanie zapisane, dopóki nie potwierdzisz importu."
            )
        )
        layout = QVBoxLayout(self)
        self.path = QLineEdit(self)
        self.path.setPlaceholderText(self.tr("np. C:\\Users\\Biuro\\Documents\\uczestnicy.xlsx"))
        self.path.returnPressed.connect(lambda: self.load(self.path.text()))
        self.browse_button = browse = QPushButton(self.tr("Wybierz plik…"), self)
        browse.clicked.connect(self.browse)
        line = QHBoxLayout()
        line.addWidget(self.path, 1)
        line.addWidget(browse)
        layout.addLayout(line)
        self.sheet = QComboBox(self)
        self.sheet_label = QLabel(self.tr("Arkusz:"), self)
        sheet_line = QHBoxLayout()
        sheet_line.addWidget(self.sheet_label)
        sheet_line.addWidget(self.sheet)
        sheet_line.addStretch(1)
        layout.addLayout(sheet_line)
        self.message = FieldMessage(self)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.sheet.activated.connect(
            lambda _i: self.load(self.path.text(), self.sheet.currentText())
        )
        self._show_sheets(())

    def _show_sheets(self, names: tuple[str, ...], current: str = "") -> None:
        self.sheet.clear()
        self.sheet.addItems(list(names))
        if current:
            self.sheet.setCurrentText(current)
        visible = len(names) > 1
        self.sheet.setVisible(visible)
        self.sheet_label.setVisible(visible)

    def browse(self) -> None:
        folder = state.value(IMPORT_FOLDER_KEY) or str(files.default_folder())
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Wybierz plik z listą uczestników"),
            str(folder),
            self.tr("Skoroszyt programu Excel (*.xlsx);;Wszystkie pliki (*)"),
        )
        if chosen:
            state.set_value(IMPORT_FOLDER_KEY, str(Path(chosen).parent))
            self.load(chosen)

    def load(self, path: str, sheet: str | None = None) -> None:
        """Read the file off the GUI thread; refusals are said on the page."""
        path = path.strip().strip('"')
        if not path:
            return
        self.path.setText(path)
        wizard = self.wiz()
        wizard.file = None
        self.completeChanged.emit()
        self.message.show_info(self.tr("Wczytywanie pliku…"))

        def work(_session: Session, progress: Progress) -> imports.ImportFile:
            progress(0, 0, "")
            return imports.open_import(path, sheet)

        wizard.ops.run_background(
            self,
            work,
            title=self.tr("Wczytywanie pliku…"),
            write=False,
            on_success=self._loaded,
            on_error=self._failed,
        )

    def _loaded(self, file: imports.ImportFile) -> None:
        wizard = self.wiz()
        wizard.file = file
        wizard.reset_after_file()
        rows = len(file.data_rows)
        self._show_sheets(file.raw.sheet_names, file.raw.sheet)
        self.message.show_ok(
            self.tr(
                "Arkusz „{sheet}”: nagłówek w wierszu {header}, pod nim {n} {rows} z danymi. "
                "Enter albo „Dalej” – przypisanie kolumn."
            ).format(
                sheet=file.raw.sheet,
                header=file.header_row,
                n=rows,
                rows=plural(rows, self.tr("wiersz"), self.tr("wiersze"), self.tr("wierszy")),
            )
        )
        self.completeChanged.emit()
        # the file is read: Enter goes on (the focus left on "Wybierz plik…" would open the
        # file dialog again)
        wizard.button(QWizard.WizardButton.NextButton).setFocus()

    def _failed(self, error: KisdeskError) -> None:
        self.wiz().file = None
        self.message.show_error(describe(error))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        return self.wiz().file is not None


class MappingPage(_Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Które kolumny są którymi danymi?"))
        self.setSubTitle(
            self.tr(
                "Propozycja pochodzi z nazw kolumn i z poprzedniego importu. Kolumny, których "
                "nie potrzebujesz, zostaw jako „— pomiń —”. Wybór zostanie zapamiętany."
            )
        )
        layout = QVBoxLayout(self)
        self.area = QScrollArea(self)
        self.area.setWidgetResizable(True)
        layout.addWidget(self.area, 1)
        self.message = FieldMessage(self)
        layout.addWidget(self.message)
        self.combos: dict[int, QComboBox] = {}
        self._for_file: Any = None

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        wizard = self.wiz()
        if wizard.file is self._for_file:
            return  # back from the preview: keep the choices
        self._for_file = wizard.file
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        for c, title in enumerate(
            (
                self.tr("Kolumna"),
                self.tr("Nagłówek w pliku"),
                self.tr("Przykładowe wartości"),
                self.tr("Dane w programie"),
            )
        ):
            label = QLabel(f"<b>{title}</b>")
            grid.addWidget(label, 0, c)
        self.combos = {}
        assert wizard.file is not None
        for r, column in enumerate(wizard.file.columns, start=1):
            grid.addWidget(QLabel(column.letter), r, 0)
            grid.addWidget(QLabel(column.header or self.tr("(bez nazwy)")), r, 1)
            samples = QLabel(", ".join(sample_text(v) for v in column.samples))
            samples.setStyleSheet("color: #5f6b76;")
            grid.addWidget(samples, r, 2)
            combo = QComboBox()
            combo.addItem(self.tr("— pomiń —"), IGNORE)
            for field, (field_label, _synonyms) in FIELDS.items():
                combo.addItem(field_label, field)
            combo.setCurrentIndex(max(combo.findData(wizard.mapping.get(column.index, "")), 0))
            combo.currentIndexChanged.connect(lambda _i: self._changed())
            combo.setAccessibleName(self.tr("Kolumna {letter}").format(letter=column.letter))
            grid.addWidget(combo, r, 3)
            self.combos[column.index] = combo
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(wizard.file.columns) + 1, 1)
        self.area.setWidget(grid_host)
        self._changed()

    def chosen(self) -> dict[int, str]:
        return {i: str(c.currentData()) for i, c in self.combos.items() if c.currentData()}

    def set_field(self, column_index: int, field: str) -> None:
        combo = self.combos[column_index]
        combo.setCurrentIndex(max(combo.findData(field), 0))

    def _changed(self) -> None:
        mapping = self.chosen()
        try:
            check_mapping(mapping)
        except KisdeskError as exc:
            self.message.show_error(describe(exc))
        else:
            self.message.clear_message()
        wizard = self.wiz()
        if mapping != wizard.mapping:
            wizard.mapping = mapping
            wizard.preview = None
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        return self.message.kind != "error" and bool(self.combos)
