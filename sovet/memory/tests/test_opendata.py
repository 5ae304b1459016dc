"""Open data: every published card, its public fields and sources, as CSV and JSON; nothing private."""

import csv
import io
import json

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sovet.memory import services
from sovet.memory.models import WarParticipant

from .factories import CardFactory, CardReportFactory, SourceRecordFactory, StoryFactory

PRIVATE = [
    "РОДНЯ-7781",  # next of kin
    "secret-submitter@example.org",
    "Тайный Отправитель",
    "НЕОПУБЛИКОВАННЫЙ-ТЕКСТ",
    "Черновиков",  # a draft card
    "Скрытова",  # a hidden card
    "Слитнев",  # a card merged into another
    "reporter@example.org",
    "ЖАЛОБА-5512",
    "consent",
    "status",
]


def download(client, language, fmt):
    response = client.get(f"/{language}/memory/open-data/{fmt}/")
    assert response.status_code == 200 and response.streaming
    return response, b"".join(response.streaming_content).decode()


def parse_csv(text):
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


@pytest.fixture
def planted(demo):
    """Private values put where a careless export would pick them up."""
    card = WarParticipant.objects.get(surname="Жумабеков")
    card.next_of_kin = "мать, РОДНЯ-7781, г. Фрунзе"
    card.rank = "=HYPERLINK(1)"
    services.card_save(card=card)
    SourceRecordFactory(
        participant=card, kind="loss_report", archive="ЦАМО", fond="58", opis="18002",
        delo="123", list="45", database="obd_memorial", database_id="51479163",
    )  # fmt: skip
    StoryFactory(
        participant=card, text="НЕОПУБЛИКОВАННЫЙ-ТЕКСТ", submitter_name="Тайный Отправитель",
        submitter_email="secret-submitter@example.org",
    )  # fmt: skip
    CardReportFactory(
        participant=card, reason="other", message="ЖАЛОБА-5512", email="reporter@example.org"
    )
    CardFactory(surname="Черновиков", status="draft")
    CardFactory(surname="Скрытова", status="hidden")
    CardFactory(surname="Слитнев", status="merged")
    return card


@pytest.mark.django_db
def test_csv_has_every_published_card_and_nothing_private(planted, client):
    response, text = download(client, "ru", "csv")
    assert response["Content-Disposition"] == 'attachment; filename="memory-archive.csv"'
    assert response["Content-Type"].startswith("text/csv")
    rows = parse_csv(text)
    published = WarParticipant.objects.filter(status="published")
    assert sorted(int(row["id"]) for row in rows) == sorted(published.values_list("pk", flat=True))
    for value in PRIVATE:
        assert value not in text, value
    row = next(row for row in rows if row["id"] == str(planted.pk))
    assert row["rank"] == "'=HYPERLINK(1)"  # a formula stays text in a spreadsheet
    assert (row["surname"], row["birth_date"], row["birth_year"]) == ("Жумабеков", "1919", "1919")
    assert (row["fate"], row["category"], row["region"]) == ("killed", "front_line", "talas")
    assert row["url"] == f"{settings.SITE_URL}/ru/memory/{planted.pk}/"
    assert "loss_report: ЦАМО, ф. 58, оп. 18002, д. 123, л. 45" in row["sources"]
    assert "https://obd-memorial.ru/html/info.htm?id=51479163" in row["sources"]
    assert "memory_book: Книга памяти Кыргызстана" in row["sources"]


@pytest.mark.django_db
def test_json_nests_the_sources_and_has_nothing_private(planted, client):
    response, text = download(client, "en", "json")
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(text)
    assert data["license"] and data["generated"] and data["source"].endswith("/en/memory/")
    assert len(data["cards"]) == WarParticipant.objects.filter(status="published").count()
    for value in PRIVATE:
        assert value not in text, value
    card = next(card for card in data["cards"] if card["id"] == planted.pk)
    assert "next_of_kin" not in card and "consent_to_publish" not in card
    assert card["rank"] == "=HYPERLINK(1)"  # JSON is data, not a spreadsheet
    assert card["url"] == f"{settings.SITE_URL}/en/memory/{planted.pk}/"
    record = next(s for s in card["sources"] if s["database"])
    assert record == {
        "kind": "loss_report", "archive": "ЦАМО", "fond": "58", "opis": "18002", "delo": "123",
        "list": "45", "database": "obd_memorial", "database_id": "51479163",
        "database_url": "https://obd-memorial.ru/html/info.htm?id=51479163",
    }  # fmt: skip
    assert len(card["sources"]) == 2


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_queries_do_not_grow_with_the_number_of_cards(demo, client, fmt):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            download(client, "ru", fmt)
        return len(queries)

    download(client, "ru", fmt)  # warm the page and site caches
    few = count_queries()
    for number in range(12):
        card = CardFactory(surname=f"Новый{number}", birth_date="1920")
        SourceRecordFactory(participant=card)
    assert count_queries() == few


@pytest.mark.django_db
def test_an_empty_archive_still_gives_valid_files(demo, client):
    WarParticipant.objects.update(status="draft")
    _response, text = download(client, "ru", "csv")
    assert parse_csv(text) == [] and "surname" in text
    _response, text = download(client, "ky", "json")
    assert json.loads(text)["cards"] == []


@pytest.mark.django_db
def test_downloads_are_rate_limited_and_read_only(demo, client):
    assert client.post("/ru/memory/open-data/csv/").status_code == 405
    for _attempt in range(20):
        assert client.get("/ru/memory/open-data/json/").status_code == 200
    assert client.get("/ru/memory/open-data/csv/").status_code == 429
    assert client.get("/ru/memory/open-data/xml/").status_code == 404
