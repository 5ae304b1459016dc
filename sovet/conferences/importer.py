"""Reading an adopted resolution from its text (Markdown or plain text, as the Council writes it).

Pure parsing, no database: ``parse(text)`` returns what was found — the text's language,
conference number, title, date, place, preamble and the numbered decisions with their kinds,
deadlines and the next conference they schedule — and the problems, as translated sentences.
``services.resolution_create`` turns a clean result into records. Resolutions are read in
Russian, Kyrgyz and English; ``decode`` turns an uploaded file's bytes into its text.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from sovet.core import cities
from sovet.core.partial_dates import PartialDate

# Cyrillic letters that look like Latin Roman numerals ("ХII" is typed with a Cyrillic Х).
ROMAN_LOOKALIKES = str.maketrans(
    {"Х": "X", "х": "X", "І": "I", "і": "I", "С": "C", "с": "C", "М": "M", "м": "M", "Ⅴ": "V"}
)
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
ROMAN = r"[IVXLCDMХхІіСсМм]+"
# A conference's number is written in capitals: «с конференцией» is not the 100th.
ROMAN_CAPITALS = r"[IVXLCDMХІСМ]+"

# Month stems shared by Russian (all cases) and Kyrgyz (all endings: мартында, сентябрына).
MONTH_STEMS = [
    ("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("ма[йяе]", 5), ("июн", 6),
    ("июл", 7), ("август", 8), ("сентябр", 9), ("октябр", 10), ("ноябр", 11), ("декабр", 12),
]  # fmt: skip
MONTHS_EN = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
]  # fmt: skip
MONTH = r"(?:" + "|".join(stem for stem, _n in MONTH_STEMS) + r")[а-яёөүң]*"
MONTH_EN = r"(?:" + "|".join(MONTHS_EN) + r")"
QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4, "first": 1,
            "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}  # fmt: skip

# The kind of a decision comes from its leading verb; adverbs before it are skipped.
KIND_BY_VERB = [
    ("выразить благодарность", "thank"),
    ("выразить признательность", "thank"),
    ("поблагодарить", "thank"),
    ("выразить поддержку", "support"),
    ("совместно", "joint_action"),
    ("отметить", "note"),
    ("считать", "note"),
    ("принять к сведению", "note"),
    ("поддерж", "support"),
    ("способствовать", "support"),
    ("содействовать", "support"),
    ("рекомендовать", "recommend"),
    ("продолж", "continue"),
    ("одобрить", "approve"),
    ("утвердить", "approve"),
    ("провести", "schedule"),
    ("назначить", "schedule"),
    ("созвать", "schedule"),
    ("изыскать", "find_resources"),
    ("найти средства", "find_resources"),
    # English
    ("express gratitude", "thank"),
    ("express appreciation", "thank"),
    ("thank", "thank"),
    ("express support", "support"),
    ("jointly", "joint_action"),
    ("together with", "joint_action"),
    ("take note", "note"),
    ("note", "note"),
    ("consider", "note"),
    ("support", "support"),
    ("promote", "support"),
    ("assist", "support"),
    ("recommend", "recommend"),
    ("continue", "continue"),
    ("approve", "approve"),
    ("endorse", "approve"),
    ("hold", "schedule"),
    ("convene", "schedule"),
    ("find funds", "find_resources"),
    ("find resources", "find_resources"),
    ("seek funding", "find_resources"),
    ("raise funds", "find_resources"),
]
LEADING_ADVERBS = {
    "всемерно", "активно", "также", "далее", "впредь", "всесторонне", "и", "ежегодно",
    "постоянно", "регулярно",
    "to", "also", "further", "actively", "fully", "and",
}  # fmt: skip
# Kyrgyz puts the verb last («…отчёт берүүнү сунуштоо»): the last verb of the first sentence.
KIND_BY_VERB_KY = [
    (r"ыраазычылык", "thank"),
    (r"сунушт\w*|сунуш\s+кыл\w*", "recommend"),
    (r"колдоо\w*|колдо[сй]\w*", "support"),
    (r"бекит\w*|жактыр\w*", "approve"),
    (r"улант\w*", "continue"),
    (r"өткөр\w*|чакыр\w*", "schedule"),
    (r"белгиле\w*|белгилөө\w*", "note"),
    (r"каражат\s+(?:табуу|издөө|издеп)\w*", "find_resources"),
]
UNTRACKED_KINDS = {"note", "thank"}

# Deadlines, in each language: (pattern, what the groups mean). The first one in a decision wins.
_KY_YEAR = r"(\d{4})\s*-?\s*ж(?:ылдын|ылы|ыл|\.)"
DEADLINES = [
    (rf"(?:до|не\s+позднее|не\s+позже|к)\s+(\d{{1,2}})\s+({MONTH})\s+(\d{{4}})", "day"),
    (r"(?:до|не\s+позднее|не\s+позже|к)\s+(\d{1,2})\.(\d{1,2})\.(\d{4})", "numeric_day"),
    (r"до\s+конца\s+(\d{4})", "year"),
    (r"в\s+течение\s+(\d{4})\s*[-–—]\s*(\d{4})", "years"),
    (r"в\s+течение\s+(\d{4})", "year"),
    (r"\bв(?:о)?\s+(I{1,3}|IV|[1-4])(?:-?м)?\s+квартале\s+(\d{4})", "quarter"),
    (rf"\bв(?:о)?\s+({MONTH})(?:\s*[-–—]\s*({MONTH}))?\s+(\d{{4}})", "months"),
    (_KY_YEAR + rf"\s+(\d{{1,2}})\s*-?\s*({MONTH})", "ky_day"),
    (rf"(\d{{1,2}})\s*-\s*({MONTH})\s+(\d{{4}})\s*-?\s*ж\.?\s*(?:чейин|калтырбай)", "day"),
    (_KY_YEAR + r"?\s+аягына\s+чейин", "year"),
    (r"(\d{4})\s*-?\s*жыл(?:ы|дын)?\s+ичинде", "year"),
    (_KY_YEAR + r"\s+(I{1,3}|IV|[1-4])\s*-?\s*чейре\w*", "ky_quarter"),
    (_KY_YEAR + rf"\s+({MONTH})(?:\s*[-–—]\s*({MONTH}))?", "ky_months"),
    (
        rf"(?:by|no\s+later\s+than|not\s+later\s+than|before)\s+(\d{{1,2}})\s+({MONTH_EN})\s+(\d{{4}})",
        "day",
    ),
    (
        rf"(?:by|no\s+later\s+than|not\s+later\s+than|before)\s+({MONTH_EN})\s+(\d{{1,2}}),?\s+(\d{{4}})",
        "en_month_day",
    ),
    (r"by\s+the\s+end\s+of\s+(\d{4})", "year"),
    (r"(?:during|within|throughout|in\s+the\s+course\s+of)\s+(\d{4})", "year"),
    (r"in\s+the\s+(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+of\s+(\d{4})", "quarter"),
    (rf"\bin\s+({MONTH_EN})(?:\s*[-–—]\s*({MONTH_EN}))?\s+(\d{{4}})", "months"),
]
DEADLINE_PATTERNS = [(re.compile(p, re.IGNORECASE), form) for p, form in DEADLINES]
YEARLY = re.compile(
    r"\bежегодно\b|\bкаждый\s+год\b|\bжыл\s+сайын\b|\bannually\b|\bevery\s+year\b|\byearly\b",
    re.IGNORECASE,
)
PERMANENT = re.compile(
    r"\bпостоянно\b|\bна\s+постоянной\s+основе\b|\bтуруктуу\b|\bpermanently\b|\bongoing\b"
    r"|\bon\s+a\s+permanent\s+basis\b|\bcontinuously\b",
    re.IGNORECASE,
)

CITY_WORD = r"[А-ЯЁӨҮҢ][а-яёөүң]+(?:-[А-ЯЁӨҮҢ][а-яёөүң]+)?"
CITY_WORD_EN = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
CITY_RU = re.compile(r"\bг(?:\.|ор\.)\s*(" + CITY_WORD + r")")
CITY_KY = re.compile(r"(" + CITY_WORD + r")\s+(?:ш\.|шаар)")
CITY_EN_AFTER_DATE = re.compile(r"\d{4},?\s+(" + CITY_WORD_EN + r")\b")
CITY_EN = re.compile(r"\b(?:in|at)\s+(?:the\s+city\s+of\s+)?(" + CITY_WORD_EN + r")\b")
CITY_EN_BEFORE_DATE = re.compile(r"(?:^|\()(" + CITY_WORD_EN + r"),\s+\d")
# Where a decision holds the next conference: «в г. Бишкеке», «Бишкек шаарында», "in Bishkek".
HELD_IN_RU = re.compile(r"\bв\s+(?:г\.\s*|городе\s+)?(" + CITY_WORD + r")")

# Field limits of the records a resolution becomes (models.py), checked before anything is saved.
# A decision's text has no database limit: one this long means the items were not told apart.
LIMITS = {"title": 255, "city": 100, "decision_text": 10_000, "due": 32}

BULLET = re.compile(
    r"^(?P<indent>\s*)(?:[-*•–—]|(?P<number>\d{1,3}|" + ROMAN + r")[.)])\s+(?P<text>\S.*)$"
)
SUB_ITEM = re.compile(r"^\s*(?:[а-яa-z]\)|\d{1,3}\.\d{1,3}\.?)\s+\S")
FOOTER = re.compile(r"^\s*(?:принят[оа]?|кабыл\s+алын\w*|adopted)\b", re.IGNORECASE)
PREAMBLE_END = re.compile(
    r"постановил|решил|чечим\s+кылд|токтом\s+кылд|чечти|\bresolve[sd]?\b|\bdecide[sd]?\b",
    re.IGNORECASE,
)
DATE_PATTERNS = [
    (re.compile(_KY_YEAR + rf"\s+(\d{{1,2}})\s*-?\s*({MONTH})", re.IGNORECASE), "ymd"),
    (re.compile(rf"(\d{{1,2}})\s*-?\s*({MONTH})\s+(\d{{4}})", re.IGNORECASE), "dmy"),
    (re.compile(rf"(\d{{1,2}})\s+({MONTH_EN})\s+(\d{{4}})", re.IGNORECASE), "dmy"),
    (re.compile(rf"({MONTH_EN})\s+(\d{{1,2}}),?\s+(\d{{4}})", re.IGNORECASE), "mdy"),
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"), "numeric"),
]
CONFERENCE_NUMBER = re.compile(
    r"\b(" + ROMAN_CAPITALS + r")\s+(?:[\w-]+\s+){0,2}(?i:конференци|conference)"
)
TITLE = re.compile(r"«(.+?)»|“(.+?)”|\"(.+?)\"")


@dataclass
class ParsedDecision:
    number: int
    text: str
    kind: str
    needs_review: bool = False
    due: PartialDate | None = None  # read from the text: «до 1 сентября 2023 г.»
    recurrence: str = ""  # "", "yearly" or "permanent" (models.Recurrence)
    schedules_conference: int | None = None
    scheduled_dates: PartialDate | None = None
    scheduled_city: str = ""  # in the text's language, nominative: «Бишкек»

    @property
    def tracked(self) -> bool:
        return self.kind not in UNTRACKED_KINDS


@dataclass
class ParsedResolution:
    text: str = ""  # as read, kept with the resolution
    language: str = "ru"  # "ru", "ky" or "en": the decisions go to text_<language>
    conference_number: int | None = None
    title: str = ""
    adopted_on: date | None = None
    place: str = ""
    preamble: str = ""
    decisions: list[ParsedDecision] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors


class UnreadableFile(ValueError):
    """A file whose characters cannot be read; the message says how to save it."""


def decode(data: bytes) -> str:
    """A text file's characters: UTF-8 or UTF-16 (with or without their marks), else the older
    Russian encodings Windows-1251 or KOI8-R, told apart by which one gives Russian words."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableFile(_not_text()) from None
    if b"\x00" in data:
        # UTF-16 saved without its mark (its Cyrillic bytes would even pass for UTF-8).
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                candidate = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _plausible(candidate):
                return candidate
        raise UnreadableFile(_not_text())
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    candidates = []
    for encoding in ("cp1251", "koi8-r"):
        try:
            candidates.append(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    candidates = [text for text in candidates if _russian_score(text) > 0.3]
    if not candidates:
        raise UnreadableFile(_not_text())
    return max(candidates, key=_russian_score)


def _plausible(text: str) -> bool:
    """Mostly letters, digits, spaces and punctuation of Latin and Cyrillic: a real text."""
    usual = sum(
        ch.isspace() or " " <= ch <= "~" or "\u0400" <= ch <= "\u04ff" or ch in "«»–—“”„…№"
        for ch in text
    )
    return bool(text) and usual >= 0.95 * len(text)


def _russian_score(text: str) -> float:
    """How much of the text's letters are the common lowercase Russian ones."""
    letters = sum(ch.isalpha() for ch in text) or 1
    return sum(ch in "оеаинтсрвлкмдп" for ch in text) / letters


def _not_text() -> str:
    return _(
        "The file's characters cannot be read. Open it in a text editor or Word and save it "
        "as plain text in UTF-8 (“Save as” → “Plain text (.txt)”, encoding “UTF-8”), then "
        "upload it again — or paste the text instead."
    )


def roman_to_int(value: str) -> int | None:
    letters = value.translate(ROMAN_LOOKALIKES).upper()
    if not letters or any(c not in ROMAN_VALUES for c in letters):
        return None
    total = 0
    for current, following in zip(letters, letters[1:] + " ", strict=True):
        value_now = ROMAN_VALUES[current]
        total += (
            -value_now if following != " " and ROMAN_VALUES[following] > value_now else value_now
        )
    return total if int_to_roman(total) == letters else None


def int_to_roman(number: int) -> str:
    result = ""
    for value, letters in [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]:  # fmt: skip
        while number >= value:
            result, number = result + letters, number - value
    return result


def _plain(line: str) -> str:
    """A Markdown line without headings, emphasis and trailing hard breaks."""
    line = re.sub(r"^\s*#{1,6}\s*", "", line)
    line = re.sub(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1", r"\2", line)
    return line.replace("\\", "").rstrip()


def detect_language(text: str) -> str:
    """ "en" when Latin letters outnumber Cyrillic ones; "ky" when the Kyrgyz letters ө, ү, ң
    are common (a Russian text may quote a Kyrgyz name or two); else "ru"."""
    latin = len(re.findall(r"[A-Za-z]", text))
    cyrillic = len(re.findall(r"[А-Яа-яЁёӨөҮүҢң]", text))
    if latin > cyrillic:
        return "en"
    kyrgyz = len(re.findall(r"[ӨөҮүҢң]", text))
    return "ky" if kyrgyz >= 3 and kyrgyz * 100 >= cyrillic else "ru"


def detect_kind(text: str, language: str = "") -> tuple[str, bool]:
    """The decision's kind from its leading verb (in Kyrgyz, its last verb), and whether a
    person should check it."""
    if (language or detect_language(text)) == "ky":
        return _detect_kind_ky(text)
    words = re.findall(r"[а-яёa-z]+", text.lower())
    while words and words[0] in LEADING_ADVERBS:
        words = words[1:]
    start = " ".join(words[:3])
    for prefix, kind in KIND_BY_VERB:
        if start.startswith(prefix):
            return kind, False
    return "other", True


def _detect_kind_ky(text: str) -> tuple[str, bool]:
    # The first sentence; «2023-ж.» and «Ош ш.» are abbreviations, not its end.
    sentence = re.split(r"(?<![жш])[.;](?:\s|$)|:\s|\n", text.strip(), maxsplit=1)[0].lower()
    if sentence.startswith("биргелеш"):
        return "joint_action", False
    found = []
    for pattern, kind in KIND_BY_VERB_KY:
        found += [
            (match.start(), kind) for match in re.finditer(r"\b(?:" + pattern + ")", sentence)
        ]
    if not found:
        return "other", True
    return max(found)[1], False


def _month(word: str) -> int | None:
    word = word.lower()
    if word in MONTHS_EN:
        return MONTHS_EN.index(word) + 1
    for stem, number in MONTH_STEMS:
        if re.match(stem, word):
            return number
    return None


def parse_date(text: str) -> date | None:
    """The first full date in the text: «2 апреля 2021 г.», «2023-жылдын 15-мартында»,
    «15-март 2023-ж.», "15 March 2023", "March 15, 2023", «02.04.2021»."""
    found = []
    for pattern, order in DATE_PATTERNS:
        for match in pattern.finditer(text):
            if order == "ymd":
                year, day, month = match[1], match[2], _month(match[3])
            elif order == "dmy":
                day, month, year = match[1], _month(match[2]), match[3]
            elif order == "mdy":
                month, day, year = _month(match[1]), match[2], match[3]
            else:
                day, month, year = match[1], int(match[2]), match[3]
            try:
                found.append((match.start(), date(int(year), month, int(day))))
            except (TypeError, ValueError):
                continue
    return min(found)[1] if found else None


def read_deadline(text: str) -> tuple[PartialDate | None, str]:
    """The due date and the recurrence a decision's text gives («до 1 сентября 2023 г.»,
    «2022-жыл ичинде», "by the end of 2023"; «ежегодно», «туруктуу», "permanently")."""
    found = []
    for pattern, form in DEADLINE_PATTERNS:
        for match in pattern.finditer(text):
            try:
                value = _deadline(form, match)
            except (KeyError, TypeError, ValueError):
                continue
            if value is not None:
                found.append((match.start(), -len(match[0]), value))
    due = min(found, key=lambda f: (f[0], f[1]))[2] if found else None
    repeats = [(m.start(), "yearly") for m in YEARLY.finditer(text)]
    repeats += [(m.start(), "permanent") for m in PERMANENT.finditer(text)]
    return due, (min(repeats)[1] if repeats else "")


def _deadline(form: str, match: re.Match) -> PartialDate | None:
    if form == "day":
        return PartialDate(int(match[3]), _month(match[2]), int(match[1]))
    if form == "numeric_day":
        return PartialDate(int(match[3]), int(match[2]), int(match[1]))
    if form == "en_month_day":
        return PartialDate(int(match[3]), _month(match[1]), int(match[2]))
    if form == "ky_day":
        return PartialDate(int(match[1]), _month(match[3]), int(match[2]))
    if form == "year":
        return PartialDate(int(match[1]))
    if form == "years":
        return PartialDate(int(match[1]), end=PartialDate(int(match[2])))
    if form in ("quarter", "ky_quarter"):
        quarter, year = (match[1], match[2]) if form == "quarter" else (match[2], match[1])
        first = (QUARTERS[quarter.lower()] - 1) * 3 + 1
        return PartialDate(int(year), first, end=PartialDate(int(year), first + 2))
    if form == "months":
        first, last, year = match[1], match[2], match[3]
    else:  # ky_months: «2024-жылдын март–апрель айларында»
        year, first, last = match[1], match[2], match[3]
    start = PartialDate(int(year), _month(first))
    end = PartialDate(int(year), _month(last)) if last else start
    return start if end == start else PartialDate(start.year, start.month, end=end)


def city_names(name: str, language: str = "ru") -> dict[str, str]:
    """A city's name in each language, by any of its names (core.cities); an unknown city keeps
    the name given, in its own language only."""
    if city := cities.find(name):
        return {"ru": city.ru, "ky": city.ky, "en": city.en}
    return {language: name} if name else {}


def _known_city(name: str) -> bool:
    return cities.find(name) is not None


def read_held_in(text: str, language: str) -> str:
    """The city a decision holds something in, nominative: «в г. Бишкеке» → «Бишкек»,
    «Ош шаарында» → «Ош», "in Bishkek" → "Bishkek". Empty when the text names none."""
    if language == "en":
        # "in Bishkek", "in the city of Kant": not "in April", nor "in Kyrgyzstan".
        for match in CITY_EN.finditer(text):
            if _known_city(match[1]) or "city of" in match[0]:
                return match[1]
        return ""
    if language == "ky" and (match := CITY_KY.search(text)):
        return match[1]
    for match in HELD_IN_RU.finditer(text):
        word = match[1]
        if _known_city(word):
            return city_names(word)["ru"]
        if "г." in match[0] or "городе" in match[0]:
            # A city not in our list: drop the locative's «е» («в г. Кочкоре» → «Кочкор»).
            return word[:-1] if word.endswith("е") else word
    return ""


def parse(
    text: str, *, conference_number: int | None = None, force: bool = False
) -> ParsedResolution:
    """Read the text. ``conference_number`` stands in for a number the text does not give; one
    that disagrees with the text's is an error unless ``force`` (then the given one is used)."""
    result = ParsedResolution(text=text or "")
    lines = [_plain(line) for line in (text or "").replace("\r\n", "\n").split("\n")]
    if not any(line.strip() for line in lines):
        result.errors.append(
            _("The text is empty. Paste the adopted resolution or upload its file.")
        )
        return result
    result.language = language = detect_language(text)

    header, preamble, items, footer = [], [], [], []
    numbers: list[int | None] = []
    for line in lines:
        if re.fullmatch(r"\s*<!--.*-->\s*", line):
            continue  # an HTML comment in Markdown: a note about the file, not the resolution
        if not line.strip():
            if items and items[-1][-1] != "":
                items[-1].append("")  # a blank line ends an item's paragraph, not the item
            continue
        if (items or preamble) and _is_footer(line):
            footer.append(line.strip())
            continue
        bullet = BULLET.match(line)
        if (
            bullet
            and not footer
            and not (items and SUB_ITEM.match(line))
            and not (items and len(bullet["indent"]) >= 2)
        ):
            number = bullet["number"]
            numbers.append(
                int(number)
                if number and number.isdigit()
                else roman_to_int(number)
                if number
                else None
            )
            items.append([bullet["text"].strip()])
        elif items:
            if footer:
                footer.append(line.strip())
            else:
                # A continuation, or a nested sub-item: both belong to the current decision.
                stripped = BULLET.sub(lambda m: "— " + m["text"], line).strip()
                items[-1].append(stripped)
        elif PREAMBLE_END.search(line) or preamble:
            preamble.append(line.strip())
        else:
            header.append(line.strip())

    # A preamble without the word "ПОСТАНОВИЛИ": the longest header paragraph before the items.
    if not preamble and header:
        preamble = [header.pop()]
    head_text = " ".join(header)
    all_text = " ".join(header + preamble + footer)

    number = CONFERENCE_NUMBER.search(head_text) or CONFERENCE_NUMBER.search(all_text)
    _set_number(result, roman_to_int(number[1]) if number else None, conference_number, force)
    title = TITLE.search(head_text) or TITLE.search(" ".join(preamble))
    result.title = next(group for group in title.groups() if group).strip() if title else ""
    footer_text = " ".join(footer)
    result.adopted_on = parse_date(footer_text) or parse_date(head_text)
    result.place = _place(footer_text, language) or _place(head_text, language)
    result.preamble = " ".join(preamble).strip()

    for index, item in enumerate(items, start=1):
        paragraphs = "\n".join(item).strip()
        text = re.sub(r"[ \t]+", " ", paragraphs)
        kind, review = detect_kind(text, language)
        decision = ParsedDecision(number=index, text=text, kind=kind, needs_review=review)
        decision.due, decision.recurrence = read_deadline(text)
        if kind == "schedule" and (scheduled := CONFERENCE_NUMBER.search(text)):
            decision.schedules_conference = roman_to_int(scheduled[1])
            decision.scheduled_dates = decision.due
            decision.scheduled_city = read_held_in(text, language)
        result.decisions.append(decision)

    _check(result, numbers)
    return result


def _is_footer(line: str) -> bool:
    """«Принято 2 апреля 2021 года, г. Бишкек», «г. Ош, 15 марта 2023 г.», «Бишкек ш.,
    2023-жылдын 15-марты», "Bishkek, 15 March 2023": a line with the adoption's place and date."""
    if FOOTER.match(line):
        return True
    stripped = line.strip().strip("*_()")
    if len(stripped) > 80 or parse_date(stripped) is None:
        return False
    return bool(
        re.match(r"г\.\s*" + CITY_WORD, stripped)
        or re.match(CITY_WORD + r"\s+(?:ш\.|шаары)", stripped)
        or re.match(CITY_WORD_EN + r",\s+\d", stripped)
    )


def _place(text: str, language: str) -> str:
    patterns = [CITY_RU, CITY_KY]
    if language == "en":
        patterns += [CITY_EN_AFTER_DATE, CITY_EN_BEFORE_DATE, CITY_EN]
    for pattern in patterns:
        for match in pattern.finditer(text):
            if match[1].lower() not in MONTHS_EN:
                # «Принято … в г. Оше»: a known city's locative gives its name.
                return city_names(match[1], language).get(language, match[1])
    return ""


def _set_number(result: ParsedResolution, in_text: int | None, given: int | None, force: bool):
    result.conference_number = given or in_text
    if given and in_text and given != in_text:
        if force:
            result.warnings.append(
                _("The text says %(text)s; the number %(given)s you gave is used.")
                % {"text": int_to_roman(in_text), "given": given}
            )
        else:
            result.errors.append(
                _(
                    "The text says %(text)s, you gave %(given)s. Correct the number, or confirm "
                    "that yours is right (“use my number”)."
                )
                % {"text": int_to_roman(in_text), "given": given}
            )


def _check(result: ParsedResolution, numbers: list[int | None]) -> None:
    if not result.decisions:
        result.errors.append(
            _(
                "No decisions were found. Each decision must start on its own line with “-”, “•” or a number such as “1.”."
            )
        )
        return
    if result.conference_number is None:
        result.errors.append(
            _(
                "The conference's number was not found. Write it as a Roman numeral, e.g. “XII страновой конференции”."
            )
        )
    if result.adopted_on is None:
        result.errors.append(
            _(
                "The date of adoption was not found. Add a line such as “Принято 2 апреля 2021 года, г. Бишкек”."
            )
        )
    given = [n for n in numbers if n is not None]
    if given:
        missing = sorted(set(range(1, max(given) + 1)) - set(given))
        if missing:
            result.warnings.append(
                _("The numbering skips item(s) %(numbers)s: check that no decision was lost.")
                % {"numbers": ", ".join(map(str, missing))}
            )
        repeated = sorted({n for n in given if given.count(n) > 1})
        if repeated:
            result.errors.append(
                _("Item number(s) %(numbers)s appear more than once.")
                % {"numbers": ", ".join(map(str, repeated))}
            )
    _check_limits(result)
    seen = {}
    for decision in result.decisions:
        key = re.sub(r"\W+", " ", decision.text.lower()).strip()
        if key in seen:
            result.errors.append(
                _("Decisions %(first)s and %(second)s have the same text.")
                % {"first": seen[key], "second": decision.number}
            )
        seen.setdefault(key, decision.number)
        if decision.needs_review:
            result.warnings.append(
                _(
                    "Decision %(number)s: its kind was not recognised from the first word; it is set to “other” — check it."
                )
                % {"number": decision.number}
            )


def _check_limits(result: ParsedResolution) -> None:
    """Nothing longer than its field reaches the database (SQLite would store it, PostgreSQL
    would refuse it with a DataError)."""
    values = [
        (_("The conference's title"), result.title, LIMITS["title"]),
        (_("The place of adoption"), result.place, LIMITS["city"]),
    ]
    for decision in result.decisions:
        number = {"number": decision.number}
        values += [
            (_("The text of decision %(number)s") % number, decision.text, LIMITS["decision_text"]),
            (
                _("The city of the conference scheduled by decision %(number)s") % number,
                decision.scheduled_city,
                LIMITS["city"],
            ),
            (
                _("The due date of decision %(number)s") % number,
                str(decision.due) if decision.due else "",
                LIMITS["due"],
            ),
        ]
    for name, value, limit in values:
        if len(value) > limit:
            result.errors.append(
                _(
                    "%(field)s is too long: %(length)s characters, at most %(limit)s are allowed. "
                    "Shorten it in the text."
                )
                % {"field": name, "length": len(value), "limit": limit}
            )
