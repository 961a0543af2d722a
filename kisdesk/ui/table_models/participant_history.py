"""Tables of the participant form: participation periods, hours by month, documents."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from kisdesk.i18n import tr
from kisdesk.messages.core import month_name
from kisdesk.messages.documents import document_kinds
from kisdesk.rules.graduate import GraduateStatus
from kisdesk.rules.minimum import in_danger
from kisdesk.services.participant_history import DocumentRow, MonthHours
from kisdesk.services.participations import PeriodRow
from kisdesk.services.settings import where_to_change
from kisdesk.ui.table_models.base import CENTER, RIGHT, Column, RowTableModel
from kisdesk.ui.widgets import status
from kisdesk.ui.widgets.participant_labels import (
    contract_statuses,
    end_reasons,
    fmt_date,
    fmt_hours,
)

MUTED = QColor("#8a8a8a")


def _iso(day: Any) -> str:
    return day.isoformat() if day else ""


def month_key(m: MonthHours) -> str:
    """The colour key: in progress becomes "at risk" when falling behind
    (kisdesk.rules.minimum.in_danger)."""
    at_risk = in_danger(
        m.attended_minutes, m.remaining_minutes, m.required_minutes, m.scheduled_minutes
    )
    return status.key(m.status, at_risk)


def _marks(m: MonthHours) -> str:
    """How many classes of each kind of mark, e.g. "O 14 · C 1 · U 2 · N 1"."""
    parts = [
        f"{letter} {m.marks[mark]}"
        for mark, letter in (("present", "O"), ("partial", "C"), ("excused", "U"), ("absent", "N"))
        if m.marks.get(mark)
    ]
    return " · ".join(parts) or "—"


def _muted(d: DocumentRow) -> QColor | None:
    return MUTED if d.cancelled else None


def missing_words(graduate_months: int) -> dict[str, str]:
    return {
        "months": tr("{n} mies.").format(n=graduate_months),
        "certificate": tr("zaświadczenie"),
        "contract": tr("kontrakt"),
    }


def graduate_text(st: GraduateStatus | None, graduate_months: int) -> str:
    """Where a period stands on art. 2 pkt 1a/1b today, in a few words."""
    if st is None:
        return "—"
    if st.graduate:
        if st.graduate_until is not None:
            return tr("tak, do {d}").format(d=fmt_date(st.graduate_until))
        return tr("tak")
    if not st.missing and st.graduate_until is not None:
        return tr("wygasł {d}").format(d=fmt_date(st.graduate_until))
    words = missing_words(graduate_months)
    return tr("brak: {what}").format(what=", ".join(words[m] for m in st.missing))


def graduate_tip(st: GraduateStatus | None, graduate_months: int) -> str | None:
    """Each condition of art. 2 pkt 1a/1b, met or not."""
    if st is None:
        return None
    yes, no = tr("spełniony"), tr("brak")
    lines = [
        tr("Warunki statusu absolwenta (art. 2 pkt {p}) dziś:").format(
            p="1a" if st.kind == "cis" else "1b"
        ),
        tr("• {n} mies. uczestnictwa (upływa {d}): {state}").format(
            n=graduate_months, d=fmt_date(st.completes_on), state=yes if st.months_complete else no
        ),
        tr("• zaświadczenie o zakończeniu: {state}").format(
            state=st.ending_certificate and tr("nr {n}").format(n=st.ending_certificate) or no
        ),
    ]
    if st.contract_required:
        lines.append(
            tr("• zrealizowany kontrakt socjalny: {state}").format(
                state=yes if "contract" not in st.missing else no
            )
        )
    if st.graduate_until is not None:
        lines.append(tr("Status trwa do {d}.").format(d=fmt_date(st.graduate_until)))
    return "\n".join(lines)


def _contract_text(p: PeriodRow) -> str:
    if p.contract_number is not None:
        state = contract_statuses().get(p.contract_status or "", p.contract_status or "")
        return f"{p.contract_number or '—'} ({state})"
    return tr("brak – wymagany") if p.contract_missing else tr("nie dotyczy")


class PeriodModel(RowTableModel[PeriodRow]):
    """Participation periods; the CIS columns (trial end, latest end) only for a CIS."""

    def __init__(
        self,
        parent: Any = None,
        cis: bool = False,
        programme_months: int = 3,
        graduate_months: int = 6,
    ) -> None:
        reasons = end_reasons()
        self.statuses: dict[int, GraduateStatus] = {}  # period id -> graduate status today
        columns: list[Column[PeriodRow]] = [
            Column(tr("Początek"), lambda p: fmt_date(p.start_on), lambda p: _iso(p.start_on)),
            Column(
                tr("Planowany koniec"),
                lambda p: fmt_date(p.planned_end_on) or "—",
                lambda p: _iso(p.planned_end_on),
            ),
            Column(
                tr("Koniec"),
                lambda p: fmt_date(p.end_on) or tr("trwa"),
                lambda p: _iso(p.end_on) or "9999",
            ),
            Column(
                tr("Przyczyna zakończenia"),
                lambda p: reasons.get(p.end_reason or "", p.end_reason or ""),
                tooltip=lambda p: p.end_note or None,
            ),
            Column(tr("Grupa"), lambda p: p.group or "—"),
            Column(
                tr("IPZS") if cis else tr("Kontrakt socjalny"),
                _contract_text,
                foreground=lambda p: status.foreground("short") if p.contract_missing else None,
                tooltip=lambda p: (
                    tr(
                        "Okres bez zapisanego kontraktu socjalnego – warunek uczestnictwa w KIS "
                        "(art. 18 ust. 4 ustawy)"
                    )
                    if not cis
                    else tr("Okres bez zapisanego IPZS (art. 12 ust. 4, art. 13 ustawy)")
                )
                if p.contract_missing
                else None,
            ),
            Column(
                tr("{n} mies. upływa").format(n=graduate_months),
                lambda p: fmt_date(p.completes_on),
                lambda p: _iso(p.completes_on),
                tooltip=lambda p: tr(
                    "Dzień, w którym okres trwa pełne {n} mies. – pierwszy warunek statusu "
                    "absolwenta (art. 2 pkt 1a–1b; {where})"
                ).format(n=graduate_months, where=where_to_change("graduate_months")),
            ),
            Column(
                tr("Absolwent"),
                lambda p: graduate_text(self.statuses.get(p.id), graduate_months),
                tooltip=lambda p: graduate_tip(self.statuses.get(p.id), graduate_months),
            ),
        ]
        if cis:
            columns += [
                Column(
                    tr("Koniec okresu próbnego"),
                    lambda p: fmt_date(p.trial_end),
                    lambda p: _iso(p.trial_end),
                ),
                Column(
                    tr("Najpóźniejszy koniec"),
                    lambda p: fmt_date(p.latest_end),
                    lambda p: _iso(p.latest_end),
                ),
            ]
        columns.append(
            Column(
                tr("Uwagi"),
                lambda p: (
                    tr("krótszy niż {n} mies.").format(n=programme_months) if p.too_short else ""
                ),
                tooltip=lambda p: (
                    tr(
                        "Standard KIS zaleca program trwający co najmniej {n} miesiące "
                        "({where}) – to tylko ostrzeżenie."
                    ).format(n=programme_months, where=where_to_change("programme_min_months"))
                    if p.too_short
                    else None
                ),
            )
        )
        super().__init__(columns, parent)


class MonthHoursModel(RowTableModel[MonthHours]):
    """Attended vs required hours of each month (docs/domain.md#hours-minimum), with the status in words."""

    def __init__(self, parent: Any = None, hour_minutes: int = 45) -> None:
        h = hour_minutes
        super().__init__(
            [
                Column(
                    tr("Miesiąc"),
                    lambda m: month_name(m.year, m.month),
                    lambda m: m.year * 100 + m.month,
                ),
                Column(
                    tr("Obecności"),
                    _marks,
                    lambda m: m.marks.get("present", 0),
                    tooltip=lambda m: tr(
                        "O obecny · C częściowo · U nieobecność usprawiedliwiona · "
                        "N nieusprawiedliwiona"
                    ),
                ),
                Column(
                    tr("Zrealizowane"),
                    lambda m: fmt_hours(m.attended_minutes, h),
                    lambda m: m.attended_minutes,
                    RIGHT,
                ),
                Column(
                    tr("Wymagane"),
                    lambda m: fmt_hours(m.required_minutes, h),
                    lambda m: m.required_minutes,
                    RIGHT,
                ),
                Column(
                    tr("Zaplanowane"),
                    lambda m: fmt_hours(m.scheduled_minutes, h),
                    lambda m: m.scheduled_minutes,
                    RIGHT,
                    tooltip=lambda m: (
                        tr("Placówka zaplanowała mniej zajęć niż wymagane minimum")
                        if m.offer_short
                        else None
                    ),
                ),
                Column(
                    tr("Status"),
                    lambda m: (
                        status.status_text(month_key(m))
                        + (
                            tr(" (brak {h})").format(
                                h=fmt_hours(max(m.required_minutes - m.attended_minutes, 0), h)
                            )
                            if m.status != "met"
                            else ""
                        )
                    ),
                    lambda m: m.status,
                    background=lambda m: status.background(month_key(m)),
                    foreground=lambda m: status.foreground(month_key(m)),
                ),
            ],
            parent,
        )


class DocumentModel(RowTableModel[DocumentRow]):
    def __init__(self, parent: Any = None) -> None:
        kinds = document_kinds()
        super().__init__(
            [
                Column(tr("Numer"), lambda d: d.number, foreground=_muted),
                Column(
                    tr("Rodzaj"),
                    lambda d: kinds.get(d.kind, d.kind),
                    foreground=_muted,
                ),
                Column(
                    tr("Data wydania"),
                    lambda d: fmt_date(d.issued_on),
                    lambda d: d.issued_on.isoformat(),
                    CENTER,
                    foreground=_muted,
                ),
                Column(tr("Wydał(a)"), lambda d: d.issued_by, foreground=_muted),
                Column(
                    tr("Anulowany"),
                    lambda d: tr("tak") if d.cancelled else tr("nie"),
                    tooltip=lambda d: d.cancel_reason or None,
                    foreground=_muted,
                ),
            ],
            parent,
        )
