"""The events calendar in a real browser: a visitor finds an event with the filters and registers;
a second visitor joins the waiting list and gets the seat when the first one cancels by the private
link from their e-mail. Campaign pages work without JavaScript, the month grid by keyboard, and a
registration without consent is refused without losing what was typed."""

import re
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from django.core import mail
from playwright.sync_api import expect

from sovet.events.models import Event, Registration, RegistrationStatus

ARTIFACTS = Path(__file__).parent / "artifacts"
VIEWPORT = {"width": 1280, "height": 900}
ROMANCE = "Вечер русского романса"
ORGANIZER = "Союз соотечественниц Кыргызстана"
# The private link in a registration e-mail; the site's address in it is settings.SITE_URL, not
# the live server's, so only the path is kept.
MANAGE_PATH = re.compile(r"https?://[^/\s]+(/[a-z]{2}/registrations/[\w-]+/)")


def mails_to(address: str, *, count: int = 1, timeout: float = 5.0) -> list:
    """The e-mails sent to an address, waiting briefly until there are `count` of them."""
    deadline = time.monotonic() + timeout
    while True:
        found = [message for message in mail.outbox if address in message.to]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def manage_path(message) -> str:
    found = MANAGE_PATH.search(message.body)
    assert found, message.body
    return found.group(1)


def register(page, *, name: str, email: str, consent: bool = True) -> None:
    form = page.get_by_role("region", name="Регистрация")
    form.get_by_label("Ваше имя").fill(name)
    form.get_by_label("Электронная почта").fill(email)
    if consent:
        form.get_by_label(re.compile("Я согласен")).check()
    form.get_by_role("button", name="Зарегистрировать").click()


def test_visitor_registers_waits_and_gets_the_freed_seat(page, shot, new_page, shot_of):
    Event.objects.filter(title_ru=ROMANCE).update(capacity=1)
    event = Event.objects.get(title_ru=ROMANCE)

    # Visitor A finds the evening with the filters: in Bishkek, by the Union of Women Compatriots.
    page.goto("/ru/events/")
    filters = page.get_by_role("form", name="Отбор мероприятий")
    filters.get_by_label("Город или село").fill("Бишкек")
    filters.get_by_label("Организатор").select_option(label=ORGANIZER)
    shot("filters")
    filters.get_by_role("button", name="Показать").click()

    expect(page).to_have_url(re.compile(r"/ru/events/\?.*organization="))
    query = parse_qs(urlparse(page.url).query)
    assert query["city"] == ["Бишкек"], page.url
    # Only the evening is left: the other upcoming events in Bishkek have other organizers.
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=2)).to_have_text([ROMANCE])
    expect(main.get_by_role("listitem").filter(has_text=ROMANCE).first).to_contain_text(ORGANIZER)
    expect(page.get_by_role("link", name="Субботник у мемориала в парке Победы")).to_have_count(0)
    # The filters stay filled in.
    expect(filters.get_by_label("Город или село")).to_have_value("Бишкек")
    shot("found")
    page.get_by_role("link", name=ROMANCE).click()

    expect(page).to_have_url(re.compile(rf"/ru/events/{event.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(ROMANCE)
    registration = page.get_by_role("region", name="Регистрация")
    expect(registration).to_contain_text("Осталось 1 место.")
    register(page, name="Анна Петрова", email="anna@example.org")

    expect(registration.get_by_role("status")).to_have_text(
        "Вы зарегистрированы. Подтверждение отправлено на вашу электронную почту."
    )
    expect(registration).to_contain_text("anna@example.org")
    shot("registered")

    # A's e-mail: the subject, the event in a calendar file, the private link.
    [confirmation] = mails_to("anna@example.org")
    assert confirmation.subject == f"Вы зарегистрированы: {ROMANCE}"
    assert "Анна Петрова" in confirmation.body
    calendars = [a for a in confirmation.attachments if a[0].endswith(".ics")]
    assert len(calendars) == 1, confirmation.attachments
    _filename, content, mimetype = calendars[0]
    assert mimetype.startswith("text/calendar")
    content = content.decode() if isinstance(content, bytes) else content
    assert "BEGIN:VEVENT" in content
    assert ROMANCE in content
    a_path = manage_path(confirmation)

    # Visitor B, in another browser, finds the evening full and joins the waiting list.
    other = new_page()
    other.goto(f"/ru/events/{event.pk}/")
    other_registration = other.get_by_role("region", name="Регистрация")
    expect(other_registration).to_contain_text(
        "Все места заняты: зарегистрируйтесь, чтобы встать в лист ожидания."
    )
    register(other, name="Борис Смирнов", email="boris@example.org")
    expect(other_registration.get_by_role("status")).to_have_text(
        "Все места заняты: вы в листе ожидания. Мы напишем вам, как только освободится место."
    )
    shot_of(other, "waiting-list")
    [waiting] = mails_to("boris@example.org")
    assert waiting.subject == f"Вы в листе ожидания: {ROMANCE}"
    assert not [a for a in waiting.attachments if a[0].endswith(".ics")]
    b_path = manage_path(waiting)
    assert b_path != a_path

    # A's plans change: the private link from the e-mail, then the button.
    page.goto(a_path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ваша регистрация")
    expect(page.get_by_role("main")).to_contain_text(ROMANCE)
    expect(page.get_by_role("main")).to_contain_text("Подтверждена")
    shot("private-page")
    page.get_by_role("button", name="Отменить мою регистрацию").click()

    expect(page.get_by_text("Ваша регистрация отменена.")).to_be_visible()
    expect(page.get_by_role("button", name="Отменить мою регистрацию")).to_have_count(0)
    shot("cancelled")

    # B gets the seat, is told so by e-mail, and the private page says it is confirmed.
    promoted = mails_to("boris@example.org", count=2)
    assert len(promoted) == 2, [message.subject for message in mail.outbox]
    assert promoted[1].subject == f"Для вас освободилось место: {ROMANCE}"
    assert "Освободилось место — теперь оно ваше." in promoted[1].body
    assert [a for a in promoted[1].attachments if a[0].endswith(".ics")]
    assert manage_path(promoted[1]) == b_path

    other.goto(b_path)
    expect(other.get_by_role("main")).to_contain_text(ROMANCE)
    expect(other.get_by_role("main")).to_contain_text("Подтверждена")
    expect(other.get_by_role("button", name="Отменить мою регистрацию")).to_be_visible()
    shot_of(other, "promoted")

    statuses = dict(Registration.objects.filter(event=event).values_list("email", "status"))
    assert statuses == {
        "anna@example.org": RegistrationStatus.CANCELLED,
        "boris@example.org": RegistrationStatus.CONFIRMED,
    }


def test_campaign_page_without_javascript_and_month_by_keyboard(page, shot, new_page, shot_of):
    # The campaign page: every city where one could join, readable with JavaScript off.
    no_js = new_page(java_script_enabled=False)
    no_js.goto("/ru/events/campaigns/immortal-regiment/")
    expect(no_js.get_by_role("heading", level=1)).to_have_text("Бессмертный полк 2021")
    # 2021's edition is over (and the only one): its gathering points are marked as past.
    expect(no_js.get_by_role("note")).to_contain_text("Этот выпуск прошёл в 2021 году")
    cities = no_js.get_by_role("region", name="Где собирались в 2021 году")
    expect(cities.get_by_role("heading", level=3)).to_have_text(
        ["Бишкек", "Джалал-Абад", "Кант", "Каракол", "Ош", "Талас", "Токмок"]
    )
    osh = cities.get_by_role("region", name="Ош")
    expect(osh).to_contain_text("Сбор у Вечного огня")
    shot_of(no_js, "campaign-no-js")
    osh.get_by_role("link", name="Бессмертный полк — Ош").click()
    expect(no_js.get_by_role("heading", level=1)).to_have_text("Бессмертный полк — Ош")
    expect(no_js.get_by_role("main")).to_contain_text(re.compile(r"1\s?500"))

    # The month of May 2021: the Victory Day marches fill 9 May.
    page.goto("/ru/events/?view=month&month=2021-05")
    grid = page.get_by_role("table")
    victory_day = grid.get_by_role("cell").filter(has=page.locator('time[datetime="2021-05-09"]'))
    expect(victory_day.get_by_role("link", name=re.compile("Бессмертный полк"))).to_have_count(4)
    expect(victory_day.get_by_role("link", name="и ещё 3")).to_be_visible()
    may_7 = grid.get_by_role("cell").filter(has=page.locator('time[datetime="2021-05-07"]'))
    expect(may_7.get_by_role("link", name=re.compile("Концерт «Песни Победы»"))).to_be_visible()
    shot("month-may")

    # The neighbouring months, by keyboard only.
    months = page.get_by_role("navigation", name="Месяцы")
    previous = months.get_by_role("link", name=re.compile(r"^←"))
    previous.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"month=2021-04"))
    april_24 = page.get_by_role("cell").filter(has=page.locator('time[datetime="2021-04-24"]'))
    expect(
        april_24.get_by_role("link", name=re.compile("Георгиевская ленточка — Бишкек"))
    ).to_be_visible()
    shot("month-april")

    months.get_by_role("link", name=re.compile(r"→$")).focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"month=2021-05"))
    victory_day = page.get_by_role("cell").filter(has=page.locator('time[datetime="2021-05-09"]'))
    expect(victory_day).to_contain_text("Бессмертный полк")

    # "And 3 more" opens that day in the list of past events, with all seven marches.
    victory_day.get_by_role("link", name="и ещё 3").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"date_from=2021-05-09"))
    marches = page.get_by_role("main").get_by_role("heading", level=2)
    expect(marches).to_have_count(7)
    for name in ("Бишкек", "Джалал-Абад", "Кант", "Каракол", "Ош", "Талас", "Токмок"):
        expect(marches.filter(has_text=f"Бессмертный полк — {name}")).to_have_count(1)
    shot("victory-day-list")


def test_registration_without_consent_keeps_the_input(page, shot):
    event = Event.objects.get(title_ru=ROMANCE)
    page.goto(f"/ru/events/{event.pk}/")
    register(page, name="Анна Петрова", email="anna@example.org", consent=False)

    registration = page.get_by_role("region", name="Регистрация")
    consent = registration.get_by_label(re.compile("Я согласен"))
    # One error, on the consent checkbox, announced and tied to it.
    expect(registration.get_by_role("alert")).to_have_count(1)
    expect(registration.get_by_role("alert")).to_contain_text("Требуется заполнить это поле.")
    expect(consent).not_to_be_checked()
    expect(consent).to_have_attribute("aria-invalid", "true")
    expect(consent).to_have_accessible_description(re.compile("Требуется заполнить это поле."))
    expect(registration.get_by_label("Ваше имя")).to_have_value("Анна Петрова")
    expect(registration.get_by_label("Электронная почта")).to_have_value("anna@example.org")
    expect(registration.get_by_role("status")).to_have_count(0)
    shot("no-consent")
    assert mail.outbox == []
    assert not Registration.objects.filter(event=event).exists()
