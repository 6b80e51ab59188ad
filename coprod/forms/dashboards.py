"""Forms for improvement work on a ward: change ideas, PDSA notes and aims.

These check only the shape of what was typed; the service checks what it means (dates in
order, a baseline with enough weeks) before anything is written.
"""

from flask_wtf import FlaskForm
from wtforms import FloatField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from coprod.forms.admin import choices
from coprod.forms.fields import PlainDateField
from coprod.models.measures import PDSA_STAGES


class PlainFloatField(FloatField):
    """A number, refused in plain words."""

    def __init__(self, label=None, validators=None, message="", **kwargs):
        super().__init__(label, validators, **kwargs)
        self.message = message

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = float(valuelist[0].strip().rstrip("%"))
        except ValueError:
            self.data = None
            raise ValueError(self.message) from None


class ConfirmForm(FlaskForm):
    """Confirm a deletion: nothing to fill in but the form's token."""


YES_NO = choices([("yes", "Yes, start new limits from this date"), ("no", "No")])


class ChangeIdeaForm(FlaskForm):
    """Add or change a change idea."""

    title = StringField(
        "Title", validators=[DataRequired("Enter the change idea's title"), Length(max=200)]
    )
    description = TextAreaField(
        "What is the change, and what do you expect it to do? (optional)",
        validators=[Length(max=4000, message="The description must be 4000 characters or fewer")],
    )
    started_on = PlainDateField(
        "Date it started",
        validators=[InputRequired("Enter the date the change started, like 2026-03-02")],
        message="Enter the date the change started as a real date, like 2026-03-02",
    )
    ended_on = PlainDateField(
        "Date it ended (optional)",
        validators=[Optional()],
        message="Enter the date the change ended as a real date, like 2026-03-02",
    )
    new_limits = RadioField(
        "Should the charts' limits start afresh from this date?",
        choices=YES_NO,
        default="no",
        validators=[InputRequired("Choose whether the limits start afresh")],
    )


class PdsaNoteForm(FlaskForm):
    """Add a note of a Plan-Do-Study-Act stage."""

    stage = RadioField(
        "Stage",
        choices=choices(PDSA_STAGES.items()),
        validators=[InputRequired("Choose the stage: plan, do, study or act")],
    )
    noted_on = PlainDateField(
        "Date",
        validators=[InputRequired("Enter the date of the note, like 2026-03-02")],
        message="Enter the date of the note as a real date, like 2026-03-02",
    )
    text = TextAreaField(
        "Note",
        validators=[
            DataRequired("Enter the note"),
            Length(max=2000, message="The note must be 2000 characters or fewer"),
        ],
    )


AIM_KINDS = choices(
    [
        ("relative", "A change from the baseline mean, in per cent (for example 20% better)"),
        ("absolute", "A value to reach (for example 80%)"),
    ]
)


class AimForm(FlaskForm):
    """Set a ward's aim for one measure."""

    baseline_from = PlainDateField(
        "Baseline from",
        validators=[InputRequired("Enter the start of the baseline, like 2026-03-02")],
        message="Enter the start of the baseline as a real date, like 2026-03-02",
    )
    baseline_to = PlainDateField(
        "Baseline to",
        validators=[InputRequired("Enter the end of the baseline, like 2026-03-02")],
        message="Enter the end of the baseline as a real date, like 2026-03-02",
    )
    kind = RadioField(
        "What kind of aim?",
        choices=AIM_KINDS,
        validators=[InputRequired("Choose whether the aim is a change or a value")],
    )
    value = PlainFloatField(
        "The change in per cent, or the value to reach",
        validators=[InputRequired("Enter the aim as a number, like 20")],
        message="Enter the aim as a number, like 20",
    )
