"""The "Druki" tab: forms to the voivode and the working papers of a group's month.

On the left the list of printouts (by what they are for), on the right the chosen one's
parameters and "Utwórz PDF…": draw → save as → open.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kisdesk.services.office import office_kind
from kisdesk.ui.dialogs import print as printing
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.base import Navigate
from kisdesk.ui.pages.documents_common import heading
from kisdesk.ui.pages.documents_form_panels import (
    ActivityListPanel,
    AnnualReportPanel,
    CardPanel,
    DayListPanel,
    GroupPanel,
    OfficeFormPanel,
    Panel,
)
from kisdesk.ui.widgets.participant_fields import INFO_STYLE

KEY_ROLE = Qt.ItemDataRole.UserRole


class FormsTab(QWidget):
    def __init__(self, ops: Ops, navigate: Navigate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.cis = ops.read(office_kind) == "cis"
        self.panels: dict[str, Panel] = {}
        self.list = QListWidget(self)
        self.list.setObjectName("forms_list")
        self.stack = QStackedWidget(self)
        self.title = heading("")
        self.create_button = QPushButton(self.tr("Utwórz PDF…"), self)
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.produce)
        self.refused = QLabel(self)
        self.refused.setObjectName("formsRefused")
        self.refused.setWordWrap(True)
        self.refused.setStyleSheet(INFO_STYLE)
        self.refused.hide()

        self._section(self.tr("Dla wojewody"))
        if self.cis:
            self._add(
                "cis-application",
                OfficeFormPanel(
                    ops,
                    "cis_application",
                    self.tr("Wniosek o przyznanie statusu CIS"),
                    self.tr(
                        "Wniosek do wojewody o przyznanie statusu centrum integracji "
                        "społecznej (art. 4 ust. 2 ustawy). Program wpisuje dane instytucji "
                        "tworzącej, placówki i kadry; pozostałe punkty wypełnia się ręcznie."
                    ),
                    navigate,
                    self,
                ),
            )
            self._add(
                "annual-report",
                AnnualReportPanel(
                    ops,
                    "cis_annual_report",
                    self.tr("Sprawozdanie roczne CIS"),
                    self.tr(
                        "Sprawozdanie centrum integracji społecznej (wzór: Dz.U. 2017 poz. 97), "
                        "wyliczone z danych programu. Dotacje i plan finansowy uzupełnia się "
                        "ręcznie."
                    ),
                    self,
                ),
            )
        else:
            self._add(
                "register",
                OfficeFormPanel(
                    ops,
                    "register_form",
                    self.tr("Zgłoszenie do rejestru KIS"),
                    self.tr(
                        "Zgłoszenie klubu do rejestru prowadzonego przez wojewodę (art. 18a "
                        "ust. 2–3; wzór: Dz.U. 2012 poz. 513), z danymi z Ustawień. Drukuje się "
                        "je także po zmianie danych, np. adresu klubu."
                    ),
                    navigate,
                    self,
                ),
            )
            self._add(
                "closing",
                OfficeFormPanel(
                    ops,
                    "closing_notice",
                    self.tr("Zgłoszenie zaprzestania prowadzenia klubu"),
                    self.tr(
                        "Pismo do wojewody w terminie 30 dni od zaprzestania prowadzenia klubu "
                        "(art. 18a ust. 4). Bez wpisanej daty zaprzestania w danych placówki "
                        "zostaje w piśmie miejsce na wpisanie jej ręcznie."
                    ),
                    navigate,
                    self,
                ),
            )
            self._add(
                "annual-report",
                AnnualReportPanel(
                    ops,
                    "annual_report",
                    self.tr("Sprawozdanie roczne dla wojewody"),
                    self.tr(
                        "Sprawozdanie z działalności klubu za rok (art. 18a ust. 6): kadra, "
                        "uczestnicy według kategorii z art. 1, efekty reintegracji, zajęcia. "
                        "Liczby wylicza program; dotacje uzupełnia się ręcznie."
                    ),
                    self,
                ),
            )
        self._section(self.tr("Obecności i dziennik"))
        self._add(
            "attendance-list",
            ActivityListPanel(
                ops,
                self.tr("Lista obecności na zajęcia"),
                self.tr(
                    "Lista do podpisu na jedne zajęcia: nazwiska uczestników, kolumna na podpis "
                    "i wolne wiersze."
                ),
                self,
            ),
        )
        self._add(
            "day-list",
            DayListPanel(
                ops,
                self.tr("Lista obecności na dzień"),
                self.tr(
                    "Jedna lista na wszystkie zajęcia grupy w danym dniu, z kolumną podpisu "
                    "dla każdych zajęć."
                ),
                self,
            ),
        )
        self._add(
            "month-lists",
            GroupPanel(
                ops,
                self.tr("Listy obecności na cały miesiąc"),
                self.tr("Osobna lista na każde zajęcia grupy w miesiącu, w jednym pliku."),
                self,
                lambda p, o, g, y, m: printing.print_month_lists(
                    p, o, g, y, m, self._spare("month-lists")
                ),
                spare=True,
            ),
        )
        self._add(
            "attendance-sheet",
            GroupPanel(
                ops,
                self.tr("Miesięczna lista obecności"),
                self.tr(
                    "Uczestnicy × dni zajęć grupy: obecności, godziny w miesiącu, wymagane "
                    "minimum i czy zostało spełnione."
                ),
                self,
                printing.print_attendance_sheet,
            ),
        )
        self._add(
            "journal",
            GroupPanel(
                ops,
                self.tr("Dziennik zajęć"),
                self.tr(
                    "Dziennik zajęć grupy za miesiąc: data, godziny, temat, forma, "
                    "prowadzący, liczba obecnych."
                ),
                self,
                printing.print_journal,
            ),
        )
        self._section(self.tr("Uczestnik"))
        self._add(
            "counselling-card",
            CardPanel(
                ops,
                self.tr("Karta doradztwa indywidualnego"),
                self.tr(
                    "Spotkania indywidualne uczestnika. Notatki z rozmów drukują się tylko "
                    "osobom uprawnionym do ich czytania."
                ),
                self,
            ),
        )

        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addWidget(self.stack)
        bottom = QHBoxLayout()
        bottom.addWidget(self.create_button)
        bottom.addStretch(1)
        right.addLayout(bottom)
        right.addWidget(self.refused)
        right.addStretch(1)  # the button right under the parameters, not at the window's foot
        layout = QHBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(right, 1)
        bold = QFont(self.list.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)  # headings are bold: measure every line as if bold
        width = max(
            metrics.horizontalAdvance(self.list.item(i).text()) for i in range(self.list.count())
        )
        self.list.setFixedWidth(max(width + 40, 240))
        self.list.currentItemChanged.connect(lambda item, _prev: self._show(item))
        self.select("annual-report")

    # -- building -----------------------------------------------------------------------------
    def _section(self, text: str) -> None:
        item = QListWidgetItem(text)
        font = QFont(self.list.font())
        font.setBold(True)
        item.setFont(font)
        # a heading: shown in the normal colour, but it cannot be chosen
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setSizeHint(QSize(0, self.list.fontMetrics().height() + 16))
        self.list.addItem(item)

    def _add(self, key: str, panel: Panel) -> None:
        item = QListWidgetItem("   " + panel.title)
        item.setData(KEY_ROLE, key)
        item.setSizeHint(QSize(0, self.list.fontMetrics().height() + 8))
        self.list.addItem(item)
        self.stack.addWidget(panel)
        self.panels[key] = panel

    def _spare(self, key: str) -> int:
        spin = getattr(self.panels[key], "spare", None)
        return spin.value() if spin is not None else 3

    # -- behaviour ----------------------------------------------------------------------------
    def _show(self, item: QListWidgetItem | None) -> None:
        key = item.data(KEY_ROLE) if item is not None else None
        panel = self.panels.get(key) if key else None
        if panel is None:
            return
        self.stack.setCurrentWidget(panel)
        self.title.setText(panel.title)
        panel.reload()
        # What the services would refuse is not offered (docs/domain.md#office): disabled, and why.
        reason = panel.refusal()
        self.create_button.setEnabled(not reason)
        self.create_button.setToolTip(reason)
        self.refused.setText(reason)
        self.refused.setVisible(bool(reason))

    def current_key(self) -> str | None:
        item = self.list.currentItem()
        return item.data(KEY_ROLE) if item is not None else None

    def current_panel(self) -> Panel | None:
        key = self.current_key()
        return self.panels.get(key) if key else None

    def select(self, key: str) -> bool:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(KEY_ROLE) == key:
                self.list.setCurrentItem(item)
                return True
        return False

    def refresh(self) -> None:
        panel = self.current_panel()
        if panel is not None:
            panel.reload()

    def produce(self) -> None:
        panel = self.current_panel()
        if panel is not None and not panel.refusal():
            panel.produce()
