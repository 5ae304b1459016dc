"""Name search over the memory archive: query time and its percentiles over a fixed query set.

Usage (after bench/memory_seed.py):

    .venv/bin/python bench/memory_search.py [--repeat 3]
    DATABASE_URL=postgres://… .venv/bin/python bench/memory_search.py

The queries mix exact names, typos, Latin transliterations in several schemes, Kyrgyz letters,
given-name variants, partial names and initials; each is run --repeat times after one warm-up.
Reports p50/p95/max of `names.search.search` (database lookup + ranking) and how many results.
With --pages, also the whole results page /ru/memory/?q=… (filters with their counts, photos,
template), through Django's test client in this process (needs the demo pages: `load_demo`).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sovet.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from sovet.memory.models import WarParticipant  # noqa: E402
from sovet.memory.names.search import search  # noqa: E402

BASE = [
    "Иванов Иван Петрович", "Иванов", "Ivanov Ivan", "Iwanow", "Иваноф", "Иванов И.П.",
    "Кузнецов Михаил", "Kuznetsov", "Kuznecov", "Кузнецова Мария", "Соловьёв", "Соловьев",
    "Solovyov", "Solovjov", "Соловев Фёдор", "Шевченко Степан", "Shevchenko", "Szewczenko",
    "Хабибуллин Габдулла", "Khabibullin", "Habibullin", "Гарипов Ринат", "Асанов Асан",
    "Asanov", "Хасанов", "Үсөнов Үсөн", "Usonov Usen", "Джумабеков", "Jumabekov",
    "Zhumabekov", "Жумабеков Бакыт", "Токтогулов Токтогул", "Toktogulov", "Өмүрбеков",
    "Omurbekov", "Нурмагамбетов Нурлан", "Nurmagambetov", "Әбдірахманов", "Abdrakhmanov",
    "Юсупов Марат", "Yusupov", "Iusupov", "Шмидт Фридрих", "Schmidt", "Ким Георгий",
    "Kim Yuri", "Наталья", "Наталия Иванова", "Natalya Ivanova", "Георгий Михайлов",
    "Юрий Михайлов", "Егор Михайлов", "Пономарёв", "Ponomarev", "Пономарев Пётр", "Бондаренко",
    "Bondarenko", "Бандаренко", "Ковалёв", "Kovalev", "Kowalew", "Ковалев Семен", "Семёнов",
    "Semyonov", "Semenov", "Воробьёв", "Vorobyov", "Vorob'ev", "Воробъев", "Кудрявцев",
    "Kudryavtsev", "Kudriavtsev", "Кудрявцов", "Мухаммед", "Магомед Рахимов", "Абдулла Каримов",
    "Abdulla Karimov", "Сейфуллин", "Seifullin", "Сайфуллин", "Эсенкулов", "Esenkulov",
    "Касымалиев", "Kasymaliev", "Бейшеналиев", "Beishenaliev", "Кененбаев", "Мамбетов Асан",
    "Mambetov", "Садыров", "Sadyrov", "Байтемиров", "Baitemirov", "Турдубаев", "Turdubaev",
    "Момунов", "Momunov", "Осмоналиев", "Osmonaliev", "Сыдыков", "Sydykov", "Абдыкадыров",
    "Abdykadyrov", "Жээнбеков", "Zheenbekov", "Jeenbekov", "Ташкентов", "Халилов", "Халилоф",
    "Фишер", "Fischer", "Вагнер", "Wagner", "Пак", "Цой", "Tsoi", "Choi", "Тен", "Хан",
    "Лысенко", "Lysenko", "Марченко", "Marchenko", "Петренко Пётр", "Petrenko", "Руденко",
    "Павленко", "Pavlenko", "Мороз", "Moroz", "Олейник", "Oleinik", "Oliynyk", "Шевчук",
    "Shevchuk", "Коваль", "Koval", "Бойко", "Boiko", "Boyko", "Ткачук", "Tkachuk", "Мельник",
    "Melnik", "Melnyk", "Гончаренко", "Honcharenko", "Goncharenko", "Савченко", "Savchenko",
    "Ковалевич", "Kovalevich", "Жук", "Zhuk", "Новик", "Novik", "Михалевич", "Лукашевич",
    "Козловский", "Kozlovsky", "Сафин", "Safin", "Хайруллин", "Khairullin", "Галиев", "Galiev",
    "Ахметзянов", "Akhmetzyanov", "Валиуллин", "Valiullin", "Шарипов", "Sharipov",
    "Мухаметшин", "Mukhametshin", "Закиров", "Zakirov", "Нуриев", "Nuriev", "Файзуллин",
    "Faizullin", "Байжанов", "Baizhanov", "Жумабаев", "Zhumabaev", "Кенжебаев", "Kenzhebaev",
    "Исабеков", "Isabekov", "Тулегенов", "Tulegenov", "Рахимов", "Rakhimov", "Rahimov",
    "Каримов", "Karimov", "Усманов", "Usmanov", "Мюллер", "Müller", "Muller", "Вебер", "Weber",
    "Шнайдер", "Schneider", "Смирнов Василий Иванович", "Smirnov Vasily", "Смирнoв",
    "Попов Г.", "Соколов Андрей", "Sokolov", "Лебедев", "Lebedev", "Козлов", "Kozlov",
    "Новиков", "Novikov", "Морозов", "Morozov", "Волков", "Volkov", "Васильев", "Vasiliev",
    "Зайцев", "Zaitsev", "Павлов", "Pavlov", "Голубев", "Golubev", "Виноградов", "Vinogradov",
]  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", action="store_true", help="time the results page too")
    args = parser.parse_args()
    total = WarParticipant.objects.count()
    print(f"{connection.vendor}, {total:,} cards, {len(BASE)} queries × {args.repeat}")
    times, empty, slowest = [], [], []
    for text in BASE:
        search(text)  # warm-up
        runs = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            found = search(text)
            runs.append((time.perf_counter() - started) * 1000)
        times += runs
        slowest.append((statistics.median(runs), text))
        if not found:
            empty.append(text)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"search p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms")
    print(f"queries without results: {len(empty)} {empty[:10]}")
    print("slowest:", ", ".join(f"{text} {ms:.0f} ms" for ms, text in sorted(slowest)[-8:]))
    if args.pages:
        time_pages(args.repeat)


def time_pages(repeat: int) -> None:
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    times, slowest = [], []
    for text in BASE:
        client.get("/ru/memory/", {"q": text})  # warm-up
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get("/ru/memory/", {"q": text})
            runs.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (text, response.status_code)
        times += runs
        slowest.append((statistics.median(runs), text))
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"results page p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, "
          f"max {times[-1]:.1f} ms")  # fmt: skip
    print("slowest:", ", ".join(f"{text} {ms:.0f} ms" for ms, text in sorted(slowest)[-5:]))


if __name__ == "__main__":
    main()
