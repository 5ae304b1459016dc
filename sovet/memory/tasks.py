"""Background work for the memory archive: its e-mails (notifications.py)."""

from django_tasks import task

from .models import CardReport, Story
from .notifications import report_email, story_email


@task()
def send_story_email(story_id: int, kind: str) -> bool:
    story = Story.objects.select_related("participant").filter(pk=story_id).first()
    if story is None:
        return False
    story_email(story, kind)
    return True


@task()
def send_report_email(report_id: int) -> bool:
    report = CardReport.objects.select_related("participant").filter(pk=report_id).first()
    if report is None:
        return False
    report_email(report)
    return True
