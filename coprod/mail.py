"""Deliver outbox alerts by e-mail through the SMTP server named in the settings."""

from __future__ import annotations

import hashlib
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate

from flask import Flask

from coprod.models import Alert


class SmtpSender:
    """Send one alert as a plain-text e-mail; raises on any refusal or timeout."""

    def __init__(self, config) -> None:
        self.server = config["MAIL_SERVER"]
        self.port = config["MAIL_PORT"]
        self.use_tls = config["MAIL_USE_TLS"]
        self.use_ssl = config["MAIL_USE_SSL"]
        self.username = config["MAIL_USERNAME"]
        self.password = config["MAIL_PASSWORD"]
        self.sender = config["MAIL_DEFAULT_SENDER"]
        self.timeout = config["MAIL_TIMEOUT_SECONDS"]

    def message(self, alert: Alert, base_url: str) -> EmailMessage:
        """Build the e-mail: the alert's words and a link, nothing that was answered."""
        message = EmailMessage()
        message["Subject"] = alert.subject
        message["From"] = self.sender
        message["To"] = alert.recipient
        message["Date"] = formatdate(usegmt=True)
        # The same alert always has the same Message-ID, so a resent copy can be recognised.
        digest = hashlib.sha256(alert.key.encode()).hexdigest()[:32]
        message["Message-ID"] = f"<{digest}@coprod.alerts>"
        link = f"\n\nOpen it: {base_url}{alert.link}" if alert.link else ""
        message.set_content(f"{alert.body}{link}\n")
        return message

    def __call__(self, alert: Alert, base_url: str) -> None:
        """Send the alert's e-mail."""
        message = self.message(alert, base_url)
        if self.use_ssl:
            smtp = smtplib.SMTP_SSL(
                self.server, self.port, timeout=self.timeout, context=ssl.create_default_context()
            )
        else:
            smtp = smtplib.SMTP(self.server, self.port, timeout=self.timeout)
        with smtp:
            if self.use_tls:
                smtp.starttls(context=ssl.create_default_context())
            if self.username:
                smtp.login(self.username, self.password or "")
            smtp.send_message(message)


def senders_for(app: Flask) -> dict:
    """Return the alert senders the settings allow, by channel (none if e-mail is unset)."""
    senders = {}
    if app.config.get("MAIL_SERVER"):
        senders["email"] = SmtpSender(app.config)
    return senders


def deliver_alerts(app: Flask, *, soon: bool = False):
    """Deliver the alerts that are due with the app's settings.

    soon: right after a request, so the round is kept short: it ends at the first failure
    and claims nothing after one mail timeout.
    """
    from coprod.services.safeguarding import alerts

    options = {}
    if soon:
        options = {"deadline_seconds": app.config["MAIL_TIMEOUT_SECONDS"], "stop_on_failure": True}
    with app.app_context():
        return alerts.deliver(senders_for(app), app.config["COPROD_BASE_URL"], **options)
