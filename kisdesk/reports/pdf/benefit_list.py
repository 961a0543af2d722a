"""Lista wypłat świadczeń integracyjnych (art. 15; docs/domain.md#documents): A4 landscape, one row
per participant with room for the receipt signature; the monthly programme of classes
(art. 14 ust. 1a) uses the same wide layout."""

from __future__ import annotations

import os

from kisdesk.reports.pdf.forms import render_form
from kisdesk.reports.pdf.layout import LANDSCAPE
from kisdesk.services.documents_formdata import FormData


def render(data: FormData, path: str | os.PathLike[str]) -> None:
    render_form(data, path, pagesize=LANDSCAPE)
