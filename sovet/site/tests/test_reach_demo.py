"""What people could not reach (issue 15) on the demo content: the memorial places in the main
menu, library documents as pages, the HTML site map, the contact page's addresses."""

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Collection, PageViewRestriction

from sovet.core.models import LibraryDocument
from sovet.core.testing import page_text
from sovet.site.models import CouncilContacts, StandardPage

MENU_PLACES = {
    "ru": 'href="/ru/memory/places/"',
    "ky": 'href="/ky/memory/places/"',
    "en": 'href="/en/memory/places/"',
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_the_main_menu_has_the_memorial_places_under_memory(demo, client, language):
    text = page_text(client.get(f"/{language}/"), 'class="main-nav__parent"')
    menu = text[text.index('class="main-nav__list"') : text.index('id="site-search"')]
    memory = menu[menu.index('class="main-nav__parent"') :]
    memory = memory[: memory.index("</ul>")]
    assert f'href="/{language}/memory/"' in memory
    assert 'class="main-nav__sub"' in memory and MENU_PLACES[language] in memory


@pytest.mark.django_db
def test_the_menu_marks_the_places_page_as_current_and_costs_no_more_queries(demo, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sovet.memory.models import MemoryIndexPage

    text = page_text(client.get("/ru/memory/places/"), "Места памяти")
    assert '<a href="/ru/memory/places/" aria-current="page">Места памяти</a>' in text
    client.get("/ru/about/")
    with CaptureQueriesContext(connection) as few:
        client.get("/ru/about/")
    memory = MemoryIndexPage.objects.get(locale__language_code="ru")
    for number in range(5):
        memory.add_child(
            instance=StandardPage(
                title=f"Раздел {number}", slug=f"part-{number}", show_in_menus=True
            )
        )
    with CaptureQueriesContext(connection) as many:
        text = page_text(client.get("/ru/about/"), "Раздел 4")
    assert len(many) == len(few)


def _document(title, name, body: bytes, **fields):
    return LibraryDocument.objects.create(
        title=title,
        file=ContentFile(body, name=name),
        collection=Collection.get_first_root_node(),
        **fields,
    )


@pytest.mark.django_db
def test_a_markdown_document_opens_as_a_page_with_a_separate_download(demo, client):
    document = _document(
        "Положение о Совете",
        "polozhenie.md",
        "# Положение\n\nСовет **координирует** работу.\n\n<script>alert('x')</script>\n".encode(),
        description="Основной документ.",
    )
    listing = page_text(
        client.get("/ru/documents/"),
        f'<a href="/ru/documents/{document.pk}/" lang="ru">Положение о Совете</a>',
        f'href="{document.url}" download="polozhenie.md"',
    )
    assert f'<a href="{document.url}" lang="ru">' not in listing  # the title is not the file
    text = page_text(
        client.get(f"/ru/documents/{document.pk}/"),
        '<h1 lang="ru">Положение о Совете</h1>',
        "<h2>Положение</h2>",
        "<strong>координирует</strong>",
        f'href="{document.url}" download="polozhenie.md"',
        "Скачать файл (MD",
    )
    assert "<script" not in text.split('<main id="main"')[1].split("</main>")[0]
    assert "alert('x')" not in text


@pytest.mark.django_db
def test_a_pdf_opens_in_the_browser_and_an_office_file_is_offered_for_download(demo, client):
    pdf = _document("Отчёт", "otchet.pdf", b"%PDF-1.4 test")
    page_text(
        client.get(f"/ru/documents/{pdf.pk}/"),
        f'<a class="button" href="{pdf.url}">Открыть PDF в браузере</a>',
        f'href="{pdf.url}" download="otchet.pdf"',
    )
    served = client.get(pdf.url)
    assert served.status_code == 200 and served["Content-Disposition"].startswith("inline")
    docx = _document("Устав", "ustav.docx", b"PK\x03\x04 not really")
    text = page_text(client.get(f"/en/documents/{docx.pk}/"), "opens in an office program")
    assert "Open the PDF" not in text


@pytest.mark.django_db
def test_a_document_of_a_restricted_collection_has_no_page(demo, client):
    private = Collection.get_first_root_node().add_child(name="Вложения отчётов")
    private.view_restrictions.create(restriction_type="login")
    document = LibraryDocument.objects.create(
        title="Секретное вложение",
        file=ContentFile(b"# secret", name="secret.md"),
        collection=private,
    )
    page_text(client.get("/ru/documents/"), "Резолюция XII страновой конференции")
    assert client.get(f"/ru/documents/{document.pk}/").status_code == 404
    assert client.get("/ru/documents/999999/").status_code == 404


@pytest.mark.django_db
def test_the_footer_site_map_is_a_page_of_the_public_pages_in_the_language(demo, client):
    home = page_text(client.get("/ky/"), 'href="/ky/sitemap/"')
    assert 'href="/sitemap.xml"' not in home
    about = StandardPage.objects.get(locale__language_code="ru", slug="about")
    draft = about.add_child(
        instance=StandardPage(title="Черновик страницы", slug="draft", live=False)
    )
    secret = about.add_child(instance=StandardPage(title="Только для своих", slug="secret"))
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    text = page_text(
        client.get("/ru/sitemap/"),
        "<h1>Карта сайта</h1>",
        '<a href="/ru/about/">О Совете</a>',
        '<a href="/ru/memory/places/">Места памяти</a>',
        '<a href="/ru/events/">Мероприятия</a>',
    )
    assert draft.title not in text and secret.title not in text
    assert "/ru/news/" in text and "/ru/news/gotovimsya" not in text  # news items: on the news page
    english = page_text(
        client.get("/en/sitemap/"), "<h1>Site map</h1>", 'href="/en/memory/places/"'
    )
    tree = english.split('class="site-map"')[1].split("</main>")[0]
    assert 'href="/ru/' not in tree
    assert client.get("/sitemap.xml").status_code == 200  # still there for search engines


# The demo's contacts as each language's page must write them.
CONTACTS = {
    "ru": (
        "720040, г. Бишкек",
        "Пн–Пт 9:00–18:00, перерыв 13:00–14:00",
        "Центр правовой поддержки соотечественников в Бишкеке",
        "Центр правовой поддержки соотечественников в Оше",
        "ул. Ленина, 205",
    ),
    "ky": (
        "720040, Бишкек ш.",
        "Дш–Жм 9:00–18:00, тыныгуу 13:00–14:00",
        "Бишкектеги мекендештерге укуктук колдоо борбору",
        "Оштогу мекендештерге укуктук колдоо борбору",
        "Ленин көчөсү, 205",
    ),
    "en": (
        "720040, Bishkek",
        "Mon–Fri 9:00–18:00, lunch break 13:00–14:00",
        "Legal Support Centre for Compatriots in Bishkek",
        "Legal Support Centre for Compatriots in Osh",
        "205 Lenin St",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, shows",
    [
        ("ru", ("Адрес, часы работы и телефон", "Офис Совета", "Часы работы", "Показать на карте")),
        ("ky", ("Дарек, иштөө убактысы жана телефон", "Кеңештин кеңсеси", "Картада көрсөтүү")),
        ("en", ("Address, hours and phone", "The Council's office", "Show on a map")),
    ],
)
def test_the_contact_page_shows_the_address_hours_phone_and_the_legal_aid_centres(
    demo, client, language, shows
):
    contacts = CouncilContacts.load()
    text = page_text(
        client.get(f"/{language}/contact/"),
        *shows,
        *CONTACTS[language],
        f'href="tel:+996312000000">{contacts.phone}</a>',
        f'href="{contacts.map_url.replace("&", "&amp;")}"',
        'name="message"',  # the form is still there
    )
    assert text.index("Офис Совета" if language == "ru" else shows[1]) < text.index(
        'name="message"'
    )
    # The footer's address is in the page's language too, on every page.
    page = page_text(client.get(f"/{language}/news/"), '<footer class="site-footer">')
    footer = page[page.index('<footer class="site-footer">') :]
    assert f'<p lang="{language}">{CONTACTS[language][0]}</p>' in footer


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ky", "en"])
def test_contacts_not_translated_are_shown_in_russian_marked_as_such(demo, client, language):
    contacts = CouncilContacts.load()
    contacts.address_ky = contacts.address_en = ""
    contacts.hours_ky = contacts.hours_en = ""
    contacts.save()
    text = page_text(client.get(f"/{language}/contact/"), CONTACTS[language][2])
    assert '<span lang="ru">720040, г. Бишкек</span>' in text
    assert '<dd lang="ru">Пн–Пт 9:00–18:00, перерыв 13:00–14:00</dd>' in text


@pytest.mark.django_db
def test_the_secretary_keeps_the_contacts_in_the_settings(demo, client):
    contacts = CouncilContacts.load()
    contacts.hours = "Пн–Сб 10:00–15:00"
    contacts.centres = []
    contacts.save()
    text = page_text(client.get("/ru/contact/"), "Пн–Сб 10:00–15:00")
    assert "Центр правовой поддержки соотечественников в Оше" not in text
