"""Wniosek do starosty o refundację świadczeń integracyjnych ze składkami (art. 15 ust. 8),
with the list of benefits paid attached."""

from __future__ import annotations

import os

from kisdesk.reports.pdf.forms import render_form
from kisdesk.services.documents_formdata import FormData


def render(data: FormData, path: str | os.PathLike[str]) -> None:
    render_form(data, path, letter=True)


def render_list(data: FormData, path: str | os.PathLike[str]) -> None:
    """A portrait list for signatures (the meal list of art. 14 ust. 4)."""
    render_form(data, path)
