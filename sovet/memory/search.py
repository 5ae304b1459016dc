"""What the memory archive shows to the site search: the people whose names match, found by the
archive's own name matching (any spelling, transliteration, typo), not by the site's index."""

from urllib.parse import urlencode

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from sovet.core.lookups import index_page
from sovet.core.site_search import PER_KIND, Group, Result

from .models import MemoryIndexPage
from .names.search import cards_of, matches
from .placard import years_of_life


@hooks.register("search_groups")
def people(query: str, request=None) -> Group | None:
    archive = index_page(MemoryIndexPage)
    if archive is None:
        return None
    found = matches(query)
    results = [
        Result(
            title=mark_safe(f'<span lang="ru">{escape(card.full_name)}</span>'),  # noqa: S308
            url=archive.person_path(card),
            snippet=escape(" · ".join(p for p in (years_of_life(card), card.rank) if p)),
        )
        for card in cards_of(found[:PER_KIND])
    ]
    more = f"{archive.url}?{urlencode({'q': query})}"
    return Group("person", _("People in the memory archive"), len(found), results, more, order=25)
