"""The Immortal Regiment placard on the demo site: the printable page and the PDF."""

import io
import re
from dataclasses import replace

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from sovet.core.i18n_checks import untranslated_texts
from sovet.core.tests.pdf_layout import laid_out, page_size, placed
from sovet.memory import placard
from sovet.memory.models import CardStatus, MemoryIndexPage

from .factories import PhotoFactory, SoldierCardFactory


def memory_page() -> MemoryIndexPage:
    return MemoryIndexPage.objects.live().filter(locale__language_code="ru").first()


def pdf_of(client, card, size=None):
    query = f"?size={size}" if size else ""
    return client.get(f"/ru/memory/{card.pk}/placard/pdf/{query}")


def sheet_of(client, card, size="a4", files=()):
    """The placard's page laid out as its PDF is (WeasyPrint's boxes, in points)."""
    html = client.get(f"/ru/memory/{card.pk}/placard/", {"size": size}).content.decode()
    return laid_out(html, files=files)


def texts_of(document):
    return [
        item
        for role in ("surname", "given", "years", "rank", "awards")
        for item in placed(document, f"placard__{role}")
    ]


# --- What goes on the sheet --------------------------------------------------------------


@pytest.mark.django_db
def test_the_placard_links_the_cards_absolute_address(demo, client, monkeypatch):
    card = SoldierCardFactory()
    page = memory_page()
    encoded = []
    original = placard.qr_code
    monkeypatch.setattr(placard, "qr_code", lambda url: encoded.append(url) or original(url))
    built = placard.build(page, card)
    assert built.url == f"{settings.SITE_URL}/ru/memory/{card.pk}/"
    assert pdf_of(client, card).status_code == 200
    assert encoded == [built.url]


# --- The page ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_page_shows_the_name_years_rank_awards_and_a_qr_code(demo, client):
    card = SoldierCardFactory()
    response = client.get(f"/ru/memory/{card.pk}/placard/")
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<p class="placard__surname"[^>]*>Петров</p>', html)
    assert "Иван Сергеевич" in html
    assert "1921–1943" in html
    assert "гвардии сержант" in html
    assert "Орден «Красной Звезды»" in html and "Медаль «За\u00a0отвагу» 1943\u00a0г." in html
    assert re.search(r'<svg[^>]*class="placard__qr-code"', html)
    assert f"{settings.SITE_URL}/ru/memory/{card.pk}/" in html
    assert "size: A4 portrait" in html
    assert 'class="placard placard--a4 placard--no-photo"' in html
    assert f"/ru/memory/{card.pk}/placard/pdf/?size=a3" in html


@pytest.mark.django_db
def test_a3_is_asked_for_and_an_unknown_size_is_a4(demo, client):
    card = SoldierCardFactory()
    a3 = client.get(f"/ru/memory/{card.pk}/placard/", {"size": "A3"}).content.decode()
    assert "size: A3 portrait" in a3 and "size: A4" not in a3
    odd = client.get(f"/ru/memory/{card.pk}/placard/", {"size": "letter"}).content.decode()
    assert "size: A4 portrait" in odd


@pytest.mark.django_db
def test_the_page_shows_the_first_public_photo_only(demo, client):
    card = SoldierCardFactory()
    PhotoFactory(participant=card, is_public=False)
    public = PhotoFactory(participant=card)
    PhotoFactory(participant=card)
    html = client.get(f"/ru/memory/{card.pk}/placard/").content.decode()
    assert public.image.url in html
    assert html.count("<img") == 2  # the site's emblem and this photo
    assert 'class="placard placard--a4"' in html


@pytest.mark.django_db
def test_the_page_runs_few_queries_and_its_english_is_english(demo, client):
    card = SoldierCardFactory()
    PhotoFactory(participant=card)
    client.get(f"/ru/memory/{card.pk}/placard/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/ru/memory/{card.pk}/placard/")
    assert response.status_code == 200
    assert len(queries) < 20
    # The interface strings are new: once the lead has translated them, check "ru" and "ky" too.
    english = client.get(f"/en/memory/{card.pk}/placard/").content.decode()
    assert not untranslated_texts(english, "en")
    assert client.get(f"/ky/memory/{card.pk}/placard/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("status", [CardStatus.DRAFT, CardStatus.HIDDEN])
def test_only_published_cards_have_a_placard(demo, client, status):
    card = SoldierCardFactory(status=status)
    assert client.get(f"/ru/memory/{card.pk}/placard/").status_code == 404
    assert client.get(f"/ru/memory/{card.pk}/placard/pdf/").status_code == 404
    assert client.get("/ru/memory/999999/placard/").status_code == 404


@pytest.mark.django_db
def test_a_merged_card_leads_to_the_kept_cards_placard(demo, client):
    kept = SoldierCardFactory()
    merged = SoldierCardFactory(surname="Петров", given_name="И.", status=CardStatus.MERGED)
    merged.merged_into = kept
    merged.save()
    response = client.get(f"/ru/memory/{merged.pk}/placard/", {"size": "a3"})
    assert response.status_code == 302
    assert response["Location"] == f"/ru/memory/{kept.pk}/placard/?size=a3"
    pdf = client.get(f"/ru/memory/{merged.pk}/placard/pdf/")
    assert pdf.status_code == 302 and pdf["Location"] == f"/ru/memory/{kept.pk}/placard/pdf/"


@pytest.mark.django_db
def test_a_merged_card_whose_kept_card_is_hidden_has_no_placard(demo, client):
    kept = SoldierCardFactory(status=CardStatus.HIDDEN)
    merged = SoldierCardFactory(status=CardStatus.MERGED)
    merged.merged_into = kept
    merged.save()
    orphan = SoldierCardFactory(status=CardStatus.MERGED)  # its kept card was deleted
    assert client.get(f"/ru/memory/{merged.pk}/placard/").status_code == 404
    assert client.get(f"/ru/memory/{orphan.pk}/placard/").status_code == 404


# --- The PDF -------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("size", "points"), [(None, (595, 842)), ("a3", (842, 1191))])
def test_the_pdf_has_the_cyrillic_name_on_the_asked_page_size(demo, client, size, points):
    card = SoldierCardFactory(surname="Соловьёв-Үсөнов")
    response = pdf_of(client, card, size)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    code = size or "a4"
    assert response["Content-Disposition"] == f'inline; filename="placard-{card.pk}-{code}.pdf"'
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == points
    text = reader.pages[0].extract_text()
    assert "Соловьёв-Үсөнов" in text
    assert "1921–1943" in text
    assert "«Красной Звезды»" in text


@pytest.mark.django_db
def test_the_pdf_renders_with_and_without_a_photo(demo, client):
    bare = SoldierCardFactory()
    pictured = SoldierCardFactory(surname="Жумабеков")
    PhotoFactory(participant=pictured, size=(600, 400))
    without = pdf_of(client, bare)
    with_photo = pdf_of(client, pictured)
    assert without.status_code == with_photo.status_code == 200
    assert not PdfReader(io.BytesIO(without.content)).pages[0].images
    images = PdfReader(io.BytesIO(with_photo.content)).pages[0].images
    assert len(images) == 1 and images[0].image.size == (600, 400)


@pytest.mark.django_db
def test_a_missing_photo_file_leaves_the_photo_out(demo, client):
    card = SoldierCardFactory()
    photo = PhotoFactory(participant=card)
    photo.image.storage.delete(photo.image.name)
    response = pdf_of(client, card)
    assert response.status_code == 200
    assert not PdfReader(io.BytesIO(response.content)).pages[0].images


@pytest.mark.django_db
def test_pdfs_are_rate_limited(demo, client, monkeypatch):
    monkeypatch.setattr(placard, "PDF_LIMIT", replace(placard.PDF_LIMIT, rate="2/m"))
    card = SoldierCardFactory()
    assert [pdf_of(client, card).status_code for _ in range(3)] == [200, 200, 429]


# --- How the sheet is laid out (the PDF's own layout, read from WeasyPrint) ----------------


@pytest.mark.django_db
def test_a_photo_keeps_its_proportions_and_leaves_room_for_the_text(demo, client):
    card = SoldierCardFactory()
    photo = PhotoFactory(participant=card, size=(1000, 1500))
    document = sheet_of(client, card, files=[photo.image])
    (sheet,) = placed(document, "placard")
    (image,) = placed(document, "img")
    texts = texts_of(document)
    (qr,) = placed(document, "placard__qr")
    assert image.width / image.height == pytest.approx(1000 / 1500, rel=0.01)
    assert (image.left + image.right) / 2 == pytest.approx((sheet.left + sheet.right) / 2, abs=1)
    assert image.bottom < texts[0].top < texts[-1].bottom <= qr.top
    bare = SoldierCardFactory()
    without = texts_of(sheet_of(client, bare))
    # Without a photo the name is set larger.
    assert without[0].font_size > texts[0].font_size


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["a4", "a3"])
def test_a_long_name_is_set_smaller_and_stays_on_the_sheet(demo, client, code):
    short = SoldierCardFactory(surname="Ким")
    long = SoldierCardFactory(
        surname="Константинопольский-Задунайский",
        given_name="Александр",
        patronymic="Вольдемарович",
        awards="\n".join(f'Медаль "За оборону города номер {n}"' for n in range(12)),
    )
    short_surname = texts_of(sheet_of(client, short, code))[0]
    document = sheet_of(client, long, code)
    assert len(document.pages) == 1
    (sheet,) = placed(document, "placard")
    (qr,) = placed(document, "placard__qr")
    texts = texts_of(document)
    long_surname = texts[0]
    assert long_surname.font_size < short_surname.font_size
    assert long_surname.lines == ["Константинопольский-Задунайский"]
    page_width = page_size(document)[0]
    margin = 36 * page_width / 595.28  # A4's 36 pt, as the sheet grows
    for text in texts:
        assert all(width <= page_width - 2 * margin for width in text.line_widths)
        assert sheet.left < text.left and text.right < sheet.right
    assert texts[-1].bottom <= qr.top  # the twelve awards too
    # Every word of the name is there: nothing was cut.
    assert "".join(long_surname.lines) == placard.build(memory_page(), long).surname


@pytest.mark.django_db
def test_an_absurdly_long_surname_wraps_instead_of_overflowing(demo, client):
    # Near the longest a name key holds (64 characters): the model allows 100, see the report.
    card = SoldierCardFactory(surname="Оченьоченьдлиннаяфамилия" * 2 + "Задунайская")
    document = sheet_of(client, card)
    surname = texts_of(document)[0]
    assert len(surname.lines) > 1
    assert "".join(surname.lines) == card.surname
    assert all(width <= page_size(document)[0] - 72 for width in surname.line_widths)
