"""A conference at a glance, in a real browser: a visitor on a phone reads where the decisions
stand and opens one; the Council's secretary opens the period report from the resolution's page
and changes its period."""

import re

from playwright.sync_api import expect

from sovet.accounts.roles import Role
from sovet.core.testing import make_staff

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SECRETARY = "glance.secretary@example.org"


def test_a_visitor_on_a_phone_sees_the_summary_and_opens_a_decision(new_page, shot_of):
    phone = new_page(**PHONE)
    phone.goto("/ru/conferences/xii/")
    summary = phone.locator(".decision-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Как выполняются решения")
    expect(summary.locator(".state--done strong")).to_have_text("2")
    expect(summary).to_contain_text("Всего 18 решений")
    # Nothing is wider than the phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot_of(phone, "1-summary")

    # Decision 3 was due on 22 June 2021 and is still in progress: marked overdue, folded.
    decision = phone.locator("#decision-3")
    expect(decision).to_have_class(re.compile("decision--overdue"))
    expect(decision.locator("summary")).to_contain_text("Просрочено")
    body = decision.get_by_text("Кыргызского общества блокадников Ленинграда", exact=False)
    expect(body).to_be_hidden()
    decision.locator("summary").click()
    expect(body).to_be_visible()
    expect(decision).to_contain_text("срок прошёл")
    expect(decision).to_contain_text("Продолжить: Уже начатая работа продолжается.")
    expect(decision).to_contain_text("Встречи с блокадниками в школах Бишкека")
    shot_of(phone, "2-decision-open")

    # The visitor is not shown the secretary's link to the period report.
    expect(phone.get_by_role("link", name=re.compile("Итоги работы за период"))).to_have_count(0)


def test_a_secretary_opens_the_period_report_and_changes_the_period(page, shot, sign_in_staff):
    make_staff(SECRETARY, Role.COUNCIL_SECRETARY)
    sign_in_staff(page, SECRETARY)
    page.goto("/ru/conferences/xii/")
    page.get_by_role("link", name="Итоги работы за период (для секретаря)").click()
    expect(page.locator("h1")).to_have_text("Итоги работы за период")
    expect(page.locator("table.figures").first).to_contain_text("Решений в резолюции")
    shot("1-report")

    # A period that ends before it starts: a message, and what was typed stays.
    page.get_by_label("С", exact=True).fill("2022-05-01")
    page.get_by_label("По", exact=True).fill("2022-01-31")
    page.get_by_role("button", name="Показать отчёт").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Начало периода должно быть раньше его конца."
    )
    expect(page.get_by_label("С", exact=True)).to_have_value("2022-05-01")
    expect(page.get_by_label("По", exact=True)).to_have_value("2022-01-31")
    shot("2-refused")

    # June 2021: two reports.
    page.get_by_label("С", exact=True).fill("2021-06-01")
    page.get_by_label("По", exact=True).fill("2021-06-30")
    page.get_by_role("button", name="Показать отчёт").click()
    expect(page.locator(".lead")).to_contain_text("1 июня 2021 г. — 30 июня 2021 г.")
    row = page.locator("tr", has_text="Отчётов о выполнении за период")
    expect(row.locator("td")).to_have_text("2")
    expect(page.get_by_role("link", name="PDF")).to_have_attribute(
        "href", "?start=2021-06-01&end=2021-06-30&format=pdf"
    )
    shot("3-june")

    # A preset, then the way back to the resolution.
    page.get_by_role("link", name="2022", exact=True).click()
    expect(page.locator(".lead")).to_contain_text("1 января 2022 г. — 31 декабря 2022 г.")
    page.get_by_role("link", name="← Назад к резолюции").click()
    expect(page).to_have_url(re.compile(r"/ru/conferences/xii/$"))
    expect(page.locator(".decision-summary")).to_be_visible()
