"""CIS money documents (docs/domain.md#documents): the list of benefits for signatures (lista wypłat)
and the application to the starosta for their refund (art. 15 ust. 8) with the list attached.

Both are kept in the register like the forms to the voivode (kisdesk.services.documents), so
a reprint is the document as printed. A list printed after the month was reopened and
corrected shows what changed against the list kept at the close (docs/benefit.md).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.errors import ValidationError
from kisdesk.i18n import tr
from kisdesk.messages.core import month_name
from kisdesk.services import documents
from kisdesk.services.benefits import BenefitList, benefit_list, list_payload, money_pl
from kisdesk.services.common import require
from kisdesk.services.documents_common import ACT, office_header, operator_address
from kisdesk.services.documents_formdata import FormData, FormSection, FormTable
from kisdesk.services.months import snapshot
from kisdesk.services.office import office_kind

BENEFIT_LIST, REFUND = "benefit_list", "refund_application"
MONEY_KINDS = (BENEFIT_LIST, REFUND)

_COMPARED = (
    ("days", tr("dni")),
    ("unexcused_days", tr("dni nieusprawiedliwione")),
    ("sick_days", tr("dni L4")),
    ("days_off", tr("dni wolne")),
    ("amount", tr("do wypłaty")),
    ("premium", tr("premia")),
    ("contribution_pension", tr("składka emerytalna")),
    ("contribution_disability", tr("składka rentowa")),
)


def _require_cis(session: Session) -> None:
    if office_kind(session) != "cis":
        raise ValidationError("benefit.cis_only")


def differences(
    kept: dict[str, Any] | None, now: dict[str, Any]
) -> list[tuple[str, str, str, str]]:
    """(who, what, at the close, now) for each figure that changed since the month's close."""
    if not kept:
        return []
    old = {r["participation_id"]: r for r in kept.get("rows", [])}
    new = {r["participation_id"]: r for r in now.get("rows", [])}
    out: list[tuple[str, str, str, str]] = []
    for pid in sorted(set(old) | set(new), key=lambda p: (old.get(p) or new[p])["name"]):
        a, b = old.get(pid), new.get(pid)
        name = (a or b or {}).get("name", "")
        if a is None or b is None:
            out.append((name, tr("pozycja listy"), tr("brak") if a is None else tr("jest"),
                        tr("brak") if b is None else tr("jest")))  # fmt: skip
            continue
        for key, label in _COMPARED:
            if key in b and b[key] is None:
                continue  # withheld from this actor (sick days, RODO art. 9): not compared
            if a.get(key) != b.get(key):
                out.append((name, label, _shown(key, a.get(key)), _shown(key, b.get(key))))
    return out


def _shown(key: str, value: Any) -> str:
    if key in ("amount", "premium", "contribution_pension", "contribution_disability"):
        return money_pl(Decimal(str(value)))
    return str(value)


def _money(value: Decimal) -> str:
    return money_pl(value)


def _list_table(data: BenefitList, *, signatures: bool) -> FormTable:
    rows: list[tuple[str, ...]] = []
    for n, row in enumerate(data.rows, 1):
        r = row.result
        deductions = r.unexcused_deduction + r.sick_deduction + r.sick_unpaid_deduction
        unexcused = (
            tr("utrata (>3 dni)")
            if r.forfeited
            else f"{r.unexcused_days} / {_money(r.unexcused_deduction)}"
        )
        values = [
            str(n),
            row.name,
            f"{r.days}"
            + (tr(" (w tym próbny: {n})").format(n=r.trial_days) if r.trial_days else ""),
            _money(r.base),
            unexcused,
            *(
                (_money(r.sick_deduction),)
                if data.health_hidden
                else (
                    f"{r.sick_days - r.sick_unpaid_days} / {_money(r.sick_deduction)}",
                    f"{r.sick_unpaid_days} / {_money(r.sick_unpaid_deduction)}",
                )
            ),
            f"{r.days_off}",
            _money(deductions) if not r.forfeited else _money(r.base),
            _money(r.amount),
            _money(r.premium),
            _money(r.contribution_pension),
            _money(r.contribution_disability),
        ]
        if signatures:
            values.append("")
        rows.append(tuple(values))
    t = data.totals
    total = [
        "",
        tr("Razem"),
        "",
        "",
        "",
        "",
        "",
        "",
        *(() if data.health_hidden else ("",)),
        _money(t["amount"]),
        _money(t["premium"]),
        _money(t["contribution_pension"]),
        _money(t["contribution_disability"]),
    ]
    columns = [
        tr("Lp."),
        tr("Nazwisko i imię"),
        tr("Dni udziału"),
        tr("Kwota za dni udziału"),
        tr("Nieuspraw. (dni / zł)"),
        *(
            # sick leave withheld from this actor (RODO art. 9): one neutral deduction
            (tr("Inne usprawiedl. (zł)"),)
            if data.health_hidden
            else (tr("L4 1/40 (dni / zł)"), tr("L4 ponad limit (dni / zł)"))
        ),
        tr("Dni wolne"),
        tr("Potrącenia razem"),
        tr("Świadczenie do wypłaty"),
        tr("Premia (art. 15a)"),
        tr("Składka emeryt."),
        tr("Składka rentowa"),
    ]
    # "Potrącenia" and "Świadczenie" whole on a line of the heading (they broke mid-word);
    # the parts are scaled to the page's width, the signatures' column taking its share
    widths = [0.03, 0.14, 0.065, 0.07, 0.075, 0.075, 0.08, 0.045, 0.08, 0.09, 0.065, 0.065, 0.065]
    if data.health_hidden:
        widths[5:7] = [0.155]
    room = 1.0
    if signatures:
        columns.append(tr("Kwituję odbiór (data, podpis)"))
        total.append("")
        room = 0.88
    widths = [w * room / sum(widths) for w in widths] + ([1 - room] if signatures else [])
    rows.append(tuple(total))
    return FormTable(tuple(columns), tuple(rows), tuple(widths), total_rows=1)


def _explanations(data: BenefitList) -> tuple[str, ...]:
    rules = data.rules
    return (
        tr(
            "Stawka świadczenia w miesiącu: {rate} zł (120% zasiłku dla bezrobotnych, art. 15 "
            "ust. 4; stawka obowiązująca pierwszego dnia miesiąca). Niepełny miesiąc: stawka ÷ 30 × "
            "dni kalendarzowe udziału (ust. 6). Nieobecność nieusprawiedliwiona: 1/20 stawki za "
            "dzień, ponad 3 dni – świadczenie nie przysługuje (ust. 7). Niezdolność do pracy po "
            "okresie próbnym: 1/40 za dzień do {limit} dni w okresie uczestnictwa, każdy dalszy "
            "dzień 1/{beyond} (ust. 7a). Dni wolne: świadczenie w pełnej wysokości (ust. 6b)."
        ).format(
            rate=_money(data.rate),
            limit=rules.sick_limit_days,
            beyond=rules.sick_beyond_divisor,
        ),
        tr(
            "Potrącenia liczone dokładnie od pełnej stawki, kwota miesiąca zaokrąglona raz do "
            "grosza (w górę od połowy), nigdy poniżej zera. Składki emerytalna {p}% i rentowa "
            "{d}% od świadczenia wypłaconego, finansowane z Funduszu Pracy; premia motywacyjna "
            "(art. 15a) wypłacana ze środków własnych CIS, poza podstawą składek i refundacją."
        ).format(
            p=str(rules.pension_percent).replace(".", ","),
            d=str(rules.disability_percent).replace(".", ","),
        ),
    )


def _changes_section(session: Session, data: BenefitList) -> tuple[FormSection, ...]:
    kept = snapshot(session, data.year, data.month)
    changes = differences(kept, list_payload(data))
    if not changes:
        return ()
    table = FormTable(
        (tr("Uczestnik"), tr("Pozycja"), tr("Na liście zamkniętej"), tr("Po korekcie")),
        tuple(changes),
        (0.34, 0.26, 0.2, 0.2),
    )
    return (
        FormSection(
            tr("Zmiany względem listy z chwili zamknięcia miesiąca"),
            text=(
                tr(
                    "Miesiąc otwarto ponownie do korekty; poniżej różnice względem listy "
                    "zamkniętej."
                ),
            ),
            tables=(table,),
        ),
    )


def benefit_list_form(session: Session, year: int, month: int, issued_on: dt.date) -> FormData:
    """Lista wypłat świadczeń integracyjnych for one month, with room for signatures."""
    require(session, Permission.ISSUE_DOCUMENTS)
    _require_cis(session)
    data = benefit_list(session, year, month)
    office, header = office_header(session)
    sections = (
        FormSection("", tables=(_list_table(data, signatures=True),)),
        *_changes_section(session, data),
        FormSection(tr("Podstawa obliczenia"), text=_explanations(data)),
    )
    return FormData(
        kind=BENEFIT_LIST,
        number="",
        header=header,
        sender=(office.name, operator_address(office) or office.city),
        place=office.city,
        issued_on=issued_on.isoformat(),
        addressee=(),
        title=tr("LISTA WYPŁAT ŚWIADCZEŃ INTEGRACYJNYCH"),
        subtitle=tr("za {month} (art. 15 i 15a {act})").format(
            month=month_name(year, month), act=ACT
        ),
        sections=sections,
        attachments=(),
        signatures=(tr("(sporządził/a – data i podpis)"), tr("(zatwierdził kierownik CIS)")),
        health_data=not data.health_hidden,
    )


def refund_form(session: Session, year: int, month: int, issued_on: dt.date) -> FormData:
    """Wniosek do starosty o refundację świadczeń wypłaconych w miesiącu wraz ze składkami."""
    require(session, Permission.ISSUE_DOCUMENTS)
    _require_cis(session)
    data = benefit_list(session, year, month)
    office, header = office_header(session)
    t = data.totals
    contributions = t["contribution_pension"] + t["contribution_disability"]
    paid = [r for r in data.rows if r.result.amount > 0]
    attached = FormTable(
        (
            tr("Lp."),
            tr("Nazwisko i imię"),
            tr("Dni"),
            tr("Świadczenie"),
            tr("Składka emerytalna"),
            tr("Składka rentowa"),
            tr("Razem"),
        ),  # fmt: skip
        tuple(
            (
                str(n),
                r.name,
                str(r.result.days),
                _money(r.result.amount),
                _money(r.result.contribution_pension),
                _money(r.result.contribution_disability),
                _money(
                    r.result.amount
                    + r.result.contribution_pension
                    + r.result.contribution_disability
                ),
            )
            for n, r in enumerate(data.rows, 1)
        )
        + (
            (
                "",
                tr("Razem"),
                "",
                _money(t["amount"]),
                _money(t["contribution_pension"]),
                _money(t["contribution_disability"]),
                _money(t["amount"] + contributions),
            ),
        ),
        (0.05, 0.31, 0.06, 0.14, 0.15, 0.14, 0.15),
        total_rows=1,
        title=tr("Załącznik: kopia listy wypłat świadczeń integracyjnych za {month}").format(
            month=month_name(year, month)
        ),
    )
    body = tr(
        "Na podstawie art. 15 ust. 8 {act} wnoszę o refundację ze środków Funduszu Pracy "
        "świadczeń integracyjnych wypłaconych uczestnikom centrum za {month} wraz ze składkami "
        "na ubezpieczenia emerytalne i rentowe."
    ).format(act=ACT, month=month_name(year, month))
    amounts = FormTable(
        (tr("Pozycja"), tr("Kwota (zł)")),
        (
            (
                tr("Świadczenia integracyjne wypłacone ({n} os.)").format(n=len(paid)),
                _money(t["amount"]),
            ),
            (tr("Składki na ubezpieczenie emerytalne"), _money(t["contribution_pension"])),
            (tr("Składki na ubezpieczenie rentowe"), _money(t["contribution_disability"])),
            (tr("Razem do refundacji"), _money(t["amount"] + contributions)),
        ),
        (0.7, 0.3),
        total_rows=1,
    )
    return FormData(
        kind=REFUND,
        number="",
        header=header,
        sender=(office.name, operator_address(office) or office.city),
        place=office.city,
        issued_on=issued_on.isoformat(),
        addressee=(tr("Starosta"), "", ""),
        title=tr("WNIOSEK O REFUNDACJĘ ŚWIADCZEŃ INTEGRACYJNYCH"),
        subtitle=tr("za {month} wraz ze składkami (art. 15 ust. 8)").format(
            month=month_name(year, month)
        ),
        sections=(
            FormSection("", text=(body,), tables=(amounts,)),
            FormSection(
                "",
                text=(
                    tr(
                        "Premie motywacyjne (art. 15a) wypłacone ze środków własnych centrum nie "
                        "są objęte wnioskiem. Kwotę refundacji proszę przekazać na rachunek "
                        "bankowy: ……………………………………………………………"
                    ),
                ),
                tables=(attached,),
            ),
        ),
        attachments=(
            tr("Kopia listy wypłat świadczeń integracyjnych za {month}").format(
                month=month_name(year, month)
            ),
        ),
        signatures=(tr("(pieczęć centrum)"), tr("(podpis kierownika CIS)")),
    )


def issue(
    session: Session, kind: str, year: int, month: int, issued_on: dt.date
) -> documents.IssuedRow:
    """Build the document and keep it in the register (a reprint is the same document)."""
    require(session, Permission.ISSUE_DOCUMENTS)
    build = benefit_list_form if kind == BENEFIT_LIST else refund_form
    return documents.register_form(session, build(session, year, month, issued_on))
