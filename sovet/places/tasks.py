"""Background work for memorial places: the e-mails about visitors' reports."""

from django_tasks import task

from .models import PlaceReport
from .notifications import reporter_email, staff_email


@task()
def notify_staff(report_id: int) -> bool:
    report = PlaceReport.objects.select_related("place").filter(pk=report_id).first()
    if report is None:
        return False
    staff_email(report)
    return True


@task()
def notify_reporter(report_id: int, kind: str) -> bool:
    report = PlaceReport.objects.select_related("place").filter(pk=report_id).first()
    if report is None:
        return False
    reporter_email(report, kind)
    return True
