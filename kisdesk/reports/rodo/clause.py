"""The information clause (klauzula informacyjna, art. 13 RODO) for one participant.

One A4 page in plain Polish under the office's letterhead, with a place for the participant
to sign that they received it (the office then records the date:
kisdesk.services.rodo.record_clause_given). The text is set a point smaller than a letter
so that the whole clause and the signature fit on one sheet; a long administrator's or
inspector's entry moves the last section and the signature to a second page together.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, ListFlowable, ListItem, Spacer
from sqlalchemy.orm import Session

from kisdesk.i18n import tr
from kisdesk.reports.pdf.blocks import esc, letterhead, para, rich, signatures
from kisdesk.reports.pdf.layout import PORTRAIT, Section, SectionInfo, build, text_width
from kisdesk.reports.pdf.styles import styles
from kisdesk.services import audit, rodo
from kisdesk.services.documents_common import Header
from kisdesk.services.rodo import InformationClause


@cache
def _text() -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    """Body, list item and heading styles of the clause (10 pt: a dense legal page)."""
    st = styles()
    body = ParagraphStyle("clause_body", parent=st.body, fontSize=10, leading=12.6, spaceAfter=2)
    item = ParagraphStyle("clause_item", parent=body, alignment=0, spaceAfter=0)
    heading = ParagraphStyle(
        "clause_heading", parent=st.section, fontSize=10.5, leading=13, spaceBefore=6
    )
    return body, item, heading


def _bullets(items: tuple[str, ...] | list[str]) -> ListFlowable:
    _body, item, _heading = _text()
    return ListFlowable(
        [ListItem(para(text, item), leftIndent=14) for text in items],
        bulletType="bullet",
        start="•",
        leftIndent=14,
        bulletFontSize=9,
    )


def _header(data: InformationClause) -> Header:
    same = data.controller.strip().lower() == data.office_name.strip().lower()
    return Header(
        operator_name="" if same else data.controller,
        office_name=data.office_name,
        address=data.office_address,
        contact="",
        city="",
    )


def story(data: InformationClause) -> list[Flowable]:
    st = styles()
    body, _item, heading = _text()
    width = text_width(PORTRAIT)
    controller = data.controller
    if data.controller_address:
        controller += ", " + data.controller_address
    administrator = tr(
        "Administratorem Pani/Pana danych jest {controller}, prowadzący {office}."
    ).format(controller=controller, office=data.office_name)
    if data.controller_contact:
        administrator += " " + tr("Kontakt: {contact}.").format(contact=data.controller_contact)
    flow: list[Flowable] = [
        Section(
            SectionInfo(footer=tr("Klauzula informacyjna – {name}").format(name=data.person_name))
        ),
        letterhead(_header(data), "", width),
        Spacer(1, 12),
        para(tr("Klauzula informacyjna"), st.form_title),
        para(tr("o przetwarzaniu danych osobowych (art. 13 RODO)"), st.basis_line),
        Spacer(1, 8),
        rich(tr("Dla: <b>{name}</b>").format(name=esc(data.person_name)), st.body_left),
        Spacer(1, 4),
        para(
            tr(
                "Zgodnie z art. 13 rozporządzenia Parlamentu Europejskiego i Rady (UE) 2016/679 "
                "(RODO) informujemy:"
            ),
            body,
        ),
        para(tr("1. Administrator danych"), heading),
        para(administrator, body),
        para(tr("2. Inspektor ochrony danych"), heading),
        para(
            tr("Z inspektorem ochrony danych można się kontaktować: {contact}.").format(
                contact=data.dpo_contact
            )
            if data.dpo_contact
            else tr("Dane kontaktowe inspektora ochrony danych są dostępne w siedzibie placówki."),
            body,
        ),
        para(tr("3. Cele przetwarzania"), heading),
        _bullets(data.purposes),
        para(tr("4. Podstawy prawne"), heading),
        _bullets(data.legal_bases),
        para(tr("5. Odbiorcy danych"), heading),
        _bullets(data.recipients),
        para(tr("6. Okres przechowywania"), heading),
        para(data.retention, body),
        para(tr("7. Pani/Pana prawa"), heading),
        para(tr("Ma Pani/Pan prawo do:"), body),
        _bullets(data.rights),
        Spacer(1, 2),
        para(data.complaint, body),
        # The last section stays with the signature: a receipt alone on a page says nothing.
        KeepTogether(
            [
                para(tr("8. Inne informacje"), heading),
                para(data.requirement, body),
                para(data.automated, body),
                Spacer(1, 10),
                para(tr("Potwierdzam, że otrzymałam/otrzymałem powyższą informację."), body),
                signatures(
                    [],
                    [tr("data i czytelny podpis uczestnika")],
                    width,
                    stamp_room=16,
                ),
            ]
        ),
    ]
    return flow


def render(data: InformationClause, path: Path) -> Path:
    build(path, story(data), title=tr("Klauzula informacyjna"))
    return path


def produce(session: Session, participant_id: int, path: Path) -> InformationClause:
    """The clause of one participant drawn into `path`, and the print in the audit log
    (issue: who may see what — every print is logged)."""
    data = rodo.information_clause(session, participant_id)
    render(data, path)
    audit.record(
        session,
        "print",
        record_type="participant",
        record_id=participant_id,
        participant_id=participant_id,
        kind="rodo_clause",
        records=1,
    )
    return data
