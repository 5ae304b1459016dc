"""Memorial places in a real browser: a visitor on a phone finds a monument on the map and the
list, reports damage with a photo and the phone's location, and follows the report at its private
address; the editor of the organization that looks after the monument finds the report in the
admin, takes it up, records an inspection, and the monument's marker on the map changes colour.
The list works without JavaScript."""

import re
from datetime import date
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from sovet.accounts.roles import Role
from sovet.core.testing import make_staff
from sovet.organizations.tests.factories import make_editor
from sovet.places.models import Condition, MemorialPlace, PlaceReport, ReportStatus

PLACE = "Вечный огонь, Нарын"  # demo: needs repair, looked after by the Union of Women Compatriots
EDITOR = "caretaker.editor@example.org"
REPORTER = "aibek.reporter@example.org"
DAMAGE = "Ночью упала одна из гранитных плит постамента, рядом осколки."
NOTES = "Плита упала, постамент треснул: нужен срочный ремонт."
TILE = "/static/places/blank-tile.png"  # served by the site: no outside network in tests
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    # Standing by the monument.
    "geolocation": {"latitude": 41.42875, "longitude": 75.99105, "accuracy": 12},
    "permissions": ["geolocation"],
}
# map.js's colours for the conditions.
COLOURS = {
    Condition.GOOD: "#1e7b34",
    Condition.NEEDS_REPAIR: "#b25e00",
    Condition.CRITICAL: "#a3231b",
}


def ru(message: str) -> str:
    with translation.override("ru"):
        return gettext(message)


def jpeg(path: Path) -> Path:
    image = Image.new("RGB", (480, 640), (120, 120, 125))
    ImageDraw.Draw(image).polygon([(60, 500), (420, 460), (400, 600)], fill=(60, 60, 65))
    image.save(path, "JPEG", quality=85)
    return path


def marker_colour(page, place_pk: int) -> str:
    """The fill colour of the place's marker on the list page's map."""
    expect(page.locator("#places-map")).to_have_attribute("data-complete", "true")
    return page.evaluate(
        "(pk) => document.getElementById('places-map').placesMap.markerFor(pk).options.fillColor",
        place_pk,
    )


def test_damage_reported_from_a_phone_is_inspected_and_recolours_the_marker(
    page, new_page, shot_of, sign_in_staff, settings, tmp_path
):
    settings.MAP_TILE_URL = TILE
    place = MemorialPlace.objects.get(name_ru=PLACE)
    assert place.condition == Condition.NEEDS_REPAIR
    editor = make_staff(EDITOR, Role.ORGANIZATION_EDITOR)
    make_editor(place.caretaker, editor)

    # --- A visitor on a phone: the map shows the monument in the colour of "needs repair".
    phone = new_page(**PHONE)
    phone.goto("/ru/memory/places/")
    assert marker_colour(phone, place.pk) == COLOURS[Condition.NEEDS_REPAIR]
    shot_of(phone, "1-map")

    # The list below the map finds it by name.
    phone.get_by_label(ru("Name"), exact=True).fill("огонь")
    phone.get_by_role("button", name=ru("Show"), exact=True).click()
    phone.get_by_role("link", name=PLACE).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(PLACE)
    phone.get_by_role("link", name=ru("Report a problem")).click()

    # The report: what happened and a photo. A listed place is not asked where it is: the report
    # takes the place's own coordinates (issue 15).
    phone.get_by_label(ru("Damage")).check()
    phone.get_by_label(ru("What did you see?")).fill(DAMAGE)
    phone.get_by_label(ru("Photo (optional)")).set_input_files(jpeg(tmp_path / "plate.jpg"))
    expect(phone.get_by_label(ru("Latitude"))).to_have_count(0)
    expect(phone.get_by_role("button", name=ru("Use my location"))).to_have_count(0)
    phone.get_by_label(ru("Your e-mail")).fill(REPORTER)
    shot_of(phone, "2-report")
    phone.get_by_role("button", name=ru("Send the report")).click()

    # The private page of the report: its status, not indexed, not shared.
    expect(phone.get_by_role("heading", level=1)).to_have_text(ru("Your report"))
    expect(phone.get_by_text(ru("This page is private: do not share its address."))).to_be_visible()
    private_url = phone.url
    report = PlaceReport.objects.get(reporter_email=REPORTER)
    assert report.place == place and report.status == ReportStatus.NEW
    assert report.image and (report.latitude, report.longitude) == (place.latitude, place.longitude)
    shot_of(phone, "3-sent")

    # --- The caretaker's editor: the report in the admin.
    sign_in_staff(page, EDITOR)
    page.get_by_role("link", name=ru("Reports about places"), exact=True).click()
    page.get_by_role("link", name=report.get_kind_display()).first.click()
    expect(page.get_by_text(DAMAGE)).to_be_visible()
    expect(page.get_by_role("img", name=ru("The visitor’s photo"))).to_be_visible()
    shot_of(page, "4-report-in-admin")
    page.get_by_label(ru("In progress")).check()
    page.get_by_label(ru("Note to the reporter")).fill("Выезжаем на место в субботу.")
    page.get_by_role("button", name=ru("Save and tell the reporter")).click()
    report.refresh_from_db()
    assert report.status == ReportStatus.IN_PROGRESS

    # The inspection on the spot: critical.
    page.get_by_role("link", name=ru("Record an inspection")).click()
    page.get_by_role("textbox", name=ru("date of inspection").capitalize()).fill(
        date.today().isoformat()
    )
    page.get_by_role("combobox", name=ru("condition").capitalize()).select_option(
        Condition.CRITICAL
    )
    page.get_by_role("textbox", name=ru("notes").capitalize()).fill(NOTES)
    shot_of(page, "5-inspection")
    page.locator("form button[type=submit]").last.click()
    expect(page.locator(".messages .success")).to_be_visible()
    place.refresh_from_db()
    assert place.condition == Condition.CRITICAL and place.inspected_on == date.today()

    # --- Back on the phone: the marker is red now, and the report's page says it is taken up.
    phone.goto("/ru/memory/places/")
    assert marker_colour(phone, place.pk) == COLOURS[Condition.CRITICAL]
    shot_of(phone, "6-map-after")
    phone.goto(private_url)
    expect(phone.get_by_text(ru("Your report is being dealt with."))).to_be_visible()
    expect(phone.get_by_text("Выезжаем на место в субботу.")).to_be_visible()


def test_the_list_filters_work_without_javascript(new_page, shot_of):
    browser_page = new_page(java_script_enabled=False)
    browser_page.goto("/ru/memory/places/")
    expect(browser_page.locator("#places-map")).to_have_count(0)
    browser_page.get_by_label(ru("Condition")).select_option(Condition.CRITICAL)
    browser_page.get_by_role("button", name=ru("Show"), exact=True).click()
    expect(browser_page).to_have_url(re.compile(r"condition=critical"))
    names = browser_page.locator("main h2 a, main h3 a").all_inner_texts()
    critical = set(
        MemorialPlace.objects.filter(condition=Condition.CRITICAL, status="published").values_list(
            "name_ru", flat=True
        )
    )
    assert critical and set(names) == critical
    shot_of(browser_page, "1-critical-only")
