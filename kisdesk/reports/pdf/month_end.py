"""The month's papers in one go (docs/domain.md#month-end): each planned document built through
the services and drawn into its own PDF in a folder, one after another, with progress.

Nothing is half-made: each PDF appears under its name only when complete (layout.build writes
atomically). A document that fails is named with the reason and the others are still made;
those already made are kept. The desktop app and `kisdesk print month-end` both call
`make_month_end`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from kisdesk.errors import KisdeskError
from kisdesk.i18n import tr
from kisdesk.messages import describe
from kisdesk.reports.file_names import file_name, free_path
from kisdesk.reports.pdf import attendance_list, attendance_sheet, hours_report, journal
from kisdesk.reports.pdf.layout import Progress
from kisdesk.services.month_end import MonthEndPlan, Step, month_end_data

log = logging.getLogger(__name__)

# Each returns the number of pages it wrote.
RENDERERS: dict[str, Callable[[Any, Path], int]] = {
    "attendance_sheet": attendance_sheet.render,
    "journal": journal.render,
    "hours_report": hours_report.render,
    "next_lists": attendance_list.render_many,
}


@dataclass(frozen=True, slots=True)
class Made:
    kind: str
    label: str
    path: Path
    pages: int  # as printed (a long journal or a list of many people takes more than one)


@dataclass(frozen=True, slots=True)
class Failed:
    kind: str
    label: str
    reason: str  # Polish


@dataclass(frozen=True, slots=True)
class MonthEndResult:
    plan: MonthEndPlan
    folder: Path
    made: tuple[Made, ...]
    failed: tuple[Failed, ...]
    stopped: tuple[str, ...] = ()  # labels of the documents not made because the user stopped


def target_name(step: Step) -> str:
    """ "Obecnosci_2027-03_Grupa_poniedziałkowa.pdf": kind, month, group."""
    return file_name(*step.file_parts)


def make_month_end(
    session: Session,
    plan: MonthEndPlan,
    folder: Path,
    *,
    as_of: dt.date | None = None,
    progress: Progress | None = None,
) -> MonthEndResult:
    """Draw every document of `plan` into `folder` (made if missing). `progress(done, total,
    text)` names the document being made; it may raise to stop (the desktop's Cancel): what
    was made before stays, and the result lists the documents not made (`stopped`)."""
    made: list[Made] = []
    failed: list[Failed] = []
    total = len(plan.steps)
    if total:  # nothing to make (every document skipped): no empty folder left behind
        folder.mkdir(parents=True, exist_ok=True)
    for done, step in enumerate(plan.steps):
        if progress is not None:
            try:
                progress(
                    done,
                    total,
                    tr("Tworzenie: {doc} ({n} z {total})").format(
                        doc=step.label, n=done + 1, total=total
                    ),
                )
            except Exception:  # the user pressed Cancel: keep what was made, say what was not
                stopped = tuple(s.label for s in plan.steps[done:])
                return MonthEndResult(plan, folder, tuple(made), tuple(failed), stopped)
        target = free_path(folder, target_name(step))
        try:
            data = month_end_data(session, plan, step, as_of)
            pages = RENDERERS[step.kind](data, target)
        except KisdeskError as exc:
            failed.append(Failed(step.kind, step.label, describe(exc)))
            continue
        except OSError as exc:
            log.warning("month end: %s not written: %s", target, exc)
            failed.append(
                Failed(
                    step.kind,
                    step.label,
                    tr("nie można zapisać pliku {path}: {reason}").format(
                        path=target, reason=exc.strerror or exc
                    ),
                )
            )
            continue
        made.append(Made(step.kind, step.label, target, pages))
    if progress is not None:
        progress(total, total, tr("Gotowe"))
    return MonthEndResult(plan, folder, tuple(made), tuple(failed))
