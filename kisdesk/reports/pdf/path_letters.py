"""CIS letters of the participant's path: the notice to the OPS head after the trial month
(art. 15 ust. 2) and the head's decision ending an IPZS with the instruction on the complaint
to the administrative court (art. 13 ust. 4–4b)."""

from __future__ import annotations

import os

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from kisdesk.i18n import tr
from kisdesk.reports.pdf.blocks import letterhead, para, place_date, signatures
from kisdesk.reports.pdf.layout import PORTRAIT, Section, SectionInfo, build, text_width
from kisdesk.reports.pdf.styles import styles
from kisdesk.services.documents_common import ACT, short_date
from kisdesk.services.documents_path import PathLetter


def _trial(data: PathLetter) -> list[Flowable]:
    st = styles()
    qualified = data.decision == "qualified"
    return [
        para(tr("Zawiadomienie o kwalifikacji po okresie próbnym"), st.title),
        para(tr("(art. 15 ust. 2 {act})").format(act=ACT), st.basis_line),
        Spacer(1, 5 * mm),
        para(data.addressee or tr("Kierownik ośrodka pomocy społecznej"), st.body_left),
        Spacer(1, 3 * mm),
        para(
            tr(
                "Uprzejmie informuję, że {name} ({pid}), realizujący(-a) indywidualny program "
                "zatrudnienia socjalnego {ipzs}, po okresie próbnym zakończonym {end} r. "
                "{verdict} do uczestnictwa w zajęciach Centrum Integracji Społecznej."
            ).format(
                name=data.person_name,
                pid=data.person_id,
                ipzs=data.ipzs,
                end=short_date(data.trial_end),
                verdict=tr("został(a) zakwalifikowany(-a)")
                if qualified
                else tr("nie został(a) zakwalifikowany(-a)"),
            ),
            st.body,
        ),
        Spacer(1, 2 * mm),
        para(data.justification, st.body) if data.justification else Spacer(1, 1),
    ]


GROUNDS = {
    "breach": tr("uporczywe naruszanie postanowień programu (art. 13 ust. 4 pkt 1)"),
    "leaving": tr("trwałe opuszczenie zajęć w Centrum (art. 13 ust. 4 pkt 2)"),
    "statement": tr("oświadczenie uczestnika o rezygnacji (art. 13 ust. 4)"),
}


def _decision(data: PathLetter) -> list[Flowable]:
    st = styles()
    out: list[Flowable] = [
        para(tr("DECYZJA"), st.title),
        para(
            tr("o zakończeniu realizacji indywidualnego programu zatrudnienia socjalnego"),
            st.subtitle,
        ),
        Spacer(1, 3 * mm),
        para(
            tr(
                "Na podstawie art. 13 ust. 4 i 4a {act} kończę realizację indywidualnego "
                "programu zatrudnienia socjalnego {ipzs} z {name} ({pid}) z dniem {on} r."
            ).format(
                act=ACT,
                ipzs=data.ipzs,
                name=data.person_name,
                pid=data.person_id,
                on=short_date(data.on),
            ),
            st.body,
        ),  # fmt: skip
        Spacer(1, 3 * mm),
        para(tr("Uzasadnienie"), st.subtitle),
        para(
            tr("Podstawa: {ground}.").format(ground=GROUNDS.get(data.decision, data.decision)),
            st.body,
        ),
        para(data.justification or "—", st.body),
        Spacer(1, 3 * mm),
        para(tr("Pouczenie"), st.subtitle),
        para(
            tr(
                "Od niniejszej decyzji przysługuje skarga do wojewódzkiego sądu "
                "administracyjnego (art. 13 ust. 4b ustawy o zatrudnieniu socjalnym), wnoszona "
                "za pośrednictwem kierownika Centrum w terminie 30 dni od dnia doręczenia "
                "decyzji (art. 53 § 1 i art. 54 § 1 ustawy z dnia 30 sierpnia 2002 r. – Prawo o "
                "postępowaniu przed sądami administracyjnymi)."
            ),
            st.body,
        ),
    ]
    return out


def story(data: PathLetter) -> list[Flowable]:
    width = text_width(PORTRAIT)
    title = (
        tr("Zawiadomienie OPS – {name}") if data.kind == "trial_notice" else tr("Decyzja – {name}")
    ).format(name=data.person_name)
    body = _trial(data) if data.kind == "trial_notice" else _decision(data)
    return [
        Section(SectionInfo(footer=title, running_title=title), label=title),
        letterhead(data.header, place_date(data.place, data.on), width),
        Spacer(1, 8 * mm),
        *body,
        Spacer(1, 8 * mm),
        signatures(
            [tr("(pieczęć Centrum)")],
            [data.signatory_name, data.signatory_role, tr("(pieczęć i podpis)")],
            width,
        ),
    ]


def render(data: PathLetter, path: str | os.PathLike[str]) -> None:
    build(path, story(data), title=data.kind)
