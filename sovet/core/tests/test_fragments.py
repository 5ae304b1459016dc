"""Pieces kept per content version: computed once, computed again when the content changes, kept
apart by what they depend on, and kept for visitors only when marked ``anonymous``."""

from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.template import Context, Template
from django.test import override_settings

from sovet.core import fragments, page_cache


def bump():
    """What page_cache does after a commit when public content changes."""
    cache.set(page_cache.CONTENT_KEY, page_cache.content_version() + 1, timeout=None)


def test_a_piece_is_computed_once_until_the_content_changes(kept):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert fragments.cached("piece", "ru", compute=compute) == 1
    assert fragments.cached("piece", "ru", compute=compute) == 1
    assert fragments.cached("piece", "ky", compute=compute) == 2  # another language, another key
    bump()
    assert fragments.cached("piece", "ru", compute=compute) == 3


def test_none_is_kept_unless_asked_not_to(kept):
    calls = []

    def nothing():
        calls.append(1)

    fragments.cached("none", compute=nothing)
    fragments.cached("none", compute=nothing)
    fragments.cached("endless", compute=nothing, keep_none=False)
    fragments.cached("endless", compute=nothing, keep_none=False)
    assert len(calls) == 3


def test_without_the_setting_every_piece_is_computed_each_time():
    calls = []
    with override_settings(FRAGMENT_CACHE=False):
        fragments.cached("off", compute=lambda: calls.append(1))
        fragments.cached("off", compute=lambda: calls.append(1))
    assert len(calls) == 2


TEMPLATE = Template(
    '{% load sovet %}{% fragment "test" language anonymous %}{{ text }}{% endfragment %}'
)


def render(text, language="ru", user=None):
    request = SimpleNamespace(user=user or AnonymousUser())
    return TEMPLATE.render(Context({"text": text, "language": language, "request": request}))


def test_the_template_tag_keeps_markup_by_what_it_names(kept):
    assert render("первый") == "первый"
    assert render("второй") == "первый"  # kept
    assert render("second", language="en") == "second"
    bump()
    assert render("третий") == "третий"


def test_someone_signed_in_gets_the_markup_computed(kept):
    signed_in = SimpleNamespace(is_authenticated=True)
    assert render("для всех") == "для всех"
    assert render("для меня", user=signed_in) == "для меня"


def test_the_markup_is_escaped_as_rendered(kept):
    assert render("<b>") == "&lt;b&gt;"
    assert render("<i>") == "&lt;b&gt;"
