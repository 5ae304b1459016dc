"""The public memory archive: name search and person pages, published cards only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sovet.core.i18n_checks import untranslated_texts
from sovet.memory.models import SourceRecord, WarParticipant


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_search_and_person_pages_are_translated(demo, client, language):
    person = WarParticipant.objects.get(surname="Соловьёв")
    for path in ("memory/", "memory/?q=Solovyov", f"memory/{person.pk}/"):
        response = client.get(f"/{language}/{path}")
        assert response.status_code == 200, path
        assert not untranslated_texts(response.content.decode(), language), path


@pytest.mark.django_db
def test_a_misspelt_latin_name_finds_the_person(demo, client):
    response = client.get("/ru/memory/", {"q": "Solovjov Fedor"})
    assert [c.surname for c in response.context["cards"]][:1] == ["Соловьёв"]
    assert "Соловьёв Фёдор Иванович" in response.content.decode()


@pytest.mark.django_db
def test_filters_narrow_the_results_and_bad_values_are_shown(demo, client):
    found = client.get("/ru/memory/", {"q": "Асанов", "fate": "missing"}).context["cards"]
    assert [c.surname for c in found] == ["Асанов"]
    assert client.get("/ru/memory/", {"q": "Асанов", "fate": "returned"}).context["cards"] == []
    bad = client.get("/ru/memory/", {"q": "Асанов", "born_from": "abc", "region": "atlantis"})
    assert bad.status_code == 200 and {"born_from", "region"} <= set(bad.context["form"].errors)
    assert [c.surname for c in bad.context["cards"]] == ["Асанов"]  # bad filters are ignored


@pytest.mark.django_db
def test_unpublished_cards_are_neither_found_nor_shown(demo, client):
    hidden = WarParticipant.objects.get(surname="Ким")
    hidden.status = "draft"
    hidden.save()
    assert client.get("/ru/memory/", {"q": "Ким Георгий"}).context["cards"] == []
    assert client.get(f"/ru/memory/{hidden.pk}/").status_code == 404
    assert client.get("/ru/memory/999999/").status_code == 404


@pytest.mark.django_db
def test_the_person_page_links_the_state_database_and_runs_few_queries(demo, client):
    person = WarParticipant.objects.get(surname="Жумабеков")
    SourceRecord.objects.create(
        participant=person, kind="loss_report", archive="ЦАМО", fond="58", opis="18002",
        delo="123", list="45", database="obd_memorial", database_id="51479163",
    )  # fmt: skip
    client.get(f"/ru/memory/{person.pk}/")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/ru/memory/{person.pk}/").content.decode()
    assert "ЦАМО, ф. 58, оп. 18002, д. 123, л. 45" in page
    assert "https://obd-memorial.ru/html/info.htm?id=51479163" in page
    assert len(queries) < 25


@pytest.mark.django_db
def test_a_person_who_may_be_alive_is_published_only_with_consent(demo):
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    card = WarParticipant.objects.get(surname="Кузнецова")  # a home-front worker
    card.consent_to_publish = False
    with pytest.raises(ValidationError) as error:
        card.full_clean()
    assert error.value.error_dict["consent_to_publish"][0].code == "needs_consent"
    with pytest.raises(IntegrityError), transaction.atomic():
        card.save()
    card.status = "draft"
    card.full_clean()
    card.save()
