"""The period report as an official document: its period chosen in a form (validated, nothing
typed lost), a way back, figures that agree with the list printed, numbers grouped alike on the
page, in the PDF and in the DOCX."""

import io
import re

import pytest
from django.utils import timezone
from docx import Document
from pypdf import PdfReader
from wagtail import hooks

from sovet.accounts.roles import Role
from sovet.conferences.models import Decision, Resolution
from sovet.core.testing import make_staff, page_text

from .factories import DecisionFactory, ResolutionFactory


@pytest.fixture
def secretary_client(client, demo):
    client.force_login(make_staff("secretary@example.org", Role.COUNCIL_SECRETARY))
    return client


def url(query=""):
    resolution = Resolution.objects.get(conference__number=12)
    return f"/admin/conferences/resolutions/{resolution.pk}/period-report/{query}"


def words(text):
    return " ".join(text.replace("\u2010\n", "").replace("\u00a0", " ").split())


def figure(html, label):
    """The value beside ``label`` in the report's tables."""
    found = re.search(
        rf"<th scope=\"row\">{re.escape(label)}</th><td class=\"number\">([^<]+)<", html
    )
    assert found, label
    return found.group(1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message", "kept"),
    [
        (
            "?start=2021-05-01&end=2021-04-10",
            "Начало периода должно быть раньше его конца.",
            ['value="2021-05-01"', 'value="2021-04-10"'],
        ),
        (
            "?start=abc&end=2021-06-30",
            "Введите дату, например: 02.04.2021.",
            ['value="abc"', 'value="2021-06-30"'],
        ),
        ("?end=2999-01-01", "Период не может заканчиваться позже сегодняшнего дня", []),
        (
            "?start=2020-01-01",
            "Резолюция принята 2 апреля 2021 г.: период не может начинаться раньше.",
            ['value="2020-01-01"'],
        ),
        ("?start=31.02.2022", "Введите дату, например: 02.04.2021.", ['value="31.02.2022"']),
    ],
)
def test_a_period_the_form_refuses_says_why_and_keeps_what_was_typed(
    secretary_client, query, message, kept
):
    html = page_text(
        secretary_client.get(url(query)), "Период отчёта", message, "Исправьте период выше"
    )
    for value in kept:
        assert value in html
    assert "Решений в резолюции" not in html  # no report for a period that is not one
    # The PDF and the DOCX of a refused period are the form again, not a document.
    response = secretary_client.get(url(query + "&format=pdf"))
    page_text(response, message)
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_the_chosen_period_counts_its_reports_and_links_its_pdf_and_docx(secretary_client):
    html = page_text(
        secretary_client.get(url("?start=2021-06-01&end=2021-06-30")),
        "1 июня 2021 г. — 30 июня 2021 г.",
    )
    # Demo reports of 1 and 22 June; those of May, October and September are outside.
    assert "Союз соотечественниц зарегистрирован" in words(html)
    assert "Встречи с блокадниками в школах Бишкека" in words(html)
    assert "Бессмертный полк» прошла" not in words(html)
    assert figure(html, "Отчётов о выполнении за период") == "2"
    assert "?start=2021-06-01&amp;end=2021-06-30&amp;format=pdf" in html
    assert "?start=2021-06-01&amp;end=2021-06-30&amp;format=docx" in html
    response = secretary_client.get(url("?start=2021-06-01&end=2021-06-30&format=pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert "itogi-xii-20210601-20210630.pdf" in response["Content-Disposition"]
    text = words(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages))
    assert "1 июня 2021 г. — 30 июня 2021 г." in text
    assert "Отчётов о выполнении за период 2" in text


@pytest.mark.django_db
def test_the_report_has_a_way_back_and_presets(secretary_client):
    today = timezone.localdate()
    html = page_text(secretary_client.get(url()), "Назад к резолюции", "Или выберите:")
    assert 'href="/ru/conferences/xii/"' in html
    assert 'href="/admin/conferences_resolution/"' in html
    # Empty fields: the whole period, shown in the fields and marked among the presets.
    assert 'value="2021-04-02"' in html and f'value="{today.isoformat()}"' in html
    assert f'href="?start=2021-04-02&amp;end={today.isoformat()}" aria-current="true"' in html
    assert 'href="?start=2022-01-01&amp;end=2022-12-31">2022<' in html
    assert 'href="?start=2021-04-02&amp;end=2021-12-31">2021<' in html  # from the adoption


@pytest.mark.django_db
def test_figures_agree_with_the_list_printed(secretary_client):
    # Another resolution's decisions, done: the XII resolution's figures must not count them.
    other = ResolutionFactory()
    for n in range(1, 6):
        DecisionFactory(resolution=other, number=n, status="done")
    html = page_text(secretary_client.get(url()), "Решения резолюции")
    listed = re.findall(r'<li class="decision" value="(\d+)">', html)
    decisions = Decision.objects.filter(resolution__conference__number=12)
    assert len(listed) == decisions.count() == int(figure(html, "Решений в резолюции")) == 18
    tracked = decisions.filter(tracked=True).count()
    done = decisions.filter(status="done").count()
    assert figure(html, "из них требуют выполнения") == str(tracked)
    assert figure(html, "Решений выполнено") == f"{done} / {tracked}"
    # The states add up to the list, each decision counted once.
    states = re.search(r"<caption>Как выполняются решения</caption>(.+?)</table>", html, re.S)
    counts = [int(n) for n in re.findall(r'class="number">(\d+)</td>', states.group(1))]
    assert sum(counts[:-1]) == counts[-1] == len(listed)
    # Overdue: the figure, the state row and the decisions marked in the list are the same.
    overdue = int(figure(html, "Решений просрочено"))
    assert overdue == int(figure(html, "Просрочено"))
    assert (
        html.count("<strong>Выполняется · Просрочено</strong>")
        + html.count("<strong>Не начато · Просрочено</strong>")
        + html.count("<strong>Постоянно · Просрочено</strong>")
        == overdue
    )
    # By kind: the same decisions, the same done.
    kinds = re.search(r"<h2>Решения по видам</h2>(.+?)</table>", html, re.S).group(1)
    total_row = re.search(r"<tfoot>.*?(\d+)</td><td class=\"number\">(\d+)</td>", kinds, re.S)
    assert (int(total_row.group(1)), int(total_row.group(2))) == (len(listed), done)
    # Reports: the figure is the number printed under the decisions (the demo's seven, one
    # waiting for review).
    printed = len(re.findall(r"<li>\d\d\.\d\d\.\d{4}, ", html))
    assert figure(html, "Отчётов о выполнении за период") == str(printed) == "7"


@pytest.mark.django_db
def test_numbers_are_grouped_alike_on_the_page_in_the_pdf_and_in_the_docx(secretary_client):
    def big_figure(start, end):
        return [("Пришли на мероприятия", 16630)]

    with hooks.register_temporarily("period_figures", big_figure):
        html = page_text(secretary_client.get(url()), "Период в цифрах")
        assert figure(html, "Пришли на мероприятия") == "16\u00a0630"
        pdf = secretary_client.get(url("?format=pdf")).content
        docx = secretary_client.get(url("?format=docx")).content
    text = words(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert "Пришли на мероприятия 16 630" in text
    cells = [
        [cell.text for cell in row.cells]
        for table in Document(io.BytesIO(docx)).tables
        for row in table.rows
    ]
    assert ["Пришли на мероприятия", "16\u00a0630"] in cells
    assert ["Решений в резолюции", "18"] in cells
