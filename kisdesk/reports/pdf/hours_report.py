"""The month's hours report (zestawienie godzin, docs/domain.md#month-end): each participant's
didactic hours against the monthly minimum (docs/domain.md#hours-minimum) and the shortfall,
for a group or the whole office, as sent to the OPS with the month's papers."""

from __future__ import annotations

import os

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from kisdesk.i18n import tr
from kisdesk.reports.pdf.blocks import cell, grid_table, head, letterhead, para, signatures
from kisdesk.reports.pdf.layout import PORTRAIT, Section, SectionInfo, build, text_width
from kisdesk.reports.pdf.styles import styles
from kisdesk.services.documents_common import short_date
from kisdesk.services.month_end import HoursReportData

# Lp., name, [group], attended, required, missing, status (parts of the width)
WITH_GROUP = (0.05, 0.25, 0.20, 0.11, 0.11, 0.11, 0.17)
WITHOUT_GROUP = (0.06, 0.40, 0.12, 0.12, 0.12, 0.18)


def story(data: HoursReportData) -> list[Flowable]:
    st = styles()
    width = text_width(PORTRAIT)
    title = f"{data.title} – {data.month_label}"
    header = [head(tr("Lp.")), head(tr("Nazwisko i imię"))]
    if data.show_group:
        header.append(head(tr("Grupa")))
    header += [
        head(tr("Godziny obecności")),
        head(tr("Wymagane minimum")),
        head(tr("Brakuje")),
        head(tr("Status")),
    ]
    rows: list[list[object]] = [header]
    offer_note = False
    for i, r in enumerate(data.rows, 1):
        status = r.status
        if r.offer_short:
            status += " *"
            offer_note = True
        row: list[object] = [str(i), cell(r.name)]
        if data.show_group:
            row.append(cell(r.group))
        row += [r.attended, r.required, r.missing, cell(status, bold=r.short)]
        rows.append(row)
    if not data.rows:
        rows.append(["", cell(tr("brak uczestników w tym miesiącu"))] + [""] * (len(header) - 2))
    first_hours = 3 if data.show_group else 2
    table = grid_table(
        rows,
        [width * w for w in (WITH_GROUP if data.show_group else WITHOUT_GROUP)],
        extra=[
            ("ALIGN", (0, 1), (0, -1), "CENTER"),
            ("ALIGN", (first_hours, 1), (first_hours + 2, -1), "RIGHT"),
        ],
    )
    summary = tr(
        "Minimum spełnione: {met} os.; niespełnione: {short} os.; w toku: {now} os."
    ).format(met=data.met, short=data.short, now=data.in_progress)
    out: list[Flowable] = [
        Section(
            SectionInfo(
                footer=tr("Zestawienie godzin – {s} – {m}").format(
                    s=data.scope, m=data.month_label
                ),
                running_title=f"{title} – {data.scope}",
            ),
            label=title,
        ),
        letterhead(
            data.header, tr("stan na {d} r.").format(d=short_date(data.as_of)), width, compact=True
        ),
        Spacer(1, 5 * mm),
        para(title, st.form_title),
        para(
            tr("Grupa: {g}").format(g=data.scope)
            if not data.show_group
            else data.scope.capitalize(),
            st.body_center,
        ),
        para(data.rule, st.note_center),
        Spacer(1, 3 * mm),
        table,
        Spacer(1, 2 * mm),
        para(summary, st.body),
    ]
    if offer_note:
        out.append(
            para(
                tr(
                    "* Zajęć zaplanowanych w miesiącu było mniej niż wymagane minimum – brak "
                    "wynika z oferty placówki, nie z nieobecności uczestnika."
                ),
                st.note,
            )
        )
    out.append(
        signatures(
            [tr("(sporządził/a – data i podpis)")],
            [tr("(zatwierdził/a – kierownik)")],
            width,
            stamp_room=12 * mm,
        )
    )
    return out


def render(data: HoursReportData, path: str | os.PathLike[str]) -> int:
    return build(path, story(data), title=tr("Zestawienie godzin"))
