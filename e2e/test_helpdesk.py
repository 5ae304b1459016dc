"""The help desk's main journey (issue 17): a visitor on a phone asks the Bishkek centre with a
phone number only, gets a reference number and follows the private link; a Bishkek consultant
takes the request, writes an internal note and an answer; the visitor sees the answer (never the
note) and replies with a photo of a document."""

import io
import re

from django.utils import translation
from django.utils.translation import gettext
from PIL import Image
from playwright.sync_api import expect

from sovet.accounts.roles import Role
from sovet.core.testing import make_staff
from sovet.helpdesk.models import Centre, CentreMember, HelpRequest, MessageKind, Status

CONSULTANT = "consultant.bishkek@example.org"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
QUESTION = "Как встать на миграционный учёт в Бишкеке? Приехал из Томска, работаю по договору."
NOTE = "Внутреннее: уточнить у юриста срок регистрации"
ANSWER = "Здравствуйте! Встать на учёт нужно в течение 10 дней. Пришлите копию договора."


def ru(message: str) -> str:
    with translation.override("ru"):
        return gettext(message)


def photo_of_a_document() -> dict:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "white").save(buffer, "JPEG")
    return {"name": "dogovor.jpg", "mimeType": "image/jpeg", "buffer": buffer.getvalue()}


def test_a_visitor_asks_from_a_phone_and_follows_the_answer(page, new_page, shot_of, sign_in_staff):
    consultant = make_staff(CONSULTANT, Role.HELPDESK_STAFF)
    CentreMember.objects.create(centre=Centre.objects.get(code="bishkek"), user=consultant)
    phone = new_page(**PHONE)

    # --- The visitor: the help desk, the form, a phone number only.
    phone.goto("/ru/help/")
    phone.get_by_role("link", name=ru("Ask a question")).first.click()
    phone.get_by_label(ru("Migration and registration")).check()
    phone.get_by_label(ru("Your question")).fill(QUESTION)
    phone.get_by_label(ru("Where do you live? (optional)")).select_option(label="г. Бишкек")
    phone.get_by_label(ru("Your phone")).fill("0555 123 456")
    consent = ru(
        "I agree that the legal-aid centre processes the personal data in this request to "
        "answer it. Only the centre's staff read it; I can download or erase it at any time."
    )
    phone.get_by_label(consent).check()
    shot_of(phone, "1-form")
    phone.get_by_role("button", name=ru("Send the request")).click()

    expect(phone).to_have_url(re.compile(r"/ru/help/r/[\w-]{40,}/$"))
    help_request = HelpRequest.objects.get(description=QUESTION)
    assert help_request.reference.startswith("Б-")
    assert (help_request.email, help_request.phone) == ("", "+996555123456")
    expect(phone.get_by_role("heading", level=1)).to_contain_text(help_request.reference)
    status_url = phone.url
    shot_of(phone, "2-sent")

    # --- The consultant: the queue, the request, "take it", a note, an answer.
    sign_in_staff(page, CONSULTANT)
    page.goto("/admin/helpdesk/?tab=new")
    page.get_by_role("link", name=help_request.reference).click()
    expect(page.get_by_text(QUESTION)).to_be_visible()
    page.get_by_role("button", name=ru("Take it")).click()
    page.get_by_role("textbox", name=ru("Internal note")).fill(NOTE)
    page.get_by_role("button", name=ru("Add the note")).click()
    expect(page.get_by_text(NOTE)).to_be_visible()
    page.get_by_role("textbox", name=ru("Answer")).fill(ANSWER)
    page.get_by_role("button", name=ru("Send the answer")).click()
    expect(page.get_by_text(ru("The answer is sent."))).to_be_visible()
    shot_of(page, "3-answered")
    help_request.refresh_from_db()
    assert help_request.assignee == consultant and help_request.status == Status.ANSWERED
    assert help_request.first_answered_at is not None

    # --- The visitor again: the answer, never the note; a reply with a photo.
    phone.goto(status_url)
    expect(phone.get_by_text(ANSWER)).to_be_visible()
    expect(phone.get_by_text(NOTE)).to_have_count(0)
    phone.get_by_label(ru("Your message")).fill("Спасибо! Договор прилагаю.")
    phone.locator('input[type="file"]').set_input_files(photo_of_a_document())
    phone.get_by_role("button", name=ru("Send"), exact=True).click()
    expect(phone.get_by_text("Спасибо! Договор прилагаю.")).to_be_visible()
    expect(phone.get_by_role("link", name="dogovor.jpg")).to_be_visible()
    shot_of(phone, "4-replied")
    reply = help_request.messages.get(kind=MessageKind.REQUESTER)
    assert reply.attachments.get().name == "dogovor.jpg"
    help_request.refresh_from_db()
    assert help_request.status == Status.IN_PROGRESS  # back with the centre
