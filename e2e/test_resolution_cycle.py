"""The resolution's cycle closed, in a real browser: the secretary imports a resolution whose
decision names its own deadline, assigns it; the organization's editor gets the reminder, reports;
the secretary asks for more, the editor answers, the secretary accepts; the decision's public page
shows the report's history and the period report counts it."""

import re
import time
from datetime import timedelta
from urllib.parse import urlsplit

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from sovet.accounts.demo import DEMO_ADMIN_EMAIL
from sovet.conferences.followup import services as followup
from sovet.conferences.models import Decision
from sovet.organizations.demo import DEMO_EDITOR_EMAIL

MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
          "октября", "ноября", "декабря"]  # fmt: skip
ORGANIZATION = "Союз соотечественниц Кыргызстана"


def resolution(due) -> str:
    deadline = f"{due.day} {MONTHS[due.month - 1]} {due.year} года"
    return f"""РЕЗОЛЮЦИЯ
XIV страновой конференции российских соотечественников
«Вместе в будущее»

Делегаты конференции ПОСТАНОВИЛИ:

1. Поддержать создание клубов русского языка в регионах.
2. Провести фестиваль «Славянский венок» в Оше до {deadline}.
3. Выразить благодарность партнёрам.

г. Ош, 5 апреля {due.year - 1} г.
"""


def letters_to(address: str, count: int, timeout: float = 5.0) -> list:
    """The letters to an address, waiting briefly until there are ``count`` of them (a letter
    goes from a task once the request's transaction has committed)."""
    deadline = time.monotonic() + timeout
    while True:
        found = [message for message in mail.outbox if message.to == [address]]
        if len(found) >= count or time.monotonic() > deadline:
            assert len(found) >= count, [message.subject for message in mail.outbox]
            return found
        time.sleep(0.05)


def admin_path(letter) -> str:
    """The admin link a letter carries, as a path (letters name the production site)."""
    address = urlsplit(re.search(r"https?://\S+/admin/\S+", letter.body)[0])
    return address.path + (f"?{address.query}" if address.query else "")


def test_a_deadline_read_chased_reported_reviewed_and_counted(
    page, new_page, shot, shot_of, sign_in_demo
):
    due = timezone.localdate() + timedelta(days=10)

    # The secretary imports the text: the preview shows the deadline read from decision 2.
    sign_in_demo(page, DEMO_ADMIN_EMAIL)
    page.goto("/admin/conferences/import/")
    page.locator('textarea[name="text"]').fill(resolution(due))
    page.locator('button[name="check"]').click()
    expect(page.locator('input[name="due-2"]')).to_have_value(due.strftime("%d.%m.%Y"))
    shot("import-preview-with-deadline")
    page.locator('button[name="confirm"]').click()
    expect(page).to_have_url(re.compile(r"/admin/conferences_decision/"))
    decision = Decision.objects.get(resolution__conference__number=14, number=2)
    assert decision.due.latest() == due

    # …and assigns it to the Union of Women Compatriots.
    page.goto(f"/admin/conferences_decision/edit/{decision.pk}/")
    page.get_by_label(re.compile(ORGANIZATION)).check()
    page.get_by_role("button", name=re.compile(r"^(Save|Сохранить)")).first.click()
    expect(page).to_have_url(re.compile(r"/admin/conferences_decision/$"))
    page.context.clear_cookies()

    # The periodic task runs: ten days before the deadline the editor is reminded.
    mail.outbox.clear()
    assert followup.reminders_send() == 1
    assert followup.reminders_send() == 0  # a repeated run sends nothing
    [reminder] = letters_to(DEMO_EDITOR_EMAIL, 1)
    assert "Славянский венок" in reminder.body

    # The editor follows the letter's link and reports.
    sign_in_demo(page, DEMO_EDITOR_EMAIL)
    page.goto(admin_path(reminder))
    page.locator('textarea[name="text"]').fill("Фестиваль подготовлен: площадка и участники.")
    page.locator('input[name="progress"]').fill("60")
    page.get_by_role("button", name=re.compile("Отправить отчёт|Send the report")).click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.context.clear_cookies()

    # The secretary asks for more from the list of reports waiting.
    sign_in_demo(page, DEMO_ADMIN_EMAIL)
    page.goto("/admin/conferences/reports/waiting/")
    page.locator("tr", has_text="Славянский венок").locator("a[href*='/review/']").click()
    page.locator("textarea").first.fill("Сколько участников и из каких городов?")
    page.locator('button[name="ask_more"]').click()
    shot("secretary-asked-more")
    page.context.clear_cookies()
    question = letters_to(DEMO_EDITOR_EMAIL, 2)[1]
    assert "Сколько участников и из каких городов?" in question.body

    # The editor answers on the report screen the letter links to.
    sign_in_demo(page, DEMO_EDITOR_EMAIL)
    page.goto(admin_path(question))
    expect(page.locator("main")).to_contain_text("Сколько участников и из каких городов?")
    page.locator("form", has=page.locator('button[name="answer"]')).locator("textarea").fill(
        "Около 400 участников из Оша, Бишкека и Джалал-Абада."
    )
    page.locator('button[name="answer"]').click()
    shot("editor-answered")
    page.context.clear_cookies()

    # The secretary accepts it.
    sign_in_demo(page, DEMO_ADMIN_EMAIL)
    page.goto("/admin/conferences/reports/waiting/")
    page.locator("tr", has_text="Славянский венок").locator("a[href*='/review/']").click()
    page.locator('button[name="accept"]').click()

    # The decision's public page: the report and its history, step by step.
    public = new_page()  # a visitor, signed in nowhere
    public.goto("/ru/conferences/xiv/2/")
    expect(public.locator("main h1")).to_contain_text("2")
    expect(public.locator("main")).to_contain_text("Фестиваль подготовлен: площадка и участники.")
    expect(public.locator(".report-history li")).to_have_count(4)
    expect(public.locator("main")).to_contain_text("60")
    shot_of(public, "decision-page")

    # The period report counts it under its decision.
    page.goto("/admin/conferences_resolution/")
    page.get_by_role("link", name=re.compile("XIV")).first.click()
    expect(page.locator("body")).to_contain_text("Фестиваль подготовлен: площадка и участники.")
    shot("period-report")
