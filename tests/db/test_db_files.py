"""Files are replaced whole: the old complete file or the new complete file, never a mix."""

from __future__ import annotations

from pathlib import Path

import pytest

from kisdesk.db import files
from kisdesk.errors import StorageError


def test_bytes_or_a_writer_replace_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "lista.xlsx"
    target.write_bytes(b"stara")
    files.atomic_write(target, b"nowa")
    assert target.read_bytes() == b"nowa"
    files.atomic_write(target, lambda handle: handle.write("z wywołania".encode()))
    assert target.read_bytes() == "z wywołania".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["lista.xlsx"]


def test_a_writer_that_fails_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "raport.pdf"
    target.write_bytes(b"poprzedni raport")

    def half_then_fail(handle: object) -> None:
        handle.write(b"pol")  # type: ignore[attr-defined]
        raise RuntimeError("renderer failed")

    with pytest.raises(RuntimeError):
        files.atomic_write(target, half_then_fail)
    assert target.read_bytes() == b"poprzedni raport"
    assert [p.name for p in tmp_path.iterdir()] == ["raport.pdf"]


def test_a_library_that_wants_a_file_name(tmp_path: Path) -> None:
    target = tmp_path / "zaswiadczenie.pdf"
    with files.atomic_path(target) as temp:
        assert temp.parent == tmp_path and temp != target
        temp.write_bytes(b"%PDF")
        assert not target.exists()  # nothing under the final name until it is complete
    assert target.read_bytes() == b"%PDF"


def test_an_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError) as caught:
        files.atomic_write(tmp_path / "brak" / "plik.txt", b"x")
    assert caught.value.code == "file.write_failed"


def test_only_old_temporaries_are_cleaned(tmp_path: Path) -> None:
    import os
    import time

    old = files.temp_name(tmp_path / "a.kisbak")
    old.write_bytes(b"x")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    fresh = files.temp_name(tmp_path / "b.kisbak")
    fresh.write_bytes(b"y")  # another process may be writing it right now
    (tmp_path / "c.kisbak").write_bytes(b"z")
    assert files.remove_stale_temps(tmp_path) == [old]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh.name, "c.kisbak"])
