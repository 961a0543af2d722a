"""account key pairs, key seals and sealed art. 9 values

Revision ID: 0008
Revises: 0004
Create Date: 2026-12-07 03:00:00

Health categories and counselling notes sealed under a sensitive-data key that only
entitled accounts unwrap (docs/threat-model.md §3.4): each account's X25519 key pair
(`account_key`), the data key sealed to accounts and to the recovery key (`data_key_seal`),
and the sealed values on their records (`participant.health_sealed`,
`activity.note_sealed`). Nothing is sealed here: the password of the leader is needed, so an
existing office is converted at the leader's first sign-in after the upgrade.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "account_key",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("public_key", sa.LargeBinary(length=32), nullable=False),
        sa.Column("wrapped_private", sa.LargeBinary(length=64), nullable=False),
        sa.Column("salt", sa.LargeBinary(length=16), nullable=False),
        sa.Column("kdf", sa.String(length=60), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_account_key_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_account_key")),
    )
    op.create_table(
        "data_key_seal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("holder", sa.String(length=10), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("recipient", sa.LargeBinary(length=32), nullable=False),
        sa.Column("ephemeral", sa.LargeBinary(length=32), nullable=False),
        sa.Column("sealed", sa.LargeBinary(length=64), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_data_key_seal_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_key_seal")),
        sa.UniqueConstraint("user_id", name=op.f("uq_data_key_seal_user_id")),
    )
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.add_column(sa.Column("health_sealed", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.add_column(sa.Column("note_sealed", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.drop_column("note_sealed")
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_column("health_sealed")
    op.drop_table("data_key_seal")
    op.drop_table("account_key")
