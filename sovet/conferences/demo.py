"""Demo conferences: the XII conference with the seed resolution, imported through the same
importer the secretary uses, its decisions in three languages, assigned to the demo organizations
with some progress and reports (one waiting for review, one asked for more and answered, their
history kept), and the planned XIII conference. Decisions past their due date and not done are
overdue (3, 8, 11, 14); the events demo links its events to decisions 1 and 3, the volunteers'
demo its project to decision 7."""

from datetime import datetime
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

from sovet.organizations.models import Organization

from . import services
from .models import (
    AgendaItem,
    Conference,
    ConferenceIndexPage,
    Decision,
    ProgressReport,
    ReportEvent,
    ReportEventKind,
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

# The seed's decisions in Kyrgyz and English (short faithful translations of the Council's text).
TRANSLATIONS = {
    1: ("Кыргыз Республикасы менен Россия Федерациясынын ортосундагы тыгыз өнөктөштүктүн жана кызматташтыктын 2020-жылы башталып, быйыл да уланып жаткан Кыргызстан менен Россиянын кайчылаш жылынын алкагындагы жаңы деңгээлин белгилөө. Республикадагы орус мекендештеринин уюмдарына кайчылаш жылдын иш-чараларына жигердүү катышуунун мүмкүнчүлүктөрүн издөөнү сунуштоо.",
        "To note the new level of close partnership and cooperation between the Kyrgyz Republic and the Russian Federation within the Cross Year of Kyrgyzstan and Russia, begun in 2020 and continuing this year. To recommend that the organizations of Russian compatriots of the republic find ways to take an active part in the events of the Cross Year."),
    2: ("Кыргыз Республикасынын жетекчилигинин Россия менен достукту жана кызматташтыкты өнүктүрүүгө, өлкөдө улуттар аралык тынчтыкты жана ынтымакты чыңдоого, республикада орус тилинин статусун мындан ары колдоого багытталган саясатын ар тараптан колдоо.",
        "To give every support to the policy of the leadership of the Kyrgyz Republic aimed at developing friendship and cooperation with Russia, at strengthening interethnic peace and harmony in the country and at further upholding the status of the Russian language in the republic."),
    3: ("Улуу Ата Мекендик согуштун башталышынын 80 жылдыгына – эстелик датага даярдыкты республиканын мекендештерин тартуу менен жигердүү улантуу. Мекендештердин «Өлбөс полк» жана «Георгий тасмасы» бүткүл элдик акцияларына катышуусун кеңейтүү. Тарыхый эс тутумду сактоого көмөктөшүү, тарыхты бурмалоо жана фашизмди анын бардык көрүнүштөрүндө актоо аракеттерине жигердүүрөөк каршы туруу, фашизмдин пропагандасына каршы аракеттенүү. Бул багытта Ленинград блокадасынан аман калгандардын Кыргыз коомунун чоң ишин белгилөө.",
        "To continue active preparations for the memorable date, the 80th anniversary of the beginning of the Great Patriotic War, involving the compatriots of the republic. To widen the compatriots' part in the nationwide campaigns “Immortal Regiment” and “St George Ribbon”. To help preserve historical memory, to resist more actively attempts to falsify history and to rehabilitate fascism in all its forms, and to counter fascist propaganda. To note the great work of the Kyrgyz Society of Siege of Leningrad Survivors in this field."),
    4: ("Россия Федерациясынын мекендештердин укуктарын жана мыйзамдуу кызыкчылыктарын коргоого, Орус дүйнөсүн бириктирүүгө багытталган мамлекеттик саясатына колдоо билдирүү.",
        "To express support for the state policy of the Russian Federation aimed at protecting the rights and lawful interests of compatriots and at consolidating the Russian World."),
    5: ("Кыргызстандагы мекендештердин уюмдарына өз ишинде Орус мекендештеринин VI Бүткүл дүйнөлүк конгрессинин жана «Мекендеш аялдар жана муундардын уланмалуулугу» Бүткүл дүйнөлүк тематикалык конференциясынын чечимдерин жетекчиликке алууну сунуштоо.",
        "To recommend that the compatriots' organizations in Kyrgyzstan be guided in their work by the decisions of the VI World Congress of Russian Compatriots and of the World Thematic Conference “Women Compatriots and the Continuity of Generations”."),
    6: ("Кыргызстандын мекендеш аялдар союзун түзүүнү жактыруу. Мекендештер кыймылын чыңдоодо жана өнүктүрүүдө активдүү аялдарды бириктирүүнүн, алардын чыгармачыл жана ишкердик мүмкүнчүлүктөрүн жандандыруунун маанилүүлүгүн белгилөө.",
        "To approve the creation of the Union of Women Compatriots of Kyrgyzstan. To note the importance of uniting active women and of bringing their creative and business potential into strengthening and developing the compatriots' movement."),
    7: ("Координациялык кеңештин алдындагы Жаш орус мекендештеринин кеңешинин, «Наша Победа – Биздин Жеңиш», «Жеңиш волонтёрлору» кыймылдарынын, «Эстелик жайы», «Эстелик жолу» долбоорлорунун ишин жактыруу жана колдоо. Орус мекендештеринин уюмдарынын ишинде жаштардын демилгелерин өнүктүрүүгө, жаштарды мекендештер кыймылына ар тараптан тартууга басым жасоо.",
        "To approve and support the work of the Council of Young Russian Compatriots at the Coordination Council, of the movements “Our Victory – Bizdin Jenish” and “Victory Volunteers”, and of the projects “Place of Memory” and “Road of Memory”. In the work of the organizations of Russian compatriots, to put the emphasis on youth initiatives and on drawing young people into the compatriots' movement in every way."),
    8: ("Республикада кыргыз-орус бизнес-долбоорлорун ишке ашырууну жактыруу. Кыргызстандагы орус диаспорасынын өкүлдөрүнүн экономикалык ишин колдогон жана өнүктүргөн Мекендештердин гильдияларынын ассоциациясынын ишин белгилөө.",
        "To approve the carrying out of Kyrgyz-Russian business projects in the republic. To note the work of the Association of Compatriots' Guilds, which supports and develops the economic activity of members of the Russian diaspora in Kyrgyzstan."),
    9: ("КСОРСтун сайтын жаңылоо үчүн каржы каражаттарын табуу.",
        "To find the funds to modernise the website of the Coordination Council."),
    10: ("Чет өлкөлөрдөгү мекендештерди колдоо жана алардын укуктарын коргоо фондунун, анын Бишкектеги жана Оштогу борборлорунун ишин маанилүү деп эсептөө.",
         "To regard as important the work of the Foundation for Supporting and Protecting the Rights of Compatriots Living Abroad and of its centres in Bishkek and Osh."),
    11: ("Россия Федерациясынын Өкмөтүнүн Кыргызстанда орус тилинде окутулган мектептерди түзүү боюнча чечимин жактыруу. Ош мектептеринде Россиядан келген мугалимдердин ишинин маанилүүлүгүн белгилөө.",
         "To approve the decision of the Government of the Russian Federation to open schools teaching in Russian in Kyrgyzstan. To note the importance of the work of teachers from Russia in the schools of Osh."),
    12: ("Мамлекеттик жана коомдук уюмдардын орус тилин жана аны үйрөнүү программаларын мындан ары колдоо, орус маданиятын, илимин жана тарыхын жайылтуу боюнча ишине көмөктөшүү. Россиянын жана Улуу Ата Мекендик согуштун тарыхын үйрөнүү үчүн шарттарды түзүү.",
         "To assist state and public organizations in further supporting the Russian language and the programmes for learning it, and in making Russian culture, science and history better known. To create conditions for studying the history of Russia and of the Great Patriotic War."),
    13: ("Россиянын Ички иштер министрлигинин Кыргыз Республикасындагы өкүлчүлүгү (миграция маселелери боюнча) менен биргеликте «Чет өлкөдө жашаган мекендештердин Россия Федерациясына ыктыярдуу көчүп келүүсүнө көмөк көрсөтүү боюнча мамлекеттик программаны» ишке ашыруу боюнча маалымат ишин улантуу.",
         "Together with the Office of the Ministry of Internal Affairs of Russia in the Kyrgyz Republic (on migration), to continue informing people about the “State Programme to Assist the Voluntary Resettlement of Compatriots Living Abroad to the Russian Federation”."),
    14: ("Кыргызстандын КСОРСунун Москва, Санкт-Петербург, Татарстан Республикасы, Алтай крайы жана Ямал-Ненец автономиялуу округунун мамлекеттик органдары менен региондор аралык кызматташтыгын улантуу. Россия Федерациясынын башка субъекттери менен ишти жандандыруу.",
         "To continue the interregional cooperation of the Coordination Council of Kyrgyzstan with the state bodies of Moscow, Saint Petersburg, the Republic of Tatarstan, the Altai Territory and the Yamalo-Nenets Autonomous Area. To step up work with other constituent entities of the Russian Federation."),
    15: ("Кыргыз Республикасынын Акыйкатчысы Т. Б. Мамытовго орус мекендештерин Акыйкатчынын коомдук жардамчыларынын курамына киргизгени үчүн ыраазычылык билдирүү.",
         "To thank the Ombudsman of the Kyrgyz Republic, T. B. Mamytov, for including Russian compatriots among the Ombudsman's public assistants."),
    16: ("Кыргыз Республикасынын мамлекеттик бийлик жана жергиликтүү өз алдынча башкаруу органдарына, Кыргызстан элинин Ассамблеясына, Россия Федерациясынын Кыргыз Республикасындагы Элчилигине, Россотрудничествонун өкүлчүлүгүнө жана башка орус чет өлкөлүк мекемелерине, «Москвадагы мекендештер үйүнө» орус мекендештеринин уюмдарын натыйжалуу колдогону үчүн ыраазычылык билдирүү.",
         "To thank the state and local government bodies of the Kyrgyz Republic, the Assembly of the People of Kyrgyzstan, the Embassy of the Russian Federation in the Kyrgyz Republic, the Representative Office of Rossotrudnichestvo and other Russian missions abroad, and the Moscow House of Compatriots for their effective support of the organizations of Russian compatriots."),
    17: ("Кыргыз Республикасынын орус мекендештеринин Координациялык кеңешинин жаңы курамын бекитүү.",
         "To approve the new composition of the Coordination Council of Russian Compatriots of the Kyrgyz Republic."),
    18: ("Кыргыз Республикасынын орус мекендештеринин XIII өлкөлүк конференциясын 2022-жылдын март-апрель айларында өткөрүү.",
         "To hold the XIII country conference of Russian compatriots of the Kyrgyz Republic in March–April 2022."),
}  # fmt: skip

# decision, organization, date, progress %, text, status, history after "reported":
# (kind, date, text) — the secretary's question and the editor's answer stay theirs.
REPORTS = [
    (3, "Движение «Наша Победа – Биздин Жениш»", "2021-05-09", 50,
     "Акция «Бессмертный полк» прошла в Бишкеке, Оше и Караколе: более 3000 участников.",
     ReportStatus.ACCEPTED, [(ReportEventKind.ACCEPTED, "2021-05-12", "")]),
    (3, "Кыргызское общество блокадников Ленинграда", "2021-06-22", 60,
     "Встречи с блокадниками в школах Бишкека к 80-летию начала войны.",
     ReportStatus.ACCEPTED, [(ReportEventKind.ACCEPTED, "2021-06-25", "")]),
    (6, "Союз соотечественниц Кыргызстана", "2021-06-01", 100,
     "Союз соотечественниц зарегистрирован, проведено учредительное собрание.",
     ReportStatus.ACCEPTED, [(ReportEventKind.ACCEPTED, "2021-06-03", "")]),
    (9, "Координационный совет российских соотечественников Кыргызской Республики", "2021-07-30", 30,
     "Подготовлено техническое задание на новый сайт, собраны предложения организаций.",
     ReportStatus.ACCEPTED, [(ReportEventKind.ACCEPTED, "2021-08-02", "")]),
    (9, "Координационный совет российских соотечественников Кыргызской Республики", "2021-10-15", 80,
     "Новый сайт КСОРС работает на трёх языках; идёт перенос архива документов.",
     ReportStatus.ACCEPTED, [
         (ReportEventKind.ASKED_MORE, "2021-10-18",
          "Приложите, пожалуйста, ссылку на новый сайт и скажите, кто оплатил работы."),
         (ReportEventKind.ANSWERED, "2021-10-20",
          "Ссылка добавлена. Работы оплачены из членских взносов и гранта партнёров."),
         (ReportEventKind.ACCEPTED, "2021-10-22", ""),
     ]),
    (13, "Центр правовой поддержки соотечественников в Бишкеке", "2021-09-01", None,
     "Проведено 12 консультаций по Государственной программе переселения.",
     ReportStatus.ACCEPTED, [(ReportEventKind.ACCEPTED, "2021-09-03", "")]),
    # Waiting for the secretary's review: not public yet.
    (8, "Ассоциация гильдий соотечественников", "2022-03-01", 50,
     "Проведён кыргызско-российский бизнес-форум в Бишкеке; подписаны три соглашения.",
     ReportStatus.SUBMITTED, []),
]  # fmt: skip
LINKS = {(9, "2021-10-15"): "https://sovet.kg/ru/"}


def _at(day: str):
    """Noon in Bishkek on ``day`` (an ISO date): when a demo report's step happened."""
    return datetime.combine(
        datetime.fromisoformat(day).date(), clock(12), tzinfo=ZoneInfo("Asia/Bishkek")
    )


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

# The agenda in Kyrgyz and English, in AGENDA's order.
AGENDA_TRANSLATIONS = [
    ("Конференциянын ачылышы", "Opening of the conference"),
    (
        "Орус мекендештер уюмдарынын 2019–2020-жылдардагы ишинин жыйынтыктары",
        "Results of the work of the Russian compatriots' organizations in 2019–2020",
    ),
    ("Делегаттардын чыгып сүйлөөлөрү", "Delegates' speeches"),
    (
        "Координациялык кеңештин жаңы курамын бекитүү",
        "Approval of the new composition of the Coordination Council",
    ),
    ("Резолюцияны кабыл алуу", "Adoption of the resolution"),
]
PREAMBLE_KY = (
    "Биз, Кыргыз Республикасынын орус мекендештеринин XII өлкөлүк конференциясынын "
    "катышуучулары, орус мекендештер уюмдарынын 2019–2020-жылдардагы ишинин жыйынтыктарын "
    "талкуулап, Кыргызстандагы орус мекендештер кыймылынын, орус тилин, орус маданиятын жана "
    "тарыхый эсти сактоонун жана өнүктүрүүнүн, орус мекендештер уюмдарынын Кыргыз "
    "Республикасынын жана Россия Федерациясынын мамлекеттик органдары, Россиянын Кыргыз "
    "Республикасындагы Элчилиги жана башка орус чет өлкөлүк мекемелери менен өз ара "
    "аракеттенүүсүнүн маселелерин карап, ТОКТОМ КЫЛДЫК:"
)
PREAMBLE_EN = (
    "We, the participants of the XII country conference of Russian compatriots of the Kyrgyz "
    "Republic, having discussed the results of the work of the Russian compatriots' "
    "organizations in 2019–2020, and having considered the compatriots' movement in "
    "Kyrgyzstan, the preservation and development of the Russian language, Russian culture and "
    "historical memory, and the cooperation of the Russian compatriots' organizations with the "
    "state bodies of the Kyrgyz Republic and the Russian Federation, the Embassy of Russia in "
    "the Kyrgyz Republic and other Russian missions abroad, RESOLVED:"
)

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
    Resolution.objects.filter(pk=resolution.pk).update(
        preamble_ky=PREAMBLE_KY, preamble_en=PREAMBLE_EN
    )
    for order, ((time, title, speaker), (title_ky, title_en)) in enumerate(
        zip(AGENDA, AGENDA_TRANSLATIONS, strict=True)
    ):
        AgendaItem.objects.create(
            conference=conference,
            sort_order=order,
            starts_at=time,
            title_ru=title,
            title_ky=title_ky,
            title_en=title_en,
            speaker=speaker,
        )
    by_name = {o.name_ru: o for o in Organization.objects.all()}
    for number, (names, status, progress, due) in PROGRESS.items():
        decision = Decision.objects.get(resolution=resolution, number=number)
        decision.organizations.set([by_name[name] for name in names])
        decision.status, decision.progress = status, progress
        if due is not None:
            decision.due = due
        decision.save()
    for number, (ky, en) in TRANSLATIONS.items():
        Decision.objects.filter(resolution=resolution, number=number).update(text_ky=ky, text_en=en)
    for number, name, day, progress, text, status, history in REPORTS:
        report = ProgressReport.objects.create(
            decision=Decision.objects.get(resolution=resolution, number=number),
            organization=by_name[name],
            reported_on=day,
            progress=progress,
            text=text,
            links=LINKS.get((number, day), ""),
            status=status,
        )
        steps = [(ReportEventKind.SUBMITTED, day, ""), *history]
        ReportEvent.objects.bulk_create(
            [
                ReportEvent(report=report, kind=kind, at=_at(at), text=note)
                for kind, at, note in steps
            ]
        )
    # The XIII conference, planned by decision 18, takes the organizations' proposals.
    Conference.objects.filter(number=13).update(proposals_open=True)
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
