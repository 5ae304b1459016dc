"""Site search with one PostgreSQL text-search configuration per language, and what every
search box does with the text typed into it.

Each object is indexed with the configuration of its own locale (Russian and English
stemmers; "simple" for Kyrgyz, which PostgreSQL has no stemmer for), and each query uses the
configuration of the active language. On SQLite, Wagtail's FTS5 backend is used unchanged.
"""

import copy
import re
import unicodedata
from collections import defaultdict

from django.db import connection
from django.utils.translation import get_language
from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend

LANGUAGE_SEARCH_CONFIGS = {"ru": "russian", "en": "english", "ky": "simple"}

MAX_QUERY_LENGTH = 200
# A word: letters and digits of any script (Cyrillic, Kyrgyz ң ө ү, Latin), hyphens inside it.
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
# Words FTS5 reads as operators when written in capitals.
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}


def printable(text: str, *, max_length: int | None = None) -> str:
    """Text from a query string as it may be shown and sent to a database: NUL and other
    control characters become spaces (PostgreSQL refuses NUL), invisible format characters
    (zero-width spaces, soft hyphens) go; trimmed, and cut at `max_length`."""
    text = "".join(
        " " if category == "Cc" else "" if category == "Cf" else char
        for char, category in ((char, unicodedata.category(char)) for char in text)
    )
    text = unicodedata.normalize("NFC", text).strip()
    return text[:max_length].strip() if max_length else text


def search_words(text: str, *, max_length: int = MAX_QUERY_LENGTH) -> str:
    """The words of a search, safe for the full-text parsers (SQLite's FTS5, PostgreSQL's
    tsquery): quotes, brackets, `*`, `:`, a leading `-` and other syntax are dropped, the
    operator words lowered into plain words; letters, digits and hyphenated names are kept."""
    words = _WORD.findall(printable(text, max_length=max_length))
    return " ".join(word.lower() if word in _OPERATORS else word for word in words)


def config_for_language(language_code: str | None, default: str = "russian") -> str:
    return LANGUAGE_SEARCH_CONFIGS.get((language_code or "")[:2], default)


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor != "postgresql":
        return DatabaseSearchBackend(params)

    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )

    class LocalizedIndex(PostgresIndex):
        def add_items(self, model, objs):
            groups = defaultdict(list)
            for obj in objs:
                locale = getattr(obj, "locale", None)
                code = locale.language_code if locale is not None else None
                groups[config_for_language(code, self.backend.config)].append(obj)
            for config, group in groups.items():
                backend = copy.copy(self.backend)
                backend.config = config
                PostgresIndex(backend).add_items(model, group)

    class LocalizedQueryCompiler(PostgresSearchQueryCompiler):
        def get_config(self, backend):
            return config_for_language(get_language(), backend.config)

    class LocalizedPostgresSearchBackend(PostgresSearchBackend):
        index_class = LocalizedIndex
        query_compiler_class = LocalizedQueryCompiler

    return LocalizedPostgresSearchBackend(params)
