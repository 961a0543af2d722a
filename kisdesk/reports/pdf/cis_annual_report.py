"""Sprawozdanie centrum integracji społecznej (Dz.U. 2017 poz. 97), docs/domain.md#documents."""

from __future__ import annotations

import os

from kisdesk.reports.pdf.forms import render_form
from kisdesk.services.documents_formdata import FormData


def render(data: FormData, path: str | os.PathLike[str]) -> None:
    render_form(data, path)
