"""Which renderer draws which document kind (for reprints from the register)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from kisdesk.reports.pdf import (
    annual_report,
    benefit_list,
    certificate,
    cis_annual_report,
    cis_application,
    closing_notice,
    refund_application,
    register_form,
)

RENDERERS: dict[str, Callable[[Any, str | os.PathLike[str]], None]] = {
    "ending_certificate": certificate.render,
    "graduate_certificate": certificate.render,
    "register_form": register_form.render,
    "closing_notice": closing_notice.render,
    "annual_report": annual_report.render,
    "cis_application": cis_application.render,
    "cis_annual_report": cis_annual_report.render,
    "benefit_list": benefit_list.render,
    "refund_application": refund_application.render,
    "monthly_programme": benefit_list.render,  # the same landscape list layout
    "meal_list": refund_application.render_list,
}


def render(kind: str, data: Any, path: str | os.PathLike[str]) -> None:
    """Draw a registered document of `kind` (its data from the register's snapshot)."""
    RENDERERS[kind](data, path)
