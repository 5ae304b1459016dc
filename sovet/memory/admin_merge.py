"""Staff admin: merging two cards (and undoing it), visitors' reports, rotating and cropping photos.

(Placeholder: the URL names other admin pages link to. Being written.)
"""

from django.http import Http404
from django.urls import path
from wagtail import hooks


def _not_yet(request, *args, **kwargs):
    raise Http404


@hooks.register("register_admin_urls")
def memory_merge_urls():
    return [
        path("memory/merge/", _not_yet, name="memory_merge"),
        path("memory/merges/", _not_yet, name="memory_merges"),
        path("memory/merges/<int:pk>/undo/", _not_yet, name="memory_merge_undo"),
        path("memory/reports/", _not_yet, name="memory_reports"),
        path("memory/reports/<int:pk>/", _not_yet, name="memory_report"),
        path("memory/photos/<int:pk>/", _not_yet, name="memory_photo"),
    ]
