"""The memory archive in a real browser: a visitor on a phone tells the story of a relative who is
not in the archive yet (past the namesakes offered first), with a photo; confirms the address
from the e-mail; a memory moderator approves the story in the admin queue; anyone then finds the
person by a misspelt Latin name and prints a placard. The search's filters work without
JavaScript, and a mistake on a card can be reported with the keyboard alone."""

import re
from pathlib import Path

from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from sovet.accounts.roles import Role
from sovet.core.models import Region
from sovet.core.testing import make_staff
from sovet.memory import services
from sovet.memory.models import (
    CardReport,
    CardStatus,
    ReportReason,
    Story,
    StoryStatus,
    WarParticipant,
)
from sovet.memory.notifications import SUBJECTS

ARTIFACTS = Path(__file__).parent / "artifacts"
PHONE = {"width": 390, "height": 844}

# The person of the story: invented, and not in the demo. His brother is in the archive already,
# so the visitor is first offered a namesake.
SURNAME, GIVEN, PATRONYMIC, BORN = "Тимофеев", "Ерофей", "Кузьмич", "1919"
FULL_NAME = f"{SURNAME} {GIVEN} {PATRONYMIC}"
BROTHER = f"{SURNAME} Ефим {PATRONYMIC}"
STORY_TITLE = "Письма с Волховского фронта"
STORY_TEXT = (
    "Дедушка ушёл на фронт из Токмока в 1941 году.\n\n"
    "Его письма с Волховского фронта бабушка хранила в жестяной коробке до конца жизни."
)
CAPTION = "Ерофей Кузьмич с сослуживцами, 1943"
SUBMITTER = "timofeeva.olga@example.org"
MODERATOR = "memory.moderator@example.org"
# An address from an e-mail: the site's address in it is settings.SITE_URL, not the live
# server's, so only the path is kept.
URL_PATH = r"https?://[^/\s]+(/ru/memory/{}/)"


def ru(message: str) -> str:
    """A source string as the Russian pages show it (the English one until it is translated)."""
    with translation.override("ru"):
        return gettext(message)


def path_in(message, route: str) -> str:
    found = re.search(URL_PATH.format(route), message.body)
    assert found, message.body
    return found.group(1)


def archive_search(page):
    """The archive's search form (the site's header has a search form too)."""
    return page.get_by_role("search", name=ru("Search the memory archive"))


def mails_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def jpeg(path: Path) -> Path:
    """A small photo, as a phone would send it."""
    image = Image.new("RGB", (320, 400), (150, 120, 90))
    ImageDraw.Draw(image).rectangle((80, 60, 240, 220), fill=(70, 55, 40))
    image.save(path, "JPEG", quality=85)
    return path


def publish(surname, given, patronymic, born, **fields) -> WarParticipant:
    return services.card_save(
        card=WarParticipant(
            surname=surname,
            given_name=given,
            patronymic=patronymic,
            birth_date=born,
            status=CardStatus.PUBLISHED,
            **{"fate": "returned", "category": "front_line", **fields},
        )
    )


def test_story_from_a_phone_is_moderated_found_and_printed(
    page, new_page, shot_of, sign_in_staff, tmp_path
):
    brother = publish(SURNAME, "Ефим", PATRONYMIC, "1921", rank="сержант")
    make_staff(MODERATOR, Role.MEMORY_MODERATOR)

    # --- A visitor on a phone: the archive, then "Tell the story of your relative".
    phone = new_page(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    phone.goto("/ru/memory/")
    expect(archive_search(phone)).to_be_visible()
    phone.locator('main a[href$="/memory/stories/new/"]').click()
    expect(phone).to_have_url(re.compile(r"/ru/memory/stories/new/$"))
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        ru("Tell a story about a participant of the war")
    )
    shot_of(phone, "1-who")

    # Step 1: who the story is about. The archive has his brother: a possible duplicate.
    phone.locator("#id_surname").fill(SURNAME)
    phone.locator("#id_given_name").fill(GIVEN)
    phone.locator("#id_patronymic").fill(PATRONYMIC)
    phone.locator("#id_birth_year").fill(BORN)
    phone.locator("main form").get_by_role("button", name=ru("Continue")).click()
    expect(phone).to_have_url(re.compile(r"/stories/new/\?.*surname="))
    candidates = phone.get_by_role("region", name=ru("Is it one of these people?"))
    expect(candidates.get_by_role("listitem")).to_have_count(1)
    expect(candidates.get_by_role("listitem")).to_contain_text(BROTHER)
    expect(candidates.get_by_role("link", name=ru("Tell about this person"))).to_have_attribute(
        "href", re.compile(rf"/ru/memory/{brother.pk}/stories/new/$")
    )
    shot_of(phone, "2-possible-duplicates")
    candidates.get_by_role("link", name=ru("None of these — a new person")).click()

    # Step 2: the new person's card, prefilled with what was typed, and the story.
    expect(phone).to_have_url(re.compile(r"new=1"))
    expect(phone.locator("#id_surname")).to_have_value(SURNAME)
    expect(phone.locator("#id_given_name")).to_have_value(GIVEN)
    expect(phone.locator("#id_patronymic")).to_have_value(PATRONYMIC)
    expect(phone.locator("#id_birth_date")).to_have_value(BORN)
    # Still reminded of the namesake, in case he is the one after all.
    reminder = phone.get_by_role("region", name=ru("The archive already has people of this name"))
    expect(reminder).to_contain_text(BROTHER)
    phone.locator("#id_birth_place").fill("с. Ивановка, Чуйская область")
    phone.locator("#id_conscription_place").fill("Токмокский РВК")
    phone.locator("#id_rank").fill("рядовой")
    phone.locator("#id_fate").select_option("returned")
    phone.locator("#id_category").select_option("front_line")
    phone.locator("#id_region").select_option(str(Region.objects.get(code="chui").pk))
    phone.locator("#id_title").fill(STORY_TITLE)
    phone.locator("#id_text").fill(STORY_TEXT)
    phone.locator("#id_signature").fill("внучка Ольга")
    phone.locator("#id_relation").select_option("grandchild")
    phone.locator("#id_photo_1").set_input_files(jpeg(tmp_path / "timofeev.jpg"))
    phone.locator("#id_caption_1").fill(CAPTION)
    phone.locator("#id_submitter_name").fill("Ольга Тимофеева")
    phone.locator("#id_submitter_email").fill(SUBMITTER)
    phone.locator("#id_consent").check()
    shot_of(phone, "3-story")
    phone.locator("main form").get_by_role("button", name=ru("Send the story")).click()

    # Sent: the address has to be confirmed first.
    expect(phone.get_by_role("heading", level=1)).to_have_text(ru("Please confirm your e-mail"))
    expect(phone.get_by_role("status")).to_contain_text(SUBMITTER)
    shot_of(phone, "4-sent")
    story = Story.objects.get(submitter_email=SUBMITTER)
    card = story.participant
    assert (story.status, story.new_card) == (StoryStatus.UNCONFIRMED, True)
    assert (card.full_name, card.status) == (FULL_NAME, CardStatus.DRAFT)
    assert story.photos.count() == 1
    [confirm] = mails_to(SUBMITTER)
    assert confirm.subject == ru(str(SUBJECTS["confirm"]))
    assert FULL_NAME in confirm.body

    # The link in the letter asks for a button press (mail scanners open links too).
    phone.goto(path_in(confirm, r"stories/confirm/[\w-]+"))
    expect(phone.get_by_role("main")).to_contain_text(FULL_NAME)
    story.refresh_from_db()
    assert story.status == StoryStatus.UNCONFIRMED
    phone.get_by_role("button", name=ru("Confirm and send the story")).click()
    expect(phone).to_have_url(re.compile(rf"/ru/memory/stories/{story.token}/$"))
    expect(phone.get_by_role("heading", level=1)).to_have_text(ru("Your story"))
    expect(phone.locator("main dl")).to_contain_text(ru(str(StoryStatus.SUBMITTED.label)))
    expect(phone.get_by_role("main").get_by_role("status").last).to_contain_text(
        ru("The moderators will read your story and write to you. Thank you for your patience.")
    )
    shot_of(phone, "5-status-submitted")
    assert [m.subject for m in mails_to(SUBMITTER)][1:] == [ru(str(SUBJECTS["received"]))]
    # Not public before a moderator's decision.
    assert phone.request.get(f"/ru/memory/{card.pk}/").status == 404

    # --- The memory moderator: the queue, the story, Approve.
    sign_in_staff(page, MODERATOR)
    page.goto("/admin/memory/queue/")
    row = page.locator("table.listing tbody tr", has_text=FULL_NAME)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(STORY_TITLE)
    expect(row.locator("td").nth(1)).to_contain_text(ru("New person"))
    expect(row.locator("td").nth(3)).to_have_text("1")  # photos
    shot_of(page, "6-queue")
    row.get_by_role("link", name=re.compile(FULL_NAME)).click()

    expect(page).to_have_url(re.compile(rf"/admin/memory/stories/{story.pk}/"))
    expect(page.locator(".memory-story-text")).to_contain_text("жестяной коробке")
    expect(page.locator("#story-heading")).to_have_text(STORY_TITLE)
    expect(page.locator(".memory-photos img")).to_have_count(1)
    duplicates = page.locator("section", has=page.locator("#duplicates-heading"))
    expect(duplicates).to_contain_text(BROTHER)
    shot_of(page, "7-review")
    approve = page.locator("form", has=page.locator('input[name="action"][value="approve"]'))
    approve.locator('button[type="submit"]').click()

    # On to the next story in the queue, with the decision confirmed.
    expect(page).not_to_have_url(re.compile(rf"/admin/memory/stories/{story.pk}/"))
    expect(page.locator(".messages")).to_contain_text(FULL_NAME)
    shot_of(page, "8-approved")
    story.refresh_from_db()
    card.refresh_from_db()
    assert story.status == StoryStatus.PUBLISHED
    assert card.status == CardStatus.PUBLISHED
    assert card.has_photo

    # The submitter is told, with the card's address.
    published = mails_to(SUBMITTER)[-1]
    assert published.subject == ru(str(SUBJECTS["published"]))
    assert path_in(published, r"\d+") == f"/ru/memory/{card.pk}/"
    phone.goto(f"/ru/memory/stories/{story.token}/")
    expect(phone.locator("main dl")).to_contain_text(ru(str(StoryStatus.PUBLISHED.label)))
    expect(phone.locator("main dl").get_by_role("link", name=FULL_NAME)).to_be_visible()

    # --- Anyone: the name misspelt in Latin letters finds him first, above his brother.
    visitor = new_page()
    visitor.goto("/ru/memory/")
    search = archive_search(visitor)
    search.locator("#id_q").fill("Timofejev Jerofej")
    search.locator('button[type="submit"]').click()
    expect(visitor).to_have_url(re.compile(r"q=Timofejev\+Jerofej"))
    results = visitor.locator("ul.search-results > li")
    expect(results).to_have_count(2)
    expect(results.first.get_by_role("link")).to_have_text(FULL_NAME)
    expect(results.nth(1).get_by_role("link")).to_have_text(BROTHER)
    # His photo is in the results.
    expect(results.first.locator("img.people__photo")).to_have_count(1)
    shot_of(visitor, "9-found")
    results.first.get_by_role("link").click()

    # His page: the facts, the story and the photo.
    expect(visitor).to_have_url(re.compile(rf"/ru/memory/{card.pk}/$"))
    expect(visitor.get_by_role("heading", level=1)).to_have_text(FULL_NAME)
    stories = visitor.locator("article.story")
    expect(stories).to_have_count(1)
    expect(stories.get_by_role("heading", level=3)).to_have_text(STORY_TITLE)
    expect(stories).to_contain_text("жестяной коробке")
    expect(stories).to_contain_text("внучка Ольга")
    expect(visitor.get_by_role("main")).not_to_contain_text(SUBMITTER)
    photo = visitor.locator(".gallery figure")
    expect(photo).to_have_count(1)
    expect(photo.get_by_role("img", name=CAPTION)).to_have_attribute(
        "src", re.compile(r"^/media/.+")
    )
    expect(photo.locator("figcaption")).to_have_text(CAPTION)
    for link in (photo.get_by_role("img"), photo.get_by_role("link")):
        address = link.get_attribute("src") or link.get_attribute("href")
        image = visitor.request.get(address)
        assert image.ok and image.headers["content-type"].startswith("image/"), address
    shot_of(visitor, "10-person")

    # The placard for the march: the name, and a QR code of the card's address.
    visitor.locator(f'a[href$="/ru/memory/{card.pk}/placard/"]').click()
    expect(visitor).to_have_url(re.compile(rf"/ru/memory/{card.pk}/placard/$"))
    placard = visitor.locator("article.placard")
    expect(placard.locator(".placard__surname")).to_have_text(SURNAME)
    expect(placard.locator(".placard__given")).to_have_text(f"{GIVEN} {PATRONYMIC}")
    expect(placard.locator(".placard__years")).to_have_text(re.compile(r"^1919"))
    expect(placard.locator(".placard__rank")).to_have_text("рядовой")
    expect(placard.locator("svg")).to_have_count(1)
    expect(placard.locator("svg")).to_be_visible()
    expect(placard).to_contain_text(f"/ru/memory/{card.pk}/")
    shot_of(visitor, "11-placard")

    pdf_link = visitor.locator('a[type="application/pdf"][href$="size=a4"]')
    expect(pdf_link).to_have_count(1)
    response = visitor.request.get(pdf_link.get_attribute("href"))
    assert response.ok, response.status
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


def test_filters_without_javascript_and_a_report_by_keyboard(page, new_page, shot_of):
    chui, talas = Region.objects.get(code="chui"), Region.objects.get(code="talas")
    erofey = publish(SURNAME, GIVEN, PATRONYMIC, BORN, region=chui, fate="killed",
                     rank="рядовой")  # fmt: skip
    publish(SURNAME, "Ефим", PATRONYMIC, "1921", region=chui, fate="returned", rank="сержант")
    publish(SURNAME, "Егор", PATRONYMIC, "1925", region=talas, fate="returned", rank="рядовой")

    # Without JavaScript: a Latin name, then filters; each choice tells how many it leaves.
    no_js = new_page(java_script_enabled=False)
    no_js.goto("/ru/memory/?q=Timofeev")
    search = archive_search(no_js)
    results = no_js.locator("ul.search-results > li")
    expect(results).to_have_count(3)
    region = search.locator("#id_region")
    expect(region.locator('option[value="chui"]')).to_have_text(re.compile(r"\(2\)$"))
    expect(region.locator('option[value="talas"]')).to_have_text(re.compile(r"\(1\)$"))
    region.select_option("chui")
    search.locator("#id_born_to").fill("1920")
    shot_of(no_js, "1-filters")
    search.locator('button[type="submit"]').click()

    expect(no_js).to_have_url(re.compile(r"region=chui"))
    expect(results).to_have_count(1)
    expect(results.get_by_role("link")).to_have_text(FULL_NAME)
    # The filters stay as chosen, and the counts follow them.
    expect(search.locator("#id_q")).to_have_value("Timofeev")
    expect(search.locator("#id_region")).to_have_value("chui")
    expect(search.locator("#id_born_to")).to_have_value("1920")
    expect(search.locator('#id_fate option[value="killed"]')).to_have_text(re.compile(r"\(1\)$"))
    expect(search.locator('#id_fate option[value="returned"]')).to_have_count(0)
    shot_of(no_js, "2-filtered")
    # A filter no card passes: nobody, said so.
    search.locator("#id_fate").select_option("")
    search.locator("#id_born_from").fill("1930")
    search.locator('button[type="submit"]').click()
    expect(results).to_have_count(0)
    expect(no_js.get_by_role("status")).to_have_text(
        ru("Nobody was found. Try another spelling, or only the surname.")
    )

    # By keyboard only: from the card to the report form, a reason, details, send.
    page.goto(f"/ru/memory/{erofey.pk}/")
    report_link = page.locator(f'a[href$="/ru/memory/{erofey.pk}/report/"]')
    report_link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/ru/memory/{erofey.pk}/report/$"))
    form = page.locator("main form")
    radios = form.locator('input[name="reason"]')
    expect(radios).to_have_count(len(ReportReason.choices))
    radios.first.focus()
    page.keyboard.press("Space")
    expect(radios.first).to_be_checked()
    page.keyboard.press("ArrowDown")  # the next reason: the same person has another card
    expect(form.locator('input[name="reason"][value="duplicate"]')).to_be_checked()
    expect(form.locator('input[name="reason"][value="duplicate"]')).to_be_focused()
    page.keyboard.press("Tab")
    expect(form.locator('textarea[name="message"]')).to_be_focused()
    page.keyboard.type("Это тот же человек, что и карточка Тимофеева Е. К. 1921 года.")
    page.keyboard.press("Tab")
    expect(form.locator('input[name="email"]')).to_be_focused()
    page.keyboard.type("reader@example.org")
    page.keyboard.press("Tab")
    expect(form.locator('button[type="submit"]')).to_be_focused()
    shot_of(page, "3-report-by-keyboard")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/report/\?sent=1$"))
    expect(page.get_by_role("status")).to_have_text(
        ru("Thank you! The moderators of the memory archive will check the card.")
    )
    shot_of(page, "4-report-sent")
    report = CardReport.objects.get(participant=erofey)
    assert (report.reason, report.email) == (ReportReason.DUPLICATE, "reader@example.org")
    assert "1921" in report.message
    [notice] = [m for m in mail.outbox if "reader@example.org" not in m.to]
    assert FULL_NAME in notice.subject
    assert "1921" in notice.body
