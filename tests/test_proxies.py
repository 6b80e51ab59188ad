"""Sign-in attempts are counted per client address: behind a configured proxy, the address
the proxy reports; with no proxy configured, a forged header changes nothing."""

from __future__ import annotations

from coprod import create_app
from coprod.config import TestConfig
from coprod.extensions import db
from tests.factories import csrf_token


def _app(database_url, monkeypatch, proxies: int):
    monkeypatch.setenv("COPROD_TRUSTED_PROXIES", str(proxies))
    config = TestConfig(database_url)
    config.RATELIMIT_ENABLED = True
    config.LOGIN_RATE_LIMIT = "3 per minute"
    return create_app(config)


def _attempts(client, forwarded_for: str, count: int) -> list[int]:
    token = csrf_token(client, "/login")
    data = {"csrf_token": token, "email": "nobody@example.nhs.uk", "password": "wrong"}
    headers = {"X-Forwarded-For": forwarded_for}
    return [client.post("/login", data=data, headers=headers).status_code for _ in range(count)]


def test_each_client_behind_a_configured_proxy_has_its_own_limit(database_url, monkeypatch):
    app = _app(database_url, monkeypatch, 1)
    with app.app_context():
        client = app.test_client()
        first = _attempts(client, "198.51.100.1", 4)
        second = _attempts(client, "198.51.100.2", 1)
        db.session.remove()
    assert first == [400, 400, 400, 429]
    assert second == [400]  # a colleague behind the same proxy is not locked out


def test_without_a_configured_proxy_a_forged_address_does_not_escape_the_limit(
    database_url, monkeypatch
):
    app = _app(database_url, monkeypatch, 0)
    with app.app_context():
        client = app.test_client()
        first = _attempts(client, "198.51.100.1", 4)
        forged = _attempts(client, "198.51.100.9", 1)
        db.session.remove()
    assert first[-1] == 429 and forged == [429]


def test_workers_sharing_redis_share_one_count(database_url, monkeypatch):
    import redis

    url = "redis://127.0.0.1:6379/15"
    redis.Redis.from_url(url).flushdb()
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", url)
    workers = [_app(database_url, monkeypatch, 0) for _ in range(2)]
    statuses = []
    try:
        for n in range(4):
            app = workers[n % 2]  # attempts alternate between two workers
            with app.app_context():
                statuses += _attempts(app.test_client(), "", 1)
                db.session.remove()
    finally:
        redis.Redis.from_url(url).flushdb()
    assert statuses == [400, 400, 400, 429]


def test_a_flood_of_surveys_from_one_address_is_stopped(database_url, monkeypatch):
    from coprod.services import devices
    from tests.factories import make_surveyed_ward

    monkeypatch.setenv("COPROD_LINK_RATE_LIMIT", "5 per minute")
    app = _app(database_url, monkeypatch, 0)
    with app.app_context():
        ward = make_surveyed_ward(app.config["COPROD_SURVEY_DIR"])
        code = devices.open_survey(ward, "ward-weather", actor=None).link_code
        client = app.test_client()
        token = csrf_token(client, f"/s/{code}")
        statuses = [
            client.post(f"/s/{code}", data={"csrf_token": token}).status_code for _ in range(7)
        ]
        db.session.remove()
    assert statuses[:5] == [302] * 5 and statuses[5:] == [429, 429]
