"""A trust's own support contacts for staff, shown at the end of staff surveys, apart
from those for patients. Both now add to the national contacts rather than replace them.

Revision ID: 3d8f2a61c0b7
Revises: 7c1e5b0d9a42
Create Date: 2026-12-03 19:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3d8f2a61c0b7'
down_revision = '7c1e5b0d9a42'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('trusts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('staff_contacts', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('trusts', schema=None) as batch_op:
        batch_op.drop_column('staff_contacts')
