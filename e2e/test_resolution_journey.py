"""The loop of a resolution in a real browser: the secretary imports the adopted text and assigns
a decision; the organization's editor reports on it; the public progress page shows the report."""

import re

from playwright.sync_api import expect

from sovet.accounts.demo import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD
from sovet.organizations.demo import DEMO_EDITOR_EMAIL

RESOLUTION = """# РЕЗОЛЮЦИЯ
XIV страновой конференции российских соотечественников
«Вместе в будущее»

Делегаты конференции ПОСТАНОВИЛИ:

1. Поддержать создание клубов русского языка в регионах.
2. Провести фестиваль «Славянский венок» в Оше.
3. Выразить благодарность партнёрам.

Принято 5 апреля 2024 года, г. Ош
"""


def sign_in(page, email, enter_demo_code):
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    form = page.locator("form", has=page.locator('input[name="password"]'))
    form.locator('input[name="login"]').fill(email)
    form.locator('input[name="password"]').fill(DEMO_ADMIN_PASSWORD)
    form.locator('button[type="submit"]').click()
    enter_demo_code(page, email)
    expect(page).to_have_url(re.compile(r"/admin/$"))


def sign_out(page):
    page.context.clear_cookies()


def test_secretary_imports_assigns_editor_reports_public_sees(page, shot, enter_demo_code):
    sign_in(page, DEMO_ADMIN_EMAIL, enter_demo_code)
    page.goto("/admin/conferences/import/")
    page.locator('textarea[name="text"]').fill(RESOLUTION)
    page.locator('button[name="check"]').click()
    expect(page.locator("table.listing tbody tr")).to_have_count(3)
    shot("import-preview")
    page.locator('button[name="confirm"]').click()
    expect(page).to_have_url(re.compile(r"/admin/conferences_decision/"))
    shot("decisions")

    # Assign decision 2 (the festival in Osh) to the Union of Women Compatriots.
    page.get_by_role("link", name=re.compile("Решение 2|Decision 2")).first.click()
    expect(page).to_have_url(re.compile(r"/edit/\d+/"))
    page.get_by_label(re.compile("Союз соотечественниц Кыргызстана")).check()
    page.locator('input[name="due"]').fill("12.2024")
    page.get_by_role("button", name=re.compile(r"^(Save|Сохранить)")).first.click()
    expect(page).to_have_url(re.compile(r"/admin/conferences_decision/$"))
    sign_out(page)

    # The editor of that organization finds it on the dashboard, overdue, and reports.
    sign_in(page, DEMO_EDITOR_EMAIL, enter_demo_code)
    panel = page.locator(
        "section", has_text=re.compile("Что ожидается от нас|What is expected of us")
    )
    expect(panel).to_contain_text("Провести фестиваль «Славянский венок» в Оше.")
    shot("editor-dashboard")
    panel.locator("tr", has_text="Славянский венок").get_by_role("link").click()
    page.locator('textarea[name="text"]').fill(
        "Фестиваль прошёл 1 июня, 400 участников из пяти городов."
    )
    page.locator('input[name="progress"]').fill("100")
    page.locator("form").get_by_role("button", name=re.compile("Отправить|Send")).click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    sign_out(page)

    # The secretary accepts the report: only accepted reports are public.
    sign_in(page, DEMO_ADMIN_EMAIL, enter_demo_code)
    page.goto("/admin/conferences_report_admin/")
    page.locator("table.listing tbody tr", has_text="Союз соотечественниц").first.get_by_role(
        "link"
    ).first.click()
    page.locator('select[name="status"]').select_option("accepted")
    page.get_by_role("button", name=re.compile(r"^(Save|Сохранить)")).first.click()
    expect(page).to_have_url(re.compile(r"/admin/conferences_report_admin/$"))
    sign_out(page)

    # The public progress page of the XIV conference shows the report.
    page.goto("/ru/conferences/xiv/")
    expect(page.locator("main h1")).to_contain_text("XIV")
    decision = page.locator("#decision-2")
    expect(decision).to_contain_text("100%")
    decision.locator("summary").click()
    expect(decision).to_contain_text("Фестиваль прошёл 1 июня, 400 участников из пяти городов.")
    shot("public-progress")
