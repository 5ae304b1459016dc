"""A visitor browses the memory archive by region alone, on a phone: the landing says how many
people the archive holds and shows the latest cards; the filters are folded behind one button,
so the results come before the fold; a region chosen there lists its people with the counts of
each choice, a page at a time, the region kept from page to page; the archive links the memorial
places. On a wide screen the filters stay open, without JavaScript too."""

import re

from django.utils import translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import expect

from sovet.core.models import Region
from sovet.memory.models import CardStatus, WarParticipant
from sovet.memory.tests.factories import CardFactory
from sovet.memory.views import BROWSE_PAGE

PHONE = {"width": 390, "height": 844}
PEOPLE = BROWSE_PAGE + 3  # invented people of Talas: two pages


def ru(message: str) -> str:
    with translation.override("ru"):
        return gettext(message)


def archive_search(page):
    return page.get_by_role("search", name=ru("Search the memory archive"))


def test_a_visitor_browses_the_archive_by_region_alone(new_page, shot_of):
    talas = Region.objects.get(code="talas")
    for number in range(PEOPLE):
        CardFactory(
            surname=f"Таласбеков-{number:02}", given_name="Асан", region=talas,
            fate="killed" if number % 3 else "returned", birth_date=str(1900 + number),
        )  # fmt: skip
    in_talas = WarParticipant.objects.filter(status=CardStatus.PUBLISHED, region=talas).count()
    everyone = WarParticipant.objects.filter(status=CardStatus.PUBLISHED).count()

    phone = new_page(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    phone.goto("/ru/memory/")
    # The landing: how many people, the latest cards (the last added first).
    with translation.override("ru"):
        holds = ngettext(
            "The archive holds the card of %(counter)s person.",
            "The archive holds the cards of %(counter)s people.",
            everyone,
        ) % {"counter": everyone}
    expect(phone.locator(".archive-count")).to_have_text(holds)
    recent = phone.get_by_role("region", name=ru("Recently added to the archive"))
    expect(recent.locator("li").first.get_by_role("link")).to_have_text(
        f"Таласбеков-{PEOPLE - 1:02} Асан"
    )
    # The filters are folded: the region's list is not shown until the button is pressed.
    search = archive_search(phone)
    region = search.locator("#id_region")
    expect(region).to_be_hidden()
    shot_of(phone, "1-landing")
    search.locator("summary").click()
    expect(region).to_be_visible()
    expect(region.locator('option[value="talas"]')).to_have_text(re.compile(rf"\({in_talas}\)$"))
    region.select_option("talas")
    search.get_by_role("button", name=ru("Find")).click()

    # Talas alone: the count, the first page of its people, and they come before the fold.
    expect(phone).to_have_url(re.compile(r"/ru/memory/\?.*region=talas"))
    expect(phone.get_by_role("status")).to_contain_text(str(in_talas))
    results = phone.locator("ul.search-results > li")
    expect(results).to_have_count(BROWSE_PAGE)
    expect(region).to_be_hidden()  # folded again: the results come first
    expect(search.locator("summary")).to_contain_text("1")  # …and it says a filter is chosen
    first = results.first.bounding_box()
    assert first["y"] < PHONE["height"], f"the first result starts at {first['y']} px"
    expect(search.locator('#id_fate option[value="killed"]')).to_have_count(1)
    shot_of(phone, "2-talas")

    # The next page keeps the region.
    phone.locator('nav.pagination a[rel="next"]').click()
    expect(phone).to_have_url(re.compile(r"region=talas.*page=2|page=2.*region=talas"))
    expect(results).to_have_count(in_talas - BROWSE_PAGE)
    expect(region).to_have_value("talas")
    shot_of(phone, "3-page-2")

    # The memorial places are one tap away.
    places = phone.locator("main a[href='/ru/memory/places/']").first
    places.click()
    expect(phone).to_have_url(re.compile(r"/ru/memory/places/$"))


def test_on_a_wide_screen_the_filters_stay_open_without_javascript(new_page, shot_of):
    wide = new_page(java_script_enabled=False)
    wide.goto("/ru/memory/")
    search = archive_search(wide)
    expect(search.locator("summary")).to_be_hidden()
    fate = search.locator("#id_fate")
    expect(fate).to_be_visible()
    fate.select_option("returned")
    search.get_by_role("button", name=ru("Find")).click()
    expect(wide).to_have_url(re.compile(r"fate=returned"))
    returned = WarParticipant.objects.filter(status=CardStatus.PUBLISHED, fate="returned")
    expect(wide.locator("ul.search-results > li")).to_have_count(returned.count())
    # Nobody: said so, with a way back.
    search.locator("#id_born_from").fill("1945")
    search.get_by_role("button", name=ru("Find")).click()
    expect(wide.get_by_role("status")).to_have_text(
        ru("Nobody in the archive matches all these filters.")
    )
    loosen = wide.locator(".archive-loosen a")
    expect(loosen).to_have_count(2)
    shot_of(wide, "1-nobody")
    loosen.nth(1).click()  # without the fate (the year comes first, as in the form)
    expect(wide).to_have_url(re.compile(r"/ru/memory/\?born_from=1945$"))
