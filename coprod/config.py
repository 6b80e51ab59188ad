"""Settings read from the environment, with safe development defaults."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """A setting is missing or invalid; the message says which and how to fix it."""


def _int_env(name: str, default: int, minimum: int = 1) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {value}")
    return value


def _bool_env(name: str, default: bool = False) -> bool:
    raw = (os.environ.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}")


DUE_KINDS = ("suicidal", "self_harm", "sexual_harm", "abuse", "other")


def _due_hours(raw: str | None) -> dict[str, int]:
    """Read "suicidal=4,self_harm=4,..." into hours per concern; unnamed kinds keep defaults."""
    hours = {"suicidal": 4, "self_harm": 4, "sexual_harm": 24, "abuse": 24, "other": 24}
    name = "COPROD_SAFEGUARDING_DUE_HOURS"
    for part in (raw or "").split(","):
        if not part.strip():
            continue
        kind, _, value = part.partition("=")
        kind = kind.strip()
        if kind not in DUE_KINDS:
            raise ConfigError(f"{name}: {kind!r} is not one of {', '.join(DUE_KINDS)}")
        if not value.strip().isdigit() or int(value) < 1:
            raise ConfigError(f"{name}: hours for {kind} must be a whole number from 1")
        hours[kind] = int(value)
    return hours


def _database_url(raw: str | None) -> str:
    """Return a SQLAlchemy URL, choosing psycopg 3 for PostgreSQL URLs."""
    if not raw:
        return f"sqlite:///{BASE_DIR / 'instance' / 'coprod.db'}"
    for prefix in ("postgres://", "postgresql://"):
        if raw.startswith(prefix):
            return "postgresql+psycopg://" + raw[len(prefix) :]
    return raw


def _development_secret() -> str:
    """Return a secret kept in instance/, so sign-ins survive restarts and workers agree."""
    path = BASE_DIR / "instance" / "secret_key"
    try:
        existing = path.read_text(encoding="ascii").strip()
    except OSError:
        existing = ""
    if len(existing) >= 32:
        return existing
    secret = secrets.token_hex(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secret, encoding="ascii")
    except OSError:
        pass  # a read-only checkout still runs, with sign-ins lasting one process
    return secret


class Config:
    """Settings for a running coprod; every value can be set from the environment."""

    def __init__(self) -> None:
        env = os.environ
        self.COPROD_ENV = env.get("COPROD_ENV", "development")
        self.PRODUCTION = self.COPROD_ENV == "production"
        secret = env.get("SECRET_KEY")
        if not secret:
            if self.PRODUCTION:
                raise ConfigError(
                    "SECRET_KEY is not set: production needs a long random SECRET_KEY "
                    "in the environment (for example from `python -c 'import secrets; "
                    "print(secrets.token_hex(32))'`)"
                )
            secret = _development_secret()
        self.SECRET_KEY = secret
        self.SQLALCHEMY_DATABASE_URI = _database_url(env.get("DATABASE_URL"))
        self.SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
        self.COPROD_MIN_GROUP_PATIENT = _int_env("COPROD_MIN_GROUP_PATIENT", 5)
        self.COPROD_MIN_GROUP_STAFF = _int_env("COPROD_MIN_GROUP_STAFF", 11)
        self.COPROD_RETENTION_MONTHS = _int_env("COPROD_RETENTION_MONTHS", 24)
        self.COPROD_LOGIN_MAX_FAILURES = _int_env("COPROD_LOGIN_MAX_FAILURES", 5)
        self.COPROD_LOGIN_LOCK_MINUTES = _int_env("COPROD_LOGIN_LOCK_MINUTES", 15)
        # Ward tablets: warn after this long untouched, then clear the screen if nobody
        # taps; answers in progress anywhere are deleted after the longer limit.
        self.COPROD_KIOSK_IDLE_SECONDS = _int_env("COPROD_KIOSK_IDLE_SECONDS", 120)
        self.COPROD_KIOSK_WARNING_SECONDS = _int_env("COPROD_KIOSK_WARNING_SECONDS", 30, 20)
        self.COPROD_DRAFT_IDLE_MINUTES = _int_env("COPROD_DRAFT_IDLE_MINUTES", 30)
        # The address people use to reach coprod, for links printed by commands.
        self.COPROD_BASE_URL = env.get("COPROD_BASE_URL", "http://127.0.0.1:5000").rstrip("/")
        self.COPROD_SURVEY_DIR = env.get("COPROD_SURVEY_DIR", str(BASE_DIR / "surveys"))
        # The theming engine: codebook file (reloaded when it changes) and an optional
        # model trained with `flask themes train`; without one the codebook codes alone.
        self.COPROD_CODEBOOK = env.get(
            "COPROD_CODEBOOK", str(Path(self.COPROD_SURVEY_DIR) / "codebook.yaml")
        )
        self.COPROD_THEME_MODEL = env.get("COPROD_THEME_MODEL") or None
        # Safeguarding: when an unreviewed item is overdue, and e-mail for its alerts (the
        # names Flask's mail extensions use); with no MAIL_SERVER alerts wait in the outbox.
        self.COPROD_SAFEGUARDING_DUE_HOURS = _due_hours(env.get("COPROD_SAFEGUARDING_DUE_HOURS"))
        self.MAIL_SERVER = env.get("MAIL_SERVER") or None
        self.MAIL_PORT = _int_env("MAIL_PORT", 25)
        self.MAIL_USE_TLS = _bool_env("MAIL_USE_TLS")
        self.MAIL_USE_SSL = _bool_env("MAIL_USE_SSL")
        if self.MAIL_USE_TLS and self.MAIL_USE_SSL:
            raise ConfigError("set MAIL_USE_TLS or MAIL_USE_SSL, not both")
        self.MAIL_USERNAME = env.get("MAIL_USERNAME") or None
        if self.PRODUCTION and self.MAIL_USERNAME and not (self.MAIL_USE_TLS or self.MAIL_USE_SSL):
            raise ConfigError(
                "MAIL_USERNAME is set without MAIL_USE_TLS or MAIL_USE_SSL: the mail password "
                "would cross the network in plain text"
            )
        self.MAIL_PASSWORD = env.get("MAIL_PASSWORD") or None
        self.MAIL_DEFAULT_SENDER = env.get("MAIL_DEFAULT_SENDER") or "coprod@localhost"
        self.MAIL_TIMEOUT_SECONDS = _int_env("MAIL_TIMEOUT_SECONDS", 10)
        self.SLACK_BOT_TOKEN = env.get("SLACK_BOT_TOKEN")
        self.SLACK_SIGNING_SECRET = env.get("SLACK_SIGNING_SECRET")
        self.SLACK_API_BASE_URL = env.get("SLACK_API_BASE_URL")
        self.SLACK_DIGEST_CHANNEL = env.get("SLACK_DIGEST_CHANNEL")
        self.SLACK_SAFEGUARDING_CHANNEL = env.get("SLACK_SAFEGUARDING_CHANNEL")
        # Sign-in and link throttling per client address, counted where every worker sees
        # the counts (Redis) in production; the account lockout is in the database.
        self.RATELIMIT_STORAGE_URI = env.get("RATELIMIT_STORAGE_URI", "memory://")
        if self.PRODUCTION and self.RATELIMIT_STORAGE_URI.startswith("memory://"):
            raise ConfigError(
                "RATELIMIT_STORAGE_URI is not set: in production each worker would count "
                "sign-in attempts on its own; set it to a store they share, such as "
                "redis://127.0.0.1:6379/0"
            )
        # How many proxies in front of coprod set X-Forwarded-For and -Proto; 0 trusts none,
        # so a client cannot choose the address its sign-in attempts are counted under.
        self.COPROD_TRUSTED_PROXIES = _int_env("COPROD_TRUSTED_PROXIES", 0, 0)
        self.RATELIMIT_HEADERS_ENABLED = True
        self.LOGIN_RATE_LIMIT = env.get("COPROD_LOGIN_RATE_LIMIT", "20 per minute")
        # Surveys started from one address through personal links; a ward's phones may share
        # one address on its Wi-Fi, so this is generous, and stops only floods.
        self.LINK_RATE_LIMIT = env.get("COPROD_LINK_RATE_LIMIT", "60 per minute")
        self.WTF_CSRF_TIME_LIMIT = _int_env("COPROD_CSRF_TIME_LIMIT", 3600)
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.SESSION_COOKIE_SECURE = self.PRODUCTION
        self.REMEMBER_COOKIE_HTTPONLY = True
        self.REMEMBER_COOKIE_SAMESITE = "Lax"
        self.REMEMBER_COOKIE_SECURE = self.PRODUCTION
        self.PERMANENT_SESSION_LIFETIME = 60 * _int_env("COPROD_SESSION_MINUTES", 480)
        self.BABEL_DEFAULT_LOCALE = "en"
        self.BABEL_DEFAULT_TIMEZONE = "Europe/London"
        self.MAX_CONTENT_LENGTH = 2 * 1024 * 1024


class TestConfig(Config):
    """Settings for the test suite: a given database, no login throttling."""

    __test__ = False  # not a pytest test class

    def __init__(self, database_url: str | None = None) -> None:
        super().__init__()
        self.TESTING = True
        if database_url:
            self.SQLALCHEMY_DATABASE_URI = _database_url(database_url)
        self.RATELIMIT_ENABLED = False
