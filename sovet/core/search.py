"""Site search with one PostgreSQL text-search configuration per language.

Each object is indexed with the configuration of its own locale (Russian and English
stemmers; "simple" for Kyrgyz, which PostgreSQL has no stemmer for), and each query uses the
configuration of the active language. On SQLite, Wagtail's FTS5 backend is used unchanged.
"""

import copy
from collections import defaultdict

from django.db import connection
from django.utils.translation import get_language
from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend

LANGUAGE_SEARCH_CONFIGS = {"ru": "russian", "en": "english", "ky": "simple"}


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
