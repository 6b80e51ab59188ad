"""Fixtures for browser tests: a live coprod on a seeded database and headless Chromium."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, sync_playwright
from sqlalchemy import select
from werkzeug.serving import make_server

from coprod import create_app
from coprod.config import TestConfig
from coprod.demo import seed_demo
from coprod.extensions import db
from coprod.models import ChangeIdea, IncidentSeries, Role, SafeguardingItem, Ward, WardType
from coprod.services import accounts, org
from tests import dbutil
from tests.browser.journey import enrol_tablet
from tests.browser.support import (
    CHROMIUM_ARGS,
    OTHER_LOGIN,
    OTHER_SITE,
    OTHER_TRUST,
    OTHER_WARD,
    VIEWPORTS,
    LiveServer,
    chromium_path,
    new_page,
    sign_in_as,
)

PageFactory = Callable[..., Page]


def _seed(app: Flask) -> dict[str, int]:
    """Add the demo data and a second trust the demo accounts cannot see; return ids."""
    with app.app_context():
        demo = seed_demo()
        other = org.create_trust(code=OTHER_TRUST[0], name=OTHER_TRUST[1], actor=None)
        site = org.create_site(other, name=OTHER_SITE, actor=None)
        code, name = OTHER_WARD
        org.create_ward(site, code=code, name=name, ward_type=WardType.PICU, actor=None)
        accounts.create_user(
            email=OTHER_LOGIN[0],
            password=OTHER_LOGIN[1],
            role=Role.FACILITATOR,
            trusts=[other],
            name="Other Facilitator",
        )
        db.session.commit()
        ward = db.session.scalar(select(Ward).where(Ward.code == "DEMO-W1"))
        item = db.session.scalar(
            select(SafeguardingItem.id).where(
                SafeguardingItem.flagged.is_(True), SafeguardingItem.state == "new"
            )
        )
        change = db.session.scalar(select(ChangeIdea.id).where(ChangeIdea.ward_id == ward.id))
        series = db.session.scalar(
            select(IncidentSeries.id).where(IncidentSeries.trust_id == demo.id)
        )
        ids = {
            "demo_trust": demo.id,
            "demo_ward": ward.id,
            "demo_site": ward.site_id,
            "demo_change": change,
            "demo_series": series,
            "other_trust": other.id,
            "demo_item": item,
        }
        db.session.remove()
        return ids


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[LiveServer]:
    """Serve coprod on a fresh, migrated, seeded database for the whole session."""
    url = dbutil.fresh_database(tmp_path_factory.mktemp("browser-db"), "browser")
    dbutil.migrate(url)
    app = create_app(TestConfig(url))
    ids = _seed(app)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield LiveServer(url=f"http://127.0.0.1:{server.server_port}", app=app, ids=ids)
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    dbutil.drop_database(url)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Start one headless Chromium for the session, or fail saying how to install it."""
    executable = chromium_path()
    if not os.access(executable, os.X_OK):
        pytest.fail(
            f"The browser tests need Chromium at {executable}, which is missing or not "
            "executable. `make test` installs it via scripts/ensure-chromium.sh; or install "
            "Debian's chromium package, or set COPROD_CHROMIUM to a Chromium binary.",
            pytrace=False,
        )
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    except Exception:
        playwright.stop()
        raise
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def viewport(request) -> str:
    """Run the test once at tablet size and once at phone size."""
    return request.param


@pytest.fixture(scope="session")
def signed_in_state(browser, live_server) -> Callable[[Role], dict]:
    """Return the cookies of a demo account signed in through the form, once per role."""
    states: dict[Role, dict] = {}

    def state(role: Role) -> dict:
        if role not in states:
            context = browser.new_context()
            sign_in_as(context.new_page(), live_server, role)
            states[role] = context.storage_state()
            context.close()
        return states[role]

    return state


@pytest.fixture
def page_at(browser, signed_in_state) -> Iterator[PageFactory]:
    """Return a maker of pages, each in a new context at a named viewport; close them after."""
    # Contexts bypass the CSP unless told not to, so that axe-core can be injected;
    # with a role, the page starts signed in as that demo account.
    pages: list[Page] = []

    def make(viewport: str, *, role: Role | None = None, bypass_csp: bool = True) -> Page:
        state = signed_in_state(role) if role is not None else None
        page = new_page(browser, viewport, storage_state=state, bypass_csp=bypass_csp)
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.context.close()


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Return a maker of pages in new contexts (axe-core preloaded); close them after."""
    pages: list[Page] = []

    def make(viewport: str = "tablet", **options) -> Page:
        page = new_page(browser, viewport, preload_axe=True, **options)
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.context.close()


@pytest.fixture
def tablet(open_page, live_server) -> Page:
    """A page in a browser context set up as a tablet on the demo ward."""
    page = open_page("tablet")
    enrol_tablet(page, live_server)
    return page
