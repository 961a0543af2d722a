"""Forms to the voivode (docs/domain.md#documents), filled from the office's data.

All five share one shape – numbered sections of labelled fields, paragraphs and tables –
so they are stored and reprinted the same way. A field the office has no data for is left
empty and printed as a line to fill in by hand: the program never invents a value.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.errors import ValidationError
from kisdesk.i18n import tr
from kisdesk.services.common import require
from kisdesk.services.documents_annual import annual_report_data, cis_annual_report_data
from kisdesk.services.documents_common import (
    ACT,
    office_address,
    office_header,
    operator_address,
    short_date,
)
from kisdesk.services.documents_formdata import FormData, FormField, FormSection, signature_labels
from kisdesk.services.office import OfficeData
from kisdesk.services.staff import list_staff

FORM_KINDS = (
    "register_form",
    "closing_notice",
    "annual_report",
    "cis_application",
    "cis_annual_report",
)
KIS_ONLY = frozenset({"register_form", "closing_notice", "annual_report"})
CIS_ONLY = frozenset({"cis_application", "cis_annual_report"})
NGO_FORMS = frozenset({"association", "foundation", "church", "cooperative", "other"})

__all__ = ["FORM_KINDS", "FormData", "FormField", "FormSection", "form_data"]


def _contact(phone: str, email: str) -> str:
    return ", ".join(
        p
        for p in (tr("tel. ") + phone if phone else "", tr("e-mail: ") + email if email else "")
        if p
    )


def _sender(office: OfficeData) -> tuple[str, ...]:
    op = office.operator
    return tuple(line for line in (op.name, operator_address(office)) if line)


def register_form_data(session: Session, issued_on: dt.date) -> FormData:
    """Zgłoszenie do rejestru KIS, content of Dz.U. 2012 poz. 513 (docs/domain.md#documents)."""
    require(session, Permission.ISSUE_DOCUMENTS)
    office, header = office_header(session)
    op = office.operator
    krs = op.krs or ("" if op.legal_form in NGO_FORMS else tr("nie dotyczy"))
    part1 = FormSection(
        tr("Część 1. Dane podmiotu prowadzącego klub integracji społecznej"),
        fields=(
            FormField(tr("Pełna nazwa"), op.name),
            FormField(tr("Miejscowość i adres"), operator_address(office)),
            FormField(tr("Telefon"), op.phone),
            FormField(tr("Faks"), op.fax),
            FormField(tr("Adres poczty elektronicznej"), op.email),
            FormField(tr("Numer w Krajowym Rejestrze Sądowym (organizacja pozarządowa)"), krs),
        ),
    )
    part2 = FormSection(
        tr("Część 2. Dane klubu integracji społecznej"),
        fields=(
            FormField(tr("Pełna nazwa"), office.name),
            FormField(tr("Miejscowość i adres"), office_address(office)),
            FormField(tr("Data utworzenia"), short_date(office.created_on)),
            FormField(tr("Data rozpoczęcia działalności"), short_date(office.activity_started_on)),
            FormField(tr("Imię i nazwisko osoby kierującej klubem"), office.head_name),
            FormField(tr("Dane kontaktowe klubu"), _contact(office.phone, office.email)),
        ),
    )
    return FormData(
        kind="register_form",
        number="",
        header=header,
        sender=_sender(office),
        place=header.city,
        issued_on=issued_on.isoformat(),
        addressee=(tr("Wojewoda"), ""),
        title=tr("ZGŁOSZENIE DO REJESTRU KLUBÓW INTEGRACJI SPOŁECZNEJ"),
        subtitle=tr(
            "na podstawie art. 18a ust. 2 i 3 {act}; wzór formularza: rozporządzenie Ministra "
            "Pracy i Polityki Społecznej z dnia 30 kwietnia 2012 r. (Dz.U. z 2012 r. poz. 513)"
        ).format(act=ACT),
        sections=(part1, part2),
        attachments=(tr("Kopia aktu o utworzeniu klubu integracji społecznej."),),
        signatures=signature_labels("operator"),
    )


def closing_notice_data(session: Session, issued_on: dt.date) -> FormData:
    """Zgłoszenie zaprzestania prowadzenia KIS: a letter, art. 18a ust. 4 (docs/domain.md#documents)."""
    require(session, Permission.ISSUE_DOCUMENTS)
    office, header = office_header(session)
    register = (
        tr(", wpisanego do rejestru klubów integracji społecznej pod numerem {n}").format(
            n=office.register_number
        )
        if office.register_number
        else tr(", wpisanego do rejestru klubów integracji społecznej")
    )
    if office.register_date:
        register += tr(" z dnia {d} r.").format(d=short_date(office.register_date))
    closed = short_date(office.closed_on) + tr(" r.") if office.closed_on else "…………………………"
    body = tr(
        "Na podstawie art. 18a ust. 4 {act} {operator} zgłasza zaprzestanie prowadzenia "
        "klubu integracji społecznej „{club}”, {address}{register}, z dniem {closed}"
    ).format(
        act=ACT,
        operator=office.operator.name,
        club=office.name,
        address=office_address(office) or "…………………………",
        register=register,
        closed=closed,
    )
    note = tr(
        "Zgłoszenia dokonuje się na piśmie nie później niż w terminie 30 dni od daty "
        "zaprzestania prowadzenia klubu (art. 18a ust. 4); wojewoda wykreśla klub z rejestru "
        "(art. 18a ust. 5)."
    )
    return FormData(
        kind="closing_notice",
        number="",
        header=header,
        sender=_sender(office),
        place=header.city,
        issued_on=issued_on.isoformat(),
        addressee=(tr("Wojewoda"), ""),
        title=tr("Zgłoszenie zaprzestania prowadzenia klubu integracji społecznej"),
        subtitle="",
        sections=(FormSection("", text=(body + ".", note)),),
        attachments=(),
        signatures=signature_labels("operator"),
    )


def cis_application_data(session: Session, issued_on: dt.date) -> FormData:
    """Wniosek o przyznanie statusu CIS: the content of art. 4 ust. 2 (docs/domain.md#documents)."""
    require(session, Permission.ISSUE_DOCUMENTS)
    office, header = office_header(session)
    op = office.operator
    staff = list_staff(session, active_on=issued_on)
    roles = "; ".join(
        f"{s.role or tr('pracownik')} ({s.working_time or tr('wymiar nieokreślony')})"
        for s in staff
    )
    started = short_date(office.activity_started_on)
    fields = (
        FormField(
            tr("1) Nazwa instytucji tworzącej Centrum i adres jej siedziby"),
            ", ".join(p for p in (op.name, operator_address(office)) if p),
        ),
        FormField(
            tr("2) Miejsce funkcjonowania Centrum; przewidywany termin rozpoczęcia działalności"),
            "; ".join(p for p in (office_address(office), started) if p),
        ),
        FormField(tr("Miejsce realizacji usług (art. 3 ust. 1a)"), "", 2),
        FormField(tr("2a) Dane kontaktowe Centrum"), _contact(office.phone, office.email)),
        FormField(
            tr(
                "3) Przewidywana liczba uczestników i grupy osób, którym Centrum będzie świadczyć usługi"
            ),
            "",
            2,
        ),
        FormField(
            tr("4) Planowany rodzaj działalności wytwórczej, handlowej lub usługowej"), "", 2
        ),
        FormField(
            tr(
                "5) Program prac prowadzonych z uczestnikami w ramach reintegracji zawodowej i społecznej"
            ),
            "",
            3,
        ),
        FormField(
            tr("6) Przewidywana liczba pracowników Centrum oraz ich kwalifikacje"),
            tr("{n} os.: {roles}").format(n=len(staff), roles=roles) if staff else "",
            2,
        ),
        FormField(
            tr("6a) Planowane rodzaje umów o pracę pracowników i ich wymiar czasu pracy"), "", 2
        ),
        FormField(tr("7) Dane o organizacji i systemie zajęć w Centrum"), "", 2),
        FormField(
            tr(
                "8) Zakładane efekty działania Centrum (liczba osób do przyuczenia do zawodu, "
                "przekwalifikowania, podjęcia zatrudnienia lub działalności gospodarczej, "
                "usamodzielnionych ekonomicznie)"
            ),
            "",
            3,
        ),
        FormField(
            tr(
                "9) Szacunkowy roczny preliminarz ogólnych kosztów działalności Centrum, w tym "
                "kosztów reintegracji zawodowej i społecznej"
            ),
            "",
            2,
        ),
        FormField(
            tr(
                "10) Wysokość zasobów własnych instytucji tworzącej poniesionych na utworzenie Centrum"
            ),
            "",
            2,
        ),
    )
    return FormData(
        kind="cis_application",
        number="",
        header=header,
        sender=_sender(office),
        place=header.city,
        issued_on=issued_on.isoformat(),
        addressee=(tr("Wojewoda"), ""),
        title=tr("WNIOSEK O PRZYZNANIE STATUSU CENTRUM INTEGRACJI SPOŁECZNEJ"),
        subtitle=tr("art. 4 ust. 1 i 2 {act}").format(act=ACT),
        sections=(FormSection(tr("Treść wniosku (art. 4 ust. 2)"), fields=fields),),
        attachments=(
            tr("Akt powołania Centrum albo odpis statutu instytucji tworzącej."),
            tr("Projekt regulaminu Centrum wraz ze wzorem wniosku o świadczenie integracyjne."),
            tr("Opinia starosty o potrzebie utworzenia Centrum."),
            tr("Dokument potwierdzający tytuł prawny do nieruchomości."),
        ),
        signatures=signature_labels("operator"),
    )


def form_data(session: Session, kind: str, issued_on: dt.date, year: int | None = None) -> FormData:
    """The data of form `kind` as of `issued_on` (the annual reports: for `year`)."""
    require(session, Permission.ISSUE_DOCUMENTS)
    office, _ = office_header(session)
    if kind not in FORM_KINDS:
        raise ValidationError("document.bad_kind", value=kind)
    if kind in KIS_ONLY and office.kind != "kis":
        raise ValidationError("document.kis_only")
    if kind in CIS_ONLY and office.kind != "cis":
        raise ValidationError("document.cis_only")
    report_year = year if year is not None else issued_on.year - 1
    if kind == "register_form":
        return register_form_data(session, issued_on)
    if kind == "closing_notice":
        return closing_notice_data(session, issued_on)
    if kind == "cis_application":
        return cis_application_data(session, issued_on)
    if kind == "annual_report":
        return annual_report_data(session, report_year, issued_on)
    return cis_annual_report_data(session, report_year, issued_on)
