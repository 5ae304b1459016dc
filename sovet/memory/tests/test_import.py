"""`manage.py import_participants`: CSV and XLSX, checks per row, the error report, resuming."""

import csv
import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError

from sovet.memory import importer, services
from sovet.memory.models import NameKey, SourceRecord, WarParticipant

HEADER_RU = (
    "Фамилия;Имя;Отчество;Другие написания;Год рождения;Место рождения;Дата призыва;РВК;"
    "Звание;Часть;Судьба;Дата гибели;Место захоронения;Родственники;Категория;Регион;"
    "Архив;Фонд;Опись;Дело;Лист;База;Номер в базе;Тип источника"
)


def write_csv(path, lines, encoding="utf-8-sig"):
    path.write_bytes("\n".join(lines).encode(encoding) + b"\n")
    return path


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_participants", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def read_errors(path):
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


@pytest.mark.django_db
def test_a_russian_semicolon_csv_becomes_draft_cards_with_keys_and_sources(tmp_path):
    source = write_csv(
        tmp_path / "cards.csv",
        [
            HEADER_RU,
            "Асанов;Үсөн;Токтогулович;Хасанов | Asanov;1921;с. Кочкор;06.1941;Нарынский РВК;"
            "рядовой;316 сд;Погиб в бою 12.03.1943;1943-03-12;д. Крюково;мать Асанова Бюбю;"
            "фронтовик;Нарынская область;ЦАМО;58;18002;123;45;ОБД «Мемориал»;51479163;"
            "Донесение о потерях",
            "Петрова;Анна;;;около 1925;;;;;;вернулась;;;;Труженик тыла;chui;;;;;;;;",
        ],
    )
    out, err = run(source, "--no-progress", "--language", "en")
    assert "Rows read: 2, imported: 2, skipped: 0" in out
    assert err == ""
    asanov = WarParticipant.objects.get(surname="Асанов")
    assert (asanov.status, asanov.fate, asanov.category) == ("draft", "killed", "front_line")
    assert (str(asanov.birth_date), asanov.birth_year) == ("1921", 1921)
    assert str(asanov.conscription_date) == "1941-06"  # typed as 06.1941
    assert asanov.region.code == "naryn" and asanov.conscription_place == "Нарынский РВК"
    assert asanov.variant_list == ["Хасанов", "Asanov"]
    assert asanov.next_of_kin == "мать Асанова Бюбю"
    record = SourceRecord.objects.get(participant=asanov)
    assert (record.kind, record.database, record.database_id) == (
        "loss_report",
        "obd_memorial",
        "51479163",
    )
    assert record.citation == "ЦАМО, ф. 58, оп. 18002, д. 123, л. 45"
    petrova = WarParticipant.objects.get(surname="Петрова")
    assert (petrova.fate, petrova.category, petrova.region.code) == (
        "returned",
        "home_front",
        "chui",
    )
    assert str(petrova.birth_date) == "1925~" and petrova.birth_year == 1925
    assert not SourceRecord.objects.filter(participant=petrova).exists()
    assert not (tmp_path / "cards.csv.errors.csv").exists()  # nothing to report
    state = json.loads((tmp_path / "cards.csv.import-state.json").read_text())
    assert state["status"] == "finished" and state["rows_done"] == 2


@pytest.mark.django_db
def test_imported_name_keys_are_those_participant_save_makes(tmp_path):
    source = write_csv(
        tmp_path / "one.csv",
        ["Фамилия,Имя,Отчество,Другие написания,Дата рождения",
         "Соколов-Белов,Georgii,Асан уулу,Sokolow|Соколоф,1919-05-09"],
    )  # fmt: skip
    run(source, "--no-progress")
    imported = WarParticipant.objects.get()
    same = services.card_save(
        card=WarParticipant(
            surname=imported.surname,
            given_name=imported.given_name,
            patronymic=imported.patronymic,
            name_variants=imported.name_variants,
            birth_date="1919-05-09",
        )
    )
    assert same.birth_year == imported.birth_year == 1919
    keys = set(NameKey.objects.filter(participant=imported).values_list("key", flat=True))
    assert keys and keys == set(same.name_keys.values_list("key", flat=True))


@pytest.mark.django_db
def test_cp1251_with_commas_and_english_headers(tmp_path):
    source = write_csv(
        tmp_path / "old.csv",
        [
            "Surname,Given name,Birth date,Fate,Category,Region,Rank,Awards",
            'Кузнецов,Фёдор,1915,missing in action,Front-line soldier,Bishkek,сержант,"Орден, медаль"',
        ],
        encoding="cp1251",
    )
    run(source, "--no-progress")
    card = WarParticipant.objects.get()
    assert (card.surname, card.given_name, card.fate) == ("Кузнецов", "Фёдор", "missing")
    assert card.region.code == "bishkek" and card.awards == "Орден, медаль"


@pytest.mark.django_db
def test_xlsx_numbers_and_dates_are_read_as_text(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        ["ФАМИЛИЯ", "Имя", "Год рождения", "Дата призыва", "Судьба", "База", "Номер в базе"]
    )
    sheet.append(["Жумабеков", "Бакыт", 1919, datetime.datetime(1941, 8, 1), "убит",
                  "Память народа", 12345678.0])  # fmt: skip
    sheet.append([None, None, None, None, None, None, None])  # a blank row is not a bad row
    workbook.save(tmp_path / "cards.xlsx")
    out, _err = run(tmp_path / "cards.xlsx", "--no-progress", "--language", "en")
    assert "Rows read: 1, imported: 1, skipped: 0" in out
    card = WarParticipant.objects.get()
    assert (card.birth_year, str(card.conscription_date), card.fate) == (
        1919,
        "1941-08-01",
        "killed",
    )
    assert card.sources.get().database_id == "12345678"


@pytest.mark.django_db
def test_bad_rows_are_skipped_and_reported_the_others_imported(tmp_path):
    future = datetime.date.today().year + 2
    source = write_csv(
        tmp_path / "mixed.csv",
        [
            "Фамилия;Год рождения;Дата гибели;Судьба;Звание;Регион;База;Номер в базе;Прочее",
            "Иванов;1920;;;;;;;x",
            ";1920;;;;;;;",  # row 3: no surname
            "123;1920;;;;;;;",  # row 4: no letters
            f"Петров;{future};;;;;;;",  # row 5: in the future
            "Сидоров;1920;1910;;;;;;",  # row 6: died before birth
            "Орлов;весной;;;;;;;",  # row 7: not a date
            "Козлов;1920;;улетел;;;;;",  # row 8: unknown fate
            f"Волков;1920;;;{'р' * 101};;;;",  # row 9: too long
            "Зайцев;1920;;;;Атлантида;;;",  # row 10: unknown region
            "Титов;1920;;;;;Память народа;;",  # row 11: a database without a number
            "Гусев;=1+2;;;;;;;",  # row 12: a formula where a date should be
            "Белов;1921;;;;;;;",
        ],
    )
    out, _err = run(source, "--no-progress", "--errors", str(tmp_path / "report.csv"))
    assert set(WarParticipant.objects.values_list("surname", flat=True)) == {"Иванов", "Белов"}
    rows = read_errors(tmp_path / "report.csv")
    assert len(rows[0]) == 4  # row, column, value, message
    by_row = {int(row[0]): row for row in rows[1:]}
    assert sorted(by_row) == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    assert by_row[5][1] == "Год рождения" and by_row[5][2] == str(future)
    assert by_row[6][1] == "Дата гибели"
    assert by_row[9][1] == "Звание" and "100" in by_row[9][3]
    assert "Убедитесь" in by_row[9][3]  # Django's own message, in Russian by default
    assert by_row[11][1] == "Номер в базе"
    assert by_row[12][2] == "'=1+2"  # no formula reaches a spreadsheet
    assert "«Прочее»" in out and out.count("Прочее") == 1  # listed once, not per row
    assert ": 12," in out and ": 2," in out and ": 10," in out  # read, imported, skipped


@pytest.mark.django_db
def test_the_error_report_follows_the_language_option(tmp_path):
    source = write_csv(tmp_path / "long.csv", ["surname,rank", f"Иванов,{'x' * 101}"])
    run(source, "--no-progress", "--language", "en")
    message = read_errors(tmp_path / "long.csv.errors.csv")[1][3]
    assert message.startswith("Ensure this value has at most 100 characters")


@pytest.mark.django_db
def test_without_a_surname_column_nothing_is_imported(tmp_path):
    source = write_csv(tmp_path / "names.csv", ["Имя;Отчество", "Иван;Петрович"])
    with pytest.raises(CommandError, match="«Фамилия»"):
        run(source, "--no-progress")
    assert not WarParticipant.objects.exists()
    assert not (tmp_path / "names.csv.import-state.json").exists()
    empty = write_csv(tmp_path / "empty.csv", [""])
    with pytest.raises(CommandError):
        run(empty, "--no-progress")
    with pytest.raises(CommandError):
        run(tmp_path / "missing.csv", "--no-progress")
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(CommandError, match="xlsx"):
        run(tmp_path / "old.xls", "--no-progress")


@pytest.mark.django_db
def test_publishing_someone_who_may_be_alive_needs_consent(tmp_path):
    source = write_csv(
        tmp_path / "alive.csv",
        ["Фамилия;Категория;Согласие",
         "Лебедева;Блокадник;",
         "Смирнова;дети войны;да",
         "Орлов;фронтовик;"],
    )  # fmt: skip
    run(source, "--no-progress", "--status", "published")
    published = WarParticipant.objects.filter(status="published")
    assert set(published.values_list("surname", flat=True)) == {"Смирнова", "Орлов"}
    assert WarParticipant.objects.get(surname="Смирнова").consent_to_publish
    [_header, row] = read_errors(tmp_path / "alive.csv.errors.csv")
    assert row[:3] == ["2", "Категория", "Блокадник"]
    # The same people as drafts need no consent yet.
    run(source, "--no-progress", "--restart")
    assert WarParticipant.objects.filter(surname="Лебедева", status="draft").exists()


def _rows_csv(tmp_path, count, name="big.csv"):
    lines = ["Фамилия,Имя"] + [f"Фамилия{n:03d},Иван" for n in range(count)]
    return write_csv(tmp_path / name, lines)


@pytest.mark.django_db
def test_an_interrupted_import_continues_after_its_last_batch(tmp_path):
    source = _rows_csv(tmp_path, 7)

    def stop_after_first_batch(done, total):
        assert total == 7
        raise KeyboardInterrupt

    job = importer.ParticipantImport(source, batch_size=3)
    with pytest.raises(KeyboardInterrupt):
        job.run(progress=stop_after_first_batch)
    assert WarParticipant.objects.count() == 3
    state = json.loads((tmp_path / "big.csv.import-state.json").read_text())
    assert (state["rows_done"], state["status"]) == (3, "in progress")

    out, _err = run(source, "--no-progress", "--batch-size", "3", "--language", "en")
    assert "after row 4" in out and "imported: 4" in out
    surnames = sorted(WarParticipant.objects.values_list("surname", flat=True))
    assert surnames == [f"Фамилия{n:03d}" for n in range(7)]  # each once, none missing

    out, _err = run(source, "--no-progress", "--language", "en")
    assert "nothing to do" in out and WarParticipant.objects.count() == 7

    source.write_text(source.read_text(encoding="utf-8-sig") + "Новиков,Пётр\n", "utf-8")
    with pytest.raises(CommandError, match="--restart"):
        run(source, "--no-progress")
    assert WarParticipant.objects.count() == 7
    run(source, "--no-progress", "--restart")
    assert WarParticipant.objects.count() == 15


@pytest.mark.django_db
def test_resuming_keeps_the_errors_of_earlier_batches(tmp_path):
    source = write_csv(tmp_path / "e.csv", ["Фамилия", "1", "Иванов", "2", "Петров"])

    def stop(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        importer.ParticipantImport(source, batch_size=2).run(progress=stop)
    run(source, "--no-progress", "--batch-size", "2")
    rows = read_errors(tmp_path / "e.csv.errors.csv")
    assert [row[0] for row in rows[1:]] == ["2", "4"]


@pytest.mark.django_db
def test_a_row_the_database_refuses_is_reported_and_never_half_saved(tmp_path, monkeypatch):
    source = write_csv(tmp_path / "db.csv", ["Фамилия", "Иванов", "Сбоев", "Петров"])
    real_save = importer._save

    def refusing_save(cards):
        real_save(cards)  # the card and its keys are written, then the database refuses
        if any(item.card.surname == "Сбоев" for item in cards):
            raise IntegrityError("refused")

    monkeypatch.setattr(importer, "_save", refusing_save)
    out, _err = run(source, "--no-progress", "--language", "en")
    assert "imported: 2, skipped: 1" in out
    assert set(WarParticipant.objects.values_list("surname", flat=True)) == {"Иванов", "Петров"}
    assert NameKey.objects.filter(participant__isnull=True).count() == 0
    assert NameKey.objects.values("participant").distinct().count() == 2
    [_header, row] = read_errors(tmp_path / "db.csv.errors.csv")
    assert row[0] == "3" and "refused" in row[3]


@pytest.mark.django_db
def test_the_progress_bar_goes_to_stderr_unless_silenced(tmp_path):
    source = _rows_csv(tmp_path, 5)
    out, err = run(source, "--batch-size", "2", "--language", "en")
    assert err.startswith("\r") and "5 / 5 rows" in err and "rows/s" in err
    assert "\r" not in out
    _out, err = run(source, "--restart", "--no-progress")
    assert err == ""


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_rows_of_a_batch(tmp_path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(count):
        source = write_csv(
            tmp_path / f"{count}.csv",
            ["Фамилия;Имя;Регион;Архив"]
            + [f"Фамилия{n};Иван;Чуйская область;ЦАМО" for n in range(count)],
        )
        with CaptureQueriesContext(connection) as queries:
            run(source, "--no-progress")
        return len(queries)

    assert queries_for(3) == queries_for(20)
    assert WarParticipant.objects.filter(region__code="chui").count() == 23
