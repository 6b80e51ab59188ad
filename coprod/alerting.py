"""Deliver new alerts as soon as a request that queued them has been answered."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from flask import after_this_request, current_app

from coprod.mail import deliver_alerts

logger = logging.getLogger(__name__)


def send_after_response(alert_ids: Iterable[int]) -> None:
    """Deliver the alerts that are due, these among them, once the response has gone.

    The respondent never waits for the mail server; an alert that fails here stays in the
    outbox, and the next delivery (another disclosure, or `flask safeguarding send-alerts`)
    retries it.
    """
    app = current_app._get_current_object()
    ids = list(alert_ids)

    @after_this_request
    def _schedule(response):
        def _deliver():
            try:
                deliver_alerts(app, soon=True)
            except Exception:  # never let delivery break the respondent's page
                logger.exception("alerts %s wait in the outbox for the next delivery", ids)

        response.call_on_close(_deliver)
        return response
