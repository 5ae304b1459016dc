"""The production stack on one machine (deploy/stack), tested from outside: run by
`make stack-test`, which brings the stack up first. Not part of `make test` (testpaths).

- a change published anywhere reaches visitors through Varnish at once (the site bans it);
- the two app servers share sessions and the cache (Redis, PostgreSQL).
"""

import http.client
import re
import subprocess
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import pytest

ROOT = Path(__file__).resolve().parents[2]
STACK = ROOT / "deploy" / "stack"
VARNISH = ("127.0.0.1", 8100)
APP1 = ("127.0.0.1", 8101)
APP2 = ("127.0.0.1", 8102)
SITE = "http://127.0.0.1:8100"
# What the proxy in front sends an app server (the production settings redirect plain HTTP).
PROXIED = {"Host": "127.0.0.1:8100", "X-Forwarded-Proto": "https"}


def request(server, method, path, headers=None, body=None):
    connection = http.client.HTTPConnection(*server, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def manage(*args) -> str:
    """manage.py with the stack's environment (what the app servers and the worker run with)."""
    done = subprocess.run(
        [str(STACK), "manage", *args], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def shell(code: str) -> str:
    return manage("shell", "--no-imports", "-c", code)


def cookies(response) -> dict[str, str]:
    found = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        found[name.strip()] = rest.split(";", 1)[0]
    return found


@pytest.fixture(scope="module", autouse=True)
def _stack_is_up():
    try:
        response, _ = request(VARNISH, "GET", "/healthz")
    except OSError:
        pytest.fail("The stack is down: run `make stack-test` (or `deploy/stack up` first).")
    assert response.status == 200


def publish_home_title(title: str) -> None:
    shell(
        "from sovet.site.models import HomePage\n"
        "page = HomePage.objects.get(locale__language_code='ru')\n"
        f"page.title = {title!r}\n"
        "page.save_revision().publish()\n",
    )


def test_a_published_change_reaches_visitors_through_varnish_within_two_seconds():
    first, _ = request(VARNISH, "GET", "/ru/")
    second, body = request(VARNISH, "GET", "/ru/")
    assert first.status == second.status == 200
    assert second.headers["X-Cache"] == "HIT"
    assert "<title>Главная —" in body

    title = f"Главная {uuid.uuid4().hex[:8]}"
    try:
        publish_home_title(title)
        published = time.monotonic()
        while True:
            response, body = request(VARNISH, "GET", "/ru/")
            if f"<title>{title} —" in body:
                break
            assert time.monotonic() - published < 2, "Varnish still serves the old page"
            time.sleep(0.1)
        assert response.headers["X-Cache"] == "MISS"
        again, body = request(VARNISH, "GET", "/ru/")
        assert again.headers["X-Cache"] == "HIT"
        assert f"<title>{title} —" in body
    finally:
        publish_home_title("Главная")


def test_a_path_purge_drops_the_page_with_any_query_string():
    for path in ("/ru/events/", "/ru/events/?page=2"):
        request(VARNISH, "GET", path)
        response, _ = request(VARNISH, "GET", path)
        assert response.headers["X-Cache"] == "HIT"
    shell(
        "from django.db import transaction\n"
        "from sovet.core.page_cache import paths_changed\n"
        "with transaction.atomic():\n"
        "    paths_changed(['/ru/events/'])\n",
    )
    for path in ("/ru/events/", "/ru/events/?page=2"):
        response, _ = request(VARNISH, "GET", path)
        assert response.headers["X-Cache"] == "MISS", path


def test_a_session_made_on_one_app_server_signs_in_on_the_other():
    email = "stack-test@example.org"
    password = "stack-test-" + "pw-2021"  # noqa: S105 - a test account on the local stack
    shell(
        "from allauth.account.models import EmailAddress\n"
        "from sovet.accounts.models import User\n"
        f"user = User.objects.filter(email={email!r}).first()\n"
        f"user = user or User.objects.create_user(email={email!r})\n"
        f"user.set_password({password!r})\n"
        "user.save()\n"
        f"EmailAddress.objects.update_or_create(user=user, email={email!r},"
        " defaults={'verified': True, 'primary': True})\n",
    )

    # Sign in through allauth's form on the first app server.
    response, page = request(APP1, "GET", "/ru/accounts/login/", PROXIED)
    assert response.status == 200
    csrf_cookie = cookies(response)["csrftoken"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = urlencode({"csrfmiddlewaretoken": token, "login": email, "password": password})
    response, _ = request(
        APP1,
        "POST",
        "/ru/accounts/login/",
        {
            **PROXIED,
            "Origin": SITE,
            "Cookie": f"csrftoken={csrf_cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        form,
    )
    assert response.status == 302, response.status
    session = cookies(response)["sessionid"]

    # The second app server knows the visitor; so does Varnish, which passes them through.
    for server in (APP2, VARNISH):
        response, page = request(
            server, "GET", "/ru/accounts/profile/", {**PROXIED, "Cookie": f"sessionid={session}"}
        )
        assert response.status == 200, (server, response.status)
        assert email in page
    response, _ = request(APP2, "GET", "/ru/accounts/profile/", PROXIED)
    assert response.status == 302  # and a visitor without the cookie is asked to sign in


def test_the_app_servers_share_one_cache():
    key, value = f"stack-test-{uuid.uuid4().hex}", uuid.uuid4().hex
    shell(f"from django.core.cache import cache; cache.set({key!r}, {value!r}, 60)")
    out = shell(f"from django.core.cache import cache; print(cache.get({key!r}))")
    assert out.strip() == value

    # A page the first app server rendered is served from the cache by the second.
    path = f"/ru/?stack-test={uuid.uuid4().hex}"
    response, _ = request(APP1, "GET", path, PROXIED)
    assert response.headers["X-Cache"] == "miss"
    response, _ = request(APP2, "GET", path, PROXIED)
    assert response.headers["X-Cache"] == "hit"
