"""The preview and result pages of the participant import wizard: every row with its
problems before anything is written, then what happened to each row."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget, QWizard
from sqlalchemy.orm import Session

from kisdesk.errors import KisdeskError
from kisdesk.messages import describe
from kisdesk.services import imports
from kisdesk.services.imports_mapping import remember_mapping
from kisdesk.ui.dialogs.import_pages import _Page
from kisdesk.ui.ops import Progress
from kisdesk.ui.table_models.document_import import (
    PROBLEMS_COLUMN,
    PreviewModel,
    ResultLine,
    ResultModel,
    issue_text,
    issues_text,
    lost_zero,
)
from kisdesk.ui.widgets.participant_fields import FieldMessage
from kisdesk.ui.widgets.participant_labels import plural
from kisdesk.ui.widgets.table import fit_columns, make_table


class PreviewPage(_Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Sprawdzenie wierszy"))
        self.setSubTitle(
            self.tr(
                "Każdy wiersz pliku i jego problemy. Wiersze z błędami (na czerwono) nie zostaną "
                "wczytane – popraw je w pliku i zaimportuj go jeszcze raz; osoby już wczytane "
                "zostaną wtedy rozpoznane jako istniejące."
            )
        )
        self.setCommitPage(True)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.fix_zeros = QCheckBox(self)
        self.fix_zeros.toggled.connect(self._fix_toggled)
        layout.addWidget(self.fix_zeros)
        self.only_errors = QCheckBox(self.tr("Pokaż tylko wiersze z błędami"), self)
        self.only_errors.toggled.connect(lambda _c: self._show_rows())
        layout.addWidget(self.only_errors)
        self.model = PreviewModel(self)
        self.table = make_table(self.model, state_key="import_preview", parent=self, sortable=False)
        layout.addWidget(self.table, 1)
        self.details = details_label(self)
        layout.addWidget(self.details)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._show_details(current.row())
        )
        self.message = FieldMessage(self)
        layout.addWidget(self.message)
        self._running = False
        self._in_validate = False

    # -- the preview (nothing written) --------------------------------------------------------
    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        wizard = self.wiz()
        if wizard.preview is None:
            self.run_preview()
        else:
            self._show_preview()

    def run_preview(self) -> None:
        wizard = self.wiz()
        file, mapping, fix = wizard.file, dict(wizard.mapping), wizard.fix_zeros
        assert file is not None
        wizard.preview = None
        self.model.set_rows([])
        self.summary.setText(self.tr("Sprawdzanie wierszy…"))
        self.completeChanged.emit()

        def work(session: Session, progress: Progress) -> imports.ImportPreview:
            progress(0, 0, "")
            return imports.preview_import(session, file, mapping, fix)

        wizard.ops.run_background(
            self,
            work,
            title=self.tr("Sprawdzanie wierszy…"),
            write=False,
            on_success=self._previewed,
            on_error=self._failed,
        )

    def _previewed(self, preview: imports.ImportPreview) -> None:
        self.wiz().preview = preview
        self._show_preview()

    def _failed(self, error: KisdeskError) -> None:
        self._running = False
        self.message.show_error(describe(error))
        self.completeChanged.emit()

    def _show_preview(self) -> None:
        preview = self.wiz().preview
        assert preview is not None
        ok, bad = preview.ok_count, preview.error_count
        self.summary.setText(
            self.tr("Sprawdzono {n} {rows}: {ok} bez błędów, {bad} z błędami.").format(
                n=len(preview.rows),
                rows=plural(
                    len(preview.rows), self.tr("wiersz"), self.tr("wiersze"), self.tr("wierszy")
                ),
                ok=ok,
                bad=bad,
            )
        )
        zeros = [r.row for r in preview.rows if lost_zero(r)]
        fixed = [
            r.row
            for r in preview.rows
            if any(w.code == "import.pesel_zero_restored" for w in r.warnings)
        ]
        self.fix_zeros.blockSignals(True)
        self.fix_zeros.setChecked(self.wiz().fix_zeros)
        self.fix_zeros.blockSignals(False)
        self.fix_zeros.setVisible(bool(zeros or fixed))
        rows_text = ", ".join(str(r) for r in (zeros or fixed)[:12])
        self.fix_zeros.setText(
            self.tr(
                "Uzupełnij zero z przodu w PESEL-ach, które Excel skrócił do 10 cyfr "
                "(wiersze: {rows})"
            ).format(rows=rows_text)
        )
        self.setButtonText(
            QWizard.WizardButton.CommitButton,
            self.tr("Importuj {n} {rows}").format(
                n=ok,
                rows=plural(
                    ok,
                    self.tr("poprawny wiersz"),
                    self.tr("poprawne wiersze"),
                    self.tr("poprawnych wierszy"),
                ),
            ),
        )
        self._show_rows()
        self.completeChanged.emit()

    def _show_rows(self) -> None:
        preview = self.wiz().preview
        rows = preview.rows if preview is not None else []
        if self.only_errors.isChecked():
            rows = [r for r in rows if r.errors]
        self.model.set_rows(rows)
        fit_columns(self.table, maximum=220, force=True)
        self.table.horizontalHeader().resizeSection(PROBLEMS_COLUMN, 330)
        first_error = next((i for i, r in enumerate(rows) if r.errors), 0 if rows else -1)
        if first_error >= 0:
            self.table.selectRow(first_error)
        self._show_details(first_error)

    def _show_details(self, index: int) -> None:
        row = self.model.rows()[index] if 0 <= index < self.model.rowCount() else None
        if row is None or not (row.errors or row.warnings):
            self.details.setText("")
            return
        self.details.setText(
            self.tr("Wiersz {row}: {problems}").format(row=row.row, problems=issues_text(row))
        )

    def _fix_toggled(self, checked: bool) -> None:
        self.wiz().fix_zeros = checked
        self.run_preview()

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        preview = self.wiz().preview
        return preview is not None and preview.ok_count > 0 and not self._running

    # -- the import (after the user's confirmation) -------------------------------------------
    def validatePage(self) -> bool:  # noqa: N802 (Qt override)
        wizard = self.wiz()
        if wizard.import_result is not None:
            return True
        if self._running or wizard.file is None:
            return False
        file, mapping, fix = wizard.file, dict(wizard.mapping), wizard.fix_zeros

        def work(session: Session, progress: Progress) -> imports.ImportResult:
            progress(0, 0, "")
            return imports.run_import(session, file, mapping, fix)

        self._running = True
        self._in_validate = True
        self.completeChanged.emit()
        try:
            wizard.ops.run_background(
                self,
                work,
                title=self.tr("Zapisywanie uczestników…"),
                write=True,
                on_success=self._imported,
                on_error=self._failed,
            )
        finally:
            self._in_validate = False
        return wizard.import_result is not None

    def _imported(self, result: imports.ImportResult) -> None:
        wizard = self.wiz()
        wizard.import_result = result
        self._running = False
        if wizard.file is not None:
            remember_mapping(wizard.file.columns, wizard.mapping)
        if not self._in_validate:
            QTimer.singleShot(0, wizard.next)


class ResultPage(_Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Wynik importu"))
        self.setSubTitle(
            self.tr(
                "Wczytane osoby są już na stronie Uczestnicy, każda z okresem uczestnictwa, "
                "jeśli plik podawał datę rozpoczęcia."
            )
        )
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = ResultModel(self)
        self.table = make_table(self.model, state_key="import_result", parent=self, sortable=False)
        layout.addWidget(self.table, 1)
        self.details = details_label(self)
        layout.addWidget(self.details)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._show_details(current.row())
        )

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        wizard = self.wiz()
        result = wizard.import_result
        assert result is not None
        names: dict[int, str] = {}
        if wizard.preview is not None:
            for r in wizard.preview.rows:
                if r.data is not None:
                    names[r.row] = f"{r.data.last_name} {r.data.first_name}".strip()
        lines = [
            ResultLine(
                res.row,
                names.get(res.row, ""),
                res.status,
                res.participant_id,
                " ".join(
                    [issue_text(e) for e in res.errors] + [issue_text(w) for w in res.warnings]
                ),
            )
            for res in result.rows
        ]
        self.model.set_rows(lines)
        fit_columns(self.table, maximum=220, force=True)
        first = next((i for i, line in enumerate(lines) if line.messages), -1)
        if first >= 0:
            self.table.selectRow(first)
        self._show_details(first)
        text = self.tr("Wczytano {n} {people}.").format(
            n=result.imported,
            people=plural(result.imported, self.tr("osobę"), self.tr("osoby"), self.tr("osób")),
        )
        skipped = result.errors + result.skipped
        if skipped:
            text += " " + self.tr(
                "Pominięto {n} {rows} – popraw je w pliku i zaimportuj ponownie."
            ).format(
                n=skipped,
                rows=plural(skipped, self.tr("wiersz"), self.tr("wiersze"), self.tr("wierszy")),
            )
        self.summary.setText(text)

    def _show_details(self, index: int) -> None:
        rows = self.model.rows()
        line = rows[index] if 0 <= index < len(rows) else None
        self.details.setText(
            self.tr("Wiersz {row}: {text}").format(row=line.row, text=line.messages)
            if line is not None and line.messages
            else ""
        )


def details_label(parent: QWidget) -> QLabel:
    """The whole text of the chosen row's problems (the column shows only its start)."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setMinimumHeight(label.fontMetrics().height() * 3)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
