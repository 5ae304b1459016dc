"""Russian on a Kyrgyz or English page is found; Kyrgyz with borrowed words is not taken for it."""

import pytest

from sovet.core.i18n_checks import reads_russian, russian_texts, texts_within


def page(language: str, main: str) -> str:
    return (
        f'<!doctype html><html lang="{language}"><head><title>Заголовок</title></head><body>'
        f'<nav><a href="/">Главная</a></nav><main id="main">{main}</main>'
        "<footer>Координационный совет</footer></body></html>"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Координационный совет объединяет организации соотечественников.",
        "Спасибо! Модераторы проверят карточку и опубликуют её.",
        "Укажите причину отмены мероприятия.",
        "Регистрация закрыта: мероприятие отменено.",
        "Конференция прошла в Бишкеке 2021 г.",
        "Персональные данные удалены",
        "Документы для переселения",
    ],
)
def test_a_russian_sentence_reads_as_russian_on_a_kyrgyz_page(text):
    assert reads_russian(text, "ky")


@pytest.mark.parametrize(
    "text",
    [
        "XII конференция Бишкекте өттү.",
        "Бизнес жана жаштар бирикмеси",
        "Союз жана Кыргызстандын мекендештери",
        "«Русское слово» жаштар клубу",
        "Түбөлүк от",
        "«Славяне» орус маданий борбору",
        "Биз тарыхый эстутумду сактайбыз.",
        "Окуя оңдоого кайтарылды.",
        "Так эмне туура эмес?",
        "GeoJSONдо адегенде узундук жазылат.",
        "Иш-чаралар 5 с созулат.",
        "Мен да барам, же сен барасыңбы?",
        "Юрий Гагарин көчөсү",
        "Конференциялар",
    ],
)
def test_kyrgyz_with_borrowed_words_and_names_is_not_taken_for_russian(text):
    assert not reads_russian(text, "ky")


def test_on_an_english_page_any_cyrillic_is_russian():
    assert reads_russian("Conference «Бизнес»", "en")
    assert reads_russian("Түбөлүк от", "en")
    assert not reads_russian("The XII conference of compatriots, 2021", "en")


def test_russian_inside_main_of_a_kyrgyz_page_is_found():
    html = page("ky", "<h1>Кеңеш жөнүндө</h1><p>Совет был создан в 2008 году.</p>")
    assert russian_texts(html, "ky") == ["Совет был создан в 2008 году."]


def test_kyrgyz_page_with_loanwords_has_no_russian():
    html = page(
        "ky",
        "<h1>XII конференция</h1><p>Бизнес жана Союз уюмдары, «Русское слово» жаштар клубу.</p>"
        "<p>Түбөлүк от жанында митинг болду.</p>",
    )
    assert texts_within(html, "main", "ky")  # the texts are read...
    assert russian_texts(html, "ky") == []  # ...and none is Russian


def test_text_marked_as_russian_fallback_is_skipped():
    html = page(
        "ky",
        '<h1>Байланыш</h1><div lang="ru"><p>Совет был создан в 2008 году.</p>'
        '<img src="x.png" alt="Фотография из семейного альбома"></div>'
        '<p><span lang="ru">Братская могила воинов, умерших в госпиталях</span> жөнүндө</p>',
    )
    assert russian_texts(html, "ky") == []
    # The same without the marks is found, the image's alternative text included.
    unmarked = html.replace(' lang="ru"', "")
    assert russian_texts(unmarked, "ky") == [
        "Совет был создан в 2008 году.",
        "Фотография из семейного альбома",
        "Братская могила воинов, умерших в госпиталях",
    ]


def test_english_page_with_any_cyrillic_in_main_is_found():
    html = page("en", '<h1>News</h1><p>Conference in Бишкек</p><p lang="ru">Новости</p>')
    assert russian_texts(html, "en") == ["Conference in Бишкек"]


def test_only_main_is_read():
    """The menu and footer are outside <main>: their Russian here is not reported by default."""
    html = page("ky", "<p>Кеңеш жөнүндө</p>")
    assert russian_texts(html, "ky") == []
    assert russian_texts(html, "ky", tag="footer") == ["Координационный совет"]
