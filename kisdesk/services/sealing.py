"""Sealing primitives for the art. 9 data (docs/threat-model.md §3.4).

- The sensitive-data key: 256 random bits. Values are sealed with AES-256-GCM under it, with
  the record's kind and id as associated data, so a value copied onto another record (another
  person) does not open: it is refused as altered.
- Each account's X25519 key pair: the private key is wrapped with AES-256-GCM under a key
  derived by Argon2id from the account's *password* and a salt of its own. That key is
  never stored and never derived from the stored password hash (which anyone who opens the
  database can read, unlike the password).
- The data key is sealed to a public key (ephemeral X25519, HKDF-SHA256, AES-256-GCM), so the
  leader's program seals it to another account without that account's password.
- The recovery key (160 random bits, printed for the safe; kisdesk.db.backup_crypto's
  format) derives an X25519 key pair too: its public key is kept with the seal, so a new data
  key is sealed to it again without the recovery key at hand.

Pure functions on bytes: no database, no Qt. kisdesk.services.sensitive keeps the keys and
the values in the database.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kisdesk.db.backup_crypto import new_recovery_key, parse_recovery_key
from kisdesk.errors import PermissionDenied, ValidationError
from kisdesk.rules.passwords import normalise

KEY_BYTES = 32
_NONCE = 12
_SALT = 16
_VERSION = b"\x01"
# argon2-cffi's defaults (RFC 9106 low-memory profile), as for the password hashes.
ARGON2_TIME, ARGON2_MEMORY, ARGON2_PARALLELISM = 3, 65536, 4
_RAW = serialization.Encoding.Raw


class SealError(PermissionDenied):
    """A sealed value, seal or wrapped key that does not open with what was given."""


def new_data_key() -> bytes:
    return os.urandom(KEY_BYTES)


def key_id(data_key: bytes) -> str:
    """A fingerprint naming a data key (which seals belong to the current key)."""
    return hashlib.sha256(b"kisdesk-sensitive-key\x00" + data_key).hexdigest()[:16]


def _aad(kind: str, record_id: int) -> bytes:
    if record_id is None or int(record_id) <= 0:  # a value is always bound to a saved record
        raise ValueError("a sealed value needs its record's id")
    return f"kisdesk-sealed:{kind}:{int(record_id)}".encode("ascii")


# -- values -------------------------------------------------------------------------------------
def seal_value(data_key: bytes, kind: str, record_id: int, plain: bytes) -> bytes:
    """version ‖ nonce ‖ AES-256-GCM(plain), bound to (kind, record_id)."""
    nonce = os.urandom(_NONCE)
    return _VERSION + nonce + AESGCM(data_key).encrypt(nonce, plain, _aad(kind, record_id))


def open_value(data_key: bytes, kind: str, record_id: int, sealed: bytes) -> bytes:
    """The plain bytes of a sealed value; SealError when it was altered, moved to another
    record, or sealed under another key."""
    if len(sealed) < 1 + _NONCE + 16 or sealed[:1] != _VERSION:
        raise SealError("sealing.value_altered", kind=kind, id=record_id)
    nonce, body = sealed[1 : 1 + _NONCE], sealed[1 + _NONCE :]
    try:
        return AESGCM(data_key).decrypt(nonce, body, _aad(kind, record_id))
    except InvalidTag:
        raise SealError("sealing.value_altered", kind=kind, id=record_id) from None


# -- account key pairs ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class WrappedKeyPair:
    """What is stored of an account's key pair (kisdesk.models.AccountKey)."""

    public_key: bytes
    wrapped_private: bytes
    salt: bytes
    kdf: str


def _kdf_text() -> str:
    return f"argon2id:m={ARGON2_MEMORY},t={ARGON2_TIME},p={ARGON2_PARALLELISM}"


def _parse_kdf(kdf: str) -> tuple[int, int, int]:
    try:
        name, params = kdf.split(":", 1)
        values = dict(part.split("=", 1) for part in params.split(","))
        if name != "argon2id":
            raise ValueError(name)
        return int(values["m"]), int(values["t"]), int(values["p"])
    except (KeyError, ValueError):
        raise SealError("sealing.key_damaged") from None


def _password_key(password: str, salt: bytes, kdf: str) -> bytes:
    memory, time, parallelism = _parse_kdf(kdf)
    return hash_secret_raw(
        normalise(password).encode("utf-8"),
        salt,
        time_cost=time,
        memory_cost=memory,
        parallelism=parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _pair_aad(user_id: int, public_key: bytes) -> bytes:
    # The wrap names its account and public key: a wrapped private key copied onto another
    # account's row does not open there.
    return b"kisdesk-account-key:" + str(int(user_id)).encode("ascii") + b":" + public_key


def _wrap_private(private: X25519PrivateKey, user_id: int, password: str) -> WrappedKeyPair:
    public = private.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)
    raw = private.private_bytes(_RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    salt, kdf = os.urandom(_SALT), _kdf_text()
    nonce = os.urandom(_NONCE)
    kek = _password_key(password, salt, kdf)
    wrapped = nonce + AESGCM(kek).encrypt(nonce, raw, _pair_aad(user_id, public))
    return WrappedKeyPair(public, wrapped, salt, kdf)


def new_key_pair(user_id: int, password: str) -> WrappedKeyPair:
    """A fresh X25519 key pair for an account, its private key wrapped by `password`."""
    return _wrap_private(X25519PrivateKey.generate(), user_id, password)


def unwrap_private(pair: WrappedKeyPair, user_id: int, password: str) -> bytes:
    """The raw private key; SealError for a wrong password or an altered row."""
    nonce, body = pair.wrapped_private[:_NONCE], pair.wrapped_private[_NONCE:]
    kek = _password_key(password, pair.salt, pair.kdf)
    try:
        return AESGCM(kek).decrypt(nonce, body, _pair_aad(user_id, pair.public_key))
    except InvalidTag:
        raise SealError("sealing.wrong_password") from None


def rewrap_private(pair: WrappedKeyPair, user_id: int, old: str, new: str) -> WrappedKeyPair:
    """The same key pair under a new password (a password change keeps the seals)."""
    raw = unwrap_private(pair, user_id, old)
    return _wrap_private(X25519PrivateKey.from_private_bytes(raw), user_id, new)


# -- seals ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Seal:
    """The data key sealed to one public key (kisdesk.models.DataKeySeal)."""

    recipient: bytes
    ephemeral: bytes
    sealed: bytes


def _seal_key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    info = b"kisdesk-data-key-seal\x00" + ephemeral + recipient
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=info).derive(shared)


def seal_to(recipient: bytes, data_key: bytes) -> Seal:
    """Seal `data_key` to an X25519 public key (ECIES: ephemeral key, HKDF-SHA256, AES-GCM)."""
    if len(recipient) != KEY_BYTES:
        raise SealError("sealing.key_damaged")
    ephemeral = X25519PrivateKey.generate()
    eph_public = ephemeral.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
    key = _seal_key(shared, eph_public, recipient)
    nonce = os.urandom(_NONCE)
    sealed = nonce + AESGCM(key).encrypt(nonce, data_key, b"kisdesk-data-key")
    return Seal(recipient, eph_public, sealed)


def open_seal(private: bytes, seal: Seal) -> bytes:
    """The data key of a seal, with the recipient's raw private key."""
    try:
        own = X25519PrivateKey.from_private_bytes(private)
        shared = own.exchange(X25519PublicKey.from_public_bytes(seal.ephemeral))
    except ValueError:
        raise SealError("sealing.key_damaged") from None
    key = _seal_key(shared, seal.ephemeral, seal.recipient)
    try:
        return AESGCM(key).decrypt(seal.sealed[:_NONCE], seal.sealed[_NONCE:], b"kisdesk-data-key")
    except InvalidTag:
        raise SealError("sealing.seal_altered") from None


# -- the recovery key -------------------------------------------------------------------------
def _recovery_private(recovery_key: str) -> X25519PrivateKey:
    raw = parse_recovery_key(recovery_key)
    seed = HKDF(
        algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=b"kisdesk-sensitive-recovery"
    ).derive(raw)
    return X25519PrivateKey.from_private_bytes(seed)


def new_recovery() -> tuple[str, bytes]:
    """A fresh recovery key to print, and the public key the data key is sealed to."""
    text = new_recovery_key()
    return text, recovery_public(text)


def recovery_public(recovery_key: str) -> bytes:
    public = _recovery_private(recovery_key).public_key()
    return public.public_bytes(_RAW, serialization.PublicFormat.Raw)


def open_with_recovery(recovery_key: str, seal: Seal) -> bytes:
    """The data key from its recovery seal; ValidationError for a mistyped key, SealError
    for a key of another office."""
    private = _recovery_private(recovery_key)
    if recovery_public(recovery_key) != seal.recipient:
        raise ValidationError("sealing.wrong_recovery_key")
    raw = private.private_bytes(_RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    return open_seal(raw, seal)
