"""Demo cards and stories of the memory archive. Every person here is invented: no real
biographies, no real families."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFilter

from sovet.accounts.demo import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_TOTP_SECRET
from sovet.accounts.models import User
from sovet.accounts.roles import Role
from sovet.core.images import set_image
from sovet.core.models import Region

from . import services
from .models import (
    CardStatus,
    MemoryIndexPage,
    Photo,
    SourceRecord,
    Story,
    StoryStatus,
    WarParticipant,
)

PEOPLE = [
    # surname, given name, patronymic, born, rank, fate, region, category
    ("Соловьёв", "Фёдор", "Иванович", "1915", "сержант", "returned", "bishkek", "front_line"),
    ("Асанов", "Үсөн", "Токтогулович", "1921", "рядовой", "missing", "naryn", "front_line"),
    ("Шевченко", "Наталья", "Степановна", "1923", "санинструктор", "returned", "chui",
     "front_line"),
    ("Жумабеков", "Бакыт", "", "1919", "младший лейтенант", "killed", "talas", "front_line"),
    ("Хабибуллин", "Габдулла", "Ринатович", "1910", "рядовой", "died_of_wounds", "osh-city",
     "front_line"),
    ("Кузнецова", "Мария", "Петровна", "1928", "", "returned", "issyk-kul", "home_front"),
    ("Ким", "Георгий", "Николаевич", "1917", "старшина", "returned", "chui", "front_line"),
    ("Лебедева", "Анна", "Фёдоровна", "1934", "", "returned", "bishkek", "leningrad_siege"),
]  # fmt: skip

PAGE_TRANSLATIONS = {
    "ky": {"Память": "Эскерүү", "Участники Великой Отечественной войны, связанные с Кыргызстаном.":
           "Кыргызстан менен байланышкан Улуу Ата Мекендик согуштун катышуучулары."},
    "en": {"Память": "Memory", "Участники Великой Отечественной войны, связанные с Кыргызстаном.":
           "Participants of the Great Patriotic War connected with Kyrgyzstan."},
}  # fmt: skip


DEMO_MODERATOR_EMAIL = "moderator@sovet.kg"


def load():
    parts = (load_cards(), load_stories(), load_moderator())
    return " ".join(message for message in parts if message)


def load_moderator():
    """A demo memory moderator (same password and two-factor secret as the administrator)."""

    user = User.objects.filter(email=DEMO_MODERATOR_EMAIL).first() or User.objects.create_user(
        DEMO_MODERATOR_EMAIL, DEMO_ADMIN_PASSWORD, first_name="Демо", last_name="Модератор"
    )
    user.groups.add(Group.objects.get(name=Role.MEMORY_MODERATOR))
    EmailAddress.objects.update_or_create(
        user=user, email=DEMO_MODERATOR_EMAIL, defaults={"verified": True, "primary": True}
    )
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_ADMIN_TOTP_SECRET)
    return f"Demo memory moderator: {DEMO_MODERATOR_EMAIL}."


def load_cards():
    if WarParticipant.objects.exists():
        return "Memory archive: already loaded."
    regions = {region.code: region for region in Region.objects.all()}
    for surname, given, patronymic, born, rank, fate, region, category in PEOPLE:
        card = services.card_save(card=WarParticipant(
                surname=surname, given_name=given, patronymic=patronymic, birth_date=born,
                rank=rank, fate=fate, region=regions[region], category=category,
                status="published", consent_to_publish=category != "front_line",
                conscription_place="Фрунзенский РВК" if category == "front_line" else "",
            ))  # fmt: skip
        if category == "front_line":
            SourceRecord.objects.create(
                participant=card, kind="memory_book", archive="Книга памяти Кыргызстана",
                note="Вымышленная запись для демонстрации.",
            )  # fmt: skip
    return f"Memory archive: {WarParticipant.objects.count()} invented cards."


# Stories in every state a moderator meets. "about" is the surname of a demo card, or a new
# person (who comes as a draft card). Photos: how many sepia placeholders come with the story.
STORIES = [
    {"status": "unconfirmed", "about": "Ким", "title": "Дедушкин котелок",
     "text": "Дедушка всю жизнь хранил солдатский котелок и никому не давал из него есть.\n\n"
             "Говорил только, что котелок был с ним от Москвы до Кёнигсберга.",
     "signature": "внук Олег", "relation": "grandchild", "name": "Олег Ким",
     "email": "oleg.kim@example.org"},
    {"status": "unconfirmed", "title": "Прадед, которого никто не помнит",
     "about": {"surname": "Омуралиев", "given_name": "Сагын", "patronymic": "",
               "birth_date": "1922~", "birth_place": "с. Кочкор", "fate": "missing",
               "category": "front_line", "region": "naryn"},
     "text": "В семье говорят, что прадед ушёл на фронт осенью 1942 года и не вернулся.",
     "signature": "", "relation": "great_grandchild", "name": "Айгуль Омуралиева",
     "email": "aigul@example.org"},
    {"status": "submitted", "photos": 1, "title": "Письма из-под Ржева",
     "about": {"surname": "Петренко", "given_name": "Иван", "patronymic": "Архипович",
               "birth_date": "1913", "birth_place": "г. Пржевальск", "rank": "ефрейтор",
               "fate": "killed", "death_date": "1942-08", "category": "front_line",
               "region": "issyk-kul"},
     "text": "У нас сохранились три письма Ивана Архиповича. В последнем он пишет, что «скоро "
             "погоним его обратно», и просит маму не плакать.",
     "signature": "правнучка Вера", "relation": "great_grandchild", "name": "Вера Сидоренко",
     "email": "vera@example.org", "days_ago": 3},
    {"status": "submitted", "about": "Асанов", "photos": 1, "title": "Последняя фотография",
     "text": "Эту фотографию Үсөн Токтогулович прислал домой в 1943 году. Больше писем не было.",
     "signature": "племянница Нургуль", "relation": "other_relative", "name": "Нургуль Асанова",
     "email": "nurgul@example.org", "days_ago": 1},
    {"status": "needs_changes", "about": "Ким", "title": "Старшина",
     "text": "Дедушка дошёл до Берлина. Больше мы о его войне ничего не знаем.",
     "signature": "внучка Сора", "relation": "grandchild", "name": "Сора Ким",
     "email": "sora.kim@example.org", "reason": "more_facts",
     "message": "Если сохранились наградные листы или письма, приложите, пожалуйста, их сканы.",
     "days_ago": 6},
    {"status": "needs_changes", "title": "Детство в войну",
     "about": {"surname": "Токтосунова", "given_name": "Айша", "patronymic": "Бекеновна",
               "birth_date": "1936", "birth_place": "с. Сокулук", "fate": "returned",
               "category": "child_of_war", "region": "chui"},
     "text": "Бабушке было пять лет, когда началась война. Она помнит, как собирала колоски.",
     "signature": "внук Эмиль", "relation": "grandchild", "name": "Эмиль Токтосунов",
     "email": "emil@example.org", "reason": "consent_needed",
     "message": "Подтвердите, пожалуйста, что Айша Бекеновна или её семья согласны на публикацию.",
     "days_ago": 5},
    {"status": "published", "about": "Хабибуллин", "photos": 1, "title": "Письма из госпиталя",
     "text": "Габдулла Ринатович умер от ран в госпитале в 1943 году.\n\n"
             "Его письма с фронта бабушка всю жизнь хранила в жестяной шкатулке.",
     "signature": "внучка Гульнара", "relation": "grandchild", "name": "Гульнара Хабибуллина",
     "email": "gulnara@example.org", "days_ago": 20},
    {"status": "published", "about": "Лебедева", "photos": 2, "title": "Блокадное детство",
     "text": "Анна Фёдоровна пережила первую блокадную зиму. Весной 1942 года её вывезли по "
             "Дороге жизни, а потом — во Фрунзе, где она и осталась.",
     "signature": "дочь Людмила", "relation": "child", "name": "Людмила Лебедева",
     "email": "ludmila@example.org", "days_ago": 15},
    {"status": "declined", "about": "Жумабеков", "title": "Ещё раз о Бакыте",
     "text": "Бакыт погиб в 1943 году.", "signature": "", "relation": "researcher",
     "name": "Школьный музей", "email": "museum@example.org", "reason": "duplicate",
     "message": "Эта история уже опубликована на карточке.", "days_ago": 10},
    {"status": "declined", "title": "Мой дед — ветеран труда",
     "about": {"surname": "Семёнов", "given_name": "Пётр", "patronymic": "Ильич",
               "birth_date": "1950", "fate": "unknown", "category": "home_front",
               "region": "bishkek"},
     "text": "Дед работал на заводе имени Ленина в 1970-е годы.", "signature": "",
     "relation": "grandchild", "name": "Илья Семёнов", "email": "ilya@example.org",
     "reason": "not_wwii", "message": "", "days_ago": 8},
]  # fmt: skip


def portrait_placeholder(seed: int) -> Image.Image:
    """A sepia studio portrait, drawn: a head and shoulders on a faded background."""
    width, height = 480, 640
    paper = (222 - seed * 7 % 20, 200 - seed * 5 % 16, 160 - seed * 3 % 12)
    image = Image.new("RGB", (width, height), paper)
    draw = ImageDraw.Draw(image)
    dark = (92, 64, 40)
    draw.ellipse((70, 420, 410, 760), fill=dark)  # shoulders
    draw.rectangle((205, 330, 275, 450), fill=(120, 86, 58))  # neck
    draw.ellipse((160, 150, 320, 360), fill=(150, 112, 78))  # face
    draw.chord((150, 130, 330, 300), 180, 360, fill=(70, 48, 30))  # hair or a cap
    image = image.filter(ImageFilter.GaussianBlur(3))
    # A vignette, as on old prints: the edges darker than the middle.
    mask = Image.new("L", (width, height), 0)
    ImageDraw.Draw(mask).ellipse((-60, -40, width + 60, height + 40), fill=255)
    mask = mask.filter(ImageFilter.GaussianBlur(60))
    return Image.composite(image, Image.new("RGB", (width, height), (60, 40, 24)), mask)


def load_stories():
    if Story.objects.exists():
        return ""
    regions = {region.code: region for region in Region.objects.all()}
    now = timezone.now()
    made = 0
    for number, item in enumerate(STORIES):
        about = item["about"]
        if isinstance(about, dict):
            person = {**about, "region": regions.get(about.get("region"))}
            card = services.card_save(card=WarParticipant(**person, status=CardStatus.DRAFT))
        else:
            card = WarParticipant.objects.filter(surname=about, status=CardStatus.PUBLISHED).first()
            if card is None:
                continue
        status = item["status"]
        sent = now - timedelta(days=item.get("days_ago", 0), hours=number)
        story = Story.objects.create(
            participant=card, new_card=isinstance(about, dict), title=item["title"],
            text=item["text"], signature=item["signature"], relation=item["relation"],
            submitter_name=item["name"], submitter_email=item["email"], language="ru",
            consent=True, status=status, reason=item.get("reason", ""),
            moderator_message=item.get("message", ""),
            confirmed_at=None if status == StoryStatus.UNCONFIRMED else sent,
            submitted_at=None if status == StoryStatus.UNCONFIRMED else sent,
            published_at=sent + timedelta(days=2) if status == StoryStatus.PUBLISHED else None,
        )  # fmt: skip
        for position in range(item.get("photos", 0)):
            photo = Photo(
                participant=card, story=story, position=position,
                caption="Фотография из семейного альбома (рисунок для демонстрации)",
                is_public=status == StoryStatus.PUBLISHED,
            )  # fmt: skip
            set_image(photo, portrait_placeholder(number + position))
            photo.save()
        services.card_photos_changed(card=card)
        made += 1
    return f"Memory archive: {made} invented stories."


def add_pages(home):
    if MemoryIndexPage.objects.filter(locale=home.locale).exists():
        return []
    page = home.add_child(instance=MemoryIndexPage(
        title="Память", slug="memory", show_in_menus=True,
        intro="Участники Великой Отечественной войны, связанные с Кыргызстаном.",
    ))  # fmt: skip
    return [(page, PAGE_TRANSLATIONS)]
