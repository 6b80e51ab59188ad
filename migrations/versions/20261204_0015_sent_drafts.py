"""Notes that a draft was sent, kept for a few minutes and found by the hash of its token
with the sender's session secret, so a Send repeated after its first reply was lost is
told the answers arrived.

Revision ID: b3e7d1a9c5f2
Revises: 8a5c2e4f6d13
Create Date: 2026-12-04 19:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b3e7d1a9c5f2'
down_revision = '8a5c2e4f6d13'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'sent_drafts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sent_drafts')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_sent_drafts_token_hash')),
    )
    with op.batch_alter_table('sent_drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sent_drafts_expires_at'), ['expires_at'], unique=False)


def downgrade():
    with op.batch_alter_table('sent_drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sent_drafts_expires_at'))
    op.drop_table('sent_drafts')
