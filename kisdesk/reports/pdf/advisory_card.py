"""Karta usług doradczych (docs/domain.md#kontrakt-ipzs, docs/domain.md#documents): contract, goals, support, reviews, outcome."""

from __future__ import annotations

import os

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from kisdesk.i18n import tr
from kisdesk.reports.pdf.blocks import cell, grid_table, head, letterhead, para
from kisdesk.reports.pdf.layout import PORTRAIT, Section, SectionInfo, build, text_width
from kisdesk.reports.pdf.styles import styles
from kisdesk.services.documents_path import AdvisoryCardData


def story(data: AdvisoryCardData) -> list[Flowable]:
    st = styles()
    width = text_width(PORTRAIT)
    title = tr("Karta usług doradczych – {name}").format(name=data.person_name)
    out: list[Flowable] = [
        Section(SectionInfo(footer=title, running_title=title), label=title),
        letterhead(data.header, "", width, compact=True),
        Spacer(1, 5 * mm),
        para(data.title, st.form_title),
        Spacer(1, 3 * mm),
        grid_table(
            [
                [cell(tr("Uczestnik"), bold=True), cell(data.person_name)],
                [cell(tr("Data urodzenia"), bold=True), cell(data.birth_date)],
                [cell(tr("Okres uczestnictwa"), bold=True), cell(data.period)],
            ],
            [width * 0.3, width * 0.7],
            header_rows=0,
        ),
        Spacer(1, 4 * mm),
        para(tr("1. Kontrakt socjalny / IPZS"), st.body_left),
    ]
    if data.contract:
        out.append(
            grid_table(
                [[cell(k, bold=True), cell(v)] for k, v in data.contract],
                [width * 0.3, width * 0.7],
                header_rows=0,
            )
        )
    else:
        out.append(para(tr("Nie zapisano kontraktu socjalnego ani IPZS dla tego okresu."), st.note))
    out += [Spacer(1, 3 * mm), para(tr("2. Cele i uzgodnione działania"), st.body_left)]
    goals = [[head(tr("Cel")), head(tr("Obszar")), head(tr("Odpowiada")), head(tr("Termin")),
              head(tr("Stan"))]]  # fmt: skip
    goals += [[cell(x) for x in g] for g in data.goals] or [[cell("—")] + [""] * 4]
    out.append(grid_table(goals, [width * w for w in (0.38, 0.18, 0.18, 0.12, 0.14)]))
    if data.annexes:
        out += [Spacer(1, 2 * mm), para(tr("Aneksy:"), st.body_left)]
        out += [para(f"{d}: {text}", st.note) for d, text in data.annexes]
    out += [
        Spacer(1, 3 * mm),
        para(
            tr("3. Udzielone wsparcie (godz. dydaktyczne po {m} min)").format(m=data.hour_minutes),
            st.body_left,
        ),
    ]
    support = [[head(tr("Obszar")), head(tr("Forma")), head(tr("Liczba godzin"))]]
    support += [[cell(r.area), cell(r.kind), r.hours] for r in data.support]
    support.append([cell(tr("Razem"), bold=True), "", data.total_hours])
    out.append(grid_table(support, [width * 0.4, width * 0.4, width * 0.2], total_rows=1))
    out += [Spacer(1, 3 * mm), para(tr("4. Przeglądy realizacji"), st.body_left)]
    reviews = [[head(tr("Data")), head(tr("Postęp celów")), head(tr("Notatka"))]]
    reviews += [[d, cell(p), cell(n)] for d, p, n in data.reviews] or [[cell("—"), "", ""]]
    out.append(grid_table(reviews, [width * 0.15, width * 0.5, width * 0.35]))
    out += [
        Spacer(1, 3 * mm),
        para(tr("5. Efekt po zakończeniu uczestnictwa"), st.body_left),
        para(data.outcome or tr("jeszcze nieznany"), st.body_left),
    ]
    return out


def render(data: AdvisoryCardData, path: str | os.PathLike[str]) -> None:
    build(path, story(data), title=tr("Karta usług doradczych"))
