"""The events that served a decision are on its accountability page (the
``decision_page_sections`` hook), public ones only, and the event's page links the decision."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sovet.conferences.models import Decision
from sovet.core.testing import page_text
from sovet.events.tests.factories import EventFactory


@pytest.mark.django_db
def test_public_events_are_listed_on_the_decisions_page_and_link_back(demo, client):
    decision = Decision.objects.get(number=9)
    soon = timezone.now() + timedelta(days=3)
    public = EventFactory(title_ru="Презентация нового сайта", starts_at=soon, decision=decision)
    EventFactory(title_ru="Черновик встречи", starts_at=soon, decision=decision, published=False)
    EventFactory(title_ru="Не одобрено", starts_at=soon, decision=decision, approved=False)
    html = page_text(
        client.get("/ru/conferences/xii/9/"),
        "Мероприятия во исполнение решения",
        "Презентация нового сайта",
        f"/ru/events/{public.pk}/",
    )
    assert "Черновик встречи" not in html and "Не одобрено" not in html
    page_text(client.get(f"/ru/events/{public.pk}/"), 'href="/ru/conferences/xii/9/"')


@pytest.mark.django_db
def test_no_section_without_events_and_no_link_when_progress_is_hidden(demo, client):
    html = page_text(client.get("/ru/conferences/xii/9/"), "Изыскать финансовые средства")
    assert "Мероприятия во исполнение решения" not in html
    decision = Decision.objects.get(number=9)
    event = EventFactory(starts_at=timezone.now() + timedelta(days=3), decision=decision)
    decision.resolution.progress_public = False
    decision.resolution.save()
    html = page_text(client.get(f"/ru/events/{event.pk}/"), event.title_ru)
    assert "/ru/conferences/xii/9/" not in html


@pytest.mark.django_db
def test_demo_events_serve_decisions(demo, client):
    from sovet.events.models import Event

    event = Event.objects.filter(decision__isnull=False, published=True, approved=True).first()
    assert event is not None
    page_text(
        client.get(f"/ru/conferences/xii/{event.decision.number}/"),
        f"/ru/events/{event.pk}/",
    )
