"""Find interface text that was left untranslated on a rendered page.

Content may legitimately be in another language (a Russian page shown as a fallback), so it is
marked with a ``lang`` attribute and skipped; what remains is interface text, which must be in
the page's language. English text on a Russian or Kyrgyz page, or Cyrillic text on an English
page, is an untranslated string.
"""

import re
from html.parser import HTMLParser

CYRILLIC = re.compile(r"[А-Яа-яЁёӨөҮүҢң]")
LATIN_WORD = re.compile(r"\b[A-Za-z][a-z]{2,}\b")
# Latin words that belong in any language: names of formats, services and the like.
ALLOWED_LATIN = {
    "RSS",
    "ics",
    "iCalendar",
    "PDF",
    "Telegram",
    "Wagtail",
    "Sovet",
    "Markdown",
    "E-mail",
    "WebP",
    "JPEG",
    "PNG",
}
TEXT_ATTRIBUTES = ("placeholder", "aria-label", "title", "alt")
VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, lang)
        self.texts = []  # (lang, text)
        self.places = []  # the open tags around each text, for texts_within
        self.skip = 0

    def _add(self, lang, text):
        self.texts.append((lang, text))
        self.places.append({tag for tag, _lang in self.stack})

    def _lang(self):
        for _tag, lang in reversed(self.stack):
            if lang:
                return lang
        return None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = (attrs.get("lang") or "")[:2] or None
        # The head holds the title and link titles, which repeat content.
        if tag in ("script", "style", "template", "head"):
            self.skip += 1
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, lang))
        if self.skip:
            return
        effective = lang or self._lang()
        for name in TEXT_ATTRIBUTES:
            if attrs.get(name):
                self._add(effective, attrs[name])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template", "head"):
            self.skip = max(0, self.skip - 1)
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self.skip and data.strip():
            self._add(self._lang(), data.strip())


def untranslated_texts(html: str, language: str) -> list[str]:
    collector = _TextCollector()
    collector.feed(html)
    found = []
    for lang, text in collector.texts:
        if lang != language:
            continue
        if language == "en":
            if CYRILLIC.search(text):
                found.append(text)
        else:
            words = [w for w in LATIN_WORD.findall(text) if w not in ALLOWED_LATIN]
            if words and not re.search(r"@|https?://", text):
                found.append(text)
    return found


# Words and endings that are Russian and not Kyrgyz: Kyrgyz has no prepositions or conjunctions
# like these, and its adjectives and verbs do not end so. (Both languages share the alphabet, so
# Russian on a Kyrgyz page is read from its words, not its letters.) Left out on purpose, being
# Kyrgyz words too: «от» (fire: Түбөлүк от), «он» (ten), «да» (also), «же» (or), «бы» (a question
# particle), «а», «так» (exact), «там» (a wall). Not -ого either: the Kyrgyz
# dative (оңдоого). Kyrgyz borrows nouns whole (конференция, Бизнес, Союз,
# документ), so endings are those of Russian adjectives, verbs and cases, which Kyrgyz replaces
# with its own suffixes; not -ый, -ий or -аний (тарыхый, маданий, names like Юрий). Tuned on
# the catalogues (no Kyrgyz message of locale/ky reads as Russian) and on the demo's pages. A short
# Russian phrase with none of these (Модератор архива памяти) still passes: the check catches
# sentences and most labels, not every name.
RUSSIAN_WORDS = frozenset(
    [
        "и",
        "в",
        "во",
        "на",
        "с",
        "со",
        "по",
        "для",
        "к",
        "из",
        "не",
        "что",
        "как",
        "о",
        "об",
        "при",
        "до",
        "или",
        "это",
        "его",
        "её",
        "их",
        "был",
        "была",
        "были",
        "также",
        "года",
        "году",
        "лет",
        "г",
        "за",
        "но",
        "все",
        "всех",
        "мы",
        "вы",
        "вас",
        "нас",
        "вам",
        "нам",
        "ваш",
        "ваша",
        "ваши",
        "наш",
        "наши",
        "где",
        "когда",
        "если",
        "чем",
        "под",
        "над",
        "через",
        "после",
        "перед",
        "между",
        "без",
        "про",
        "этот",
        "эта",
        "эти",
        "этой",
        "этого",
        "этом",
        "который",
        "которые",
        "которых",
        "более",
        "можно",
        "нужно",
        "нельзя",
        "будет",
        "было",
        "нет",
        "пока",
        "уже",
        "только",
        "ещё",
        "еще",
        "есть",
        "свой",
        "своей",
        "своих",
        "у",
        "ли",
        "тем",
        "том",
        "ниже",
        "выше",
        "теперь",
        "сначала",
        "например",
        "почему",
        "кому",
        "снова",
        "раньше",
        "рядом",
        "два",
        "две",
        "один",
        "одна",
    ]
)
RUSSIAN_ENDING = re.compile(
    r"[а-яё]{2,}(ться|ются|ется|ение|ания|ание|ость|ости|ский|ская|ское|ских|ского|ный|ная|ное|"
    r"ных|ного|ному|ными|ной|его|ами|ями|ает|яет|ует|ают|яют|уют|ить|ать|ять|еть|ции|ство|"
    r"ства|ству|ством|ую|юю|ите|ений|ные|ших|щих|ены|ено)$"
)
# A word: a run of Cyrillic letters not glued to Latin letters or digits (GeoJSONдо, 5-ден carry
# a Kyrgyz suffix).
WORD = re.compile(r"(?<![\w-])[А-Яа-яЁёӨөҮүҢң]+")
# A proper name in quotes («Русское слово» жаштар клубу) stays as its owners write it.
QUOTED = re.compile(r"«[^»]*»")
# Kyrgyz abbreviates hours as «с» (саат) after a number: «5 с».
HOURS = re.compile(r"\d\s*с\b")


def reads_russian(text: str, language: str) -> bool:
    """Whether ``text`` is Russian on a page in ``language`` (English: any Cyrillic at all)."""
    if language == "en":
        return bool(CYRILLIC.search(text))
    words = [word.lower() for word in WORD.findall(HOURS.sub(" ", QUOTED.sub(" ", text)))]
    return any(word in RUSSIAN_WORDS or RUSSIAN_ENDING.search(word) for word in words)


def texts_within(html: str, tag: str, language: str) -> list[str]:
    """The texts inside ``<tag>`` that a reader takes to be in ``language``: those not marked
    with another ``lang`` (a marked fallback is skipped)."""
    collector = _TextCollector()
    collector.feed(html)
    return [
        text
        for (lang, text), place in zip(collector.texts, collector.places, strict=True)
        if tag in place and lang == language
    ]


def russian_texts(html: str, language: str, tag: str = "main") -> list[str]:
    """Russian texts inside ``<tag>`` of a Kyrgyz or English page that are not marked as a
    fallback (``lang="ru"``)."""
    return [text for text in texts_within(html, tag, language) if reads_russian(text, language)]
