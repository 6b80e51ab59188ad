"""Database models, one module per area; importing this package registers them all."""

from coprod.models.audit import AuditEvent
from coprod.models.org import Device, Site, Trust, Ward, WardType
from coprod.models.people import Role, User, user_trusts
from coprod.models.surveys import (
    Answer,
    Draft,
    Response,
    SafeguardingFlag,
    SurveyVersion,
    WardSurvey,
)

__all__ = [
    "Answer",
    "AuditEvent",
    "Device",
    "Draft",
    "Response",
    "Role",
    "SafeguardingFlag",
    "Site",
    "SurveyVersion",
    "Trust",
    "User",
    "Ward",
    "WardSurvey",
    "WardType",
    "user_trusts",
]
