"""Theme codes of free text (per codebook and model version) and facilitators' corrections.

Revision ID: bbf949ec7a32
Revises: a766eb9319a9
Create Date: 2026-11-22 08:22:28.132913

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'bbf949ec7a32'
down_revision = 'a766eb9319a9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('text_codings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('text_hash', sa.String(length=64), nullable=False),
    sa.Column('engine_version', sa.String(length=80), nullable=False),
    sa.Column('sentiment', sa.String(length=10), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('problem', sa.String(length=20), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_text_codings')),
    sa.UniqueConstraint('source', 'source_id', name=op.f('uq_text_codings_source'))
    )
    with op.batch_alter_table('text_codings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_text_codings_engine_version'), ['engine_version'], unique=False)

    op.create_table('theme_codes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('coding_id', sa.Integer(), nullable=False),
    sa.Column('theme', sa.String(length=40), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('sentiment', sa.String(length=10), nullable=False),
    sa.Column('corrected', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['coding_id'], ['text_codings.id'], name=op.f('fk_theme_codes_coding_id_text_codings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_theme_codes')),
    sa.UniqueConstraint('coding_id', 'theme', name=op.f('uq_theme_codes_coding_id'))
    )
    with op.batch_alter_table('theme_codes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_theme_codes_coding_id'), ['coding_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_theme_codes_theme'), ['theme'], unique=False)

    op.create_table('theme_corrections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('theme', sa.String(length=40), nullable=False),
    sa.Column('applies', sa.Boolean(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_theme_corrections_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_theme_corrections')),
    sa.UniqueConstraint('source', 'source_id', 'theme', name=op.f('uq_theme_corrections_source'))
    )


def downgrade():
    op.drop_table('theme_corrections')
    with op.batch_alter_table('theme_codes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_theme_codes_theme'))
        batch_op.drop_index(batch_op.f('ix_theme_codes_coding_id'))

    op.drop_table('theme_codes')
    with op.batch_alter_table('text_codings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_text_codings_engine_version'))

    op.drop_table('text_codings')
