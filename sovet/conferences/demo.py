"""Demo conferences: the XII conference with the seed resolution, imported through the same
importer the secretary uses, its decisions assigned to the demo organizations with some progress,
and the planned XIII conference."""

from pathlib import Path

from sovet.organizations.models import Organization

from . import services
from .models import (
    AgendaItem,
    ConferenceIndexPage,
    Decision,
    ProgressReport,
    ReportStatus,
    Resolution,
)

SEED = (
    Path(__file__).resolve().parent.parent
    / "site"
    / "demo_data"
    / "resolution-xii-conference-2021.md"
)

# decision number: (organization names, status, progress %, due)
PROGRESS = {
    3: (["Движение «Наша Победа – Биздин Жениш»", "Движение «Волонтёры Победы» в Кыргызстане",
         "Кыргызское общество блокадников Ленинграда"], "in_progress", 60, "2021-06-22"),
    5: (["Координационный совет российских соотечественников Кыргызской Республики"], "ongoing", 50, ""),
    6: (["Союз соотечественниц Кыргызстана"], "done", 100, "2021"),
    7: (["Совет молодых российских соотечественников", "Движение «Наша Победа – Биздин Жениш»",
         "Движение «Волонтёры Победы» в Кыргызстане"], "ongoing", 70, ""),
    8: (["Ассоциация гильдий соотечественников"], "in_progress", 40, "2022"),
    9: (["Координационный совет российских соотечественников Кыргызской Республики"], "in_progress", 80, "2021-12"),
    11: (["Русская школа «Знание»", "Ассоциация учителей русского языка «Словесник»"], "in_progress", 30, "2022"),
    12: (["Ассоциация учителей русского языка «Словесник»", "Молодёжный клуб «Русское слово»"], "ongoing", 50, ""),
    13: (["Центр правовой поддержки соотечественников в Бишкеке",
          "Центр правовой поддержки соотечественников в Оше"], "ongoing", 60, ""),
    14: (["Координационный совет российских соотечественников Кыргызской Республики"], "in_progress", 20, "2022"),
    17: (["Координационный совет российских соотечественников Кыргызской Республики"], "done", 100, "2021-04"),
    18: (["Координационный совет российских соотечественников Кыргызской Республики"], "not_started", 0, None),
}  # fmt: skip

REPORTS = [
    (3, "Движение «Наша Победа – Биздин Жениш»", "2021-05-09", 50,
     "Акция «Бессмертный полк» прошла в Бишкеке, Оше и Караколе: более 3000 участников."),
    (3, "Кыргызское общество блокадников Ленинграда", "2021-06-22", 60,
     "Встречи с блокадниками в школах Бишкека к 80-летию начала войны."),
    (6, "Союз соотечественниц Кыргызстана", "2021-06-01", 100,
     "Союз соотечественниц зарегистрирован, проведено учредительное собрание."),
    (9, "Координационный совет российских соотечественников Кыргызской Республики", "2021-10-15", 80,
     "Новый сайт КСОРС работает на трёх языках; идёт перенос архива документов."),
    (13, "Центр правовой поддержки соотечественников в Бишкеке", "2021-09-01", None,
     "Проведено 12 консультаций по Государственной программе переселения."),
]  # fmt: skip

AGENDA = [
    ("10:00", "Открытие конференции", "Петрова Анна Викторовна"),
    (
        "10:30",
        "Итоги работы организаций российских соотечественников за 2019–2020 годы",
        "Петрова Анна Викторовна",
    ),
    ("12:00", "Выступления делегатов", ""),
    ("15:00", "Утверждение нового состава Координационного совета", "Ковалёв Дмитрий Андреевич"),
    ("16:30", "Принятие резолюции", ""),
]

PAGE_TRANSLATIONS = {
    "ky": {
        "Конференции": "Конференциялар",
        "Страновые конференции российских соотечественников, их резолюции и ход выполнения решений.": "Орус мекендештердин өлкөлүк конференциялары, алардын резолюциялары жана чечимдердин аткарылышы.",
    },
    "en": {
        "Конференции": "Conferences",
        "Страновые конференции российских соотечественников, их резолюции и ход выполнения решений.": "Country conferences of Russian compatriots, their resolutions and how the decisions are carried out.",
    },
}


def load():
    if Resolution.objects.exists():
        return "Conferences: already loaded."
    resolution = services.resolution_import(text=SEED.read_text(encoding="utf-8"), user=None)
    conference = resolution.conference
    conference.title_en = "Kyrgyzstan and Russia: new formats of cooperation"
    conference.title_ky = "Кыргызстан жана Россия – кызматташтыктын жаңы форматтары"
    conference.city_en, conference.city_ky = "Bishkek", "Бишкек"
    conference.save()
    for order, (time, title, speaker) in enumerate(AGENDA):
        AgendaItem.objects.create(
            conference=conference, sort_order=order, starts_at=time, title_ru=title, speaker=speaker
        )
    by_name = {o.name_ru: o for o in Organization.objects.all()}
    for number, (names, status, progress, due) in PROGRESS.items():
        decision = Decision.objects.get(resolution=resolution, number=number)
        decision.organizations.set([by_name[name] for name in names])
        decision.status, decision.progress = status, progress
        if due is not None:
            decision.due = due
        decision.save()
    for number, name, day, progress, text in REPORTS:
        ProgressReport.objects.create(
            decision=Decision.objects.get(resolution=resolution, number=number),
            organization=by_name[name],
            reported_on=day,
            progress=progress,
            text=text,
            status=ReportStatus.ACCEPTED,
        )
    return f"Conferences: the XII conference with {resolution.decisions.count()} decisions; the XIII planned."


def add_pages(home):
    """The ``demo_pages`` hook: the conferences page under the home page."""
    if ConferenceIndexPage.objects.filter(locale=home.locale).exists():
        return []
    page = home.add_child(
        instance=ConferenceIndexPage(
            title="Конференции",
            slug="conferences",
            show_in_menus=True,
            intro="Страновые конференции российских соотечественников, их резолюции и ход выполнения решений.",
        )
    )
    return [(page, PAGE_TRANSLATIONS)]
