"""Demo events: the Cross Year series, the 22 June 2021 memorial events and the Immortal Regiment
2021 in several cities (now in the archive), and upcoming events with registration."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from sovet.core.models import Region
from sovet.organizations.models import Organization

from . import services
from .models import Event, EventIndexPage, EventSeries

BISHKEK = ZoneInfo("Asia/Bishkek")
KSORS = "Координационный совет российских соотечественников Кыргызской Республики"


def at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=BISHKEK)


def load():
    if Event.objects.exists():
        return "Events: already loaded."
    orgs = {o.name_ru: o for o in Organization.objects.all()}
    regions = {r.code: r for r in Region.objects.all()}
    cross_year = EventSeries.objects.create(
        title_ru="Перекрёстный год Кыргызстана и России",
        title_en="Cross Year of Kyrgyzstan and Russia",
        title_ky="Кыргызстан менен Россиянын кайчылаш жылы",
        slug="cross-year",
    )
    regiment = EventSeries.objects.create(
        title_ru="Бессмертный полк",
        title_en="Immortal Regiment",
        title_ky="Өлбөс полк",
        slug="immortal-regiment",
    )
    from datetime import date

    past = [
        (
            "Концерт «Песни Победы»",
            cross_year,
            date(2021, 5, 7),
            18,
            "bishkek",
            [KSORS, "Союз соотечественниц Кыргызстана"],
        ),
        (
            "Бессмертный полк в Бишкеке",
            regiment,
            date(2021, 5, 9),
            10,
            "bishkek",
            ["Движение «Наша Победа – Биздин Жениш»"],
        ),
        (
            "Бессмертный полк в Оше",
            regiment,
            date(2021, 5, 9),
            10,
            "osh-city",
            ["Молодёжный клуб «Русское слово»"],
        ),
        (
            "Бессмертный полк в Караколе",
            regiment,
            date(2021, 5, 9),
            11,
            "issyk-kul",
            ["Русский культурный центр «Славяне»"],
        ),
        (
            "День памяти и скорби: возложение цветов",
            None,
            date(2021, 6, 22),
            9,
            "bishkek",
            ["Кыргызское общество блокадников Ленинграда", KSORS],
        ),
        (
            "Свеча памяти в Токмоке",
            None,
            date(2021, 6, 22),
            21,
            "chui",
            ["Токмокский культурный центр «Вера»"],
        ),
    ]
    soon = timezone.localdate() + timedelta(days=20)
    upcoming = [
        ("Вечер русского романса", cross_year, soon, 18, "bishkek", ["Союз соотечественниц Кыргызстана"], 40),
        ("Открытый урок истории для школьников", None, soon + timedelta(days=7), 11, "osh-city",
         ["Молодёжный клуб «Русское слово»", "Русская школа «Знание»"], 2),
        ("Субботник у мемориала в парке Победы", None, soon + timedelta(days=14), 9, "bishkek",
         ["Движение «Волонтёры Победы» в Кыргызстане"], None),
    ]  # fmt: skip
    for title, series, day, hour, region, organizers in past:
        _event(title, series, at(day, hour), regions[region], [orgs[name] for name in organizers])
    for title, series, day, hour, region, organizers, capacity in upcoming:
        event = _event(title, series, at(day, hour), regions[region], [orgs[name] for name in organizers],
                       registration="open" if capacity else "off", capacity=capacity)  # fmt: skip
        if capacity == 2:
            for number, name in enumerate(["Айгуль", "Сергей", "Мария"], start=1):
                services.registration_create(
                    event=event, name=name, email=f"guest{number}@example.org", consent=True
                )
    return f"Events: {Event.objects.count()} events, 2 series."


def _event(title, series, starts_at, region, organizers, **fields):
    event = Event.objects.create(
        title_ru=title,
        series=series,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        region=region,
        venue="",
        address=region.name_ru,
        **fields,
    )
    event.organizations.set(organizers)
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
