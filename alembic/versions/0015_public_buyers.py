"""public-sector buyers (issue 17): an organization's Leitweg-ID and e-invoice address (BT-49
with its scheme); an invoice keeps them as they were at issue (BT-10, BT-49) and references its
stored XRechnung XML

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ORGANIZATION_COLUMNS = (("leitweg_id", 46), ("einvoice_address", 254), ("einvoice_scheme", 4))
INVOICE_COLUMNS = (("buyer_reference", 46), ("buyer_einvoice_address", 254),
                   ("buyer_einvoice_scheme", 4), ("xml_file", 80), ("xml_sha256", 64))


def _text(length: int):
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    for table, columns in (("organization", ORGANIZATION_COLUMNS), ("invoice", INVOICE_COLUMNS)):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, length in columns:
                batch_op.add_column(sa.Column(name, _text(length), nullable=False,
                                              server_default=""))


def downgrade() -> None:
    for table, columns in (("invoice", INVOICE_COLUMNS), ("organization", ORGANIZATION_COLUMNS)):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, _length in reversed(columns):
                batch_op.drop_column(name)
