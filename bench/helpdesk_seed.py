"""Create N synthetic help requests with M messages, spread over both centres, for benchmarks.

Usage:

    .venv/bin/python bench/helpdesk_seed.py --requests 2000 --messages 10000   # var/sovet.sqlite3
    DATABASE_URL=postgres://… .venv/bin/python bench/helpdesk_seed.py
    .venv/bin/python bench/helpdesk_seed.py --delete

Requests are invented (references «Б-1999-…», «О-1999-…», so --delete finds them): topics,
statuses, languages, assignees and dates vary the way a year of a busy desk would; every fifth
has a phone only. Written in bulk, without letters.
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

from django.utils import timezone  # noqa: E402

from sovet.helpdesk.models import (  # noqa: E402
    Centre,
    CentreMember,
    HelpRequest,
    Message,
    MessageKind,
    Status,
    Topic,
)
from sovet.helpdesk.workdays import add_working_days  # noqa: E402

YEAR = "1999"  # the references' year: nothing real has it
STATUSES = [s for s, _label in Status.choices]
WEIGHTS = [3, 4, 2, 3, 6, 1]
KINDS = [MessageKind.REQUESTER, MessageKind.ANSWER, MessageKind.NOTE, MessageKind.EVENT]


def seed(requests: int, messages: int, rng: random.Random) -> None:
    centres = list(Centre.objects.all())
    staff = {
        centre.pk: list(
            CentreMember.objects.filter(centre=centre).values_list("user_id", flat=True)
        )
        for centre in centres
    }
    now = timezone.now()
    made = []
    for number in range(1, requests + 1):
        centre = centres[number % len(centres)]
        created = now - timedelta(minutes=rng.randrange(0, 365 * 24 * 60))
        status = rng.choices(STATUSES, WEIGHTS)[0]
        answered = status != Status.NEW and rng.random() < 0.9
        phone_only = number % 5 == 0
        made.append(
            HelpRequest(
                reference=f"{centre.letter}-{YEAR}-{number:05d}",
                centre=centre,
                topic=rng.choice(Topic.values),
                description="Синтетическое обращение для замеров. " * rng.randrange(1, 20),
                language=rng.choice(["ru", "ru", "ru", "ky", "en"]),
                name=f"Заявитель {number}",
                email="" if phone_only else f"requester{number}@example.org",
                phone=f"+99655{number:07d}",
                consent_at=created,
                status=status,
                assignee_id=rng.choice(staff[centre.pk] or [None])
                if status != Status.NEW
                else None,
                first_answer_due=add_working_days(timezone.localdate(created), 2),
                first_answered_at=created + timedelta(hours=rng.randrange(1, 96))
                if answered
                else None,
                last_message_at=created,
                closed_at=created + timedelta(days=5)
                if status in (Status.CLOSED, Status.REFERRED)
                else None,
                referred_to="Посольство" if status == Status.REFERRED else "",
            )
        )
    HelpRequest.objects.bulk_create(made, batch_size=500)
    # created_at is auto_now_add: spread it afterwards, as the dates above assume.
    ids = list(
        HelpRequest.objects.filter(reference__contains=f"-{YEAR}-").values_list("pk", "consent_at")
    )
    for start in range(0, len(ids), 500):
        for pk, at in ids[start : start + 500]:
            HelpRequest.objects.filter(pk=pk).update(created_at=at)
    rows = []
    for _number in range(messages):
        pk, at = rng.choice(ids)
        rows.append(
            Message(
                request_id=pk,
                kind=rng.choice(KINDS),
                text="Синтетическое сообщение. " * rng.randrange(1, 10),
            )
        )
    Message.objects.bulk_create(rows, batch_size=1000)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--messages", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--delete", action="store_true")
    args = parser.parse_args()
    marked = HelpRequest.objects.filter(reference__contains=f"-{YEAR}-")
    if args.delete:
        print(marked.delete())
        return
    if marked.exists():
        print("Synthetic requests are there already: --delete them first.")
        return
    started = time.perf_counter()
    seed(args.requests, args.messages, random.Random(args.seed))
    print(
        f"{HelpRequest.objects.count():,} requests, {Message.objects.count():,} messages "
        f"in {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
