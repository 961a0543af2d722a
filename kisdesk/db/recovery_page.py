"""The one page with the recovery key, printed once and kept in the office safe.

Plain text (any printer, any editor) or a one-page PDF with the key in large type. The key
is shown only here and in the dialog that creates it; kisdesk never stores it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kisdesk.console import command_name
from kisdesk.db.files import atomic_path, atomic_write
from kisdesk.i18n import tr
from kisdesk.paths import resource_path


def page_lines(
    recovery_key: str, key_id: str, office: str = "", when: dt.date | None = None
) -> list[str]:
    when = when or dt.date.today()
    return [
        tr("kisdesk – klucz odzyskiwania kopii zapasowych"),
        "",
        tr("Placówka: {office}").format(office=office or "………………………………………………"),
        tr("Data wydruku: {date}").format(date=when.strftime("%d.%m.%Y")),
        tr("Identyfikator klucza: {key_id}").format(key_id=key_id),
        "",
        tr("KLUCZ ODZYSKIWANIA:"),
        "",
        "    " + recovery_key,
        "",
        tr("Do czego służy: otwiera każdą kopię zapasową bazy kisdesk tej placówki, także gdy"),
        tr("nikt nie pamięta hasła kopii albo komputer uległ awarii lub zginął."),
        "",
        tr("Jak użyć: w programie kisdesk wybierz „Kopia zapasowa…” → „Przywróć z kopii…”,"),
        tr("wskaż plik kopii (.kisbak) i wpisz ten klucz zamiast hasła (wielkość liter i myślniki"),
        tr("nie mają znaczenia). Z wiersza poleceń:"),
        "  " + tr("{cli} restore PLIK --key-file PLIK_Z_KLUCZEM").format(cli=command_name()),
        "",
        tr("Przechowuj tę kartkę w sejfie lub zamkniętej szafie, osobno od laptopa i pendrive’ów."),
        tr("Kto ma tę kartkę i kopię zapasową, może odczytać dane uczestników (RODO art. 32)."),
        tr("Nie fotografuj jej i nie zapisuj klucza w komputerze."),
    ]


def write_text_page(path: Path, recovery_key: str, key_id: str, office: str = "") -> Path:
    text = "\n".join(page_lines(recovery_key, key_id, office)) + "\n"
    return atomic_write(path, text.encode("utf-8"))


def write_pdf_page(path: Path, recovery_key: str, key_id: str, office: str = "") -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    regular, bold = "KisRecovery", "KisRecovery-Bold"
    if regular not in pdfmetrics.getRegisteredFontNames():
        fonts = resource_path("fonts")
        pdfmetrics.registerFont(TTFont(regular, str(fonts / "LiberationSans-Regular.ttf")))
        pdfmetrics.registerFont(TTFont(bold, str(fonts / "LiberationSans-Bold.ttf")))
    lines = page_lines(recovery_key, key_id, office)
    with atomic_path(path) as temp:
        canvas = Canvas(str(temp), pagesize=A4)
        canvas.setTitle(lines[0])
        width, height = A4
        y = height - 30 * mm
        canvas.setFont(bold, 16)
        canvas.drawString(25 * mm, y, lines[0])
        y -= 14 * mm
        for line in lines[2:]:
            if line.startswith("    "):
                canvas.setFont(bold, 17)
                canvas.drawCentredString(width / 2, y, line.strip())
                canvas.rect(20 * mm, y - 6 * mm, width - 40 * mm, 16 * mm)
                y -= 12 * mm
                continue
            canvas.setFont(bold if line.isupper() else regular, 11)
            canvas.drawString(25 * mm, y, line)
            y -= 6.5 * mm
        canvas.showPage()
        canvas.save()
    return path


def write_page(path: Path, recovery_key: str, key_id: str, office: str = "") -> Path:
    """A .pdf or a .txt page, by the file's suffix."""
    if path.suffix.lower() == ".pdf":
        return write_pdf_page(path, recovery_key, key_id, office)
    return write_text_page(path, recovery_key, key_id, office)
