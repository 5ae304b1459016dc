"""Browser tests: Playwright (sync API) drives Debian's Chromium against a live server.

Run them with `make e2e` or `.venv/bin/pytest e2e`. Every test gets a fresh database with the demo
content, a fresh browser context (no cookies) and an empty e-mail outbox, so tests are independent.
Screenshots of every step are saved in e2e/artifacts/ (not committed).
"""

import os

# Playwright's sync API runs an asyncio event loop in the main thread; Django refuses ORM calls
# from a thread with a running loop unless told that this is safe (it is: the loop only waits).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import io
import re
import shutil
from pathlib import Path

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import expect, sync_playwright

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}

expect.set_options(timeout=10_000)


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session: Debian's, never a browser downloaded by Playwright."""
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium, or `make e2e`).")
    # Django keeps database connections per thread, and per asyncio context once an event loop
    # runs in the thread: while Playwright's sync API is active, the tests' ORM calls use a new
    # connection (to the same in-memory test database). If the database was created earlier in
    # the session (unit tests ran first), the snapshot used by serialized rollbacks is on the old
    # connection: hand it over.
    snapshots = {
        conn.alias: conn._test_serialized_contents
        for conn in connections.all()
        if hasattr(conn, "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        for alias, snapshot in snapshots.items():
            connections[alias]._test_serialized_contents = snapshot
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def site_url(live_server, django_db_serialized_rollback):
    """The live server's address, with the demo content loaded in its database.

    live_server needs a transactional database, which is emptied after each test; the
    serialized rollback restores what the migrations created (root page, locales, roles)
    before the demo is loaded again.
    """
    call_command("load_demo", force=True, stdout=io.StringIO())
    cache.clear()  # rate limits and two-factor codes already used by an earlier test
    mail.outbox = []
    return live_server.url


@pytest.fixture
def page(browser, site_url):
    """A new page in a fresh browser context (Russian-speaking visitor, desktop-sized window)."""
    context = browser.new_context(
        base_url=site_url, viewport=VIEWPORT, locale="ru-RU", timezone_id="Asia/Bishkek"
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def shot(request, page):
    """Screenshot the current step: shot("home") saves e2e/artifacts/<test>--home.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    test_name = re.sub(r"[^\w-]+", "-", request.node.name).strip("-")

    def take(step: str, *, full_page: bool = True) -> Path:
        path = ARTIFACTS / f"{test_name}--{step}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take
