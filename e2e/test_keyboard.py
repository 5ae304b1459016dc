"""The main journeys with the keyboard only: Tab, Shift+Tab, Enter, Space, arrows and typing, never
a click. A visitor skips to the content, searches the site from the home page and opens a result;
registers for an event from the calendar; tells a story about a participant of the war from his
card in the memory archive.

Every link, button and menu toggle the journey Tabs through must show where the focus is: an
outline on the element (or on its card, whose link lights up the whole card), never nothing.
Pages are opened by address only where a visitor would type or bookmark one (the site's sections).
"""

import re

from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from sovet.events.models import Registration
from sovet.memory.models import Story

# What has the focus: enough to name it in a failure, and whether it is seen.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const outlined = node => {
    if (!node) return false;
    const style = getComputedStyle(node);
    return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  };
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    path: el.pathname || "",
    text: (el.innerText || el.value || el.getAttribute("aria-label") || "").trim()
      .replace(/\\s+/g, " ").slice(0, 80),
    interactive: el.matches("a[href], button, summary, input[type=submit]"),
    seen: outlined(el) || outlined(el.closest(".card")),
  };
}"""
MAX_PRESSES = 120


def ru(message: str) -> str:
    with translation.override("ru"):
        return gettext(message)


def focused(page) -> dict | None:
    return page.evaluate(FOCUSED)


def tab_to(page, matches, *, key: str = "Tab", what: str = "") -> dict:
    """Press Tab (or Shift+Tab) until the focused element satisfies `matches` (a function of
    FOCUSED's dict, or a CSS selector); every link and button passed must show its focus."""
    if isinstance(matches, str):
        selector = matches
        matches = lambda _: page.evaluate(  # noqa: E731
            "selector => document.activeElement.matches(selector)", selector
        )
    unseen = []
    for _ in range(MAX_PRESSES):
        page.keyboard.press(key)
        element = focused(page)
        if element and element["interactive"] and not element["seen"]:
            unseen.append(element)
        if element and matches(element):
            assert not unseen, f"Focus not visible on: {unseen}"
            return element
    raise AssertionError(f"{what or matches} not reached with {MAX_PRESSES} presses of {key}")


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def test_skip_link_then_site_search_by_keyboard(page, shot):
    page.goto("/ru/")

    # The first Tab reaches "Skip to content", shown; Enter moves the focus to <main>.
    page.keyboard.press("Tab")
    skip = focused(page)
    assert skip["text"] == ru("Skip to content"), skip
    assert skip["seen"], skip
    expect(page.locator(".skip-link")).to_be_in_viewport()
    shot("skip-link")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/ru/#main$"))
    assert page.evaluate("document.activeElement.id") == "main"
    # From <main>, Tab goes on inside the content, not back to the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")

    # Back up with Shift+Tab to the header's search box (links and the menu passed on the way
    # show their focus), type, Enter.
    tab_to(page, "#site-search", key="Shift+Tab")
    page.keyboard.type("полк")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/ru/search/\?q=%D0%BF%D0%BE%D0%BB%D0%BA"))
    expect(page.locator(".search-summary")).to_be_visible()
    shot("results")

    # Tab to the first result and open it with Enter.
    result = tab_to(page, ".search-results a", what="a search result")
    assert result["path"]
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(result["path"]) + "$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_event_registration_by_keyboard(page, shot):
    # An upcoming event with open registration, found in the calendar.
    page.goto("/ru/events/")
    events = page.locator("main a[href]").evaluate_all(
        r"links => links.map(a => a.pathname).filter(path => /^\/ru\/events\/\d+\/$/.test(path))"
    )
    event_path = None
    for path in dict.fromkeys(events):
        page.goto(path)
        if page.locator("#registration form button[type=submit]").count():
            event_path = path
            break
    assert event_path, f"No event with open registration among {events}"

    # The visitor's journey: the calendar, Tab to the event, Enter.
    page.goto("/ru/events/")
    tab_to(page, lambda element: element["path"] == event_path, what=event_path)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(event_path) + "$"))

    type_into(page, "#id_name", "Айгуль Токтогулова")
    type_into(page, "#id_email", "aigul@example.org")
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    expect(page.locator("#id_consent")).to_be_checked()
    submit = tab_to(page, "#registration button[type=submit]")
    assert submit["seen"], submit
    shot("form")
    page.keyboard.press("Enter")

    registration = page.get_by_role("region", name=ru("Registration"))
    expect(registration.get_by_role("status")).to_be_visible()
    expect(registration).to_contain_text("aigul@example.org")
    shot("registered")
    assert Registration.objects.filter(
        email="aigul@example.org", event_id=int(event_path.strip("/").split("/")[-1])
    ).exists()


def test_story_about_a_participant_by_keyboard(page, shot):
    # The archive: Tab to the first card, Enter.
    page.goto("/ru/memory/")
    card = tab_to(
        page, lambda element: re.fullmatch(r"/ru/memory/\d+/", element["path"]), what="a card"
    )
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(card["path"]) + "$"))
    name = page.get_by_role("heading", level=1).inner_text()

    # "Add a story" on the card, Enter.
    tab_to(page, 'a[href$="/stories/new/"]')
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(card["path"]) + "stories/new/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        ru("Tell a story about a participant of the war")
    )

    type_into(page, "#id_title", "Письма с фронта")
    type_into(page, "#id_text", "Бабушка хранила его письма в жестяной коробке.")
    tab_to(page, "#id_relation")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_relation")).to_have_value("grandchild")
    type_into(page, "#id_submitter_name", "Ольга Тимофеева")
    type_into(page, "#id_submitter_email", "olga@example.org")
    # The consent, and for a person who may be alive, the family's agreement: Space ticks each.
    boxes = page.locator("main form input[type=checkbox]")
    for box_id in boxes.evaluate_all("boxes => boxes.map(box => box.id)"):
        tab_to(page, f"#{box_id}")
        page.keyboard.press("Space")
        expect(page.locator(f"#{box_id}")).to_be_checked()
    submit = tab_to(page, "main form button[type=submit]")
    assert submit["text"] == ru("Send the story"), submit
    shot("story")
    page.keyboard.press("Enter")

    # The story waits for the e-mail's confirmation: the page says so.
    expect(page.get_by_role("heading", level=1)).to_have_text(ru("Please confirm your e-mail"))
    expect(page.get_by_role("status")).to_contain_text("olga@example.org")
    shot("confirm")
    story = Story.objects.get(submitter_email="olga@example.org")
    assert story.participant.pk == int(card["path"].strip("/").split("/")[-1]), name
