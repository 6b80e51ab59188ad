"""Change ideas with PDSA notes, and baselines and aims, on a ward's measures.

Revision ID: 4d2a8c6e1b30
Revises: 9e3b7a5c1f20
Create Date: 2026-12-04 19:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4d2a8c6e1b30'
down_revision = '9e3b7a5c1f20'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
