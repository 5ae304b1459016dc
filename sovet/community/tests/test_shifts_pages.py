"""The volunteers' public pages: the shifts list, a shift (counts, never names), signing up, a
volunteer's own page, the calendar feed and the guardian's page."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sovet.core.models import Region
from sovet.core.testing import make_user, page_text

from .. import services
from ..models import (
    Attendance,
    Certificate,
    CertificateKind,
    ConsentMethod,
    GuardianConsent,
    Participation,
    SlotRole,
    Volunteer,
)
from .factories import make_project, make_shift, make_volunteer, years_ago
from .test_shifts_services import PDF, confirmed_minor

URL = "/ru/volunteers/"


def join_data(**fields):
    data = {
        "full_name": "Иванов Пётр Алексеевич",
        "birth_date": years_ago(30).isoformat(),
        "region": Region.objects.get(code="bishkek").pk,
        "city": "Бишкек",
        "phone": "",
        "languages": ["ru"],
        "skills": ["first_aid"],
        "availability": ["weekends"],
        "organization": "",
        "consent": "on",
    }
    data.update(fields)
    return data


@pytest.mark.django_db
def test_the_list_filters_and_shows_counts(client, volunteers_page):
    project = make_project(title_ru="Бессмертный полк 2027")
    steward = make_shift(project, slots={SlotRole.STEWARD: 20})
    make_shift(make_project(title_ru="Субботник"), slots={SlotRole.CLEANUP: 5})
    services.shift_signup(slot=steward.slots.get(), volunteer=make_volunteer())
    text = page_text(client.get(URL), "Бессмертный полк 2027", "Субботник", "1 из 20")
    assert "Петрова" not in text
    filtered = page_text(client.get(URL, {"role": "steward"}), "Бессмертный полк 2027")
    assert "Субботник" not in filtered
    bad = client.get(URL, {"role": "nonsense", "date_from": "not-a-date"})
    assert bad.status_code == 200


@pytest.mark.django_db
def test_a_shift_page_shows_counts_never_names(client, volunteers_page):
    shift = make_shift(slots={SlotRole.CLEANUP: 10}, address="ул. Киевская, 1")
    services.shift_signup(slot=shift.slots.get(), volunteer=confirmed_minor(full_name="Юная Мария"))
    services.shift_signup(slot=shift.slots.get(), volunteer=make_volunteer())
    for user in (None, make_user("other@example.org")):
        if user:
            client.force_login(user)
        text = page_text(client.get(f"{URL}shifts/{shift.pk}/"), "ул. Киевская, 1", "2 из 10")
        assert "Юная" not in text and "Петрова" not in text and "mother@example.org" not in text
    assert client.get(f"{URL}shifts/999999/").status_code == 404


@pytest.mark.django_db
def test_signing_up_for_a_shift_needs_an_account_and_a_profile(client, volunteers_page):
    shift = make_shift()
    slot = shift.slots.get()
    path = f"{URL}shifts/{shift.pk}/"
    anonymous = client.post(path, {"slot": slot.pk})
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    client.force_login(make_user("new@example.org"))
    no_profile = client.post(path, {"slot": slot.pk})
    assert no_profile.status_code == 302 and no_profile["Location"].startswith(f"{URL}join/")
    volunteer = make_volunteer("v@example.org")
    client.force_login(volunteer.user)
    taken = client.post(path, {"slot": slot.pk})
    assert taken.status_code == 302
    assert Participation.objects.get().status == "confirmed"
    page_text(client.get(path), "Ваше место подтверждено")
    cancelled = client.post(f"{path}cancel/", {"next": f"{URL}me/"})
    assert cancelled.status_code == 302 and cancelled["Location"] == f"{URL}me/"
    assert Participation.objects.get().status == "cancelled"
    assert client.post(f"{path}cancel/").status_code == 404
    assert client.get(f"{path}cancel/").status_code == 405


@pytest.mark.django_db
def test_a_minor_is_told_why_an_adult_shift_is_refused(client, volunteers_page):
    shift = make_shift(min_age=18)
    teen = confirmed_minor()
    client.force_login(teen.user)
    text = page_text(client.get(f"{URL}shifts/{shift.pk}/"), "18 лет")
    assert "Занять место" not in text
    refused = client.post(f"{URL}shifts/{shift.pk}/", {"slot": shift.slots.get().pk})
    page_text(refused, "18 лет", status=400)
    assert not Participation.objects.exists()


@pytest.mark.django_db
def test_join_sends_anonymous_visitors_to_sign_up_and_back(client, volunteers_page):
    text = page_text(client.get(f"{URL}join/"), "Зарегистрироваться")
    assert "next=/ru/volunteers/join/" in text.replace("%2F", "/")


@pytest.mark.django_db
def test_an_adult_joins(client, volunteers_page):
    user = make_user("adult@example.org")
    client.force_login(user)
    page_text(client.get(f"{URL}join/"), "Если вам нет 18 лет")
    response = client.post(f"{URL}join/", join_data())
    assert response.status_code == 302 and response["Location"] == f"{URL}me/"
    volunteer = Volunteer.objects.get(user=user)
    assert volunteer.skills == ["first_aid"] and volunteer.language == "ru"
    assert client.get(f"{URL}join/")["Location"] == f"{URL}me/"


@pytest.mark.django_db
def test_a_minor_joins_with_a_guardian_and_bad_input_keeps_what_was_typed(
    client, volunteers_page, django_capture_on_commit_callbacks
):
    client.force_login(make_user("teen@example.org"))
    data = join_data(full_name="Сидорова Алина", birth_date=years_ago(16).isoformat())
    missing = client.post(f"{URL}join/", data)
    text = page_text(missing, "Сидорова Алина", status=400)
    assert "родителя" in text
    assert not Volunteer.objects.exists()
    data.update(guardian_name="Сидорова Ольга", guardian_email="olga@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        joined = client.post(f"{URL}join/", data)
    assert joined.status_code == 302
    consent = GuardianConsent.objects.get()
    assert consent.method == ConsentMethod.LINK and mail.outbox[0].to == ["olga@example.org"]


@pytest.mark.django_db
def test_join_refuses_without_consent_and_keeps_the_values(client, volunteers_page):
    client.force_login(make_user("x@example.org"))
    data = join_data(full_name="Кузнецов Илья")
    del data["consent"]
    page_text(client.post(f"{URL}join/", data), "Кузнецов Илья", status=400)
    young = join_data(full_name="Малыш Иван", birth_date=years_ago(12).isoformat())
    page_text(client.post(f"{URL}join/", young), "Малыш Иван", "не моложе 14", status=400)
    assert not Volunteer.objects.exists()


@pytest.mark.django_db
def test_the_guardian_page_confirms_only_on_post(client, volunteers_page):
    teen = make_volunteer("teen@example.org", age=16, full_name="Сидорова Алина Петровна")
    consent = GuardianConsent.objects.create(
        volunteer=teen, guardian_name="Сидорова Ольга", guardian_email="o@example.org",
        method=ConsentMethod.LINK,
    )  # fmt: skip
    path = f"{URL}guardian/{consent.token}/"
    response = client.get(path)
    text = page_text(response, "Алина", "Я даю согласие")
    assert "Сидорова" not in text and "o@example.org" not in text
    assert "no-store" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex"
    consent.refresh_from_db()
    assert consent.confirmed_at is None
    assert client.post(path).status_code == 302
    consent.refresh_from_db()
    assert consent.confirmed_at is not None and consent.expires_on
    assert client.get(f"{URL}guardian/wrong-token/").status_code == 404


@pytest.mark.django_db
def test_a_minor_uploads_the_signed_form(client, volunteers_page):
    teen = make_volunteer("teen@example.org", age=15)
    GuardianConsent.objects.create(
        volunteer=teen, guardian_name="Отец", guardian_phone="+996555000111",
        method=ConsentMethod.FORM,
    )  # fmt: skip
    client.force_login(teen.user)
    page_text(client.get(f"{URL}me/"), "Загрузить подписанное согласие")
    bad = client.post(f"{URL}me/consent/", {"form": SimpleUploadedFile("a.txt", b"\x00\x01")})
    page_text(bad, "Подписанное согласие", status=400)
    good = client.post(f"{URL}me/consent/", {"form": SimpleUploadedFile("form.pdf", PDF)})
    assert good.status_code == 302
    assert GuardianConsent.objects.get().form
    page_text(client.get(f"{URL}me/"), "ждёт проверки")


@pytest.mark.django_db
def test_my_page_is_private_and_mine_alone(client, volunteers_page):
    response = client.get(f"{URL}me/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    mine = make_volunteer("me@example.org", full_name="Моя Фамилия Имя")
    other = make_volunteer("other@example.org", full_name="Чужая Фамилия Имя")
    shift = make_shift(make_project(title_ru="Проект для всех"))
    services.shift_signup(slot=shift.slots.get(), volunteer=other)
    Certificate.objects.create(
        volunteer=other, kind=CertificateKind.YEAR, year=2026, hours=5, holder_name="Чужая",
        language="ru", signer_name="Подписант", signer_title="Председатель",
    )  # fmt: skip
    client.force_login(mine.user)
    response = client.get(f"{URL}me/")
    text = page_text(response, "Моя Фамилия Имя", "У вас нет смен впереди")
    assert "Чужая" not in text and "Проект для всех" not in text
    assert other.calendar_token not in text and mine.calendar_token in text
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_my_page_lists_shifts_hours_and_certificates(client, volunteers_page):
    volunteer = make_volunteer()
    shift = make_shift(make_project(title_ru="Субботники 2027"))
    services.shift_signup(slot=shift.slots.get(), volunteer=volunteer)
    past = make_shift(days=-30, length=4)
    Participation.objects.create(
        slot=past.slots.get(), volunteer=volunteer, status="confirmed",
        attendance=Attendance.CAME, hours=4,
    )  # fmt: skip
    certificate = Certificate.objects.create(
        volunteer=volunteer, kind=CertificateKind.YEAR, year=past.starts_at.year, hours=4,
        holder_name="Петрова А. С.", language="ru", signer_name="Подписант", signer_title="X",
    )  # fmt: skip
    client.force_login(volunteer.user)
    page_text(
        client.get(f"{URL}me/"),
        "Субботники 2027",
        f"{URL}certificates/{certificate.code}/",
        f"{URL}certificates/{certificate.code}/pdf/",
        f"shifts/{shift.pk}/cancel/",
        str(past.starts_at.year),
    )


@pytest.mark.django_db
def test_the_calendar_feed_lists_my_confirmed_shifts(client, volunteers_page):
    volunteer = make_volunteer()
    mine = make_shift(make_project(title_ru="Моя смена"), address="Площадь Победы")
    make_shift(make_project(title_ru="Чужая смена"))
    full = make_shift(make_project(title_ru="Очередь"), slots={SlotRole.CLEANUP: 1})
    services.shift_signup(slot=mine.slots.get(), volunteer=volunteer)
    services.shift_signup(slot=full.slots.get(), volunteer=make_volunteer("x@example.org"))
    services.shift_signup(slot=full.slots.get(), volunteer=volunteer)  # waiting
    response = client.get(f"{URL}calendar/{volunteer.calendar_token}/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body and "Моя смена" in body and "Площадь Победы" in body
    assert "Чужая смена" not in body and "Очередь" not in body
    assert client.get(f"{URL}calendar/not-a-token/").status_code == 404


@pytest.mark.django_db
def test_queries_stay_constant_with_more_shifts_and_places(client, volunteers_page):
    volunteer = make_volunteer()

    def add(number):
        for n in range(number):
            shift = make_shift(make_project(title_ru=f"Проект {n}"), days=3 + n)
            services.shift_signup(slot=shift.slots.get(), volunteer=volunteer)
            other = make_volunteer(f"o{Participation.objects.count()}@example.org")
            services.shift_signup(slot=shift.slots.get(), volunteer=other)

    def count(path):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    client.force_login(volunteer.user)
    add(2)
    count(URL), count(f"{URL}me/")  # the caches of the first request warmed
    before = count(URL), count(f"{URL}me/")
    add(6)
    assert (count(URL), count(f"{URL}me/")) == before


@pytest.mark.django_db
def test_the_account_page_links_the_volunteer_page(client, volunteers_page):
    user = make_user("a@example.org")
    client.force_login(user)
    page_text(client.get("/ru/accounts/profile/"), f"{URL}join/")
    make_volunteer(user=user)
    page_text(client.get("/ru/accounts/profile/"), f"{URL}me/")


@pytest.mark.django_db
def test_the_project_page_lists_its_shifts(client, volunteers_page):
    project = make_project(title_ru="Бессмертный полк", slug="polk")
    make_shift(project, address="Старая площадь")
    make_shift(project, days=-3, address="Прошедшая")
    text = page_text(client.get(f"{URL}projects/polk/"), "Бессмертный полк", "Старая площадь")
    assert "Прошедшая" not in text
    assert client.get(f"{URL}projects/nothing/").status_code == 404
    project.published = False
    project.save()
    assert client.get(f"{URL}projects/polk/").status_code == 404


@pytest.mark.django_db
def test_a_long_projects_shifts_come_in_pages(client, volunteers_page):
    project = make_project(title_ru="Сезон субботников", slug="season")
    for day in range(1, 33):
        make_shift(project, days=day, address=f"Площадка {day:02d}")
    first = page_text(client.get(f"{URL}projects/season/"), "Площадка 01", "Площадка 30")
    assert "Площадка 31" not in first and "page=2" in first
    second = page_text(client.get(f"{URL}projects/season/?page=2"), "Площадка 31", "Площадка 32")
    assert "Площадка 01" not in second


@pytest.mark.django_db
def test_a_past_shift_cannot_be_taken(client, volunteers_page):
    shift = make_shift(days=-1)
    volunteer = make_volunteer()
    client.force_login(volunteer.user)
    page_text(client.get(f"{URL}shifts/{shift.pk}/"), "уже началась")
    response = client.post(f"{URL}shifts/{shift.pk}/", {"slot": shift.slots.get().pk})
    assert response.status_code == 400
    assert not Participation.objects.exists()
    assert timezone.now() - timedelta(days=2) < shift.starts_at


@pytest.mark.django_db
def test_the_list_filters_by_skill_region_and_date(client, volunteers_page):
    osh = Region.objects.get(code="osh")
    make_shift(make_project(title_ru="Нужна первая помощь"), required_skills=["first_aid"])
    make_shift(make_project(title_ru="Смена в Оше"), region=osh)
    make_shift(make_project(title_ru="Поздняя смена"), days=40)
    text = page_text(client.get(URL, {"skill": "first_aid"}), "Нужна первая помощь")
    assert "Смена в Оше" not in text and "Поздняя смена" not in text
    text = page_text(client.get(URL, {"region": "osh"}), "Смена в Оше")
    assert "Нужна первая помощь" not in text
    later = (timezone.localdate() + timedelta(days=30)).isoformat()
    text = page_text(client.get(URL, {"date_from": later}), "Поздняя смена")
    assert "Смена в Оше" not in text


@pytest.mark.django_db
def test_join_is_rate_limited_and_keeps_what_was_typed(client, volunteers_page):
    client.force_login(make_user("flood@example.org"))
    data = join_data(full_name="Поток Заявок", birth_date="")
    for _ in range(10):
        assert client.post(f"{URL}join/", data).status_code == 400
    limited = client.post(f"{URL}join/", data)
    page_text(limited, "Поток Заявок", "Слишком много", status=429)


@pytest.mark.django_db
def test_joining_from_a_shift_comes_back_to_it(client, volunteers_page):
    shift = make_shift()
    client.force_login(make_user("back@example.org"))
    path = f"{URL}shifts/{shift.pk}/"
    redirected = client.post(path, {"slot": shift.slots.get().pk})
    assert redirected["Location"] == f"{URL}join/?next=%2Fru%2Fvolunteers%2Fshifts%2F{shift.pk}%2F"
    page_text(client.get(redirected["Location"]), f'value="{path}"')
    joined = client.post(f"{URL}join/", join_data(next=path))
    assert joined.status_code == 302 and joined["Location"] == path
    elsewhere = client.post(f"{URL}join/", join_data(next="https://evil.example/"))
    assert elsewhere["Location"] == f"{URL}me/"


@pytest.mark.django_db
def test_taking_places_is_rate_limited(client, volunteers_page):
    shift = make_shift(min_age=18)
    client.force_login(confirmed_minor().user)
    path = f"{URL}shifts/{shift.pk}/"
    for _ in range(30):
        assert client.post(path, {"slot": shift.slots.get().pk}).status_code == 400
    page_text(client.post(path, {"slot": shift.slots.get().pk}), "Слишком много", status=429)


@pytest.mark.django_db
def test_private_addresses_for_strangers(client, volunteers_page):
    shift = make_shift()
    for path in (f"{URL}me/", f"{URL}me/consent/"):
        response = client.get(path)
        assert response.status_code == 302 and "/login/" in response["Location"], path
    assert client.post(f"{URL}shifts/{shift.pk}/cancel/").status_code == 302
    client.force_login(make_user("nobody@example.org"))
    for path in (f"{URL}me/", f"{URL}me/consent/"):
        assert client.get(path)["Location"] == f"{URL}join/", path
    assert client.post(f"{URL}shifts/{shift.pk}/cancel/").status_code == 404
    client.force_login(make_volunteer("adult@example.org").user)
    assert client.get(f"{URL}me/consent/")["Location"] == f"{URL}me/"


@pytest.mark.django_db
def test_an_expired_consent_is_renewed_by_a_new_form(volunteers_page):
    teen = confirmed_minor()
    old = teen.guardian_consents.get()
    old.expires_on = timezone.localdate() - timedelta(days=1)
    old.save()
    new = services.consent_form_upload(volunteer=teen, file=SimpleUploadedFile("consent.pdf", PDF))
    assert new.pk != old.pk and new.guardian_name == old.guardian_name
    assert new.method == ConsentMethod.FORM and new.confirmed_at is None and new.form


@pytest.mark.django_db
def test_a_place_taken_forgets_the_kept_shift_page(
    client, volunteers_page, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    shift = make_shift(slots={SlotRole.CLEANUP: 10})
    path = f"{URL}shifts/{shift.pk}/"
    first = client.get(path)
    assert "0 из 10" in first.content.decode() and first["X-Cache"] == "miss"
    assert client.get(path)["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        services.shift_signup(slot=shift.slots.get(), volunteer=make_volunteer())
    after = client.get(path)
    assert after["X-Cache"] == "miss" and "1 из 10" in after.content.decode()


@pytest.mark.django_db
def test_a_memorial_places_page_shows_its_shifts_and_the_shift_links_the_place(
    client, volunteers_page
):
    from sovet.memory.models import MemoryIndexPage
    from sovet.places.models import PlacesIndexPage
    from sovet.places.tests.factories import make_place

    home = volunteers_page.get_parent()
    memory = home.add_child(instance=MemoryIndexPage(title="Память", slug="memory"))
    places = memory.add_child(instance=PlacesIndexPage(title="Места памяти", slug="places"))
    place = make_place("Обелиск землякам", status="published")
    project = make_project(title_ru="Субботники у обелиска")
    planned = make_shift(project, memorial_place=place)
    # Held: ended, not cancelled, and someone came (coordination.queries.held_shifts).
    came = make_volunteer("came@example.org")
    for days in (-10, -20):
        Participation.objects.create(
            slot=make_shift(project, days=days, memorial_place=place).slots.get(),
            volunteer=came, status="confirmed", attendance=Attendance.CAME, hours=3,
        )  # fmt: skip
    make_shift(project, days=-30, memorial_place=place)  # nobody came: not held
    place_path = places.place_path(place)
    text = page_text(client.get(place_path), "Субботники у обелиска", f"shifts/{planned.pk}/")
    assert "2 волонтёрские смены" in text
    page_text(client.get(f"{URL}shifts/{planned.pk}/"), place_path, "Обелиск землякам")
