"""The encrypted backup file (.kisbak) and its keys.

File layout (all integers big-endian):

    magic      8 bytes  b"KISBAK\\x00\\x1a"   (a NUL and ^Z, so no tool mistakes it for text)
    version    2 bytes  1
    length     4 bytes  length of the header
    header     JSON, UTF-8: created_at, app_version, schema_revision, row_counts, kind,
               source, plain_size, chunk_size, key_id, content_salt, nonce_prefix and the
               wrapped data key (by the passphrase key and by the recovery key)
    chunks     repeated: 4-byte length + AES-256-GCM ciphertext (with its 16-byte tag)

Every chunk is authenticated together with the SHA-256 of everything before the chunks, so
the readable header (what the restore dialog shows before asking for a key) cannot be
altered either. Nonce of chunk i = 7-byte random prefix ‖ i (4 bytes) ‖ last-chunk flag
(1 byte): chunks cannot be reordered, dropped, or cut off after a chunk that is not marked
last (the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár, as in age and
Tink). Chunks of 1 MiB keep memory flat however large the database is.

Keys: a random 256-bit data key per office; the content key of each file is
HKDF-SHA256(data key, per-file salt). The data key is stored wrapped (AES-GCM) by a key
from the passphrase (scrypt n=2^17, r=8, p=1: OWASP's parameters, ~0.35 s here, ~1 s on an
old laptop) and by a key from the recovery key (160 random bits, printed once for the safe,
HKDF because it is already random). See backup_keys.py for where the data key lives.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import struct
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from kisdesk.errors import StorageError, ValidationError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"KISBAK\x00\x1a"
VERSION = 1
CHUNK_SIZE = 1 << 20
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
MIN_PASSPHRASE = 10
MAX_HEADER = 1 << 20
_PREFIX = struct.Struct(">8sHI")
_CHUNK_LEN = struct.Struct(">I")
_TAG = 16

# Crockford's base32: no I, L, O, U, so a recovery key read aloud or retyped is not misread.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RECOVERY_BYTES = 20  # 160 bits: 32 characters, plus 4 of checksum


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


# ---------------------------------------------------------------- recovery key


def _base32(data: bytes, length: int) -> str:
    number = int.from_bytes(data, "big")
    out = []
    for _ in range(length):
        out.append(_ALPHABET[number & 31])
        number >>= 5
    return "".join(reversed(out))


def new_recovery_key() -> str:
    """A fresh recovery key: 36 characters in 9 groups of 4, e.g. "7K2M-…"."""
    raw = secrets.token_bytes(_RECOVERY_BYTES)
    return _format_recovery(raw)


def _format_recovery(raw: bytes) -> str:
    body = _base32(raw, 32)
    check = _base32(hashlib.sha256(raw).digest()[:3], 5)[-4:]
    text = body + check
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    """The 20 bytes of a typed recovery key; ValidationError when mistyped (checksum)."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    if len(cleaned) != 36 or any(ch not in _ALPHABET for ch in cleaned):
        raise ValidationError("recovery_key.invalid")
    number = 0
    for ch in cleaned[:32]:
        number = (number << 5) | _ALPHABET.index(ch)
    raw = number.to_bytes(_RECOVERY_BYTES, "big")
    if _format_recovery(raw).replace("-", "") != cleaned:
        raise ValidationError("recovery_key.invalid")
    return raw


def looks_like_recovery_key(text: str) -> bool:
    try:
        parse_recovery_key(text)
    except ValidationError:
        return False
    return True


# ---------------------------------------------------------------- key wrapping


def normalise_passphrase(passphrase: str) -> bytes:
    # NFC: "ą" typed on different keyboards is one code point or two; both must work.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


# cryptography is imported on first use, not with this module: every start opens the
# database through kisdesk.db.backup, and loading OpenSSL's bindings cost ~40 ms of it.
def aesgcm(key: bytes) -> AESGCM:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


def hkdf_sha256(key: bytes, salt: bytes, info: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(hashes.SHA256(), 32, salt, info).derive(key)


def seal(key: bytes, nonce: bytes, data: bytes, aad: bytes) -> bytes:
    return aesgcm(key).encrypt(nonce, data, aad)


def open_sealed(key: bytes, nonce: bytes, sealed: bytes, aad: bytes) -> bytes | None:
    """The plain data, or None when the key is wrong or the data was altered."""
    from cryptography.exceptions import InvalidTag

    try:
        return aesgcm(key).decrypt(nonce, sealed, aad)
    except (InvalidTag, ValueError):
        return None


def check_passphrase(passphrase: str) -> None:
    # Whitespace around a passphrase is stripped wherever one is read (typed, or a file
    # written by Windows tools), so one set with it could never be given again.
    if passphrase != passphrase.strip():
        raise ValidationError("backup.passphrase_whitespace")
    if len(passphrase.strip()) < MIN_PASSPHRASE:
        raise ValidationError("backup.passphrase_too_short", minimum=MIN_PASSPHRASE)


def _kek_from_passphrase(passphrase: str, wrap: dict[str, Any]) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    kdf = Scrypt(salt=unb64(wrap["salt"]), length=32, n=wrap["n"], r=wrap["r"], p=wrap["p"])
    return kdf.derive(normalise_passphrase(passphrase))


def _kek_from_recovery(raw: bytes, wrap: dict[str, Any]) -> bytes:
    return hkdf_sha256(raw, unb64(wrap["salt"]), b"kisdesk recovery key v1")


def _wrap(
    kek: bytes, data_key: bytes, kind: str, key_id: str, extra: dict[str, Any]
) -> dict[str, Any]:
    nonce = os.urandom(12)
    sealed = seal(kek, nonce, data_key, f"kisdesk-wrap:{kind}:{key_id}".encode())
    return {"type": kind, **extra, "nonce": b64(nonce), "data": b64(sealed)}


def _unwrap(kek: bytes, wrap: dict[str, Any], key_id: str) -> bytes | None:
    aad = f"kisdesk-wrap:{wrap['type']}:{key_id}".encode()
    try:
        return open_sealed(kek, unb64(wrap["nonce"]), unb64(wrap["data"]), aad)
    except (ValueError, KeyError):
        return None


def wrap_with_passphrase(data_key: bytes, key_id: str, passphrase: str) -> dict[str, Any]:
    params = {
        "kdf": "scrypt",
        "salt": b64(os.urandom(16)),
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
    }
    return _wrap(_kek_from_passphrase(passphrase, params), data_key, "passphrase", key_id, params)


# Wraps a typed recovery key may open: the backup recovery key's, and that of an encrypted
# database's recovery key (kisdesk.db.backup_keys), so either printed card opens a backup.
RECOVERY_WRAPS = ("recovery", "db-recovery")


def wrap_with_recovery(
    data_key: bytes, key_id: str, recovery_key: str, kind: str = "recovery"
) -> dict[str, Any]:
    params = {"kdf": "hkdf-sha256", "salt": b64(os.urandom(16))}
    raw = parse_recovery_key(recovery_key)
    return _wrap(_kek_from_recovery(raw, params), data_key, kind, key_id, params)


def unwrap_data_key(wraps: list[dict[str, Any]], key_id: str, secret: str) -> bytes:
    """The data key from a passphrase or a recovery key (either may be given)."""
    recovery = looks_like_recovery_key(secret)
    for wrap in wraps:
        if wrap.get("type") in RECOVERY_WRAPS and recovery:
            key = _unwrap(_kek_from_recovery(parse_recovery_key(secret), wrap), wrap, key_id)
        elif wrap.get("type") == "passphrase" and not recovery:
            key = _unwrap(_kek_from_passphrase(secret, wrap), wrap, key_id)
        else:
            continue
        if key is not None:
            return key
    raise StorageError("backup.wrong_key")


def key_id_of(data_key: bytes) -> str:
    """A public fingerprint of the data key, to find the right key without trying it."""
    return hashlib.sha256(b"kisdesk key id" + data_key).hexdigest()[:16]


# ---------------------------------------------------------------- the file


@dataclass(frozen=True, slots=True)
class BackupHeader:
    fields: dict[str, Any]
    raw: bytes  # everything before the first chunk, authenticated with every chunk

    @property
    def created_at(self) -> str:
        return str(self.fields.get("created_at", ""))

    @property
    def key_id(self) -> str:
        return str(self.fields.get("key_id", ""))

    @property
    def row_counts(self) -> dict[str, int]:
        return dict(self.fields.get("row_counts", {}))

    @property
    def wraps(self) -> list[dict[str, Any]]:
        return list(self.fields.get("wraps", []))


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + struct.pack(">IB", index, 1 if last else 0)


def _content_key(data_key: bytes, salt: bytes) -> AESGCM:
    return aesgcm(hkdf_sha256(data_key, salt, b"kisdesk backup content v1"))


def _chunks(source: IO[bytes], size: int) -> Iterator[tuple[bytes, bool]]:
    current = source.read(size)
    while True:
        following = source.read(size) if len(current) == size else b""
        last = not following
        yield current, last
        if last:
            return
        current = following


def encrypt(
    source: IO[bytes], target: IO[bytes], data_key: bytes, fields: dict[str, Any]
) -> BackupHeader:
    """Encrypt `source` into `target`; `fields` go into the authenticated header."""
    salt, prefix = os.urandom(16), os.urandom(7)
    header_fields = {
        **fields,
        "cipher": "AES-256-GCM",
        "chunk_size": CHUNK_SIZE,
        "key_id": key_id_of(data_key),
        "content_salt": b64(salt),
        "nonce_prefix": b64(prefix),
    }
    body = json.dumps(header_fields, ensure_ascii=False, sort_keys=True).encode("utf-8")
    raw = _PREFIX.pack(MAGIC, VERSION, len(body)) + body
    target.write(raw)
    aad = hashlib.sha256(raw).digest()
    cipher = _content_key(data_key, salt)
    for index, (chunk, last) in enumerate(_chunks(source, CHUNK_SIZE)):
        sealed = cipher.encrypt(_nonce(prefix, index, last), chunk, aad)
        target.write(_CHUNK_LEN.pack(len(sealed)) + sealed)
    return BackupHeader(header_fields, raw)


def read_header(source: IO[bytes]) -> BackupHeader:
    """The readable header; leaves `source` at the first chunk."""
    prefix = source.read(_PREFIX.size)
    if len(prefix) < _PREFIX.size or prefix[:8] != MAGIC:
        raise StorageError("backup.not_a_backup")
    _magic, version, length = _PREFIX.unpack(prefix)
    if version > VERSION:
        raise StorageError("backup.newer_format", version=version)
    if length > MAX_HEADER:
        raise StorageError("backup.damaged")
    body = source.read(length)
    if len(body) != length:
        raise StorageError("backup.damaged")
    try:
        fields = json.loads(body.decode("utf-8"))
    except ValueError:
        raise StorageError("backup.damaged") from None
    if not isinstance(fields, dict):
        raise StorageError("backup.damaged")
    return BackupHeader(fields, prefix + body)


def decrypt(source: IO[bytes], target: IO[bytes], data_key: bytes) -> BackupHeader:
    """Decrypt a whole file; StorageError when any byte was changed, dropped or added."""
    from cryptography.exceptions import InvalidTag

    header = read_header(source)
    if header.key_id != key_id_of(data_key):
        raise StorageError("backup.wrong_key")
    try:
        salt = unb64(header.fields["content_salt"])
        prefix = unb64(header.fields["nonce_prefix"])
    except (KeyError, ValueError):
        raise StorageError("backup.damaged") from None
    aad = hashlib.sha256(header.raw).digest()
    cipher = _content_key(data_key, salt)
    limit = int(header.fields.get("chunk_size", CHUNK_SIZE)) + _TAG
    index = 0
    while True:
        length_bytes = source.read(_CHUNK_LEN.size)
        if len(length_bytes) < _CHUNK_LEN.size:
            raise StorageError("backup.truncated")
        (length,) = _CHUNK_LEN.unpack(length_bytes)
        if not _TAG <= length <= limit:
            raise StorageError("backup.damaged")
        sealed = source.read(length)
        if len(sealed) < length:
            raise StorageError("backup.truncated")
        plain = None
        for last in (False, True):
            try:
                plain = cipher.decrypt(_nonce(prefix, index, last), sealed, aad)
            except InvalidTag:
                continue
            break
        if plain is None:
            raise StorageError("backup.damaged")
        target.write(plain)
        index += 1
        if last:
            if source.read(1):
                raise StorageError("backup.damaged")  # bytes after the last chunk
            return header
