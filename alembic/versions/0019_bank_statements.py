"""bank statements (issue 18): imported camt statements and their entries (credits booked as
payments, direct-debit returns); a payment's return day.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0019"
down_revision: Union[str, None] = "0018"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

Text = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "bankstatement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_iban", Text(length=34), nullable=False),
        sa.Column("statement_ref", Text(length=35), nullable=False),
        sa.Column("message_type", Text(length=20), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=True),
        sa.Column("file_sha256", Text(length=64), nullable=False),
        sa.Column("imported_by_user_id", sa.Integer(), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["imported_by_user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("account_iban", "statement_ref"),
    )
    op.create_table(
        "bankentry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("account_iban", Text(length=34), nullable=False),
        sa.Column("entry_key", Text(length=200), nullable=False),
        sa.Column("is_return", sa.Boolean(), nullable=False),
        sa.Column("booked_on", sa.Date(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("fee_cents", sa.Integer(), nullable=False),
        sa.Column("return_reason", Text(length=4), nullable=False),
        sa.Column("counterparty", Text(length=140), nullable=False),
        sa.Column("remittance", Text(length=500), nullable=False),
        sa.Column("end_to_end_id", Text(length=35), nullable=False),
        sa.Column("outcome", Text(length=20), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=True),
        sa.Column("payment_id", sa.Integer(), nullable=True),
        sa.Column("difference_cents", sa.Integer(), nullable=False),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.Column("reviewed_by_user_id", sa.Integer(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("amount_cents > 0", name="bank_entry_positive"),
        sa.CheckConstraint("fee_cents >= 0", name="bank_fee_not_negative"),
        sa.ForeignKeyConstraint(["statement_id"], ["bankstatement.id"]),
        sa.ForeignKeyConstraint(["invoice_id"], ["invoice.id"]),
        sa.ForeignKeyConstraint(["payment_id"], ["payment.id"]),
        sa.ForeignKeyConstraint(["reviewed_by_user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("account_iban", "entry_key"),
    )
    op.create_index("ix_bankentry_statement_id", "bankentry", ["statement_id"])
    op.create_index("ix_bankentry_outcome", "bankentry", ["outcome"])
    op.create_index("ix_bankentry_invoice_id", "bankentry", ["invoice_id"])
    op.create_index("ix_bankentry_flagged", "bankentry", ["flagged"])
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("returned_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.drop_column("returned_on")
    op.drop_index("ix_bankentry_flagged", table_name="bankentry")
    op.drop_index("ix_bankentry_invoice_id", table_name="bankentry")
    op.drop_index("ix_bankentry_outcome", table_name="bankentry")
    op.drop_index("ix_bankentry_statement_id", table_name="bankentry")
    op.drop_table("bankentry")
    op.drop_table("bankstatement")
