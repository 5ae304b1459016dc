"""The staff desks in a real browser: an editor signs in from the site and is one click from the
report on an open decision of their organization; the secretary finds the report waiting on
their desk and accepts it."""

import re

from playwright.sync_api import expect

from sovet.accounts.demo import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD
from sovet.conferences.models import Decision, ProgressReport
from sovet.organizations.demo import DEMO_EDITOR_EMAIL
from sovet.organizations.models import Organization

ORGANIZATION = "Союз соотечественниц Кыргызстана"  # the demo editor's
DECISION = 8  # in progress, due in 2022: overdue
REPORT = "Провели встречу с предпринимателями Бишкека и Оша, подписаны два соглашения."
PHONE = {"width": 390, "height": 844}


def sign_in_from_the_site(page, email, enter_demo_code):
    """As a person does it: the site's "Sign in" link, the password, the authenticator's code.
    Returns the number of clicks it took."""
    page.goto("/ru/")
    page.get_by_role("link", name="Войти").first.click()
    form = page.locator("form", has=page.locator('input[name="password"]'))
    form.locator('input[name="login"]').fill(email)
    form.locator('input[name="password"]').fill(DEMO_ADMIN_PASSWORD)
    form.locator('button[type="submit"]').click()
    enter_demo_code(page, email)
    return 3


def assign_an_open_decision():
    decision = Decision.objects.get(number=DECISION, resolution__conference__number=12)
    decision.organizations.add(Organization.objects.get(name_ru=ORGANIZATION))
    return decision


def test_editor_reaches_the_report_form_from_the_desk(new_page, shot_of, enter_demo_code):
    decision = assign_an_open_decision()
    page = new_page(viewport=PHONE)
    clicks = sign_in_from_the_site(page, DEMO_EDITOR_EMAIL, enter_demo_code)

    # Signed in, the editor is on their desk (not on the account page), which names the
    # organization and marks the overdue decision.
    expect(page).to_have_url(re.compile(r"/admin/$"))
    panel = page.locator("section", has=page.get_by_role("heading", name="Что ожидается от нас"))
    expect(panel).to_contain_text(f"«{ORGANIZATION}»")
    row = panel.locator("tr", has_text=decision.text_ru[:40])
    expect(row).to_contain_text("Просрочено")
    shot_of(page, "editor-desk-phone")

    row.get_by_role("link", name="Отчитаться").click()
    clicks += 1
    assert clicks <= 4  # the site's "Sign in", two forms, then the report: three clicks of choice
    expect(page).to_have_url(re.compile(rf"/conferences/decisions/{decision.pk}/report/"))
    expect(page.locator('select[name="organization"] option:checked')).to_have_text(ORGANIZATION)
    page.locator('textarea[name="text"]').fill(REPORT)
    page.locator('input[name="progress"]').fill("60")
    shot_of(page, "report-form-phone")
    page.locator("form").get_by_role("button", name="Отправить отчёт").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    assert ProgressReport.objects.filter(decision=decision, text=REPORT).exists()


def test_secretary_sees_the_waiting_report_and_accepts_it(new_page, shot_of, enter_demo_code):
    decision = assign_an_open_decision()
    ProgressReport.objects.create(
        decision=decision,
        organization=Organization.objects.get(name_ru=ORGANIZATION),
        text=REPORT,
        progress=60,
    )
    waiting = ProgressReport.objects.filter(status="submitted").count()  # the demo's and ours
    page = new_page()
    sign_in_from_the_site(page, DEMO_ADMIN_EMAIL, enter_demo_code)
    expect(page).to_have_url(re.compile(r"/admin/$"))
    desk = page.locator("section.desk")
    line = desk.get_by_role("link", name=re.compile("Отчёты о выполнении ждут проверки"))
    expect(line.locator(".desk__count")).to_have_text(str(waiting))
    expect(desk.get_by_role("link", name=re.compile("Просроченные решения"))).to_be_visible()
    shot_of(page, "secretary-desk")

    # The line opens the reports waiting; the report is accepted on its review screen.
    line.click()
    rows = page.locator("table.listing tbody tr")
    expect(rows).to_have_count(waiting)
    ours = rows.filter(has_text=ORGANIZATION)
    expect(ours).to_have_count(1)
    ours.locator("a[href*='/review/']").click()
    expect(page.locator("main")).to_contain_text(REPORT)
    page.locator('button[name="accept"]').click()
    expect(page.locator(".messages, [role=status]").first).to_be_visible()

    # Back on the desk, one report fewer waits.
    page.goto("/admin/")
    line = page.locator("section.desk").get_by_role(
        "link", name=re.compile("Отчёты о выполнении ждут проверки")
    )
    expect(line.locator(".desk__count")).to_have_text(str(waiting - 1))
    shot_of(page, "secretary-desk-after")
    assert ProgressReport.objects.get(text=REPORT).status == "accepted"
