"""Forms for incident series: importing a CSV file of figures, and deleting a series."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import RadioField, SelectField, StringField
from wtforms.validators import InputRequired

from coprod.forms.admin import choices
from coprod.models.incidents import DIRECTIONS, KINDS

NEW = "new"


class IncidentImportForm(FlaskForm):
    """Import a CSV file into an existing series or a new one.

    The series, trust and ward choices are the account's own, set by the view; a value that
    is not among them is refused there, with a message, rather than here.
    """

    series = RadioField(
        "Which series are the figures for?",
        validate_choice=False,
        validators=[InputRequired("Choose the series, or a new one")],
    )
    name = StringField("Name of the new series")
    kind = RadioField(
        "What does the new series count?", choices=choices(KINDS.items()), validate_choice=False
    )
    improvement = RadioField(
        "Which way is better?",
        choices=choices(DIRECTIONS.items()),
        default="decrease",
        validate_choice=False,
    )
    note = StringField("Where the figures come from (optional)")
    trust = SelectField("Trust of the new series", validate_choice=False)
    ward = SelectField("Ward, if the file has no ward column", validate_choice=False)
    # Whether a file was chosen is checked with the rest of the import, so that every
    # problem is listed at once.
    file = FileField("CSV file")


class DeleteForm(FlaskForm):
    """Confirm a deletion: the form carries only its CSRF token."""
