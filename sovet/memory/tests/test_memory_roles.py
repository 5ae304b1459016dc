"""Who reaches the memory archive's staff screens: moderators and administrators only."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from sovet.accounts.roles import Role
from sovet.accounts.tests.factories import with_two_factor
from sovet.core.private_files import file_key
from sovet.core.testing import assert_role_matrix
from sovet.memory import rules
from sovet.memory.models import CardStatus, StoryStatus

from .factories import StoryDocumentFactory, StoryFactory

MODERATORS = {str(Role.MEMORY_MODERATOR), str(Role.ADMINISTRATOR)}


def submitted_story():
    """A story about someone new, from Айгуль, waiting for the moderators."""
    return StoryFactory(
        new_person=True, participant__surname="Ролев", participant__birth_date="1922",
        submitter_name="Айгуль", submitter_email="aigul@example.org",
    )  # fmt: skip


@pytest.fixture
def world(users):
    with_two_factor(users)
    story = submitted_story()
    return users, story, StoryDocumentFactory(story=story, name="справка.pdf")


def document_url(document) -> str:
    return reverse("memory_document", args=[file_key(document.file)])


def enters(client, user, url, *, data=None) -> bool:
    """Whether the user gets in. A refusal is a 403, a redirect to the login page, (for staff
    of other roles) Wagtail's "no permission" redirect to the admin's home page, or a 404 from
    a private file's view, which answers as if there were no file."""
    client.logout()
    if not isinstance(user, AnonymousUser):
        client.force_login(user)
    response = client.post(url, data) if data is not None else client.get(url)
    if response.status_code in (403, 404):
        return False
    if response.status_code == 302 and (
        "login" in response["Location"] or response["Location"] == reverse("wagtailadmin_home")
    ):
        return False
    assert response.status_code in (200, 302), f"{url}: {response.status_code}"
    return True


def approves(client, user) -> bool:
    """Posts "approve" on a fresh story; the story is published exactly when the user got in."""
    story = submitted_story()
    got_in = enters(client, user, f"/admin/memory/stories/{story.pk}/", data={"action": "approve"})
    story.refresh_from_db()
    assert got_in == (story.status == StoryStatus.PUBLISHED), user
    return got_in


@pytest.mark.django_db
def test_only_moderators_and_administrators_reach_the_memory_admin(world, client):
    users, story, document = world
    card = story.participant

    def opens(url):
        return lambda user: enters(client, user, url)

    assert_role_matrix(
        users,
        {
            "moderate (rule)": (rules.can_moderate, MODERATORS),
            "queue": (opens("/admin/memory/queue/"), MODERATORS),
            "reports tab": (opens("/admin/memory/queue/?tab=reports"), MODERATORS),
            "story review": (opens(f"/admin/memory/stories/{story.pk}/"), MODERATORS),
            "approve POST": (lambda user: approves(client, user), MODERATORS),
            "document download": (opens(document_url(document)), MODERATORS),
            "card list": (opens("/admin/memory/cards/"), MODERATORS),
            "card add": (opens("/admin/memory/cards/new/"), MODERATORS),
            "card edit": (opens(f"/admin/memory/cards/edit/{card.pk}/"), MODERATORS),
            "card history": (opens(f"/admin/memory/cards/history/{card.pk}/"), MODERATORS),
            "card usage": (opens(f"/admin/memory/cards/usage/{card.pk}/"), MODERATORS),
            "log": (opens("/admin/memory/log/"), MODERATORS),
        },
    )


@pytest.mark.django_db
def test_refused_users_see_nothing_private_and_change_nothing(world, client):
    users, story, document = world
    card = story.participant
    for role in (str(Role.COUNCIL_SECRETARY), str(Role.HELPDESK_STAFF), "member", "visitor"):
        client.logout()
        if role != "visitor":
            client.force_login(users[role])
        for url in (
            f"/admin/memory/stories/{story.pk}/",
            document_url(document),
            "/admin/memory/queue/",
        ):
            response = client.get(url)
            if url == document_url(document) and role not in ("member", "visitor"):
                # Staff reach the admin, and the private file's view answers as if it were not.
                assert response.status_code == 404, (role, url)
                with translation.override("ru"):
                    assert gettext("Page not found") in response.content.decode()
            else:
                assert response.status_code in (302, 403), (role, url)
            assert b"aigul@example.org" not in response.content
            assert b"%PDF" not in b"".join(getattr(response, "streaming_content", [b""]))
        client.post(f"/admin/memory/cards/edit/{card.pk}/", {"surname": "Взломов"})
        client.post(
            f"/admin/memory/stories/{story.pk}/",
            {"action": "decline", "decline-reason": "duplicate"},
        )
    card.refresh_from_db()
    story.refresh_from_db()
    assert card.surname == "Ролев" and card.status == CardStatus.DRAFT
    assert story.status == StoryStatus.SUBMITTED


@pytest.mark.django_db
def test_an_inactive_moderator_is_refused(world, client):
    users, story, _document = world
    moderator = users[str(Role.MEMORY_MODERATOR)]
    moderator.is_active = False
    moderator.save()
    assert not rules.can_moderate(moderator)
    client.force_login(moderator)
    response = client.get(f"/admin/memory/stories/{story.pk}/")
    assert response.status_code in (302, 403)
