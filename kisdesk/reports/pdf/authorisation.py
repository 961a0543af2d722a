"""Upoważnienie do przetwarzania danych osobowych with the confidentiality undertaking
(art. 8b ust. 4 / art. 18f of the act; RODO art. 29)."""

from __future__ import annotations

import os

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from kisdesk.i18n import tr
from kisdesk.reports.pdf.blocks import letterhead, para, place_date, signatures
from kisdesk.reports.pdf.layout import PORTRAIT, Section, SectionInfo, build, text_width
from kisdesk.reports.pdf.styles import styles
from kisdesk.services.authorisations import AuthorisationPrint
from kisdesk.services.documents_common import short_date


def story(data: AuthorisationPrint) -> list[Flowable]:
    st = styles()
    width = text_width(PORTRAIT)
    basis = "art. 8b ust. 4" if data.office_kind == "cis" else "art. 18f"
    title = tr("Upoważnienie nr {n}").format(n=data.number)
    out: list[Flowable] = [
        Section(SectionInfo(footer=title, running_title=title), label=title),
        letterhead(data.header, place_date(data.place, data.given_on), width),
        Spacer(1, 8 * mm),
        para(tr("UPOWAŻNIENIE NR {n}").format(n=data.number), st.title),
        para(tr("do przetwarzania danych osobowych"), st.subtitle),
        Spacer(1, 5 * mm),
        para(
            tr(
                "Na podstawie art. 29 rozporządzenia (UE) 2016/679 (RODO) oraz {basis} ustawy "
                "z dnia 13 czerwca 2003 r. o zatrudnieniu socjalnym (Dz.U. z 2025 r. poz. 83) "
                "upoważniam {name} do przetwarzania danych osobowych w zakresie: {scope}."
            ).format(basis=basis, name=data.person_name, scope=data.scope),
            st.body,
        ),
        Spacer(1, 2 * mm),
        para(
            tr("Upoważnienie obowiązuje od dnia {d} r. do jego odwołania.").format(
                d=short_date(data.given_on)
            )
            if not data.withdrawn_on
            else tr("Upoważnienie obowiązywało od dnia {d} r. do dnia {w} r. (odwołane).").format(
                d=short_date(data.given_on), w=short_date(data.withdrawn_on)
            ),
            st.body,
        ),
        Spacer(1, 4 * mm),
        signatures(
            [tr("(pieczęć administratora)")],
            [data.signatory_name, data.signatory_role, tr("(podpis administratora)")],
            width,
        ),
        Spacer(1, 10 * mm),
        para(tr("ZOBOWIĄZANIE DO ZACHOWANIA TAJEMNICY"), st.subtitle),
        Spacer(1, 3 * mm),
        para(
            tr(
                "Ja, niżej podpisana/podpisany {name}, zobowiązuję się do zachowania w tajemnicy "
                "danych osobowych, do których mam dostęp, oraz sposobów ich zabezpieczenia, także "
                "po ustaniu zatrudnienia, oraz do przetwarzania ich wyłącznie w zakresie "
                "upoważnienia ({basis} ustawy o zatrudnieniu socjalnym)."
            ).format(name=data.person_name, basis=basis),
            st.body,
        ),
        Spacer(1, 6 * mm),
        signatures([tr("(data)")], [data.person_name, tr("(podpis osoby upoważnionej)")], width),
    ]
    return out


def render(data: AuthorisationPrint, path: str | os.PathLike[str]) -> None:
    build(path, story(data), title=tr("Upoważnienie do przetwarzania danych osobowych"))
