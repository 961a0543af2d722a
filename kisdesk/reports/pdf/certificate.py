"""Certificates: of ending participation and of graduate status (docs/domain.md#documents).

Drawn only from CertificateData – the register's snapshot – so a reprint is the same page.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle
from reportlab.platypus.flowables import KeepTogether

from kisdesk.i18n import tr
from kisdesk.reports.pdf.blocks import esc, letterhead, para, place_date, rich, signatures
from kisdesk.reports.pdf.fonts import SERIF, SERIF_BOLD
from kisdesk.reports.pdf.layout import PORTRAIT, Progress, Section, SectionInfo, build, text_width
from kisdesk.reports.pdf.styles import GRID, HEAD_FILL, TOTAL_FILL, styles
from kisdesk.rules.hours import format_hours
from kisdesk.services.documents_common import short_date
from kisdesk.services.documents_data import CertificateData


def _hours_table(data: CertificateData, width: float) -> Table:
    """Forms of support with their hours. Cells are plain strings drawn in the table's own
    font (reportlab draws those directly); only a form name too long for its column becomes a
    wrapping Paragraph — a table of paragraphs made bulk printing several times slower."""
    st = styles()
    name_width = width * 0.78 - 12  # the column less its left and right padding
    indent = "    "

    def form_name(text: str) -> object:
        if "\n" not in text and stringWidth(indent + text, SERIF, 10.5) <= name_width:
            return indent + text
        return rich("&nbsp;&nbsp;&nbsp;" + esc(text), st.cert_cell)

    rows: list[list[object]] = [[tr("Forma wsparcia"), tr("Liczba godzin")]]
    bold_rows = [0]
    commands: list[tuple[object, ...]] = []
    for area in dict.fromkeys(r.area for r in data.hours):
        items = [r for r in data.hours if r.area == area]
        subtotal = format_hours(sum(r.minutes for r in items), data.hour_minutes)
        start = len(rows)
        rows.append([items[0].area_label, subtotal])
        bold_rows.append(start)
        commands.append(("BACKGROUND", (0, start), (-1, start), TOTAL_FILL))
        if data.kind == "graduate_certificate":
            # Hours by area only: the forms are on the certificate of ending it names, and
            # the conditions of art. 2 pkt 1a–1b keep the status on one page.
            continue
        for r in items:
            rows.append([form_name(r.form), r.hours])
    if not data.hours:
        rows.append([tr("brak zarejestrowanych godzin obecności"), "0,00"])
    bold_rows.append(len(rows))
    rows.append([tr("Razem"), data.total_hours])
    table = Table(rows, colWidths=[width * 0.78, width * 0.22], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SERIF, 10.5, 13),
                *[("FONT", (0, r), (-1, r), SERIF_BOLD, 10.5, 13) for r in bold_rows],
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
                *commands,
            ]
        )
    )
    return table


def story(data: CertificateData, tight: bool = False) -> list[Flowable]:
    """The flowables of one certificate (a page, or more when the table is long); `tight`
    narrows the white space between its parts (see `render`)."""
    st = styles()
    gap = 0.6 if tight else 1.0
    width = text_width(PORTRAIT)
    footer = tr("Zaświadczenie nr {n}").format(n=data.number)
    out: list[Flowable] = [
        Section(
            SectionInfo(
                footer=footer,
                running_title=f"{footer} – {data.person_name}",
                watermark=tr("DUPLIKAT") if data.duplicate_on else "",
            ),
            label=data.person_name,
        ),
        letterhead(data.header, place_date(data.place, data.issued_on), width),
        Spacer(1, 7 * gap * mm),
        para(data.title, st.title),
        para(tr("nr {n}").format(n=data.number), st.number),
        Spacer(1, 2 * gap * mm),
        para(data.subtitle, st.subtitle),
        Spacer(1, 2 * gap * mm),
        para(data.legal_basis, st.basis_line),
    ]
    if data.duplicate_on:
        out += [
            Spacer(1, 3 * gap * mm),
            para(
                tr("DUPLIKAT wydany dnia {d} r.").format(d=short_date(data.duplicate_on)),
                st.duplicate,
            ),
        ]
    out += [
        Spacer(1, 5 * gap * mm),
        para(data.intro, st.body_left),
        Spacer(1, 3 * gap * mm),
        para(f"{data.person_title} {data.person_name}", st.name),
        para(f"{data.person_id_label}: {data.person_id}", st.body_center),
        Spacer(1, 4 * gap * mm),
        para(data.body, st.body),
    ]
    if data.basis:
        out += [Spacer(1, 2 * gap * mm), para(data.basis, st.body)]
    if data.end_reason:
        out += [
            Spacer(1, 2 * gap * mm),
            rich(
                esc(tr("Przyczyna zakończenia uczestnictwa:")) + " " + esc(data.end_reason) + ".",
                st.body,
            ),
        ]
    if data.outcome:
        out += [
            rich(
                esc(tr("Po zakończeniu uczestnictwa:")) + " " + esc(data.outcome) + ".",
                st.body,
            ),
        ]
    out += [
        Spacer(1, 4 * gap * mm),
        para(data.hours_intro, st.body_left),
        Spacer(1, 2 * gap * mm),
        _hours_table(data, width),
        para(data.hours_unit, st.note),
    ]
    if data.skills:
        out += [
            Spacer(1, 4 * gap * mm),
            KeepTogether([para(data.skills_label, st.body_left), para(data.skills, st.body_left)]),
        ]
    if data.statement:
        out += [Spacer(1, 3 * gap * mm), rich("<b>" + esc(data.statement) + "</b>", st.body_left)]
    if data.status_until:
        out += [rich("<b>" + esc(data.status_until) + "</b>", st.body_left)]
    if data.override_note:  # in the small print of the conditions it qualifies: one page
        out += [Spacer(1, 1 * gap * mm), rich("<b>" + esc(data.override_note) + "</b>", st.small)]
    if data.conditions:
        # Art. 2 pkt 1a–1b: each condition named with its state on the day of issue.
        out += [Spacer(1, 1 * gap * mm), para(data.conditions_label, st.small)]
        out += [para(f"{i}. {text}", st.small) for i, text in enumerate(data.conditions, 1)]
    if data.opens:
        out += [
            Spacer(1, 1 * gap * mm),
            para(data.opens_label + " " + "; ".join(data.opens) + ".", st.small),
        ]
    if data.pup_note:
        out += [Spacer(1, 2 * gap * mm), para(data.pup_note, st.small)]
    out += [
        Spacer(1, 2 * gap * mm),
        KeepTogether(
            [
                signatures(
                    [
                        tr("(pieczęć podmiotu prowadzącego)")
                        if data.office_kind == "kis"
                        else tr("(pieczęć Centrum)")
                    ],
                    [data.signatory_name, data.signatory_role, tr("(pieczęć i podpis)")],
                    width,
                    stamp_room=(10 if tight else 16) * mm,
                ),
                Spacer(1, 5 * gap * mm),
                para(
                    tr("Potwierdzam odbiór zaświadczenia: data ……………………   podpis ……………………………………"),
                    st.small,
                ),
            ]
        ),
    ]
    return out


def render(data: CertificateData, path: str | os.PathLike[str]) -> None:
    """One certificate, on one page whenever its table allows: a long basis, outcome and
    a leader's override note pushed the signatures alone onto a second page, so such a
    certificate is drawn again with less white space between its parts."""
    title = tr("Zaświadczenie nr {n}").format(n=data.number)
    spilled = build(path, story(data), title=title) > 1
    if spilled and build(path, story(data, tight=True), title=title) > 1:
        build(path, story(data), title=title)  # a long table: more pages either way


def render_many(
    items: Sequence[CertificateData],
    path: str | os.PathLike[str],
    progress: Progress | None = None,
) -> None:
    """Several certificates in one PDF, each on its own pages (bulk printing)."""
    flow: list[Flowable] = []
    for i, data in enumerate(items):
        if i:
            flow.append(PageBreak())
        flow += story(data)
    build(
        path,
        flow,
        title=tr("Zaświadczenia ({n})").format(n=len(items)),
        progress=progress,
        total=len(items),
    )
