"""Register of issued documents (rejestr wydanych zaświadczeń), docs/domain.md#participants, docs/domain.md#documents."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from kisdesk.models.base import Base, Timestamps


class IssuedDocument(Timestamps, Base):
    """A numbered document: its number is never reused, even when cancelled.

    `snapshot` keeps, as JSON, exactly what was printed, so a reprint is the same document.
    """

    __tablename__ = "issued_document"
    __table_args__ = (UniqueConstraint("series", "year", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    series: Mapped[str] = mapped_column(String(40))
    year: Mapped[int]
    seq: Mapped[int]
    number: Mapped[str] = mapped_column(String(60))
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL"), index=True
    )
    participation_id: Mapped[int | None] = mapped_column(
        ForeignKey("participation.id", ondelete="SET NULL"), index=True
    )
    issued_on: Mapped[dt.date]
    issued_by: Mapped[str] = mapped_column(String(200), default="")
    snapshot: Mapped[str] = mapped_column(Text, default="{}")
    override_reason: Mapped[str | None] = mapped_column(Text)
    cancelled_at: Mapped[dt.datetime | None]
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    # CIS certificate of a long-term unemployed or PUP-referred participant: also sent to the
    # powiatowy urząd pracy (art. 13 ust. 5a; URP art. 199), reminded until the date is set.
    pup_required: Mapped[bool] = mapped_column(default=False, server_default=false())
    sent_to_pup_on: Mapped[dt.date | None]
    pup_office: Mapped[str] = mapped_column(String(200), default="", server_default="")
