"""seminars carry their calendar SEQUENCE and DTSTAMP; attendance certificates get numbers

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: Union[str, None] = "0009"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("seminar", schema=None) as batch_op:
        batch_op.add_column(sa.Column("calendar_sequence", sa.Integer(), nullable=False,
                                      server_default="0"))
        batch_op.add_column(sa.Column("calendar_changed_at", sa.DateTime(timezone=True),
                                      nullable=True))
    # An existing seminar's entries last changed when it was created, as far as we know.
    op.execute("UPDATE seminar SET calendar_changed_at = created_at")
    with op.batch_alter_table("seminar", schema=None) as batch_op:
        batch_op.alter_column("calendar_changed_at", existing_type=sa.DateTime(timezone=True),
                              nullable=False)
        batch_op.alter_column("calendar_sequence", existing_type=sa.Integer(),
                              server_default=None)
    op.create_table(
        "certificate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("number", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("check_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["registration_id"], ["registration.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("number"),
        sa.UniqueConstraint("registration_id"),
        sa.UniqueConstraint("year", "serial"),
    )


def downgrade() -> None:
    op.drop_table("certificate")
    with op.batch_alter_table("seminar", schema=None) as batch_op:
        batch_op.drop_column("calendar_changed_at")
        batch_op.drop_column("calendar_sequence")
