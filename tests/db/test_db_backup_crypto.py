"""The .kisbak format: any change, cut, reordering or wrong key is detected; keys are typed."""

from __future__ import annotations

import io
import os
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kisdesk.db import backup_crypto as bc
from kisdesk.errors import StorageError, ValidationError

KEY = bytes(range(32))


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bc, "CHUNK_SIZE", 64)  # many chunks from a few bytes


def seal(data: bytes, key: bytes = KEY) -> bytes:
    out = io.BytesIO()
    bc.encrypt(io.BytesIO(data), out, key, {"created_at": "2026-11-22T10:00:00+00:00"})
    return out.getvalue()


def open_(blob: bytes, key: bytes = KEY) -> bytes:
    out = io.BytesIO()
    bc.decrypt(io.BytesIO(blob), out, key)
    return out.getvalue()


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_round_trip_at_every_size(data: bytes) -> None:
    assert open_(seal(data)) == data


def _chunk_offsets(blob: bytes) -> list[tuple[int, int]]:
    header = io.BytesIO(blob)
    bc.read_header(header)
    offsets, position = [], header.tell()
    while position < len(blob):
        (length,) = struct.unpack(">I", blob[position : position + 4])
        offsets.append((position, 4 + length))
        position += 4 + length
    return offsets


def test_a_cut_after_any_whole_chunk_is_detected() -> None:
    blob = seal(os.urandom(300))  # 5 chunks of 64 bytes
    for start, _ in _chunk_offsets(blob)[1:]:
        with pytest.raises(StorageError) as caught:
            open_(blob[:start])
        assert caught.value.code == "backup.truncated"


def test_dropped_or_swapped_chunks_are_detected() -> None:
    blob = seal(os.urandom(300))
    chunks = _chunk_offsets(blob)
    (a, la), (b, lb) = chunks[1], chunks[2]
    swapped = blob[:a] + blob[b : b + lb] + blob[a : a + la] + blob[b + lb :]
    dropped = blob[:a] + blob[a + la :]
    for broken in (swapped, dropped):
        with pytest.raises(StorageError) as caught:
            open_(broken)
        assert caught.value.code == "backup.damaged"


def test_any_flipped_bit_is_detected() -> None:
    blob = seal(b"uczestnicy i obecno\xc5\x9bci " * 10)
    for where in range(8, len(blob), 7):
        broken = bytearray(blob)
        broken[where] ^= 0x10
        with pytest.raises(StorageError):
            open_(bytes(broken))


def test_bytes_after_the_last_chunk_are_refused() -> None:
    with pytest.raises(StorageError) as caught:
        open_(seal(b"abc") + b"\0")
    assert caught.value.code == "backup.damaged"


def test_another_key_is_refused_before_decrypting() -> None:
    with pytest.raises(StorageError) as caught:
        open_(seal(b"abc"), key=bytes(32))
    assert caught.value.code == "backup.wrong_key"


def test_not_a_backup_and_a_newer_format() -> None:
    with pytest.raises(StorageError) as caught:
        open_(b"SQLite format 3\0" + bytes(100))
    assert caught.value.code == "backup.not_a_backup"
    newer = bytearray(seal(b"abc"))
    newer[8:10] = struct.pack(">H", 2)
    with pytest.raises(StorageError) as caught:
        open_(bytes(newer))
    assert caught.value.code == "backup.newer_format"


def test_the_data_key_opens_with_the_passphrase_or_the_recovery_key_only() -> None:
    key_id = bc.key_id_of(KEY)
    recovery = bc.new_recovery_key()
    wraps = [
        bc.wrap_with_passphrase(KEY, key_id, "zielony rower nad Wartą"),
        bc.wrap_with_recovery(KEY, key_id, recovery),
    ]
    assert bc.unwrap_data_key(wraps, key_id, "zielony rower nad Wartą") == KEY
    # NFC: "ą" typed as "a" + combining ogonek is the same passphrase
    assert bc.unwrap_data_key(wraps, key_id, "zielony rower nad Warta\u0328") == KEY
    assert bc.unwrap_data_key(wraps, key_id, recovery.lower().replace("-", " ")) == KEY
    with pytest.raises(StorageError) as caught:
        bc.unwrap_data_key(wraps, key_id, "zielony rower nad Odrą")
    assert caught.value.code == "backup.wrong_key"


def test_a_mistyped_recovery_key_is_caught_by_its_checksum() -> None:
    key = bc.new_recovery_key()
    groups = key.split("-")
    assert len(groups) == 9 and all(len(g) == 4 for g in groups)
    assert bc.parse_recovery_key(key.replace("0", "O").replace("1", "I"))  # read-alikes
    wrong = ("Z" if key[0] != "Z" else "Y") + key[1:]
    with pytest.raises(ValidationError) as caught:
        bc.parse_recovery_key(wrong)
    assert caught.value.code == "recovery_key.invalid"
    assert not bc.looks_like_recovery_key("zielony rower nad Wartą")


def test_a_short_passphrase_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        bc.check_passphrase("krótkie")
    assert caught.value.code == "backup.passphrase_too_short"
