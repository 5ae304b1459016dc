"""The help desk's demo content: the help desk page with knowledge-base articles (real headings,
invented text marked as such) and a few requests in each centre for the staff's queues."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Locale
from wagtail_localize.models import LocaleSynchronization

from sovet.accounts.demo import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_TOTP_SECRET
from sovet.accounts.models import User
from sovet.accounts.roles import Role
from sovet.core.models import Region

from . import services
from .models import (
    ArticlePage,
    CannedAnswer,
    Centre,
    CentreMember,
    CentreRole,
    HelpDeskPage,
    HelpRequest,
    Topic,
)

# The centres' demo staff (the administrator's password and two-factor secret): the head of the
# Bishkek centre and a lawyer in Osh, so each sees their own centre's queue and nothing else.
DEMO_STAFF = [
    ("bishkek@sovet.kg", "Айгерим", "Юристова", "bishkek", CentreRole.HEAD),
    ("osh@sovet.kg", "Бакыт", "Консультантов", "osh", CentreRole.LAWYER),
]

INVENTED = (
    "<p><em>Демонстрационный текст: он придуман для примера и не является правовой "
    "консультацией. Настоящие статьи пишут юристы центров.</em></p>"
)
INTRO = (
    "Бесплатная правовая помощь соотечественникам: документы и гражданство, работа, миграция, "
    "жильё, пенсии и Государственная программа переселения."
)
PAGE_TRANSLATIONS = {
    "ky": {
        "Правовая помощь": "Укуктук жардам",
        INTRO: "Мекендештерге акысыз укуктук жардам: документтер жана жарандык, иш, миграция, "
        "турак жай, пенсиялар жана Мекендештерди көчүрүү боюнча мамлекеттик программа.",
    },
    "en": {
        "Правовая помощь": "Legal aid",
        INTRO: "Free legal aid for compatriots: documents and citizenship, work, migration, "
        "housing, pensions and the State resettlement programme.",
    },
}

# slug, topic, title, summary, [(heading, paragraph)]
ARTICLES = [
    (
        "resettlement-who",
        Topic.RESETTLEMENT,
        "Программа переселения: кто может участвовать",
        "Кто считается соотечественником и какие условия нужно выполнить, чтобы стать участником "
        "Государственной программы.",
        [
            ("Кто может участвовать", "Соотечественники, проживающие за рубежом, достигшие "
             "совершеннолетия и владеющие русским языком. Условия для примера: придуманы."),
            ("Члены семьи", "Вместе с участником могут переехать супруг, дети, родители — "
             "в демонстрационном тексте перечень условный."),
            ("Когда откажут", "Например, при судимости или неполных документах; "
             "точные основания смотрите в законе."),
        ],
    ),
    (
        "resettlement-steps",
        Topic.RESETTLEMENT,
        "Программа переселения: шаги",
        "От выбора региона до получения свидетельства участника и переезда.",
        [
            ("Шаг 1. Выбор региона", "Изучите регионы и вакансии на портале программы."),
            ("Шаг 2. Заявление", "Подайте заявление в представительство МВД России в "
             "Бишкеке или Оше."),
            ("Шаг 3. Свидетельство", "После одобрения получите свидетельство участника."),
            ("Шаг 4. Переезд", "Сроки в демонстрационном тексте условные."),
        ],
    ),
    (
        "resettlement-documents",
        Topic.RESETTLEMENT,
        "Программа переселения: документы",
        "Какие документы готовить для заявления и как их перевести и заверить.",
        [
            ("Паспорт и фотографии", "Паспорт, его копия и фотографии установленного образца."),
            ("Документы об образовании и стаже", "Дипломы, трудовая книжка — с переводом на "
             "русский язык, если они на другом языке."),
            ("Перевод и заверение", "Перевод заверяет нотариус; список условный."),
        ],
    ),
    (
        "resettlement-regions",
        Topic.RESETTLEMENT,
        "Программа переселения: регионы России",
        "Какие субъекты России участвуют в программе и чем отличаются их условия.",
        [
            ("Регионы-участники", "Перечень регионов меняется: проверяйте его на портале "
             "программы. Здесь он не приводится."),
            ("Приоритетные территории", "В некоторых регионах выплаты выше; суммы в "
             "демонстрации не указаны."),
        ],
    ),
    (
        "resettlement-where",
        Topic.RESETTLEMENT,
        "Программа переселения: куда обращаться в Кыргызстане",
        "Где подать заявление в Бишкеке и Оше и где получить консультацию.",
        [
            ("В Бишкеке", "Представительство МВД России; адрес и часы приёма уточняйте "
             "перед визитом."),
            ("В Оше", "Представительство в Оше; запись на приём заранее."),
            ("Консультация", "Центры правовой помощи Совета консультируют бесплатно."),
        ],
    ),
    (
        "migration-registration",
        Topic.MIGRATION,
        "Миграционный учёт",
        "Как встать на миграционный учёт по приезде в Россию и что будет, если опоздать.",
        [
            ("Сроки", "По приезде нужно встать на учёт по месту пребывания; сроки в "
             "демонстрации условные."),
            ("Кто ставит на учёт", "Принимающая сторона: хозяин жилья или работодатель."),
            ("Если срок пропущен", "Обратитесь за консультацией: штрафы и последствия зависят "
             "от обстоятельств."),
        ],
    ),
    (
        "citizenship",
        Topic.DOCUMENTS,
        "Гражданство Российской Федерации",
        "Общий и упрощённый порядок приёма в гражданство для соотечественников.",
        [
            ("Упрощённый порядок", "Участники программы переселения могут получить гражданство "
             "в упрощённом порядке."),
            ("Экзамен по русскому языку", "Кто освобождён от экзамена — смотрите закон; "
             "здесь пример."),
            ("Двойное гражданство", "Между Россией и Кыргызстаном действует соглашение; "
             "подробности уточняйте у юриста."),
        ],
    ),
    (
        "labour-rights",
        Topic.LABOUR,
        "Трудовые права",
        "Трудовой договор, зарплата, увольнение: что делать, если права нарушены.",
        [
            ("Трудовой договор", "Требуйте письменный договор: без него трудно доказать "
             "работу и зарплату."),
            ("Задержка зарплаты", "Запишите даты и суммы, сохраните переписку."),
            ("Куда жаловаться", "В трудовую инспекцию или в суд; центр поможет составить "
             "заявление."),
        ],
    ),
]  # fmt: skip

# centre code, topic, language, region code, name, e-mail, phone, description
REQUESTS = [
    ("bishkek", Topic.RESETTLEMENT, "ru", "chui", "Ольга", "olga@example.org", "",
     "Хочу участвовать в программе переселения вместе с мамой. Какие документы нужны для неё?"),
    ("bishkek", Topic.DOCUMENTS, "ru", "bishkek", "", "", "+996555123456",
     "Потерял российский паспорт в Бишкеке. Куда обращаться?"),
    ("bishkek", Topic.LABOUR, "ky", "issyk-kul", "Айбек", "aibek@example.org", "",
     "Москвада иштеп жүрөм, эки айдан бери айлык берилген жок. Эмне кылсам болот?"),
    ("bishkek", Topic.MIGRATION, "en", "bishkek", "Anna", "anna@example.org", "",
     "How do I register at my address when I arrive in Russia?"),
    ("osh", Topic.PENSIONS, "ru", "osh-city", "Валентина", "", "+996772123456",
     "Как перевести российскую пенсию в Кыргызстан?"),
    ("osh", Topic.RESETTLEMENT, "ru", "jalal-abad", "Сергей", "sergey@example.org", "",
     "В какие регионы России можно переехать по программе с семьёй из пяти человек?"),
    ("osh", Topic.PROPERTY, "ky", "batken", "Нурлан", "nurlan@example.org", "",
     "Орусиядагы батирди кантип сатсам болот, эгер мен Кыргызстанда жашасам?"),
]  # fmt: skip


def load():
    staff = load_staff()
    if HelpRequest.objects.exists():
        return f"Help desk: already loaded. {staff}"
    centres = {centre.code: centre for centre in Centre.objects.all()}
    regions = {region.code: region for region in Region.objects.all()}
    for code, topic, language, region, name, email, phone, description in REQUESTS:
        services.request_submit(
            centre=centres[code],
            topic=topic,
            description=description,
            language=language,
            region=regions.get(region),
            name=name,
            email=email,
            phone=phone,
        )
    CannedAnswer.objects.create(
        centre=centres["bishkek"],
        topic=Topic.MIGRATION,
        title="Сроки постановки на миграционный учёт",
        text_ru="Здравствуйте! Встать на миграционный учёт нужно в течение 7 рабочих дней со дня "
        "прибытия. (Демонстрационный ответ: придуман для примера.)",
        text_ky="Саламатсызбы! Миграциялык каттоого келген күндөн тартып 7 жумуш күнүнүн ичинде "
        "туруу керек. (Демонстрациялык жооп: мисал үчүн ойлоп табылган.)",
        text_en="Hello! You must register within 7 working days of arrival. (A demo answer, "
        "invented for the example.)",
    )
    return f"Help desk: {len(REQUESTS)} invented requests in {len(centres)} centres. {staff}"


def load_staff() -> str:
    for email, first_name, last_name, centre, role in DEMO_STAFF:
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email, DEMO_ADMIN_PASSWORD, first_name=first_name, last_name=last_name
        )
        user.groups.add(Group.objects.get(name=Role.HELPDESK_STAFF))
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_ADMIN_TOTP_SECRET)
        CentreMember.objects.update_or_create(
            centre=Centre.objects.get(code=centre), user=user, defaults={"role": role}
        )
    return "Demo help-desk staff: " + ", ".join(email for email, *_rest in DEMO_STAFF) + "."


def _body(sections) -> str:
    parts = [INVENTED]
    for heading, text in sections:
        parts.append(f"<h2>{heading}</h2><p>{text}</p>")
    return "".join(parts)


def add_pages(home):
    """The ``demo_pages`` hook: the help desk page and its articles under the home page."""
    if HelpDeskPage.objects.filter(locale=home.locale).exists():
        return []
    page = home.add_child(
        instance=HelpDeskPage(title="Правовая помощь", slug="help", show_in_menus=True, intro=INTRO)
    )
    for slug, topic, title, summary, sections in ARTICLES:
        page.add_child(
            instance=ArticlePage(
                title=title, slug=slug, topic=topic, intro=summary, body=_body(sections)
            )
        )
    if LocaleSynchronization.objects.filter(sync_from=home.locale).exists():
        # A site loaded before the help desk existed: the page is aliased into ky and en once
        # this returns (site.demo), its articles after that.
        transaction.on_commit(lambda: _alias_articles(page.pk))
    return [(page, PAGE_TRANSLATIONS)]


def _alias_articles(page_pk: int) -> None:
    page = HelpDeskPage.objects.get(pk=page_pk)
    for locale in Locale.objects.exclude(pk=page.locale_id):
        if not page.get_translations().filter(locale=locale).exists():
            continue
        for article in ArticlePage.objects.child_of(page):
            if not article.get_translations().filter(locale=locale).exists():
                article.copy_for_translation(locale, alias=True)
