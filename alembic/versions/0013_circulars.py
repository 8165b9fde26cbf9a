"""circulars (recipients, opt-outs, unsubscribe links); the outbox keeps a mail's own headers
and language

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = "0013"
down_revision: Union[str, None] = "0012"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('circular',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('subject_de', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('subject_en', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('body_de', sqlmodel.sql.sqltypes.AutoString(length=20000), nullable=False),
    sa.Column('body_en', sqlmodel.sql.sqltypes.AutoString(length=20000), nullable=False),
    sa.Column('audience', sa.JSON(), nullable=False),
    sa.Column('document_ids', sa.JSON(), nullable=False),
    sa.Column('created_by_user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sent_by_user_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_user_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['sent_by_user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('circular', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_circular_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_circular_sent_at'), ['sent_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_circular_status'), ['status'], unique=False)

    op.create_table('circularoptout',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('via', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', 'category')
    )
    with op.batch_alter_table('circularoptout', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_circularoptout_user_id'), ['user_id'], unique=False)

    op.create_table('circularrecipient',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('circular_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
    sa.Column('outbox_id', sa.Integer(), nullable=True),
    sa.Column('resent_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['circular_id'], ['circular.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('circular_id', 'user_id')
    )
    with op.batch_alter_table('circularrecipient', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_circularrecipient_circular_id'), ['circular_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_circularrecipient_outbox_id'), ['outbox_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_circularrecipient_user_id'), ['user_id'], unique=False)

    op.create_table('unsubscribelink',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('circular_id', sa.Integer(), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['circular_id'], ['circular.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('unsubscribelink', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unsubscribelink_circular_id'), ['circular_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_unsubscribelink_token_hash'), ['token_hash'], unique=True)
        batch_op.create_index(batch_op.f('ix_unsubscribelink_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('outboxemail', schema=None) as batch_op:
        batch_op.add_column(sa.Column('headers', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('outboxemail', schema=None) as batch_op:
        batch_op.drop_column('language')
        batch_op.drop_column('headers')

    with op.batch_alter_table('unsubscribelink', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unsubscribelink_user_id'))
        batch_op.drop_index(batch_op.f('ix_unsubscribelink_token_hash'))
        batch_op.drop_index(batch_op.f('ix_unsubscribelink_circular_id'))

    op.drop_table('unsubscribelink')
    with op.batch_alter_table('circularrecipient', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_circularrecipient_user_id'))
        batch_op.drop_index(batch_op.f('ix_circularrecipient_outbox_id'))
        batch_op.drop_index(batch_op.f('ix_circularrecipient_circular_id'))

    op.drop_table('circularrecipient')
    with op.batch_alter_table('circularoptout', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_circularoptout_user_id'))

    op.drop_table('circularoptout')
    with op.batch_alter_table('circular', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_circular_status'))
        batch_op.drop_index(batch_op.f('ix_circular_sent_at'))
        batch_op.drop_index(batch_op.f('ix_circular_category'))

    op.drop_table('circular')
