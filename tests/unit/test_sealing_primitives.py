"""The sealing primitives of the art. 9 data (docs/threat-model.md §3.4): what opens, what not."""

from __future__ import annotations

import dataclasses

import pytest

from kisdesk.errors import ValidationError
from kisdesk.services import sealing
from kisdesk.services.sealing import SealError


def test_a_value_opens_only_on_its_own_record() -> None:
    key = sealing.new_data_key()
    sealed = sealing.seal_value(key, "participant_health", 7, b"[2, 8]")
    assert b"[2, 8]" not in sealed
    assert sealing.open_value(key, "participant_health", 7, sealed) == b"[2, 8]"
    with pytest.raises(SealError) as moved:  # copied onto another person
        sealing.open_value(key, "participant_health", 8, sealed)
    assert moved.value.code == "sealing.value_altered"
    with pytest.raises(SealError):  # or onto another kind of record with the same id
        sealing.open_value(key, "activity_note", 7, sealed)


def test_a_tampered_value_or_another_key_is_refused() -> None:
    key = sealing.new_data_key()
    sealed = bytearray(sealing.seal_value(key, "activity_note", 3, b"Rozmowa o terapii"))
    sealed[-1] ^= 1
    with pytest.raises(SealError):
        sealing.open_value(key, "activity_note", 3, bytes(sealed))
    other = sealing.seal_value(sealing.new_data_key(), "activity_note", 3, b"x")
    with pytest.raises(SealError):
        sealing.open_value(key, "activity_note", 3, other)
    with pytest.raises(SealError):
        sealing.open_value(key, "activity_note", 3, b"\x01short")


def test_a_key_pair_opens_with_the_password_only() -> None:
    pair = sealing.new_key_pair(5, "Poprawne hasło 123")
    private = sealing.unwrap_private(pair, 5, "Poprawne hasło 123")
    assert len(private) == 32 and private not in pair.wrapped_private
    with pytest.raises(SealError) as wrong:
        sealing.unwrap_private(pair, 5, "Złe hasło 12345")
    assert wrong.value.code == "sealing.wrong_password"
    with pytest.raises(SealError):  # the wrapped key copied onto another account's row
        sealing.unwrap_private(pair, 6, "Poprawne hasło 123")


def test_the_data_key_sealed_to_an_account_opens_with_its_password() -> None:
    data_key = sealing.new_data_key()
    pair = sealing.new_key_pair(1, "Hasło kierownika 1")
    seal = sealing.seal_to(pair.public_key, data_key)
    assert data_key not in seal.sealed
    private = sealing.unwrap_private(pair, 1, "Hasło kierownika 1")
    assert sealing.open_seal(private, seal) == data_key
    stranger = sealing.unwrap_private(
        sealing.new_key_pair(2, "Hasło kadry 123"), 2, "Hasło kadry 123"
    )
    with pytest.raises(SealError):  # another account's private key does not open the seal
        sealing.open_seal(stranger, seal)
    tampered = dataclasses.replace(seal, sealed=seal.sealed[:-1] + bytes([seal.sealed[-1] ^ 1]))
    with pytest.raises(SealError):
        sealing.open_seal(private, tampered)


def test_a_password_change_keeps_the_key_pair() -> None:
    data_key = sealing.new_data_key()
    pair = sealing.new_key_pair(4, "Stare hasło 1234")
    seal = sealing.seal_to(pair.public_key, data_key)
    renewed = sealing.rewrap_private(pair, 4, "Stare hasło 1234", "Nowe hasło 56789")
    assert renewed.public_key == pair.public_key and renewed.salt != pair.salt
    assert (
        sealing.open_seal(sealing.unwrap_private(renewed, 4, "Nowe hasło 56789"), seal) == data_key
    )
    with pytest.raises(SealError):
        sealing.unwrap_private(renewed, 4, "Stare hasło 1234")


def test_the_recovery_key_opens_its_seal() -> None:
    data_key = sealing.new_data_key()
    text, public = sealing.new_recovery()
    seal = sealing.seal_to(public, data_key)
    assert sealing.open_with_recovery(text.lower(), seal) == data_key  # typed in lower case
    other, _ = sealing.new_recovery()
    with pytest.raises(ValidationError) as wrong:
        sealing.open_with_recovery(other, seal)
    assert wrong.value.code == "sealing.wrong_recovery_key"
    with pytest.raises(ValidationError):
        sealing.open_with_recovery("ABCD-1234", seal)
