"""Resolutions in three layouts (bulleted, numbered with sub-items and a footer, Kyrgyz) are read
whole: every deadline, the sub-items inside their decision, the next conference's city and
period; and what is read is stored, in the text's language."""

from datetime import date
from pathlib import Path

import pytest
from django.utils import translation

from sovet.conferences import services
from sovet.conferences.importer import (
    LIMITS,
    decode,
    detect_kind,
    detect_language,
    parse,
    read_deadline,
    read_held_in,
)
from sovet.conferences.models import Conference, Decision, Resolution
from sovet.core.partial_dates import PartialDate

FIXTURES = Path(__file__).parent / "resolutions"
BULLETED = FIXTURES / "xiii-bulleted.md"
NUMBERED = FIXTURES / "xiv-numbered.md"
KYRGYZ = FIXTURES / "xv-kyrgyz.md"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def read(path: Path):
    return parse(path.read_text(encoding="utf-8"))


def deadlines(result) -> list[tuple[str, str, str]]:
    return [(d.kind, str(d.due) if d.due else "", d.recurrence) for d in result.decisions]


def test_bulleted_layout_every_deadline():
    result = read(BULLETED)
    assert result.errors == [] and result.warnings == []
    assert (result.language, result.conference_number, result.place) == ("ru", 13, "Бишкек")
    assert result.title == "Соотечественники: память, язык, молодёжь"
    assert result.adopted_on == date(2022, 4, 14)
    assert deadlines(result) == [
        ("note", "", ""),
        ("recommend", "2022-09-01", ""),  # до 1 сентября 2022 г.
        ("support", "2022-12-31", ""),  # не позднее 31 декабря 2022 года
        ("continue", "2022", ""),  # в течение 2022 года
        ("find_resources", "2023", ""),  # до конца 2023 года
        ("approve", "2023-01/2023-03", ""),  # в I квартале 2023 года
        ("recommend", "", "yearly"),  # ежегодно
        ("continue", "", "permanent"),  # на постоянной основе
        ("thank", "", ""),
        ("schedule", "2023-03/2023-04", ""),  # в марте–апреле 2023 года
    ]
    last = result.decisions[-1]
    assert (last.schedules_conference, last.scheduled_city) == (14, "Ош")  # «в г. Оше»
    assert str(last.scheduled_dates) == "2023-03/2023-04"


def test_numbered_layout_sub_items_stay_in_their_decision_and_the_footer_is_read():
    result = read(NUMBERED)
    assert result.errors == [] and result.warnings == []
    assert (result.language, result.conference_number, result.place) == ("ru", 14, "Ош")
    assert result.adopted_on == date(2023, 3, 15)  # «г. Ош, 15 марта 2023 г.»
    assert len(result.decisions) == 10
    second = result.decisions[1].text
    assert "а) до 1 сентября 2023 г. провести" in second and "б) представить" in second
    assert deadlines(result) == [
        ("approve", "", ""),  # «за 2022–2023 годы» is no deadline
        ("recommend", "2023-09-01", ""),  # in its sub-item а)
        ("support", "2023-05", ""),  # в мае 2023 года
        ("continue", "2023", ""),
        ("find_resources", "2023", ""),
        ("support", "2023-04/2023-06", ""),  # во II квартале 2023 года
        ("support", "", "yearly"),  # «Ежегодно поддерживать…»
        ("continue", "", "permanent"),
        ("thank", "", ""),
        ("schedule", "2024-04", ""),
    ]
    assert "г. Ош" not in result.decisions[-1].text  # the footer is not the last decision
    last = result.decisions[-1]
    assert (last.schedules_conference, last.scheduled_city) == (15, "Бишкек")


def test_kyrgyz_layout():
    result = read(KYRGYZ)
    assert result.errors == [] and result.warnings == []
    assert (result.language, result.conference_number, result.place) == ("ky", 15, "Бишкек")
    assert result.title == "Биримдикте – келечек"
    assert result.adopted_on == date(2024, 4, 18)
    assert result.preamble.startswith("Биз, Кыргыз Республикасындагы")
    assert deadlines(result) == [
        ("note", "", ""),
        ("recommend", "2024-09-01", ""),  # 2024-жылдын 1-сентябрына чейин
        ("support", "2024", ""),  # 2024-жыл ичинде (the last verb, колдоо, is the kind)
        ("continue", "2024", ""),  # 2024-жылдын аягына чейин
        ("find_resources", "2025-01/2025-03", ""),  # 2025-жылдын I чейрегинде
        ("approve", "2024-05", ""),  # 2024-жылдын май айында
        ("support", "", "yearly"),  # жыл сайын
        ("continue", "", "permanent"),  # туруктуу негизде
        ("thank", "", ""),
        ("schedule", "2025-03/2025-04", ""),  # март–апрель айларында
    ]
    last = result.decisions[-1]
    assert (last.schedules_conference, last.scheduled_city) == (16, "Каракол")


@pytest.mark.parametrize(
    ("text", "due", "recurrence"),
    [
        ("Рекомендовать до 01.09.2023 представить планы.", "2023-09-01", ""),
        ("Провести к 1 мая 2024 года.", "2024-05-01", ""),
        ("Продолжить в течение 2022–2024 годов.", "2022/2024", ""),
        ("Поддерживать постоянно.", "", "permanent"),
        ("Уюмдарга 2023-жылдын 1-сентябрына чейин сунуштоо.", "2023-09-01", ""),
        ("2022-жыл ичинде улантуу.", "2022", ""),
        ("1-сентябрь 2023-ж. чейин тапшырууну сунуштоо.", "2023-09-01", ""),
        ("Recommend submitting the plans by 1 September 2023.", "2023-09-01", ""),
        ("Recommend submitting the plans by September 1, 2023.", "2023-09-01", ""),
        ("Find funds for the book by the end of 2023.", "2023", ""),
        ("Continue the work during 2022.", "2022", ""),
        ("Hold the festival in March–April 2022.", "2022-03/2022-04", ""),
        ("Hold the school in the second quarter of 2023.", "2023-04/2023-06", ""),
        ("Support the contest annually.", "", "yearly"),
        ("Support the contest every year.", "", "yearly"),
        ("Continue the consultations permanently.", "", "permanent"),
        ("Note the ongoing work.", "", "permanent"),
        ("Отметить итоги за 2019-20 годы и 80-летие Победы.", "", ""),
        ("Провести 31 февраля 2023 года.", "", ""),  # no such day: nothing is read
    ],
)
def test_deadlines_in_three_languages(text, due, recurrence):
    value, repeats = read_deadline(text)
    assert (str(value) if value else "", repeats) == (due, recurrence)


@pytest.mark.parametrize(
    ("text", "language", "city"),
    [
        ("Провести XV конференцию в апреле 2024 года в г. Бишкеке", "ru", "Бишкек"),
        ("Провести XV конференцию в Джалал-Абаде", "ru", "Джалал-Абад"),
        ("Провести XV конференцию в г. Чолпон-Ате", "ru", "Чолпон-Ата"),
        ("Провести XV конференцию в городе Токмоке", "ru", "Токмок"),
        ("Провести XV конференцию в г. Кочкор-Ате", "ru", "Кочкор-Ат"),
        ("Провести XV конференцию в Кыргызской Республике в 2024 году", "ru", ""),
        ("XV конференцияны Ош шаарында өткөрүү", "ky", "Ош"),
        ("Hold the XV Conference in April 2024 in Bishkek", "en", "Bishkek"),
        ("Hold the XV Conference in April 2024", "en", ""),
        ("Hold the XV Conference in Kyrgyzstan in 2024", "en", ""),
        ("Hold the XV Conference in the city of Kochkor", "en", "Kochkor"),
    ],
)
def test_the_city_a_decision_holds_the_conference_in(text, language, city):
    assert read_held_in(text, language) == city


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Recommend that the organizations report", "recommend"),
        ("To continue the work", "continue"),
        ("Express gratitude to the Embassy", "thank"),
        ("Hold the XV Conference", "schedule"),
        ("Also support the youth", "support"),
        ("Иш пландарын тапшырууну сунуш кылуу", "recommend"),
        ("Биргелешип иштөөнү улантуу", "joint_action"),
        ("Өткөрүлгөн иш-чараларды белгилөө", "note"),
        ("Уюмдарга 2023-ж. 1-майга чейин отчёт берүүнү сунуштоо. Андан кийин колдоо.", "recommend"),
    ],
)
def test_kinds_from_english_and_kyrgyz_verbs(text, kind):
    language = "en" if text.isascii() else "ky"
    assert detect_kind(text, language) == (kind, False)


def test_language_is_detected():
    assert detect_language("Резолюция XII конференции") == "ru"
    assert detect_language("XV өлкөлүк конференциясынын резолюциясы, үчүн") == "ky"
    assert detect_language("Resolution of the XV Country Conference") == "en"
    # A Russian text quoting one Kyrgyz name stays Russian.
    assert detect_language("Поддержать движение «Биздин Жеңиш» " + "и работу " * 50) == "ru"


ENGLISH = """Resolution of the XVI Country Conference of Russian Compatriots of Kyrgyzstan
“Together for the Future”

The delegates, having heard the report of the Coordination Council, RESOLVED:

1. Recommend the organizations to submit their plans by 1 September 2025.
2. Continue the youth council's work during 2025.
3. Support the teachers' contest annually.
4. Hold the XVII Country Conference in March–April 2026 in Osh.

Adopted on 20 March 2025 in Bishkek
"""


def test_an_english_resolution():
    result = parse(ENGLISH)
    assert result.errors == []
    assert (result.language, result.conference_number, result.title) == (
        "en", 16, "Together for the Future",
    )  # fmt: skip
    assert (result.adopted_on, result.place) == (date(2025, 3, 20), "Bishkek")
    assert deadlines(result) == [
        ("recommend", "2025-09-01", ""),
        ("continue", "2025", ""),
        ("support", "", "yearly"),
        ("schedule", "2026-03/2026-04", ""),
    ]
    assert result.decisions[-1].scheduled_city == "Osh"


TEMPLATE = "Резолюция XII конференции {title}\nПОСТАНОВИЛИ:\n- {decision}\nПринято 2 апреля 2021 года, {place}"


def test_a_place_in_the_locative_is_named_in_the_nominative():
    text = TEMPLATE.format(title="«Вместе»", decision="Отметить.", place="в г. Оше")
    assert parse(text).place == "Ош"


def test_a_title_over_its_field_is_refused_with_the_limit():
    result = parse(TEMPLATE.format(title=f"«{'Д' * 300}»", decision="Отметить.", place="г. Ош"))
    assert (
        "The conference's title is too long: 300 characters, at most 255 are allowed. "
        "Shorten it in the text."
    ) in result.errors


def test_a_city_and_a_decision_over_their_limits_are_refused():
    city = "г. Б" + "б" * 120
    text = TEMPLATE.format(title="«Вместе»", decision="Отметить " + "работу " * 2000, place=city)
    errors = " ".join(parse(text).errors)
    assert "The place of adoption is too long: 121 characters, at most 100" in errors
    assert "The text of decision 1 is too long" in errors


@pytest.mark.django_db
def test_a_300_character_title_never_reaches_the_database():
    with pytest.raises(Exception, match="too long"):
        services.resolution_import(
            text=TEMPLATE.format(title=f"«{'Д' * 300}»", decision="Отметить.", place="г. Ош"),
            user=None,
        )
    assert not Conference.objects.exists()


def test_limits_are_the_models():
    assert LIMITS["title"] == Conference._meta.get_field("title_ru").max_length
    assert LIMITS["city"] == Conference._meta.get_field("city_ru").max_length
    assert LIMITS["city"] == Resolution._meta.get_field("adopted_in").max_length
    assert LIMITS["due"] == Decision._meta.get_field("due").max_length


def test_a_number_that_disagrees_with_the_text_is_an_error_unless_forced():
    text = NUMBERED.read_text(encoding="utf-8")
    refused = parse(text, conference_number=16)
    assert "The text says XIV, you gave 16." in " ".join(refused.errors)
    forced = parse(text, conference_number=16, force=True)
    assert forced.is_valid and forced.conference_number == 16
    assert any("The text says XIV" in warning for warning in forced.warnings)
    assert parse(text, conference_number=14).is_valid
    assert parse(
        "ПОСТАНОВИЛИ:\n- Отметить.\nПринято 2 апреля 2021 года", conference_number=3
    ).is_valid


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1251", "koi8-r", "utf-16", "utf-16-le"])
def test_files_in_legacy_encodings_are_read(encoding):
    text = NUMBERED.read_text(encoding="utf-8")
    if encoding == "koi8-r":  # it has no «» and –
        text = text.replace("«", '"').replace("»", '"').replace("–", "-")
    assert decode(text.encode(encoding)) == text


def test_a_kyrgyz_file_is_read_from_utf8():
    text = KYRGYZ.read_text(encoding="utf-8")
    assert decode(text.encode("utf-8")) == text


@pytest.mark.parametrize("data", [b"PK\x03\x04\x00\x00\x08\x00" + bytes(range(256)), b"\x00" * 40])
def test_binary_files_are_refused_with_what_to_do(data):
    with pytest.raises(ValueError, match="save it as plain text in UTF-8"):
        decode(data)


@pytest.mark.django_db
def test_bulleted_import_stores_deadlines_and_plans_the_next_conference_where_it_says():
    resolution = services.resolution_import(text=BULLETED.read_text(encoding="utf-8"), user=None)
    decisions = {d.number: d for d in resolution.decisions.all()}
    assert decisions[2].due == PartialDate(2022, 9, 1) and decisions[2].recurrence == ""
    assert str(decisions[6].due) == "2023-01/2023-03"
    assert decisions[7].due is None and decisions[7].recurrence == "yearly"
    assert decisions[8].recurrence == "permanent"
    planned = decisions[10].schedules_conference
    assert (planned.number, planned.status, str(planned.dates)) == (
        14,
        "planned",
        "2023-03/2023-04",
    )
    assert (planned.city_ru, planned.city_ky, planned.city_en) == ("Ош", "Ош", "Osh")
    assert resolution.conference.city_ru == "Бишкек"


@pytest.mark.django_db
def test_osh_schedules_bishkek_and_kyrgyz_fills_the_planned_conference():
    osh = services.resolution_import(text=NUMBERED.read_text(encoding="utf-8"), user=None)
    assert (osh.conference.city_ru, osh.adopted_in) == ("Ош", "Ош")
    planned = Conference.objects.get(number=15)
    assert (planned.city_ru, planned.city_en, str(planned.dates)) == (
        "Бишкек", "Bishkek", "2024-04",
    )  # fmt: skip
    # The secretary sets the exact day; the Kyrgyz resolution adopted there keeps it.
    planned.dates = PartialDate(2024, 4, 18)
    planned.save()
    kyrgyz = services.resolution_import(text=KYRGYZ.read_text(encoding="utf-8"), user=None)
    conference = kyrgyz.conference
    assert conference.pk == planned.pk and conference.status == "resolution_adopted"
    assert str(conference.dates) == "2024-04-18"
    assert (conference.title_ky, conference.title_ru) == ("Биримдикте – келечек", "")
    assert kyrgyz.preamble_ky.startswith("Биз,") and kyrgyz.preamble_ru == ""
    first = kyrgyz.decisions.get(number=1)
    assert first.text_ru == "" and first.text_ky.startswith("Координациялык кеңештин")
    assert str(kyrgyz.decisions.get(number=2).due) == "2024-09-01"
    karakol = kyrgyz.decisions.get(number=10).schedules_conference
    assert (karakol.number, karakol.city_ky, karakol.city_ru, str(karakol.dates)) == (
        16, "Каракол", "Каракол", "2025-03/2025-04",
    )  # fmt: skip


@pytest.mark.django_db
def test_an_existing_planned_conference_is_filled_never_overwritten():
    Conference.objects.create(number=15, city_ru="Каракол")
    services.resolution_import(text=NUMBERED.read_text(encoding="utf-8"), user=None)
    planned = Conference.objects.get(number=15)
    assert planned.city_ru == "Каракол"  # what the secretary entered stays
    assert (planned.city_en, str(planned.dates)) == ("Bishkek", "2024-04")  # empty ones are filled


@pytest.mark.django_db
def test_a_schedule_without_a_city_leaves_it_empty():
    text = TEMPLATE.format(
        title="«Вместе»", decision="Провести XIII конференцию в мае 2022 года.", place="г. Ош"
    )
    services.resolution_import(text=text, user=None)
    planned = Conference.objects.get(number=13)
    assert (planned.city_ru, str(planned.dates)) == ("", "2022-05")


@pytest.mark.django_db
def test_corrections_of_due_dates_recurrence_and_kind():
    resolution = services.resolution_import(
        text=BULLETED.read_text(encoding="utf-8"),
        user=None,
        kinds={1: "support"},
        corrections={
            2: {"due": PartialDate(2022, 10)},
            3: {"due": None, "recurrence": "yearly"},
            10: {"due": PartialDate(2023, 4, 20)},
        },
    )
    decisions = {d.number: d for d in resolution.decisions.all()}
    assert decisions[1].kind == "support" and decisions[1].tracked
    assert str(decisions[2].due) == "2022-10"
    assert decisions[3].due is None and decisions[3].recurrence == "yearly"
    assert str(decisions[10].due) == "2023-04-20"
    assert str(decisions[10].schedules_conference.dates) == "2023-04-20"


# --- The admin preview ------------------------------------------------------------------------


@pytest.fixture
def secretary_client(client, db):
    from sovet.accounts.roles import Role
    from sovet.core.testing import make_staff

    client.force_login(make_staff("secretary@example.org", Role.COUNCIL_SECRETARY))
    return client


URL = "/admin/conferences/import/"


@pytest.mark.django_db
def test_the_preview_shows_what_was_read(secretary_client):
    text = NUMBERED.read_text(encoding="utf-8")
    preview = secretary_client.post(URL, {"text": text, "check": "1"})
    assert preview.status_code == 200
    page = preview.content.decode()
    # The secretary's admin speaks Russian.
    assert "Срок: 1 сентября 2023 г." in page
    assert 'name="due-2" value="01.09.2023"' in page
    assert "Ежегодно" in page and "Постоянно" in page
    assert "Назначает XV конференцию" in page and "Бишкек, апрель 2024 г." in page
    assert not Resolution.objects.exists()


@pytest.mark.django_db
def test_a_bad_due_date_is_explained_and_everything_typed_is_kept(secretary_client):
    text = NUMBERED.read_text(encoding="utf-8")
    response = secretary_client.post(
        URL,
        {
            "text": text,
            "confirm": "1",
            "due-2": "тридцатое число",
            "recurrence-3": "yearly",
            "kind-1": "note",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "«тридцатое число» — не дата." in page
    assert 'value="тридцатое число"' in page
    assert '<option value="yearly" selected>' in page
    assert '<option value="note" selected>' in page
    assert "Вместе – ради будущего" in page  # the text is still in the form
    assert not Resolution.objects.exists()


@pytest.mark.django_db
def test_corrected_due_dates_and_recurrence_are_imported(secretary_client):
    text = NUMBERED.read_text(encoding="utf-8")
    done = secretary_client.post(
        URL,
        {
            "text": text,
            "confirm": "1",
            "due-2": "10.2023",
            "due-4": "",
            "recurrence-4": "permanent",
            "due-10": "18.04.2024",
            "kind-1": "note",
        },
    )
    assert done.status_code == 302
    decisions = {d.number: d for d in Decision.objects.all()}
    assert str(decisions[2].due) == "2023-10"
    assert decisions[4].due is None and decisions[4].recurrence == "permanent"
    assert decisions[1].kind == "note" and not decisions[1].tracked
    assert str(decisions[5].due) == "2023"  # not corrected: as read
    assert str(Conference.objects.get(number=15).dates) == "2024-04-18"


@pytest.mark.django_db
def test_the_admin_refuses_a_different_number_unless_told_to_use_it(secretary_client):
    text = NUMBERED.read_text(encoding="utf-8")
    refused = secretary_client.post(URL, {"text": text, "conference": "16", "confirm": "1"})
    assert "В тексте — XIV, вы указали 16." in refused.content.decode()
    assert not Resolution.objects.exists()
    done = secretary_client.post(
        URL, {"text": text, "conference": "16", "force": "on", "confirm": "1"}
    )
    assert done.status_code == 302
    assert Resolution.objects.get().conference.number == 16


@pytest.mark.django_db
def test_the_admin_reads_a_windows_1251_upload_and_refuses_a_binary_one(secretary_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    legacy = NUMBERED.read_text(encoding="utf-8").encode("cp1251")
    upload = SimpleUploadedFile("xiv.txt", legacy, "text/plain")
    preview = secretary_client.post(URL, {"file": upload, "check": "1"})
    assert preview.context["parsed"].title == "Вместе – ради будущего"
    word = SimpleUploadedFile("xiv.docx", b"PK\x03\x04\x00\x00" + bytes(range(256)), "x/y")
    refused = secretary_client.post(URL, {"file": word, "check": "1"})
    assert "сохраните как обычный текст в кодировке UTF-8" in refused.content.decode()
    assert refused.context["parsed"] is None


@pytest.mark.django_db
def test_a_kyrgyz_resolution_is_previewed_and_imported_in_kyrgyz(secretary_client):
    text = KYRGYZ.read_text(encoding="utf-8")
    preview = secretary_client.post(URL, {"text": text, "check": "1"})
    page = preview.content.decode()
    assert preview.status_code == 200 and "Кыргызский" in page
    assert "Назначает XVI конференцию" in page and "Каракол" in page
    done = secretary_client.post(URL, {"text": text, "confirm": "1"})
    assert done.status_code == 302
    decision = Decision.objects.get(number=2)
    assert (decision.text_ru, str(decision.due)) == ("", "2024-09-01")
    assert decision.text_ky.startswith("Орус мекендештеринин уюмдарына")
