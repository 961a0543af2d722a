"""Zgłoszenie zaprzestania prowadzenia KIS (art. 18a ust. 4): a letter, docs/domain.md#documents."""

from __future__ import annotations

import os

from kisdesk.reports.pdf.forms import render_form
from kisdesk.services.documents_formdata import FormData


def render(data: FormData, path: str | os.PathLike[str]) -> None:
    # No model form exists ("w formie pisemnej"): a plain letter.
    render_form(data, path, letter=True)
