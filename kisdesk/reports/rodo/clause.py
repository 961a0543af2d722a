"""The information clause (klauzula informacyjna, art. 13 RODO) for one participant.

One A4 page in plain Polish, with a place for the participant to sign that they received it
(the office then records the date: kisdesk.services.rodo.record_clause_given).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.platypus import Flowable, ListFlowable, ListItem, Spacer

from kisdesk.i18n import tr
from kisdesk.reports.pdf.blocks import esc, para, rich, signatures
from kisdesk.reports.pdf.layout import PORTRAIT, Section, SectionInfo, build, text_width
from kisdesk.reports.pdf.styles import styles
from kisdesk.services.rodo import InformationClause


def _bullets(items: tuple[str, ...] | list[str]) -> ListFlowable:
    st = styles()
    return ListFlowable(
        [ListItem(para(text, st.body_left), leftIndent=12) for text in items],
        bulletType="bullet",
        start="•",
        leftIndent=12,
        bulletFontSize=9,
    )


def story(data: InformationClause, today: dt.date | None = None) -> list[Flowable]:
    st = styles()
    width = text_width(PORTRAIT)
    controller = data.controller
    if data.controller_address:
        controller += ", " + data.controller_address
    flow: list[Flowable] = [
        Section(
            SectionInfo(footer=tr("Klauzula informacyjna – {name}").format(name=data.person_name))
        ),
        para(tr("Klauzula informacyjna"), st.form_title),
        para(tr("o przetwarzaniu danych osobowych (art. 13 RODO)"), st.basis_line),
        Spacer(1, 10),
        rich(
            tr("Dla: <b>{name}</b>").format(name=esc(data.person_name)),
            st.body_left,
        ),
        Spacer(1, 6),
        para(
            tr(
                "Zgodnie z art. 13 rozporządzenia Parlamentu Europejskiego i Rady (UE) 2016/679 "
                "(RODO) informujemy:"
            ),
            st.body,
        ),
        para(tr("1. Administrator danych"), st.section),
        para(
            tr("Administratorem Pani/Pana danych jest {controller}, prowadzący {office}.").format(
                controller=controller, office=data.office_name
            )
            + (f" {tr('Kontakt')}: {data.controller_contact}." if data.controller_contact else ""),
            st.body,
        ),
        para(tr("2. Inspektor ochrony danych"), st.section),
        para(
            tr("Z inspektorem ochrony danych można się kontaktować: {contact}.").format(
                contact=data.dpo_contact
            )
            if data.dpo_contact
            else tr("Dane kontaktowe inspektora ochrony danych są dostępne w siedzibie placówki."),
            st.body,
        ),
        para(tr("3. Cele przetwarzania"), st.section),
        _bullets(data.purposes),
        para(tr("4. Podstawy prawne"), st.section),
        _bullets(data.legal_bases),
        para(tr("5. Odbiorcy danych"), st.section),
        _bullets(data.recipients),
        para(tr("6. Okres przechowywania"), st.section),
        para(data.retention, st.body),
        para(tr("7. Pani/Pana prawa"), st.section),
        para(tr("Ma Pani/Pan prawo do:"), st.body),
        _bullets(data.rights),
        para(data.complaint, st.body),
        para(tr("8. Inne informacje"), st.section),
        para(data.requirement, st.body),
        para(data.automated, st.body),
        Spacer(1, 18),
        signatures(
            [],
            [tr("data i podpis uczestnika"), tr("potwierdzam otrzymanie klauzuli")],
            width,
            stamp_room=14,
        ),
    ]
    return flow


def render(data: InformationClause, path: Path) -> Path:
    build(path, story(data), title=tr("Klauzula informacyjna"))
    return path
