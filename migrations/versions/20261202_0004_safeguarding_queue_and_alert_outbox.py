"""The safeguarding queue (items and what leads did), the alert outbox, and which free text
each trust reads. Flags waiting from before become new items.

Revision ID: 0326d654848b
Revises: bbf949ec7a32
Create Date: 2026-12-02 15:32:38.617417

"""
from alembic import op
import sqlalchemy as sa
from datetime import datetime, timezone


# revision identifiers, used by Alembic.
revision = '0326d654848b'
down_revision = 'bbf949ec7a32'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('safeguarding_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('trust_id', sa.Integer(), nullable=False),
    sa.Column('ward_id', sa.Integer(), nullable=False),
    sa.Column('flagged', sa.Boolean(), nullable=False),
    sa.Column('concerns', sa.JSON(), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('outcome', sa.String(length=30), nullable=True),
    sa.Column('reference', sa.String(length=60), nullable=True),
    sa.Column('week', sa.Date(), nullable=False),
    sa.Column('raised_hour', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['response_id'], ['responses.id'], name=op.f('fk_safeguarding_items_response_id_responses')),
    sa.ForeignKeyConstraint(['trust_id'], ['trusts.id'], name=op.f('fk_safeguarding_items_trust_id_trusts')),
    sa.ForeignKeyConstraint(['ward_id'], ['wards.id'], name=op.f('fk_safeguarding_items_ward_id_wards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_safeguarding_items')),
    sa.UniqueConstraint('response_id', name=op.f('uq_safeguarding_items_response_id'))
    )
    with op.batch_alter_table('safeguarding_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_safeguarding_items_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_safeguarding_items_trust_id'), ['trust_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_safeguarding_items_ward_id'), ['ward_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_safeguarding_items_week'), ['week'], unique=False)

    op.create_table('alerts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('recipient', sa.String(length=254), nullable=False),
    sa.Column('trust_id', sa.Integer(), nullable=True),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('link', sa.String(length=300), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claim', sa.String(length=32), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['safeguarding_items.id'], name=op.f('fk_alerts_item_id_safeguarding_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['trust_id'], ['trusts.id'], name=op.f('fk_alerts_trust_id_trusts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alerts')),
    sa.UniqueConstraint('key', name=op.f('uq_alerts_key'))
    )
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alerts_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_alerts_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_alerts_trust_id'), ['trust_id'], unique=False)

    op.create_table('safeguarding_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_email', sa.String(length=254), nullable=False),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('outcome', sa.String(length=30), nullable=True),
    sa.Column('reference', sa.String(length=60), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_safeguarding_actions_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['item_id'], ['safeguarding_items.id'], name=op.f('fk_safeguarding_actions_item_id_safeguarding_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_safeguarding_actions'))
    )
    with op.batch_alter_table('safeguarding_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_safeguarding_actions_item_id'), ['item_id'], unique=False)

    # Flags stored before the queue existed were never read: they become new items, due now.
    bind = op.get_bind()
    now = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0)
    if bind.dialect.name == "sqlite":
        now = now.replace(tzinfo=None)  # SQLite keeps UTC without a zone, as the app does
    bind.execute(
        sa.text(
            "INSERT INTO safeguarding_items (response_id, trust_id, ward_id, flagged, concerns,"
            " reasons, state, week, raised_hour, version)"
            " SELECT f.response_id, f.trust_id, r.ward_id, TRUE, f.concerns, '[]', 'new',"
            " f.week, :now, 1 FROM safeguarding_flags f JOIN responses r ON r.id = f.response_id"
        ).bindparams(sa.bindparam("now", type_=sa.DateTime(timezone=True))),
        {"now": now},
    )
    with op.batch_alter_table('safeguarding_flags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_safeguarding_flags_trust_id'))

    op.drop_table('safeguarding_flags')
    with op.batch_alter_table('trusts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('read_free_text', sa.String(length=20), server_default='sexual_safety', nullable=False))



def downgrade():
    with op.batch_alter_table('trusts', schema=None) as batch_op:
        batch_op.drop_column('read_free_text')

    op.create_table('safeguarding_flags',
    sa.Column('id', sa.INTEGER(), nullable=False),
    sa.Column('response_id', sa.INTEGER(), nullable=False),
    sa.Column('trust_id', sa.INTEGER(), nullable=False),
    sa.Column('concerns', sa.JSON(), nullable=False),
    sa.Column('status', sa.VARCHAR(length=20), nullable=False),
    sa.Column('week', sa.DATE(), nullable=False),
    sa.ForeignKeyConstraint(['response_id'], ['responses.id'], name=op.f('fk_safeguarding_flags_response_id_responses')),
    sa.ForeignKeyConstraint(['trust_id'], ['trusts.id'], name=op.f('fk_safeguarding_flags_trust_id_trusts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_safeguarding_flags')),
    sa.UniqueConstraint('response_id', name=op.f('uq_safeguarding_flags_response_id'))
    )
    with op.batch_alter_table('safeguarding_flags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_safeguarding_flags_trust_id'), ['trust_id'], unique=False)

    # Flagged items go back to being flags; what leads did with them has nowhere to go.
    op.get_bind().execute(
        sa.text(
            "INSERT INTO safeguarding_flags (response_id, trust_id, concerns, status, week)"
            " SELECT response_id, trust_id, concerns,"
            " CASE WHEN state = 'closed' THEN 'closed' ELSE 'open' END, week"
            " FROM safeguarding_items WHERE flagged = TRUE"
        )
    )

    with op.batch_alter_table('safeguarding_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_safeguarding_actions_item_id'))

    op.drop_table('safeguarding_actions')
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alerts_trust_id'))
        batch_op.drop_index(batch_op.f('ix_alerts_status'))
        batch_op.drop_index(batch_op.f('ix_alerts_item_id'))

    op.drop_table('alerts')
    with op.batch_alter_table('safeguarding_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_safeguarding_items_week'))
        batch_op.drop_index(batch_op.f('ix_safeguarding_items_ward_id'))
        batch_op.drop_index(batch_op.f('ix_safeguarding_items_trust_id'))
        batch_op.drop_index(batch_op.f('ix_safeguarding_items_state'))

    op.drop_table('safeguarding_items')
