"""account states in the audit chain

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07 00:10:00

From this revision every change of an account writes the account's resulting state (role,
health-category grant, active flag, staff link, a fingerprint of the password hash) into the
audit chain, and `kisdesk audit verify` / `kisdesk check` compare the accounts table with it
(docs/threat-model.md). Accounts made before have no such state yet: one "baseline" entry per
account records the state found at the upgrade (a backup is taken before every upgrade). No
schema change.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from kisdesk.access import Actor
    from kisdesk.services import audit
    from kisdesk.services.audit_trust import account_state

    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT id, login, role, active, view_sensitive, staff_id, password_hash "
            "FROM user_account ORDER BY id"
        )
    ).all()
    entries = [
        audit.entry_values(
            Actor.system(),
            "role_change",
            record_type="user_account",
            record_id=int(row.id),
            action="baseline",
            fields=[],
            account=account_state(row),
        )
        for row in rows
    ]
    audit.append(conn, entries)


def downgrade() -> None:
    # The baseline entries stay: the audit log is append-only.
    pass
