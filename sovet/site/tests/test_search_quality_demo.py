"""What a visitor expects the header search to find in the demo, written down query by query:
kinds of things, inflected words (Russian morphology), Kyrgyz and English pages, names written
another way. The oracle is this list, not the ranking code: each query names the kind and a piece
of the title a person would look for, among the first results of that kind."""

import pytest
from django.utils.html import strip_tags

# (language, query) → [(kind, a piece of the expected title), …]
EXPECTED = {
    # Inflected words find their base forms, and the other way round.
    ("ru", "романс"): [("event", "Вечер русского романса")],
    ("ru", "романсы"): [("event", "Вечер русского романса")],
    ("ru", "памятники"): [("place", "Памятник солдату")],
    ("ru", "памятнику"): [("place", "Памятник солдату")],
    ("ru", "мемориала"): [("place", "Мемориал Победы, Ош"), ("event", "Субботник у мемориала")],
    ("ru", "Бессмертного полка"): [("campaign", "Бессмертный полк"), ("event", "Бессмертный полк")],
    ("ru", "ленточка"): [("campaign", "Георгиевская ленточка")],
    ("ru", "молодёжи"): [("organization", "Молодёжный клуб «Русское слово»")],
    ("ru", "волонтёров"): [("organization", "Волонтёры Победы")],
    ("ru", "конференции"): [("conference", "XIII страновая конференция")],
    ("ru", "резолюцию"): [("document", "Резолюция XII страновой конференции")],
    ("ru", "субботник"): [("event", "Субботник у мемориала в парке Победы")],
    # Each kind of thing.
    ("ru", "Славяне"): [("organization", "Русский культурный центр «Славяне»")],
    ("ru", "Союз соотечественниц"): [
        ("organization", "Союз соотечественниц Кыргызстана"),
        ("decision", "Решение 6: Одобрить создание Союза"),
    ],
    ("ru", "модернизация сайта"): [("document", "Резолюция XII страновой конференции")],
    ("ru", "правовой"): [("organization", "Центр правовой поддержки соотечественников")],
    ("ru", "школа"): [("organization", "Русская школа «Знание»"), ("place", "у школы")],
    ("ru", "Перекрёстный год"): [("event", "Вечер русского романса")],
    ("ru", "Наша Победа"): [("organization", "Движение «Наша Победа – Биздин Жениш»")],
    ("ru", "Память"): [("page", "Память")],
    ("ru", "Готовимся"): [("news", "Готовимся к «Бессмертному полку»")],
    ("ru", "состав совета"): [("council", "Состав Координационного совета 2021")],
    # Places by town, written with and without a hyphen.
    ("ru", "Токмок"): [("event", "Свеча памяти в Токмоке"), ("place", "Токмок")],
    ("ru", "Джалал-Абад"): [("event", "Бессмертный полк — Джалал-Абад")],
    ("ru", "Каракол"): [("event", "Бессмертный полк — Каракол")],
    # People of the memory archive, however their name is written.
    ("ru", "Соловьёв"): [("person", "Соловьёв Фёдор Иванович")],
    ("ru", "Соловьев"): [("person", "Соловьёв Фёдор Иванович")],
    ("ru", "Solovyov"): [("person", "Соловьёв Фёдор Иванович")],
    # Kyrgyz: its own pages and names, with Kyrgyz endings.
    # «Эскерүү» is memory (the section), «эстелик» a monument (docs/GLOSSARY.md).
    ("ky", "эскерүү"): [("page", "Эскерүү")],
    ("ky", "эстелик"): [("place", "Жоокерге эстелик, Талас")],
    ("ky", "жаштар"): [("organization", "«Русское слово» жаштар клубу")],
    ("ky", "Кеңештин"): [("council", "2021-жылы шайланган Кеңештин курамы")],
    ("ky", "конференция"): [("conference", "XIII өлкөлүк конференция")],
    # English.
    ("en", "conference"): [("conference", "XIII country conference")],
    ("en", "Immortal Regiment"): [("campaign", "Immortal Regiment")],
    ("en", "volunteers"): [("organization", "Victory Volunteers movement")],
    ("en", "women"): [("organization", "Union of Women Compatriots")],
    ("en", "Council"): [("page", "About the Council")],
}

# Found nowhere: nonsense, and words only a draft or a private page holds.
NOTHING = [("ru", "ъъъъъ"), ("ru", "qwertyuiop"), ("en", "zzzzzz")]


def shown(client, language, query) -> dict[str, list[str]]:
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200, (language, query)
    return {
        group.name: [strip_tags(str(result.title)) for result in group.results]
        for group in response.context["groups"]
    }


@pytest.mark.django_db
def test_the_search_finds_what_a_visitor_expects(demo, client):
    assert len(EXPECTED) >= 30
    misses = []
    for (language, query), wanted in EXPECTED.items():
        found = shown(client, language, query)
        for kind, piece in wanted:
            if not any(piece in title for title in found.get(kind, [])):
                misses.append(f"{language} «{query}»: no {kind} «{piece}» in {found.get(kind)}")
    assert not misses, "\n".join(misses)


@pytest.mark.django_db
def test_nonsense_finds_nothing_and_says_so(demo, client):
    for language, query in NOTHING:
        response = client.get(f"/{language}/search/", {"q": query})
        assert response.status_code == 200
        assert response.context["groups"] == []
        assert query in response.content.decode()  # «Nothing was found for “…”»


@pytest.mark.django_db
def test_the_matched_words_are_marked_and_the_rest_escaped(demo, client):
    html = client.get("/ru/search/", {"q": "романса"}).content.decode()
    assert "Вечер русского <mark>романса</mark>" in html
    assert 'id="found-event"' in html
