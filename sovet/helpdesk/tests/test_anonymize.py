# ruff: noqa: F811  (the fixtures of staff_world.py, imported, are the tests' arguments)
"""Retention: a request closed longer ago than the setting is anonymized by the periodic task —
names, contacts, texts and files gone; topic, centre, dates and outcome kept, so the figures do
not move."""

from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from sovet.core.testing import page_text
from sovet.helpdesk import queries, services
from sovet.helpdesk.models import Attachment, HelpdeskSettings, HelpRequest, Message

from .staff_world import (  # noqa: F401  (fixtures)
    BISHKEK,
    SECRET_EMAIL,
    SECRET_NAME,
    SECRET_TEXT,
    centres,
    desk,
    secret,
    upload,
)


def _close_long_ago(help_request, by, *, months):
    services.answer_send(help_request=help_request, text=f"Ответ для {SECRET_NAME}", by=by,
                         attachments=[upload("answer-7731.pdf")])  # fmt: skip
    services.status_change(help_request=help_request, status="closed", by=by)
    HelpRequest.objects.filter(pk=help_request.pk).update(
        closed_at=timezone.now() - timedelta(days=round(months * 30.5) + 2)
    )


def test_expired_requests_are_anonymized_and_the_figures_stay(client, desk, centres, secret):
    bishkek, osh = centres
    staff = desk[BISHKEK]
    services.request_reply(help_request=secret, text=f"Ещё документ, {SECRET_NAME}",
                           attachments=[upload("second-7731.pdf")])  # fmt: skip
    services.note_add(help_request=secret, text="Внутреннее про заявителя", by=staff)
    _close_long_ago(secret, staff, months=36)
    # A recent closed request and an open one are kept as they are.
    recent = services.request_submit(centre=bishkek, topic="pensions", description="Свежее",
                                     language="en", email="recent@example.org")  # fmt: skip
    _close_long_ago(recent, staff, months=12)
    still_open = services.request_submit(centre=bishkek, topic="other", description="Открытое",
                                         language="ru", phone="+996555000555")  # fmt: skip
    files = [Path(settings.PRIVATE_ROOT) / a.file.name for a in secret.attachments.all()]
    assert len(files) == 3 and all(f.is_file() for f in files)
    year = timezone.localdate().year
    period = (date(year - 5, 1, 1), date(year, 12, 31))
    before = queries.figures(*period)
    lines_before = queries.period_figures(*period)

    assert services.anonymize_expired() == 1

    assert queries.figures(*period) == before
    assert queries.period_figures(*period) == lines_before
    secret.refresh_from_db()
    assert secret.anonymized_at is not None
    assert (secret.name, secret.email, secret.phone, secret.description) == ("", "", "", "")
    assert (secret.topic, secret.centre, secret.status) == ("labour", bishkek, "closed")
    assert secret.first_answered_at and secret.closed_at and secret.created_at
    assert set(Message.objects.filter(request=secret).values_list("text", flat=True)) == {""}
    assert not Attachment.objects.filter(request=secret).exists()
    assert not any(f.exists() for f in files)
    recent.refresh_from_db()
    still_open.refresh_from_db()
    assert recent.description == "Свежее" and recent.anonymized_at is None
    assert still_open.description == "Открытое" and still_open.anonymized_at is None
    assert services.anonymize_expired() == 0  # once

    # The staff see a request without a word of the person.
    client.force_login(staff)
    text = page_text(client.get(reverse("helpdesk_request", args=[secret.pk])), secret.reference)
    for piece in (SECRET_NAME, SECRET_TEXT, SECRET_EMAIL, "7731"):
        assert piece not in text
    _ = osh


def test_the_retention_setting_is_read(desk, centres, secret):
    _close_long_ago(secret, desk[BISHKEK], months=13)
    assert services.anonymize_expired() == 0
    setting = HelpdeskSettings.load()
    setting.retention_months = 12
    setting.save()
    assert services.anonymize_expired() == 1


def test_the_share_in_time_counts_answered_and_overdue_requests_only(centres):
    """Three requests: answered in time, unanswered past its due day, unanswered and not yet
    due. Two are judged, one of them in time: 50 %."""
    bishkek, _osh = centres
    made = [
        services.request_submit(centre=bishkek, topic="labour", description="x", language="ru",
                                phone="+996555123456")
        for _ in range(3)
    ]  # fmt: skip
    today = timezone.localdate()
    HelpRequest.objects.filter(pk=made[0].pk).update(
        first_answered_at=timezone.now(), first_answer_due=today
    )
    HelpRequest.objects.filter(pk=made[1].pk).update(first_answer_due=today - timedelta(days=1))
    HelpRequest.objects.filter(pk=made[2].pk).update(first_answer_due=today + timedelta(days=2))
    found = queries.figures(date(today.year, 1, 1), today)
    assert (found["total"], found["answered"], found["in_time_share"]) == (3, 1, 50)
