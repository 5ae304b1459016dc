"""The calendar, event pages and iCalendar feeds: translated, parseable, in Bishkek time, at scale."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from sovet.core.i18n_checks import untranslated_texts
from sovet.core.testing import page_text
from sovet.events.models import Event, Registration
from sovet.organizations.models import Organization

from .factories import RegistrationFactory


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_calendar_and_event_pages_are_translated(demo, client, language):
    event = Event.objects.order_by("pk").first()
    for path in ("events/", "events/?past=1", f"events/{event.pk}/"):
        response = client.get(f"/{language}/{path}")
        assert response.status_code == 200, path
        assert not untranslated_texts(response.content.decode(), language), path


@pytest.mark.django_db
def test_calendar_lists_upcoming_and_the_archive_lists_past(demo, client):
    upcoming = client.get("/ru/events/").context["events"]
    assert upcoming.paginator.count == 5
    assert all(e.ends_at >= timezone.now() for e in upcoming)
    past = client.get("/ru/events/?past=1").context["events"]
    assert past.paginator.count == 15
    assert [e.starts_at for e in past] == sorted((e.starts_at for e in past), reverse=True)
    osh = client.get("/ru/events/?past=1&region=osh-city").context["events"]
    assert {e.title_ru for e in osh} == {
        "Бессмертный полк — Ош",
        "Георгиевская ленточка — Ош",
        "Урок мужества «22 июня 1941 года»",
    }
    series = client.get("/ru/events/?past=1&series=war-80").context["events"]
    assert series.paginator.count == 3
    assert client.get("/ru/events/?region=atlantis&date_from=yesterday").status_code == 200


@pytest.mark.django_db
def test_event_ics_parses_with_bishkek_times(demo, client):
    event = Event.objects.get(title_ru="Бессмертный полк — Бишкек")
    response = client.get(f"/ru/events/{event.pk}/ics/")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    [entry] = [c for c in calendar.walk("VEVENT")]
    start = entry.decoded("dtstart")
    assert start.tzinfo is not None and start.utcoffset() == timedelta(hours=6)
    assert (start.hour, start.date().isoformat()) == (10, "2021-05-09")
    assert str(entry["summary"]) == "Бессмертный полк — Бишкек"
    assert any(tz["TZID"] == "Asia/Bishkek" for tz in calendar.walk("VTIMEZONE"))


@pytest.mark.django_db
def test_feeds_for_all_organization_and_series(demo, client):
    everything = Calendar.from_ical(client.get("/ru/events/feed/").content).walk("VEVENT")
    assert len(everything) == 5  # upcoming events
    organization = Organization.objects.get(name_ru="Союз соотечественниц Кыргызстана")
    mine = Calendar.from_ical(
        client.get(f"/ru/events/feed/?organization={organization.slug}").content
    )
    assert [str(e["summary"]) for e in mine.walk("VEVENT")] == ["Вечер русского романса"]
    series = Calendar.from_ical(client.get("/ru/events/feed/?series=cross-year").content).walk(
        "VEVENT"
    )
    assert [str(e["summary"]) for e in series] == ["Вечер русского романса"]


@pytest.mark.django_db
def test_visitor_registers_on_the_event_page_and_bad_input_is_kept(demo, client):
    event = Event.objects.get(title_ru="Вечер русского романса")
    url = f"/ru/events/{event.pk}/"
    bad = client.post(url, {"name": "Анна", "email": "anna@@x", "seats": "20"})
    assert {"email", "seats", "consent"} <= set(bad.context["form"].errors)
    assert 'value="Анна"' in bad.content.decode()
    good = client.post(
        url, {"name": "Анна", "email": "anna@example.org", "seats": "2", "consent": "on"}
    )
    assert good.context["registration"].status == "confirmed"
    assert Registration.objects.filter(event=event, email="anna@example.org", seats=2).exists()


@pytest.mark.django_db
def test_cancelled_event_refuses_registration_with_a_message(demo, client):
    event = Event.objects.get(title_ru="Вечер русского романса")
    event.status = "cancelled"
    event.save()
    response = client.post(
        f"/ru/events/{event.pk}/",
        {"name": "Анна", "email": "a@example.org", "seats": "1", "consent": "on"},
    )
    assert not Registration.objects.filter(email="a@example.org").exists()
    assert response.status_code == 200


@pytest.mark.django_db
def test_calendar_and_event_page_queries_are_bounded_with_5000_events(demo, client):
    def count(path):
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    event = Event.objects.get(title_ru="Вечер русского романса")
    paths = ["/ru/events/", "/ru/events/?past=1", f"/ru/events/{event.pk}/"]
    before = {path: count(path) for path in paths}
    organizations = list(Organization.objects.all()[:3])
    start = timezone.now() + timedelta(days=1)
    events = Event.objects.bulk_create(
        [Event(title_ru=f"Событие {n}", starts_at=start + timedelta(hours=n), ends_at=start + timedelta(hours=n + 1))
         for n in range(5000)]
    )  # fmt: skip
    through = Event.organizations.through
    through.objects.bulk_create(
        [through(event=e, organization=organizations[i % 3]) for i, e in enumerate(events)]
    )
    after = {path: count(path) for path in paths}
    assert after == before, (before, after)


@pytest.mark.django_db
def test_registering_again_on_the_page_reveals_nothing_about_the_first(demo, client):
    event = Event.objects.get(title_ru="Открытый урок истории для школьников")  # full
    data = {"name": "Кто-то", "email": "guest3@example.org", "seats": "1", "consent": "on"}
    response = client.post(f"/ru/events/{event.pk}/", data)
    page = page_text(response, "ещё раз отправили на него личную ссылку")
    assert "ещё раз отправили на него личную ссылку" in page
    assert "лист ожидания" not in page.split('id="registration"')[1].split("</section>")[0]


@pytest.mark.django_db
def test_a_flood_of_registrations_from_one_address_is_stopped_and_kept(demo, client):
    event = Event.objects.get(title_ru="Вечер русского романса")
    for number in range(10):
        data = {"name": "Бот", "email": f"bot{number}@example.org", "seats": "1", "consent": "on"}
        assert client.post(f"/ru/events/{event.pk}/", data).status_code == 200
    data = {"name": "Бот", "email": "bot10@example.org", "seats": "1", "consent": "on"}
    response = client.post(f"/ru/events/{event.pk}/", data)
    assert response.status_code == 429
    assert 'value="bot10@example.org"' in response.content.decode()
    assert not Registration.objects.filter(email="bot10@example.org").exists()


@pytest.mark.django_db
def test_the_private_page_of_a_cancelled_event_says_so_and_offers_no_cancel(demo, client):
    registration = Registration.objects.filter(status="confirmed").first()
    Event.objects.filter(pk=registration.event_id).update(
        status="cancelled", status_note="Зал закрыт"
    )
    page = client.get(f"/ru/registrations/{registration.token}/").content.decode()
    assert "Мероприятие отменено" in page and "Зал закрыт" in page
    assert "Отменить регистрацию" not in page


@pytest.mark.django_db
def test_a_feed_with_an_unknown_filter_is_not_found(demo, client):
    assert client.get("/ru/events/feed/", {"organization": "no-such-org"}).status_code == 404
    assert client.get("/ru/events/feed/", {"campaign": "immortal-regiment"}).status_code == 200


@pytest.mark.django_db
def test_my_account_lists_my_registrations_and_nobody_elses(demo, client):
    from sovet.core.testing import make_user

    event = Event.objects.get(title_ru="Вечер русского романса")
    user = make_user("anna@example.org")
    RegistrationFactory(event=event, name="Анна", email="anna@example.org")
    RegistrationFactory(event=event, name="Борис", email="boris@example.org")
    client.force_login(user)
    page = page_text(client.get("/ru/accounts/profile/"), "Мои регистрации на мероприятия")
    assert "Вечер русского романса" in page and "Мои регистрации на мероприятия" in page
    mine = Registration.objects.get(email="anna@example.org")
    other = Registration.objects.get(email="boris@example.org")
    assert mine.token in page and other.token not in page


@pytest.mark.django_db
def test_the_demo_clean_up_is_held_at_the_victory_park_memorial_and_both_pages_say_so(demo, client):
    cleanup = Event.objects.get(title_ru="Субботник у мемориала в парке Победы")
    memorial = cleanup.memorial_place
    assert memorial.name_ru.startswith("Мемориал воинам-землякам")
    response = client.get(f"/ru/memory/places/{memorial.pk}/")
    assert response.status_code == 200
    assert "Мероприятия у этого места" in response.content.decode()
    assert f"/ru/events/{cleanup.pk}/" in response.content.decode()
    response = client.get(f"/ru/events/{cleanup.pk}/")
    assert response.status_code == 200
    assert f"/ru/memory/places/{memorial.pk}/" in response.content.decode()
