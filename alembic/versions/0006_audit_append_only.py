"""audit events are append-only: on PostgreSQL a trigger refuses UPDATE and DELETE

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""
from typing import Sequence, Union

from alembic import op

revision: str = "0006"
down_revision: Union[str, None] = "0005"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return  # SQLite: no code path updates or deletes audit events (tested)
    op.execute("""
        CREATE FUNCTION refuse_audit_event_change() RETURNS trigger AS $$
        BEGIN
            RAISE EXCEPTION 'audit events are append-only (% refused)', TG_OP;
        END;
        $$ LANGUAGE plpgsql
    """)
    op.execute("""
        CREATE TRIGGER auditevent_append_only BEFORE UPDATE OR DELETE ON auditevent
        FOR EACH ROW EXECUTE FUNCTION refuse_audit_event_change()
    """)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER auditevent_append_only ON auditevent")
    op.execute("DROP FUNCTION refuse_audit_event_change()")
