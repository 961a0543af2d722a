"""Workbook for the accountant: the month's list of świadczenia integracyjne (art. 15, 15a)."""

from __future__ import annotations

import os
from pathlib import Path

from kisdesk.i18n import tr
from kisdesk.reports.xlsx.common import Column, SheetWriter, new_workbook, save_atomic, yes_no
from kisdesk.services.benefits import BenefitList, money_pl

COLUMNS = (
    Column(tr("Nr uczestnika"), "int", 10),
    Column(tr("Nazwisko i imię"), "text", 26),
    Column(tr("Dni udziału"), "int", 8),
    Column(tr("W tym okres próbny"), "int", 9),
    Column(tr("Kwota za dni udziału"), "money", 12),
    Column(tr("Dni nieusprawiedliwione"), "int", 10),
    Column(tr("Potrącenie 1/20"), "money", 11),
    Column(tr("Utrata świadczenia (>3 dni)"), "text", 10),
    Column(tr("Dni L4 po okresie próbnym"), "int", 10),
    Column(tr("Dni L4 wcześniej w okresie"), "int", 10),
    Column(tr("Potrącenie L4 1/40"), "money", 11),
    Column(tr("Dni L4 ponad limit"), "int", 9),
    Column(tr("Potrącenie L4 ponad limit"), "money", 11),
    Column(tr("Dni wolne"), "int", 8),
    Column(tr("Świadczenie do wypłaty"), "money", 13),
    Column(tr("Premia (art. 15a)"), "money", 11),
    Column(tr("Składka emerytalna"), "money", 11),
    Column(tr("Składka rentowa"), "money", 11),
    Column(tr("Razem do refundacji"), "money", 13),
)
SICK_COLUMNS = slice(8, 13)  # the five sick-leave columns
# Sick leave withheld from an actor without health access (RODO art. 9): one neutral column.
HIDDEN_COLUMNS = (
    *COLUMNS[: SICK_COLUMNS.start],
    Column(tr("Potrącenie – inne nieobecności usprawiedliwione"), "money", 14),
    *COLUMNS[SICK_COLUMNS.stop :],
)


def render(data: BenefitList, office_name: str, path: str | os.PathLike[str]) -> Path:
    wb = new_workbook()
    heading = [
        tr("Lista świadczeń integracyjnych – {month}").format(month=data.key),
        office_name,
        tr("Stawka miesiąca: {rate} zł (art. 15 ust. 4)").format(rate=money_pl(data.rate)),
    ]
    hidden = data.health_hidden
    sheet_columns = HIDDEN_COLUMNS if hidden else COLUMNS
    sheet = SheetWriter(wb, data.key, sheet_columns, heading)
    sheet.set_filter(len(data.rows))
    for row in data.rows:
        r = row.result
        sheet.row(
            (
                row.participant_id,
                row.name,
                r.days,
                r.trial_days,
                r.base,
                r.unexcused_days,
                r.unexcused_deduction,
                yes_no(r.forfeited),
                *(
                    (r.sick_deduction,)
                    if hidden
                    else (
                        r.sick_days,
                        r.sick_days_before,
                        r.sick_deduction,
                        r.sick_unpaid_days,
                        r.sick_unpaid_deduction,
                    )
                ),
                r.days_off,
                r.amount,
                r.premium,
                r.contribution_pension,
                r.contribution_disability,
                r.amount + r.contribution_pension + r.contribution_disability,
            )
        )
    t = data.totals
    sheet.row(
        (
            None,
            tr("Razem"),
            *([None] * (len(sheet_columns) - 7)),
            t["amount"],
            t["premium"],
            t["contribution_pension"],
            t["contribution_disability"],
            t["amount"] + t["contribution_pension"] + t["contribution_disability"],
        ),  # fmt: skip
        bold=True,
    )
    sheet.finish(
        (
            tr(
                "Kwoty liczone dokładnie i zaokrąglone raz do grosza; składki od świadczenia "
                "wypłaconego. Premia ze środków własnych CIS – poza refundacją (art. 15 ust. 8)."
            ),
        )
    )
    return save_atomic(wb, path)
