"""Security headers, no inline script, clear pages for malformed URLs, settings checks."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from coprod import create_app
from coprod.config import Config, ConfigError, TestConfig
from coprod.models import Role
from tests.factories import make_org, make_user, sign_in

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def _pages(client) -> list[str]:
    trust, site, ward = make_org("RX1")
    admin = make_user(Role.ADMIN, [trust])
    urls = ["/", "/login", "/nowhere"]
    anonymous = [client.get(url) for url in urls]
    sign_in(client, admin.email)
    admin_urls = [
        "/home",
        "/admin/",
        f"/admin/trusts/{trust.id}",
        f"/admin/trusts/{trust.id}/edit",
        f"/admin/trusts/{trust.id}/sites/new",
        f"/admin/sites/{site.id}/edit",
        f"/admin/sites/{site.id}/wards/new",
        f"/admin/wards/{ward.id}/edit",
        "/admin/users",
        "/admin/users/new",
        f"/admin/users/{admin.id}",
        f"/admin/users/{admin.id}/password",
        "/admin/audit",
        "/account/password",
        "/admin/trusts/new",
    ]
    return anonymous + [client.get(url, follow_redirects=True) for url in admin_urls]


def test_every_page_has_strict_headers_and_no_inline_script(client):
    for response in _pages(client):
        headers = response.headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["Cache-Control"] == "no-store"
        html = response.get_data(as_text=True)
        assert not INLINE_SCRIPT.search(html), response.request.path
        assert not EVENT_HANDLER.search(html), response.request.path


def test_static_assets_may_be_cached(client):
    response = client.get("/static/css/coprod.css")
    assert response.status_code == 200
    assert response.headers.get("Cache-Control") != "no-store"


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/admin/trusts/abc", 404),
        ("/admin/trusts/99999999999999999999", 404),
        ("/admin/wards/-1/edit", 404),
        ("/%ff%fe", 404),
        ("/admin/audit?page=0", 404),
        ("/admin/audit?page=notanumber", 200),
    ],
)
def test_malformed_urls_get_a_plain_page(client, url, status):
    trust, *_ = make_org("RX1")
    sign_in(client, make_user(Role.ADMIN, [trust]).email)
    response = client.get(url)
    assert response.status_code == status
    if status == 404:
        assert "Page not found" in response.get_data(as_text=True)


def test_wrong_method_is_explained(client):
    response = client.post("/")
    assert response.status_code == 405
    assert "That action is not available here" in response.get_data(as_text=True)


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    monkeypatch.setenv("COPROD_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY is not set"):
        Config()


def test_production_refuses_to_count_sign_ins_per_worker(monkeypatch):
    monkeypatch.setenv("COPROD_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    with pytest.raises(ConfigError, match="RATELIMIT_STORAGE_URI is not set"):
        Config()
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379/15")
    assert Config().RATELIMIT_STORAGE_URI == "redis://127.0.0.1:6379/15"


def test_production_start_failure_is_one_line(tmp_path):
    env = {
        "COPROD_ENV": "production",
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": f"sqlite:///{tmp_path}/x.db",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import wsgi"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "SECRET_KEY is not set" in lines[0]


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("COPROD_MIN_GROUP_PATIENT", "five", "must be a whole number"),
        ("COPROD_MIN_GROUP_STAFF", "0", "must be at least 1"),
    ],
)
def test_bad_settings_are_named(monkeypatch, name, value, message):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=f"{name} {message}"):
        Config()


def test_postgres_urls_use_psycopg_3(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@db.example/coprod")
    assert Config().SQLALCHEMY_DATABASE_URI == "postgresql+psycopg://u@db.example/coprod"


def test_health_check_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "outbox": "ok"}


def test_health_check_fails_when_database_is_unreachable():
    app = create_app(TestConfig("postgresql://postgres@127.0.0.1:1/none?connect_timeout=2"))
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unreachable"
