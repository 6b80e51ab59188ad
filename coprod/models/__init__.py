"""Database models, one module per area; importing this package registers them all."""

from coprod.models.audit import AuditEvent
from coprod.models.org import Site, Trust, Ward, WardType
from coprod.models.people import Role, User, user_trusts
from coprod.models.surveys import SurveyVersion

__all__ = [
    "AuditEvent",
    "Role",
    "Site",
    "SurveyVersion",
    "Trust",
    "User",
    "Ward",
    "WardType",
    "user_trusts",
]
