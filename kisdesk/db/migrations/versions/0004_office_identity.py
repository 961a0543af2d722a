"""office identity

Revision ID: 0004
Revises: 0005
Create Date: 2026-12-07 00:00:00

A stable identity for the office (`office.uid`, 32 hex digits of a random UUID), written
into every backup's header, so that restoring another office's backup over this one needs
an explicit confirmation naming both offices (docs/storage.md,
"Another office's backup").
An existing office gets its identity here, once.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("office", schema=None) as batch_op:
        batch_op.add_column(sa.Column("uid", sa.String(length=32), nullable=True))
    office = sa.table("office", sa.column("id", sa.Integer()), sa.column("uid", sa.String()))
    conn = op.get_bind()
    for (office_id,) in conn.execute(sa.select(office.c.id)).all():
        conn.execute(office.update().where(office.c.id == office_id).values(uid=uuid.uuid4().hex))
    with op.batch_alter_table("office", schema=None) as batch_op:
        batch_op.alter_column("uid", existing_type=sa.String(length=32), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_office_uid"), ["uid"])


def downgrade() -> None:
    with op.batch_alter_table("office", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_office_uid"), type_="unique")
        batch_op.drop_column("uid")
