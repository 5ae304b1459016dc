"""Conference pages: the resolution with each decision's progress, in three languages, at scale."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sovet.conferences.models import Decision, Resolution
from sovet.core.i18n_checks import untranslated_texts
from sovet.organizations.models import Organization

from .factories import add_decisions_at_scale


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_conference_pages_are_translated(demo, client, language):
    for path in ("conferences/", "conferences/xii/", "conferences/xiii/"):
        response = client.get(f"/{language}/{path}")
        assert response.status_code == 200, path
        assert not untranslated_texts(response.content.decode(), language), path


@pytest.mark.django_db
def test_conference_page_lists_the_decisions_with_progress(demo, client):
    response = client.get("/ru/conferences/xii/")
    decisions = response.context["decisions"]
    assert [d.number for d in decisions] == list(range(1, 19))
    html = response.content.decode()
    assert "Кыргызстан и Россия – новые форматы сотрудничества" in html
    assert 'value="100"' in html  # the Union of Women was created: done
    assert "/ru/conferences/xiii/" in html  # the decision that schedules the XIII conference
    assert client.get("/ru/conferences/xc/").status_code == 404
    assert client.get("/ru/conferences/iiii/").status_code == 404


@pytest.mark.django_db
def test_progress_is_hidden_when_the_secretary_says_so(demo, client):
    Resolution.objects.update(progress_public=False)
    response = client.get("/ru/conferences/xii/")
    assert response.context["show_progress"] is False
    assert "<progress" not in response.content.decode()


@pytest.mark.django_db
def test_organization_card_lists_its_open_decisions(demo, client):
    html = client.get("/ru/organizations/assotsiatsiya-gildiy-sootechestvennikov/").content.decode()
    assert "Одобрить реализацию в республике кыргызско-российских бизнес-проектов" in html
    done = client.get("/ru/organizations/soyuz-sootechestvennits-kyrgyzstana/").content.decode()
    assert "Одобрить создание Союза соотечественниц" not in done  # done decisions are not "open"


@pytest.mark.django_db
def test_resolution_page_queries_do_not_grow_with_60_organizations_and_50_decisions(demo, client):
    def count(path):
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    before = count("/ru/conferences/xii/")
    add_decisions_at_scale(Resolution.objects.get(), spread=True)
    assert Organization.objects.count() > 80
    assert count("/ru/conferences/xii/") == before
    assert count("/ru/conferences/") <= before


@pytest.mark.django_db
def test_conference_page_shows_its_agenda_and_votes(demo, client):
    decision = Decision.objects.get(number=1)
    decision.vote_result = "unanimous"
    decision.save()
    html = client.get("/ru/conferences/xii/").content.decode()
    assert "Утверждение нового состава Координационного совета" in html
    assert "принято единогласно" in html
