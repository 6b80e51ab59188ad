"""Database models, one module per area; importing this package registers them all."""

from coprod.models.audit import AuditEvent
from coprod.models.org import Device, Site, Trust, Ward, WardType
from coprod.models.people import Role, User, user_trusts
from coprod.models.safeguarding import Alert, SafeguardingAction, SafeguardingItem
from coprod.models.surveys import (
    Answer,
    Draft,
    EndPage,
    Response,
    SurveyVersion,
    WardSurvey,
)
from coprod.models.themes import TextCoding, ThemeCode, ThemeCorrection

__all__ = [
    "Alert",
    "Answer",
    "AuditEvent",
    "Device",
    "Draft",
    "EndPage",
    "Response",
    "Role",
    "SafeguardingAction",
    "SafeguardingItem",
    "Site",
    "SurveyVersion",
    "TextCoding",
    "ThemeCode",
    "ThemeCorrection",
    "Trust",
    "User",
    "Ward",
    "WardSurvey",
    "WardType",
    "user_trusts",
]
