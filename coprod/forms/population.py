"""Forms for who was on a ward in a period: counts typed in, or a CSV file imported.

The typed form is built at run time from the about-you categories the surveys ask, as
survey forms are built from survey files. These check the shape of what was typed; the
service checks that every category adds up to the number of people.
"""

from __future__ import annotations

from collections.abc import Sequence

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import IntegerField
from wtforms.validators import InputRequired, ValidationError

from coprod.forms.fields import PlainDateField
from coprod.services.dashboards.participation import Category
from coprod.services.dashboards.population import MAX_COUNT


class WholeNumberField(IntegerField):
    """A whole number of people, refused in plain words; blank is None, or 0 if
    blank_is_none is False."""

    def __init__(self, label=None, validators=None, blank_is_none=False, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.blank_is_none = blank_is_none

    def process_formdata(self, valuelist):
        text = valuelist[0].strip() if valuelist else ""
        if not text:
            self.data = None if self.blank_is_none else 0
            return
        if not (text.isascii() and text.isdigit()) or int(text) > MAX_COUNT:
            self.data = None
            raise ValueError(f"{self.label.text}: enter a whole number from 0 to {MAX_COUNT}")
        self.data = int(text)


class PeriodForm(FlaskForm):
    """The period the counts are for."""

    starts_on = PlainDateField(
        "First day",
        validators=[InputRequired("Enter the first day of the period")],
        message="Enter the first day like 2026-11-02",
    )
    ends_on = PlainDateField(
        "Last day",
        validators=[InputRequired("Enter the last day of the period")],
        message="Enter the last day like 2026-11-29",
    )

    def validate_ends_on(self, field):
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError("The last day must be on or after the first day")


def field_name(category_id: str, value: str) -> str:
    """Return the form field of one category's value."""
    return f"{category_id}__{value}"


def population_form(categories: Sequence[Category], **kwargs) -> PeriodForm:
    """Return a form for typing in the counts of these categories."""

    class PopulationForm(PeriodForm):
        total = WholeNumberField(
            "Number of people",
            validators=[InputRequired("Enter how many people were patients on the ward")],
            blank_is_none=True,
        )

    for category in categories:
        for value, label in category.population_options:
            setattr(
                PopulationForm,
                field_name(category.id, value),
                WholeNumberField(f"{category.name}: {label}"),
            )
    return PopulationForm(**kwargs)


class PopulationImportForm(PeriodForm):
    """Import the counts of a period from a CSV file of category,value,count rows."""

    # Whether a file was chosen is checked with the rest, so every problem shows at once.
    file = FileField("CSV file")
