"""Deliver new alerts as soon as a request that queued them has been answered."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from flask import after_this_request, current_app

from coprod.mail import deliver_alerts

logger = logging.getLogger(__name__)


def send_after_response(alert_ids: Iterable[int]) -> None:
    """Send these alerts once the response has gone to the browser.

    The respondent never waits for the mail server; an alert that fails here stays in the
    outbox for `flask safeguarding send-alerts` to retry.
    """
    app = current_app._get_current_object()
    ids = list(alert_ids)

    @after_this_request
    def _schedule(response):
        def _deliver():
            try:
                deliver_alerts(app, ids)
            except Exception:  # never let delivery break the respondent's page
                logger.exception("alerts %s wait in the outbox for the next delivery", ids)

        response.call_on_close(_deliver)
        return response
