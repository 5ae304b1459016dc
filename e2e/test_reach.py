"""What people could not reach (issue 15), in a real browser: a visitor on a phone finds the
memorial places in the main menu, under «Память», and reads the map's legend; a visitor opens a
campaign from the home page and sees its next edition, with the last one marked as past."""

import re

from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from sovet.accounts.demo import DEMO_ADMIN_EMAIL
from sovet.events import services
from sovet.events.models import CampaignEdition, Event

TILE = "/static/places/blank-tile.png"  # served by the site: no outside network in tests
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


def test_a_visitor_on_a_phone_reaches_the_memorial_places_from_the_menu(
    new_page, shot_of, settings
):
    settings.MAP_TILE_URL = TILE
    phone = new_page(**PHONE)
    phone.goto("/ru/")
    menu = phone.get_by_role("navigation", name="Главное меню")
    places = menu.get_by_role("link", name="Места памяти")
    # The menu starts closed on a phone; opened, the places are right under «Память».
    expect(places).to_be_hidden()
    menu.get_by_text("Меню").click()
    expect(menu.get_by_role("link", name="Память", exact=True)).to_be_visible()
    expect(places).to_be_visible()
    shot_of(phone, "1-menu")
    places.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Места памяти")
    # The map's legend says what the markers' colours mean, in words.
    legend = phone.get_by_role("region", name="Условные обозначения")
    expect(legend).to_contain_text("Цвет метки — состояние места")
    expect(legend.get_by_role("link", name="Требует ремонта")).to_be_visible()
    legend.scroll_into_view_if_needed()
    shot_of(phone, "2-places-legend")
    legend.get_by_role("link", name="Требует ремонта").click()
    expect(phone.get_by_label("Состояние")).to_have_value("needs_repair")

    # Without JavaScript the menu is open as sent, the places link there too.
    no_js = new_page(java_script_enabled=False, **PHONE)
    no_js.goto("/ky/")
    ky_places = no_js.get_by_role("navigation", name="Башкы меню").get_by_role(
        "link", name="Эстелик жайлар"
    )
    expect(ky_places).to_be_visible()
    ky_places.click()
    expect(no_js).to_have_url(re.compile(r"/ky/memory/places/$"))
    expect(no_js.get_by_role("heading", level=1)).to_have_text("Эстелик жайлар")


def test_a_visitor_opens_a_campaign_from_the_home_page_and_sees_its_next_edition(
    page, shot, new_page, shot_of
):
    # The secretary has opened next year's Immortal Regiment from 2021's and announced Bishkek.
    admin = get_user_model().objects.get(email=DEMO_ADMIN_EMAIL)
    last = CampaignEdition.objects.get(campaign__slug="immortal-regiment", year=2021)
    year = timezone.localdate().year + 1
    edition = services.edition_copy(edition=last, year=year, by=admin)
    Event.objects.filter(edition=edition, city="Бишкек").update(published=True)

    page.goto("/ru/")
    campaigns = page.get_by_role("region", name="Акции")
    expect(campaigns).to_contain_text("Георгиевская ленточка 2021")
    shot("1-home-campaigns")
    campaigns.get_by_role("link", name=f"Бессмертный полк {year}").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Бессмертный полк {year}")
    cities = page.get_by_role("region", name="Где присоединиться в каждом городе")
    expect(cities.get_by_role("heading", level=3)).to_have_text(["Бишкек"])
    expect(cities).to_contain_text("Сбор у Вечного огня")
    years = page.get_by_role("navigation", name="Другие годы")
    expect(years.get_by_role("link", name=str(year))).to_have_attribute("aria-current", "page")
    expect(years.get_by_role("link", name="2021 (прошёл)")).to_be_visible()
    shot("2-next-edition")

    # The last edition, a click away, is marked as over and leads back to the next one.
    years.get_by_role("link", name="2021 (прошёл)").click()
    expect(page.get_by_role("note")).to_contain_text("Этот выпуск прошёл в 2021 году")
    expect(page.get_by_role("region", name="Где собирались в 2021 году")).to_be_visible()
    page.get_by_role("link", name=f"Выпуск {year} года").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Бессмертный полк {year}")

    # The calendar's campaign filter shows the announced march without ?past=1.
    page.goto("/ru/events/?campaign=immortal-regiment")
    expect(page.get_by_role("link", name="Бессмертный полк — Бишкек")).to_be_visible()
    shot("3-calendar-filter")
