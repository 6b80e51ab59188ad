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
    op.create_table('change_ideas',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ward_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('new_limits', sa.Boolean(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('ended_on IS NULL OR ended_on >= started_on', name=op.f('ck_change_ideas_ends_after_start')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_change_ideas_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_change_ideas_updated_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['ward_id'], ['wards.id'], name=op.f('fk_change_ideas_ward_id_wards'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_ideas'))
    )
    with op.batch_alter_table('change_ideas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_ideas_ward_id'), ['ward_id'], unique=False)

    op.create_table('pdsa_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('change_idea_id', sa.Integer(), nullable=False),
    sa.Column('noted_on', sa.Date(), nullable=False),
    sa.Column('stage', sa.String(length=10), nullable=False),
    sa.Column('text', sa.String(length=2000), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("stage IN ('plan', 'do', 'study', 'act')", name=op.f('ck_pdsa_notes_stage')),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_pdsa_notes_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['change_idea_id'], ['change_ideas.id'], name=op.f('fk_pdsa_notes_change_idea_id_change_ideas'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pdsa_notes'))
    )
    with op.batch_alter_table('pdsa_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pdsa_notes_change_idea_id'), ['change_idea_id'], unique=False)

    op.create_table('aims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ward_id', sa.Integer(), nullable=False),
    sa.Column('measure_key', sa.String(length=200), nullable=False),
    sa.Column('baseline_from', sa.Date(), nullable=False),
    sa.Column('baseline_to', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('set_by_id', sa.Integer(), nullable=True),
    sa.Column('set_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('relative', 'absolute')", name=op.f('ck_aims_kind')),
    sa.CheckConstraint('baseline_to >= baseline_from', name=op.f('ck_aims_baseline_in_order')),
    sa.ForeignKeyConstraint(['set_by_id'], ['users.id'], name=op.f('fk_aims_set_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['ward_id'], ['wards.id'], name=op.f('fk_aims_ward_id_wards'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aims')),
    sa.UniqueConstraint('ward_id', 'measure_key', name=op.f('uq_aims_ward_id'))
    )
    with op.batch_alter_table('aims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aims_ward_id'), ['ward_id'], unique=False)


def downgrade():
    with op.batch_alter_table('aims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aims_ward_id'))

    op.drop_table('aims')
    with op.batch_alter_table('pdsa_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pdsa_notes_change_idea_id'))

    op.drop_table('pdsa_notes')
    with op.batch_alter_table('change_ideas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_change_ideas_ward_id'))

    op.drop_table('change_ideas')
