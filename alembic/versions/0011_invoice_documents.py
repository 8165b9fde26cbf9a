"""invoice documents (issue 17): each payment reminder keeps its own stored PDF with its title,
the open amount, the fee and the new payment deadline; fee items and invoice lines carry their
EN 16931 VAT category (S, E "steuerfrei", O "nicht steuerbar")

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0011"
down_revision: Union[str, None] = "0010"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _text(length: int):
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.add_column(sa.Column("title", _text(40), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("open_cents", sa.Integer(), nullable=False,
                                      server_default="0"))
        batch_op.add_column(sa.Column("fee_cents", sa.Integer(), nullable=False,
                                      server_default="0"))
        batch_op.add_column(sa.Column("new_due_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("pdf_file", _text(80), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("pdf_sha256", _text(64), nullable=False,
                                      server_default=""))
    for table, default in (("feescheduleitem", "E"), ("invoiceline", "S")):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("vat_category", _text(1), nullable=False,
                                          server_default=default))
        # What was issued stays as it was issued: exempt lines were category E.
        op.execute(f"UPDATE {table} SET vat_category = CASE WHEN vat_exempt THEN 'E' ELSE 'S' END")
    # A fee item whose note says "nicht (umsatz)steuerbar" is outside the scope of VAT.
    op.execute("UPDATE feescheduleitem SET vat_category = 'O' WHERE vat_exempt AND "
               "lower(exemption_note) LIKE '%nicht%steuerbar%'")


def downgrade() -> None:
    for table in ("invoiceline", "feescheduleitem"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("vat_category")
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        for column in ("pdf_sha256", "pdf_file", "new_due_date", "fee_cents", "open_cents",
                       "title"):
            batch_op.drop_column(column)
