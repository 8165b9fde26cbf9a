"""sessions carry the single-use sign-in ticket the browser redeems for its cookie

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009"
down_revision: Union[str, None] = "0008"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("authsession", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ticket_hash", sqlmodel.sql.sqltypes.AutoString(length=64),
                                      nullable=True))
        batch_op.add_column(sa.Column("ticket_expires_at", sa.DateTime(timezone=True),
                                      nullable=True))
        batch_op.create_index(batch_op.f("ix_authsession_ticket_hash"), ["ticket_hash"],
                              unique=True)


def downgrade() -> None:
    with op.batch_alter_table("authsession", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_authsession_ticket_hash"))
        batch_op.drop_column("ticket_expires_at")
        batch_op.drop_column("ticket_hash")
