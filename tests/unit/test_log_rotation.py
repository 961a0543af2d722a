"""The program's log never fills an office laptop: it rotates into a few files of limited size."""

from __future__ import annotations

import logging
from pathlib import Path

from kisdesk.app import LOG_BYTES, LOG_FILES, RotatingLog


def test_the_log_rotates_into_a_limited_number_of_files(tmp_path: Path) -> None:
    handler = RotatingLog(tmp_path / "kisdesk.log", maxBytes=1000, backupCount=2, encoding="utf-8")
    log = logging.getLogger("kisdesk.test_rotation")
    log.propagate = False
    log.addHandler(handler)
    try:
        for i in range(100):
            log.warning("wiersz %03d %s", i, "x" * 80)
    finally:
        log.removeHandler(handler)
        handler.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["kisdesk.log", "kisdesk.log.1", "kisdesk.log.2"]
    assert all(p.stat().st_size <= 1000 for p in tmp_path.iterdir())
    assert "wiersz 099" in (tmp_path / "kisdesk.log").read_text(encoding="utf-8")
    # the program's own limits: a few megabytes at most
    assert LOG_BYTES * (LOG_FILES + 1) <= 10_000_000


def test_a_rename_refused_by_another_copy_of_the_program_is_not_an_error(
    tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    handler = RotatingLog(tmp_path / "kisdesk.log", maxBytes=300, backupCount=2, encoding="utf-8")
    # Windows refuses to rename a file another process keeps open: a folder in the way of
    # the rotated name makes the rename fail here alike
    (tmp_path / "kisdesk.log.1").mkdir()
    (tmp_path / "kisdesk.log.1" / "x").write_text("")
    log = logging.getLogger("kisdesk.test_rotation_refused")
    log.propagate = False
    log.addHandler(handler)
    try:
        for i in range(20):
            log.warning("wiersz %03d %s", i, "x" * 80)
    finally:
        log.removeHandler(handler)
        handler.close()
    assert "Logging error" not in capsys.readouterr().err
    assert "wiersz 019" in (tmp_path / "kisdesk.log").read_text(encoding="utf-8")
