"""Thank-you pages kept for the sending browser only; responses stored under a random
key rather than a hash of the draft's token, which appears in URLs and access logs; and on
PostgreSQL the audit log refuses TRUNCATE as it refuses UPDATE and DELETE.

Revision ID: f453d4f682df
Revises: 0326d654848b
Create Date: 2026-12-02 16:20:38.808423

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f453d4f682df'
down_revision = '0326d654848b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('end_pages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('ward_id', sa.Integer(), nullable=False),
    sa.Column('survey_version_id', sa.Integer(), nullable=False),
    sa.Column('flagged', sa.Boolean(), nullable=False),
    sa.Column('mode', sa.String(length=10), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['survey_version_id'], ['survey_versions.id'], name=op.f('fk_end_pages_survey_version_id_survey_versions')),
    sa.ForeignKeyConstraint(['ward_id'], ['wards.id'], name=op.f('fk_end_pages_ward_id_wards'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_end_pages')),
    sa.UniqueConstraint('key_hash', name=op.f('uq_end_pages_key_hash'))
    )
    with op.batch_alter_table('end_pages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_end_pages_expires_at'), ['expires_at'], unique=False)

    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submission_key', sa.String(length=64), nullable=True))
    bind = op.get_bind()
    random_key = (
        "lower(hex(randomblob(32)))"
        if bind.dialect.name == "sqlite"
        else "md5(random()::text || clock_timestamp()::text) || md5(random()::text)"
    )
    bind.execute(sa.text(f"UPDATE drafts SET submission_key = {random_key}"))
    # Keys of stored responses were hashes of tokens that appeared in URLs: replace them.
    bind.execute(sa.text(f"UPDATE responses SET submission_key = {random_key}"))
    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.alter_column('submission_key', existing_type=sa.String(length=64), nullable=False)
    if bind.dialect.name == "postgresql":
        op.execute(
            "CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()"
        )



def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events")
    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.drop_column('submission_key')

    with op.batch_alter_table('end_pages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_end_pages_expires_at'))

    op.drop_table('end_pages')
