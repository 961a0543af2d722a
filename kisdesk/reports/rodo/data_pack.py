"""The art. 15 data pack as a PDF for the person: what the JSON copy holds, readable.

Drawn from the dict of kisdesk.services.rodo_pack.data_pack (the same data as the JSON).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from kisdesk.i18n import tr
from kisdesk.messages.outcomes import OUTCOME_LABELS, RESULT_LABELS
from kisdesk.reports.pdf.blocks import cell, grid_table, head, para
from kisdesk.reports.pdf.layout import PORTRAIT, Section, SectionInfo, build, text_width
from kisdesk.reports.pdf.styles import styles

FIELD_LABELS = {
    "first_name": tr("Imię"),
    "last_name": tr("Nazwisko"),
    "pesel": tr("PESEL"),
    "birth_date": tr("Data urodzenia"),
    "sex": tr("Płeć"),
    "id_document": tr("Dokument tożsamości"),
    "street": tr("Ulica i numer"),
    "postal_code": tr("Kod pocztowy"),
    "city": tr("Miejscowość"),
    "gmina": tr("Gmina"),
    "powiat": tr("Powiat"),
    "phone": tr("Telefon"),
    "education": tr("Wykształcenie"),
    "referral_source": tr("Skierowanie – źródło"),
    "referral_institution": tr("Skierowanie – instytucja"),
    "referral_date": tr("Skierowanie – data"),
    "referral_number": tr("Skierowanie – numer"),
    "kind": tr("Rodzaj uczestnika"),
    "consents": tr("Zgody"),
    "rodo_clause_given_on": tr("Klauzula informacyjna przekazana"),
    "notes": tr("Uwagi"),
}
MARKS = {
    "present": tr("obecny"),
    "excused": tr("nieobecność usprawiedliwiona"),
    "absent": tr("nieobecność nieusprawiedliwiona"),
    "partial": tr("obecność częściowa"),
}


def _outcome_text(outcome: dict[str, Any] | None, contacts: list[dict[str, Any]]) -> str:
    """The outcome and the contacts made after the period (docs/outcomes.md), in one cell."""
    if not outcome or not outcome.get("kind"):
        return ""
    text = str(OUTCOME_LABELS.get(outcome["kind"], outcome["kind"]))
    if outcome.get("since"):
        text += " " + tr("od {d}").format(d=_text(outcome["since"]))
    made = [
        tr("{d}: {r}").format(d=_text(c["contacted"]), r=RESULT_LABELS.get(c["result"], ""))
        for c in contacts
        if c.get("result")
    ]
    if made:
        text += "; " + tr("kontakty: ") + ", ".join(made)
    return text


RECORDS = {
    "participant": tr("dane osoby"),
    "participation": tr("okres uczestnictwa"),
    "activity": tr("zajęcia / notatka"),
    "attendance": tr("obecność"),
    "issued_document": tr("dokument"),
    "follow_up": tr("kontakt kontrolny po zakończeniu"),
}
EXTRA_FIELDS = {
    "categories": tr("kategorie"),
    "note": tr("notatka"),
    "group_id": tr("grupa"),
    "start_on": tr("początek"),
    "end_on": tr("koniec"),
    "planned_end_on": tr("planowany koniec"),
    "end_reason": tr("powód zakończenia"),
    "end_note": tr("uwagi do zakończenia"),
    "mark": tr("obecność"),
    "minutes": tr("minuty"),
    "participant_id": tr("uczestnik"),
    "outcome_kind": tr("wynik po zakończeniu"),
    "outcome_on": tr("wynik od"),
    "outcome_note": tr("uwagi do wyniku"),
    "contacted_on": tr("data kontaktu"),
    "result": tr("wynik kontaktu"),
    "kind": tr("rodzaj"),
    "due_on": tr("termin kontaktu"),
}
END_REASONS = {
    "completed": tr("ukończenie"),
    "employment": tr("podjęcie zatrudnienia"),
    "cooperative": tr("spółdzielnia socjalna"),
    "business": tr("działalność gospodarcza"),
    "resigned": tr("rezygnacja"),
    "removed": tr("skreślenie"),
    "moved_to_cis": tr("przejście do CIS"),
    "other": tr("inna przyczyna"),
}
EVENTS = {
    "view_sensitive": tr("wgląd w dane wrażliwe"),
    "change": tr("zmiana danych"),
    "print": tr("wydruk"),
    "export": tr("eksport / wydanie kopii"),
    "anonymise": tr("anonimizacja"),
}


def _contract_text(contract: dict[str, Any] | None) -> str:
    """The period's kontrakt/IPZS in one cell: number, date, goals (docs/domain.md#kontrakt-ipzs)."""
    if not contract:
        return "—"
    text = tr("nr {number}").format(number=contract["number"] or "—")
    if contract["signed_on"]:
        text += tr(" z {date}").format(date=contract["signed_on"])
    goals = contract.get("goals") or []
    if goals:
        text += "; " + tr("cele: {n}").format(n=len(goals))
    return text


def _text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return tr("tak") if value else tr("nie")
    return str(value)


def _fields(names: list[str]) -> str:
    return ", ".join(FIELD_LABELS.get(n, EXTRA_FIELDS.get(n, n)).lower() for n in names)


def _section(title: str) -> Flowable:
    return para(title, styles().section)


def _table(header: list[str], rows: list[list[Any]], widths: list[float]) -> Flowable:
    if not rows:
        return para(tr("brak"), styles().body_left)
    body = [[head(h) for h in header]] + [[cell(_text(v)) for v in row] for row in rows]
    return grid_table(body, widths)


def story(pack: dict[str, Any]) -> list[Flowable]:
    st = styles()
    width = text_width(PORTRAIT)
    person = pack["personal_data"]
    name = f"{person.get('first_name') or ''} {person.get('last_name') or ''}".strip()
    c = pack["controller"]
    flow: list[Flowable] = [
        Section(SectionInfo(footer=tr("Kopia danych osobowych – {name}").format(name=name))),
        para(tr("Kopia danych osobowych"), st.form_title),
        para(tr("art. 15 RODO – informacja o przetwarzanych danych"), st.basis_line),
        Spacer(1, 8),
        para(tr("Osoba: {name}").format(name=name), st.body_left),
        para(
            tr("Administrator: {who}; {office}").format(who=c["name"], office=c["office"]),
            st.body_left,
        ),
        para(tr("Stan na: {at} (UTC)").format(at=pack["generated_at"]), st.body_left),
        _section(tr("1. Dane osobowe")),
        _table(
            [tr("Dane"), tr("Wartość")],
            [[FIELD_LABELS.get(k, k), v] for k, v in person.items()],
            [width * 0.4, width * 0.6],
        ),
        _section(tr("2. Kategorie (art. 1 ust. 2 ustawy o zatrudnieniu socjalnym)")),
        _table(
            [tr("Nr"), tr("Kategoria")],
            [[x["number"], x["name"]] for x in pack["categories"]],
            [width * 0.1, width * 0.9],
        ),
        _section(tr("3. Cele, podstawy prawne, odbiorcy, okres przechowywania, źródło")),
    ]
    for label, items in (
        (tr("Cele"), pack["purposes"]),
        (tr("Podstawy prawne"), pack["legal_bases"]),
        (tr("Odbiorcy"), pack["recipients"]),
    ):
        flow.append(para(label + ":", st.body_left))
        flow += [para("• " + text, st.body_left) for text in items]
    flow.append(para(tr("Okres przechowywania: ") + pack["retention"], st.body_left))
    flow.append(para(tr("Źródło danych: ") + pack["source"], st.body_left))
    r = pack["restriction"]
    if r["restricted"]:
        flow.append(
            para(
                tr("Przetwarzanie ograniczone od {since}: {reason}").format(
                    since=_text(r["since"]), reason=r["reason"]
                ),
                st.body_left,
            )
        )
    flow += [
        _section(tr("4. Okresy uczestnictwa")),
        _table(
            [
                tr("Od"),
                tr("Planowany koniec"),
                tr("Koniec"),
                tr("Powód"),
                tr("Grupa"),
                tr("Kontrakt / IPZS"),
                tr("Wynik po zakończeniu"),
            ],
            [
                [
                    p["start"],
                    p["planned_end"],
                    p["end"],
                    END_REASONS.get(p["end_reason"] or "", p["end_reason"]),
                    p["group"],
                    _contract_text(p.get("contract")),
                    _outcome_text(p.get("outcome"), p.get("followups", [])),
                ]
                for p in pack["participations"]
            ],
            [
                width * 0.11,
                width * 0.12,
                width * 0.11,
                width * 0.14,
                width * 0.14,
                width * 0.16,
                width * 0.22,
            ],
        ),
        _section(tr("5. Obecności")),
        _table(
            [tr("Data"), tr("Godz."), tr("Temat"), tr("Obecność"), tr("Minuty")],
            [
                [a["date"], a["time"], a["topic"], MARKS.get(a["mark"], a["mark"]), a["minutes"]]
                for a in pack["attendance"]
            ],
            [width * 0.15, width * 0.1, width * 0.4, width * 0.23, width * 0.12],
        ),
        _section(tr("6. Poradnictwo indywidualne")),
        _table(
            [tr("Data"), tr("Godz."), tr("Temat"), tr("Prowadzący"), tr("Notatka")],
            [
                [s["date"], s["time"], s["topic"], ", ".join(s["staff"]), s["note"]]
                for s in pack["counselling_sessions"]
            ],
            [width * 0.13, width * 0.13, width * 0.22, width * 0.2, width * 0.32],
        ),
        _section(tr("7. Wydane dokumenty")),
        _table(
            [tr("Numer"), tr("Rodzaj"), tr("Data"), tr("Anulowany")],
            [[d["number"], d["kind"], d["issued_on"], d["cancelled"]] for d in pack["documents"]],
            [width * 0.25, width * 0.35, width * 0.2, width * 0.2],
        ),
        _section(tr("8. Kiedy dane były przeglądane lub zmieniane")),
        _table(
            [tr("Kiedy (UTC)"), tr("Zdarzenie"), tr("Zapis"), tr("Pola")],
            [
                [
                    e["at"][:19].replace("T", " "),
                    EVENTS.get(e["event"], e["event"]),
                    e["record_type"],
                    ", ".join(e["fields"]),
                ]
                for e in pack["processing_log"]
            ],
            [width * 0.24, width * 0.26, width * 0.2, width * 0.3],
        ),
        Spacer(1, 6 * mm),
        para(
            tr(
                "Prawa: sprostowanie (art. 16), usunięcie (art. 17), ograniczenie przetwarzania "
                "(art. 18), sprzeciw (art. 21), skarga do Prezesa UODO."
            ),
            st.note,
        ),
    ]
    return flow


def render(pack: dict[str, Any], path: Path) -> Path:
    build(path, story(pack), title=tr("Kopia danych osobowych"))
    return path
