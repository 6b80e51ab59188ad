"""Alerts to safeguarding leads through a real SMTP server on a loopback port: sent after the
response is stored, kept when the server is down or silent, retried, and never sent twice."""

from __future__ import annotations

import socket
import threading
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from coprod.extensions import db
from coprod.mail import deliver_alerts
from coprod.models import Alert, SafeguardingItem
from coprod.models.base import utcnow
from coprod.services.safeguarding import alerts
from tests.respondent import answer, enrol, start, submit
from tests.safeguarding.conftest import free_port

DISCLOSURE = "he did stuff to me in the laundry room. i didnt want it"


def _disclose(client, site):
    enrol(client, site["ward"])
    token = start(client)
    answer(client, token, "weather_why", DISCLOSURE)
    response = submit(client, token)
    assert "Thank you for telling us" in response.get_data(as_text=True)
    response.close()  # the browser has the page; delivery runs now
    return db.session.scalar(select(SafeguardingItem))


def _alerts():
    db.session.expire_all()
    return list(db.session.scalars(select(Alert).order_by(Alert.item_id, Alert.recipient)))


def test_each_lead_gets_an_email_with_a_link_and_no_answers(client, app, site, mail_server):
    item = _disclose(client, site)
    messages = mail_server.messages
    assert sorted(m["To"] for m in messages) == sorted(lead.email for lead in site["leads"])
    for message in messages:
        body = message.get_payload(decode=True).decode()
        assert f"{app.config['COPROD_BASE_URL']}/safeguarding/{item.id}" in body
        assert "laundry" not in body and "laundry" not in message["Subject"]
        assert message["Message-ID"].endswith("@coprod.alerts>")
    assert [a.status for a in _alerts()] == ["sent", "sent"]


def test_a_server_that_is_down_delays_the_alert_and_never_loses_it(client, app, site, mail_server):
    mail_server.stop()
    item = _disclose(client, site)
    # Whichever alert was tried first (their order is random) is "first".
    first, second = sorted(_alerts(), key=lambda a: -a.attempts)
    assert (first.status, second.status) == ("pending", "pending")
    # The first refusal ends the round, so the respondent's worker is not held up.
    assert first.attempts == 1 and "Connection" in first.last_error and second.attempts == 0
    assert db.session.get(SafeguardingItem, item.id) is not None
    mail_server.start()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["safeguarding", "send-alerts"])
    assert "Sent 1, failed 0, waiting 1" in result.output  # the first waits its backoff
    with time_machine.travel(utcnow() + timedelta(minutes=2)):
        result = runner.invoke(args=["safeguarding", "send-alerts"])
    assert "Sent 1, failed 0, waiting 0" in result.output, result.output
    with time_machine.travel(utcnow() + timedelta(minutes=30)):
        again = runner.invoke(args=["safeguarding", "send-alerts"])
    assert "Sent 0, failed 0, waiting 0" in again.output
    assert len(mail_server.messages) == 2
    assert [a.status for a in _alerts()] == ["sent", "sent"]


@pytest.fixture
def silent_server():
    """A server that accepts connections and never says anything, as a hung mail relay."""
    port = free_port()
    listener = socket.socket()
    listener.bind(("127.0.0.1", port))
    listener.listen()
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield port
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    listener.close()


def test_a_server_that_times_out_leaves_the_alert_waiting(client, app, site, silent_server):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=silent_server, MAIL_TIMEOUT_SECONDS=1)
    _disclose(client, site)
    # Whichever alert was tried first (their order is random) is "first".
    first, second = sorted(_alerts(), key=lambda a: -a.attempts)
    assert (first.status, second.status) == ("pending", "pending")
    assert "timed out" in first.last_error.lower() and second.attempts == 0


def test_an_alert_claimed_by_another_process_is_not_sent_again(app, client, site, mail_server):
    mail_server.stop()
    _disclose(client, site)
    first, second = _alerts()
    first.status, first.claimed_at = "sending", utcnow()
    db.session.commit()
    mail_server.start()
    with time_machine.travel(utcnow() + timedelta(minutes=2)):
        result = deliver_alerts(app)
    assert result.sent == 1 and [m["To"] for m in mail_server.messages] == [second.recipient]
    # A claim older than CLAIM_MINUTES belonged to a process that died: it is offered again.
    with time_machine.travel(utcnow() + timedelta(minutes=alerts.CLAIM_MINUTES + 3)):
        result = deliver_alerts(app)
    assert result.sent == 1 and len(mail_server.messages) == 2


def test_without_a_mail_server_alerts_wait_and_the_command_says_so(app, client, site):
    _disclose(client, site)
    result = app.test_cli_runner().invoke(args=["safeguarding", "send-alerts"])
    assert "E-mail is not set up (MAIL_SERVER)" in result.output
    assert "Sent 0, failed 0, waiting 2" in result.output
    assert client.get("/healthz").get_json()["outbox"] == "ok"  # says nothing of one alert
    with time_machine.travel(utcnow() + timedelta(hours=3)):
        assert client.get("/healthz").get_json()["outbox"] == "delayed"


def test_a_sent_alert_keeps_no_time_finer_than_the_hour(client, site, mail_server):
    _disclose(client, site)
    for alert in _alerts():
        assert alert.status == "sent" and alert.claim is None and alert.claimed_at is None
        for moment in (alert.created_at, alert.sent_at, alert.next_attempt_at):
            assert (moment.minute, moment.second, moment.microsecond) == (0, 0, 0)


def test_a_lead_disabled_before_delivery_is_not_emailed(app, client, site, mail_server):
    mail_server.stop()
    _disclose(client, site)
    site["leads"][1].is_enabled = False
    db.session.commit()
    mail_server.start()
    with time_machine.travel(utcnow() + timedelta(minutes=2)):
        deliver_alerts(app)
    assert [m["To"] for m in mail_server.messages] == [site["leads"][0].email]
    assert [a.status for a in _alerts()] == ["sent", "cancelled"]


def test_backoff_grows_and_is_capped():
    assert [alerts.backoff(n).total_seconds() / 60 for n in (1, 2, 3, 4, 10)] == [1, 2, 4, 8, 60]
