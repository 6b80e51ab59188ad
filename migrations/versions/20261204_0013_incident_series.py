"""Incident series imported from other systems, per ward and week.

Revision ID: 6f1b3d9a7c42
Revises: 4d2a8c6e1b30
Create Date: 2026-12-04 19:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6f1b3d9a7c42'
down_revision = '4d2a8c6e1b30'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
