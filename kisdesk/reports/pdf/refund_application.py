"""Wniosek do starosty o refundację świadczeń integracyjnych ze składkami (art. 15 ust. 8),
with the list of benefits paid attached."""

from __future__ import annotations

import os

from kisdesk.reports.pdf.forms import render_form
from kisdesk.services.documents_formdata import FormData


def render(data: FormData, path: str | os.PathLike[str]) -> None:
    render_form(data, path, letter=True)
