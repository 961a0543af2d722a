"""Windows path forms through kisdesk's path functions: drive letters, UNC and long paths,
mapped drives, reserved device names (PureWindowsPath on Linux, Windows' drive types faked)."""

from __future__ import annotations

from pathlib import PureWindowsPath

import pytest

from kisdesk.db import locations
from kisdesk.db.files import temp_name
from kisdesk.paths import sqlite_path, sqlite_url

DRIVE_FIXED, DRIVE_REMOTE, DRIVE_REMOVABLE = 3, 4, 2
DRIVES = {"C:\\": DRIVE_FIXED, "E:\\": DRIVE_REMOVABLE, "Z:\\": DRIVE_REMOTE}


@pytest.mark.parametrize(
    ("path", "network"),
    [
        ("C:\\Users\\Łukasz Nowak\\AppData\\Local\\kisdesk\\kisdesk.sqlite", False),
        ("c:/users/anna/kisdesk.sqlite", False),  # forward slashes, small letters
        ("E:\\kisdesk\\kisdesk.sqlite", False),  # a USB stick is local
        ("Z:\\KIS\\kisdesk.sqlite", True),  # a mapped network drive
        ("\\\\serwer\\KIS\\kisdesk.sqlite", True),
        ("//serwer/KIS/kisdesk.sqlite", True),
        ("\\\\?\\C:\\Users\\anna\\kisdesk.sqlite", False),  # a long path, local
        ("\\\\?\\UNC\\serwer\\KIS\\kisdesk.sqlite", True),
        ("\\\\?\\Z:\\KIS\\kisdesk.sqlite", True),
    ],
)
def test_network_places_in_every_windows_form(path: str, network: bool) -> None:
    reason = locations.windows_network_reason(path, lambda root: DRIVES.get(root.upper(), 3))
    assert bool(reason) is network


def test_a_windows_database_url_keeps_its_path() -> None:
    where = "C:\\Users\\Łukasz Nowak\\AppData\\Local\\kisdesk\\kisdesk 100% #1.sqlite"
    assert str(sqlite_path(sqlite_url(where))) == where
    unc = "\\\\serwer\\KIS\\kisdesk.sqlite"
    assert str(sqlite_path(sqlite_url(unc))) == unc


@pytest.mark.parametrize("name", ["CON", "nul", "Com1", "LPT9", "AUX"])
def test_document_names_never_a_device(name: str) -> None:
    pytest.importorskip("PySide6")
    from kisdesk.ui.files import file_name

    made = file_name(name)
    assert PureWindowsPath(made).stem.casefold() != name.casefold()
    assert made.endswith(".pdf")


@pytest.mark.parametrize("name", ["CON.pdf", "Zaświadczenie_1-2027_Nowak_Jan.pdf", "a" * 200])
def test_temporary_names_sit_beside_the_file_and_are_no_device(name: str) -> None:
    final = PureWindowsPath("C:\\Users\\anna\\Documents") / name
    temp = temp_name(final)  # type: ignore[arg-type]
    assert temp.parent == final.parent  # same folder: the rename stays on one volume
    assert temp.name.startswith(".") and temp.name.endswith(".kisdesk-tmp")
    assert temp.stem.split(".")[0] not in {"con", "nul", "prn", "aux"}
