"""One-tap surveys: an answer sent with one tap can be followed by "tell us more", a
draft whose answers are added to the response already sent.

Revision ID: 5b1e7c9d2a40
Revises: 3d8f2a61c0b7
Create Date: 2026-12-04 01:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5b1e7c9d2a40'
down_revision = '3d8f2a61c0b7'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'adds_to_response_id',
            sa.BigInteger().with_variant(sa.Integer(), 'sqlite'),
            nullable=True,
        ))
        batch_op.create_foreign_key(
            batch_op.f('fk_drafts_adds_to_response_id_responses'),
            'responses', ['adds_to_response_id'], ['id'], ondelete='CASCADE',
        )


def downgrade():
    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_drafts_adds_to_response_id_responses'), type_='foreignkey'
        )
        batch_op.drop_column('adds_to_response_id')
