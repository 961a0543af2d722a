"""Table models of the dashboard's lists (rows from kisdesk.services.dashboard)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from kisdesk.messages.core import staff_ratio_text
from kisdesk.services.benefits import BenefitWarning
from kisdesk.services.cis_duties import DutyItem
from kisdesk.services.dashboard import (
    CertificateItem,
    DeadlineItem,
    GraduateItem,
    HoursItem,
    MissingAttendanceItem,
    PathItem,
)
from kisdesk.ui.table_models.base import RIGHT, Column, RowTableModel, format_date, format_hours
from kisdesk.ui.widgets import status


def _t(text: str) -> str:
    return QCoreApplication.translate("dashboard", text)


def end_reason_text(reason: str | None) -> str:
    texts = {
        "completed": _t("ukończenie"),
        "employment": _t("podjęcie zatrudnienia"),
        "cooperative": _t("spółdzielnia socjalna"),
        "business": _t("działalność gospodarcza"),
        "resigned": _t("rezygnacja"),
        "removed": _t("skreślenie"),
        "moved_to_cis": _t("przejście do CIS"),
        "other": _t("inna przyczyna"),
    }
    return texts.get(reason or "", reason or "")


def days_text(days: int) -> str:
    if days == 0:
        return _t("dziś")
    if days == 1:
        return _t("jutro")
    if days < 0:
        return _t("{n} dni temu").format(n=-days)
    return _t("za {n} dni").format(n=days)


class HoursModel(RowTableModel[HoursItem]):
    """A month's hours per participant: attended against required, coloured by status."""

    def __init__(self, parent: QObject | None = None, hour_minutes: int = 45) -> None:
        super().__init__(parent=parent)
        self.hour_minutes = hour_minutes

        def hours(minutes: int) -> str:
            return format_hours(minutes, self.hour_minutes)

        def key(item: HoursItem) -> str:
            return status.key(item.status, item.at_risk)

        def tip(item: HoursItem) -> str | None:
            if item.offer_short:
                return self.tr(
                    "Zaplanowano w tym miesiącu tylko {s} godz. przy wymaganych {r} godz. – "
                    "placówka musi dodać zajęcia."
                ).format(s=hours(item.scheduled), r=hours(item.required))
            if item.out_of_reach:
                return self.tr(
                    "Nawet obecność na wszystkich zaplanowanych jeszcze zajęciach ({s} godz.) "
                    "nie wystarczy do minimum."
                ).format(s=hours(item.remaining))
            if item.at_risk:
                return self.tr(
                    "Był(a) na mniejszej części odbytych zajęć, niż wymaga minimum: w tym tempie "
                    "brakujących {m} godz. nie nadrobi z {s} godz. zaplanowanych do końca."
                ).format(m=hours(item.missing), s=hours(item.remaining))
            return None

        self.columns = (
            Column(self.tr("Uczestnik"), lambda i: i.name),
            Column(
                self.tr("Stan"),
                lambda i: status.status_text(key(i)),
                lambda i: 0 if i.at_risk else {"short": 1, "in_progress": 2}.get(i.status, 3),
                background=lambda i: status.background(key(i)),
                foreground=lambda i: status.foreground(key(i)),
                tooltip=tip,
            ),
            Column(
                self.tr("Godz. / wymagane"),
                lambda i: f"{hours(i.attended)} / {hours(i.required)}",
                lambda i: i.attended,
                RIGHT,
                header_tip=self.tr(
                    "Godziny obecności do dziś / wymagane minimum (przy uczestnictwie przez "
                    "część okresu – proporcjonalnie do dni roboczych)"
                ),
            ),
            Column(self.tr("Brakuje"), lambda i: hours(i.missing), lambda i: i.missing, RIGHT),
            Column(
                self.tr("W planie"),
                lambda i: hours(i.remaining),
                lambda i: i.remaining,
                RIGHT,
                header_tip=self.tr("Godziny zajęć zaplanowanych jeszcze w tym miesiącu"),
            ),
            Column(self.tr("Grupa"), lambda i: i.group or ""),
        )


class MissedModel(RowTableModel[HoursItem]):
    """Who missed the minimum in a month that is over."""

    def __init__(self, parent: QObject | None = None, hour_minutes: int = 45) -> None:
        super().__init__(parent=parent)
        self.hour_minutes = hour_minutes

        def hours(minutes: int) -> str:
            return format_hours(minutes, self.hour_minutes)

        self.columns = (
            Column(self.tr("Uczestnik"), lambda i: i.name, tooltip=lambda i: i.group),
            Column(
                self.tr("Godz. / wymagane"),
                lambda i: f"{hours(i.attended)} / {hours(i.required)}",
                lambda i: i.attended,
                RIGHT,
                background=lambda i: status.background(status.SHORT),
                foreground=lambda i: status.foreground(status.SHORT),
                tooltip=lambda i: status.status_text(status.SHORT),
            ),
        )


class GraduatesModel(RowTableModel[GraduateItem]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.columns = (
            Column(self.tr("Uczestnik"), lambda i: i.name),
            Column(
                self.tr("Pełny okres"),
                lambda i: format_date(i.completes_on),
                lambda i: i.completes_on,
            ),
            Column(self.tr("Kiedy"), lambda i: days_text(i.days_left), lambda i: i.days_left),
            Column(
                self.tr("Uwagi"),
                lambda i: (
                    self.tr("miesiące poniżej minimum: {n}").format(n=len(i.months_below_minimum))
                    if i.months_below_minimum
                    else ""
                ),
                tooltip=lambda i: ", ".join(i.months_below_minimum) or None,
            ),
        )


class CertificatesModel(RowTableModel[CertificateItem]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.columns = (
            Column(self.tr("Uczestnik"), lambda i: i.name),
            Column(self.tr("Zakończenie"), lambda i: format_date(i.end_on), lambda i: i.end_on),
            Column(self.tr("Przyczyna"), lambda i: end_reason_text(i.end_reason)),
            Column(
                self.tr("Czeka"),
                lambda i: self.tr("{n} dni").format(n=i.days_since),
                lambda i: i.days_since,
                RIGHT,
            ),
        )


class MissingAttendanceModel(RowTableModel[MissingAttendanceItem]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.columns = (
            Column(
                self.tr("Kiedy"),
                lambda i: f"{format_date(i.date)}, {i.start_time:%H:%M}",
                lambda i: f"{i.date.isoformat()} {i.start_time:%H:%M}",
                tooltip=lambda i: f"{format_date(i.date)}, {i.start_time:%H:%M}–{i.end_time:%H:%M}",
            ),
            Column(
                self.tr("Zajęcia"),
                lambda i: i.topic or i.form,
                tooltip=lambda i: " – ".join(t for t in (i.topic, i.form) if t) or None,
            ),
            Column(
                self.tr("Kto"),
                lambda i: i.group or (self.tr("{name} (indyw.)").format(name=i.participant)),
                tooltip=lambda i: (
                    None
                    if i.group
                    else self.tr("Zajęcia indywidualne: {name}").format(name=i.participant)
                ),
            ),
        )


class DeadlinesModel(RowTableModel[DeadlineItem]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)

        def what(item: DeadlineItem) -> str:
            if item.code == "annual_report":
                text = self.tr("Sprawozdanie roczne dla wojewody za {year} r.").format(
                    year=item.year
                )
                return text + (self.tr(" – przygotowane") if item.done else "")
            if item.code == "cis_status_expiry":
                return self.tr("Wygaśnięcie statusu centrum integracji społecznej")
            return item.code

        def basis(item: DeadlineItem) -> str:
            return {
                "annual_report": self.tr("art. 18a ust. 6 ustawy o zatrudnieniu socjalnym"),
                "cis_status_expiry": self.tr("status przyznany na 5 lat (art. 5 ustawy)"),
            }.get(item.code, "")

        def urgent(item: DeadlineItem) -> str:
            if item.done:
                return status.MET
            if item.days_left < 0:
                return status.SHORT
            return status.AT_RISK if item.days_left <= 30 else status.IN_PROGRESS

        self.columns = (
            Column(self.tr("Termin"), lambda i: format_date(i.due_on), lambda i: i.due_on),
            Column(self.tr("Co"), what, tooltip=basis),
            Column(
                self.tr("Pozostało"),
                lambda i: days_text(i.days_left),
                lambda i: i.days_left,
                background=lambda i: status.background(urgent(i)),
                foreground=lambda i: status.foreground(urgent(i)),
            ),
        )


def path_what(item: PathItem) -> str:
    """What the office owes on the participant's path (docs/domain.md#certificates, docs/domain.md#kontrakt-ipzs)."""
    texts = {
        "review_due": _t("przegląd kontraktu/IPZS – termin {date}"),
        "review_overdue": _t("przegląd kontraktu/IPZS zaległy od {date}"),
        "no_contract": _t("brak kontraktu socjalnego / IPZS (art. 18 ust. 4, art. 12)"),
        "trial_decision": _t("decyzja po okresie próbnym ({date}; art. 15 ust. 2)"),
        "pup_copy": _t("zaświadczenie {number} do przekazania do PUP (art. 13 ust. 5a)"),
        "no_authorisation": _t(
            "brak ważnego upoważnienia do przetwarzania danych (art. 8b ust. 4, art. 18f)"
        ),
    }
    return texts.get(item.what, item.what).format(date=format_date(item.on), number=item.number)


class PathTodoModel(RowTableModel[PathItem]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.columns = (
            Column(self.tr("Uczestnik"), lambda i: i.name),
            Column(
                self.tr("Do zrobienia"),
                path_what,
                lambda i: (i.what, i.on),
                foreground=lambda i: status.foreground("short")
                if i.what in ("review_overdue", "no_contract", "no_authorisation")
                else None,
            ),
        )


class BenefitWarningsModel(RowTableModel[BenefitWarning]):
    """CIS: this month's benefit warnings (art. 15 ust. 6a–7a)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)

        def what(item: BenefitWarning) -> str:
            texts = {
                "unexcused_3": self.tr(
                    "3 dni nieusprawiedliwione – jeszcze jeden i świadczenie za miesiąc przepada"
                ),
                "forfeited": self.tr(
                    "{n} dni nieusprawiedliwione – świadczenie za miesiąc nie przysługuje"
                ),
                "sick_near_limit": self.tr("L4: wykorzystano {n} z {limit} dni w okresie"),
                "sick_over_limit": self.tr(
                    "L4: {n} dni – ponad {limit}, za dalsze dni świadczenie nie przysługuje"
                ),
                "days_off_used": self.tr("Wykorzystane dni wolne: {n} z {limit}"),
            }
            return texts.get(item.code, item.code).format(n=item.count, limit=item.limit)

        def urgent(item: BenefitWarning) -> str:
            if item.code in ("forfeited", "sick_over_limit"):
                return status.SHORT
            return status.AT_RISK

        self.columns = (
            Column(self.tr("Uczestnik"), lambda i: i.name),
            Column(
                self.tr("Uwaga"),
                what,
                tooltip=lambda i: self.tr("art. 15 ust. 6a–7a ustawy o zatrudnieniu socjalnym"),
                background=lambda i: status.background(urgent(i)),
                foreground=lambda i: status.foreground(urgent(i)),
            ),
        )


class DutiesModel(RowTableModel[DutyItem]):
    """CIS: readiness before classes (art. 14 ust. 2) and staff per participants (art. 11)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        labels = {
            "bhp_training_on": self.tr("szkolenie BHP"),
            "medical_exam_on": self.tr("badanie lekarskie"),
            "work_clothes_on": self.tr("odzież i obuwie robocze"),
        }

        def what(item: DutyItem) -> str:
            if item.code == "readiness":
                return self.tr("Brak: {what} (art. 14 ust. 2)").format(
                    what=", ".join(labels.get(d, d) for d in item.detail)
                )
            n, staff = item.detail
            return f"{format_date(item.date)}: {staff_ratio_text(int(n), int(staff))}"

        self.columns = (
            Column(self.tr("Kto / zajęcia"), lambda i: i.name),
            Column(
                self.tr("Co"),
                what,
                background=lambda i: status.background(status.AT_RISK),
                foreground=lambda i: status.foreground(status.AT_RISK),
            ),
        )
