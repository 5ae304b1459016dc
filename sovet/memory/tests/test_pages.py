"""The public memory archive: name search and person pages, published cards only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sovet.core.i18n_checks import untranslated_texts
from sovet.core.testing import page_text
from sovet.memory.models import WarParticipant

from .factories import CardFactory, PhotoFactory, SourceRecordFactory, StoryFactory


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
    SourceRecordFactory(
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


@pytest.mark.django_db
def test_filters_show_how_many_people_each_choice_leaves(demo, client):
    for given, rank, fate in (("Пётр", "рядовой", "killed"), ("Павел", "Рядовой", "missing"),
                              ("Семён", "сержант", "killed")):  # fmt: skip
        CardFactory(
            surname="Фильтров", given_name=given, rank=rank, fate=fate,
            birth_place="с. Беловодское",
        )  # fmt: skip
    response = client.get("/ru/memory/", {"q": "Фильтров", "fate": "killed"})
    form = response.context["form"]
    assert [c.given_name for c in response.context["cards"]] == ["Пётр", "Семён"]
    # Counts of a filter ignore its own choice and keep the others.
    assert dict(form.fields["fate"].choices)["missing"].endswith("(1)")
    assert dict(form.fields["fate"].choices)["killed"].endswith("(2)")
    ranks = dict(form.fields["rank"].widget.choices)
    assert ranks["рядовой"].endswith("(1)") and ranks["сержант"].endswith("(1)")  # of the killed
    by_rank = client.get("/ru/memory/", {"q": "Фильтров", "rank": "РЯДОВОЙ"}).context["cards"]
    assert sorted(c.given_name for c in by_rank) == ["Павел", "Пётр"]
    by_place = client.get("/ru/memory/", {"q": "Фильтров", "place": "беловодское"})
    assert len(by_place.context["cards"]) == 3
    assert client.get("/ru/memory/", {"q": "Фильтров", "place": "Ош"}).context["cards"] == []


@pytest.mark.django_db
def test_the_photo_filter_and_photos_in_results(demo, client):
    from sovet.memory import services

    card, _namesake = CardFactory(surname="Фотографов"), CardFactory(surname="Фотографов")
    photo = PhotoFactory(participant=card, caption="1943, Калининский фронт")
    only = client.get("/ru/memory/", {"q": "Фотографов", "has_photo": "on"})
    assert [c.pk for c in only.context["cards"]] == [card.pk]
    assert photo.thumbnail.url in only.content.decode()
    page = client.get(f"/ru/memory/{card.pk}/").content.decode()
    assert photo.thumbnail.url in page and "1943, Калининский фронт" in page
    photo.is_public = False
    photo.save()
    services.card_photos_changed(card=card)
    assert client.get("/ru/memory/", {"q": "Фотографов", "has_photo": "on"}).context["cards"] == []
    page = page_text(client.get(f"/ru/memory/{card.pk}/"), "Фотографов")
    assert photo.thumbnail.url not in page


@pytest.mark.django_db
def test_only_published_stories_show_and_never_who_sent_them(demo, client):
    from django.utils import timezone

    card = WarParticipant.objects.get(surname="Жумабеков")
    common = {"participant": card, "relation": "grandchild", "consent": True,
              "submitter_name": "Скрытая Отправительница", "submitter_email": "hidden@example.org"}  # fmt: skip
    StoryFactory(text="Опубликованный рассказ.", signature="внучка Айгуль",
                 status="published", published_at=timezone.now(), **common)  # fmt: skip
    StoryFactory(text="Рассказ на проверке.", status="submitted", **common)
    StoryFactory(text="Отклонённый рассказ.", status="declined", **common)
    page = page_text(client.get(f"/ru/memory/{card.pk}/"), "Опубликованный рассказ.")
    assert "Опубликованный рассказ." in page and "внучка Айгуль" in page
    for private in ("Рассказ на проверке.", "Отклонённый рассказ.", "hidden@example.org",
                    "Скрытая Отправительница"):  # fmt: skip
        assert private not in page


@pytest.mark.django_db
def test_a_merged_card_leads_to_the_kept_one(demo, client):
    kept = WarParticipant.objects.get(surname="Соловьёв")
    merged = WarParticipant.objects.get(surname="Жумабеков")
    merged.status, merged.merged_into = "merged", kept
    merged.save()
    response = client.get(f"/ru/memory/{merged.pk}/")
    assert response.status_code == 302 and response["Location"].endswith(f"/memory/{kept.pk}/")
    assert client.get("/ru/memory/", {"q": "Жумабеков"}).context["cards"] == []
