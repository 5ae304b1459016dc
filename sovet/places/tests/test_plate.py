"""The QR plate of a memorial place: a landscape page to print and a PDF, in Russian and Kyrgyz,
with the QR code of the place's absolute address; for published places only."""

import io
import re
from dataclasses import replace

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from sovet.core.i18n_checks import untranslated_texts
from sovet.core.tests.pdf_layout import laid_out, placed
from sovet.places import plate
from sovet.places.models import PlaceKind

from .factories import make_place

NAME_RU = "Братская могила советских воинов"
NAME_KY = "Советтик жоокерлердин бир туугандык күмбөзү"


def plate_url(page, place, route="plate", language="ru"):
    path = page.url + page.reverse_subpage(route, kwargs={"pk": place.pk})
    return path.replace("/ru/", f"/{language}/", 1)


def expected(language, text, **values):
    with translation.override(language):
        return gettext(text) % values if values else gettext(text)


def kind_label(language, kind):
    with translation.override(language):
        return str(PlaceKind(kind).label)


@pytest.fixture
def grave(site):
    return make_place(NAME_RU, kind="mass_grave", name_ky=NAME_KY, year_erected=1967)


@pytest.mark.django_db
def test_the_page_shows_both_names_kind_year_invitation_and_the_qr_code(site, grave, client):
    response = client.get(plate_url(site, grave))
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(rf'<p class="plate__name plate__name--ru" lang="ru">{NAME_RU}</p>', html)
    assert re.search(rf'<p class="plate__name plate__name--ky" lang="ky">{NAME_KY}</p>', html)
    assert kind_label("ru", "mass_grave") in html
    assert expected("ru", "Year erected: %(year)s", year=1967) in html
    assert expected("ru", "Scan to learn more and report damage") in html
    assert re.search(r'<svg[^>]*class="placard__qr-code"', html)
    assert f"{settings.SITE_URL}/ru/memory/places/{grave.pk}/" in html
    assert "size: A5 landscape" in html
    assert f"/ru/memory/places/{grave.pk}/plate/pdf/?size=a4" in html


@pytest.mark.django_db
def test_the_qr_code_holds_the_places_absolute_address(site, grave, client, monkeypatch):
    encoded = []
    original = plate.qr_code
    monkeypatch.setattr(plate, "qr_code", lambda url: encoded.append(url) or original(url))
    built = plate.build(site, grave)
    assert client.get(plate_url(site, grave, "plate_pdf")).status_code == 200
    address = f"{settings.SITE_URL}/ru/memory/places/{grave.pk}/"
    assert built.url == address and encoded == [address]
    # The page draws the code of that address.
    html = client.get(plate_url(site, grave)).content.decode()
    drawn = re.search(r'<svg[^>]*class="placard__qr-code".*?</svg>', html, re.S).group(0)
    modules = re.search(r' d="([^"]+)"', plate.qr_svg(original(address), "")).group(1)
    assert f' d="{modules}"' in drawn


@pytest.mark.django_db
def test_the_kyrgyz_lines_are_left_out_when_they_would_repeat_the_russian(site, client):
    place = make_place("Обелиск землякам", kind="obelisk")
    russian, kyrgyz = plate.build(site, place).lines
    assert russian.about == kind_label("ru", "obelisk")  # no year: the kind alone
    assert kyrgyz.name == ""
    for field in ("about", "call"):
        # Not translated yet, a line is the Russian one again: then it is left out.
        assert getattr(kyrgyz, field) != getattr(russian, field)
    html = client.get(plate_url(site, place)).content.decode()
    assert html.count('class="plate__name ') == 1


@pytest.mark.django_db
def test_a4_is_asked_for_and_an_unknown_size_is_a5(site, grave, client):
    a4 = client.get(plate_url(site, grave), {"size": "A4"}).content.decode()
    assert "size: A4 landscape" in a4 and "size: A5" not in a4
    odd = client.get(plate_url(site, grave), {"size": "letter"}).content.decode()
    assert "size: A5 landscape" in odd


@pytest.mark.django_db
@pytest.mark.parametrize(("size", "points"), [(None, (595, 420)), ("a4", (842, 595))])
def test_the_pdf_is_a_landscape_sheet_with_the_names_and_the_address(
    site,
    grave,
    client,
    size,
    points,
):
    response = client.get(plate_url(site, grave, "plate_pdf"), {"size": size} if size else {})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    code = size or "a5"
    assert response["Content-Disposition"] == f'inline; filename="plate-{grave.pk}-{code}.pdf"'
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == points
    text = " ".join(reader.pages[0].extract_text().split())
    for words in (NAME_RU, NAME_KY, f"/ru/memory/places/{grave.pk}/", "1967"):
        assert words in text.replace("\u00a0", " ")
    assert reader.metadata.title == NAME_RU


@pytest.mark.django_db
def test_a_very_long_name_still_fits_the_sheet(site, client):
    place = make_place(" ".join(["Мемориальный комплекс воинам-интернационалистам"] * 5))
    # The PDF's own layout (WeasyPrint's boxes, in points): the names and what the place is
    # above the invitation, all on the sheet, the name smaller than a short one's.
    document = laid_out(client.get(plate_url(site, place)).content.decode())
    (sheet,) = placed(document, "plate")
    (name,) = placed(document, "plate__name")
    about, calls = placed(document, "plate__about")[-1], placed(document, "plate__calls")[0]
    assert name.top >= sheet.top and about.bottom <= calls.top and calls.bottom <= sheet.bottom
    largest = plate.LARGEST["name"] * sheet.width / 100
    assert name.font_size < largest
    response = client.get(plate_url(site, place, "plate_pdf"))
    assert response.status_code == 200 and len(PdfReader(io.BytesIO(response.content)).pages) == 1


@pytest.mark.django_db
def test_drafts_and_unknown_places_have_no_plate(site, client):
    draft = make_place("Черновик", status="draft")
    for route in ("plate", "plate_pdf"):
        assert client.get(plate_url(site, draft, route)).status_code == 404
    assert client.get("/ru/memory/places/999999/plate/").status_code == 404
    assert client.get("/ru/memory/places/999999/plate/pdf/").status_code == 404


@pytest.mark.django_db
def test_too_many_pdfs_from_one_address_are_refused(site, grave, client, monkeypatch):
    monkeypatch.setattr(plate, "PDF_LIMIT", replace(plate.PDF_LIMIT, rate="2/m"))
    url = plate_url(site, grave, "plate_pdf")
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]


@pytest.mark.django_db
def test_the_page_runs_few_queries_in_every_language(site, grave, client):
    client.get(plate_url(site, grave))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(plate_url(site, grave)).status_code == 200
    assert len(queries) < 20
    for language in ("ky", "en"):
        response = client.get(plate_url(site, grave, language=language))
        assert response.status_code == 200
        # The plate itself is Russian and Kyrgyz whatever the page's language.
        assert (
            f"{settings.SITE_URL}/{language}/memory/places/{grave.pk}/" in response.content.decode()
        )
        assert NAME_RU in response.content.decode()
    # The interface strings are new: once they are translated, check "ru" and "ky" too.
    english = client.get(plate_url(site, grave, language="en")).content.decode()
    assert not untranslated_texts(english, "en")
