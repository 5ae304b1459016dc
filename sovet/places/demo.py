"""Invented memorial places across the regions, with a few inspections and visitors' reports
(demo only); the events demo holds its clean-up at the memorial in Victory Park."""

import datetime

from django.utils import timezone

from sovet.core.models import Region
from sovet.memory.models import MemoryIndexPage, WarParticipant
from sovet.organizations.models import Organization

from . import services
from .models import (
    Condition,
    MemorialPlace,
    PlaceKind,
    PlaceReport,
    PlacesIndexPage,
    PlaceStatus,
    ReportKind,
    ReportStatus,
)

NOTE = "Вымышленное место для демонстрации."
PLACES = [
    # kind, name (ru), name (ky), region, latitude, longitude, year erected, unnamed count
    (PlaceKind.WAR_MEMORIAL, "Мемориал воинам-землякам в парке Победы",
     "Жеңиш паркындагы жердеш жоокерлерге мемориал", "bishkek", "42.877300", "74.604900", 1975,
     None),
    (PlaceKind.MASS_GRAVE, "Братская могила воинов, умерших в госпиталях",
     "Госпиталдарда каза болгон жоокерлердин бир туугандык мүрзөсү", "bishkek", "42.862100",
     "74.629800", 1946, 112),
    (PlaceKind.OBELISK, "Обелиск землякам в селе Садовое", "Садовое айылындагы жердештерге обелиск",
     "chui", "42.864000", "74.260000", 1967, None),
    (PlaceKind.STELE, "Стела «Они защищали Родину», Токмок", "«Алар Мекенди коргошкон» стеласы, Токмок",
     "chui", "42.841900", "75.301500", 1985, None),
    (PlaceKind.PLAQUE, "Памятная доска на здании бывшего госпиталя, Каракол",
     "Мурдагы госпиталдын имаратындагы эстелик тактасы, Каракол", "issyk-kul", "42.490700",
     "78.393600", 1995, None),
    (PlaceKind.WAR_MEMORIAL, "Вечный огонь, Нарын", "Түбөлүк от, Нарын", "naryn", "41.428700",
     "75.991100", 1970, None),
    (PlaceKind.STATUE, "Памятник солдату, Талас", "Жоокерге эстелик, Талас", "talas", "42.522800",
     "72.242700", 1980, None),
    (PlaceKind.GRAVE, "Могила фронтовика на старом кладбище, Джалал-Абад",
     "Эски көрүстөндөгү фронтовиктин мүрзөсү, Жалал-Абад", "jalal-abad", "40.933300",
     "73.000000", None, None),
    (PlaceKind.WAR_MEMORIAL, "Мемориал Победы, Ош", "Жеңиш мемориалы, Ош", "osh-city", "40.528300",
     "72.798500", 1975, None),
    (PlaceKind.BUST, "Бюст Героя Советского Союза, Узген", "Советтер Союзунун Баатырынын бюсту, Өзгөн",
     "osh", "40.769900", "73.300700", 1972, None),
    (PlaceKind.STONE, "Памятный камень у школы, Баткен", "Мектептин жанындагы эстелик таш, Баткен",
     "batken", "40.062500", "70.819400", 2015, None),
]  # fmt: skip
# The places' names in English, by the Russian name.
NAMES_EN = {
    "Мемориал воинам-землякам в парке Победы": "Memorial to fellow countrymen in Victory Park",
    "Братская могила воинов, умерших в госпиталях": "Mass grave of soldiers who died in hospitals",
    "Обелиск землякам в селе Садовое": "Obelisk to fellow countrymen in the village of Sadovoye",
    "Стела «Они защищали Родину», Токмок": "Stele “They Defended the Motherland”, Tokmok",
    "Памятная доска на здании бывшего госпиталя, Каракол": (
        "Memorial plaque on the former hospital building, Karakol"
    ),
    "Вечный огонь, Нарын": "Eternal Flame, Naryn",
    "Памятник солдату, Талас": "Monument to a soldier, Talas",
    "Могила фронтовика на старом кладбище, Джалал-Абад": (
        "Grave of a front-line soldier in the old cemetery, Jalal-Abad"
    ),
    "Мемориал Победы, Ош": "Victory Memorial, Osh",
    "Бюст Героя Советского Союза, Узген": "Bust of a Hero of the Soviet Union, Uzgen",
    "Памятный камень у школы, Баткен": "Memorial stone by the school, Batken",
}
# name → (days ago, condition, notes)
INSPECTIONS = {
    "Вечный огонь, Нарын": [(400, Condition.GOOD, ""), (20, Condition.NEEDS_REPAIR,
                            "Трещины в облицовке постамента, не горит подсветка.")],
    "Обелиск землякам в селе Садовое": [(30, Condition.CRITICAL,
                                         "Упала памятная плита с именами, нужна срочная помощь.")],
    "Мемориал Победы, Ош": [(60, Condition.GOOD, "Чисто, цветы, подсветка работает.")],
    "Памятник солдату, Талас": [(900, Condition.GOOD, "")],  # overdue: needs a visit
    "Братская могила воинов, умерших в госпиталях": [(120, Condition.NEEDS_REPAIR,
                                                      "Заросли бурьяном, стёрлись надписи.")],
}  # fmt: skip

PAGE_TRANSLATIONS = {
    "ky": {"Места памяти": "Эстелик жайлар",
           "Памятники, обелиски, могилы и мемориальные доски по всей стране.":
           "Өлкө боюнча эстеликтер, обелисктер, мүрзөлөр жана эстелик тактайлар."},
    "en": {"Места памяти": "Memorial places",
           "Памятники, обелиски, могилы и мемориальные доски по всей стране.":
           "Monuments, obelisks, graves and memorial plaques across the country."},
}  # fmt: skip


def load():
    if MemorialPlace.objects.exists():
        return "Memorial places: already loaded."

    regions = {region.code: region for region in Region.objects.all()}
    caretakers = list(Organization.objects.order_by("pk")[:4])
    today = timezone.localdate()
    for index, (kind, name, name_ky, region, lat, lon, year, unnamed) in enumerate(PLACES):
        place = services.place_save(
            MemorialPlace(
                kind=kind, name_ru=name, name_ky=name_ky, name_en=NAMES_EN[name],
                region=regions[region],
                latitude=lat, longitude=lon, year_erected=year, unnamed_count=unnamed,
                description=NOTE, status=PlaceStatus.PUBLISHED,
                caretaker=caretakers[index % len(caretakers)] if caretakers and index % 3 else None,
            )
        )  # fmt: skip
        for days, condition, notes in INSPECTIONS.get(name, []):
            services.inspection_record(
                place,
                inspected_on=today - datetime.timedelta(days=days),
                condition=condition,
                notes=notes,
            )
    buried = MemorialPlace.objects.get(name_ru__startswith="Братская могила")
    buried.participants.set(WarParticipant.objects.filter(status="published")[:2])
    _add_reports()
    return f"Memorial places: {MemorialPlace.objects.count()} invented places."


# place name (start) → kind, status, description, note to the reporter
REPORTS = [
    ("Обелиск землякам", ReportKind.DAMAGE, ReportStatus.NEW,
     "Плита с именами лежит на земле, одна сторона разбита.", ""),
    ("Вечный огонь, Нарын", ReportKind.DAMAGE, ReportStatus.IN_PROGRESS,
     "Не горит подсветка, на постаменте трещины.", "Передали организации, которая ухаживает за местом."),
    ("Мемориал Победы, Ош", ReportKind.OTHER, ReportStatus.RESOLVED,
     "На табличке опечатка в фамилии.", "Исправлено, спасибо!"),
    (None, ReportKind.MISSING_PLACE, ReportStatus.NEW,
     "У школы в селе Кызыл-Суу стоит памятник погибшим землякам, его нет на карте.", ""),
]  # fmt: skip


def _add_reports():
    """Visitors' reports in every status (their e-mails are invented: no letters are sent)."""
    for start, kind, status, description, note in REPORTS:
        place = MemorialPlace.objects.get(name_ru__startswith=start) if start else None
        PlaceReport.objects.create(
            place=place, kind=kind, status=status, description=description, staff_note=note,
            reporter_name="Айгуль", reporter_email="reporter@example.org",
            latitude=None if place else "42.341000", longitude=None if place else "78.004000",
        )  # fmt: skip


def add_pages(home):
    """The ``demo_pages`` hook: the places page below the memory archive's page."""
    archive = MemoryIndexPage.objects.filter(locale=home.locale).first()
    if archive is None or PlacesIndexPage.objects.filter(locale=home.locale).exists():
        return []
    page = archive.add_child(instance=PlacesIndexPage(
        title="Места памяти", slug="places", show_in_menus=True,
        intro="Памятники, обелиски, могилы и мемориальные доски по всей стране.",
    ))  # fmt: skip
    return [(page, PAGE_TRANSLATIONS)]
