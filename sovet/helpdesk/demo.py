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
        "турак жай, пенсиялар жана көчүп келүү боюнча Мамлекеттик программа.",
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

INVENTED_TRANSLATIONS = {
    "ky": (
        "Демонстрациялык текст: ал мисал үчүн ойлоп табылган жана укуктук кеңеш болуп "
        "саналбайт. Чыныгы макалаларды борборлордун юристтери жазышат."
    ),
    "en": (
        "A demo text: invented for the example, it is not legal advice. The real articles are "
        "written by the centres' lawyers."
    ),
}
# The articles in Kyrgyz and English, by slug: title, summary and the sections in ARTICLES' order.
ARTICLE_TRANSLATIONS = {
    "resettlement-who": {
        "ky": (
            "Көчүп келүү программасы: ким катыша алат",
            "Мекендеш деп кимди эсептешет жана Мамлекеттик программанын катышуучусу болуш үчүн "
            "кандай шарттарды аткаруу керек.",
            [
                ("Ким катыша алат", "Чет өлкөдө жашаган, бойго жеткен жана орус тилин билген "
                 "мекендештер. Шарттар мисал үчүн берилди: алар ойлоп табылган."),
                ("Үй-бүлө мүчөлөрү", "Катышуучу менен бирге жубайы, балдары, ата-энеси көчүп "
                 "бара алат — демонстрациялык тексттеги тизме шарттуу."),
                ("Качан баш тартышат", "Мисалы, соттуулугу болсо же документтери толук эмес "
                 "болсо; так негиздерин мыйзамдан караңыз."),
            ],
        ),
        "en": (
            "Resettlement programme: who can take part",
            "Who counts as a compatriot and what conditions you must meet to join the State "
            "Programme.",
            [
                ("Who can take part", "Compatriots living abroad who are of age and speak "
                 "Russian. The conditions here are an example: they are invented."),
                ("Family members", "A spouse, children and parents may move with the "
                 "participant; in this demo text the list is only indicative."),
                ("When you may be refused", "For example, with a criminal record or incomplete "
                 "documents; see the law for the exact grounds."),
            ],
        ),
    },
    "resettlement-steps": {
        "ky": (
            "Көчүп келүү программасы: кадамдар",
            "Аймакты тандоодон тартып катышуучунун күбөлүгүн алуу жана көчүп барууга чейин.",
            [
                ("1-кадам. Аймакты тандоо", "Программанын порталында аймактар жана бош жумуш "
                 "орундары менен таанышыңыз."),
                ("2-кадам. Арыз", "Арызды Россия ИИМинин Бишкектеги же Оштогу өкүлчүлүгүнө "
                 "тапшырыңыз."),
                ("3-кадам. Күбөлүк", "Арыз жактырылгандан кийин катышуучунун күбөлүгүн "
                 "алыңыз."),
                ("4-кадам. Көчүү", "Демонстрациялык тексттеги мөөнөттөр шарттуу."),
            ],
        ),
        "en": (
            "Resettlement programme: the steps",
            "From choosing a region to receiving the participant's certificate and moving.",
            [
                ("Step 1. Choose a region", "Study the regions and vacancies on the programme's "
                 "portal."),
                ("Step 2. The application", "Apply to the office of the Russian Ministry of "
                 "Internal Affairs in Bishkek or Osh."),
                ("Step 3. The certificate", "Once approved, receive the participant's "
                 "certificate."),
                ("Step 4. Moving", "The time limits in this demo text are only indicative."),
            ],
        ),
    },
    "resettlement-documents": {
        "ky": (
            "Көчүп келүү программасы: документтер",
            "Арыз үчүн кандай документтерди даярдоо керек жана аларды кантип которуп, "
            "күбөлөндүрүү керек.",
            [
                ("Паспорт жана сүрөттөр", "Паспорт, анын көчүрмөсү жана белгиленген үлгүдөгү "
                 "сүрөттөр."),
                ("Билим жана эмгек стажы тууралуу документтер", "Дипломдор, эмгек китепчеси — "
                 "эгер башка тилде болсо, орус тилине котормосу менен."),
                ("Которуу жана күбөлөндүрүү", "Котормону нотариус күбөлөндүрөт; тизме "
                 "шарттуу."),
            ],
        ),
        "en": (
            "Resettlement programme: documents",
            "Which documents to prepare for the application, and how to have them translated "
            "and certified.",
            [
                ("Passport and photographs", "Your passport, a copy of it and photographs of the "
                 "prescribed format."),
                ("Education and employment records", "Diplomas and the employment record book, "
                 "with a translation into Russian if they are in another language."),
                ("Translation and certification", "A notary certifies the translation; the list "
                 "is only indicative."),
            ],
        ),
    },
    "resettlement-regions": {
        "ky": (
            "Көчүп келүү программасы: Россиянын аймактары",
            "Россиянын кайсы субъекттери программага катышат жана алардын шарттары эмнеси "
            "менен айырмаланат.",
            [
                ("Катышуучу аймактар", "Аймактардын тизмеси өзгөрүп турат: аны программанын "
                 "порталынан текшериңиз. Бул жерде ал келтирилген жок."),
                ("Артыкчылыктуу аймактар", "Айрым аймактарда төлөмдөр жогору; "
                 "демонстрацияда суммалар көрсөтүлгөн жок."),
            ],
        ),
        "en": (
            "Resettlement programme: regions of Russia",
            "Which constituent entities of Russia take part in the programme and how their "
            "conditions differ.",
            [
                ("Participating regions", "The list of regions changes: check it on the "
                 "programme's portal. It is not given here."),
                ("Priority territories", "Some regions pay higher allowances; the amounts are "
                 "not given in this demo."),
            ],
        ),
    },
    "resettlement-where": {
        "ky": (
            "Көчүп келүү программасы: Кыргызстанда кайда кайрылуу керек",
            "Бишкекте жана Ошто арызды кайда тапшырып, кеңешти кайдан алса болот.",
            [
                ("Бишкекте", "Россия ИИМинин өкүлчүлүгү; дарегин жана кабыл алуу убактысын "
                 "барардан мурун тактаңыз."),
                ("Ошто", "Оштогу өкүлчүлүк; кабыл алууга алдын ала жазылыңыз."),
                ("Кеңеш алуу", "Кеңештин укуктук жардам борборлору акысыз кеңеш беришет."),
            ],
        ),
        "en": (
            "Resettlement programme: where to apply in Kyrgyzstan",
            "Where to apply in Bishkek and Osh, and where to get advice.",
            [
                ("In Bishkek", "The office of the Russian Ministry of Internal Affairs; check "
                 "its address and opening hours before you go."),
                ("In Osh", "The office in Osh; book an appointment in advance."),
                ("Advice", "The Council's legal-aid centres give advice free of charge."),
            ],
        ),
    },
    "migration-registration": {
        "ky": (
            "Миграциялык каттоо",
            "Россияга келгенде миграциялык каттоого кантип туруу керек жана кечиксеңиз эмне "
            "болот.",
            [
                ("Мөөнөттөр", "Келгенден кийин турган жериңиз боюнча каттоого туруу керек; "
                 "демонстрациядагы мөөнөттөр шарттуу."),
                ("Каттоого ким коёт", "Кабыл алуучу тарап: турак жайдын ээси же иш берүүчү."),
                ("Мөөнөт өтүп кетсе", "Кеңеш алыңыз: айыптар жана кесепеттер жагдайга жараша "
                 "болот."),
            ],
        ),
        "en": (
            "Migration registration",
            "How to register with the migration authorities on arrival in Russia, and what "
            "happens if you are late.",
            [
                ("Time limits", "On arrival you must register at the place where you stay; the "
                 "time limits in this demo are only indicative."),
                ("Who registers you", "The receiving party: your landlord or your employer."),
                ("If you missed the deadline", "Ask for advice: fines and consequences depend "
                 "on the circumstances."),
            ],
        ),
    },
    "citizenship": {
        "ky": (
            "Россия Федерациясынын жарандыгы",
            "Мекендештер үчүн жарандыкка кабыл алуунун жалпы жана жөнөкөйлөтүлгөн тартиби.",
            [
                ("Жөнөкөйлөтүлгөн тартип", "Көчүп келүү программасынын катышуучулары жарандыкты "
                 "жөнөкөйлөтүлгөн тартипте ала алышат."),
                ("Орус тили боюнча сынак", "Сынактан ким бошотулганын мыйзамдан караңыз; бул "
                 "жерде мисал гана."),
                ("Кош жарандык", "Россия менен Кыргызстандын ортосунда келишим иштейт; "
                 "чоо-жайын юристтен тактаңыз."),
            ],
        ),
        "en": (
            "Citizenship of the Russian Federation",
            "The general and the simplified procedure of admission to citizenship for "
            "compatriots.",
            [
                ("Simplified procedure", "Participants in the resettlement programme can obtain "
                 "citizenship under the simplified procedure."),
                ("The Russian language exam", "Who is exempt from the exam: see the law; this "
                 "is only an example."),
                ("Dual citizenship", "An agreement between Russia and Kyrgyzstan is in force; "
                 "ask a lawyer for the details."),
            ],
        ),
    },
    "labour-rights": {
        "ky": (
            "Эмгек укуктары",
            "Эмгек келишими, айлык акы, жумуштан бошотуу: укуктарыңыз бузулса эмне кылуу керек.",
            [
                ("Эмгек келишими", "Жазуу жүзүндөгү келишимди талап кылыңыз: ансыз "
                 "иштегениңизди жана айлыгыңызды далилдөө кыйын."),
                ("Айлык кечиктирилсе", "Даталарды жана суммаларды жазып алыңыз, кат алышууну "
                 "сактаңыз."),
                ("Кайда даттануу керек", "Эмгек инспекциясына же сотко; борбор арыз түзүүгө "
                 "жардам берет."),
            ],
        ),
        "en": (
            "Labour rights",
            "Employment contract, wages, dismissal: what to do if your rights are violated.",
            [
                ("Employment contract", "Insist on a written contract: without one it is hard "
                 "to prove that you worked and what you were paid."),
                ("Late wages", "Write down the dates and amounts, and keep your "
                 "correspondence."),
                ("Where to complain", "To the labour inspectorate or a court; the centre will "
                 "help you draft the complaint."),
            ],
        ),
    },
}  # fmt: skip

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
    existing = HelpDeskPage.objects.filter(locale=home.locale).first()
    if existing is not None:
        return _aliased_articles(existing)
    page = home.add_child(
        instance=HelpDeskPage(title="Правовая помощь", slug="help", show_in_menus=True, intro=INTRO)
    )
    articles = []
    for slug, topic, title, summary, sections in ARTICLES:
        article = page.add_child(
            instance=ArticlePage(
                title=title, slug=slug, topic=topic, intro=summary, body=_body(sections)
            )
        )
        articles.append((article, article_translations(slug, title, summary, sections)))
    if LocaleSynchronization.objects.filter(sync_from=home.locale).exists():
        # A site loaded before the help desk existed: the page is aliased into ky and en once
        # this returns (site.demo), its articles after that.
        transaction.on_commit(lambda: _alias_articles(page.pk))
    # The page first: its articles are translated under its translations.
    return [(page, PAGE_TRANSLATIONS), *articles]


def _aliased_articles(page) -> list:
    """The demo's articles that an older demo left as aliases in ky or en, with their
    translations (the ``demo_pages`` hook of a site loaded before they were translated)."""
    articles = {
        slug: (title, summary, sections) for slug, _topic, title, summary, sections in ARTICLES
    }
    aliased = ArticlePage.objects.filter(alias_of__isnull=False).values("translation_key")
    return [
        (article, article_translations(article.slug, *articles[article.slug]))
        for article in ArticlePage.objects.child_of(page).filter(
            slug__in=articles, translation_key__in=aliased
        )
    ]


def article_translations(slug, title, summary, sections) -> dict:
    """{"ky": {russian text: kyrgyz text}, "en": {…}} for an article's title, summary and body."""
    result = {}
    for language, (title_tr, summary_tr, sections_tr) in ARTICLE_TRANSLATIONS[slug].items():
        strings = {
            title: title_tr,
            summary: summary_tr,
            _text(INVENTED): INVENTED_TRANSLATIONS[language],
        }
        for (heading, text), (heading_tr, text_tr) in zip(sections, sections_tr, strict=True):
            strings[heading] = heading_tr
            strings[text] = text_tr
        result[language] = strings
    return result


def _text(html: str) -> str:
    return html.removeprefix("<p><em>").removesuffix("</em></p>")


def _alias_articles(page_pk: int) -> None:
    page = HelpDeskPage.objects.get(pk=page_pk)
    for locale in Locale.objects.exclude(pk=page.locale_id):
        if not page.get_translations().filter(locale=locale).exists():
            continue
        for article in ArticlePage.objects.child_of(page):
            if not article.get_translations().filter(locale=locale).exists():
                article.copy_for_translation(locale, alias=True)
