"""Render every document of docs/domain.md#documents from a sample office, as PDF and PNG (first page).

    .venv/bin/python docs/documents/make_samples.py [OUT_DIR]

Needs `pdftoppm` (poppler-utils). The PNGs committed here are what the office sees; render
them again after changing a document's layout and look at them.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "unit")]

from test_documents_fixtures import seed  # noqa: E402

from kisdesk.db.open import open_database  # noqa: E402
from kisdesk.reports.pdf import (  # noqa: E402
    attendance_list,
    attendance_sheet,
    certificate,
    counselling_card,
    followup_calls,
    hours_report,
    journal,
)
from kisdesk.reports.pdf.documents import render as render_registered  # noqa: E402
from kisdesk.services import documents, documents_forms, listeners, outcomes  # noqa: E402
from kisdesk.services.documents_journal import counselling_card_data, journal_data  # noqa: E402
from kisdesk.services.documents_lists import (  # noqa: E402
    attendance_list_data,
    day_list_data,
    month_sheet_data,
)
from kisdesk.services.month_end import hours_report_data  # noqa: E402

ISSUED = dt.date(2027, 7, 20)
REPORTED = dt.date(2028, 3, 15)  # annual reports: by 31 March of the next year
HERE = Path(__file__).resolve().parent
# The pages kept in the repository (first page each); the others are rendered on request.
KEPT = {
    "certificate_ending_kis",
    "certificate_ending_cis",
    "certificate_duplicate",
    "attendance_list",
    "attendance_sheet",
    "journal",
    "counselling_card",
    "form_register",
    "form_closing",
    "form_annual_report_kis",
    "form_cis_application",
    "form_annual_report_cis",
    "followup_calls",
    "hours_report",
    "attendance_list_blank",
}
SKILLS = (
    "obsługa kasy fiskalnej i komputera w podstawowym zakresie; przygotowanie CV i rozmowa "
    "kwalifikacyjna; praca w zespole, punktualność, samodzielne załatwianie spraw w urzędzie"
)


def kis(out: Path, work: Path) -> None:
    db = open_database(f"sqlite:///{work / 'kis.sqlite'}")
    sd = seed(db)
    with db.session() as s:
        ending = documents.issue_certificate(s, sd.grzegorz_period, "ending_certificate", ISSUED)
        certificate.render(ending.data, out / "certificate_ending_kis.pdf")
        grad = documents.issue_certificate(s, sd.grzegorz_period, "graduate_certificate", ISSUED)
        certificate.render(grad.data, out / "certificate_graduate_kis.pdf")
        dup = documents.reprint(s, ending.id, duplicate=True, on=dt.date(2027, 9, 1))
        certificate.render(dup, out / "certificate_duplicate.pdf")
        for kind, name, year in (
            ("register_form", "form_register", None),
            ("closing_notice", "form_closing", None),
            ("annual_report", "form_annual_report_kis", 2027),
        ):
            when = REPORTED if year else ISSUED
            row = documents.register_form(s, documents_forms.form_data(s, kind, when, year))
            render_registered(kind, row.data, out / f"{name}.pdf")
    with db.read() as s:
        attendance_list.render(
            attendance_list_data(s, sd.monday_activity), out / "attendance_list.pdf"
        )
        attendance_list.render(
            day_list_data(s, sd.group_id, dt.date(2027, 3, 10)), out / "attendance_list_day.pdf"
        )
        attendance_sheet.render(
            month_sheet_data(s, sd.group_id, 2027, 3, as_of=dt.date(2027, 4, 2)),
            out / "attendance_sheet.pdf",
        )
        journal.render(
            journal_data(s, sd.group_id, 2027, 3, as_of=dt.date(2027, 3, 31)), out / "journal.pdf"
        )
        counselling_card.render(counselling_card_data(s, sd.grzegorz), out / "counselling_card.pdf")
        hours_report.render(
            hours_report_data(s, 2027, 3, sd.group_id, as_of=dt.date(2027, 4, 2)),
            out / "hours_report.pdf",
        )
        # the month's end before next month's classes are entered: a blank day list
        attendance_list.render(
            day_list_data(s, sd.group_id, dt.date(2027, 4, 6), blank=True),
            out / "attendance_list_blank.pdf",
        )
        first = outcomes.followups(s, dt.date.max, include_all=True)[0].due
        followup_calls.render(
            outcomes.call_list_data(s, first.year, first.month), out / "followup_calls.pdf"
        )
    db.dispose()


def cis(out: Path, work: Path) -> None:
    db = open_database(f"sqlite:///{work / 'cis.sqlite'}")
    sd = seed(db, kind="cis")
    with db.session() as s:
        ending = documents.issue_certificate(
            s, sd.grzegorz_period, "ending_certificate", ISSUED, skills=SKILLS
        )
        certificate.render(ending.data, out / "certificate_ending_cis.pdf")
        for kind, name, year in (
            ("cis_application", "form_cis_application", None),
            ("cis_annual_report", "form_annual_report_cis", 2027),
        ):
            when = REPORTED if year else ISSUED
            row = documents.register_form(s, documents_forms.form_data(s, kind, when, year))
            render_registered(kind, row.data, out / f"{name}.pdf")
    db.dispose()


def main() -> None:
    listeners.install()
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = Path(tmp) / "pdf"
        pdfs.mkdir()
        kis(pdfs, Path(tmp))
        cis(pdfs, Path(tmp))
        for pdf in sorted(pdfs.glob("*.pdf")):
            if out == HERE and pdf.stem not in KEPT:
                continue
            stem = out / pdf.stem
            subprocess.run(
                ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, stem],
                check=True,
            )
            if out != HERE:
                (out / pdf.name).write_bytes(pdf.read_bytes())
            print(stem.with_suffix(".png"))


if __name__ == "__main__":
    main()
