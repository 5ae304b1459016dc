from django.conf import settings


def site_context(request):
    return {
        "SITE_URL": settings.SITE_URL,
        "COUNCIL_EMAIL": settings.COUNCIL_EMAIL,
        # Content is written in Russian first; untranslated content is marked with this language.
        "DEFAULT_CONTENT_LANGUAGE": settings.LANGUAGE_CODE,
    }
