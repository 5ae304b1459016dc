"""Demo organizations: those named in the XII conference's resolution, a dozen invented ones
across the regions, and two compositions of the Council with invented people."""

from datetime import date
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.utils.text import slugify

from sovet.accounts.demo import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_TOTP_SECRET
from sovet.accounts.models import User
from sovet.core import cities
from sovet.core.models import Region
from sovet.core.text import transliterate

from . import services
from .models import (
    CouncilPage,
    CouncilSeat,
    CouncilTerm,
    MembershipChange,
    MembershipStatus,
    Organization,
    OrganizationIndexPage,
    OrganizationTag,
    SeatRole,
)

DEMO_EDITOR_EMAIL = "editor@sovet.kg"

# name_ru, name_en, name_ky, short name, type, region, city, (lat, lon), founded, tags, member since
ORGANIZATIONS = [
    (
        "Координационный совет российских соотечественников Кыргызской Республики",
        "Coordination Council of Russian Compatriots of the Kyrgyz Republic",
        "Кыргыз Республикасындагы орус мекендештердин координациялык кеңеши",
        "КСОРС",
        "union",
        "bishkek",
        "Бишкек",
        (42.8746, 74.5698),
        2008,
        ["culture", "education"],
        None,
    ),
    (
        "Союз соотечественниц Кыргызстана",
        "Union of Women Compatriots of Kyrgyzstan",
        "Кыргызстандын мекендеш аялдар союзу",
        "",
        "union",
        "bishkek",
        "Бишкек",
        (42.8770, 74.6030),
        2021,
        ["women", "culture", "social"],
        date(2021, 4, 2),
    ),
    (
        "Совет молодых российских соотечественников",
        "Council of Young Russian Compatriots",
        "Жаш орус мекендештер кеңеши",
        "СМРС",
        "youth",
        "bishkek",
        "Бишкек",
        (42.8700, 74.5900),
        2015,
        ["youth", "volunteers"],
        date(2015, 5, 20),
    ),
    (
        "Кыргызское общество блокадников Ленинграда",
        "Kyrgyz Society of Siege of Leningrad Survivors",
        "Ленинград блокадасынан аман калгандардын Кыргыз коому",
        "",
        "society",
        "bishkek",
        "Бишкек",
        (42.8650, 74.6100),
        1990,
        ["memory", "social"],
        date(2008, 11, 1),
    ),
    (
        "Ассоциация гильдий соотечественников",
        "Association of Compatriots' Guilds",
        "Мекендештер гильдияларынын ассоциациясы",
        "",
        "guild_association",
        "bishkek",
        "Бишкек",
        (42.8800, 74.6150),
        2017,
        ["business"],
        date(2017, 3, 15),
    ),
    (
        "Фонд поддержки и защиты прав соотечественников, проживающих за рубежом",
        "Fund for Support and Protection of the Rights of Compatriots Living Abroad",
        "Чет өлкөдө жашаган мекендештердин укуктарын колдоо жана коргоо фонду",
        "",
        "fund",
        "bishkek",
        "Бишкек",
        None,
        2012,
        ["legal-aid"],
        None,
    ),
    (
        "Центр правовой поддержки соотечественников в Бишкеке",
        "Legal Support Centre for Compatriots in Bishkek",
        "Бишкектеги мекендештерге укуктук колдоо борбору",
        "",
        "fund",
        "bishkek",
        "Бишкек",
        (42.8760, 74.6000),
        2016,
        ["legal-aid"],
        None,
    ),
    (
        "Центр правовой поддержки соотечественников в Оше",
        "Legal Support Centre for Compatriots in Osh",
        "Оштогу мекендештерге укуктук колдоо борбору",
        "",
        "fund",
        "osh-city",
        "Ош",
        (40.5140, 72.8161),
        2018,
        ["legal-aid"],
        None,
    ),
    (
        "Движение «Наша Победа – Биздин Жениш»",
        "Our Victory – Bizdin Zhenish movement",
        "«Наша Победа – Биздин Жениш» кыймылы",
        "",
        "youth",
        "bishkek",
        "Бишкек",
        (42.8720, 74.5800),
        2015,
        ["memory", "youth", "volunteers"],
        date(2016, 4, 1),
    ),
    (
        "Движение «Волонтёры Победы» в Кыргызстане",
        "Victory Volunteers movement in Kyrgyzstan",
        "Кыргызстандагы «Жеңиш волонтёрлору» кыймылы",
        "",
        "youth",
        "chui",
        "Кант",
        (42.8910, 74.8508),
        2017,
        ["memory", "youth", "volunteers"],
        date(2018, 2, 10),
    ),
    (
        "Русский культурный центр «Славяне»",
        "Slavyane Russian Cultural Centre",
        "«Славяне» орус маданий борбору",
        "",
        "public_association",
        "issyk-kul",
        "Каракол",
        (42.4907, 78.3936),
        1996,
        ["culture", "education"],
        date(2008, 11, 1),
    ),
    (
        "Общество русской культуры «Родник»",
        "Rodnik Society of Russian Culture",
        "«Родник» орус маданиятынын коому",
        "",
        "society",
        "naryn",
        "Нарын",
        (41.4287, 75.9911),
        2001,
        ["culture"],
        date(2009, 6, 12),
    ),
    (
        "Таласское общество соотечественников «Содружество»",
        "Sodruzhestvo Compatriots' Society of Talas",
        "«Содружество» Талас мекендештер коому",
        "",
        "society",
        "talas",
        "Талас",
        (42.5228, 72.2427),
        2004,
        ["culture", "social"],
        date(2010, 9, 1),
    ),
    (
        "Джалал-Абадский русский культурный центр «Истоки»",
        "Istoki Russian Cultural Centre of Jalal-Abad",
        "«Истоки» Жалал-Абад орус маданий борбору",
        "",
        "public_association",
        "jalal-abad",
        "Жалал-Абад",
        (40.9333, 72.9815),
        1999,
        ["culture", "education"],
        date(2008, 11, 1),
    ),
    (
        "Молодёжный клуб «Русское слово»",
        "Russkoye Slovo Youth Club",
        "«Русское слово» жаштар клубу",
        "",
        "youth",
        "osh-city",
        "Ош",
        (40.5280, 72.7985),
        2012,
        ["youth", "education"],
        date(2013, 1, 25),
    ),
    (
        "Баткенское общество «Дружба»",
        "Druzhba Society of Batken",
        "«Дружба» Баткен коому",
        "",
        "society",
        "batken",
        "Баткен",
        (40.0626, 70.8194),
        2006,
        ["culture", "social"],
        date(2011, 5, 5),
    ),
    (
        "Токмокский культурный центр «Вера»",
        "Vera Cultural Centre of Tokmok",
        "«Вера» Токмок маданий борбору",
        "",
        "public_association",
        "chui",
        "Токмок",
        (42.8420, 75.3016),
        2003,
        ["culture", "social"],
        date(2008, 11, 1),
    ),
    (
        "Ассоциация учителей русского языка «Словесник»",
        "Slovesnik Association of Russian Language Teachers",
        "«Словесник» орус тили мугалимдеринин ассоциациясы",
        "",
        "public_association",
        "bishkek",
        "Бишкек",
        (42.8600, 74.5800),
        2010,
        ["education"],
        date(2012, 10, 5),
    ),
    (
        "Медиацентр «Голос соотечественника»",
        "Voice of the Compatriot Media Centre",
        "«Мекендештин үнү» медиа борбору",
        "",
        "media",
        "bishkek",
        "Бишкек",
        (42.8790, 74.5900),
        2019,
        ["media"],
        date(2020, 2, 14),
    ),
    (
        "Спортивный клуб «Богатырь»",
        "Bogatyr Sports Club",
        "«Богатырь» спорт клубу",
        "",
        "public_association",
        "chui",
        "Кант",
        (42.8880, 74.8450),
        2014,
        ["sport", "youth"],
        date(2016, 9, 9),
    ),
    (
        "Социальный центр «Забота»",
        "Zabota Social Centre",
        "«Забота» социалдык борбору",
        "",
        "public_association",
        "chui",
        "Кара-Балта",
        (42.8148, 73.8486),
        2009,
        ["social", "memory"],
        date(2010, 3, 3),
    ),
    (
        "Кара-Суйское общество «Родина»",
        "Rodina Society of Kara-Suu",
        "«Родина» Кара-Суу коому",
        "",
        "society",
        "osh",
        "Кара-Суу",
        (40.7037, 72.8664),
        2007,
        ["culture"],
        date(2011, 11, 11),
    ),
    (
        "Русская школа «Знание»",
        "Znaniye Russian School",
        "«Знание» орус мектеби",
        "",
        "school",
        "osh-city",
        "Ош",
        (40.5200, 72.8000),
        2022,
        ["education"],
        None,
    ),
]
PARTNERS = {
    "Фонд поддержки и защиты прав соотечественников, проживающих за рубежом",
    "Русская школа «Знание»",
}
BRANCHES = {
    "Центр правовой поддержки соотечественников в Бишкеке": "Фонд поддержки и защиты прав соотечественников, проживающих за рубежом",
    "Центр правовой поддержки соотечественников в Оше": "Фонд поддержки и защиты прав соотечественников, проживающих за рубежом",
    "Совет молодых российских соотечественников": "Координационный совет российских соотечественников Кыргызской Республики",
}
# The English short names of the organizations that have one (the others' stay empty).
SHORT_NAMES_EN = {"КСОРС": "CCRCO", "СМРС": "CYRC"}
SUSPENDED = {"Баткенское общество «Дружба»": date(2023, 2, 1)}

CURRENT_SEATS = [
    (
        "Петрова Анна Викторовна",
        SeatRole.CHAIR,
        "Координационный совет российских соотечественников Кыргызской Республики",
        "Председатель КСОРС, преподаватель русского языка и литературы.",
    ),
    (
        "Асанов Нурлан Бакытович",
        SeatRole.DEPUTY_CHAIR,
        "Совет молодых российских соотечественников",
        "Руководит молодёжными проектами Совета.",
    ),
    (
        "Смирнова Елена Игоревна",
        SeatRole.DEPUTY_CHAIR,
        "Союз соотечественниц Кыргызстана",
        "Одна из основательниц Союза соотечественниц.",
    ),
    (
        "Ковалёв Дмитрий Андреевич",
        SeatRole.EXECUTIVE_SECRETARY,
        "Координационный совет российских соотечественников Кыргызской Республики",
        "Ведёт работу секретариата Совета.",
    ),
    ("Белова Ольга Николаевна", SeatRole.MEMBER, "Кыргызское общество блокадников Ленинграда", ""),
    ("Ким Виктор Сергеевич", SeatRole.MEMBER, "Ассоциация гильдий соотечественников", ""),
    ("Орлова Марина Павловна", SeatRole.MEMBER, "Русский культурный центр «Славяне»", ""),
    (
        "Токтогулов Азамат Маратович",
        SeatRole.MEMBER,
        "Джалал-Абадский русский культурный центр «Истоки»",
        "",
    ),
    (
        "Громова Валентина Ивановна",
        SeatRole.HONORARY_MEMBER,
        None,
        "Ветеран движения соотечественников.",
    ),
]
EARLIER_SEATS = [
    (
        "Громова Валентина Ивановна",
        SeatRole.CHAIR,
        "Координационный совет российских соотечественников Кыргызской Республики",
        "",
    ),
    (
        "Петрова Анна Викторовна",
        SeatRole.DEPUTY_CHAIR,
        "Ассоциация учителей русского языка «Словесник»",
        "",
    ),
    (
        "Ковалёв Дмитрий Андреевич",
        SeatRole.EXECUTIVE_SECRETARY,
        "Координационный совет российских соотечественников Кыргызской Республики",
        "",
    ),
    ("Белова Ольга Николаевна", SeatRole.MEMBER, "Кыргызское общество блокадников Ленинграда", ""),
]

# The Council members' short biographies in Kyrgyz and English, by the Russian text.
BIOGRAPHIES = {
    "Председатель КСОРС, преподаватель русского языка и литературы.": (
        "КСОРСтун төрайымы, орус тили жана адабияты мугалими.",
        "Chair of the Council, a teacher of Russian language and literature.",
    ),
    "Руководит молодёжными проектами Совета.": (
        "Кеңештин жаштар долбоорлорун жетектейт.",
        "Leads the Council's youth projects.",
    ),
    "Одна из основательниц Союза соотечественниц.": (
        "Мекендеш аялдар союзунун негиздөөчүлөрүнүн бири.",
        "One of the founders of the Union of Women Compatriots.",
    ),
    "Ведёт работу секретариата Совета.": (
        "Кеңештин катчылыгынын ишин жүргүзөт.",
        "Runs the Council's secretariat.",
    ),
    "Ветеран движения соотечественников.": (
        "Мекендештер кыймылынын ардагери.",
        "A veteran of the compatriots' movement.",
    ),
}

PAGE_TRANSLATIONS = {
    "ky": {
        "Организации": "Уюмдар",
        "Организации соотечественников — членов и партнёров Совета по всей стране.": "Өлкө боюнча Кеңештин мүчөлөрү жана өнөктөштөрү болгон мекендештер уюмдары.",
        "Состав Совета": "Кеңештин курамы",
        "Координационный совет утверждается страновой конференцией делегатов.": "Координациялык кеңешти делегаттардын өлкөлүк конференциясы бекитет.",
    },
    "en": {
        "Организации": "Organizations",
        "Организации соотечественников — членов и партнёров Совета по всей стране.": "Compatriots' organizations across the country: members and partners of the Council.",
        "Состав Совета": "The Council",
        "Координационный совет утверждается страновой конференцией делегатов.": "The Coordination Council is approved by the country conference of delegates.",
    },
}


def load():
    if Organization.objects.exists():
        return "Organizations: already loaded."
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    regions = {region.code: region for region in Region.objects.all()}
    tags = {tag.code: tag for tag in OrganizationTag.objects.all()}
    by_name = {}
    for (
        name_ru,
        name_en,
        name_ky,
        short,
        kind,
        region,
        city,
        point,
        founded,
        tag_codes,
        since,
    ) in ORGANIZATIONS:
        organization = Organization(
            name_ru=name_ru,
            name_en=name_en,
            name_ky=name_ky,
            short_name_ru=short,
            short_name_ky=short,
            short_name_en=SHORT_NAMES_EN.get(short, ""),
            slug=slugify(transliterate(name_ru))[:90],
            type=kind,
            region=regions[region],
            city=city,
            latitude=Decimal(str(point[0])) if point else None,
            longitude=Decimal(str(point[1])) if point else None,
            founded_year=founded,
            is_partner=name_ru in PARTNERS,
            description_ru=f"{name_ru} — организация российских соотечественников ({city}).",
            description_ky=f"{name_ky or name_ru} — орус мекендештеринин уюму "
            f"({cities.localized(city, 'ky')}).",
            description_en=f"{name_en or name_ru}: an organization of Russian compatriots "
            f"({cities.localized(city, 'en')}).",
            email=f"info@{slugify(transliterate(name_ru))[:20].strip('-')}.kg",
        )
        services.organization_save(organization=organization, user=admin)
        organization.tags.set([tags[code] for code in tag_codes])
        by_name[name_ru] = organization
        if since:
            MembershipChange.objects.create(
                organization=organization,
                status=MembershipStatus.MEMBER,
                date=since,
                recorded_by=admin,
            )
            organization.membership_status, organization.member_since = (
                MembershipStatus.MEMBER,
                since,
            )
            organization.save(update_fields=["membership_status", "member_since"])
    for branch, parent in BRANCHES.items():
        Organization.objects.filter(pk=by_name[branch].pk).update(parent=by_name[parent])
    for name, day in SUSPENDED.items():
        services.membership_change(
            organization=by_name[name],
            status=MembershipStatus.SUSPENDED,
            date=day,
            note="Не представлены отчёты за два года.",
            user=admin,
        )
    _load_council(by_name)
    editor = _load_editor(by_name["Союз соотечественниц Кыргызстана"])
    return (
        f"Organizations: {len(by_name)} loaded. Demo organization editor: {editor.email} / "
        f"{DEMO_ADMIN_PASSWORD} (same two-factor secret as the administrator)"
    )


def _load_council(by_name):
    current = CouncilTerm.objects.create(
        title_ru="Состав Координационного совета 2021 года",
        title_en="The Council elected in 2021",
        title_ky="2021-жылы шайланган Кеңештин курамы",
        approved_on=date(2021, 4, 2),
        approved_by_ru="XII страновая конференция российских соотечественников Кыргызской Республики",
        approved_by_en="The XII country conference of Russian compatriots of the Kyrgyz Republic",
        approved_by_ky="Кыргыз Республикасындагы орус мекендештердин XII өлкөлүк конференциясы",
    )
    earlier = CouncilTerm.objects.create(
        title_ru="Состав Координационного совета 2019 года",
        title_en="The Council elected in 2019",
        title_ky="2019-жылы шайланган Кеңештин курамы",
        approved_on=date(2019, 3, 29),
        ended_on=date(2021, 4, 2),
        approved_by_ru="XI страновая конференция российских соотечественников Кыргызской Республики",
        approved_by_en="The XI country conference of Russian compatriots of the Kyrgyz Republic",
        approved_by_ky="Кыргыз Республикасындагы орус мекендештердин XI өлкөлүк конференциясы",
    )
    for term, seats in ((current, CURRENT_SEATS), (earlier, EARLIER_SEATS)):
        for order, (person, role, organization, biography) in enumerate(seats):
            CouncilSeat.objects.create(
                term=term,
                person_name=person,
                role=role,
                sort_order=order,
                biography_ru=biography,
                biography_ky=BIOGRAPHIES[biography][0] if biography else "",
                biography_en=BIOGRAPHIES[biography][1] if biography else "",
                organization=by_name.get(organization),
            )


def _load_editor(organization):
    editor = User.objects.filter(email=DEMO_EDITOR_EMAIL).first() or User.objects.create_user(
        DEMO_EDITOR_EMAIL, DEMO_ADMIN_PASSWORD, first_name="Демо", last_name="Редактор"
    )
    EmailAddress.objects.update_or_create(
        user=editor, email=DEMO_EDITOR_EMAIL, defaults={"verified": True, "primary": True}
    )
    if not Authenticator.objects.filter(user=editor, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(editor, DEMO_ADMIN_TOTP_SECRET)
    services.organization_editor_add(organization=organization, user=editor, is_admin=True)
    return editor


def add_pages(home):
    """The ``demo_pages`` hook: the directory and the Council page under the home page."""
    added = []
    if not OrganizationIndexPage.objects.filter(locale=home.locale).exists():
        page = home.add_child(
            instance=OrganizationIndexPage(
                title="Организации",
                slug="organizations",
                show_in_menus=True,
                intro="Организации соотечественников — членов и партнёров Совета по всей стране.",
            )
        )
        added.append((page, PAGE_TRANSLATIONS))
    if not CouncilPage.objects.filter(locale=home.locale).exists():
        page = home.add_child(
            instance=CouncilPage(
                title="Состав Совета",
                slug="council",
                show_in_menus=True,
                intro="Координационный совет утверждается страновой конференцией делегатов.",
            )
        )
        added.append((page, PAGE_TRANSLATIONS))
    return added
