"""A visitor finds things from the search box in the header: an event, an organization, a person
of the memory archive and a memorial place — on a phone, as most visitors come."""

import re

import pytest
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}

# What is typed into the header's box → the section and the result to open → the page it opens.
JOURNEYS = [
    ("романс", "found-event", "Вечер русского романса", r"/ru/events/\d+/$"),
    ("Славяне", "found-organization", "Славяне", r"/ru/organizations/[-a-z0-9_]+/$"),
    ("Solovyov", "found-person", "Соловьёв Фёдор Иванович", r"/ru/memory/\d+/$"),
    ("памятники", "found-place", "Памятник солдату", r"/ru/memory/places/\d+/$"),
]


@pytest.mark.parametrize(("query", "section", "title", "address"), JOURNEYS)
def test_a_visitor_finds_it_from_the_header_search(page, shot, query, section, title, address):
    page.set_viewport_size(PHONE)
    page.goto("/ru/")
    box = page.get_by_role("searchbox", name="Поиск по сайту")
    if not box.is_visible():  # on a phone the menu, with the search box, opens first
        page.locator(".main-nav__toggle summary").click()
    box.fill(query)
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/ru/search/\?q="))
    group = page.locator(f"#{section}")
    expect(group).to_be_visible()
    link = group.get_by_role("link", name=re.compile(re.escape(title))).first
    expect(link).to_be_visible()
    shot(f"search-{section}")
    link.click()
    expect(page).to_have_url(re.compile(address))
    expect(page.locator("h1")).to_contain_text(title)
