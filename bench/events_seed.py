"""Add N synthetic events to the demo database, for benchmarking the calendar at a realistic size.

Usage (after `make demo`):

    .venv/bin/python bench/events_seed.py --events 5000
    .venv/bin/python bench/home.py --url-path /ru/events/
    .venv/bin/python bench/home.py --url-path "/ru/events/?view=month"

The events are spread over two years around today, in the demo's cities, each organized by one or
two demo organizations; about a third have open registration. Running it again adds more; remove
them with `--delete` (only events whose title starts with "Bench: " are touched).
"""

import argparse
import os
import random
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sovet.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from sovet.core.models import Region  # noqa: E402
from sovet.events.demo import CITIES  # noqa: E402
from sovet.events.models import Event, EventSeries, EventTag  # noqa: E402
from sovet.organizations.models import Organization  # noqa: E402

PREFIX = "Bench: "
KINDS = ["Концерт", "Встреча", "Лекция", "Субботник", "Выставка", "Турнир", "Урок истории"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--delete", action="store_true", help="remove the synthetic events")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.delete:
        deleted, _ = Event.objects.filter(title_ru__startswith=PREFIX).delete()
        print(f"deleted {deleted} rows")
        return
    rng = random.Random(args.seed)
    organizations = list(Organization.objects.values_list("pk", flat=True))
    series = [None, None, *EventSeries.objects.values_list("pk", flat=True)]
    tags = list(EventTag.objects.values_list("pk", flat=True))
    regions = {region.code: region.pk for region in Region.objects.all()}
    now = timezone.now()
    events = []
    for number in range(args.events):
        city = rng.choice(list(CITIES))
        region, latitude, longitude = CITIES[city]
        start = now + timedelta(days=rng.randint(-365, 365), hours=rng.randint(0, 23))
        events.append(
            Event(
                title_ru=f"{PREFIX}{rng.choice(KINDS)} № {number}",
                description_ru="Синтетическое мероприятие для замеров.",
                starts_at=start,
                ends_at=start + timedelta(hours=rng.randint(1, 4)),
                city=city,
                region_id=regions[region],
                latitude=latitude,
                longitude=longitude,
                series_id=rng.choice(series),
                registration=rng.choice(["off", "off", "open"]),
                capacity=rng.choice([None, 30, 100]),
            )
        )
    with transaction.atomic():
        created = Event.objects.bulk_create(events, batch_size=1000)
        links = [
            Event.organizations.through(event_id=event.pk, organization_id=pk)
            for event in created
            for pk in rng.sample(organizations, rng.randint(1, 2))
        ]
        Event.organizations.through.objects.bulk_create(links, batch_size=2000)
        if tags:
            tagged = [
                Event.tags.through(event_id=event.pk, eventtag_id=rng.choice(tags))
                for event in created
            ]
            Event.tags.through.objects.bulk_create(tagged, batch_size=2000)
    print(f"added {len(created)} events ({Event.objects.count()} in the database)")


if __name__ == "__main__":
    main()
