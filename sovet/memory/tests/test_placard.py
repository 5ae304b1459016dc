"""The Immortal Regiment placard: the printable page, the PDF, and what goes on the sheet."""

import io
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image
from pypdf import PdfReader

from sovet.core.i18n_checks import untranslated_texts
from sovet.memory import placard, services
from sovet.memory.models import CardStatus, MemoryIndexPage, Photo, WarParticipant
from sovet.memory.photos import set_image


def make_card(**fields) -> WarParticipant:
    values = {
        "surname": "Петров",
        "given_name": "Иван",
        "patronymic": "Сергеевич",
        "birth_date": "1921",
        "death_date": "1943-07",
        "rank": "гвардии сержант",
        "awards": 'Орден "Красной Звезды"\nМедаль "За отвагу" 1943 г.',
        "fate": "killed",
        "status": CardStatus.PUBLISHED,
        **fields,
    }
    return services.participant_save(WarParticipant(**values))


def add_photo(card: WarParticipant, *, size=(300, 400), public=True) -> Photo:
    photo = Photo(participant=card, is_public=public)
    set_image(photo, Image.new("RGB", size, "gray"))
    photo.save()
    services.photos_changed(card)
    return photo


def memory_page() -> MemoryIndexPage:
    return MemoryIndexPage.objects.live().filter(locale__language_code="ru").first()


class StubPage:
    """Enough of MemoryIndexPage for laying out a sheet, without loading the demo site."""

    def person_path(self, card, route="person"):
        return f"/ru/memory/{card.pk}/"


def pdf_of(client, card, size=None):
    query = f"?size={size}" if size else ""
    return client.get(f"/ru/memory/{card.pk}/placard/pdf/{query}")


# --- What goes on the sheet --------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "death", "category", "years"),
    [
        ("1921", "1943-07-12", "front_line", "1921–1943"),
        ("1921~", "1943", "front_line", "около\u00a01921\u00a0– 1943"),
        ("", "1943", "front_line", "?–1943"),
        ("1921", "", "front_line", "1921–?"),
        ("1920/1922", "1944", "front_line", "1920/1922–1944"),
        ("", "", "front_line", ""),
        # May still be alive: no made-up «–?», only the year of birth.
        ("1930", "", "child_of_war", "1930"),
    ],
)
def test_years_of_life_are_no_more_precise_than_the_dates(birth, death, category, years):
    from django.utils import translation

    card = WarParticipant(
        surname="Петров", category=category, birth_date=birth or None, death_date=death or None
    )
    with translation.override("ru"):
        assert placard.years_of_life(card) == years


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Медаль "За отвагу"', "Медаль «За\u00a0отвагу»"),
        ("Иванов И. П.", "Иванов\u00a0И.\u00a0П."),
        ("И. П. Иванов", "И.\u00a0П.\u00a0Иванов"),
        ("Медаль 1943 г.", "Медаль 1943\u00a0г."),
        ("Орден Отечественной войны II степени", "Орден Отечественной войны II\u00a0степени"),
        ("1941-1945", "1941–1945"),
        ("в/ч № 5", "в/ч\u00a0№\u00a05"),
    ],
)
def test_typeset_follows_russian_print_typography(text, expected):
    assert placard.typeset(text) == expected


def test_the_qr_code_needs_the_absolute_address():
    url = "https://sovet.example/ru/memory/12/"
    qr = placard.qr_code(url)
    # Version 3 holds up to 61 bytes at level M: 29×29 modules without the quiet zone.
    assert qr.error == "M" and qr.symbol_size(border=0) == (29, 29)
    assert len(list(qr.matrix)) == 29
    longer = placard.qr_code(url + "x" * 80)
    assert longer.symbol_size(border=0)[0] > 29
    with pytest.raises(ValueError):
        placard.qr_code("/ru/memory/12/")


@pytest.mark.django_db
def test_the_placard_links_the_cards_absolute_address(demo, monkeypatch):
    card = make_card()
    page = memory_page()
    encoded = []
    original = placard.qr_code
    monkeypatch.setattr(placard, "qr_code", lambda url: encoded.append(url) or original(url))
    built = placard.build(page, card)
    assert built.url == f"{settings.SITE_URL}/ru/memory/{card.pk}/"
    placard.as_pdf(built, placard.SHEETS["a4"])
    assert encoded == [built.url]


# --- The page ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_page_shows_the_name_years_rank_awards_and_a_qr_code(demo, client):
    card = make_card()
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
    card = make_card()
    a3 = client.get(f"/ru/memory/{card.pk}/placard/", {"size": "A3"}).content.decode()
    assert "size: A3 portrait" in a3 and "size: A4" not in a3
    odd = client.get(f"/ru/memory/{card.pk}/placard/", {"size": "letter"}).content.decode()
    assert "size: A4 portrait" in odd


@pytest.mark.django_db
def test_the_page_shows_the_first_public_photo_only(demo, client):
    card = make_card()
    add_photo(card, public=False)
    public = add_photo(card)
    add_photo(card)
    html = client.get(f"/ru/memory/{card.pk}/placard/").content.decode()
    assert public.image.url in html
    assert html.count("<img") == 2  # the site's emblem and this photo
    assert 'class="placard placard--a4"' in html


@pytest.mark.django_db
def test_the_page_runs_few_queries_and_its_english_is_english(demo, client):
    card = make_card()
    add_photo(card)
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
    card = make_card(status=status)
    assert client.get(f"/ru/memory/{card.pk}/placard/").status_code == 404
    assert client.get(f"/ru/memory/{card.pk}/placard/pdf/").status_code == 404
    assert client.get("/ru/memory/999999/placard/").status_code == 404


@pytest.mark.django_db
def test_a_merged_card_leads_to_the_kept_cards_placard(demo, client):
    kept = make_card()
    merged = make_card(surname="Петров", given_name="И.", status=CardStatus.MERGED)
    merged.merged_into = kept
    merged.save()
    response = client.get(f"/ru/memory/{merged.pk}/placard/", {"size": "a3"})
    assert response.status_code == 302
    assert response["Location"] == f"/ru/memory/{kept.pk}/placard/?size=a3"
    pdf = client.get(f"/ru/memory/{merged.pk}/placard/pdf/")
    assert pdf.status_code == 302 and pdf["Location"] == f"/ru/memory/{kept.pk}/placard/pdf/"


@pytest.mark.django_db
def test_a_merged_card_whose_kept_card_is_hidden_has_no_placard(demo, client):
    kept = make_card(status=CardStatus.HIDDEN)
    merged = make_card(status=CardStatus.MERGED)
    merged.merged_into = kept
    merged.save()
    orphan = make_card(status=CardStatus.MERGED)  # its kept card was deleted
    assert client.get(f"/ru/memory/{merged.pk}/placard/").status_code == 404
    assert client.get(f"/ru/memory/{orphan.pk}/placard/").status_code == 404


# --- The PDF -------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("size", "points"), [(None, (595, 842)), ("a3", (842, 1191))])
def test_the_pdf_has_the_cyrillic_name_on_the_asked_page_size(demo, client, size, points):
    card = make_card(surname="Соловьёв-Үсөнов")
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
    bare = make_card()
    pictured = make_card(surname="Жумабеков")
    add_photo(pictured, size=(600, 400))
    without = pdf_of(client, bare)
    with_photo = pdf_of(client, pictured)
    assert without.status_code == with_photo.status_code == 200
    assert not PdfReader(io.BytesIO(without.content)).pages[0].images
    images = PdfReader(io.BytesIO(with_photo.content)).pages[0].images
    assert len(images) == 1 and images[0].image.size == (600, 400)


@pytest.mark.django_db
def test_a_photo_keeps_its_proportions_and_leaves_room_for_the_text():
    card = make_card()
    built = placard.build(StubPage(), card)
    pdf = placard._new_pdf(placard.SHEETS["a4"])
    plan = placard.layout(pdf, built, placard.SHEETS["a4"], (1000, 1500))
    x, y, width, height = plan.photo_box
    assert width / height == pytest.approx(1000 / 1500)
    assert x == pytest.approx((595.28 - width) / 2)
    assert y + height < plan.text_top < plan.text_bottom
    without = placard.layout(pdf, built, placard.SHEETS["a4"], None)
    # Without a photo the name is set larger.
    assert without.blocks[0].size > plan.blocks[0].size


@pytest.mark.django_db
def test_a_missing_photo_file_leaves_the_photo_out(demo, client):
    card = make_card()
    photo = add_photo(card)
    photo.image.storage.delete(photo.image.name)
    response = pdf_of(client, card)
    assert response.status_code == 200
    assert not PdfReader(io.BytesIO(response.content)).pages[0].images


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["a4", "a3"])
def test_a_long_name_is_set_smaller_and_stays_on_the_sheet(code):
    sheet = placard.SHEETS[code]
    short = placard.build(StubPage(), make_card(surname="Ким"))
    long = placard.build(
        StubPage(),
        make_card(
            surname="Константинопольский-Задунайский",
            given_name="Александр",
            patronymic="Вольдемарович",
            awards="\n".join(f'Медаль "За оборону города номер {n}"' for n in range(12)),
        ),
    )
    pdf = placard._new_pdf(sheet)
    short_plan = placard.layout(pdf, short, sheet, None)
    long_plan = placard.layout(pdf, long, sheet, None)
    short_surname, long_surname = short_plan.blocks[0], long_plan.blocks[0]
    assert long_surname.size < short_surname.size
    assert long_surname.lines == ["Константинопольский-Задунайский"]
    margin = 36 * sheet.width / 595.28
    for block in long_plan.blocks:
        pdf.set_font("DejaVu", "B" if block.bold else "", block.size)
        for line in block.lines:
            assert pdf.get_string_width(line) <= sheet.width - 2 * margin
    total = sum(block.height for block in long_plan.blocks)
    assert total <= long_plan.text_bottom - long_plan.text_top
    # Every word of the name is there: nothing was cut.
    assert "".join(long_surname.lines) == long.surname


@pytest.mark.django_db
def test_an_absurdly_long_surname_wraps_instead_of_overflowing():
    sheet = placard.SHEETS["a4"]
    # Near the longest a name key holds (64 characters): the model allows 100, see the report.
    card = make_card(surname="Оченьоченьдлиннаяфамилия" * 2 + "Задунайская")
    pdf = placard._new_pdf(sheet)
    plan = placard.layout(pdf, placard.build(StubPage(), card), sheet, None)
    surname = plan.blocks[0]
    assert len(surname.lines) > 1
    assert "".join(surname.lines) == card.surname
    pdf.set_font("DejaVu", "B", surname.size)
    assert all(pdf.get_string_width(line) <= sheet.width - 72 for line in surname.lines)


@pytest.mark.django_db
def test_pdfs_are_rate_limited(demo, client, monkeypatch):
    monkeypatch.setattr(placard, "PDF_RATE", "2/m")
    card = make_card()
    assert [pdf_of(client, card).status_code for _ in range(3)] == [200, 200, 429]
