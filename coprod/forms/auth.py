"""The sign-in form."""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Length


class LoginForm(FlaskForm):
    """E-mail and password; failures are reported without saying which was wrong."""

    email = EmailField(
        "E-mail address",
        validators=[DataRequired("Enter your e-mail address"), Length(max=254)],
    )
    password = PasswordField(
        "Password", validators=[DataRequired("Enter your password"), Length(max=200)]
    )


class ChangePasswordForm(FlaskForm):
    """A signed-in person changes their own password."""

    current_password = PasswordField(
        "Current password",
        validators=[DataRequired("Enter your current password"), Length(max=200)],
    )
    new_password = PasswordField(
        "New password", validators=[DataRequired("Enter a new password"), Length(max=200)]
    )
