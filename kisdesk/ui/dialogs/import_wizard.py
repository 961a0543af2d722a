"""The participant import wizard (docs/domain.md#imports; kisdesk.services.imports):

1. the file (refused when too big, not an .xlsx or expanding too far),
2. which column is which field (proposed from the headers and the last confirmed mapping),
3. every row with its problems, "Importuj N poprawnych wierszy" — nothing is written before,
4. what happened to each row.

Reading, the preview and the import run off the GUI thread (a progress dialog for big files);
the import writes each good row whole (the person and the period) or not at all.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget, QWizard

from kisdesk.services.imports import ImportFile, ImportPreview, ImportResult
from kisdesk.ui.dialogs.import_pages import FilePage, MappingPage
from kisdesk.ui.dialogs.import_preview import PreviewPage, ResultPage
from kisdesk.ui.ops import Ops


class ImportWizard(QWizard):
    FILE, MAPPING, PREVIEW, RESULT = range(4)

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.file: ImportFile | None = None
        self.mapping: dict[int, str] = {}
        self.preview: ImportPreview | None = None
        self.fix_zeros = False
        self.import_result: ImportResult | None = None
        self.setWindowTitle(self.tr("Import uczestników z Excela"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        for button, text in (
            (QWizard.WizardButton.BackButton, self.tr("< Wstecz")),
            (QWizard.WizardButton.NextButton, self.tr("Dalej >")),
            (QWizard.WizardButton.CancelButton, self.tr("Anuluj")),
            (QWizard.WizardButton.FinishButton, self.tr("Zakończ")),
            (QWizard.WizardButton.CommitButton, self.tr("Importuj")),
        ):
            self.setButtonText(button, text)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.result_page = ResultPage(self)
        self.setPage(self.FILE, self.file_page)
        self.setPage(self.MAPPING, self.mapping_page)
        self.setPage(self.PREVIEW, self.preview_page)
        self.setPage(self.RESULT, self.result_page)
        self.resize(980, 640)

    def reset_after_file(self) -> None:
        """A different file or sheet: the mapping and the preview start again."""
        self.mapping = dict(self.file.proposed) if self.file is not None else {}
        self.preview = None
        self.fix_zeros = False
