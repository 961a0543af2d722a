"""Zgłoszenie do rejestru klubów integracji społecznej (Dz.U. 2012 poz. 513), docs/domain.md#documents."""

from __future__ import annotations

import os

from kisdesk.reports.pdf.forms import render_form
from kisdesk.services.documents_formdata import FormData


def render(data: FormData, path: str | os.PathLike[str]) -> None:
    # The regulation's form numbers the fields within each part.
    render_form(data, path, numbered=True)
