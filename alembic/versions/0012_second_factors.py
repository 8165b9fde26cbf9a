"""second factors: passkeys and their challenges, the authenticator app (TOTP), recovery codes,
sign-ins awaiting the second factor

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0012"
down_revision: Union[str, None] = "0011"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _string(length: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    op.create_table(
        "totpfactor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("secret", _string(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_used_step", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_totpfactor_user_id"), "totpfactor", ["user_id"], unique=True)
    op.create_table(
        "recoverycode",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", _string(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code_hash"),
    )
    op.create_index(op.f("ix_recoverycode_user_id"), "recoverycode", ["user_id"], unique=False)
    op.create_table(
        "pendingsignin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", _string(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("client_ip", _string(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_pendingsignin_token_hash"), "pendingsignin", ["token_hash"],
                    unique=True)
    op.create_index(op.f("ix_pendingsignin_user_id"), "pendingsignin", ["user_id"], unique=False)
    op.create_table(
        "passkey",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("credential_id", _string(1400), nullable=False),
        sa.Column("public_key", _string(2000), nullable=False),
        sa.Column("sign_count", sa.Integer(), nullable=False),
        sa.Column("user_handle", _string(100), nullable=False),
        sa.Column("name", _string(60), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_passkey_credential_id"), "passkey", ["credential_id"], unique=True)
    op.create_index(op.f("ix_passkey_user_id"), "passkey", ["user_id"], unique=False)
    op.create_table(
        "passkeychallenge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("challenge", _string(100), nullable=False),
        sa.Column("purpose", _string(20), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("user_handle", _string(100), nullable=True),
        sa.Column("client_ip", _string(64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_passkeychallenge_challenge"), "passkeychallenge", ["challenge"],
                    unique=True)
    op.create_index(op.f("ix_passkeychallenge_client_ip"), "passkeychallenge", ["client_ip"],
                    unique=False)
    op.create_index(op.f("ix_passkeychallenge_expires_at"), "passkeychallenge", ["expires_at"],
                    unique=False)


def downgrade() -> None:
    for index in ("expires_at", "client_ip", "challenge"):
        op.drop_index(op.f(f"ix_passkeychallenge_{index}"), table_name="passkeychallenge")
    op.drop_table("passkeychallenge")
    op.drop_index(op.f("ix_passkey_user_id"), table_name="passkey")
    op.drop_index(op.f("ix_passkey_credential_id"), table_name="passkey")
    op.drop_table("passkey")
    op.drop_index(op.f("ix_pendingsignin_user_id"), table_name="pendingsignin")
    op.drop_index(op.f("ix_pendingsignin_token_hash"), table_name="pendingsignin")
    op.drop_table("pendingsignin")
    op.drop_index(op.f("ix_recoverycode_user_id"), table_name="recoverycode")
    op.drop_table("recoverycode")
    op.drop_index(op.f("ix_totpfactor_user_id"), table_name="totpfactor")
    op.drop_table("totpfactor")
