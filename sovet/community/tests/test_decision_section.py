"""The volunteer projects and shifts that served a decision are on its accountability page (the
``decision_page_sections`` hook), published projects only, and the project's page links back."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sovet.community.models import Project, Shift
from sovet.conferences.models import Decision
from sovet.core.testing import page_text


@pytest.mark.django_db
def test_published_projects_and_their_shifts_are_listed(demo, client):
    decision = Decision.objects.get(number=9)
    soon = timezone.now() + timedelta(days=3)
    project = Project.objects.create(
        organization=decision.organizations.get(),
        title_ru="Наполнение сайта",
        slug="site-volunteers",
        decision=decision,
    )
    shift = Shift.objects.create(project=project, starts_at=soon, ends_at=soon + timedelta(hours=2))
    cancelled = Shift.objects.create(
        project=project, starts_at=soon, ends_at=soon + timedelta(hours=1), cancelled=True
    )
    Project.objects.create(
        organization=project.organization,
        title_ru="Скрытый проект",
        slug="hidden-project",
        decision=decision,
        published=False,
    )
    html = page_text(
        client.get("/ru/conferences/xii/9/"),
        "Волонтёры, работавшие над решением",
        "/ru/volunteers/projects/site-volunteers/",
        f"/ru/volunteers/shifts/{shift.pk}/",
    )
    assert "Скрытый проект" not in html
    assert f"/ru/volunteers/shifts/{cancelled.pk}/" not in html
    page_text(
        client.get("/ru/volunteers/projects/site-volunteers/"), 'href="/ru/conferences/xii/9/"'
    )


@pytest.mark.django_db
def test_the_demo_project_serves_its_decision(demo, client):
    project = Project.objects.filter(decision__isnull=False, published=True).first()
    assert project is not None
    page_text(
        client.get(f"/ru/conferences/xii/{project.decision.number}/"),
        f"/ru/volunteers/projects/{project.slug}/",
    )
