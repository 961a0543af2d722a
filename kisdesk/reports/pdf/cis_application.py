"""Wniosek o przyznanie statusu centrum integracji społecznej (art. 4 ust. 2), docs/domain.md#documents."""

from __future__ import annotations

import os

from kisdesk.reports.pdf.forms import render_form
from kisdesk.services.documents_formdata import FormData


def render(data: FormData, path: str | os.PathLike[str]) -> None:
    # The points keep the act's numbering (1, 2, 2a … 10), carried in the labels.
    render_form(data, path)
