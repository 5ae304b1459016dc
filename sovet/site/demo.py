"""Demo content of the public site: the pages in Russian, Kyrgyz and English, news about the XII conference, and the conference's resolution in the
documents library.

Pages are written in Russian; Kyrgyz and English trees are kept in sync by wagtail-localize,
so an untranslated page shows its Russian content with a notice.
"""

from datetime import date
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files import File
from wagtail import hooks
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import (
    LocaleSynchronization,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.synctree import create_aliases_for_new_page

from sovet.core.models import DocumentCategory, LibraryDocument

from .models import (
    ContactFormField,
    ContactPage,
    CouncilContacts,
    DocumentsPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    StandardPage,
)

DATA = Path(__file__).parent / "demo_data"
RESOLUTION_FILE = DATA / "resolution-xii-conference-2021.md"

HOME = {
    "title": "Главная",
    "hero_title": "Координационный совет организаций российских соотечественников Кыргызстана",
    "hero_text": (
        "Мы объединяем организации соотечественников по всей стране: сохраняем русский язык, "
        "культуру и историческую память, поддерживаем молодёжь, женщин, ветеранов и всех, "
        "кому нужна помощь."
    ),
    "hero_link_label": "О Совете",
}
ABOUT = {
    "title": "О Совете",
    "intro": (
        "Координационный совет российских соотечественников Кыргызской Республики (КСОРС) "
        "объединяет десятки организаций соотечественников из всех регионов страны."
    ),
    "paragraphs": [
        "Каждый год страновая конференция делегатов подводит итоги работы и принимает "
        "резолюцию — перечень решений на следующий период.",
        "Между конференциями организации проводят мероприятия и акции, ведут проекты памяти, "
        "работают с молодёжью и волонтёрами, помогают соотечественникам юридическими "
        "консультациями в Бишкеке и Оше.",
    ],
    "quote": "Сохранять русский язык, культуру и историческую память — наше общее дело.",
}
CONTACT_LEAD = "Напишите нам: мы ответим по электронной почте или позвоним."
CONTACT_INTRO = f"<p>{CONTACT_LEAD}</p>"  # rich text; wagtail-localize translates the paragraph
CONTACT_SUBJECT = "Сообщение с сайта КСОРС"
CONTACT_THANKS = "Спасибо! Ваше сообщение отправлено, мы ответим в течение двух рабочих дней."
CONTACT_THANK_YOU = f"<p>{CONTACT_THANKS}</p>"
CONTACT_PHONE_HELP = "Оставьте телефон или электронную почту: достаточно одного."
# key, label, type, required, help text
CONTACT_FIELDS = [
    ("name", "Ваше имя", "singleline", True, ""),
    ("email", "Электронная почта", "email", False, ""),
    ("phone", "Телефон", "singleline", False, CONTACT_PHONE_HELP),
    ("subject", "Тема", "singleline", False, ""),
    ("message", "Сообщение", "multiline", True, ""),
]
# The news items in Kyrgyz and English (title, lead), by slug.
NEWS_TRANSLATIONS = {
    "xii-conference-announced": {
        "ky": (
            "XII өлкөлүк конференция 2-апрелде Бишкекте өтөт",
            "Координациялык кеңеш мекендештер уюмдарынын делегаттарын «Кыргызстан жана Россия — "
            "кызматташтыктын жаңы форматтары» аттуу XII өлкөлүк конференцияга чакырат.",
        ),
        "en": (
            "The XII country conference meets in Bishkek on 2 April",
            "The Coordination Council invites delegates of the compatriots' organizations to the "
            "XII country conference, “Kyrgyzstan and Russia: new formats of cooperation”.",
        ),
    },
    "xii-conference-held": {
        "ky": (
            "Бишкекте орус мекендештеринин XII өлкөлүк конференциясы өттү",
            "Делегаттар 2019–2020-жылдардагы иштин жыйынтыгын чыгарып, орус тилин, маданиятты "
            "жана тарыхый эсти сактоону талкуулап, он сегиз пункттан турган резолюцияны кабыл "
            "алышты.",
        ),
        "en": (
            "The XII country conference of Russian compatriots was held in Bishkek",
            "The delegates summed up the work of 2019–2020, discussed preserving the Russian "
            "language, culture and historical memory, and adopted a resolution of eighteen "
            "points.",
        ),
    },
    "resolution-published": {
        "ky": (
            "XII конференциянын резолюциясы жарыяланды",
            "2021-жылдын 2-апрелинде кабыл алынган резолюциянын тексти документтер "
            "китепканасында. Чечимдердин арасында — Мекендеш аялдар союзун түзүү жана КСОРСтун "
            "сайтын модернизациялоо.",
        ),
        "en": (
            "The resolution of the XII conference is published",
            "The text of the resolution adopted on 2 April 2021 is in the documents library. "
            "Among its decisions: the creation of the Union of Women Compatriots and the "
            "modernization of the Council's website.",
        ),
    },
    "immortal-regiment-2021": {
        "ky": (
            "«Өлбөс полкко» жана Улуу Ата Мекендик согуштун башталышынын 80 жылдыгына даярданып "
            "жатабыз",
            "Мекендештер уюмдары «Өлбөс полк» жана «Георгий тасмасы» акцияларына кошулууга жана "
            "согуштун катышуучулары болгон туугандары жөнүндө айтып берүүгө чакырат.",
        ),
        "en": (
            "Getting ready for the Immortal Regiment and the 80th anniversary of the start of the "
            "Great Patriotic War",
            "The compatriots' organizations invite everyone to join the “Immortal Regiment” and "
            "“St. George Ribbon” campaigns and to tell the story of their relatives who fought in "
            "the war.",
        ),
    },
}
TRANSLATIONS = {
    "ky": {
        "Главная": "Башкы бет",
        HOME["hero_title"]: "Кыргызстандагы орус мекендештер уюмдарынын координациялык кеңеши",
        HOME["hero_text"]: (
            "Биз өлкөнүн бардык аймактарындагы мекендештер уюмдарын бириктиребиз: орус тилин, "
            "маданиятты жана тарыхый эстутумду сактайбыз, жаштарды, аялдарды, ардагерлерди жана "
            "жардамга муктаж болгондордун баарын колдойбуз."
        ),
        "О Совете": "Кеңеш жөнүндө",
        "Новости": "Жаңылыктар",
        "Документы": "Документтер",
        "Контакты": "Байланыш",
        "Новости Совета и организаций": "Кеңештин жана уюмдардын жаңылыктары",
        "Уставы, резолюции, решения и отчёты": "Уставдар, резолюциялар, чечимдер жана отчеттор",
        "Напишите нам": "Бизге жазыңыз",
        CONTACT_LEAD: "Бизге жазыңыз: электрондук почта аркылуу жооп беребиз же чалабыз.",
        CONTACT_THANKS: "Рахмат! Билдирүүңүз жөнөтүлдү, эки жумуш күнүнүн ичинде жооп беребиз.",
        CONTACT_PHONE_HELP: "Телефонуңузду же электрондук почтаңызды калтырыңыз: бирөөсү жетиштүү.",
        "Ваше имя": "Атыңыз",
        "Электронная почта": "Электрондук почта",
        "Телефон": "Телефон",
        "Тема": "Билдирүүнүн темасы",
        "Сообщение": "Билдирүү",
        ABOUT["intro"]: (
            "Кыргыз Республикасындагы орус мекендештердин координациялык кеңеши (КСОРС) өлкөнүн "
            "бардык аймактарындагы ондогон мекендештер уюмдарын бириктирет."
        ),
        ABOUT["paragraphs"][0]: (
            "Жыл сайын делегаттардын өлкөлүк конференциясы иштин жыйынтыгын чыгарып, кийинки "
            "мезгилге чечимдердин тизмесин — резолюцияны кабыл алат."
        ),
        ABOUT["paragraphs"][1]: (
            "Конференциялардын ортосунда уюмдар иш-чараларды жана акцияларды өткөрүшөт, эстутум "
            "долбоорлорун жүргүзүшөт, жаштар жана волонтёрлор менен иштешет, Бишкекте жана Ошто "
            "мекендештерге юридикалык кеңеш беришет."
        ),
        ABOUT[
            "quote"
        ]: "Орус тилин, маданиятты жана тарыхый эстутумду сактоо — биздин жалпы ишибиз.",
    },
    "en": {
        "Главная": "Home",
        HOME[
            "hero_title"
        ]: "Coordination Council of Russian Compatriots' Organizations of Kyrgyzstan",
        HOME["hero_text"]: (
            "We unite compatriots' organizations across the country: we preserve the Russian "
            "language, culture and historical memory, and support young people, women, veterans "
            "and everyone who needs help."
        ),
        "О Совете": "About the Council",
        "Новости": "News",
        "Документы": "Documents",
        "Контакты": "Contacts",
        "Новости Совета и организаций": "News of the Council and its organizations",
        "Уставы, резолюции, решения и отчёты": "Charters, resolutions, decisions and reports",
        "Напишите нам": "Write to us",
        CONTACT_LEAD: "Write to us: we will answer by e-mail or call you back.",
        CONTACT_THANKS: "Thank you! Your message has been sent; we will answer within two working "
        "days.",
        CONTACT_PHONE_HELP: "Leave a phone number or an e-mail address: one is enough.",
        "Ваше имя": "Your name",
        "Электронная почта": "E-mail",
        "Телефон": "Phone",
        "Тема": "Subject",
        "Сообщение": "Message",
        "КСОРС": "CCRCO",
        ABOUT["intro"]: (
            "The Coordination Council of Russian Compatriots of the Kyrgyz Republic (CCRCO) unites "
            "dozens of compatriots' organizations from every region of the country."
        ),
        ABOUT["paragraphs"][0]: (
            "Every year a country conference of delegates sums up the work done and adopts a "
            "resolution: the list of decisions for the next period."
        ),
        ABOUT["paragraphs"][1]: (
            "Between conferences the organizations hold events and campaigns, run memory projects, "
            "work with young people and volunteers, and give compatriots legal advice in Bishkek "
            "and Osh."
        ),
        ABOUT[
            "quote"
        ]: "Preserving the Russian language, culture and historical memory is our common cause.",
    },
}
NEWS = [
    (
        date(2021, 3, 20),
        "xii-conference-announced",
        "XII страновая конференция соберётся 2 апреля в Бишкеке",
        "Координационный совет приглашает делегатов организаций соотечественников на XII страновую "
        "конференцию «Кыргызстан и Россия – новые форматы сотрудничества».",
        ["конференция"],
    ),
    (
        date(2021, 4, 2),
        "xii-conference-held",
        "В Бишкеке прошла XII страновая конференция российских соотечественников",
        "Делегаты подвели итоги работы за 2019–2020 годы, обсудили сохранение русского языка, "
        "культуры и исторической памяти и приняли резолюцию из восемнадцати пунктов.",
        ["конференция", "резолюция"],
    ),
    (
        date(2021, 4, 5),
        "resolution-published",
        "Опубликована резолюция XII конференции",
        "Текст резолюции, принятой 2 апреля 2021 года, доступен в библиотеке документов. Среди "
        "решений — создание Союза соотечественниц и модернизация сайта КСОРС.",
        ["резолюция", "документы"],
    ),
    (
        date(2021, 4, 20),
        "immortal-regiment-2021",
        "Готовимся к «Бессмертному полку» и 80-летию начала Великой Отечественной войны",
        "Организации соотечественников приглашают присоединиться к акциям «Бессмертный полк» и "
        "«Георгиевская ленточка» и рассказать о своих родных — участниках войны.",
        ["память", "акции"],
    ),
]


# Invented details of the Council's office and the legal-aid centres (demo content).
CONTACT_DETAILS = {
    "hours": "Пн–Пт 9:00–18:00, перерыв 13:00–14:00",
    "hours_ky": "Дш–Жм 9:00–18:00, тыныгуу 13:00–14:00",
    "hours_en": "Mon–Fri 9:00–18:00, lunch break 13:00–14:00",
    "map_url": "https://www.openstreetmap.org/?mlat=42.8746&mlon=74.6122#map=17/42.8746/74.6122",
    "centres": [
        (
            "centre",
            {
                "name": "Центр правовой поддержки соотечественников в Бишкеке",
                "name_ky": "Бишкектеги мекендештерге укуктук колдоо борбору",
                "name_en": "Legal Support Centre for Compatriots in Bishkek",
                "city": "Бишкек",
                "address": "ул. Киевская, 120, офис 5",
                "address_ky": "Киев көчөсү, 120, 5-кеңсе",
                "address_en": "120 Kievskaya St, office 5",
                "hours": "Пн–Пт 10:00–17:00",
                "hours_ky": "Дш–Жм 10:00–17:00",
                "hours_en": "Mon–Fri 10:00–17:00",
                "phone": "+996 312 00-00-01",
                "email": "",
                "map_url": "https://www.openstreetmap.org/?mlat=42.8760&mlon=74.6000#map=17/42.8760/74.6000",
            },
        ),
        (
            "centre",
            {
                "name": "Центр правовой поддержки соотечественников в Оше",
                "name_ky": "Оштогу мекендештерге укуктук колдоо борбору",
                "name_en": "Legal Support Centre for Compatriots in Osh",
                "city": "Ош",
                "address": "ул. Ленина, 205",
                "address_ky": "Ленин көчөсү, 205",
                "address_en": "205 Lenin St",
                "hours": "Пн–Пт 9:00–16:00",
                "hours_ky": "Дш–Жм 9:00–16:00",
                "hours_en": "Mon–Fri 9:00–16:00",
                "phone": "+996 3222 0-00-02",
                "email": "",
                "map_url": "https://www.openstreetmap.org/?mlat=40.5140&mlon=72.8161#map=17/40.5140/72.8161",
            },
        ),
    ],
}


def load():
    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if home is not None:
        # Apps added since the first load still get their pages (aliased into ky and en, then
        # translated); pages an older demo left as aliases get their translations.
        for page, translations in add_app_pages(home):
            if not page.get_translations().exists():
                create_aliases_for_new_page(page)
            for code, strings in translations.items():
                translate_page(page, Locale.objects.get(language_code=code), strings)
        _translate_contact_page(home)
        return "Site pages: already loaded."
    ru = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node()
    # Wagtail's own "Welcome" page makes way for ours.
    Page.objects.filter(
        depth=2, content_type__model="page", content_type__app_label="wagtailcore"
    ).delete()
    home = root.add_child(instance=HomePage(slug="home", locale=ru, show_in_menus=False, **HOME))
    site_url = urlsplit(settings.SITE_URL)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": site_url.hostname,
            "port": site_url.port or (443 if site_url.scheme == "https" else 80),
            "root_page": home,
            "site_name": "КСОРС",
        },
    )

    about = home.add_child(
        instance=StandardPage(
            title=ABOUT["title"],
            slug="about",
            show_in_menus=True,
            intro=ABOUT["intro"],
            body=[("paragraph", f"<p>{text}</p>") for text in ABOUT["paragraphs"]]
            + [("quote", {"text": ABOUT["quote"], "attribution": "КСОРС"})],
        )
    )
    app_pages = add_app_pages(home)
    news_index = home.add_child(
        instance=NewsIndexPage(
            title="Новости",
            slug="news",
            show_in_menus=True,
            intro="Новости Совета и организаций",
        )
    )
    for day, slug, title, intro, tags in NEWS:
        item = NewsPage(
            title=title,
            slug=slug,
            date=day,
            intro=intro,
            body=[
                ("paragraph", f"<p>{intro}</p>"),
            ],
        )
        item.tags.add(*tags)
        news_index.add_child(instance=item)
    documents = home.add_child(
        instance=DocumentsPage(
            title="Документы",
            slug="documents",
            show_in_menus=True,
            intro="Уставы, резолюции, решения и отчёты",
        )
    )
    contact = home.add_child(
        instance=ContactPage(
            title="Контакты",
            slug="contact",
            show_in_menus=True,
            intro=CONTACT_INTRO,
            thank_you_text=CONTACT_THANK_YOU,
            to_address=settings.COUNCIL_EMAIL,
            from_address=parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
            subject=CONTACT_SUBJECT,
        )
    )
    for order, (name, label, field_type, required, help_text) in enumerate(CONTACT_FIELDS):
        ContactFormField.objects.create(
            page=contact,
            sort_order=order,
            clean_name=name,
            label=label,
            field_type=field_type,
            required=required,
            help_text=help_text,
        )

    home.hero_link = about
    home.sections = [
        ("section", {"title": "О Совете", "text": ABOUT["intro"], "page": about}),
        *[
            ("section", {"title": page.title, "text": page.specific.intro, "page": page})
            for page, _translations in app_pages
            if page.show_in_menus  # a section, not an app's article
        ],
        (
            "section",
            {"title": "Новости", "text": "Новости Совета и организаций", "page": news_index},
        ),
        (
            "section",
            {
                "title": "Документы",
                "text": "Уставы, резолюции, решения и отчёты",
                "page": documents,
            },
        ),
        ("section", {"title": "Контакты", "text": "Напишите нам", "page": contact}),
    ]
    home.save_revision().publish()

    with RESOLUTION_FILE.open("rb") as file:
        LibraryDocument.objects.create(
            title="Резолюция XII страновой конференции российских соотечественников (2 апреля 2021 г.)",
            file=File(file, name=RESOLUTION_FILE.name),
            category=DocumentCategory.RESOLUTION,
            published_on=date(2021, 4, 2),
            description="«Кыргызстан и Россия – новые форматы сотрудничества». Принята в Бишкеке.",
        )
    CouncilContacts.objects.update_or_create(
        pk=1,
        defaults={
            "address": "720040, г. Бишкек",
            "address_ky": "720040, Бишкек ш.",
            "address_en": "720040, Bishkek",
            "phone": "+996 312 00-00-00",
            "email": settings.COUNCIL_EMAIL,
            **CONTACT_DETAILS,
        },
    )

    for code in ("ky", "en"):
        locale, _ = Locale.objects.get_or_create(language_code=code)
        # Every page appears in this language as an alias of the Russian one until translated.
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": ru})
        # The home page repeats the apps' page titles and intros in its section cards.
        home_strings = dict(TRANSLATIONS[code])
        for _page, translations in app_pages:
            home_strings.update(translations.get(code, {}))
        translate_page(home, locale, home_strings)
        translate_page(about, locale, TRANSLATIONS[code])
        # The contact form's fields are translated with their page (site.ContactFormField).
        for page in (news_index, documents, contact):
            translate_page(page, locale, TRANSLATIONS[code])
        for item in NewsPage.objects.child_of(news_index):
            title, intro = NEWS_TRANSLATIONS[item.slug][code]
            translate_page(
                item,
                locale,
                {item.title: title, item.intro: intro},
            )
        for page, translations in app_pages:
            translate_page(page, locale, translations.get(code, {}))
    return "Site pages: loaded in ru, ky and en."


def _translate_contact_page(home) -> None:
    """A demo loaded before the contact form was translatable has its contact page in ky and en
    as aliases of the Russian one: translate them."""
    contact = ContactPage.objects.child_of(home).first()
    for code in ("ky", "en"):
        locale = Locale.objects.filter(language_code=code).first()
        translation = contact and locale and contact.get_translation_or_none(locale)
        if translation is not None and translation.alias_of_id is not None:
            translate_page(contact, locale, TRANSLATIONS[code])


def add_app_pages(home) -> list:
    """The domain apps' own pages (directory, council…) with their translations.

    Each ``demo_pages`` hook adds the pages it still lacks under ``home`` and returns them as
    (page, {"ky": {russian text: kyrgyz text}, "en": {…}}) pairs, a parent before its children.
    """
    return [page for fn in hooks.get_hooks("demo_pages") for page in fn(home)]


def translate_page(page, locale, strings):
    """Translate a page with wagtail-localize, so editors can keep refining it in the admin."""
    source, _ = TranslationSource.get_or_create_from_instance(page)
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        text = strings.get(segment.string.data)
        if text:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={
                    "data": text,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )
    Translation.objects.get_or_create(source=source, target_locale=locale)
    source.create_or_update_translation(locale, publish=True, fallback=True, copy_parent_pages=True)
