"""100 certificates against bare reportlab; a year's attendance workbook against bare openpyxl.

Target (issue: scale and speed): within 3× of the bare library. The bare baselines write the
same content with the least code the library allows: the certificates' texts as plain
paragraphs and the hours as a plain table in reportlab's SimpleDocTemplate (same font), the workbook's cells written to plain sheets
(no styles, widths, frozen panes or number formats).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from common import TODAY, Result, demo_db, median_time
from openpyxl import Workbook
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table
from sqlalchemy import select

from kisdesk.db.database import Database
from kisdesk.models import IssuedDocument
from kisdesk.reports.pdf import certificate
from kisdesk.reports.pdf.fonts import SERIF, register_fonts
from kisdesk.reports.xlsx import attendance as attendance_xlsx
from kisdesk.services import documents, exports_attendance

SIZES = ("300x10", "2000x10")
YEAR = TODAY.year - 1


def _certificate_lines(data: certificate.CertificateData) -> list[str]:
    h = data.header
    lines = [
        h.operator_name,
        h.office_name,
        h.address,
        h.contact,
        f"{data.place}, {data.issued_on}",
    ]
    lines += [data.title, data.number, data.subtitle, data.legal_basis, data.intro]
    lines += [
        f"{data.person_title} {data.person_name}",
        f"{data.person_id_label}: {data.person_id}",
    ]
    lines += [data.body, data.basis, data.hours_intro]
    lines += [f"{r.form}  {r.hours}" for r in data.hours]
    lines += [data.total_hours, data.end_reason, data.skills, data.statement]
    lines += [data.signatory_name, data.signatory_role]
    return [line for line in lines if line]


def _bare_certificates(items: list[certificate.CertificateData], path: Path) -> None:
    """The same pages with reportlab's own layout engine and default styles: the texts as
    wrapped paragraphs, the hours as a table, one certificate a page, the same font."""
    register_fonts()
    styles = getSampleStyleSheet()
    body = ParagraphStyle("b", parent=styles["Normal"], fontName=SERIF, fontSize=11, leading=14)
    flow: list = []
    for data in items:
        if flow:
            flow.append(PageBreak())
        flow += [Paragraph(escape(line), body) for line in _certificate_lines(data)]
        rows = [[escape(r.form), r.hours] for r in data.hours] + [["Razem", data.total_hours]]
        flow.append(
            Table(
                rows,
                style=[
                    ("FONT", (0, 0), (-1, -1), SERIF, 10),
                    ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                ],
            )
        )
    SimpleDocTemplate(str(path), pagesize=A4).build(flow)


def _bare_workbook(data: exports_attendance.AttendanceExport, path: Path) -> None:
    book = Workbook(write_only=True)  # the library's fastest way to write
    for month in data.months:
        sheet = book.create_sheet(f"{month.year}-{month.month:02d}")
        sheet.append(["Nazwisko", "Imię", "Grupa", *[d.isoformat() for d in month.days], "Godziny"])
        for person in month.people:
            row = [person.last_name, person.first_name, person.group or ""]
            row += [
                attendance_xlsx.marks_text(person.days[d]) if d in person.days else ""
                for d in month.days
            ]
            row.append(person.attended_minutes / data.hour_minutes)
            sheet.append(row)
    book.save(path)


def run(size: str) -> list[Result]:
    db = Database(f"sqlite:///{demo_db(size)}")
    with db.read() as s:
        ids = list(
            s.scalars(
                select(IssuedDocument.id)
                .where(IssuedDocument.kind == "ending_certificate")
                .order_by(IssuedDocument.id)
                .limit(100)
            )
        )
        items = [documents.reprint(s, i, duplicate=False) for i in ids]
    folder = Path(tempfile.mkdtemp(prefix="kisdesk-bench-"))

    def ours_certificates() -> None:
        with db.read() as s:
            data = [documents.reprint(s, i, duplicate=False) for i in ids]
        certificate.render_many(data, folder / "ours.pdf")

    certs = Result(
        f"{len(ids)} certificates (PDF)",
        size,
        median_time(ours_certificates, repeat=3),
        median_time(lambda: _bare_certificates(items, folder / "bare.pdf"), repeat=3),
        "bare reportlab platypus",
        "≤ 3× bare",
    )
    certs.ok = certs.ratio <= 3

    months = [(YEAR, m) for m in range(1, 13)]
    with db.read() as s:
        query_time = median_time(lambda: exports_attendance.attendance_export(s, months), repeat=3)
        data = exports_attendance.attendance_export(s, months)
    book = Result(
        f"attendance workbook {YEAR} (12 sheets)",
        size,
        median_time(lambda: attendance_xlsx.render(data, folder / "ours.xlsx"), repeat=3),
        median_time(lambda: _bare_workbook(data, folder / "bare.xlsx"), repeat=3),
        "bare openpyxl, same cells",
        "≤ 3× bare",
        notes=[f"the year's data query itself: {query_time * 1000:.0f} ms"],
    )
    book.ok = book.ratio <= 3
    db.dispose()
    return [certs, book]
