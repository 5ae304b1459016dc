"""A moderator's e-mail about a story speaks the submitter's language, with the demo site's links."""

import pytest
from django.core import mail
from django.utils import translation

from sovet.memory.stories import services as stories

from .factories import StoryFactory


@pytest.mark.django_db
def test_the_email_speaks_the_submitters_language(
    demo, moderator, django_capture_on_commit_callbacks
):
    story = StoryFactory(new_person=True, language="ky")
    with translation.override("ru"), django_capture_on_commit_callbacks(execute=True):
        stories.story_request_changes(
            story=story, user=moderator, reason="source_needed", message=""
        )
    body = mail.outbox[0].body
    # Rendered under translation.override("ky"): the links lead to the Kyrgyz pages.
    assert "/ky/" in body and "/ru/" not in body
    assert f"/stories/{story.token}/" in body
