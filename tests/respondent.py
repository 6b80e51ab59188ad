"""A respondent's journey through real HTTP: enrol a tablet, start, answer and submit."""

from __future__ import annotations

import re
import threading

from coprod.extensions import db
from coprod.services import devices

TOKEN = re.compile(r"/r/([A-Za-z0-9_-]{20,})")
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def enrol(client, ward) -> None:
    """Make the test client a tablet of the ward through the one-time link."""
    _device, code = devices.create_device(ward, label="Lounge", actor=None)
    db.session.commit()
    page = client.get(f"/tablet/enrol/{code}").get_data(as_text=True)
    token = CSRF.search(page).group(1)
    response = client.post(f"/tablet/enrol/{code}", data={"csrf_token": token})
    assert response.status_code == 302


def token_of(client) -> str:
    page = client.get("/tablet").get_data(as_text=True)
    return CSRF.search(page).group(1)


def start(client, survey="ward-weather", variant="standard") -> str:
    """Start a survey on the tablet; return the draft token."""
    response = client.post(
        "/tablet/start", data={"csrf_token": token_of(client), "survey": survey, "variant": variant}
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return TOKEN.search(response.headers["Location"]).group(1)


def answer(client, token: str, question: str, *values: str, **extra):
    page = client.get(f"/r/{token}/q/{question}").get_data(as_text=True)
    data = {"csrf_token": CSRF.search(page).group(1), "answer": list(values)}
    return client.post(f"/r/{token}/q/{question}", data=data, **extra)


def submit(client, token: str):
    page = client.get(f"/r/{token}/check").get_data(as_text=True)
    return client.post(
        f"/r/{token}/submit",
        data={"csrf_token": CSRF.search(page).group(1)},
        follow_redirects=True,
    )


def post_at_once(app, client, path: str, data: dict, times: int = 2) -> list[int]:
    """Send the same form from copies of this browser at the same moment, as a double
    tap on a slow connection does; return the status codes.

    Each copy keeps its own cookies, so one that arrives after another has finished is
    told the page has expired (410), as a second tab would be.
    """
    twins = [app.test_client() for _ in range(times)]
    for twin in twins:
        for cookie in ("session", "coprod_tablet"):
            kept = client.get_cookie(cookie)
            if kept is not None:
                twin.set_cookie(cookie, kept.value)
    barrier = threading.Barrier(times)
    statuses: list[int] = []

    def send(twin):
        barrier.wait()
        statuses.append(twin.post(path, data=data).status_code)

    threads = [threading.Thread(target=send, args=(twin,)) for twin in twins]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(statuses)
