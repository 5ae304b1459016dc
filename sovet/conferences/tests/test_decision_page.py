"""A decision's accountability page: its text in three languages (the fallback marked), where it
stands, progress over time, the reports and their history (review texts for the secretary and the
reporting organization's editors only), in a constant number of queries. What served it (events,
volunteer shifts) is the higher apps' section: events/tests and community/tests
test_decision_section.py."""

from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile

from sovet.accounts.roles import Role
from sovet.conferences import queries
from sovet.conferences.models import (
    Decision,
    ProgressReport,
    ReportEvent,
    ReportEventKind,
    ReportStatus,
    Resolution,
)
from sovet.core.i18n_checks import untranslated_texts
from sovet.core.testing import page_text
from sovet.organizations.tests.factories import editor_of, make_organization

URL = "/{language}/conferences/xii/{number}/"
MOST_QUERIES = 34  # anonymous: 24 on the demo; the secretary: 32 (session, roles, userbar)
QUESTION = "Кто оплатил работы по сайту?"
ANSWER = "Работы оплачены из членских взносов."


def page(client, number, language="ru"):
    return client.get(URL.format(language=language, number=number))


@pytest.fixture
def reviewed(demo):
    """Decision 9 with a report of its assigned organization that the secretary asked more
    about and its editor answered (its private photo and author set)."""
    decision = Decision.objects.get(number=9)
    organization = decision.organizations.get()
    author = editor_of(organization, "author-of-report@example.org")
    report = ProgressReport.objects.create(
        decision=decision,
        organization=organization,
        author=author,
        reported_on=date(2022, 2, 1),
        progress=90,
        text="Архив документов перенесён на новый сайт.",
        links="https://sovet.kg/ru/documents/",
        status=ReportStatus.ACCEPTED,
    )
    report.photo.save("proof-photo.png", ContentFile(b"\x89PNG private"), save=True)
    for kind, text in [
        (ReportEventKind.SUBMITTED, ""),
        (ReportEventKind.ASKED_MORE, QUESTION),
        (ReportEventKind.ANSWERED, ANSWER),
        (ReportEventKind.ACCEPTED, ""),
    ]:
        ReportEvent.objects.create(report=report, kind=kind, text=text, author=author)
    return decision, organization, report, author


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "pieces"),
    [
        ("ru", ["Решение 9", "Изыскать финансовые средства для модернизации сайта КСОРС."]),
        ("ky", ["9-чечим", "КСОРСтун сайтын жаңылоо үчүн каржы каражаттарын табуу."]),
        ("en", ["Decision 9", "To find the funds to modernise the website"]),
    ],
)
def test_the_page_in_three_languages(demo, client, language, pieces):
    html = page_text(page(client, 9, language), *pieces)
    assert not untranslated_texts(html, language)
    assert "<svg" in html and "<table" in html  # the chart and its text alternative
    assert "/conferences/xii/?open=9#decision-9" in html  # back to the resolution


@pytest.mark.django_db
def test_a_missing_translation_falls_back_to_russian_marked(demo, client):
    Decision.objects.filter(number=9).update(text_en="")
    html = page_text(
        page(client, 9, "en"),
        "Decision 9",
        '<p class="fallback-note" role="note">Some texts here are not translated yet and are '
        "shown in Russian.</p>",
    )
    # One note per section: the decision's text, and the reports (written in Russian only).
    assert html.count('class="fallback-note"') == 2
    assert '<div class="prose" lang="ru">' in html
    assert "Изыскать финансовые средства" in html
    # A decision adopted in Kyrgyz only shows its Kyrgyz text in Russian too, marked.
    Decision.objects.filter(number=9).update(text_ru="", text_en="")
    html = page_text(
        page(client, 9, "ru"),
        "Решение 9",
        "Некоторые тексты здесь ещё не переведены и показаны на языке оригинала.",
    )
    assert '<div class="prose" lang="ky">' in html


@pytest.mark.django_db
def test_the_page_shows_where_the_decision_stands(demo, client):
    html = page_text(page(client, 8), "Решение 8", "Одобрить реализацию")
    assert "Просрочено" in html  # due 2022, in progress: overdue
    assert 'value="40"' in html
    assert "Ассоциация гильдий соотечественников" in html
    assert "Конференция одобряет" in html  # the kind's description
    decision = Decision.objects.get(number=8)
    decision.recurrence, decision.due = "yearly", ""
    decision.save()
    html = page_text(page(client, 8), "Ежегодно")
    assert "Просрочено" not in html.split("<dl", 1)[1].split("</dl>", 1)[0]


@pytest.mark.django_db
def test_unknown_numbers_and_conferences_are_not_found(demo, client):
    assert page(client, 99).status_code == 404
    assert client.get("/ru/conferences/xiii/1/").status_code == 404  # no resolution yet
    assert client.get("/ru/conferences/xc/1/").status_code == 404


@pytest.mark.django_db
def test_hidden_progress_is_for_the_secretary_only(demo, client, users):
    Resolution.objects.update(progress_public=False)
    assert page(client, 9).status_code == 404
    client.force_login(users[str(Role.ORGANIZATION_EDITOR)])
    assert page(client, 9).status_code == 404
    client.force_login(users[str(Role.COUNCIL_SECRETARY)])
    page_text(page(client, 9), "Решение 9")


@pytest.mark.django_db
def test_private_files_and_authors_never_appear(reviewed, client, users):
    _decision, _organization, report, author = reviewed
    for viewer in (None, users[str(Role.COUNCIL_SECRETARY)], author):
        if viewer:
            client.force_login(viewer)
        html = page_text(page(client, 9), "Архив документов перенесён на новый сайт.")
        assert "https://sovet.kg/ru/documents/" in html  # the report's public links
        assert report.photo.name not in html and "proof-photo" not in html
        assert author.email not in html
        if author.get_full_name():
            assert author.get_full_name() not in html


@pytest.mark.django_db
def test_review_texts_are_for_the_secretary_and_the_organizations_editors(reviewed, client, users):
    _decision, _organization, _report, author = reviewed
    other = editor_of(make_organization(name_ru="Чужая организация"), "other@example.org")
    allowed = {
        "anonymous": (None, False),
        "another organization's editor": (other, False),
        "the organization's editor": (author, True),
        "secretary": (users[str(Role.COUNCIL_SECRETARY)], True),
    }
    for name, (viewer, sees) in allowed.items():
        client.logout()
        if viewer:
            client.force_login(viewer)
        # Everybody sees that more was asked and answered, and when.
        html = page_text(page(client, 9), "Запрошены дополнительные сведения", "Дан ответ")
        assert (QUESTION in html) is sees, name
        assert (ANSWER in html) is sees, name


@pytest.mark.django_db
def test_reports_in_review_are_for_the_secretary_and_the_organizations_editors(demo, client, users):
    waiting = ProgressReport.objects.get(status=ReportStatus.SUBMITTED, decision__number=8)
    html = page_text(page(client, 8), "Решение 8")
    assert waiting.text not in html
    client.force_login(users[str(Role.COUNCIL_SECRETARY)])
    page_text(page(client, 8), waiting.text, "Ждёт проверки секретаря")
    client.force_login(editor_of(waiting.organization, "guild@example.org"))
    page_text(page(client, 8), waiting.text)


@pytest.mark.django_db
def test_chart_points_start_at_zero_on_adoption(reviewed):
    decision, _organization, _report, _author = reviewed
    reports = queries.decision_reports(decision, organizations_of_viewer=frozenset())
    chart = queries.progress_chart(decision, reports)
    assert chart.points == [
        (date(2021, 4, 2), 0),
        (date(2021, 7, 30), 30),
        (date(2021, 10, 15), 80),
        (date(2022, 2, 1), 90),
    ]
    xs = [x for x, _y, _day, _percent in chart.dots]
    ys = [y for _x, y, _day, _percent in chart.dots]
    assert xs == sorted(xs) and xs[0] == chart.PAD and xs[-1] == chart.right
    assert ys == sorted(ys, reverse=True)  # higher progress, higher on the chart
    assert queries.progress_chart(Decision.objects.get(number=1), []) is None


@pytest.mark.django_db
def test_the_conference_page_links_every_decision(demo, client):
    html = page_text(client.get("/ru/conferences/xii/"), "Изыскать финансовые средства")
    for number in range(1, 19):
        assert f'href="/ru/conferences/xii/{number}/"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", ["anonymous", "secretary"])
def test_queries_do_not_grow_from_1_to_10_reports(
    demo, client, users, django_assert_max_num_queries, viewer
):
    decision = Decision.objects.get(number=6)  # one report in the demo
    assert decision.reports.count() == 1
    if viewer == "secretary":
        client.force_login(users[str(Role.COUNCIL_SECRETARY)])

    def count():
        page(client, 6)
        with django_assert_max_num_queries(MOST_QUERIES) as captured:
            page_text(page(client, 6), "Решение 6")
        return len(captured)

    before = count()
    others = [make_organization(name_ru=f"Организация {n}") for n in range(9)]
    decision.organizations.add(*others)
    for n, other in enumerate(others):
        report = ProgressReport.objects.create(
            decision=decision,
            organization=other,
            text=f"Отчёт {n}",
            progress=n,
            status=ReportStatus.ACCEPTED,
        )
        ReportEvent.objects.create(report=report, kind=ReportEventKind.SUBMITTED)
        ReportEvent.objects.create(report=report, kind=ReportEventKind.ACCEPTED)
    assert decision.reports.count() == 10
    assert count() == before


@pytest.mark.django_db
def test_items_not_adopted_stay_on_the_conference_page_with_their_vote(demo, client):
    from sovet.conferences.models import Conference, DraftDecision

    conference = Conference.objects.get(number=12)
    adopted = DraftDecision.objects.create(
        conference=conference, text="Принятый пункт.", unanimous=True,
        decision=Decision.objects.get(number=1),
    )  # fmt: skip
    DraftDecision.objects.create(
        conference=conference, text="Открыть филиал на Луне.", votes_for=3, votes_against=40
    )
    DraftDecision.objects.create(conference=conference, text="Пункт без голосования.")
    html = page_text(
        client.get("/ru/conferences/xii/"),
        "Вынесено на голосование и не принято",
        "Открыть филиал на Луне.",
        "за — 3, против — 40, воздержались — 0",
        "Пункт без голосования.",
        "Голосование не записано",
    )
    assert adopted.text not in html


@pytest.mark.django_db
def test_a_decision_adopted_in_kyrgyz_only_is_shown_on_the_conference_page(demo, client):
    Decision.objects.filter(number=9).update(text_ru="", text_en="")
    page_text(
        client.get("/ru/conferences/xii/"),
        '<p lang="ky">КСОРСтун сайтын жаңылоо үчүн каржы каражаттарын табуу.</p>',
    )


@pytest.mark.django_db
def test_reports_come_newest_first_ten_a_page_and_the_chart_draws_them_all(demo, client):
    """A decision kept up for years gathers many reports: the page lists ten, the newest first,
    numbered from the total down, and pages on; the chart still draws every report."""
    decision = Decision.objects.get(number=6)  # one report in the demo, dated 1 June 2021
    organization = decision.organizations.first()
    for n in range(1, 25):
        ProgressReport.objects.create(
            decision=decision,
            organization=organization,
            reported_on=date(2022, 1, 1) + timedelta(days=n),
            text=f"Отчёт номер {n}.",
            progress=min(100, n * 4),
            status=ReportStatus.ACCEPTED,
        )
    first = page(client, 6)
    html = page_text(first, "Отчёт номер 24.")
    assert "Отчёт номер 15." in html and "Отчёт номер 14." not in html
    assert 'reversed start="25"' in html
    assert len(first.context["chart"].points) == 26  # adoption, the demo's report and 24 more
    last = client.get("/ru/conferences/xii/6/?page=3")
    html = page_text(last, "Отчёт номер 4.")
    assert "Отчёт номер 5." not in html and 'reversed start="5"' in html
    assert 'rel="prev"' in html and 'rel="next"' not in html
    assert page_text(client.get("/ru/conferences/xii/6/?page=x"), "Отчёт номер 24.")
