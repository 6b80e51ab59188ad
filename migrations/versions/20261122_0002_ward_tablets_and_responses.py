"""Ward tablets, personal links, drafts, responses, answers and safeguarding flags.

Revision ID: a766eb9319a9
Revises: b9a83accf3fa
Create Date: 2026-11-22 03:57:49.542461

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a766eb9319a9'
down_revision = 'b9a83accf3fa'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('devices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ward_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=100), nullable=False),
    sa.Column('enrol_code_hash', sa.String(length=64), nullable=True),
    sa.Column('enrol_expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('secret_hash', sa.String(length=64), nullable=True),
    sa.Column('enrolled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['ward_id'], ['wards.id'], name=op.f('fk_devices_ward_id_wards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_devices')),
    sa.UniqueConstraint('enrol_code_hash', name=op.f('uq_devices_enrol_code_hash')),
    sa.UniqueConstraint('secret_hash', name=op.f('uq_devices_secret_hash'))
    )
    with op.batch_alter_table('devices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_devices_ward_id'), ['ward_id'], unique=False)

    op.create_table('responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_key', sa.String(length=64), nullable=False),
    sa.Column('ward_id', sa.Integer(), nullable=False),
    sa.Column('survey_version_id', sa.Integer(), nullable=False),
    sa.Column('audience', sa.String(length=20), nullable=False),
    sa.Column('variant', sa.String(length=20), nullable=False),
    sa.Column('language', sa.String(length=20), nullable=False),
    sa.Column('mode', sa.String(length=10), nullable=False),
    sa.Column('helped', sa.Boolean(), nullable=True),
    sa.Column('week', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['survey_version_id'], ['survey_versions.id'], name=op.f('fk_responses_survey_version_id_survey_versions')),
    sa.ForeignKeyConstraint(['ward_id'], ['wards.id'], name=op.f('fk_responses_ward_id_wards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_responses')),
    sa.UniqueConstraint('submission_key', name=op.f('uq_responses_submission_key'))
    )
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_responses_survey_version_id'), ['survey_version_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_responses_ward_id'), ['ward_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_responses_week'), ['week'], unique=False)

    op.create_table('ward_surveys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ward_id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.String(length=80), nullable=False),
    sa.Column('is_open', sa.Boolean(), nullable=False),
    sa.Column('link_code', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['ward_id'], ['wards.id'], name=op.f('fk_ward_surveys_ward_id_wards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ward_surveys')),
    sa.UniqueConstraint('link_code', name=op.f('uq_ward_surveys_link_code')),
    sa.UniqueConstraint('ward_id', 'survey_id', name=op.f('uq_ward_surveys_ward_id'))
    )
    with op.batch_alter_table('ward_surveys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ward_surveys_ward_id'), ['ward_id'], unique=False)

    op.create_table('answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.String(length=50), nullable=False),
    sa.Column('choice', sa.String(length=50), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['response_id'], ['responses.id'], name=op.f('fk_answers_response_id_responses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_answers'))
    )
    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answers_response_id'), ['response_id'], unique=False)

    op.create_table('drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('ward_id', sa.Integer(), nullable=False),
    sa.Column('survey_version_id', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.Integer(), nullable=True),
    sa.Column('owner_key', sa.String(length=64), nullable=True),
    sa.Column('mode', sa.String(length=10), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], name=op.f('fk_drafts_device_id_devices')),
    sa.ForeignKeyConstraint(['survey_version_id'], ['survey_versions.id'], name=op.f('fk_drafts_survey_version_id_survey_versions')),
    sa.ForeignKeyConstraint(['ward_id'], ['wards.id'], name=op.f('fk_drafts_ward_id_wards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drafts')),
    sa.UniqueConstraint('token', name=op.f('uq_drafts_token'))
    )
    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_drafts_device_id'), ['device_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_drafts_updated_at'), ['updated_at'], unique=False)

    op.create_table('safeguarding_flags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('trust_id', sa.Integer(), nullable=False),
    sa.Column('concerns', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('week', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['response_id'], ['responses.id'], name=op.f('fk_safeguarding_flags_response_id_responses')),
    sa.ForeignKeyConstraint(['trust_id'], ['trusts.id'], name=op.f('fk_safeguarding_flags_trust_id_trusts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_safeguarding_flags')),
    sa.UniqueConstraint('response_id', name=op.f('uq_safeguarding_flags_response_id'))
    )
    with op.batch_alter_table('safeguarding_flags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_safeguarding_flags_trust_id'), ['trust_id'], unique=False)

    with op.batch_alter_table('trusts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('support_contacts', sa.JSON(), nullable=True))




def downgrade():

    with op.batch_alter_table('trusts', schema=None) as batch_op:
        batch_op.drop_column('support_contacts')

    with op.batch_alter_table('safeguarding_flags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_safeguarding_flags_trust_id'))

    op.drop_table('safeguarding_flags')
    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_drafts_updated_at'))
        batch_op.drop_index(batch_op.f('ix_drafts_device_id'))

    op.drop_table('drafts')
    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answers_response_id'))

    op.drop_table('answers')
    with op.batch_alter_table('ward_surveys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ward_surveys_ward_id'))

    op.drop_table('ward_surveys')
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_responses_week'))
        batch_op.drop_index(batch_op.f('ix_responses_ward_id'))
        batch_op.drop_index(batch_op.f('ix_responses_survey_version_id'))

    op.drop_table('responses')
    with op.batch_alter_table('devices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_devices_ward_id'))

    op.drop_table('devices')

