"""job runs (issue 19): a record of each long run staff start (kind, who, when, total, done,
errors, state, a result summary); the claims of periodic jobs (one row per job and period); a
reminder's PDF rendered by a job (`reminder.document_state`; reminders sent before: ready).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-02
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0020"
down_revision: Union[str, None] = "0019"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "jobrun",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", TEXT(length=40), nullable=False),
        sa.Column("active_key", TEXT(length=80), nullable=True),
        sa.Column("subject", TEXT(length=80), nullable=False),
        sa.Column("started_by_user_id", sa.Integer(), nullable=True),
        sa.Column("state", TEXT(length=10), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("summary", TEXT(length=4000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["started_by_user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("active_key"),
    )
    with op.batch_alter_table("jobrun", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_jobrun_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_jobrun_created_at"), ["created_at"], unique=False)
    op.create_table(
        "jobperiod",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job", TEXT(length=60), nullable=False),
        sa.Column("period", TEXT(length=20), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("job", "period", name="uq_jobperiod_job_period"),
    )
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.add_column(sa.Column("document_state", TEXT(length=10), nullable=False,
                                      server_default="ready"))


def downgrade() -> None:
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.drop_column("document_state")
    op.drop_table("jobperiod")
    with op.batch_alter_table("jobrun", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_jobrun_created_at"))
        batch_op.drop_index(batch_op.f("ix_jobrun_kind"))
    op.drop_table("jobrun")
