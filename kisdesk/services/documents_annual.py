"""The annual reports to the voivode, due by 31 March (docs/domain.md#documents):
KIS – art. 18a ust. 6; CIS – art. 5 ust. 4 pkt 2 and the model of Dz.U. 2017 poz. 97.

Figures come from kisdesk.services.documents_stats; the grants and the financial plan are
not kept by kisdesk, so their tables are printed empty for the office to fill in.
Staff are listed by function, working time and basis only: the act asks for those, not for
names (data minimisation, RODO art. 5 ust. 1 lit. c).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from kisdesk.i18n import tr
from kisdesk.messages.core import category_name
from kisdesk.messages.outcomes import OUTCOME_LABELS
from kisdesk.rules.hours import format_hours
from kisdesk.rules.outcomes import OUTCOME_KINDS
from kisdesk.services.documents_common import (
    ACT,
    AREA_LABELS,
    EMPLOYMENT_BASIS_LABELS,
    END_REASON_LABELS,
    office_address,
    office_header,
    short_date,
)
from kisdesk.services.documents_formdata import (
    FormData,
    FormField,
    FormSection,
    FormTable,
    signature_labels,
)
from kisdesk.services.documents_stats import (
    HOW_COUNTED,
    YearStats,
    require_annual_report,
    year_stats,
)
from kisdesk.services.settings import get_setting

CIS_FOUNDERS = {
    "gmina": tr("jednostka samorządu terytorialnego"),
    "ops": tr("jednostka samorządu terytorialnego"),
    "association": tr("organizacja pozarządowa"),
    "foundation": tr("organizacja pozarządowa"),
    "church": tr("kościelna osoba prawna"),
    "cooperative": tr("spółdzielnia socjalna założona przez osoby prawne"),
    "other": tr("inna"),
}


def _period(year: int) -> str:
    return f"{short_date(dt.date(year, 1, 1))} – {short_date(dt.date(year, 12, 31))}"


def _staff_section(title: str, stats: YearStats) -> FormSection:
    rows = tuple(
        (
            str(i),
            s.role or tr("(nie podano)"),
            s.working_time or tr("(nie podano)"),
            EMPLOYMENT_BASIS_LABELS.get(s.employment_basis, s.employment_basis),
        )
        for i, s in enumerate(stats.staff, 1)
    )
    counts: dict[str, int] = {}
    for s in stats.staff:
        label = EMPLOYMENT_BASIS_LABELS.get(s.employment_basis, s.employment_basis)
        counts[label] = counts.get(label, 0) + 1
    summary = tr("Liczba pracowników: {n}").format(n=len(stats.staff))
    if counts:
        summary += tr(", w tym: ") + ", ".join(f"{k} – {v}" for k, v in counts.items())
    table = FormTable(
        columns=(
            tr("Lp."),
            tr("Stanowisko / funkcja"),
            tr("Wymiar czasu pracy"),
            tr("Podstawa zatrudnienia"),
        ),
        rows=rows,
        widths=(0.07, 0.43, 0.25, 0.25),
        blank_rows=0 if rows else 2,
    )
    return FormSection(title, text=(summary + ".",), tables=(table,))


def _category_table(stats: YearStats, with_effects: bool) -> FormTable:
    def label(c: int | None) -> str:
        return category_name(c) if c is not None else tr("bez wskazanej kategorii")

    rows = []
    for c in stats.by_category:
        cells = [str(c.category) if c.category else "–", label(c.category), str(c.participants)]
        if with_effects:
            cells += [str(c.effects), str(c.found_work)]
        rows.append(tuple(cells))
    total = [
        "",
        tr("Ogółem (liczba osób; osoba może należeć do kilku grup)"),
        str(stats.participants),
    ]
    if with_effects:
        total += [str(stats.effects), str(stats.found_work)]
    rows.append(tuple(total))
    columns = [tr("Pkt"), tr("Grupa osób (art. 1 ust. 2 ustawy)"), tr("Liczba uczestników")]
    widths: tuple[float, ...] = (0.07, 0.63, 0.30)
    if with_effects:
        columns += [tr("Osiągnęli efekty reintegracji"), tr("w tym uzyskali zatrudnienie")]
        widths = (0.06, 0.46, 0.16, 0.16, 0.16)
    return FormTable(tuple(columns), tuple(rows), widths, total_rows=1)


def _forms_table(stats: YearStats, hour: int) -> FormTable:
    rows: list[tuple[str, ...]] = []
    totals = [0, 0]
    for area in ("social", "vocational"):
        items = [f for f in stats.forms if f.area == area]
        if not items:
            continue
        for f in items:
            rows.append(
                (
                    AREA_LABELS.get(area, area),
                    f.form or tr("inne zajęcia"),
                    str(f.activities),
                    format_hours(f.minutes, hour),
                    str(f.participants),
                )
            )
            totals[0] += f.activities
            totals[1] += f.minutes
    rows.append((tr("Razem"), "", str(totals[0]), format_hours(totals[1], hour), ""))
    return FormTable(
        columns=(
            tr("Obszar"),
            tr("Forma wsparcia"),
            tr("Liczba zajęć"),
            tr("Liczba godzin (1 godz. = {m} min)").format(m=hour),
            tr("Liczba uczestników"),
        ),
        rows=tuple(rows),
        widths=(0.22, 0.36, 0.12, 0.16, 0.14),
        total_rows=1,
    )


def _effects_table(stats: YearStats) -> FormTable:
    rows = tuple(
        (END_REASON_LABELS.get(reason or "other", reason or ""), str(n))
        for reason, n in sorted(stats.end_reasons.items(), key=lambda kv: -kv[1])
    )
    return FormTable(
        columns=(tr("Przyczyna zakończenia uczestnictwa"), tr("Liczba okresów uczestnictwa")),
        rows=rows + ((tr("Razem"), str(stats.ended)),),
        widths=(0.75, 0.25),
        total_rows=1,
        title=tr("Efekty: zakończenia uczestnictwa w roku {y}").format(y=stats.year),
    )


def _outcomes_table(stats: YearStats) -> FormTable:
    """CAS 01/02: forms of activity after the club / kinds of economic independence."""
    rows = tuple(
        (OUTCOME_LABELS.get(kind or "unknown", kind or ""), str(stats.outcome_kinds[kind]))
        for kind in (*OUTCOME_KINDS, None)
        if stats.outcome_kinds.get(kind)
    )
    return FormTable(
        columns=(tr("Wynik po zakończeniu uczestnictwa"), tr("Liczba okresów uczestnictwa")),
        rows=rows + ((tr("Razem"), str(stats.ended)),),
        widths=(0.75, 0.25),
        total_rows=1,
        title=tr("Co osoby robią po zakończeniu uczestnictwa w roku {y}").format(y=stats.year),
    )


def _how_counted() -> FormSection:
    """How each figure was counted (docs/outcomes.md), printed under the tables."""
    return FormSection(
        tr("Sposób liczenia"),
        text=tuple(HOW_COUNTED[k] for k in ("participants", "achieved_effects", "employed_after")),
    )


def _outcome_lines(stats: YearStats) -> str:
    return tr(
        "Osiągnęli efekty reintegracji społecznej i zawodowej: {e}; w tym uzyskali zatrudnienie "
        "po zakończeniu uczestnictwa: {w}."
    ).format(e=stats.effects, w=stats.found_work)


def annual_report_data(session: Session, year: int, issued_on: dt.date) -> FormData:
    """Sprawozdanie KIS for `year` (art. 18a ust. 6 pkt 1–4)."""
    require_annual_report(session)
    office, header = office_header(session)
    stats = year_stats(session, year)
    hour = get_setting(session, "hour_minutes")
    register = " ".join(
        p
        for p in (
            office.register_number,
            tr("z dnia {d} r.").format(d=short_date(office.register_date))
            if office.register_date
            else "",
        )
        if p
    )
    general = FormSection(
        tr("Dane klubu"),
        fields=(
            FormField(tr("Nazwa klubu"), office.name),
            FormField(tr("Adres"), office_address(office)),
            FormField(tr("Podmiot prowadzący"), office.operator.name),
            FormField(tr("Numer i data wpisu do rejestru"), register),
            FormField(tr("Okres sprawozdawczy"), _period(year)),
        ),
    )
    people = FormSection(
        tr("2. Osoby uczestniczące w klubie (art. 18a ust. 6 pkt 2)"),
        text=(
            tr("Rozpoczęło uczestnictwo w roku: {s}; zakończyło uczestnictwo: {e}.").format(
                s=stats.started, e=stats.ended
            ),
            _outcome_lines(stats),
        ),
        tables=(_category_table(stats, with_effects=True),),
    )
    actions = FormSection(
        tr(
            "3. Zrealizowane działania z zakresu reintegracji społecznej i zawodowej wraz z ich efektami (pkt 3)"
        ),
        tables=(_forms_table(stats, hour), _effects_table(stats), _outcomes_table(stats)),
    )
    grants = FormSection(
        tr("4. Rozliczenie przyznanych dotacji za rok poprzedni (pkt 4)"),
        tables=(
            FormTable(
                columns=(
                    tr("Lp."),
                    tr("Podmiot przyznający dotację"),
                    tr("Kwota przyznana (zł)"),
                    tr("Kwota wykorzystana (zł)"),
                    tr("Uwagi"),
                ),
                rows=(),
                widths=(0.07, 0.38, 0.18, 0.18, 0.19),
                blank_rows=4,
            ),
        ),
    )
    return FormData(
        kind="annual_report",
        number="",
        header=header,
        sender=(office.name, office_address(office)),
        place=header.city,
        issued_on=issued_on.isoformat(),
        addressee=(tr("Wojewoda"), ""),
        title=tr("SPRAWOZDANIE KLUBU INTEGRACJI SPOŁECZNEJ ZA ROK {y}").format(y=year),
        subtitle=tr("art. 18a ust. 6 {act}").format(act=ACT),
        sections=(
            general,
            _staff_section(tr("1. Zatrudnieni pracownicy (art. 18a ust. 6 pkt 1)"), stats),
            people,
            actions,
            grants,
            _how_counted(),
        ),
        attachments=(),
        signatures=signature_labels("office"),
    )


def _money_table(items: tuple[str, ...], columns: tuple[str, ...]) -> FormTable:
    return FormTable(
        columns=columns,
        rows=tuple((item, "", "") for item in items),
        widths=(0.56, 0.22, 0.22),
    )


def cis_annual_report_data(session: Session, year: int, issued_on: dt.date) -> FormData:
    """Sprawozdanie CIS for `year`: part I as in the annex of Dz.U. 2017 poz. 97, the other
    parts in the order of its § 1 pkt 1–7 (docs/domain.md#documents)."""
    require_annual_report(session)
    office, header = office_header(session)
    stats = year_stats(session, year)
    hour = get_setting(session, "hour_minutes")
    op = office.operator
    contacts = ", ".join(
        p for p in (office_address(office), office.phone, op.fax, office.email) if p
    )
    general = FormSection(
        tr("CZĘŚĆ I. DANE OGÓLNE"),
        fields=(
            FormField(tr("1. Nazwa"), office.name),
            FormField(tr("2. REGON"), ""),
            FormField(
                tr("3. Adres (ulica, kod pocztowy, miejscowość, telefon, faks, e-mail)"), contacts
            ),
            FormField(
                tr("4. Nazwa instytucji tworzącej Centrum"),
                f"{op.name} ({CIS_FOUNDERS.get(op.legal_form, CIS_FOUNDERS['other'])})",
            ),
            FormField(tr("5. Data przyznania statusu"), short_date(office.status_granted_on)),
        ),
    )
    people = FormSection(
        tr("CZĘŚĆ III. UCZESTNICY (§ 1 pkt 2–4)"),
        fields=(
            FormField(tr("Liczba uczestników w roku"), str(stats.participants)),
            FormField(
                tr("Liczba uczestników usamodzielnionych ekonomicznie"), str(stats.found_work)
            ),
            FormField(
                tr("Liczba uczestników, którzy osiągnęli efekty reintegracji"), str(stats.effects)
            ),
            FormField(
                tr("Liczba uczestników objętych reintegracją zawodową"),
                str(stats.covered_vocational),
            ),
            FormField(
                tr("Liczba uczestników objętych reintegracją społeczną"), str(stats.covered_social)
            ),
        ),
        text=(_outcome_lines(stats),),
        tables=(_category_table(stats, with_effects=False), _outcomes_table(stats)),
    )
    finance = FormSection(
        tr("CZĘŚĆ V. WYKONANIE PLANU FINANSOWEGO ZA ROK POPRZEDNI (§ 1 pkt 6)"),
        tables=(
            _money_table(
                (
                    tr("Przyznane dotacje"),
                    tr("Wypłacone świadczenia integracyjne"),
                    tr("Wypłacone premie motywacyjne"),
                    tr("Przychody z działalności wytwórczej, handlowej i usługowej"),
                    tr("Pozostałe wydatki"),
                ),
                (tr("Pozycja"), tr("Plan (zł)"), tr("Wykonanie (zł)")),
            ),
        ),
    )
    plan = FormSection(
        tr("CZĘŚĆ VI. PRELIMINARZ WYDATKÓW I PRZYCHODÓW NA ROK {y} (§ 1 pkt 7)").format(y=year + 1),
        tables=(
            _money_table(
                (
                    tr("Przychody ogółem"),
                    tr("Wydatki ogółem"),
                    tr("w tym świadczenia integracyjne"),
                ),
                (tr("Pozycja"), tr("Kwota (zł)"), tr("Uwagi")),
            ),
        ),
    )
    return FormData(
        kind="cis_annual_report",
        number="",
        header=header,
        sender=(office.name, office_address(office)),
        place=header.city,
        issued_on=issued_on.isoformat(),
        addressee=(tr("Wojewoda"), ""),
        title=tr("SPRAWOZDANIE CENTRUM INTEGRACJI SPOŁECZNEJ ZA ROK {y}").format(y=year),
        subtitle=tr(
            "art. 5 ust. 4 pkt 2 {act}; wzór: rozporządzenie Ministra Rodziny, Pracy i Polityki "
            "Społecznej z dnia 30 grudnia 2016 r. (Dz.U. z 2017 r. poz. 97)"
        ).format(act=ACT),
        sections=(
            general,
            _staff_section(tr("CZĘŚĆ II. PRACOWNICY (§ 1 pkt 1)"), stats),
            people,
            FormSection(
                tr("CZĘŚĆ IV. USŁUGI DLA UCZESTNIKÓW (§ 1 pkt 5)"),
                tables=(_forms_table(stats, hour),),
            ),
            finance,
            plan,
            _how_counted(),
        ),
        attachments=(),
        signatures=signature_labels("office"),
    )
