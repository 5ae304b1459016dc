"""Background work for the memory archive: e-mails to the people who send stories."""

from django_tasks import task

from .models import Story
from .notifications import story_email


@task()
def send_story_email(story_id: int, kind: str) -> bool:
    story = Story.objects.select_related("participant").filter(pk=story_id).first()
    if story is None:
        return False
    story_email(story, kind)
    return True
