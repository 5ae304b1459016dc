"""Create invented volunteers, shifts and participations for benchmarks (issue 18's scale: 500
volunteers, 200 shifts, 5,000 participations by default).

Usage:

    .venv/bin/python bench/community_seed.py                      # var/sovet.sqlite3
    DATABASE_URL=postgres://… .venv/bin/python bench/community_seed.py
    .venv/bin/python bench/community_seed.py --delete

Everything made here belongs to the project «bench-*» and accounts bench-volunteer-N@example.org,
so --delete finds it. Shifts are spread over the last and the next six months, half at memorial
places; each has two or three slots; participations fill them (some waiting, some cancelled, past
ones with attendance confirmed and hours). Written in bulk, without letters.
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sovet.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.utils import timezone  # noqa: E402

from sovet.accounts.models import User  # noqa: E402
from sovet.community.models import (  # noqa: E402
    Attendance,
    Participation,
    ParticipationStatus,
    Project,
    Shift,
    Skill,
    Slot,
    SlotRole,
    Volunteer,
)
from sovet.core.models import Region  # noqa: E402
from sovet.organizations.models import Organization  # noqa: E402
from sovet.places.models import MemorialPlace  # noqa: E402

PREFIX = "bench-"
EMAIL = "bench-volunteer-{}@example.org"
SURNAMES = ["Иванов", "Петров", "Асанов", "Ким", "Садыков", "Смирнов", "Токтогулов", "Орлов"]
GIVEN = ["Алексей", "Айбек", "Дарья", "Нурлан", "Мария", "Эрмек", "Анна", "Бакыт"]


def delete() -> None:
    projects = Project.objects.filter(slug__startswith=PREFIX)
    Participation.objects.filter(slot__shift__project__in=projects).delete()
    Shift.objects.filter(project__in=projects).delete()
    projects.delete()
    User.objects.filter(email__startswith="bench-volunteer-").delete()


def seed(volunteers: int, shifts: int, participations: int) -> None:
    random.seed(18)
    regions = list(Region.objects.all())
    organizations = list(Organization.objects.all()[:6])
    places = list(MemorialPlace.objects.all()[:20]) or [None]
    password = make_password(None)
    users = User.objects.bulk_create(
        User(email=EMAIL.format(n), password=password, first_name="Bench")
        for n in range(volunteers)
    )
    users = list(User.objects.filter(email__startswith="bench-volunteer-").order_by("pk"))
    today = timezone.localdate()
    people = Volunteer.objects.bulk_create(
        Volunteer(
            user=user,
            full_name=f"{random.choice(SURNAMES)} {random.choice(GIVEN)}",
            birth_date=today
            - timedelta(days=365 * random.randint(15, 60) + random.randint(0, 364)),
            region=random.choice(regions),
            languages=["ru"],
            skills=random.sample([str(skill) for skill in Skill], 2),
            consent_at=timezone.now(),
            organization=random.choice(organizations),
        )
        for user in users
    )
    people = list(Volunteer.objects.filter(user__in=users).order_by("pk"))
    projects = [
        Project.objects.create(
            organization=organizations[n % len(organizations)],
            slug=f"{PREFIX}{n}",
            title_ru=f"Тестовый проект {n + 1}",
        )
        for n in range(10)
    ]
    made = []
    for n in range(shifts):
        day = today + timedelta(days=random.randint(-180, 180))
        starts = timezone.make_aware(timezone.datetime(day.year, day.month, day.day, 10))
        place = random.choice(places) if n % 2 else None
        made.append(
            Shift(
                project=projects[n % len(projects)],
                starts_at=starts,
                ends_at=starts + timedelta(hours=random.choice([2, 3, 4])),
                memorial_place=place,
                address="" if place else "Бишкек, улица Киевская",
                region=random.choice(regions),
            )
        )
    Shift.objects.bulk_create(made)
    made = list(Shift.objects.filter(project__in=projects).order_by("pk"))
    roles = list(SlotRole)
    slots = Slot.objects.bulk_create(
        Slot(shift=shift, role=role, capacity=random.randint(10, 30))
        for shift in made
        for role in random.sample(roles, random.randint(2, 3))
    )
    slots = list(Slot.objects.filter(shift__in=made).select_related("shift"))
    now = timezone.now()
    rows, taken = [], set()
    while len(rows) < participations:
        slot, volunteer = random.choice(slots), random.choice(people)
        if (slot.shift_id, volunteer.pk) in taken:
            continue
        taken.add((slot.shift_id, volunteer.pk))
        status = random.choices(
            [
                ParticipationStatus.CONFIRMED,
                ParticipationStatus.WAITING,
                ParticipationStatus.CANCELLED,
            ],
            [85, 10, 5],
        )[0]
        past = slot.shift.ends_at < now and status == ParticipationStatus.CONFIRMED
        came = past and random.random() < 0.9
        rows.append(
            Participation(
                slot=slot,
                volunteer=volunteer,
                status=status,
                attendance=(Attendance.CAME if came else Attendance.ABSENT) if past else "",
                hours=slot.shift.hours if came else None,
            )
        )
    Participation.objects.bulk_create(rows, batch_size=1000)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--volunteers", type=int, default=500)
    parser.add_argument("--shifts", type=int, default=200)
    parser.add_argument("--participations", type=int, default=5000)
    parser.add_argument("--delete", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    delete()
    if not args.delete:
        seed(args.volunteers, args.shifts, args.participations)
    print(
        f"{Volunteer.objects.count():,} volunteers, {Shift.objects.count():,} shifts, "
        f"{Participation.objects.count():,} participations "
        f"({time.perf_counter() - started:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
