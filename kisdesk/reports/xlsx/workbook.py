"""Write any of the four workbooks from its data, and say what was written: the GUI and the
command line both log an export (kisdesk.services.exports.record_export) only once its file
is on disk, and tell the user how many rows it holds and whom it left out (RODO art. 18)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kisdesk.reports.xlsx import attendance, hours, participants, statistics
from kisdesk.services.exports import HoursExport, ParticipantList
from kisdesk.services.exports_attendance import AttendanceExport
from kisdesk.services.exports_stats import StatisticsExport

ExportData = ParticipantList | AttendanceExport | HoursExport | StatisticsExport


@dataclass(frozen=True, slots=True)
class Written:
    path: Path
    kind: str  # participants | attendance | hours | statistics (the audit log's "kind")
    records: int  # data rows written
    restricted_skipped: int  # people left out: processing restricted (RODO art. 18)
    details: dict[str, Any] = field(default_factory=dict)  # more for the audit entry


def write(data: ExportData, path: str | os.PathLike[str]) -> Written:
    """Render `data` into `path` (atomically); OSError when the file cannot be written."""
    skipped = data.header.restricted_skipped
    if isinstance(data, ParticipantList):
        out = participants.render(data, path)
        return Written(out, "participants", len(data.rows), skipped)
    if isinstance(data, AttendanceExport):
        out = attendance.render(data, path)
        return Written(out, "attendance", sum(len(m.people) for m in data.months), skipped)
    if isinstance(data, HoursExport):
        return Written(hours.render(data, path), "hours", data.records, skipped)
    out = statistics.render(data, path)
    details = {"identified": data.identified}
    return Written(out, "statistics", len(data.details), skipped, details)
