"""Window and layout state remembered between runs (QSettings), keyed by name.

What is kept: window geometry, splitter positions, table header layouts (column widths,
order, sort), and small UI choices (the last tab). Business settings live in the database
(kisdesk.services.settings); this is only how the screen was arranged.

The file is `ui-state.ini` in the data folder, so KISDESK_DATA_DIR (development, tests)
moves it with everything else and a test never reads the user's real layout.
"""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import QApplication, QHeaderView, QSplitter, QWidget

from kisdesk.paths import data_dir

FILENAME = "ui-state.ini"
_stores: dict[str, QSettings] = {}


def store() -> QSettings:
    """The QSettings of the current data folder (one object per folder, written lazily)."""
    folder = data_dir()
    path = str(folder / FILENAME)
    settings = _stores.get(path)
    if settings is None:
        with contextlib.suppress(OSError):  # QSettings then keeps the values in memory
            folder.mkdir(parents=True, exist_ok=True)
        settings = _stores[path] = QSettings(path, QSettings.Format.IniFormat)
    return settings


def flush() -> None:
    """Write what changed to disk now (on closing the window)."""
    for settings in _stores.values():
        settings.sync()


def key_of(widget: QWidget, suffix: str = "") -> str:
    """A key from the class name and object name, e.g. "MainWindow/main"."""
    name = widget.objectName() or "default"
    return f"{type(widget).__name__}/{name}{('/' + suffix) if suffix else ''}"


def value(key: str, default: Any = None) -> Any:
    return store().value(key, default)


def set_value(key: str, data: Any) -> None:
    store().setValue(key, data)


def _bytes(raw: Any) -> QByteArray | None:
    if isinstance(raw, QByteArray) and not raw.isEmpty():
        return raw
    if isinstance(raw, (bytes, bytearray)) and raw:
        return QByteArray(bytes(raw))
    return None


def save_geometry(widget: QWidget, key: str | None = None) -> None:
    set_value(f"geometry/{key or key_of(widget)}", widget.saveGeometry())


def restore_geometry(widget: QWidget, key: str | None = None) -> bool:
    """True when a remembered geometry was applied."""
    raw = _bytes(value(f"geometry/{key or key_of(widget)}"))
    return bool(raw) and widget.restoreGeometry(raw)


def save_window_state(window: Any, key: str | None = None) -> None:
    """A QMainWindow's geometry and its toolbars/docks."""
    save_geometry(window, key)
    set_value(f"window/{key or key_of(window)}", window.saveState())


def restore_window_state(window: Any, key: str | None = None) -> bool:
    restored = restore_geometry(window, key)
    raw = _bytes(value(f"window/{key or key_of(window)}"))
    if raw is not None:
        window.restoreState(raw)
    return restored


def keep_header(header: QHeaderView, key: str) -> None:
    """Restore a table header's layout now and remember what the user arranges in it.

    Only the user's own arranging counts: dragging a column's edge or moving a column (a
    mouse button is down), and from then on every change. The program's fitting to contents
    and the last column stretching with the window are not saved: a layout saved from an
    empty first start would otherwise keep names cut off for good. The sort order chosen by a
    click on a title is kept on its own. The number of columns is part of the key: a version
    of the program with other columns starts from its own defaults.
    """
    # "/2": layouts saved before only arranged columns were kept may be stuck; start afresh
    key = f"{key}/{header.count()}/2"
    raw = _bytes(value(f"header/{key}"))
    if raw is not None and header.restoreState(raw):
        header.setProperty("kisdesk_restored", True)
    else:
        sort = value(f"header-sort/{key}")
        if isinstance(sort, str) and sort.count(":") == 1:
            section, order = sort.split(":")
            with contextlib.suppress(ValueError):
                header.setSortIndicator(int(section), Qt.SortOrder(int(order)))

    def changed(*_args: Any) -> None:
        if header.property("kisdesk_fitting"):
            return  # widgets.table.fit_columns at work
        if header.property("kisdesk_restored") or QApplication.mouseButtons() != Qt.NoButton:
            header.setProperty("kisdesk_restored", True)  # the user's layout from now on
            set_value(f"header/{key}", header.saveState())

    def sorted_by(section: int, order: Qt.SortOrder) -> None:
        if header.property("kisdesk_restored"):
            set_value(f"header/{key}", header.saveState())
        else:
            set_value(f"header-sort/{key}", f"{section}:{order.value}")

    header.sectionResized.connect(changed)
    header.sectionMoved.connect(changed)
    header.sortIndicatorChanged.connect(sorted_by)


def keep_splitter(splitter: QSplitter, key: str) -> None:
    """Restore a splitter's sizes now and remember every move."""
    raw = _bytes(value(f"splitter/{key}"))
    if raw is not None:
        splitter.restoreState(raw)
    splitter.splitterMoved.connect(lambda *_a: set_value(f"splitter/{key}", splitter.saveState()))
