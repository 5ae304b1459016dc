"""Demo events: the Cross Year series, the 22 June 2021 memorial events, the Immortal Regiment and
St. George Ribbon 2021 editions across the country (now in the archive, with participation
reports), upcoming events with open registration, a waiting list and an invitation, and a
clean-up at a memorial place of the places demo."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from sovet.conferences.models import Decision
from sovet.core import cities
from sovet.core.models import Region
from sovet.organizations.models import Organization
from sovet.places.models import MemorialPlace

from . import services
from .models import BISHKEK, Campaign, CampaignEdition, Event, EventIndexPage, EventSeries, EventTag

KSORS = "Координационный совет российских соотечественников Кыргызской Республики"
WOMEN = "Союз соотечественниц Кыргызстана"
VICTORY = "Движение «Наша Победа – Биздин Жениш»"
VOLUNTEERS = "Движение «Волонтёры Победы» в Кыргызстане"
YOUTH = "Молодёжный клуб «Русское слово»"

# city: (region code, latitude, longitude)
CITIES = {
    "Бишкек": ("bishkek", 42.874621, 74.569762),
    "Ош": ("osh-city", 40.528300, 72.798500),
    "Каракол": ("issyk-kul", 42.490700, 78.393600),
    "Токмок": ("chui", 42.842100, 75.301500),
    "Кант": ("chui", 42.891300, 74.850800),
    "Джалал-Абад": ("jalal-abad", 40.933300, 73.000000),
    "Талас": ("talas", 42.522800, 72.242700),
    "Нарын": ("naryn", 41.428700, 75.991100),
    "Баткен": ("batken", 40.062800, 70.819400),
    "Кара-Суу": ("osh", 40.704700, 72.866700),
}

TAGS = [
    ("memory", "Память", "Эскерүү", "Memory"),
    ("culture", "Культура", "Маданият", "Culture"),
    ("education", "Образование", "Билим берүү", "Education"),
    ("youth", "Молодёжь", "Жаштар", "Youth"),
    ("volunteering", "Волонтёрство", "Волонтёрлук", "Volunteering"),
]


# The events' titles in Kyrgyz and English, by the Russian title (a campaign's local events are
# named after their campaign and town, see _titles).
EVENT_TITLES = {
    "Концерт «Песни Победы»": ("«Жеңиш ырлары» концерти", "“Songs of Victory” concert"),
    "День памяти и скорби: возложение цветов": (
        "Эскерүү жана кайгы күнү: гүл коюу",
        "Day of Remembrance and Sorrow: laying flowers",
    ),
    "Свеча памяти в Токмоке": ("Токмоктогу эскерүү шамы", "A candle of remembrance in Tokmok"),
    "Урок мужества «22 июня 1941 года»": (
        "«1941-жылдын 22-июну» эрдик сабагы",
        "Lesson of courage “22 June 1941”",
    ),
    "Вечер русского романса": ("Орус романсынын кечеси", "An evening of Russian romances"),
    "Открытый урок истории для школьников": (
        "Мектеп окуучулары үчүн ачык тарых сабагы",
        "An open history lesson for schoolchildren",
    ),
    "Субботник у мемориала в парке Победы": (
        "Жеңиш паркындагы эстеликтин жанында ашар",
        "A clean-up day at the memorial in Victory Park",
    ),
    "Встреча актива организаций соотечественников": (
        "Мекендештер уюмдарынын активинин жолугушуусу",
        "A meeting of the compatriots' organizations' activists",
    ),
    "Турнир по мини-футболу «Кубок дружбы»": (
        "«Достук кубогу» мини-футбол турнири",
        "Mini-football tournament “Friendship Cup”",
    ),
}
CAMPAIGN_EVENT_TITLES = {
    "Бессмертный полк": ("Өлбөс полк", "Immortal Regiment"),
    "Георгиевская ленточка": ("Георгий тасмасы", "St. George Ribbon"),
}
EDITION_INTROS = {
    "В 2021 году шествия прошли в семи городах Кыргызстана.": (
        "2021-жылы жүрүштөр Кыргызстандын жети шаарында өттү.",
        "In 2021 the marches were held in seven towns of Kyrgyzstan.",
    ),
    "Точки раздачи ленточек с 24 апреля по 9 мая 2021 года.": (
        "Тасмалар 2021-жылдын 24-апрелинен 9-майына чейин таратылган жерлер.",
        "Where the ribbons were handed out from 24 April to 9 May 2021.",
    ),
}


# Venues and addresses in Kyrgyz and English (invented, as the events are).
PLACE_TEXTS = {
    "Сбор у Вечного огня": ("Түбөлүк оттун жанында чогулуу", "Gathering at the Eternal Flame"),
    "Центральная площадь": ("Борбордук аянт", "Central Square"),
    "Русский драматический театр": ("Орус драма театры", "Russian Drama Theatre"),
    "Площадь Победы": ("Жеңиш аянты", "Victory Square"),
    "Мемориал у парка": ("Парктын жанындагы мемориал", "The memorial by the park"),
    "Дом дружбы": ("Достук үйү", "House of Friendship"),
    "ул. Пушкина, 78": ("Пушкин көчөсү, 78", "78 Pushkin St"),
    "Русская школа «Знание»": ("«Знание» орус мектеби", "Russian school “Znanie”"),
    "Парк Победы": ("Жеңиш паркы", "Victory Park"),
    "Российский центр науки и культуры": (
        "Россиянын илим жана маданият борбору",
        "Russian Centre of Science and Culture",
    ),
    "ул. Токтогула, 187": ("Токтогул көчөсү, 187", "187 Toktogul St"),
}


def _translate_places():
    for russian, (kyrgyz, english) in PLACE_TEXTS.items():
        Event.objects.filter(venue=russian).update(venue_ky=kyrgyz, venue_en=english)
        Event.objects.filter(address=russian).update(address_ky=kyrgyz, address_en=english)


def _titles(title: str) -> tuple[str, str]:
    """An event's title in Kyrgyz and English."""
    campaign, _dash, town = title.partition(" — ")
    if town and campaign in CAMPAIGN_EVENT_TITLES:
        city = cities.find(town)
        ky, en = CAMPAIGN_EVENT_TITLES[campaign]
        return f"{ky} — {city.ky}", f"{en} — {city.en}"
    return EVENT_TITLES[title]


def at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=BISHKEK)


def load():
    if Event.objects.exists():
        return "Events: already loaded."
    orgs = {o.name_ru: o for o in Organization.objects.all()}
    tags = {
        slug: EventTag.objects.create(slug=slug, name_ru=ru, name_ky=ky, name_en=en)
        for slug, ru, ky, en in TAGS
    }
    cross_year = EventSeries.objects.create(
        title_ru="Перекрёстный год Кыргызстана и России",
        title_ky="Кыргызстан менен Россиянын кайчылаш жылы",
        title_en="Cross Year of Kyrgyzstan and Russia",
        slug="cross-year",
    )
    war_80 = EventSeries.objects.create(
        title_ru="80 лет со дня начала Великой Отечественной войны",
        title_ky="Улуу Ата Мекендик согуштун башталышына 80 жыл",
        title_en="80 years since the start of the Great Patriotic War",
        slug="war-80",
    )
    regiment = _edition(
        "immortal-regiment",
        ("Бессмертный полк", "Өлбөс полк", "Immortal Regiment"),
        (
            "Всенародная акция 9 Мая: люди проходят колонной с портретами своих родных — "
            "участников Великой Отечественной войны.",
            "9-Май элдик акциясы: адамдар Улуу Ата Мекендик согуштун катышуучулары болгон "
            "туугандарынын сүрөттөрүн көтөрүп колонна менен өтүшөт.",
            "The people's march of 9 May: people walk with portraits of their relatives who "
            "fought in the Great Patriotic War.",
        ),
        2021,
        "В 2021 году шествия прошли в семи городах Кыргызстана.",
    )
    ribbon = _edition(
        "st-george-ribbon",
        ("Георгиевская ленточка", "Георгий тасмасы", "St. George Ribbon"),
        (
            "Волонтёры раздают георгиевские ленточки и рассказывают о Дне Победы.",
            "Волонтёрлор Георгий тасмаларын таратып, Жеңиш күнү жөнүндө айтып беришет.",
            "Volunteers hand out St. George ribbons and tell about Victory Day.",
        ),
        2021,
        "Точки раздачи ленточек с 24 апреля по 9 мая 2021 года.",
    )
    memory_decision = Decision.objects.filter(text_ru__icontains="Бессмертный полк").first()
    cross_decision = Decision.objects.filter(text_ru__icontains="Перекрёстн").first()
    memory = {"decision": memory_decision, "tags": [tags["memory"]]}

    # The archive: 2021, with participation reports.
    for city, organizers, attendance in [
        ("Бишкек", [VICTORY, KSORS], 12000),
        ("Ош", [YOUTH, "Центр правовой поддержки соотечественников в Оше"], 1500),
        ("Каракол", ["Русский культурный центр «Славяне»"], 600),
        ("Токмок", ["Токмокский культурный центр «Вера»"], 450),
        ("Кант", [VOLUNTEERS], 300),
        ("Джалал-Абад", ["Джалал-Абадский русский культурный центр «Истоки»"], 700),
        ("Талас", ["Таласское общество соотечественников «Содружество»"], 250),
    ]:
        _event(
            f"Бессмертный полк — {city}",
            orgs, organizers, city, at(date(2021, 5, 9), 10), hours=3,
            edition=regiment, audience="everyone", attendance=attendance,
            press_links="https://ru.sputnik.kg/society/\nhttps://www.vb.kg/",
            venue="Сбор у Вечного огня", **memory,
        )  # fmt: skip
    for city, organizers, day in [
        ("Бишкек", [VOLUNTEERS], date(2021, 4, 24)),
        ("Ош", [YOUTH], date(2021, 5, 1)),
        ("Нарын", [KSORS], date(2021, 5, 5)),
        ("Баткен", ["Баткенское общество «Дружба»"], date(2021, 5, 6)),
    ]:
        _event(
            f"Георгиевская ленточка — {city}",
            orgs, organizers, city, at(day, 10), hours=8, edition=ribbon,
            audience="everyone", venue="Центральная площадь", **memory,
        )  # fmt: skip
    _event("Концерт «Песни Победы»", orgs, [KSORS, WOMEN], "Бишкек", at(date(2021, 5, 7), 18),
           series=cross_year, decision=cross_decision, tags=[tags["culture"]],
           venue="Русский драматический театр", attendance=480)  # fmt: skip
    _event("День памяти и скорби: возложение цветов", orgs,
           ["Кыргызское общество блокадников Ленинграда", KSORS], "Бишкек",
           at(date(2021, 6, 22), 9), series=war_80, venue="Площадь Победы",
           audience="veterans", attendance=350, **memory)  # fmt: skip
    _event("Свеча памяти в Токмоке", orgs, ["Токмокский культурный центр «Вера»"], "Токмок",
           at(date(2021, 6, 22), 21), series=war_80, venue="Мемориал у парка",
           audience="youth", **memory)  # fmt: skip
    _event("Урок мужества «22 июня 1941 года»", orgs, ["Русская школа «Знание»"], "Ош",
           at(date(2021, 6, 22), 11), series=war_80, audience="children",
           tags=[tags["memory"], tags["education"]], decision=memory_decision)  # fmt: skip

    # Upcoming: open registration, a full event with a waiting list, an invitation, a postponement.
    soon = timezone.localdate() + timedelta(days=20)
    _event("Вечер русского романса", orgs, [WOMEN], "Бишкек", at(soon, 18),
           series=cross_year, tags=[tags["culture"]], venue="Дом дружбы",
           address="ул. Пушкина, 78", registration="open", capacity=40)  # fmt: skip
    lesson = _event("Открытый урок истории для школьников", orgs, [YOUTH, "Русская школа «Знание»"],
                    "Ош", at(soon + timedelta(days=7), 11), audience="children",
                    tags=[tags["education"], tags["youth"]], registration="open", capacity=2,
                    venue="Русская школа «Знание»")  # fmt: skip
    for number, name in enumerate(["Айгуль", "Сергей", "Мария"], start=1):
        services.registration_create(
            event=lesson, name=name, email=f"guest{number}@example.org", consent=True
        )
    # Held at the places demo's memorial in Victory Park.
    memorial = MemorialPlace.objects.filter(name_ru__startswith="Мемориал воинам-землякам").first()
    _event("Субботник у мемориала в парке Победы", orgs, [VOLUNTEERS], "Бишкек",
           at(soon + timedelta(days=14), 9), audience="youth",
           tags=[tags["volunteering"], tags["memory"]], venue="Парк Победы",
           memorial_place=memorial)  # fmt: skip
    _event("Встреча актива организаций соотечественников", orgs, [KSORS], "Бишкек",
           at(soon + timedelta(days=10), 15), audience="organizations",
           registration="invitation", capacity=60, venue="Российский центр науки и культуры",
           address="ул. Токтогула, 187")  # fmt: skip
    _event("Турнир по мини-футболу «Кубок дружбы»", orgs, ["Спортивный клуб «Богатырь»"], "Кант",
           at(soon + timedelta(days=28), 10), audience="youth", tags=[tags["youth"]],
           status="postponed", status_note="Перенесён из-за ремонта стадиона.")  # fmt: skip
    _translate_places()
    return (
        f"Events: {Event.objects.count()} events, {EventSeries.objects.count()} series, "
        f"{Campaign.objects.count()} campaigns."
    )


def _edition(slug, titles, descriptions, year, intro):
    campaign = Campaign.objects.create(
        slug=slug,
        title_ru=titles[0],
        title_ky=titles[1],
        title_en=titles[2],
        description_ru=descriptions[0],
        description_ky=descriptions[1],
        description_en=descriptions[2],
    )
    intro_ky, intro_en = EDITION_INTROS[intro]
    return CampaignEdition.objects.create(
        campaign=campaign, year=year, intro_ru=intro, intro_ky=intro_ky, intro_en=intro_en
    )


def _event(title, orgs, organizers, city, starts_at, *, hours=2, tags=(), **fields):
    region, latitude, longitude = CITIES[city]
    title_ky, title_en = _titles(title)
    event = Event.objects.create(
        title_ru=title,
        title_ky=title_ky,
        title_en=title_en,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        city=city,
        region=Region.objects.get(code=region),
        latitude=latitude,
        longitude=longitude,
        **fields,
    )
    event.organizations.set([orgs[name] for name in organizers])
    event.tags.set(tags)
    return event


PAGE_TRANSLATIONS = {
    "ky": {
        "Мероприятия": "Иш-чаралар",
        "Календарь мероприятий организаций соотечественников.": "Мекендештер уюмдарынын иш-чараларынын календары.",
    },
    "en": {
        "Мероприятия": "Events",
        "Календарь мероприятий организаций соотечественников.": "The calendar of compatriots' organizations' events.",
    },
}


def add_pages(home):
    if EventIndexPage.objects.filter(locale=home.locale).exists():
        return []
    page = home.add_child(instance=EventIndexPage(
        title="Мероприятия", slug="events", show_in_menus=True,
        intro="Календарь мероприятий организаций соотечественников.",
    ))  # fmt: skip
    return [(page, PAGE_TRANSLATIONS)]
