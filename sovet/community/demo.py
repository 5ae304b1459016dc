"""The community's demo: the volunteers page, two projects with shifts at the demo's memorial
places and events (one held, with hours confirmed; the rest to come, one for adults only and one
at night), volunteers (an adult and a 16-year-old with her guardian's consent), hours outside
shifts, a certificate, and youth initiatives at each stage. People and texts are invented."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.utils import timezone

from sovet.accounts.demo import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_TOTP_SECRET
from sovet.accounts.models import User
from sovet.accounts.roles import Role
from sovet.conferences.models import Decision
from sovet.core.models import Region
from sovet.events.models import Event
from sovet.organizations.models import Organization
from sovet.organizations.services import organization_editor_add
from sovet.places.models import MemorialPlace

from .models import (
    Attendance,
    Certificate,
    CertificateKind,
    CommunitySettings,
    ConsentMethod,
    GuardianConsent,
    HoursEntry,
    HoursStatus,
    Initiative,
    InitiativeStatus,
    Participation,
    ParticipationStatus,
    Project,
    Shift,
    Skill,
    Slot,
    SlotRole,
    Support,
    Volunteer,
    VolunteersPage,
)

VOLUNTEERS_ORGANIZATION = "Движение «Волонтёры Победы» в Кыргызстане"
YOUTH_ORGANIZATION = "Совет молодых российских соотечественников"
# Staff: the movement's coordinator (an organization editor) and the youth council's coordinator.
DEMO_STAFF = [
    ("volunteers@sovet.kg", "Руслан", "Координаторов", None),
    ("youth@sovet.kg", "Алина", "Молодёжная", Role.YOUTH_COORDINATOR),
]
# Volunteers sign in without a second factor, like any member.
DEMO_VOLUNTEERS = [
    # e-mail, full name, age, skills, region
    ("volunteer@sovet.kg", "Смирнов Даниил Игоревич", 22, [Skill.FIRST_AID, Skill.PHOTOGRAPHY],
     "bishkek"),
    ("teen@sovet.kg", "Ким Валерия Андреевна", 16, [Skill.TRANSLATION], "bishkek"),
    ("kurmanbek@sovet.kg", "Асанов Курманбек Токтогулович", 19, [Skill.DRIVING], "chui"),
]  # fmt: skip

INTRO = (
    "Помогите ухаживать за местами памяти, встречать ветеранов и провести «Бессмертный полк». "
    "Выберите смену, запишитесь — координатор подтвердит часы, а Совет выдаст справку."
)
PAGE_TRANSLATIONS = {
    "ky": {
        "Волонтёры": "Ыктыярчылар",
        INTRO: "Эстелик жайларын карап турууга, ардагерлерди тосуп алууга жана «Өлбөс полкту» "
        "өткөрүүгө жардам бериңиз. Сменаны тандап, жазылыңыз — координатор сааттарды "
        "ырастайт, Кеңеш маалымкат берет.",
    },
    "en": {
        "Волонтёры": "Volunteers",
        INTRO: "Help look after memorial places, welcome veterans and hold the Immortal Regiment. "
        "Choose a shift and sign up: a coordinator confirms your hours and the Council issues "
        "a certificate.",
    },
}


def _account(email: str, first_name: str, last_name: str) -> User:
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email, DEMO_ADMIN_PASSWORD, first_name=first_name, last_name=last_name
    )
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def _next_saturday(after: date) -> date:
    return after + timedelta(days=(5 - after.weekday()) % 7 or 7)


def _shift(project, starts, hours, slots, **fields) -> Shift:
    shift = Shift.objects.create(
        project=project, starts_at=starts, ends_at=starts + timedelta(hours=hours), **fields
    )
    for role, capacity in slots.items():
        Slot.objects.create(shift=shift, role=role, capacity=capacity)
    return shift


def load() -> str:
    if Project.objects.exists():
        return "Volunteers: already loaded."
    organizations = {o.name_ru: o for o in Organization.objects.all()}
    movement = organizations.get(VOLUNTEERS_ORGANIZATION) or Organization.objects.first()
    youth = organizations.get(YOUTH_ORGANIZATION) or movement
    staff = _load_staff(movement)
    volunteers = _load_volunteers(movement, youth)

    settings = CommunitySettings.load()
    settings.signer_name = "Председатель Координационного совета (демо)"
    settings.signer_title = "Координационный совет российских соотечественников Кыргызстана"
    settings.support_threshold = 25
    settings.save()

    decision = Decision.objects.filter(text_ru__icontains="молодых российских").first()
    today = timezone.localdate()
    victory_park = MemorialPlace.objects.filter(
        name_ru__startswith="Мемориал воинам-землякам"
    ).first()
    hospital_grave = MemorialPlace.objects.filter(name_ru__startswith="Братская могила").first()
    cleanup_event = Event.objects.filter(title_ru__startswith="Субботник у мемориала").first()

    cleanups = Project.objects.create(
        organization=movement,
        slug="cleanups",
        title_ru=f"Субботники у мест памяти {today.year + 1}",
        title_ky=f"Эстелик жайларындагы ишембиликтер {today.year + 1}",
        title_en=f"Clean-ups at memorial places {today.year + 1}",
        description_ru="Убираем территорию, красим ограды, сажаем цветы у памятников и братских "
        "могил. Инвентарь выдаём на месте. (Демонстрационный проект.)",
        description_ky="Аймакты тазалайбыз, тосмолорду боёйбуз, эстеликтердин жанына гүл "
        "отургузабыз. Шаймандарды ордунда беребиз. (Демонстрациялык долбоор.)",
        description_en="We clean the grounds, paint fences and plant flowers at monuments and "
        "mass graves. Tools are given on site. (A demo project.)",
        decision=decision,
    )
    regiment = Project.objects.create(
        organization=movement,
        slug="immortal-regiment-stewards",
        title_ru=f"Бессмертный полк {today.year + 1} — волонтёры-распорядители",
        title_ky=f"Өлбөс полк {today.year + 1} — ыктыярчы-тейлөөчүлөр",
        title_en=f"Immortal Regiment {today.year + 1}: stewards",
        description_ru="Встречаем колонну, помогаем ветеранам и семьям с портретами, дежурим "
        "на маршруте. (Демонстрационный проект.)",
        description_ky="Колоннаны тосуп алабыз, ардагерлерге жана сүрөт көтөргөн үй-бүлөлөргө "
        "жардам беребиз, маршрутта нөөмөттө турабыз. (Демонстрациялык долбоор.)",
        description_en="We meet the column, help veterans and families carrying portraits and "
        "keep watch along the route. (A demo project.)",
        decision=decision,
    )

    held = _shift(
        cleanups, _at(today - timedelta(days=20), 10), 3, {SlotRole.CLEANUP: 12},
        memorial_place=victory_park, region=victory_park.region if victory_park else None,
        notes_ru="Сбор у входа в парк Победы. Перчатки и мешки выдаём.",
        notes_ky="Жеңиш паркынын кире беришинде чогулабыз. Колкап жана баштык беребиз.",
        notes_en="Meet at the entrance to Victory Park. Gloves and bags provided.",
    )  # fmt: skip
    saturday = _next_saturday(today)
    upcoming = _shift(
        cleanups, _at(saturday, 10), 3, {SlotRole.CLEANUP: 15, SlotRole.PHOTOGRAPHER: 1},
        memorial_place=hospital_grave, region=hospital_grave.region if hospital_grave else None,
        notes_ru="Сбор у ворот кладбища. Тёплая одежда, перчатки.",
        notes_ky="Көрүстөндүн дарбазасында чогулабыз. Жылуу кийим, колкап.",
        notes_en="Meet at the cemetery gate. Warm clothes, gloves.",
    )  # fmt: skip
    if cleanup_event:
        _shift(
            cleanups, cleanup_event.starts_at, 3, {SlotRole.CLEANUP: 20, SlotRole.FIRST_AID: 1},
            event=cleanup_event, memorial_place=cleanup_event.memorial_place,
            region=cleanup_event.region, required_skills=[],
            notes_ru="Субботник вместе с участниками мероприятия.",
            notes_ky="Иш-чаранын катышуучулары менен бирге ишембилик.",
            notes_en="A clean-up together with the event's participants.",
        )  # fmt: skip
    may_9 = date(today.year + 1, 5, 9)
    bishkek = Region.objects.get(code="bishkek")
    _shift(
        regiment, _at(may_9, 8), 5, {SlotRole.STEWARD: 20, SlotRole.FIRST_AID: 2},
        address="Бишкек, площадь Победы", region=bishkek, min_age=18,
        notes_ru="Распорядители — только с 18 лет. Инструктаж в 07:30.",
        notes_ky="Тейлөөчүлөр — 18 жаштан баштап гана. Нускама саат 07:30да.",
        notes_en="Stewards must be 18 or over. Briefing at 07:30.",
    )  # fmt: skip
    _shift(
        regiment, _at(may_9, 9), 4, {SlotRole.ESCORT: 10, SlotRole.TRANSLATOR: 2},
        address="Бишкек, площадь Победы", region=bishkek, min_age=14,
        notes_ru="Сопровождение ветеранов и семей. Можно с 14 лет с согласием родителей.",
        notes_ky="Ардагерлерди жана үй-бүлөлөрдү коштоо. Ата-эненин макулдугу менен 14 жаштан.",
        notes_en="Escorting veterans and families. From 14 with a parent's consent.",
    )  # fmt: skip
    _shift(
        regiment, _at(date(today.year + 1, 6, 22), 3, 30), 2, {SlotRole.HELPER: 10},
        address="Бишкек, Вечный огонь на площади Победы", region=bishkek, min_age=14,
        notes_ru="Акция «Свеча памяти» на рассвете 22 июня: ночная смена, только с 18 лет.",
        notes_ky="22-июндун таңында «Эскерүү шамы» акциясы: түнкү кезмет, 18 жаштан гана.",
        notes_en="The Candle of Memory at dawn on 22 June: a night shift, 18 and over only.",
    )  # fmt: skip

    adult, teen, driver = volunteers
    coordinator = staff[0]
    for volunteer in (adult, teen, driver):
        Participation.objects.create(
            slot=held.slots.get(), volunteer=volunteer, status=ParticipationStatus.CONFIRMED,
            attendance=Attendance.CAME, hours=held.hours, confirmed_by=coordinator,
            confirmed_at=held.ends_at + timedelta(hours=2),
        )  # fmt: skip
    Participation.objects.create(
        slot=upcoming.slots.get(role=SlotRole.CLEANUP), volunteer=adult,
        status=ParticipationStatus.CONFIRMED,
    )  # fmt: skip
    HoursEntry.objects.create(
        volunteer=adult, organization=movement, project=cleanups, day=today - timedelta(days=12),
        hours=Decimal("4"), description="Сверка списков захоронений с архивом (демо)",
        status=HoursStatus.APPROVED, decided_by=coordinator, decided_at=timezone.now(),
    )  # fmt: skip
    HoursEntry.objects.create(
        volunteer=teen, organization=movement, day=today - timedelta(days=3),
        hours=Decimal("2.5"), description="Перевод объявления о субботнике на кыргызский (демо)",
    )  # fmt: skip
    Certificate.objects.create(
        volunteer=adult, kind=CertificateKind.PROJECT, project=cleanups,
        hours=held.hours + Decimal("4"), projects=[cleanups.title_ru],
        holder_name=adult.full_name, language="ru", signer_name=settings.signer_name,
        signer_title=settings.signer_title, issued_by=coordinator,
    )  # fmt: skip
    initiatives = _load_initiatives(volunteers, youth, staff[1], today)
    return (
        f"Volunteers: 2 projects, {Shift.objects.count()} shifts, {len(volunteers)} volunteers, "
        f"{initiatives} youth initiatives. Demo coordinators: "
        + ", ".join(email for email, *_rest in DEMO_STAFF)
        + "; volunteers: "
        + ", ".join(email for email, *_rest in DEMO_VOLUNTEERS)
        + "."
    )


def _load_staff(movement) -> list[User]:
    users = []
    for email, first_name, last_name, role in DEMO_STAFF:
        user = _account(email, first_name, last_name)
        if role:
            user.groups.add(Group.objects.get(name=role))
        else:
            organization_editor_add(organization=movement, user=user)
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_ADMIN_TOTP_SECRET)
        users.append(user)
    return users


def _load_volunteers(movement, youth) -> list[Volunteer]:
    today = timezone.localdate()
    volunteers = []
    for email, full_name, age, skills, region in DEMO_VOLUNTEERS:
        surname, first_name, *_rest = full_name.split()
        user = _account(email, first_name, surname)
        born = today.replace(year=today.year - age, day=1) - timedelta(days=40)
        volunteers.append(
            Volunteer.objects.create(
                user=user,
                full_name=full_name,
                birth_date=born,
                region=Region.objects.get(code=region),
                city="Бишкек",
                languages=["ru", "ky"],
                skills=[str(skill) for skill in skills],
                availability=["weekends"],
                organization=youth if age < 18 else movement,
                consent_at=timezone.now(),
            )  # fmt: skip
        )
    teen = volunteers[1]
    GuardianConsent.objects.create(
        volunteer=teen, guardian_name="Ким Андрей Викторович", guardian_email="parent@example.org",
        method=ConsentMethod.LINK, confirmed_at=timezone.now() - timedelta(days=30),
        expires_on=today + timedelta(days=335),
    )  # fmt: skip
    return volunteers


def _load_initiatives(volunteers, youth, coordinator, today) -> int:
    adult, teen, driver = volunteers
    settings = CommunitySettings.load()
    collecting = Initiative.objects.create(
        author=adult.user, title="Квест по местам памяти Бишкека для школьников",
        summary="Маршрут из пяти памятников с заданиями: школьники узнают истории земляков, "
        "а волонтёры проводят команды. (Демонстрационная инициатива.)",
        needs="Десять волонтёров, печать карт, призы.", organization=youth,
        status=InitiativeStatus.COLLECTING, check_note="Понятно, законно, не повторяет другие.",
        collecting_until=today + timedelta(days=settings.support_days - 10),
    )  # fmt: skip
    for supporter in (teen, driver):
        Support.objects.create(initiative=collecting, user=supporter.user, notify=True)
    collecting.supports_count = 2
    collecting.save(update_fields=["supports_count"])
    Initiative.objects.create(
        author=driver.user, title="Автопробег «Дорогами Победы» Бишкек — Каракол",
        summary="Возложить цветы у памятников по маршруту и записать видео о каждом. "
        "(Демонстрационная инициатива.)",
        needs="Пять машин, топливо, согласование маршрута.", organization=youth,
    )  # fmt: skip
    accepted_project = Project.objects.create(
        organization=youth, slug="letters-to-veterans", published=False,
        title_ru="Письма ветеранам и труженикам тыла",
    )  # fmt: skip
    Initiative.objects.create(
        author=teen.user, title="Письма ветеранам и труженикам тыла",
        summary="Школьники пишут открытки к 9 Мая, волонтёры доставляют их лично. "
        "(Демонстрационная инициатива.)",
        organization=youth, status=InitiativeStatus.ACCEPTED,
        check_note="Понятно, законно, не повторяет другие.",
        collecting_until=today - timedelta(days=5), supports_count=31,
        answer="Принята: молодёжный совет поможет с доставкой; проект открыт, смены — весной.",
        answered_at=timezone.now() - timedelta(days=2), project=accepted_project,
    )  # fmt: skip
    return Initiative.objects.count()


def add_pages(home):
    """The ``demo_pages`` hook: the volunteers page under the home page."""
    if VolunteersPage.objects.filter(locale=home.locale).exists():
        return []
    page = home.add_child(
        instance=VolunteersPage(
            title="Волонтёры", slug="volunteers", show_in_menus=True, intro=INTRO
        )
    )
    return [(page, PAGE_TRANSLATIONS)]
