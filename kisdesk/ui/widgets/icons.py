"""Icons from resources/icons, loaded once (SVG scales with high-DPI screens)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from kisdesk.paths import resource_path


@cache
def icon(name: str) -> QIcon:
    """resources/icons/<name>.svg; an empty icon when the file is missing."""
    path = resource_path("icons", f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()


def app_icon() -> QIcon:
    return icon("app")
