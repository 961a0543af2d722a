"""Sprawozdanie KIS for the voivode (art. 18a ust. 6), docs/domain.md#documents."""

from __future__ import annotations

import os

from kisdesk.reports.pdf.forms import render_form
from kisdesk.services.documents_formdata import FormData


def render(data: FormData, path: str | os.PathLike[str]) -> None:
    render_form(data, path)
