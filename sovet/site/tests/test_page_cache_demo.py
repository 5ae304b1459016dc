"""The page cache for anonymous visitors (core/page_cache.py): what it keeps, what it never
keeps, and that every change the public can see takes the stale pages out at once."""

import http.server
import threading

import pytest
from django.test import Client

from sovet.core import page_cache
from sovet.core.cache_backends import ResilientRedisCache
from sovet.events import services as event_services
from sovet.events.models import Event
from sovet.memory.models import WarParticipant
from sovet.memory.stories import services as stories
from sovet.organizations.models import Organization
from sovet.site.models import HomePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    return response


def test_an_anonymous_page_is_kept_and_sent_again_whole(demo, client):
    first = get(client, "/ru/")
    second = get(client, "/ru/")
    assert first["X-Cache"] == "miss" and second["X-Cache"] == "hit"
    assert second.content == first.content and "КСОРС" in second.content.decode()
    # Kept with the headers the other middleware added (the cache sits outside them).
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert first["Cache-Control"] == "public, max-age=0, s-maxage=60"
    assert not second.cookies


def test_each_language_and_query_string_is_its_own_page(demo, client):
    russian, english = get(client, "/ru/events/"), get(client, "/en/events/")
    assert english["X-Cache"] == "miss" and english.content != russian.content
    assert get(client, "/ru/events/?past=1")["X-Cache"] == "miss"
    assert get(client, "/ru/events/?past=1")["X-Cache"] == "hit"


def test_never_for_a_visitor_with_a_session(demo, client, users):
    assert "Войти" in get(client, "/ru/").content.decode()
    client.force_login(users["member"])
    signed_in = get(client, "/ru/")
    assert "X-Cache" not in signed_in  # neither served from the cache nor kept
    assert "Личный кабинет" in signed_in.content.decode()  # their header, not the visitors' one
    assert "X-Cache" not in get(client, "/ru/")


def test_a_private_link_is_never_kept(demo, client):
    event = Event.objects.get(title_ru="Вечер русского романса")
    registration = event_services.registration_create(
        event=event, name="Анна", email="anna@example.org", consent=True
    )
    url = f"/ru/registrations/{registration.token}/"
    first = get(client, url)
    assert "Вечер русского романса" in first.content.decode()
    assert "no-store" in first["Cache-Control"] and "X-Cache" not in first
    assert "X-Cache" not in get(client, url)


def test_a_form_on_a_kept_page_holds_no_token_and_fetches_its_own(demo):
    event = Event.objects.get(title_ru="Вечер русского романса")
    url = f"/ru/events/{event.pk}/"
    visitor = Client(enforce_csrf_checks=True)
    page = get(visitor, url)
    body = page.content.decode()
    assert "Регистрация" in body and "data-form-token" in body
    assert 'name="csrfmiddlewaretoken" value=""' in body and not page.cookies
    assert get(visitor, url)["X-Cache"] == "hit"

    token = get(visitor, "/csrf/")  # what core/js/sovet.js asks for when the form is used
    assert "no-store" in token["Cache-Control"] and "csrftoken" in token.cookies
    data = {"name": "Анна", "email": "anna@example.org", "seats": "1", "consent": "on"}
    sent = visitor.post(url, {**data, "csrfmiddlewaretoken": token.content.decode()})
    assert sent.status_code == 200 and "Вы зарегистрированы" in sent.content.decode()
    assert event.registrations.filter(email="anna@example.org").exists()

    stranger = Client(enforce_csrf_checks=True)
    assert stranger.post(url, {**data, "email": "bot@example.org"}).status_code == 403


def test_without_javascript_the_form_has_a_page_of_its_own_with_a_token(demo, client):
    event = Event.objects.get(title_ru="Вечер русского романса")
    url = f"/ru/events/{event.pk}/"
    assert "?form=1#registration" in get(client, url).content.decode()
    with_token = get(client, url + "?form=1")
    body = with_token.content.decode()
    assert 'name="csrfmiddlewaretoken" value="' in body
    assert 'name="csrfmiddlewaretoken" value=""' not in body
    assert "X-Cache" not in get(client, url + "?form=1")  # a token is never kept


def test_publishing_a_page_forgets_every_kept_page(
    demo, client, django_capture_on_commit_callbacks
):
    get(client, "/ru/"), get(client, "/ru/events/")
    home = HomePage.objects.get(locale__language_code="ru")
    revision = home.specific.save_revision()
    home.title = "Новый заголовок"
    with django_capture_on_commit_callbacks(execute=True):
        revision = home.save_revision()
        revision.publish()
    again = get(client, "/ru/")
    assert again["X-Cache"] == "miss"
    assert get(client, "/ru/events/")["X-Cache"] == "miss"  # the menu and footer are everywhere


def test_saving_an_organization_forgets_the_lists_that_show_it(
    demo, client, django_capture_on_commit_callbacks
):
    directory = get(client, "/ru/organizations/").content.decode()
    organization = next(o for o in Organization.objects.order_by("pk") if o.name_ru in directory)
    organization.name_ru = "Переименованная организация"
    with django_capture_on_commit_callbacks(execute=True):
        organization.save()
    renamed = get(client, "/ru/organizations/")
    assert renamed["X-Cache"] == "miss"
    assert "Переименованная организация" in renamed.content.decode()


def test_a_registration_forgets_its_event_page_only(
    demo, client, django_capture_on_commit_callbacks
):
    event = Event.objects.get(title_ru="Вечер русского романса")
    url = f"/ru/events/{event.pk}/"
    assert "40 мест" in get(client, url).content.decode()
    get(client, "/ru/")
    with django_capture_on_commit_callbacks(execute=True):
        event_services.registration_create(
            event=event, name="Анна", email="anna@example.org", consent=True
        )
    after = get(client, url)
    assert after["X-Cache"] == "miss" and "39 мест" in after.content.decode()
    assert get(client, "/en/events/" + f"{event.pk}/")["X-Cache"] == "miss"
    assert get(client, "/ru/")["X-Cache"] == "hit"  # nothing else moved


def test_a_story_sent_in_waits_for_the_moderators_and_forgets_nothing(
    demo, client, django_capture_on_commit_callbacks
):
    card = WarParticipant.objects.filter(status="published").first()
    get(client, "/ru/memory/")
    before = page_cache.content_version()
    with django_capture_on_commit_callbacks(execute=True):
        stories.story_submit(
            participant=card,
            text="Текст",
            relation="child",
            submitter_name="Имя",
            submitter_email="x@example.org",
            consent=True,
        )
    assert page_cache.content_version() == before
    assert get(client, "/ru/memory/")["X-Cache"] == "hit"


def test_pages_are_served_when_redis_is_down(demo, client, monkeypatch):
    unreachable = ResilientRedisCache(
        "redis://127.0.0.1:9/0",  # the discard port: nothing listens there
        {"OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}},
    )
    monkeypatch.setattr(page_cache, "_cache", lambda: unreachable)
    first, second = get(client, "/ru/"), get(client, "/ru/")
    assert "КСОРС" in second.content.decode()
    assert first["X-Cache"] == "miss" and second["X-Cache"] == "miss"


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: list = []

    def _record(self):
        self.seen.append((self.command, self.path, self.headers["Host"]))
        self.send_response(200)
        self.end_headers()

    do_BAN = do_PURGE = _record

    def log_message(self, *args):
        pass


def test_the_front_cache_is_told_what_changed(demo, settings, django_capture_on_commit_callbacks):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    location = f"http://127.0.0.1:{server.server_port}"
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "sovet.core.page_cache.VarnishBackend", "LOCATION": location}
    }
    settings.SITE_URL = "https://sovet.example.org"
    _Recorder.seen = []
    try:
        event = Event.objects.get(title_ru="Вечер русского романса")
        with django_capture_on_commit_callbacks(execute=True):
            event_services.registration_create(
                event=event, name="Анна", email="anna@example.org", consent=True
            )
        purged = {path for method, path, host in _Recorder.seen if method == "PURGE"}
        assert {f"/ru/events/{event.pk}/", "/ru/events/", f"/en/events/{event.pk}/"} <= purged
        assert all(host == "sovet.example.org" for _m, _p, host in _Recorder.seen)
        assert not any(method == "BAN" for method, _p, _h in _Recorder.seen)

        _Recorder.seen = []
        with django_capture_on_commit_callbacks(execute=True):
            event.save()
        assert ("BAN", "/", "sovet.example.org") in _Recorder.seen
    finally:
        server.shutdown()


def test_a_transaction_of_many_saves_forgets_once(
    demo, monkeypatch, django_capture_on_commit_callbacks
):
    bans = []
    monkeypatch.setattr(page_cache, "_bump", lambda key: bans.append(key))
    organizations = list(Organization.objects.order_by("pk")[:5])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for organization in organizations:
            organization.save()
    assert len(callbacks) == 1 and bans == [page_cache.CONTENT_KEY]


def test_without_redis_forms_are_still_accepted(demo, client, settings):
    """Rate limits count nothing while the cache is unreachable (RATELIMIT_FAIL_OPEN): a
    visitor's registration goes through instead of a refusal for everyone."""
    settings.CACHES = {
        "default": {
            "BACKEND": "sovet.core.cache_backends.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
    event = Event.objects.get(title_ru="Вечер русского романса")
    data = {"name": "Анна", "email": "anna@example.org", "seats": "1", "consent": "on"}
    sent = client.post(f"/ru/events/{event.pk}/", data)
    assert sent.status_code == 200 and "Вы зарегистрированы" in sent.content.decode()
    assert event.registrations.filter(email="anna@example.org").exists()


def test_a_form_sent_without_its_token_is_refused_in_the_visitors_language(demo):
    """A page left open for hours, or a token that could not be fetched: a page that says what
    happened and leads back to the form (where the browser kept what was typed); nothing stored."""
    event = Event.objects.get(title_ru="Вечер русского романса")
    url = f"/ru/events/{event.pk}/"
    visitor = Client(enforce_csrf_checks=True)
    data = {"name": "Анна", "email": "late@example.org", "seats": "1", "consent": "on"}
    refused = visitor.post(url, data, headers={"Referer": f"http://testserver{url}"})
    body = refused.content.decode()
    assert refused.status_code == 403 and "Форма не отправлена" in body
    assert f'href="http://testserver{url}"' in body
    assert not event.registrations.filter(email="late@example.org").exists()
    elsewhere = visitor.post(url, data, headers={"Referer": "https://evil.example.org/"})
    assert elsewhere.status_code == 403 and 'href="/"' in elsewhere.content.decode()
