"""Database models, one module per area; importing this package registers them all."""

from coprod.models.audit import AuditEvent
from coprod.models.incidents import IncidentSeries, IncidentValue
from coprod.models.measures import Aim, ChangeIdea, PdsaNote
from coprod.models.org import Device, Site, Trust, Ward, WardType
from coprod.models.people import Role, User, user_trusts
from coprod.models.population import PopulationCount, WardPopulation
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
    "Aim",
    "Alert",
    "Answer",
    "AuditEvent",
    "ChangeIdea",
    "Device",
    "Draft",
    "EndPage",
    "IncidentSeries",
    "IncidentValue",
    "PdsaNote",
    "PopulationCount",
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
    "WardPopulation",
    "WardSurvey",
    "WardType",
    "user_trusts",
]
