"""Start the desktop application on a database URL."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from kisdesk.db.open import open_database
from kisdesk.errors import KisdeskError
from kisdesk.messages import describe
from kisdesk.services.office import get_office, has_office


def run(url: str) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("kisdesk")
    try:
        db = open_database(url)
        with db.read() as s:
            text = get_office(s).name if has_office(s) else "Placówka nie jest jeszcze założona."
    except KisdeskError as exc:
        text = describe(exc)
    window.setCentralWidget(QLabel(text))
    window.resize(900, 600)
    window.show()
    return app.exec()
