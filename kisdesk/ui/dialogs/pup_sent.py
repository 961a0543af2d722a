"""The date a CIS certificate went to the powiatowy urząd pracy (art. 13 ust. 5a; URP
art. 199; docs/participant-path.md): once recorded, the dashboard stops reminding."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLineEdit, QWidget

from kisdesk.services.documents import IssuedRow, record_pup_sent
from kisdesk.ui.ops import Ops
from kisdesk.ui.widgets.forms import FormDialog
from kisdesk.ui.widgets.participant_fields import OptionalDateEdit
from kisdesk.ui.widgets.participant_labels import fmt_date

FIELDS = {"document.pup_before_issue": "on", "document.pup_not_required": "on"}


class PupSentDialog(FormDialog):
    def __init__(self, ops: Ops, document: IssuedRow, parent: QWidget | None = None) -> None:
        super().__init__(
            ops,
            self.tr("Przekazanie zaświadczenia {n} do PUP").format(n=document.number),
            None,
            parent,
        )
        self.document = document
        self.on = OptionalDateEdit(self, today_button=True)
        self.on.set_date(dt.date.today())
        self.office = QLineEdit(self)
        self.office.setPlaceholderText(self.tr("np. Powiatowy Urząd Pracy w Trzebnicy"))
        self.add_row(self.tr("&Przekazano dnia"), "on", self.on)
        self.add_row(self.tr("&Urząd"), "office", self.office)
        self.finish(
            self.tr(
                "Zaświadczenie {n} z {d} dla: {name}. Centrum przekazuje je do powiatowego urzędu "
                "pracy, gdy uczestnik był długotrwale bezrobotny albo skierował go urząd."
            ).format(n=document.number, d=fmt_date(document.issued_on), name=document.person_name),
            min_width=480,
        )

    def save(self) -> None:
        self.errors.clear()
        on = self.on.date()
        if on is None:
            self.errors.show("on", self.tr("Podaj datę przekazania (DD.MM.RRRR)."))
            return
        doc_id, office = self.document.id, self.office.text()
        self.submit(lambda s: record_pup_sent(s, doc_id, on, office).id, FIELDS)
