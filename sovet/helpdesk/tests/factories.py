"""Builders of the help desk's tests: the public pages, centres' staff, requests, files."""

from wagtail.models import Locale, Page, Site

from sovet.accounts.roles import Role
from sovet.core.testing import make_user
from sovet.core.tests.images import gps_jpeg, upload

from .. import services
from ..models import ArticlePage, Centre, CentreMember, HelpDeskPage, Topic

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

ARTICLES = [
    ("citizenship", Topic.DOCUMENTS, "Гражданство России", "Упрощённый порядок приёма",
     "<p>Паспорт гражданина и экзамен по русскому языку.</p>"),
    ("registration", Topic.MIGRATION, "Миграционный учёт", "Регистрация по месту пребывания",
     "<p>Встать на учёт по приезде: хозяин жилья или работодатель.</p>"),
    ("labour", Topic.LABOUR, "Трудовые права", "Договор и зарплата",
     "<p>Задержка зарплаты и увольнение: трудовая инспекция.</p>"),
    ("resettlement", Topic.RESETTLEMENT, "Программа переселения: документы", "Что готовить",
     "<p>Паспорт, дипломы, трудовая книжка с переводом.</p>"),
]  # fmt: skip


def make_site() -> HelpDeskPage:
    """Home and the help desk page with its articles in Russian, aliased into ky and en."""
    Page.objects.filter(depth=2).delete()  # Wagtail's own "Welcome" page
    root = Page.get_first_root_node()
    ru = Locale.objects.get(language_code="ru")
    home = root.add_child(instance=Page(title="Главная", slug="home", locale=ru))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    desk = home.add_child(instance=HelpDeskPage(title="Правовая помощь", slug="help"))
    articles = [
        desk.add_child(
            instance=ArticlePage(title=title, slug=slug, topic=topic, intro=intro, body=body)
        )
        for slug, topic, title, intro, body in ARTICLES
    ]
    for code in ("ky", "en"):
        locale = Locale.objects.create(language_code=code)
        for page in (home, desk, *articles):
            page.copy_for_translation(locale, alias=True)
    return desk


def centre(code: str = "bishkek") -> Centre:
    return Centre.objects.get(code=code)


def make_staff(email: str, centre_code: str = "bishkek"):
    user = make_user(email, roles=[Role.HELPDESK_STAFF])
    CentreMember.objects.create(centre=centre(centre_code), user=user)
    return user


def make_request(**changes):
    data = {
        "centre": centre(),
        "topic": Topic.LABOUR,
        "description": "Работодатель не платит зарплату два месяца.",
        "language": "ru",
        "email": "anna@example.org",
        "name": "Анна",
    }
    return services.request_submit(**{**data, **changes})


def pdf(name: str = "справка.pdf"):
    return upload(name, PDF, "application/pdf")


def photo(name: str = "паспорт.jpg"):
    return upload(name, gps_jpeg())
