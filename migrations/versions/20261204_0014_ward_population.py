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
    op.create_table('ward_populations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ward_id', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('entered_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('ends_on >= starts_on', name=op.f('ck_ward_populations_ends_after_start')),
    sa.CheckConstraint('total >= 0', name=op.f('ck_ward_populations_total_not_negative')),
    sa.ForeignKeyConstraint(['entered_by_id'], ['users.id'], name=op.f('fk_ward_populations_entered_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['ward_id'], ['wards.id'], name=op.f('fk_ward_populations_ward_id_wards'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ward_populations')),
    sa.UniqueConstraint('ward_id', 'starts_on', 'ends_on', name=op.f('uq_ward_populations_ward_id'))
    )
    op.create_table('population_counts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('population_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=50), nullable=False),
    sa.Column('value', sa.String(length=50), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.CheckConstraint('count >= 0', name=op.f('ck_population_counts_count_not_negative')),
    sa.ForeignKeyConstraint(['population_id'], ['ward_populations.id'], name=op.f('fk_population_counts_population_id_ward_populations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_population_counts')),
    sa.UniqueConstraint('population_id', 'category', 'value', name=op.f('uq_population_counts_population_id'))
    )


def downgrade():
    op.drop_table('population_counts')
    op.drop_table('ward_populations')
