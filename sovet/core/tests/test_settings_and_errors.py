"""Production refuses to start unsafely; error pages speak the visitor's language."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from sovet.core.testing import make_staff, make_user

ROOT = Path(__file__).resolve().parents[3]


def run_django(env_overrides, code="import django; django.setup(); print('ok')"):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DATABASE_URL")}
    env.update({"DJANGO_SETTINGS_MODULE": "sovet.settings.production", **env_overrides})
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_django({})
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_production_is_https_only_with_json_logs():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS > 0, s.LOGGING['handlers']['stdout']['formatter'])"
    )
    result = run_django({"SECRET_KEY": "x" * 60}, code)
    assert result.stdout.split() == ["False", "True", "True", "True", "True", "json"], result.stderr


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ru", "что-то пошло не так"),
        ("ky", "Биз тарапта"),
        ("en", "Something went wrong on our side"),
    ],
)
def test_server_error_page_is_translated(language, text):
    with translation.override(language):
        html = render_to_string("500.html")
    assert f'lang="{language}"' in html
    assert text in html


@pytest.mark.django_db
def test_password_reset_sends_a_link(client):
    from django.core import mail

    make_user("anna@example.org")
    response = client.post("/ru/accounts/password/reset/", {"email": "anna@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "/ru/accounts/password/reset/key/" in mail.outbox[0].body
    # An unknown address gets the same answer: nobody learns who has an account.
    response = client.post("/ru/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_public_pages_forbid_inline_scripts_the_admin_allows_them(client):
    public = client.get("/ru/accounts/login/")["Content-Security-Policy"]
    assert (
        "script-src 'self'" in public
        and "unsafe-inline" not in public.split("script-src")[1].split(";")[0]
    )
    client.force_login(make_staff("admin@example.org", superuser=True))
    admin = client.get("/admin/")["Content-Security-Policy"]
    assert "'unsafe-inline'" in admin.split("script-src")[1].split(";")[0]


def test_serve_media_serves_uploads_but_never_documents_past_their_privacy_check():
    code = (
        "import django; django.setup(); from django.urls import resolve, Resolver404\n"
        "print(resolve('/media/original_images/a.jpg').func.__name__)\n"
        "try:\n    resolve('/media/documents/secret.pdf'); print('served')\n"
        "except Resolver404:\n    print('refused')\n"
    )
    result = run_django({"SECRET_KEY": "x" * 60, "SERVE_MEDIA": "true"}, code)
    assert result.stdout.split() == ["serve", "refused"], result.stderr
