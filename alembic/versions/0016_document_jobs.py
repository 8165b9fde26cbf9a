"""document jobs (issue 19): an invoice's PDF is rendered by a job after the issue committed;
`document_state` says whether it exists yet (pending, ready, failed). Invoices issued before
all have their PDF: ready.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0016"
down_revision: Union[str, None] = "0015"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("invoice", schema=None) as batch_op:
        batch_op.add_column(sa.Column("document_state",
                                      sqlmodel.sql.sqltypes.AutoString(length=10),
                                      nullable=False, server_default="ready"))


def downgrade() -> None:
    with op.batch_alter_table("invoice", schema=None) as batch_op:
        batch_op.drop_column("document_state")
