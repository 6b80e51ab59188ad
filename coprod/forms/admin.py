"""Forms for the admin area: trusts, sites, wards and accounts."""

from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    PasswordField,
    RadioField,
    SelectMultipleField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from coprod.models import Role, WardType
from coprod.models.org import READ_FREE_TEXT


def choices(pairs) -> list[SelectChoice]:
    """Return (value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes for choosing several values."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class TrustForm(FlaskForm):
    """Create a trust."""

    code = StringField(
        "Trust code", validators=[DataRequired("Enter the trust code"), Length(max=20)]
    )
    name = StringField(
        "Trust name", validators=[DataRequired("Enter the trust name"), Length(max=200)]
    )


class ReadFreeTextForm(FlaskForm):
    """Choose which free-text answers a trust's safeguarding leads read, flagged or not."""

    read_free_text = RadioField(
        "Which free-text answers should safeguarding leads read?",
        choices=choices(READ_FREE_TEXT.items()),
        validators=[InputRequired("Choose which answers safeguarding leads read")],
    )


class NameForm(FlaskForm):
    """Give or change a name (trusts and sites)."""

    name = StringField("Name", validators=[DataRequired("Enter a name"), Length(max=200)])


WARD_TYPE_CHOICES = choices((t.value, t.label) for t in WardType)


class WardForm(FlaskForm):
    """Create or change a ward."""

    code = StringField(
        "Ward code",
        validators=[DataRequired("Enter the ward code"), Length(max=30)],
    )
    name = StringField(
        "Ward name", validators=[DataRequired("Enter the ward name"), Length(max=200)]
    )
    ward_type = RadioField(
        "Type of ward",
        choices=WARD_TYPE_CHOICES,
        validators=[DataRequired("Choose the type of ward")],
    )
    is_active = RadioField(
        "Is the ward taking part?",
        choices=choices([("yes", "Yes, it is taking part"), ("no", "No, not at the moment")]),
        default="yes",
    )


ROLE_CHOICES = choices(
    [
        (Role.FACILITATOR.value, "Facilitator: sees dashboards, summaries and redacted quotes"),
        (Role.SAFEGUARDING.value, "Safeguarding lead: also sees unredacted free text"),
        (Role.ADMIN.value, "Admin: manages trusts, wards, tablets and accounts"),
        (Role.NETWORK_ADMIN.value, "Network admin: an admin who can also add trusts"),
    ]
)


class UserForm(FlaskForm):
    """Create an account."""

    email = EmailField(
        "E-mail address",
        validators=[DataRequired("Enter the e-mail address"), Length(max=254)],
    )
    name = StringField("Name", validators=[Length(max=200)])
    role = RadioField("Role", choices=ROLE_CHOICES, validators=[DataRequired("Choose a role")])
    trusts = MultiCheckboxField(
        "Trusts this account can see",
        coerce=int,
        validators=[InputRequired("Choose at least one trust")],
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired("Enter a password"), Length(max=200)],
    )


class UserEditForm(FlaskForm):
    """Change an account's role, trusts and status."""

    name = StringField("Name", validators=[Length(max=200)])
    role = RadioField("Role", choices=ROLE_CHOICES, validators=[DataRequired("Choose a role")])
    trusts = MultiCheckboxField(
        "Trusts this account can see",
        coerce=int,
        validators=[InputRequired("Choose at least one trust")],
    )
    enabled = RadioField(
        "Can this account sign in?",
        choices=choices([("yes", "Yes"), ("no", "No, disable the account")]),
        default="yes",
    )


class PasswordForm(FlaskForm):
    """Set a new password for an account."""

    password = PasswordField(
        "New password", validators=[DataRequired("Enter a new password"), Length(max=200)]
    )
