"""The "Świadczenia" page of a CIS: the month's świadczenia integracyjne, premia and
contributions (art. 15, 15a), why each figure is what it is, the documents, and closing
the month (docs/benefit.md)."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.errors import KisdeskError
from kisdesk.messages import describe
from kisdesk.services import benefits, cis_duties, documents, documents_money, exports, months
from kisdesk.services.office import get_office, office_kind
from kisdesk.services.settings import SPECS, all_settings
from kisdesk.ui import files, signals
from kisdesk.ui.dialogs.premium_dialog import PremiumDialog
from kisdesk.ui.dialogs.rates_dialog import RatesDialog
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.base import Navigate, Page
from kisdesk.ui.table_models.benefits import BenefitModel
from kisdesk.ui.widgets.attendance_month_picker import MonthPicker, shift_month
from kisdesk.ui.widgets.forms import page_heading
from kisdesk.ui.widgets.month_close import MonthCloseButtons
from kisdesk.ui.widgets.participant_fields import FieldMessage
from kisdesk.ui.widgets.table import SortProxy, fit_columns, make_table, selected_row

RULE_KEYS = (
    "benefit_sick_limit_days",
    "benefit_sick_beyond_divisor",
    "benefit_sick_in_trial_reduces",
    "benefit_fractions_of_full_rate",
    "benefit_pension_percent",
    "benefit_disability_percent",
)


def _load(session: Session, year: int, month: int) -> tuple[Any, ...]:
    kind = office_kind(session)
    if kind != "cis":
        return kind, None, None, None
    try:
        data: benefits.BenefitList | None = benefits.benefit_list(session, year, month)
        problem = ""
    except KisdeskError as exc:
        data, problem = None, describe(exc)
    return kind, data, months.month_status(session, year, month), problem or all_settings(session)


class BenefitsPage(Page):
    name = "benefits"
    listens = frozenset(
        {
            signals.BENEFITS,
            signals.ATTENDANCE,
            signals.ACTIVITIES,
            signals.PARTICIPATIONS,
            signals.PARTICIPANTS,
            signals.SETTINGS,
            signals.OFFICE,
        }
    )

    def __init__(self, ops: Ops, navigate: Navigate | None = None, parent: QWidget | None = None):
        super().__init__(ops, navigate, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(self.title()))
        bar = QHBoxLayout()
        self.picker = MonthPicker(self)
        # Benefits are paid in arrears (art. 15 ust. 5): the page opens on last month.
        self.picker.set_month(
            *shift_month(dt.date.today().year, dt.date.today().month, -1), emit=False
        )
        self.status = QLabel(self)
        self.closing = MonthCloseButtons(ops, lambda: (self.picker.year, self.picker.month), self)
        self.close_button, self.reopen_button = (
            self.closing.close_button,
            self.closing.reopen_button,
        )
        bar.addWidget(self.picker)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.closing)
        layout.addLayout(bar)

        self.model = BenefitModel(self)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, state_key="benefits", parent=self)
        self.detail = QTextBrowser(self)
        self.detail.setOpenLinks(False)
        # Why each figure is what it is, and the rules with their settings (docs/domain.md#law-or-setting: the
        # program says which rule is the act's and which a setting, where it shows the rule).
        self.rules = ""
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([380, 240])
        layout.addWidget(split, 1)
        self.totals = QLabel(self)
        layout.addWidget(self.totals)

        buttons = QHBoxLayout()
        self.premium_button = QPushButton(self.tr("Premia…"), self)
        self.list_button = QPushButton(self.tr("Lista wypłat…"), self)
        self.refund_button = QPushButton(self.tr("Wniosek o refundację…"), self)
        self.export_button = QPushButton(self.tr("Arkusz dla księgowości…"), self)
        self.rates_button = QPushButton(self.tr("Stawki…"), self)
        self.programme_button = QPushButton(self.tr("Program zajęć…"), self)
        self.programme_button.setToolTip(self.tr("Miesięczny program zajęć (art. 14 ust. 1a)"))
        self.meals_button = QPushButton(self.tr("Lista posiłków…"), self)
        self.meals_button.setToolTip(self.tr("Posiłki według obecności (art. 14 ust. 4)"))
        for b in (self.premium_button, self.list_button, self.refund_button, self.export_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.programme_button, self.meals_button, self.rates_button):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        self.message = FieldMessage(self)
        layout.addWidget(self.message)

        self.picker.month_changed.connect(lambda _y, _m: self.refresh())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_detail())
        self.table.doubleClicked.connect(lambda _i: self.edit_premium())
        self.premium_button.clicked.connect(self.edit_premium)
        self.list_button.clicked.connect(lambda: self.print_document(documents_money.BENEFIT_LIST))
        self.refund_button.clicked.connect(lambda: self.print_document(documents_money.REFUND))
        self.export_button.clicked.connect(self.export)
        self.rates_button.clicked.connect(lambda: RatesDialog(self.ops, self).open())
        self.programme_button.clicked.connect(lambda: self.print_document("monthly_programme"))
        self.meals_button.clicked.connect(lambda: self.print_document("meal_list"))
        self.data: benefits.BenefitList | None = None
        self.closed = False
        self.leader = ops.db.actor.can(Permission.MANAGE_OFFICE) if ops.db.actor else True

    def title(self) -> str:
        return self.tr("Świadczenia")

    def open(self, **kwargs: Any) -> None:
        month = kwargs.get("month")
        if month:
            self.picker.set_month(*month)

    # -- data ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        year, month = self.picker.year, self.picker.month
        kind, data, status, extra = self.ops.read(lambda s: _load(s, year, month))
        self.data = data
        self.message.clear()
        if kind != "cis":
            self.model.set_rows([])
            self.message.show_info(
                self.tr("Świadczenia integracyjne wypłaca centrum integracji społecznej (CIS).")
            )
            self._enable(False)
            return
        if data is None:
            self.model.set_rows([])
            self.message.show_error(str(extra))
            self.closed = bool(status and status.closed)
            self._enable(False)
            return
        self.closed = status.closed
        self.model.set_rows(data.rows)
        for column in BenefitModel.SICK_COLUMNS:
            self.table.setColumnHidden(column, data.health_hidden)
        fit_columns(self.table)
        if status.closed:
            self.status.setText(
                self.tr("Miesiąc zamknięty ({who}) – tylko do odczytu").format(
                    who=status.closed_by or self.tr("kierownik")
                )
            )
        elif status.reopened_at is not None:
            self.status.setText(
                self.tr("Otwarty ponownie: {reason} – zmiany są w dzienniku zdarzeń").format(
                    reason=status.reopen_reason
                )
            )
        else:
            self.status.setText(self.tr("Miesiąc otwarty"))
        t = data.totals
        self.totals.setText(
            self.tr(
                "<b>Stawka {rate} zł.</b> Razem do wypłaty: <b>{amount} zł</b>; premie: {premium} zł; "
                "składki: emerytalna {p} zł, rentowa {d} zł; do refundacji: {refund} zł."
            ).format(
                rate=benefits.money_pl(data.rate),
                amount=benefits.money_pl(t["amount"]),
                premium=benefits.money_pl(t["premium"]),
                p=benefits.money_pl(t["contribution_pension"]),
                d=benefits.money_pl(t["contribution_disability"]),
                refund=benefits.money_pl(
                    t["amount"] + t["contribution_pension"] + t["contribution_disability"]
                ),
            )
        )
        settings = extra if isinstance(extra, dict) else {}
        self.rules = (
            "<p style='color:#5f6b76'>"
            + html.escape(self.tr("Reguły (art. 15 ustawy; ustawienia w Ustawienia → Reguły):"))
            + "<br>"
            + "<br>".join(
                html.escape(
                    f"• {SPECS[k].label}: {self._value(settings.get(k))} – {SPECS[k].basis}"
                )
                for k in RULE_KEYS
            )
            + "</p>"
        )
        self._enable(True)
        self._show_detail()

    def _value(self, value: Any) -> str:
        if isinstance(value, bool):
            return self.tr("tak") if value else self.tr("nie")
        return str(value).replace(".", ",")

    def _enable(self, ok: bool) -> None:
        self.closing.set_closed(self.closed, ok)
        self.rates_button.setEnabled(self.leader)
        self.premium_button.setEnabled(ok and self.leader and not self.closed)
        for b in (self.list_button, self.refund_button, self.export_button):
            b.setEnabled(ok)
        if self.closed:
            self.premium_button.setToolTip(self.tr("Miesiąc zamknięty – premii nie można zmieniać"))
        else:
            self.premium_button.setToolTip("")

    def _show_detail(self) -> None:
        row = selected_row(self.table)
        if row is None:
            text = html.escape(self.tr("Wybierz uczestnika, aby zobaczyć, skąd się biorą kwoty."))
            self.detail.setHtml(f"<p>{text}</p>" + self.rules)
            return
        lines = list(row.why)
        if row.premium_reason:
            lines.append(self.tr("Uzasadnienie premii: {reason}").format(reason=row.premium_reason))
        self.detail.setHtml(
            f"<p><b>{html.escape(row.name)}</b><br>"
            + "<br>".join(html.escape(line) for line in lines)
            + "</p>"
            + self.rules
        )

    # -- actions ------------------------------------------------------------------------------
    def edit_premium(self) -> None:
        row = selected_row(self.table)
        if row is None or self.data is None or self.closed or not self.leader:
            return
        dialog = PremiumDialog(
            self.ops,
            row.participant_id,
            row.name,
            self.data.year,
            self.data.month,
            row.result.premium,
            row.premium_reason,
            self.data.rate,
            self,
        )
        dialog.exec()

    def close_month(self) -> None:
        self.closing.close_month()

    def reopen_month(self, reason: str | None = None) -> None:
        self.closing.reopen_month(reason)

    def print_document(self, kind: str) -> None:
        year, month = self.picker.year, self.picker.month
        today = dt.date.today()

        def work(session: Session, progress: Any, path: Path) -> Any:
            if kind in documents_money.MONEY_KINDS:
                row = documents_money.issue(session, kind, year, month, today)
            else:
                build = (
                    cis_duties.programme_form
                    if kind == "monthly_programme"
                    else cis_duties.meal_list_form
                )
                row = documents.register_form(session, build(session, year, month, today))
            # reportlab and openpyxl are loaded when a file is written, not with the page
            # (docs/architecture.md#reads)
            from kisdesk.reports.pdf.documents import render as render_registered

            render_registered(kind, row.data, path)
            return row

        name = {
            documents_money.BENEFIT_LIST: "lista_wyplat",
            documents_money.REFUND: "wniosek_o_refundacje",
            "monthly_programme": "program_zajec",
            "meal_list": "lista_posilkow",
        }[kind]
        files.produce(
            self,
            self.ops,
            work,
            title=self.tr("Tworzenie dokumentu…"),
            name=files.file_name(name, months.month_key(year, month)),
            write=True,
        )

    def export(self) -> None:
        year, month = self.picker.year, self.picker.month

        def work(session: Session, progress: Any, path: Path) -> int:
            from kisdesk.reports.xlsx import benefits as benefits_xlsx  # openpyxl: only now

            data = benefits.benefit_export(session, year, month)
            benefits_xlsx.render(data, get_office(session).name, path)
            exports.record_export(session, "benefits", len(data.rows), month=data.key)
            return len(data.rows)

        files.produce(
            self,
            self.ops,
            work,
            title=self.tr("Tworzenie arkusza…"),
            name=files.file_name("swiadczenia", months.month_key(year, month), suffix=".xlsx"),
            suffix=".xlsx",
            write=True,
        )
