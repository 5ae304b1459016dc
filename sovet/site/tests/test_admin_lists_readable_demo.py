"""Every registry's list, as a Russian-speaking secretary reads it: headers in Russian, yes/no
as ticks and crosses with a translated word, never Python's "True"/"False"."""

import re
from html import unescape

import pytest
from django.urls import NoReverseMatch, reverse

from sovet.accounts.demo import DEMO_ADMIN_EMAIL
from sovet.accounts.models import User
from sovet.core.admin import registries
from sovet.core.testing import page_text

CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def _lists():
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (loading the admin's URLs registers the viewsets)
    for viewset in registries():
        for name in ("index", "list"):
            try:
                yield viewset.model._meta.label_lower, reverse(viewset.get_url_name(name))
                break
            except NoReverseMatch:
                continue


def _listing(html: str) -> tuple[str, str]:
    """The list's table: its head and its body."""
    table = html.split('<table class="listing', 1)[1].split("</table>", 1)[0]
    head, body = table.split("</thead>", 1)
    return head, body


def _headers(head: str) -> list[str]:
    cells = re.findall(r"<th\b[^>]*>(.*?)</th>", head, re.S)
    texts = [unescape(re.sub(r"<[^>]+>|\s+", " ", cell)).strip() for cell in cells]
    return [text for text in texts if text]


@pytest.mark.django_db
def test_every_list_speaks_russian(demo, client):
    untranslated, checked, yes_no = [], 0, set()
    for label, url in _lists():
        # The help desk's canned answers are their centre's head's: the demo's Bishkek head.
        reader = "bishkek@sovet.kg" if label == "helpdesk.cannedanswer" else DEMO_ADMIN_EMAIL
        client.force_login(User.objects.get(email=reader))
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
        html = page_text(response, "</html>")
        if '<table class="listing' not in html:
            continue  # an empty list has no table
        checked += 1
        head, body = _listing(html)
        for header in _headers(head):
            if not CYRILLIC.search(header):
                untranslated.append(f"{label}: header {header!r}")
        for word in re.findall(r">\s*(True|False|None)\s*<", body):
            untranslated.append(f"{label}: a cell shows {word!r}")
        yes_no |= set(re.findall(r'icon-(?:check|cross)[^>]*>.*?w-sr-only">\s*(\w+)', body, re.S))
    assert checked >= 10, "the demo fills most lists"
    assert not untranslated, "\n".join(untranslated)
    assert yes_no == {"да", "нет"}, "yes/no cells say so in Russian"
