"""Keys of the art. 9 data (docs/threat-model.md §3.4): account key pairs and key seals.

The sensitive-data key itself is never stored. Each entitled account has an X25519 key pair
whose private key is wrapped under a key derived from the account's password
(`AccountKey`); the data key is sealed to the public key of every entitled account and once
to the office's recovery key (`DataKeySeal`). The sealed values live on their records
(`Participant.health_sealed`, `Activity.note_sealed`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, LargeBinary, String, func
from sqlalchemy.orm import Mapped, mapped_column

from kisdesk.models.base import Base, utcnow


class AccountKey(Base):
    """Klucz konta: one account's X25519 key pair, the private half wrapped by its password."""

    __tablename__ = "account_key"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    # nonce (12) + AES-256-GCM of the 32-byte private key; the key from Argon2id(password, salt)
    wrapped_private: Mapped[bytes] = mapped_column(LargeBinary(64))
    salt: Mapped[bytes] = mapped_column(LargeBinary(16))
    kdf: Mapped[str] = mapped_column(String(60))  # "argon2id:m=…,t=…,p=…"
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=utcnow, server_default=func.current_timestamp()
    )


class DataKeySeal(Base):
    """Pieczęć klucza: the sensitive-data key sealed to one account or to the recovery key."""

    __tablename__ = "data_key_seal"

    id: Mapped[int] = mapped_column(primary_key=True)
    holder: Mapped[str] = mapped_column(String(10))  # account | recovery
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), unique=True
    )
    key_id: Mapped[str] = mapped_column(String(16))  # which data key (a fingerprint)
    recipient: Mapped[bytes] = mapped_column(LargeBinary(32))  # the public key sealed to
    ephemeral: Mapped[bytes] = mapped_column(LargeBinary(32))
    sealed: Mapped[bytes] = mapped_column(LargeBinary(64))  # nonce + AES-256-GCM(data key)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=utcnow, server_default=func.current_timestamp()
    )
