"""Import a synthetic spreadsheet of memorial places with `manage.py import_places`.

Usage:

    .venv/bin/python bench/places_import.py --rows 10000      # into the database of DATABASE_URL
    .venv/bin/python bench/places_import.py --delete          # remove the imported places
    DATABASE_URL=postgres://… .venv/bin/python bench/places_import.py

Writes a CSV as a district administration would send it (Russian column names, semicolons,
UTF-8 with BOM, decimal commas; kinds and regions in words, a year on most rows, no coordinates
on one row in twenty) into a temporary folder, then runs the command on it twice: --dry-run
(reading and checking, with the duplicate search) and the import itself (one transaction).
Prints both times and rows per second. Every place has the description "bench-import", so
--delete finds them.
"""

import argparse
import csv
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sovet.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from sovet.places.models import MemorialPlace  # noqa: E402
from sovet.places.synthetic import TOWNS, WORDS  # noqa: E402

MARK = "bench-import"
HEADER = ["Вид", "Название", "Адрес", "Регион", "Широта", "Долгота", "Год установки", "Описание"]
KINDS = {"Обелиск": "Обелиск", "Стела": "Стела", "Памятник": "Воинский мемориал",
         "Мемориал": "Воинский мемориал", "Братская могила": "Братская могила",
         "Памятная доска": "Мемориальная доска"}  # fmt: skip
REGIONS = {"bishkek": "г. Бишкек", "chui": "Чуйская область", "issyk-kul": "Иссык-Кульская область",
           "naryn": "Нарынская область", "talas": "Таласская область",
           "jalal-abad": "Джалал-Абадская область", "osh-city": "г. Ош", "osh": "Ошская область",
           "batken": "Баткенская область"}  # fmt: skip


def degrees(value: float) -> str:
    return f"{value:.6f}".replace(".", ",")


def write_csv(path: Path, rows: int, seed: int) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(HEADER)
        for number in range(rows):
            code = rng.choice(list(TOWNS))
            latitude, longitude = rng.choice(TOWNS[code])
            word = rng.choice(WORDS)
            place = [KINDS[word], f"{word} землякам № {number + 1}", f"ул. Победы, {number + 1}",
                     REGIONS[code], degrees(latitude + rng.uniform(-0.3, 0.3)),
                     degrees(longitude + rng.uniform(-0.3, 0.3)),
                     str(rng.randint(1946, 1990)) if rng.random() < 0.8 else "", MARK]  # fmt: skip
            if rng.random() < 0.05:
                place[4] = place[5] = ""
            writer.writerow(place)


def run(*args) -> tuple[str, float]:
    out = io.StringIO()
    started = time.perf_counter()
    call_command("import_places", *args, "--language", "en", stdout=out)
    seconds = time.perf_counter() - started
    # The problems are warnings (no coordinates, near places): the counts are the first line.
    return out.getvalue().splitlines()[0], seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--delete", action="store_true", help="Remove the imported places.")
    args = parser.parse_args()
    marked = MemorialPlace.objects.filter(description=MARK)
    if args.delete:
        print(marked.delete())
        return
    # As in production: the development settings' DEBUG would log every query of the import.
    settings.DEBUG = False
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "places.csv"
        write_csv(path, args.rows, args.seed)
        counts, seconds = run(str(path), "--dry-run")
        print(counts)
        print(f"check only (--dry-run): {seconds:.1f} s, {args.rows / seconds:,.0f} rows/s")
        _counts, seconds = run(str(path))
        print(f"check and import: {seconds:.1f} s, {args.rows / seconds:,.0f} rows/s")
    print(f"{marked.count():,} imported places in the database")


if __name__ == "__main__":
    main()
