"""Demo cards of the memory archive. Every person here is invented: no real biographies."""

from sovet.core.models import Region

from . import services
from .models import MemoryIndexPage, SourceRecord, WarParticipant

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
    "ky": {"Память": "Эстелик", "Участники Великой Отечественной войны, связанные с Кыргызстаном.":
           "Кыргызстан менен байланышкан Улуу Ата Мекендик согуштун катышуучулары."},
    "en": {"Память": "Memory", "Участники Великой Отечественной войны, связанные с Кыргызстаном.":
           "Participants of the Great Patriotic War connected with Kyrgyzstan."},
}  # fmt: skip


def load():
    if WarParticipant.objects.exists():
        return "Memory archive: already loaded."
    regions = {region.code: region for region in Region.objects.all()}
    for surname, given, patronymic, born, rank, fate, region, category in PEOPLE:
        card = services.participant_save(
            WarParticipant(
                surname=surname, given_name=given, patronymic=patronymic, birth_date=born,
                rank=rank, fate=fate, region=regions[region], category=category,
                status="published", consent_to_publish=category != "front_line",
                conscription_place="Фрунзенский РВК" if category == "front_line" else "",
            )
        )  # fmt: skip
        if category == "front_line":
            SourceRecord.objects.create(
                participant=card, kind="memory_book", archive="Книга памяти Кыргызстана",
                note="Вымышленная запись для демонстрации.",
            )  # fmt: skip
    return f"Memory archive: {WarParticipant.objects.count()} invented cards."


def add_pages(home):
    if MemoryIndexPage.objects.filter(locale=home.locale).exists():
        return []
    page = home.add_child(instance=MemoryIndexPage(
        title="Память", slug="memory", show_in_menus=True,
        intro="Участники Великой Отечественной войны, связанные с Кыргызстаном.",
    ))  # fmt: skip
    return [(page, PAGE_TRANSLATIONS)]
