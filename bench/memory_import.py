"""Import a synthetic spreadsheet of war participants with `manage.py import_participants`.

Usage:

    .venv/bin/python bench/memory_import.py --rows 100000      # into var/sovet.sqlite3
    DATABASE_URL=postgres://… .venv/bin/python bench/memory_import.py
    .venv/bin/python bench/memory_import.py --delete           # remove the imported cards

Writes a CSV (Russian column names, semicolons, UTF-8 with BOM) with names from
bench/memory_seed.py, birth years, fates and ranks in words, regions by their Russian names
a Latin spelling on one row in ten, and an archive reference on about a third of the rows, into a
temporary folder; then runs the command on it and prints rows per second and the total time.
Every imported card has the biography "bench-import", so --delete finds them; the mark is not
a name variant, which would give every card search keys no real card has.
"""

import argparse
import csv
import io
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from memory_seed import card  # noqa: E402  (it sets Django up)

from sovet.memory.models import NameKey, SourceRecord, WarParticipant  # noqa: E402

MARK = "bench-import"
HEADER = ["Фамилия", "Имя", "Отчество", "Другие написания", "Год рождения", "Звание", "Судьба",
          "Дата гибели", "Регион", "Биография", "Архив", "Фонд", "Опись", "Дело", "База",
          "Номер в базе"]  # fmt: skip
LATIN = str.maketrans({"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo",
                       "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m",
                       "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
                       "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
                       "ы": "y", "э": "e", "ю": "yu", "я": "ya", "ь": "", "ъ": ""})  # fmt: skip
RANKS = ["рядовой", "сержант", "младший лейтенант", "старшина", "ефрейтор", ""]
FATES = ["погиб", "пропал без вести", "вернулся", "умер от ран", "в плену", ""]
REGIONS = ["г. Бишкек", "Чуйская область", "Нарынская область", "Таласская область",
           "Иссык-Кульская область", "Ошская область", "Джалал-Абадская область", ""]  # fmt: skip


def write_csv(path: Path, rows: int, seed: int) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(HEADER)
        for _ in range(rows):
            person = card(rng)
            fate = rng.choice(FATES)
            died = str(rng.randint(1941, 1945)) if fate == "погиб" else ""
            variant = person.surname.lower().translate(LATIN).title() if rng.random() < 0.1 else ""
            source = ["", "", "", "", "", ""]
            if rng.random() < 0.33:
                number = str(rng.randint(10_000_000, 99_999_999))
                source = ["ЦАМО", "58", str(rng.randint(1, 20000)), str(rng.randint(1, 999)),
                          "ОБД «Мемориал»", number]  # fmt: skip
            writer.writerow(
                [person.surname, person.given_name, person.patronymic, variant, person.birth_year,
                 rng.choice(RANKS), fate, died, rng.choice(REGIONS), MARK, *source]
            )  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--delete", action="store_true", help="Remove the imported cards.")
    args = parser.parse_args()
    marked = WarParticipant.objects.filter(biography=MARK)
    if args.delete:
        # Keys and sources first, in one statement each: the cards' delete then has less to find.
        NameKey.objects.filter(participant__in=marked).delete()
        SourceRecord.objects.filter(participant__in=marked).delete()
        print(marked.delete())
        return
    # As in production: the development settings' DEBUG would log every query of the import.
    settings.DEBUG = False
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "participants.csv"
        started = time.perf_counter()
        write_csv(path, args.rows, args.seed)
        print(f"Wrote {args.rows:,} rows in {time.perf_counter() - started:.1f} s")
        out = io.StringIO()
        started = time.perf_counter()
        call_command("import_participants", str(path), "--language", "en", stdout=out)
        seconds = time.perf_counter() - started
        print(out.getvalue().strip())
    print(f"{args.rows / seconds:,.0f} rows/s, {seconds:.1f} s in all")
    print(f"{marked.count():,} imported cards in the database")


if __name__ == "__main__":
    main()
