"""SEPA direct debit (issue 18): the organizations' mandates, the collection runs and their
items (an invoice in at most one run), and on the invoice what its pre-notification states
(mandate, reference, debited IBAN, creditor id, collection date). Invoices issued before have
none: they are paid by transfer.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = '0018'
down_revision: Union[str, None] = "0017"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('debitrun',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scheme', sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('message_id', sqlmodel.sql.sqltypes.AutoString(length=35), nullable=False),
    sa.Column('schema_version', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('total_cents', sa.Integer(), nullable=False),
    sa.Column('item_count', sa.Integer(), nullable=False),
    sa.Column('file_xml', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_by_user_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('submitted_by_user_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('total_cents >= 0', name='debitrun_total_not_negative'),
    sa.ForeignKeyConstraint(['created_by_user_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['submitted_by_user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('message_id')
    )
    op.create_table('sepamandate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(length=35), nullable=False),
    sa.Column('scheme', sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
    sa.Column('account_holder', sqlmodel.sql.sqltypes.AutoString(length=70), nullable=False),
    sa.Column('iban', sqlmodel.sql.sqltypes.AutoString(length=34), nullable=False),
    sa.Column('bic', sqlmodel.sql.sqltypes.AutoString(length=11), nullable=False),
    sa.Column('bank_name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('creditor_id', sqlmodel.sql.sqltypes.AutoString(length=35), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=False),
    sa.Column('granted_by_user_id', sa.Integer(), nullable=True),
    sa.Column('granted_by_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_by_user_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['granted_by_user_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], ),
    sa.ForeignKeyConstraint(['revoked_by_user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('reference')
    )
    with op.batch_alter_table('sepamandate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sepamandate_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index('uq_sepamandate_active', ['organization_id'], unique=True, sqlite_where=sa.text('revoked_at IS NULL'), postgresql_where=sa.text('revoked_at IS NULL'))

    op.create_table('debitrunitem',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('invoice_id', sa.Integer(), nullable=False),
    sa.Column('mandate_id', sa.Integer(), nullable=False),
    sa.Column('sequence_type', sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
    sa.Column('collection_date', sa.Date(), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('end_to_end_id', sqlmodel.sql.sqltypes.AutoString(length=35), nullable=False),
    sa.CheckConstraint('amount_cents > 0', name='debitrunitem_positive'),
    sa.ForeignKeyConstraint(['invoice_id'], ['invoice.id'], ),
    sa.ForeignKeyConstraint(['mandate_id'], ['sepamandate.id'], ),
    sa.ForeignKeyConstraint(['run_id'], ['debitrun.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('invoice_id', name='uq_debitrunitem_invoice')
    )
    with op.batch_alter_table('debitrunitem', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_debitrunitem_mandate_id'), ['mandate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_debitrunitem_run_id'), ['run_id'], unique=False)

    with op.batch_alter_table('invoice', schema=None) as batch_op:
        batch_op.add_column(sa.Column('debit_mandate_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('debit_mandate_reference', sqlmodel.sql.sqltypes.AutoString(length=35), nullable=False, server_default=""))
        batch_op.add_column(sa.Column('debit_iban', sqlmodel.sql.sqltypes.AutoString(length=34), nullable=False, server_default=""))
        batch_op.add_column(sa.Column('debit_creditor_id', sqlmodel.sql.sqltypes.AutoString(length=35), nullable=False, server_default=""))
        batch_op.add_column(sa.Column('debit_collection_date', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_invoice_debit_mandate_id'), ['debit_mandate_id'], unique=False)
        batch_op.create_foreign_key('fk_invoice_debit_mandate', 'sepamandate', ['debit_mandate_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('invoice', schema=None) as batch_op:
        batch_op.drop_constraint('fk_invoice_debit_mandate', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_invoice_debit_mandate_id'))
        batch_op.drop_column('debit_collection_date')
        batch_op.drop_column('debit_creditor_id')
        batch_op.drop_column('debit_iban')
        batch_op.drop_column('debit_mandate_reference')
        batch_op.drop_column('debit_mandate_id')

    with op.batch_alter_table('debitrunitem', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_debitrunitem_run_id'))
        batch_op.drop_index(batch_op.f('ix_debitrunitem_mandate_id'))

    op.drop_table('debitrunitem')
    with op.batch_alter_table('sepamandate', schema=None) as batch_op:
        batch_op.drop_index('uq_sepamandate_active', sqlite_where=sa.text('revoked_at IS NULL'), postgresql_where=sa.text('revoked_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_sepamandate_organization_id'))

    op.drop_table('sepamandate')
    op.drop_table('debitrun')
