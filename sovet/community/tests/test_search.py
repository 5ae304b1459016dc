"""Volunteer projects in the site search: a published project is found by a word of its
description (in any form), in the reader's language; a draft project never is."""

import pytest
from django.utils import translation

from sovet.core.site_search import search

from .factories import make_project

pytestmark = pytest.mark.django_db


def _found(query: str, language: str = "ru") -> list[tuple[str, str]]:
    with translation.override(language):
        groups = search(query, language)
    return [
        (str(result.title), result.url)
        for group in groups
        if group.name == "volunteer-project"
        for result in group.results
    ]


def test_a_published_project_is_found_and_a_draft_is_not(volunteers_page):
    make_project(
        title_ru="Субботники у обелисков",
        title_en="Clean-ups at obelisks",
        slug="obelisks",
        description_ru="Покраска оград и уборка территории у памятников.",
    )
    make_project(title_ru="Черновик субботника", slug="draft", published=False)
    found = _found("памятник")  # «памятников» in the text
    assert found == [("Субботники у обелисков", "/ru/volunteers/projects/obelisks/")]
    assert _found("черновик") == []
    # The title is marked where the words were found.
    assert _found("obelisks", "en") == [
        ("Clean-ups at <mark>obelisks</mark>", "/en/volunteers/projects/obelisks/")
    ]
