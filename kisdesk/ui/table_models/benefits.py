"""The rows of the "Świadczenia" page: one per participation period of the month."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QColor

from kisdesk.services.benefits import BenefitRow, money_pl
from kisdesk.ui.table_models.base import RIGHT, Column, RowTableModel

LOST = QColor("#f8d7da")


def _t(text: str) -> str:
    return QCoreApplication.translate("BenefitModel", text)


def _why(row: BenefitRow) -> str:
    return "\n".join(row.why)


def _money(value: Decimal) -> str:
    return money_pl(value)


def _days_and_money(days: int, amount: Decimal) -> str:
    return f"{days} / {money_pl(amount)}" if days else "—"


class BenefitModel(RowTableModel[BenefitRow]):
    # "L4 1/40" and "L4 ponad limit": hidden from an actor without health access (RODO art. 9)
    SICK_COLUMNS = (5, 6)

    def __init__(self, parent: QObject | None = None) -> None:
        cols: tuple[Column[BenefitRow], ...] = (
            Column(_t("Uczestnik"), lambda r: r.name, tooltip=_why),
            Column(_t("Dni"), lambda r: r.result.days, align=RIGHT, tooltip=_why),
            Column(
                _t("Próbny"),
                lambda r: r.result.trial_days or "—",
                sort=lambda r: r.result.trial_days,
                align=RIGHT,
                tooltip=_why,
                header_tip=_t("Dni okresu próbnego w miesiącu"),
            ),
            Column(
                _t("Za dni udziału"),
                lambda r: _money(r.result.base),
                sort=lambda r: float(r.result.base),
                align=RIGHT,
                tooltip=_why,
            ),
            Column(
                _t("Nieuspraw."),
                lambda r: _t("utrata świadczenia")
                if r.result.forfeited
                else _days_and_money(r.result.unexcused_days, r.result.unexcused_deduction),
                sort=lambda r: r.result.unexcused_days,
                align=RIGHT,
                tooltip=_why,
                background=lambda r: LOST if r.result.forfeited else None,
                header_tip=_t("Dni nieusprawiedliwione / potrącenie 1/20 (art. 15 ust. 7)"),
            ),
            Column(
                _t("L4 1/40"),
                lambda r: _days_and_money(
                    r.result.sick_days - r.result.sick_unpaid_days, r.result.sick_deduction
                ),
                sort=lambda r: r.result.sick_days,
                align=RIGHT,
                tooltip=_why,
                header_tip=_t("Dni L4 po okresie próbnym / potrącenie 1/40 (art. 15 ust. 7a)"),
            ),
            Column(
                _t("L4 ponad limit"),
                lambda r: _days_and_money(
                    r.result.sick_unpaid_days, r.result.sick_unpaid_deduction
                ),
                sort=lambda r: r.result.sick_unpaid_days,
                align=RIGHT,
                tooltip=_why,
                header_tip=_t("Dni choroby ponad limit / potrącenie (art. 15 ust. 7a)"),
            ),
            Column(_t("Dni wolne"), lambda r: r.result.days_off, align=RIGHT, tooltip=_why),
            Column(
                _t("Do wypłaty"),
                lambda r: _money(r.result.amount),
                sort=lambda r: float(r.result.amount),
                align=RIGHT,
                tooltip=_why,
                bold=lambda r: True,
            ),
            Column(
                _t("Premia"),
                lambda r: _money(r.result.premium),
                sort=lambda r: float(r.result.premium),
                align=RIGHT,
                tooltip=lambda r: r.premium_reason or None,
            ),
            Column(
                _t("Skł. emeryt."),
                lambda r: _money(r.result.contribution_pension),
                sort=lambda r: float(r.result.contribution_pension),
                align=RIGHT,
            ),
            Column(
                _t("Skł. rentowa"),
                lambda r: _money(r.result.contribution_disability),
                sort=lambda r: float(r.result.contribution_disability),
                align=RIGHT,
            ),
        )
        super().__init__(cols, parent)
