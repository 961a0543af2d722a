"""The card with the database recovery key, printed once and kept in the office safe."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer

from kisdesk.i18n import tr
from kisdesk.reports.pdf.blocks import para
from kisdesk.reports.pdf.fonts import SANS_BOLD
from kisdesk.reports.pdf.layout import Section, SectionInfo, build
from kisdesk.reports.pdf.styles import styles


def story(
    recovery_key: str, office: str = "", today: dt.date | None = None, sensitive: bool = False
) -> list[Flowable]:
    """`sensitive`: the key of the health categories and counselling notes
    (docs/threat-model.md §3.4), not of the database file."""
    st = styles()
    key_style = ParagraphStyle("key", fontName=SANS_BOLD, fontSize=18, leading=26, alignment=1)
    groups = recovery_key.split("-")
    half = (len(groups) + 1) // 2
    lines = (
        ["-".join(groups[:half]) + "-", "-".join(groups[half:])]
        if len(groups) > 4
        else [recovery_key]
    )
    when = (today or dt.date.today()).strftime("%d.%m.%Y")
    if sensitive:
        title = tr("Klucz odzyskiwania danych zastrzeżonych")
        basis = tr("kisdesk – kategorie zdrowotne i notatki z poradnictwa")
        what = tr(
            "Ten klucz otwiera kategorie zdrowotne uczestników i notatki z poradnictwa, gdy "
            "żadne konto uprawnione (kierownik, kadra z dostępem) nie pamięta hasła. "
            "Przechowuj go w sejfie, z dala od komputera i od klucza odzyskiwania bazy."
        )
        how = tr(
            "Jak użyć: zaloguj się na konto kierownika i wpisz polecenie "
            "kisdesk --user LOGIN user recover-health (klucz w zmiennej "
            "KISDESK_HEALTH_RECOVERY_KEY albo wpisany, gdy program o niego zapyta)."
        )
        return [
            Section(SectionInfo(footer=title)),
            para(title, st.form_title),
            para(basis, st.basis_line),
            Spacer(1, 12),
            para(tr("Placówka: {o}").format(o=office or "…………………………………………"), st.body_left),
            para(tr("Data wydruku: {d}").format(d=when), st.body_left),
            Spacer(1, 24),
            *[para(line, key_style) for line in lines],
            Spacer(1, 24),
            para(what, st.body),
            Spacer(1, 8),
            para(how, st.body),
        ]
    return [
        Section(SectionInfo(footer=tr("Klucz odzyskiwania bazy danych kisdesk"))),
        para(tr("Klucz odzyskiwania bazy danych"), st.form_title),
        para(tr("kisdesk – szyfrowanie bazy danych"), st.basis_line),
        Spacer(1, 12),
        para(tr("Placówka: {o}").format(o=office or "…………………………………………"), st.body_left),
        para(tr("Data wydruku: {d}").format(d=when), st.body_left),
        Spacer(1, 24),
        *[para(line, key_style) for line in lines],
        Spacer(1, 24),
        para(
            tr(
                "Ten klucz otwiera zaszyfrowaną bazę danych, gdy nikt nie pamięta hasła. Przechowuj "
                "go w sejfie, z dala od komputera. Kto ma ten klucz i komputer, ma dostęp do "
                "wszystkich danych uczestników."
            ),
            st.body,
        ),
        Spacer(1, 8),
        para(
            tr(
                "Jak użyć: na ekranie logowania wybierz „Mam klucz odzyskiwania” i przepisz go "
                "(wielkość liter i myślniki nie mają znaczenia). Z wiersza poleceń: zmienna "
                "KISDESK_RECOVERY_KEY. Potem ustaw nowe hasło."
            ),
            st.body,
        ),
    ]


def render(recovery_key: str, path: Path, office: str = "", sensitive: bool = False) -> Path:
    build(path, story(recovery_key, office, sensitive=sensitive), title=tr("Klucz odzyskiwania"))
    return path
