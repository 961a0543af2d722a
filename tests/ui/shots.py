"""Screenshots the tests keep for a person to look at after a run: under $KISDESK_SHOTS when
set, else the system's temporary folder (kisdesk-shots/<area>/), on every platform. Saving
asserts that something was drawn."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QWidget


def shots_dir(area: str) -> Path:
    base = Path(os.environ.get("KISDESK_SHOTS") or Path(tempfile.gettempdir()) / "kisdesk-shots")
    folder = base / area
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def keep(widget: QWidget, area: str, name: str) -> Path:
    target = shots_dir(area) / (name if name.endswith(".png") else f"{name}.png")
    assert widget.grab().save(str(target)), f"{name}: nothing to save"
    return target
