"""Incident series imported from other systems (restraints, seclusions, ...), and their
figures per ward and week.

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
    op.create_table('incident_series',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trust_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('improvement', sa.String(length=10), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_imported_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_incident_series_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['trust_id'], ['trusts.id'], name=op.f('fk_incident_series_trust_id_trusts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incident_series')),
    sa.UniqueConstraint('trust_id', 'name', name=op.f('uq_incident_series_trust_id'))
    )
    with op.batch_alter_table('incident_series', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_series_trust_id'), ['trust_id'], unique=False)

    op.create_table('incident_values',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('series_id', sa.Integer(), nullable=False),
    sa.Column('ward_id', sa.Integer(), nullable=False),
    sa.Column('week', sa.Date(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.CheckConstraint('value >= 0', name=op.f('ck_incident_values_value_not_negative')),
    sa.ForeignKeyConstraint(['series_id'], ['incident_series.id'], name=op.f('fk_incident_values_series_id_incident_series'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['ward_id'], ['wards.id'], name=op.f('fk_incident_values_ward_id_wards'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incident_values')),
    sa.UniqueConstraint('series_id', 'ward_id', 'week', name=op.f('uq_incident_values_series_id'))
    )
    with op.batch_alter_table('incident_values', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_values_ward_id'), ['ward_id'], unique=False)


def downgrade():
    with op.batch_alter_table('incident_values', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_values_ward_id'))

    op.drop_table('incident_values')
    with op.batch_alter_table('incident_series', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_series_trust_id'))

    op.drop_table('incident_series')
