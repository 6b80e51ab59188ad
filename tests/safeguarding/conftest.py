"""Fixtures for safeguarding: a ward with the shipped surveys, leads, and a real SMTP server."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message

import pytest
from aiosmtpd.controller import Controller

from coprod.extensions import db
from coprod.models import Role
from coprod.services import devices, survey_files
from tests.factories import make_org, make_user

SURVEYS = (
    "ward-weather",
    "patient-sexual-safety",
    "staff-sexual-safety",
    "patient-ward-climate",
)


def free_port() -> int:
    """Return a loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


class MailServer:
    """A real SMTP server on a loopback port that can be stopped and started again."""

    def __init__(self) -> None:
        self.port = free_port()
        self.inbox = Inbox()
        self.controller: Controller | None = None

    def start(self) -> None:
        """Start listening."""
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        """Stop listening, so connections are refused."""
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self) -> list[Message]:
        """Return the messages received so far."""
        return self.inbox.messages


@pytest.fixture
def mail_server(app) -> Iterator[MailServer]:
    """Start an SMTP server on loopback and point the app's e-mail settings at it."""
    server = MailServer()
    server.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port, MAIL_TIMEOUT_SECONDS=5)
    yield server
    server.stop()


@pytest.fixture
def site(app):
    """Trust RX1 with a ward RX1-W1 where the shipped surveys are open, and its two leads."""
    survey_files.register_versions(survey_files.load_directory(app.config["COPROD_SURVEY_DIR"]))
    trust, _site, ward = make_org("RX1")
    for survey in SURVEYS:
        devices.open_survey(ward, survey, actor=None)
    db.session.commit()
    leads = [make_user(Role.SAFEGUARDING, [trust], email=f"lead{n}@example.nhs.uk") for n in (1, 2)]
    return {"trust": trust, "ward": ward, "leads": leads}
