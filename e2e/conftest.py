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
import time
from pathlib import Path

import brotli
import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.staticfiles import handlers
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections
from django.http import HttpResponse
from playwright.sync_api import expect, sync_playwright

from sovet.accounts.demo import DEMO_ADMIN_PASSWORD
from sovet.accounts.management.commands.demo_totp import current_demo_code
from sovet.core.testing import TEST_TOTP_SECRET

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


class CompressedStaticFilesHandler(handlers.StaticFilesHandler):
    """Static files in Brotli, as WhiteNoise sends its compressed copies in production (Leaflet:
    147 KB as it is, 37 KB in Brotli): what the browser tests measure on a slow line is what a
    visitor gets. Each file is compressed once."""

    compressed: dict[str, bytes] = {}

    def get_response(self, request):
        response = super().get_response(request)
        if response.status_code != 200 or "br" not in request.headers.get("Accept-Encoding", ""):
            return response
        if request.path not in self.compressed:
            self.compressed[request.path] = brotli.compress(b"".join(response.streaming_content))
        response.close()
        compressed = HttpResponse(self.compressed[request.path])
        for header in ("Content-Type", "Last-Modified"):
            compressed[header] = response[header]
        compressed["Content-Encoding"] = "br"
        compressed["Vary"] = "Accept-Encoding"
        return compressed


@pytest.fixture(scope="session")
def compressed_static_files():
    original = handlers.StaticFilesHandler
    handlers.StaticFilesHandler = CompressedStaticFilesHandler  # read when the server starts
    yield
    handlers.StaticFilesHandler = original


@pytest.fixture(scope="session")
def live_server(compressed_static_files, live_server):
    """pytest-django's live server, its static files compressed."""
    return live_server


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
def site_url(live_server, django_db_serialized_rollback, settings):
    """The live server's address, with the demo content loaded in its database, and the page
    cache on as in production: visitors' journeys meet cached pages and forms on them.

    live_server needs a transactional database, which is emptied after each test; the
    serialized rollback restores what the migrations created (root page, locales, roles)
    before the demo is loaded again.
    """
    settings.PAGE_CACHE_SECONDS = 600
    call_command("load_demo", force=True, stdout=io.StringIO())
    cache.clear()  # rate limits, two-factor codes and pages kept by an earlier test
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


@pytest.fixture
def new_page(browser, site_url):
    """Pages in further browser contexts (another visitor, a phone, no JavaScript), closed after
    the test: new_page(viewport=..., java_script_enabled=False, ...)."""
    contexts = []

    def make(**options):
        options = {"viewport": VIEWPORT, **options}
        context = browser.new_context(
            base_url=site_url, locale="ru-RU", timezone_id="Asia/Bishkek", **options
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def shot_of(request):
    """Screenshot any context's page, named like the `shot` fixture's."""
    ARTIFACTS.mkdir(exist_ok=True)
    test_name = re.sub(r"[^\w-]+", "-", request.node.name).strip("-")

    def take(page, step: str) -> Path:
        path = ARTIFACTS / f"{test_name}--{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


STAFF_PASSWORD = "pass-for-tests"  # sovet.core.testing.make_user's


def totp_code() -> str:
    return format_hotp_value(hotp_value(TEST_TOTP_SECRET, int(time.time()) // 30))


# The demo accounts' codes already typed: a code works once per person.
_DEMO_CODES_USED: dict[str, str] = {}


@pytest.fixture
def enter_demo_code():
    """The second step of a demo account's sign-in: enter_demo_code(page, email) types the
    authenticator's current code (waiting for the next one when this person used it already)."""

    def enter(page, email: str) -> None:
        code = page.locator('input[name="code"]')
        expect(code).to_be_visible()
        if time.time() % 30 > 27:  # too near the end of its 30 seconds: wait for the next
            time.sleep(4)
        while current_demo_code() == _DEMO_CODES_USED.get(email):
            time.sleep(1)
        _DEMO_CODES_USED[email] = current_demo_code()
        code.fill(_DEMO_CODES_USED[email])
        page.locator("form", has=code).locator('button[type="submit"]:not([form])').click()

    return enter


@pytest.fixture
def sign_in_demo(enter_demo_code):
    """A demo account signs in (password, then its authenticator's code): sign_in_demo(page,
    email) leaves the page on the admin's dashboard."""

    def sign_in(page, email: str) -> None:
        page.goto("/admin/")
        expect(page).to_have_url(re.compile(r"/accounts/login/"))
        form = page.locator("form", has=page.locator('input[name="password"]'))
        form.locator('input[name="login"]').fill(email)
        form.locator('input[name="password"]').fill(DEMO_ADMIN_PASSWORD)
        form.locator('button[type="submit"]').click()
        enter_demo_code(page, email)
        expect(page).to_have_url(re.compile(r"/admin/$"))

    return sign_in


@pytest.fixture
def sign_in_staff():
    """Password, then the authenticator's code (a staff user made by core.testing.make_staff):
    sign_in_staff(page, email) leaves the page on the admin's dashboard."""

    def sign_in(page, email: str) -> None:
        page.goto("/admin/")
        expect(page).to_have_url(re.compile(r"/accounts/login/"))
        form = page.locator("form", has=page.locator('input[name="password"]'))
        form.locator('input[name="login"]').fill(email)
        form.locator('input[name="password"]').fill(STAFF_PASSWORD)
        form.locator('button[type="submit"]').click()
        code = page.locator('input[name="code"]')
        expect(code).to_be_visible()
        submit = page.locator("form", has=code).locator('button[type="submit"]:not([form])')
        # A code typed at the very end of its 30 seconds may reach the server stale: the page
        # then asks again, and the next period's code is typed (no waiting on the clock).
        for _attempt in range(2):
            code.fill(totp_code())
            with page.expect_navigation():
                submit.click()
            if re.search(r"/admin/$", page.url):
                break
        expect(page).to_have_url(re.compile(r"/admin/$"))

    return sign_in
