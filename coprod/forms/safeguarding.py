"""Forms of the safeguarding queue: filters, one action on an item, and bulk reading."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from coprod.forms.admin import choices
from coprod.screening import Concern
from coprod.services.safeguarding.queue import MAX_NOTE, MAX_REFERENCE, OUTCOMES


class FilterForm(FlaskForm):
    """Narrow the queue; read from the address, so it carries no CSRF token."""

    class Meta:
        csrf = False

    state = SelectField(
        "State",
        choices=choices(
            [
                ("open", "Open (new or in review)"),
                ("new", "New"),
                ("in_review", "In review"),
                ("closed", "Closed"),
                ("", "Any state"),
            ]
        ),
        default="open",
        validators=[Optional()],
    )
    kind = SelectField(
        "Kind",
        choices=choices(
            [("", "Flagged and to read"), ("flagged", "Flagged"), ("to_read", "To read")]
        ),
        default="",
        validators=[Optional()],
    )
    concern = SelectField(
        "Concern",
        choices=choices([("", "Any concern")] + [(c.value, c.label) for c in Concern]),
        default="",
        validators=[Optional()],
    )
    ward = SelectField("Ward", choices=[], default="", validators=[Optional()])


class ActionForm(FlaskForm):
    """One thing a lead does to an item, named by the button pressed; the service checks
    which fields that action needs."""

    action = HiddenField("Action", validators=[InputRequired("Choose what to do")])
    outcome = RadioField(
        "Outcome", choices=choices(OUTCOMES.items()), validators=[Optional()], validate_choice=False
    )
    reference = StringField(
        "Incident or referral reference (needed for an incident)",
        validators=[
            Length(
                max=MAX_REFERENCE,
                message=f"The reference must be {MAX_REFERENCE} characters or fewer",
            )
        ],
    )
    note = TextAreaField(
        "Note",
        validators=[
            Length(max=MAX_NOTE, message=f"The note must be {MAX_NOTE} characters or fewer")
        ],
    )
