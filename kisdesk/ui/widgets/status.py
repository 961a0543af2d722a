"""Colours and words for the monthly-minimum status (docs/domain.md#hours-minimum), shared by every page.

A status is never shown by colour alone: `status_text()` gives the word that goes with it.
Backgrounds are light and the text dark, so they stay readable on a projector and in print.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

MET = "met"
IN_PROGRESS = "in_progress"
AT_RISK = "at_risk"  # in progress, and even every remaining class would not be enough
SHORT = "short"
OVER = "over"  # CIS: above the weekly maximum of art. 14 ust. 1

_BACKGROUND = {
    MET: "#d7efd9",
    IN_PROGRESS: "#fff1c7",
    AT_RISK: "#ffdcbf",
    SHORT: "#f7d1d1",
    OVER: "#e9d5f2",
}
_FOREGROUND = {
    MET: "#1d5e24",
    IN_PROGRESS: "#6b4d00",
    AT_RISK: "#8a3a00",
    SHORT: "#8b1a1a",
    OVER: "#5b1f73",
}


def key(status: str, at_risk: bool = False) -> str:
    """The colour key of a month status; at risk counts only while still in progress."""
    return AT_RISK if at_risk and status == IN_PROGRESS else status


def background(status: str) -> QColor | None:
    value = _BACKGROUND.get(status)
    return QColor(value) if value else None


def foreground(status: str) -> QColor | None:
    value = _FOREGROUND.get(status)
    return QColor(value) if value else None


def status_text(status: str) -> str:
    """The Polish word for a status key (met / in_progress / at_risk / short / over)."""
    texts = {
        MET: QCoreApplication.translate("status", "minimum osiągnięte"),
        IN_PROGRESS: QCoreApplication.translate("status", "w toku"),
        AT_RISK: QCoreApplication.translate("status", "zagrożone"),
        SHORT: QCoreApplication.translate("status", "poniżej minimum"),
        OVER: QCoreApplication.translate("status", "powyżej maksimum"),
    }
    return texts.get(status, status)
