from django.conf import settings


def site_context(request):
    return {"SITE_URL": settings.SITE_URL, "COUNCIL_EMAIL": settings.COUNCIL_EMAIL}
