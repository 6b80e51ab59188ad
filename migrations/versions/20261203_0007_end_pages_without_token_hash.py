"""Thank-you pages no longer keep a hash of the draft's token, which appears in URLs and
access logs: they are found by one hash of the session's key and the token together.
Pages already stored are deleted (they live for minutes and cannot be found afresh).

Revision ID: 7c1e5b0d9a42
Revises: e2ee1a34c39f
Create Date: 2026-12-03 16:05:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7c1e5b0d9a42'
down_revision = 'e2ee1a34c39f'
branch_labels = None
depends_on = None


def upgrade():
    op.execute("DELETE FROM end_pages")
    with op.batch_alter_table('end_pages', schema=None) as batch_op:
        batch_op.drop_column('token_hash')


def downgrade():
    op.execute("DELETE FROM end_pages")
    with op.batch_alter_table('end_pages', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('token_hash', sa.String(length=64), nullable=False, server_default='')
        )
