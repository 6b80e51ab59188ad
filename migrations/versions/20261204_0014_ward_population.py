"""Who was on a ward in a period, by the same categories the surveys ask.

Revision ID: 8a5c2e4f6d13
Revises: 6f1b3d9a7c42
Create Date: 2026-12-04 19:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8a5c2e4f6d13'
down_revision = '6f1b3d9a7c42'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
