"""Accounts whose password an admin typed are asked to choose their own at the next
sign-in. Accounts that exist already are not asked.

Revision ID: 8c4f2e6a1d93
Revises: 5b1e7c9d2a40
Create Date: 2026-12-04 10:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8c4f2e6a1d93'
down_revision = '5b1e7c9d2a40'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'must_change_password', sa.Boolean(), server_default=sa.false(), nullable=False
        ))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('must_change_password')
