"""The safeguarding screen: finds disclosures of harm in free text. No Flask, no database."""

from coprod.screening.engine import Concern, Screening, screen, screen_all, screen_many

__all__ = ["Concern", "Screening", "screen", "screen_all", "screen_many"]
