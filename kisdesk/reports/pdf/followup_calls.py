"""The call list of follow-up checkpoints (lista kontaktów kontrolnych) for a month:
who to call, the phone, when the period ended, the outcome so far, and room to write the
result down by hand before typing it in (docs/outcomes.md)."""

from __future__ import annotations

import os

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from kisdesk.i18n import tr
from kisdesk.messages.outcomes import OUTCOME_LABELS
from kisdesk.reports.pdf.blocks import cell, grid_table, head, letterhead, para, signatures
from kisdesk.reports.pdf.layout import LANDSCAPE, Section, SectionInfo, build, text_width
from kisdesk.reports.pdf.styles import styles
from kisdesk.services.documents_common import short_date
from kisdesk.services.outcomes import CallListData

# Lp., no., person, phone, end, checkpoint, due, outcome so far, result, kind, note
WIDTHS = (0.04, 0.05, 0.16, 0.11, 0.08, 0.07, 0.08, 0.12, 0.11, 0.09, 0.09)


def story(data: CallListData) -> list[Flowable]:
    st = styles()
    width = text_width(LANDSCAPE)
    title = tr("LISTA KONTAKTÓW KONTROLNYCH – {m}").format(m=data.month_label)
    rows: list[list[object]] = [
        [
            head(tr("Lp.")),
            head(tr("Nr")),
            head(tr("Uczestnik")),
            head(tr("Telefon")),
            head(tr("Koniec udziału")),
            head(tr("Po (mies.)")),
            head(tr("Termin")),
            head(tr("Wynik dotąd")),
            head(tr("Pracuje / nie / brak kontaktu")),
            head(tr("Rodzaj pracy")),
            head(tr("Data, uwagi")),
        ]
    ]
    for i, r in enumerate(data.rows, 1):
        kind = data.outcomes.get(r.participation_id)
        rows.append(
            [
                str(i),
                str(r.id),
                cell(r.name),
                cell(r.phone or tr("brak telefonu")),
                short_date(r.end_on) if r.end_on else "",
                str(r.checkpoint_months),
                short_date(r.due),
                cell(OUTCOME_LABELS.get(kind or "", "")),
                "",
                "",
                "",
            ]
        )
    if not data.rows:
        rows.append(["", "", cell(tr("brak kontaktów do wykonania")), *[""] * 8])
    table = grid_table(
        rows,
        [width * w for w in WIDTHS],
        extra=[
            ("ALIGN", (0, 1), (1, -1), "CENTER"),
            ("ALIGN", (4, 1), (6, -1), "CENTER"),
            ("TOPPADDING", (0, 1), (-1, -1), 7),
            ("BOTTOMPADDING", (0, 1), (-1, -1), 7),
        ],
    )
    return [
        Section(
            SectionInfo(footer=title, running_title=title),
            label=title,
        ),
        letterhead(data.header, "", width, compact=True),
        Spacer(1, 4 * mm),
        para(title, st.form_title),
        para(
            tr(
                "Kontakty z terminem w tym miesiącu i zaległe. Wynik rozmowy wpisz do programu "
                "(Pulpit → Kontakty kontrolne albo: kisdesk followup record NR)."
            ),
            st.note_center,
        ),
        Spacer(1, 3 * mm),
        table,
        signatures([], [tr("(podpis osoby dzwoniącej)")], width, stamp_room=10 * mm),
    ]


def render(data: CallListData, path: str | os.PathLike[str]) -> None:
    build(path, story(data), pagesize=LANDSCAPE, title=tr("Lista kontaktów kontrolnych"))
