"""Text as compared, as printed and as spelled in Latin letters: one place for every app's
folding, print typography (`typeset`) and transliteration.

Two folds, because the callers genuinely need two strengths, and both feed stored keys that
must never change (organizations' ``name_key`` column, memory's ``NameKey`` table):

- `fold`: the same title typed twice — any case, ё as е, no quotes, single spaces. Punctuation,
  hyphens and letters stay as they are («Родник-2» is not «Родник 2»).
- `fold_name`: a person's or a place's name however it was typed — also without soft and hard
  signs, with Kyrgyz, Kazakh, Tatar and Ukrainian letters as their Russian neighbours, Latin
  without diacritics, one kind of dash and no punctuation; look-alike letters of the other
  script inside a word are unmixed first.

The sound of a name (phonetic keys, given-name groups, Latin readings) is memory's
(`sovet.memory.names`): only the generic folding lives here.
"""

import functools
import re
import unicodedata

from anyascii import anyascii

# -- fold: the same title -----------------------------------------------------------------------

_QUOTES = str.maketrans(dict.fromkeys("«»“”„\"'"))


def fold(text: str) -> str:
    """«Общество  “Родник”» and «общество "родник"» are the same text: «общество родник»."""
    folded = text.casefold().replace("ё", "е").translate(_QUOTES)
    return " ".join(folded.split())


# -- fold_name: the same name -------------------------------------------------------------------

_CYRILLIC_FOLDS = {
    "ё": "е",
    "ъ": "",
    "ь": "",
    # Kyrgyz
    "ң": "н",
    "ө": "о",
    "ү": "у",
    # Kazakh, Tatar, Bashkir, Uzbek
    "ә": "а",
    "ғ": "г",
    "қ": "к",
    "һ": "х",
    "ұ": "у",
    "і": "и",
    "җ": "ж",
    "ҳ": "х",
    "ҡ": "к",
    "ҙ": "з",
    "ҫ": "с",
    # Ukrainian, Belarusian
    "ї": "и",
    "є": "е",
    "ґ": "г",
    "ў": "у",
}
_LATIN_FOLDS = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ı": "i"}
_DASHES = "‐‑‒–—―−"
# Apostrophes and quotes stand for soft and hard signs ("Il'in", "Мар'яна"), which fold drops.
_APOSTROPHES = "'’‘ʼʻ`´′″ʹʺ\""


def _latin_without_marks() -> dict[str, str]:
    """Every precomposed Latin letter with a diacritic, mapped to its plain letter."""
    table = {}
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base != chr(code) and base.isascii() and base.isalpha():
            table[chr(code)] = base.lower()
    return table


_FOLD_NAME_TABLE = str.maketrans(
    {
        **_latin_without_marks(),
        **_LATIN_FOLDS,
        **_CYRILLIC_FOLDS,
        **dict.fromkeys(_DASHES, "-"),
        **dict.fromkeys(_APOSTROPHES, ""),
    }
)
_COMBINING_MARKS = re.compile(r"[\u0300-\u036f]")
_NOT_NAME = re.compile(r"[^\w-]|_")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"\w+")
# Letters that look alike in both scripts: OCR and keyboards mix them inside one word.
_LATIN_LOOKALIKES = "AaBCcEeHKkMOoPpTXxYy"
_CYRILLIC_LOOKALIKES = "АаВСсЕеНКкМОоРрТХхУу"
_TO_CYRILLIC = str.maketrans(_LATIN_LOOKALIKES, _CYRILLIC_LOOKALIKES)
_TO_LATIN = str.maketrans(_CYRILLIC_LOOKALIKES, _LATIN_LOOKALIKES)


def _unmix(match: re.Match) -> str:
    word = match[0]
    cyrillic, latin = len(_CYRILLIC.findall(word)), len(_LATIN.findall(word))
    if not (cyrillic and latin):
        return word
    return word.translate(_TO_CYRILLIC if cyrillic >= latin else _TO_LATIN)


def unmix_scripts(text: str) -> str:
    """The text with look-alike letters of the other script replaced, word by word: «Ивaнов»
    with a Latin «a» is «Иванов»; the script most of a word's letters are in wins."""
    text = unicodedata.normalize("NFC", text)
    if _CYRILLIC.search(text) and _LATIN.search(text):
        text = _WORD.sub(_unmix, text)
    return text


def is_latin(word: str) -> bool:
    """Written in Latin letters only (no Cyrillic one)."""
    return bool(_LATIN.search(word)) and not _CYRILLIC.search(word)


@functools.lru_cache(maxsize=100_000)
def fold_name(text: str) -> str:
    """A name as compared: lowercase, ё as е, no soft or hard signs, Kyrgyz, Kazakh, Tatar and
    Ukrainian letters as their Russian neighbours, Latin without diacritics, one kind of dash,
    no apostrophes, single spaces. Letters of both scripts are kept."""
    text = unmix_scripts(text).lower().translate(_FOLD_NAME_TABLE)
    text = _NOT_NAME.sub(" ", _COMBINING_MARKS.sub("", text))
    words = (word.strip("-") for word in text.split())
    return " ".join(re.sub("-+", "-", word) for word in words if word)


# -- typeset: Russian typography for print -----------------------------------------------------

# Units and abbreviations that stay on the line of their number: «1943 г.», «2 ст.», «№ 5».
_UNITS = r"(?:гг?\.|ст\.|степени|км|кг|м|мм|см|лет|года?|дн\.|дней|раз)"
_TYPOGRAPHY = [
    # Straight quotes become «ёлочки»: an opening quote follows a space, a bracket or the start.
    (re.compile(r'(^|[\s(\[—–-])"'), "\\1«"),
    (re.compile(r'"'), "»"),
    (re.compile(r"“|„"), "«"),
    (re.compile(r"”"), "»"),
    # An en dash between years, without spaces: 1941–1945.
    (re.compile(r"\b(\d{4})\s*[-–—]\s*(\d{4})\b"), "\\1–\\2"),
    # A dash between words: an em dash tied to the word before it.
    (re.compile(r" [-–—] "), "\u00a0— "),
    # Initials: «И.\u00a0П.\u00a0Иванов», «Иванов И.\u00a0П.».
    (re.compile(r"\b([А-ЯЁA-Z])\.\s+(?=[А-ЯЁA-Z])"), "\\1.\u00a0"),
    (re.compile(r"(?<=[а-яёa-z]) (?=[А-ЯЁA-Z]\.(?:\s|$))"), "\u00a0"),
    (re.compile(rf"(\d)\s+(?={_UNITS}(?!\w))"), "\\1\u00a0"),
    (re.compile(r"№\s*(?=\d)"), "№\u00a0"),
    # Short words stay with the next one: «За\u00a0отвагу», «II\u00a0степени».
    (re.compile(r"(?<![\w\u00a0])([а-яёА-ЯЁ]{1,2}|[IVX]{1,4}) "), "\\1\u00a0"),
]


def typeset(text: str) -> str:
    """Russian typography for print: «ёлочки», en dashes in year ranges, non-breaking spaces
    after short words and initials and before units. Line breaks stay; other spaces are one."""
    lines = []
    for line in text.splitlines() or [""]:
        line = " ".join(line.split())
        for pattern, replacement in _TYPOGRAPHY:
            line = pattern.sub(replacement, line)
        lines.append(line)
    return "\n".join(lines)


# -- transliterate: Latin letters for addresses -------------------------------------------------


def transliterate(text: str) -> str:
    """The text in ASCII Latin letters, for addresses and file names: «Өмүр» is «Omur»."""
    return anyascii(text)
