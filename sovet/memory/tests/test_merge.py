"""Merging two cards about one person, and undoing it exactly: services, admin pages, roles."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from sovet.accounts.roles import Role
from sovet.accounts.tests.factories import with_two_factor
from sovet.core.testing import VISITOR, assert_role_matrix
from sovet.memory import services
from sovet.memory.models import (
    CardMerge,
    CardStatus,
    ModerationAction,
    ModerationLogEntry,
    StoryStatus,
    WarParticipant,
)
from sovet.memory.names.search import search
from sovet.memory.services import card_merge, merge_undo

from .factories import (
    CardFactory,
    CardReportFactory,
    PhotoFactory,
    SourceRecordFactory,
    StoryFactory,
)

MODERATOR, ADMINISTRATOR = str(Role.MEMORY_MODERATOR), str(Role.ADMINISTRATOR)
MODERATORS = {MODERATOR, ADMINISTRATOR}
ROLES = [VISITOR, str(Role.ORGANIZATION_EDITOR), str(Role.COUNCIL_SECRETARY), *MODERATORS]


@pytest.fixture
def two_cards(db):
    """The same man twice: a published card, and a draft from a story with another spelling."""
    kept = CardFactory(surname="Иванов", given_name="Иван", patronymic="Петрович",
                       birth_place="г. Фрунзе", name_variants="Иванов И. П.")  # fmt: skip
    merged = CardFactory(
        surname="Сидоренко", given_name="Иван", status=CardStatus.DRAFT, rank="сержант",
        birth_date="1915", birth_place="с. Беловодское", fate="killed",
        name_variants="Сидоренков Иван",
    )  # fmt: skip
    return kept, merged


def ids(queryset):
    return sorted(queryset.values_list("pk", flat=True))


def found(text):
    return [card.pk for card in search(text, published_only=False)]


# --- Services --------------------------------------------------------------------------


def test_merge_moves_everything_and_undo_puts_every_item_back(two_cards, moderator):
    kept, merged = two_cards
    own = {
        "stories": [StoryFactory(participant=kept, status=StoryStatus.PUBLISHED).pk],
        "sources": [SourceRecordFactory(participant=kept).pk],
        "photos": [PhotoFactory(participant=kept, is_public=False).pk],
        "reports": [CardReportFactory(participant=kept).pk],
    }
    story = StoryFactory(participant=merged, status=StoryStatus.PUBLISHED)
    theirs = {
        "stories": [story.pk], "sources": [SourceRecordFactory(participant=merged).pk],
        "photos": [PhotoFactory(story=story, is_public=True).pk],
        "reports": [CardReportFactory(participant=merged).pk],
    }  # fmt: skip
    closed = CardReportFactory(participant=merged, closed=True)
    assert not WarParticipant.objects.get(pk=kept.pk).has_photo

    merge = card_merge(kept=kept, merged=merged, user=moderator)

    kept.refresh_from_db()
    merged.refresh_from_db()
    assert ids(kept.stories) == sorted(own["stories"] + theirs["stories"])
    assert ids(kept.sources) == sorted(own["sources"] + theirs["sources"])
    assert ids(kept.photos) == sorted(own["photos"] + theirs["photos"])
    assert ids(kept.reports) == sorted(own["reports"] + theirs["reports"])
    assert ids(merged.reports) == [closed.pk]  # a closed report stays where it was made
    assert {key: merge.moved[key] for key in theirs} == theirs
    assert (merged.status, merged.merged_into_id) == (CardStatus.MERGED, kept.pk)
    assert merge.merged_status == CardStatus.DRAFT and merge.by == moderator
    assert kept.variant_list == ["Иванов И. П.", "Сидоренко Иван", "Сидоренков Иван"]
    # Empty facts are filled; known ones never overwritten.
    assert (kept.rank, str(kept.birth_date), kept.birth_year, kept.fate) == (
        "сержант", "1915", 1915, "killed",
    )  # fmt: skip
    assert kept.birth_place == "г. Фрунзе"
    assert kept.has_photo and not merged.has_photo
    assert kept.pk in found("Сидоренко") and kept.pk in found("Сидоренков")
    assert ModerationLogEntry.objects.filter(
        action=ModerationAction.MERGE, participant=kept, user=moderator
    ).exists()

    merge_undo(merge=merge, user=moderator)

    kept.refresh_from_db()
    merged.refresh_from_db()
    merge.refresh_from_db()
    for key, manager in (("stories", "stories"), ("sources", "sources"), ("photos", "photos")):
        assert ids(getattr(kept, manager)) == own[key], key
        assert ids(getattr(merged, manager)) == theirs[key], key
    assert ids(kept.reports) == own["reports"]
    assert ids(merged.reports) == sorted(theirs["reports"] + [closed.pk])
    assert (merged.status, merged.merged_into_id) == (CardStatus.DRAFT, None)
    assert kept.status == CardStatus.PUBLISHED
    assert kept.name_variants == "Иванов И. П."
    assert (kept.rank, kept.birth_date, kept.birth_year, kept.fate) == ("", None, None, "unknown")
    assert merged.rank == "сержант" and merged.birth_place == "с. Беловодское"
    assert not kept.has_photo and merged.has_photo
    assert merge.undone_at is not None and merge.undone_by == moderator
    # Each card is found by its own name again, and only by it.
    assert found("Сидоренко Иван")[0] == merged.pk and kept.pk not in found("Сидоренко")
    assert found("Иванов Иван Петрович")[0] == kept.pk
    assert merged.pk not in found("Иванов Петрович")
    assert ModerationLogEntry.objects.filter(
        action=ModerationAction.UNDO_MERGE, participant=merged, user=moderator
    ).exists()


def test_a_published_merged_card_is_published_again_after_undo(moderator):
    kept, merged = (
        CardFactory(surname="Ким", given_name="Георгий"),
        CardFactory(surname="Ким", given_name="Егор"),
    )
    merge = card_merge(kept=kept, merged=merged, user=moderator)
    assert WarParticipant.objects.get(pk=merged.pk).status == CardStatus.MERGED
    merge_undo(merge=merge, user=moderator)
    assert WarParticipant.objects.get(pk=merged.pk).status == CardStatus.PUBLISHED


def test_same_card_and_merged_cards_are_refused(two_cards, moderator):
    kept, merged = two_cards
    with pytest.raises(ValidationError) as same:
        card_merge(kept=kept, merged=kept, user=moderator)
    assert same.value.code == "same_card"
    card_merge(kept=kept, merged=merged, user=moderator)
    third = CardFactory(surname="Петров", given_name="Пётр")
    for kept_card, merged_card in ((third, merged), (merged, third)):
        with pytest.raises(ValidationError) as refused:
            card_merge(kept=kept_card, merged=merged_card, user=moderator)
        assert refused.value.code == "already_merged"
    assert CardMerge.objects.count() == 1
    assert WarParticipant.objects.get(pk=third.pk).status == CardStatus.PUBLISHED


def test_undo_is_refused_twice_and_while_a_card_is_merged_elsewhere(two_cards, moderator):
    kept, merged = two_cards
    first = card_merge(kept=kept, merged=merged, user=moderator)
    other = CardFactory(surname="Петров", given_name="Пётр")
    second = card_merge(
        kept=other, merged=kept, user=moderator
    )  # the kept card itself is merged since
    with pytest.raises(ValidationError) as refused:
        merge_undo(merge=first, user=moderator)
    assert refused.value.code == "merged_since"
    assert WarParticipant.objects.get(pk=merged.pk).merged_into_id == kept.pk
    merge_undo(merge=second, user=moderator)
    merge_undo(merge=first, user=moderator)
    with pytest.raises(ValidationError) as twice:
        merge_undo(merge=first, user=moderator)
    assert twice.value.code == "undone"
    assert {c.status for c in WarParticipant.objects.all()} == {CardStatus.PUBLISHED, "draft"}


def test_undo_keeps_what_moderators_changed_since(two_cards, moderator):
    kept, merged = two_cards
    merge = card_merge(kept=kept, merged=merged, user=moderator)
    kept.refresh_from_db()
    kept.rank = "старшина"  # corrected by hand after the merge
    services.card_save(card=kept)
    third = CardFactory(surname="Иваненко", given_name="Иван")
    card_merge(kept=kept, merged=third, user=moderator)
    merge_undo(merge=merge, user=moderator)
    kept.refresh_from_db()
    assert kept.rank == "старшина"
    assert kept.fate == "unknown"  # untouched since the merge: emptied again
    # Only this merge's spellings leave; the third card's stay.
    assert kept.variant_list == ["Иванов И. П.", "Иваненко Иван"]


# --- Admin pages -----------------------------------------------------------------------


@pytest.fixture
def staff(users):
    with_two_factor(users)
    return {role: users[role] for role in ROLES}


def status_as(client, user, method, url, data=None):
    client.logout()
    if user.is_authenticated:
        client.force_login(user)
    return getattr(client, method)(url, data or {}).status_code


def test_merge_pages_are_for_moderators_only(staff, client, two_cards):
    kept, merged = two_cards

    def undo_allowed(user):
        merge = card_merge(kept=kept, merged=merged, user=None)
        status = status_as(client, user, "post", f"/admin/memory/merges/{merge.pk}/undo/")
        allowed = CardMerge.objects.get(pk=merge.pk).undone_at is not None
        if not allowed:
            merge_undo(merge=merge, user=None)
            assert status in (302, 403)
        return allowed

    def merge_allowed(user):
        status = status_as(
            client, user, "post", "/admin/memory/merge/", {"kept": kept.pk, "merged": merged.pk}
        )
        merge = CardMerge.objects.filter(undone_at__isnull=True).first()
        if merge is None:
            assert status in (302, 403)
            return False
        merge_undo(merge=merge, user=None)
        return True

    merge_page = f"/admin/memory/merge/?kept={kept.pk}&merged={merged.pk}"
    assert_role_matrix(
        staff,
        {
            "merge page": (lambda u: status_as(client, u, "get", merge_page) == 200, MODERATORS),
            "merges": (
                lambda u: status_as(client, u, "get", "/admin/memory/merges/") == 200,
                MODERATORS,
            ),  # fmt: skip
            "merge POST": (merge_allowed, MODERATORS),
            "undo POST": (undo_allowed, MODERATORS),
        },
    )
    client.force_login(staff[str(Role.COUNCIL_SECRETARY)])
    assert client.get(merge_page).status_code == 403


def test_the_merge_page_shows_both_cards_and_what_will_move(client, moderator, two_cards):
    kept, merged = two_cards
    StoryFactory(participant=merged, status=StoryStatus.PUBLISHED)
    PhotoFactory(participant=merged)
    PhotoFactory(participant=merged)
    client.force_login(moderator)
    response = client.get("/admin/memory/merge/", {"kept": kept.pk, "merged": merged.pk})
    page = response.content.decode()
    assert "Иванов Иван Петрович" in page and "Сидоренко Иван" in page
    assert "с. Беловодское" in page and "сержант" in page
    counts = response.context["merged_counts"]
    assert counts == {"stories": 1, "sources": 0, "photos": 2, "reports": 0}
    assert response.context["swap_url"].endswith(f"?kept={merged.pk}&merged={kept.pk}")
    filled = [row["label"] for row in response.context["rows"] if row["fills"]]
    assert len(filled) == 3  # date of birth, rank, fate; the place of birth is known already
    assert f'name="merged" value="{merged.pk}"' in page


def test_the_other_card_is_found_by_name_or_number(client, moderator, two_cards):
    kept, merged = two_cards
    old = CardFactory(surname="Сидоренко", given_name="Иван", patronymic="Ильич")
    card_merge(kept=merged, merged=old, user=moderator)  # a merged card is never offered
    client.force_login(moderator)
    response = client.get("/admin/memory/merge/", {"kept": kept.pk, "find": "Сидоренко"})
    assert response.context["missing"] == "merged"
    offered = [card.pk for card, url in response.context["found"]]
    assert offered == [merged.pk]
    assert f"?kept={kept.pk}&amp;merged={merged.pk}" in response.content.decode()
    by_number = client.get("/admin/memory/merge/", {"merged": merged.pk, "find": f"№{kept.pk}"})
    assert [card.pk for card, url in by_number.context["found"]] == [kept.pk]
    assert by_number.context["missing"] == "kept"
    nothing = client.get("/admin/memory/merge/", {"kept": kept.pk, "find": "Zzzzyx"})
    assert nothing.context["found"] == []
    empty = client.get("/admin/memory/merge/")
    assert empty.context["missing"] == "kept" and 'name="find"' in empty.content.decode()
    bad = client.get("/admin/memory/merge/", {"kept": "abc", "merged": 999999})
    assert bad.status_code == 200 and len(bad.context["errors"]) == 2


def test_merge_then_undo_from_the_success_message(client, moderator, two_cards):
    kept, merged = two_cards
    client.force_login(moderator)
    response = client.post(
        "/admin/memory/merge/", {"kept": kept.pk, "merged": merged.pk}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/admin/memory/merges/"
    merge = CardMerge.objects.get()
    message = str(list(response.context["messages"])[0])
    assert f'action="/admin/memory/merges/{merge.pk}/undo/"' in message
    assert 'name="csrfmiddlewaretoken"' in message and '<button type="submit"' in message
    page = response.content.decode()
    assert f'<form method="post" action="/admin/memory/merges/{merge.pk}/undo/"' in page
    assert client.get(f"/admin/memory/merges/{merge.pk}/undo/").status_code == 405
    undone = client.post(f"/admin/memory/merges/{merge.pk}/undo/", follow=True)
    with translation.override("ru"):  # the admin answers in the default language
        two_cards_again = gettext(
            "The merge is undone: “%(merged)s” and “%(kept)s” are two cards again."
        ) % {"merged": merged.full_name, "kept": kept.full_name}
        already_undone = gettext("This merge has already been undone.")
    assert str(list(undone.context["messages"])[0]) == two_cards_again
    assert WarParticipant.objects.get(pk=merged.pk).status == CardStatus.DRAFT
    again = client.post(f"/admin/memory/merges/{merge.pk}/undo/", follow=True)
    assert str(list(again.context["messages"])[0]) == already_undone


def test_refused_merges_change_nothing_and_say_why(client, moderator, two_cards):
    kept, merged = two_cards
    client.force_login(moderator)
    with translation.override("ru"):  # the admin answers in the default language
        with_itself = gettext("A card cannot be merged with itself: choose another card.")
    page = client.get("/admin/memory/merge/", {"kept": kept.pk, "merged": kept.pk})
    assert page.context["problem"] == with_itself and escape(with_itself) in page.content.decode()
    response = client.post(
        "/admin/memory/merge/", {"kept": kept.pk, "merged": kept.pk}, follow=True
    )
    assert str(list(response.context["messages"])[0]) == with_itself
    response = client.post("/admin/memory/merge/", {"kept": kept.pk}, follow=True)
    assert response.status_code == 200 and not CardMerge.objects.exists()
    assert client.get("/admin/memory/merges/999/undo/").status_code == 405
    assert client.post("/admin/memory/merges/999/undo/").status_code in (302, 404)  # no 500


def test_the_merges_list_runs_a_constant_number_of_queries(client, moderator):
    client.force_login(moderator)

    def count():
        client.get("/admin/memory/merges/")
        with CaptureQueriesContext(connection) as queries_run:
            assert client.get("/admin/memory/merges/").status_code == 200
        return len(queries_run)

    def add_merges(n):
        for i in range(n):
            merge = card_merge(
                kept=CardFactory(surname=f"Первый{i}"),
                merged=CardFactory(surname=f"Второй{i}"),
                user=moderator,
            )
            if i % 2:
                merge_undo(merge=merge, user=moderator)

    add_merges(2)
    few = count()
    add_merges(5)
    assert count() == few
