"""refunds (issue 17): the credit note of a paid or partly paid invoice promises the amount
paid back, by transfer to the member's account or by set-off against its next invoice; staff
mark it made.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _text(length: int):
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    op.create_table(
        "refund",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("credit_note_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("method", _text(10), nullable=False),
        sa.Column("account_holder", _text(70), nullable=False),
        sa.Column("iban", _text(34), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("status", _text(10), nullable=False),
        sa.Column("made_on", sa.Date(), nullable=True),
        sa.Column("reference", _text(200), nullable=False),
        sa.Column("settled_invoice_id", sa.Integer(), nullable=True),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("made_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount_cents > 0", name="refund_positive"),
        sa.ForeignKeyConstraint(["invoice_id"], ["invoice.id"]),
        sa.ForeignKeyConstraint(["credit_note_id"], ["invoice.id"]),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"]),
        sa.ForeignKeyConstraint(["settled_invoice_id"], ["invoice.id"]),
        sa.ForeignKeyConstraint(["created_by_user_id"], ["user.id"]),
        sa.ForeignKeyConstraint(["made_by_user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("credit_note_id"),
    )
    with op.batch_alter_table("refund", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_refund_invoice_id"), ["invoice_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_refund_organization_id"), ["organization_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_refund_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("refund", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_refund_status"))
        batch_op.drop_index(batch_op.f("ix_refund_organization_id"))
        batch_op.drop_index(batch_op.f("ix_refund_invoice_id"))
    op.drop_table("refund")
