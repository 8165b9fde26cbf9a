"""invoice documents (issue 17): each payment reminder keeps its own stored PDF with its title,
the open amount, the fee and the new payment deadline

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-02
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0011"
down_revision: Union[str, None] = "0009"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.add_column(sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("open_cents", sa.Integer(), nullable=False,
                                      server_default="0"))
        batch_op.add_column(sa.Column("fee_cents", sa.Integer(), nullable=False,
                                      server_default="0"))
        batch_op.add_column(sa.Column("new_due_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("pdf_file", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("pdf_sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False,
                                      server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        for column in ("pdf_sha256", "pdf_file", "new_due_date", "fee_cents", "open_cents",
                       "title"):
            batch_op.drop_column(column)
