"""Facilitators' dashboards: headline measures as SPC charts, with small numbers
suppressed. Only the account's own trusts; never any free text.

One blueprint; each area of the dashboards has its own module of views:
  overview  every ward of the account's trusts, latest readings
  wards     a ward's charts
  exports   the overview's table and a ward's weeks as CSV or XLSX
  improvement  a ward's change ideas with PDSA notes, and aims for its measures
  incidents incident series imported from other systems: list, import, one series, delete
  participation  who took part on a ward, against who was on it (entered or imported)
"""

from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, abort, request

from coprod.models.base import local_today
from coprod.models.people import Permission
from coprod.security import permission_required

bp = Blueprint("dashboards", __name__, url_prefix="/dashboards")
DEFAULT_WEEKS = 26
MAX_WEEKS = 260


@bp.before_request
@permission_required(Permission.VIEW_DASHBOARDS)
def _dashboards_only():
    """Let in only accounts that may see dashboards."""


def _period() -> tuple[date, date, str | None]:
    """Return (start, end, problem) from the query string, defaulting to the last 26 weeks."""
    today = local_today()
    try:
        end = date.fromisoformat(request.args["to"]) if request.args.get("to") else today
        start_text = request.args.get("from")
        start = (
            date.fromisoformat(start_text)
            if start_text
            else end - timedelta(weeks=DEFAULT_WEEKS - 1)
        )
    except ValueError:
        default_end = today
        return (
            default_end - timedelta(weeks=DEFAULT_WEEKS - 1),
            default_end,
            ("Enter dates like 2026-03-02"),
        )
    if start > end:
        return end - timedelta(weeks=DEFAULT_WEEKS - 1), end, "The start must be before the end"
    if (end - start).days > MAX_WEEKS * 7:
        return end - timedelta(weeks=MAX_WEEKS - 1), end, "Choose at most 5 years"
    return start, end, None


def _chosen_survey(surveys: list[tuple[str, str]]) -> str | None:
    """Return the survey asked for, the first with measures by default; 404 if unknown."""
    ids = [survey_id for survey_id, _title in surveys]
    survey_id = request.args.get("survey") or (ids[0] if ids else None)
    if survey_id is not None and survey_id not in ids:
        abort(404)
    return survey_id


# The views register themselves on bp when imported.
from coprod.views.dashboards import (  # noqa: E402, F401
    exports,
    improvement,
    incidents,
    overview,
    participation,
    wards,
)
