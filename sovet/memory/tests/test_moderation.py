"""Moderation in the staff admin: the queue, story decisions (and their e-mails), the card admin,
proof documents and the log."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from sovet.accounts.roles import Role
from sovet.core.models import Region
from sovet.core.private_files import file_key
from sovet.core.testing import make_staff, page_text
from sovet.memory.admin.queue import DECIDED
from sovet.memory.models import (
    CardStatus,
    ModerationAction,
    ModerationLogEntry,
    NameKey,
    SourceRecord,
    Story,
    StoryStatus,
    WarParticipant,
)
from sovet.memory.names.search import search
from sovet.memory.notifications import SUBJECTS
from sovet.memory.stories import services as stories

from .factories import (
    PDF,
    CardReportFactory,
    PhotoFactory,
    StoryCardFactory,
    StoryDocumentFactory,
    StoryFactory,
)

QUEUE = "/admin/memory/queue/"
LOG = "/admin/memory/log/"
CARDS = "/admin/memory/cards/"


def needs_consent_text():
    """The moderator's consent error, in the default language the admin answers in."""
    with translation.override("ru"):
        return gettext(
            "This person may be alive: the card is published only with their or "
            "their family's consent. Ask the submitter for changes (the reason about "
            "consent), or tick the consent on the card if the family has given it."
        )


def story_url(story):
    return f"/admin/memory/stories/{story.pk}/"


def edit_url(card):
    return f"{CARDS}edit/{card.pk}/"


@pytest.fixture
def admin_client(client, moderator):
    client.force_login(moderator)
    return client


# Services


@pytest.mark.django_db
def test_approving_publishes_the_story_its_photos_and_the_new_card(
    moderator, django_capture_on_commit_callbacks
):
    story = StoryFactory(new_person=True)
    photo = PhotoFactory(story=story)
    with django_capture_on_commit_callbacks(execute=True):
        stories.story_approve(story=story, user=moderator)
    story.refresh_from_db()
    photo.refresh_from_db()
    card = WarParticipant.objects.get(pk=story.participant_id)
    assert story.status == StoryStatus.PUBLISHED and story.published_at is not None
    assert photo.is_public and card.has_photo
    assert card.status == CardStatus.PUBLISHED
    actions = set(ModerationLogEntry.objects.filter(story=story).values_list("action", flat=True))
    assert actions == {ModerationAction.APPROVE, ModerationAction.PUBLISH_CARD}
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["anna@example.org"]
    with translation.override("ru"):
        assert mail.outbox[0].subject == str(SUBJECTS["published"])


@pytest.mark.django_db
def test_approving_a_story_about_an_existing_card_leaves_the_card_as_it_is(moderator):
    card = StoryCardFactory(status=CardStatus.HIDDEN)
    story = StoryFactory(participant=card)
    stories.story_approve(story=story, user=moderator)
    card.refresh_from_db()
    assert card.status == CardStatus.HIDDEN
    assert Story.objects.get(pk=story.pk).status == StoryStatus.PUBLISHED


@pytest.mark.django_db
def test_a_new_card_of_someone_who_may_be_alive_needs_consent_and_nothing_changes(
    moderator, django_capture_on_commit_callbacks
):
    card = StoryCardFactory(category="child_of_war", consent_to_publish=False)
    story = StoryFactory(participant=card, new_card=True)
    photo = PhotoFactory(story=story)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as error:
        stories.story_approve(story=story, user=moderator)
    assert error.value.code == "needs_consent"
    with translation.override("ru"):
        assert error.value.messages == [needs_consent_text()]
    story.refresh_from_db()
    card.refresh_from_db()
    photo.refresh_from_db()
    assert story.status == StoryStatus.SUBMITTED and card.status == CardStatus.DRAFT
    assert not photo.is_public
    assert not ModerationLogEntry.objects.exists() and not mail.outbox


@pytest.mark.django_db
def test_requesting_changes_keeps_the_reason_and_message_and_mails_them(
    moderator, django_capture_on_commit_callbacks
):
    story = StoryFactory(new_person=True)
    with django_capture_on_commit_callbacks(execute=True):
        stories.story_request_changes(
            story=story, user=moderator, reason="more_facts", message="  Укажите звание.  "
        )
    story.refresh_from_db()
    assert (story.status, story.reason, story.moderator_message) == (
        StoryStatus.NEEDS_CHANGES,
        "more_facts",
        "Укажите звание.",
    )
    entry = ModerationLogEntry.objects.get()
    assert (entry.action, entry.user, entry.note) == ("request_changes", moderator, "more_facts")
    assert len(mail.outbox) == 1 and "Укажите звание." in mail.outbox[0].body


@pytest.mark.django_db
def test_declining_hides_the_new_card(moderator, django_capture_on_commit_callbacks):
    story = StoryFactory(new_person=True)
    with django_capture_on_commit_callbacks(execute=True):
        stories.story_decline(story=story, user=moderator, reason="not_wwii", message="")
    story.refresh_from_db()
    assert story.status == StoryStatus.DECLINED and story.reason == "not_wwii"
    assert WarParticipant.objects.get(pk=story.participant_id).status == CardStatus.HIDDEN
    assert ModerationLogEntry.objects.get().action == ModerationAction.DECLINE
    with translation.override("ru"):
        assert [m.subject for m in mail.outbox] == [str(SUBJECTS["declined"])]


@pytest.mark.django_db
def test_declining_keeps_an_existing_published_card(moderator):
    card = StoryCardFactory(status=CardStatus.PUBLISHED)
    stories.story_decline(
        story=StoryFactory(participant=card), user=moderator, reason="duplicate", message=""
    )
    card.refresh_from_db()
    assert card.status == CardStatus.PUBLISHED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("decide", "reason"),
    [
        (stories.story_request_changes, "duplicate"),  # a reason for declining
        (stories.story_decline, "more_facts"),  # a reason for asking changes
        (stories.story_decline, "nonsense"),
        (stories.story_request_changes, ""),
    ],
)
def test_a_reason_from_the_wrong_list_is_refused(moderator, decide, reason):
    story = StoryFactory(new_person=True)
    with pytest.raises(ValidationError):
        decide(story=story, user=moderator, reason=reason)
    story.refresh_from_db()
    assert story.status == StoryStatus.SUBMITTED and not ModerationLogEntry.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status",
    [
        StoryStatus.UNCONFIRMED,
        StoryStatus.NEEDS_CHANGES,
        StoryStatus.PUBLISHED,
        StoryStatus.DECLINED,
    ],
)
def test_only_a_submitted_story_is_decided(moderator, status):
    story = StoryFactory(new_person=True, status=status)
    for decide in (
        lambda: stories.story_approve(story=story, user=moderator),
        lambda: stories.story_request_changes(
            story=story, user=moderator, reason="more_facts", message=""
        ),
        lambda: stories.story_decline(story=story, user=moderator, reason="not_wwii", message=""),
    ):
        with pytest.raises(ValidationError) as error:
            decide()
        assert error.value.code == "decided"
    assert Story.objects.get(pk=story.pk).status == status
    assert not ModerationLogEntry.objects.exists()


@pytest.mark.django_db
def test_deciding_twice_is_refused_with_the_current_status(
    moderator, django_capture_on_commit_callbacks
):
    story = StoryFactory(new_person=True)
    stale = Story.objects.get(pk=story.pk)  # what the second moderator still has on screen
    with django_capture_on_commit_callbacks(execute=True):
        stories.story_approve(story=story, user=moderator)
        with translation.override("en"), pytest.raises(ValidationError) as error:
            stories.story_decline(story=stale, user=moderator, reason="not_wwii", message="")
    assert "Published" in error.value.messages[0]
    assert Story.objects.get(pk=story.pk).status == StoryStatus.PUBLISHED
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_services_refuse_someone_who_is_not_a_moderator(users):
    story = StoryFactory(new_person=True)
    with pytest.raises(PermissionDenied):
        stories.story_approve(story=story, user=users[str(Role.COUNCIL_SECRETARY)])
    assert Story.objects.get(pk=story.pk).status == StoryStatus.SUBMITTED


# The story review page


@pytest.mark.django_db
def test_the_review_page_shows_private_parts_photos_documents_and_duplicates(admin_client):
    existing = StoryCardFactory(
        surname="Соловьёв", status="published", given_name="Фёдор", patronymic="Иванович"
    )
    merged = StoryCardFactory(
        surname="Соловьёв", status="merged", given_name="Фёдор", patronymic="Иванович"
    )
    story = StoryFactory(
        participant=StoryCardFactory(surname="Соловьев", given_name="Федор", patronymic="Иванович")
    )
    photo = PhotoFactory(story=story)
    document = StoryDocumentFactory(story=story)
    page = admin_client.get(story_url(story)).content.decode()
    assert "anna@example.org" in page and "внучка Анна" in page
    assert f"/admin/memory/photos/{photo.pk}/" in page and photo.thumbnail.url in page
    assert f"/admin/memory/documents/{file_key(document.file)}" in page
    assert f"kept={existing.pk}&amp;merged={story.participant_id}" in page
    assert f"kept={merged.pk}" not in page  # merged cards are no candidates
    assert f"kept={story.participant_id}&amp;merged" not in page  # nor the card itself
    for reason in ("more_facts", "private_data", "duplicate", "not_confirmed"):
        assert f'value="{reason}"' in page


@pytest.mark.django_db
def test_approving_goes_to_the_next_story_in_the_queue(admin_client):
    first = StoryFactory(new_person=True, age_minutes=90)
    second = StoryFactory(new_person=True, age_minutes=30)
    StoryFactory(new_person=True, status=StoryStatus.NEEDS_CHANGES, age_minutes=60)
    response = admin_client.post(story_url(first), {"action": "approve"}, follow=True)
    assert response.redirect_chain[-1][0] == story_url(second)
    assert Story.objects.get(pk=first.pk).status == StoryStatus.PUBLISHED
    with translation.override("ru"):  # the admin answers in the default language
        published = DECIDED["approve"] % {"person": first.participant.full_name}
    assert published in [str(m) for m in response.context["messages"]]
    # The last one leads back to the queue.
    response = admin_client.post(story_url(second), {"action": "decline",
                                                     "decline-reason": "duplicate"})  # fmt: skip
    assert response.status_code == 302 and response["Location"].startswith(QUEUE)


@pytest.mark.django_db
def test_next_follows_the_queue_as_it_was_filtered(admin_client):
    chui, talas = Region.objects.get(code="chui"), Region.objects.get(code="talas")
    first = StoryFactory(participant=StoryCardFactory(region=chui), new_card=True, age_minutes=90)
    StoryFactory(participant=StoryCardFactory(region=talas), new_card=True, age_minutes=60)
    third = StoryFactory(participant=StoryCardFactory(region=chui), new_card=True, age_minutes=30)
    queue = "region=chui"
    response = admin_client.post(story_url(first), {"action": "approve", "queue": queue})
    assert response["Location"] == story_url(third) + "?queue=region%3Dchui"


@pytest.mark.django_db
def test_asking_for_changes_without_a_reason_keeps_what_was_typed(admin_client):
    story = StoryFactory(new_person=True)
    response = admin_client.post(
        story_url(story), {"action": "changes", "changes-message": "Добавьте год рождения"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Добавьте год рождения" in page and response.context["error"]
    assert Story.objects.get(pk=story.pk).status == StoryStatus.SUBMITTED


@pytest.mark.django_db
def test_a_consent_error_is_shown_to_the_moderator(admin_client):
    story = StoryFactory(participant=StoryCardFactory(category="home_front"), new_card=True)
    response = admin_client.post(story_url(story), {"action": "approve"})
    assert response.status_code == 200 and response.context["error"] == needs_consent_text()
    assert Story.objects.get(pk=story.pk).status == StoryStatus.SUBMITTED


@pytest.mark.django_db
def test_a_story_already_decided_says_so_and_moves_on(admin_client, moderator):
    story = StoryFactory(new_person=True)
    stories.story_approve(story=story, user=moderator)
    response = admin_client.post(story_url(story), {"action": "decline",
                                                    "decline-reason": "duplicate"}, follow=True)  # fmt: skip
    with translation.override("ru"):  # the admin answers in the default language
        decided = gettext(
            "This story is not waiting for a decision any more (its status is “%(status)s”): "
            "another moderator may have decided on it. Go on with the next one."
        ) % {"status": StoryStatus.PUBLISHED.label}
    assert decided in [str(m) for m in response.context["messages"]]
    assert Story.objects.get(pk=story.pk).status == StoryStatus.PUBLISHED
    assert response.redirect_chain[-1][0].startswith(QUEUE)


@pytest.mark.django_db
def test_an_unknown_action_or_story_changes_nothing(admin_client):
    story = StoryFactory(new_person=True)
    assert admin_client.post(story_url(story), {"action": "publish-all"}).status_code == 200
    assert Story.objects.get(pk=story.pk).status == StoryStatus.SUBMITTED
    assert admin_client.get("/admin/memory/stories/999999/", follow=True).status_code == 404


# Documents


@pytest.mark.django_db
def test_a_document_downloads_as_an_attachment_that_is_never_sniffed(admin_client):
    document = StoryDocumentFactory(story=StoryFactory(new_person=True))
    response = admin_client.get(f"/admin/memory/documents/{file_key(document.file)}")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    unknown = f"/admin/memory/documents/{'0' * 32}.pdf"
    assert admin_client.get(unknown, follow=True).status_code == 404


# The queue


@pytest.mark.django_db
def test_the_queue_serves_submitted_stories_oldest_first_with_counts(admin_client):
    newer = StoryFactory(new_person=True, age_minutes=10)
    older = StoryFactory(new_person=True, age_minutes=100)
    StoryFactory(new_person=True, status=StoryStatus.PUBLISHED)
    response = admin_client.get(QUEUE)
    assert list(response.context["page"].object_list) == [older, newer]
    tabs = {tab["value"]: tab["count"] for tab in response.context["status_tabs"]}
    assert tabs["submitted"] == 2 and tabs["published"] == 1 and tabs["declined"] == 0
    published = admin_client.get(QUEUE, {"status": "published"}).context["page"].object_list
    assert [s.status for s in published] == ["published"]


@pytest.mark.django_db
def test_queue_filters_narrow_and_count(admin_client):
    chui = Region.objects.get(code="chui")
    with_photo = StoryFactory(
        participant=StoryCardFactory(surname="Асанов", region=chui), new_card=True
    )
    PhotoFactory(story=with_photo)
    with_document = StoryFactory(participant=StoryCardFactory(surname="Бекова"))
    StoryDocumentFactory(story=with_document)
    plain = StoryFactory(participant=StoryCardFactory(surname="Ким", given_name="Георгий"))

    def found(**params):
        return set(admin_client.get(QUEUE, params).context["page"].object_list)

    assert found(photos="yes") == {with_photo}
    assert found(photos="no") == {with_document, plain}
    assert found(documents="yes") == {with_document}
    assert found(card="new") == {with_photo}
    assert found(card="existing") == {with_document, plain}
    assert found(region="chui") == {with_photo}
    assert found(q="Kim") == {plain}  # the names index: transliterated
    assert found(q="Нетакого") == set()
    response = admin_client.get(QUEUE, {"region": "atlantis", "photos": "maybe"})
    assert response.status_code == 200 and {"region", "photos"} <= set(
        response.context["form"].errors
    )
    assert len(response.context["page"].object_list) == 3  # bad filters are ignored
    form = admin_client.get(QUEUE, {"card": "existing"}).context["form"]
    assert dict(form.fields["photos"].choices)["yes"].endswith("(0)")
    assert dict(form.fields["card"].choices)["new"].endswith("(1)")


@pytest.mark.django_db
def test_the_queue_runs_the_same_number_of_queries_whatever_its_length(admin_client):
    def queries_for_the_queue():
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(QUEUE, {"q": "Тестов"}).status_code == 200
        return len(queries)

    story = StoryFactory(new_person=True)
    PhotoFactory(story=story)
    StoryDocumentFactory(story=story)
    few = queries_for_the_queue()
    for _ in range(12):
        story = StoryFactory(new_person=True)
        PhotoFactory(story=story)
        StoryDocumentFactory(story=story)
    assert queries_for_the_queue() == few
    assert len(admin_client.get(QUEUE).context["page"].object_list) == 13


@pytest.mark.django_db
def test_the_queue_is_paginated(admin_client):
    for _ in range(53):
        StoryFactory(new_person=True)
    first = admin_client.get(QUEUE)
    assert len(first.context["page"].object_list) == 50
    assert "p=2" in first.content.decode()
    assert len(admin_client.get(QUEUE, {"p": 2}).context["page"].object_list) == 3
    assert admin_client.get(QUEUE, {"p": "abc"}).status_code == 200


@pytest.mark.django_db
def test_open_reports_have_their_own_tab(admin_client):
    card = StoryCardFactory(status=CardStatus.PUBLISHED)
    open_report = CardReportFactory(participant=card, reason="wrong_facts", message="Год")
    CardReportFactory(participant=card, reason="other", closed=True)
    assert admin_client.get(QUEUE).context["open_reports_count"] == 1
    response = admin_client.get(QUEUE, {"tab": "reports"})
    assert list(response.context["page"].object_list) == [open_report]
    assert f"/admin/memory/reports/{open_report.pk}/" in response.content.decode()


@pytest.mark.django_db
def test_the_menu_shows_the_group_and_the_count_to_moderators_only(admin_client, client, users):
    StoryFactory(new_person=True)
    StoryFactory(new_person=True)
    page = admin_client.get("/admin/").content.decode()
    assert "/admin/memory/queue/" in page and "/admin/memory/cards/" in page
    assert "/admin/memory/reports/" in page and "/admin/memory/merges/" in page
    assert "(2)" in page
    secretary = make_staff("secretary2@example.org", Role.COUNCIL_SECRETARY)
    client.force_login(secretary)
    page = page_text(client.get("/admin/"), "/admin/conferences/")
    assert "/admin/memory/queue/" not in page


# Cards


def card_form(card=None, **changes):
    data = {
        "surname": "Новиков", "given_name": "Пётр", "patronymic": "", "name_variants": "",
        "birth_date": "1918", "birth_place": "", "category": "front_line", "region": "",
        "conscription_date": "", "conscription_place": "", "rank": "", "units": "", "fronts": "",
        "awards": "", "fate": "unknown", "death_date": "", "death_place": "", "burial_place": "",
        "next_of_kin": "", "biography": "", "status": "draft",
        "sources-TOTAL_FORMS": "0", "sources-INITIAL_FORMS": "0",
        "sources-MIN_NUM_FORMS": "0", "sources-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    if card is not None:
        for name in ("surname", "given_name", "patronymic", "category", "fate", "status"):
            data[name] = getattr(card, name)
        data["birth_date"] = str(card.birth_year or "")
        if card.consent_to_publish:
            data["consent_to_publish"] = "on"
    data.update(changes)
    return data


@pytest.mark.django_db
def test_adding_a_card_with_a_source_indexes_its_names_and_logs(admin_client, moderator):
    data = card_form(**{
        "sources-TOTAL_FORMS": "1", "sources-0-kind": "award", "sources-0-archive": "ЦАМО",
        "sources-0-fond": "33", "sources-0-opis": "", "sources-0-delo": "", "sources-0-list": "",
        "sources-0-database": "", "sources-0-database_id": "", "sources-0-note": "",
        "sources-0-id": "", "sources-0-ORDER": "1", "sources-0-DELETE": "",
    })  # fmt: skip
    response = admin_client.post(CARDS + "new/", data)
    assert response.status_code == 302, response.context["form"].errors
    card = WarParticipant.objects.get(surname="Новиков")
    assert card.birth_year == 1918
    assert SourceRecord.objects.get(participant=card).fond == "33"
    assert NameKey.objects.filter(participant=card).exists()
    assert ModerationLogEntry.objects.get(participant=card).action == ModerationAction.EDIT_CARD
    # Found by the names index in the listing, transliterated.
    listing = admin_client.get(CARDS, {"q": "Novikov"})
    assert list(listing.context["object_list"]) == [card]


@pytest.mark.django_db
def test_publishing_and_hiding_a_card_are_logged(admin_client):
    card = StoryCardFactory(surname="Петров")
    admin_client.post(edit_url(card), card_form(card, status="published"))
    card.refresh_from_db()
    assert card.status == CardStatus.PUBLISHED
    admin_client.post(edit_url(card), card_form(card, status="hidden"))
    admin_client.post(edit_url(card), card_form(card, status="hidden", rank="сержант"))
    actions = list(
        ModerationLogEntry.objects.filter(participant=card)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["publish_card", "hide_card", "edit_card"]


@pytest.mark.django_db
def test_a_card_renamed_is_found_by_its_new_name(admin_client):
    card = StoryCardFactory(surname="Старов")
    admin_client.post(edit_url(card), card_form(card, surname="Новосёлов"))
    keys = set(NameKey.objects.filter(participant=card).values_list("key", flat=True))
    assert keys and [c.pk for c in services_search("Новоселов")] == [card.pk]
    assert services_search("Старов") == []


def services_search(text):

    return search(text, published_only=False)


@pytest.mark.django_db
def test_the_consent_rule_is_shown_on_its_field(admin_client):
    card = StoryCardFactory(surname="Живая", category="child_of_war")
    response = admin_client.post(edit_url(card), card_form(card, status="published"))
    assert response.status_code == 200
    assert "consent_to_publish" in response.context["form"].errors
    card.refresh_from_db()
    assert card.status == CardStatus.DRAFT


@pytest.mark.django_db
def test_merged_is_not_a_status_one_can_pick(admin_client):
    card = StoryCardFactory()
    response = admin_client.get(edit_url(card))
    assert "merged" not in dict(response.context["form"].fields["status"].choices)
    admin_client.post(edit_url(card), card_form(card, status="merged"))
    card.refresh_from_db()
    assert card.status == CardStatus.DRAFT


@pytest.mark.django_db
def test_a_merged_card_is_read_only_and_leads_to_the_kept_card(admin_client):
    kept = StoryCardFactory(surname="Оставленный", status=CardStatus.PUBLISHED)
    merged = StoryCardFactory(surname="Слитый", status=CardStatus.MERGED)
    WarParticipant.objects.filter(pk=merged.pk).update(merged_into=kept)
    response = admin_client.get(edit_url(merged))
    assert response.status_code == 200 and "form" not in response.context
    assert edit_url(kept) in response.content.decode()
    admin_client.post(edit_url(merged), card_form(merged, surname="Изменённый", status="draft"))
    merged.refresh_from_db()
    assert (merged.surname, merged.status) == ("Слитый", CardStatus.MERGED)


@pytest.mark.django_db
def test_the_card_page_shows_photos_and_the_merge_link(admin_client):
    story = StoryFactory(new_person=True)
    photo = PhotoFactory(story=story, caption="У родного дома")
    page = admin_client.get(edit_url(story.participant)).content.decode()
    assert "У родного дома" in page and f"/admin/memory/photos/{photo.pk}/" in page
    assert f"/admin/memory/merge/?kept={story.participant_id}" in page


@pytest.mark.django_db
def test_the_card_list_filters_and_cards_are_not_deleted(admin_client):
    published = StoryCardFactory(surname="Видимый", status=CardStatus.PUBLISHED)
    draft = StoryCardFactory(surname="Черновой")
    listing = admin_client.get(CARDS, {"status": "published"})
    assert list(listing.context["object_list"]) == [published]
    assert list(admin_client.get(CARDS, {"has_photo": "true"}).context["object_list"]) == []
    admin_client.post(f"{CARDS}delete/{draft.pk}/")
    assert WarParticipant.objects.filter(pk=draft.pk).exists()


# The log


@pytest.mark.django_db
def test_the_log_lists_and_filters_by_moderator_and_action(admin_client, moderator):
    other = make_staff("second@example.org", Role.MEMORY_MODERATOR)
    approved, declined = StoryFactory(new_person=True), StoryFactory(new_person=True)
    stories.story_approve(story=approved, user=moderator)
    stories.story_decline(story=declined, user=other, reason="not_confirmed", message="")
    page = admin_client.get(LOG)
    assert page.status_code == 200 and len(page.context["page"].object_list) == 3
    mine = admin_client.get(LOG, {"user": moderator.pk}).context["page"].object_list
    assert {entry.user for entry in mine} == {moderator}
    declines = admin_client.get(LOG, {"action": "decline"}).context["page"].object_list
    assert [entry.story for entry in declines] == [declined]
    bad = admin_client.get(LOG, {"user": "x", "action": "steal"})
    assert bad.status_code == 200 and bad.context["form"].errors


@pytest.mark.django_db
def test_the_log_runs_few_queries(admin_client, moderator):
    for _ in range(10):
        stories.story_approve(story=StoryFactory(new_person=True), user=moderator)
    with CaptureQueriesContext(connection) as queries:
        assert admin_client.get(LOG).status_code == 200
    assert len(queries) < 20
