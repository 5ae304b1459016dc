"""Reading an adopted resolution from its text (Markdown or plain text, as the Council writes it).

Pure parsing, no database: ``parse(text)`` returns what was found — conference number, title,
date, place, preamble and the numbered decisions with their kinds — and the problems, as
translated sentences. ``services.resolution_create`` turns a clean result into records.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from sovet.core.partial_dates import PartialDate

# Cyrillic letters that look like Latin Roman numerals ("ХII" is typed with a Cyrillic Х).
ROMAN_LOOKALIKES = str.maketrans(
    {"Х": "X", "х": "X", "І": "I", "і": "I", "С": "C", "с": "C", "М": "M", "м": "M", "Ⅴ": "V"}
)
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
ROMAN = r"[IVXLCDMХхІіСсМм]+"

MONTHS_GENITIVE = {
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}  # fmt: skip
MONTHS_PREPOSITIONAL = {
    "январе": 1, "феврале": 2, "марте": 3, "апреле": 4, "мае": 5, "июне": 6, "июле": 7,
    "августе": 8, "сентябре": 9, "октябре": 10, "ноябре": 11, "декабре": 12,
}  # fmt: skip

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
]
LEADING_ADVERBS = {"всемерно", "активно", "также", "далее", "впредь", "всесторонне", "и"}
UNTRACKED_KINDS = {"note", "thank"}

BULLET = re.compile(
    r"^(?P<indent>\s*)(?:[-*•–—]|(?P<number>\d{1,3}|" + ROMAN + r")[.)])\s+(?P<text>\S.*)$"
)
SUB_ITEM = re.compile(r"^\s*(?:[а-яa-z]\)|\d{1,3}\.\d{1,3}\.?)\s+\S")
FOOTER = re.compile(r"^\s*принят[оа]?\b", re.IGNORECASE)
DATE_RU = re.compile(r"(\d{1,2})\s+(" + "|".join(MONTHS_GENITIVE) + r")\s+(\d{4})", re.IGNORECASE)
NUMERIC_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
CITY = re.compile(r"\bг\.\s*([А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё]+)?)")
CONFERENCE_NUMBER = re.compile(r"\b(" + ROMAN + r")\s+(?:\w+\s+){0,2}конференци", re.IGNORECASE)
TITLE = re.compile(r"«(.+?)»")
SCHEDULED_PERIOD = re.compile(
    r"в\s+("
    + "|".join(MONTHS_PREPOSITIONAL)
    + r")(?:\s*[-–—]\s*("
    + "|".join(MONTHS_PREPOSITIONAL)
    + r"))?\s+(\d{4})",
    re.IGNORECASE,
)


@dataclass
class ParsedDecision:
    number: int
    text: str
    kind: str
    needs_review: bool = False
    schedules_conference: int | None = None
    scheduled_dates: PartialDate | None = None

    @property
    def tracked(self) -> bool:
        return self.kind not in UNTRACKED_KINDS


@dataclass
class ParsedResolution:
    text: str = ""  # as read, kept with the resolution
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


def detect_kind(text: str) -> tuple[str, bool]:
    """The decision's kind from its leading verb, and whether a person should check it."""
    words = re.findall(r"[а-яёa-z]+", text.lower())
    while words and words[0] in LEADING_ADVERBS:
        words = words[1:]
    start = " ".join(words[:3])
    for prefix, kind in KIND_BY_VERB:
        if start.startswith(prefix):
            return kind, False
    return "other", True


def parse_russian_date(text: str) -> date | None:
    match = DATE_RU.search(text)
    if match:
        day, month, year = int(match[1]), MONTHS_GENITIVE[match[2].lower()], int(match[3])
    elif match := NUMERIC_DATE.search(text):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse(text: str, *, conference_number: int | None = None) -> ParsedResolution:
    """Read the text; ``conference_number`` stands in for a number the text does not give."""
    result = ParsedResolution(text=text or "")
    lines = [_plain(line) for line in (text or "").replace("\r\n", "\n").split("\n")]
    if not any(line.strip() for line in lines):
        result.errors.append(
            _("The text is empty. Paste the adopted resolution or upload its file.")
        )
        return result

    header, preamble, items, footer = [], [], [], []
    numbers: list[int | None] = []
    for line in lines:
        if not line.strip():
            if items and items[-1][-1] != "":
                items[-1].append("")  # a blank line ends an item's paragraph, not the item
            continue
        if FOOTER.match(line) and (items or preamble):
            footer.append(line.strip())
            continue
        bullet = BULLET.match(line)
        if (
            bullet
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
        elif re.search(r"постановил|решил", line, re.IGNORECASE) or preamble:
            preamble.append(line.strip())
        else:
            header.append(line.strip())

    # A preamble without the word "ПОСТАНОВИЛИ": the longest header paragraph before the items.
    if not preamble and header:
        preamble = [header.pop()]
    head_text = " ".join(header)
    all_text = " ".join(header + preamble + footer)

    number = CONFERENCE_NUMBER.search(head_text) or CONFERENCE_NUMBER.search(all_text)
    result.conference_number = conference_number or (roman_to_int(number[1]) if number else None)
    title = TITLE.search(head_text) or TITLE.search(" ".join(preamble))
    result.title = title[1].strip() if title else ""
    result.adopted_on = parse_russian_date(" ".join(footer)) or parse_russian_date(head_text)
    city = CITY.search(" ".join(footer)) or CITY.search(head_text)
    result.place = city[1] if city else ""
    result.preamble = " ".join(preamble).strip()

    for index, item in enumerate(items, start=1):
        paragraphs = "\n".join(item).strip()
        text = re.sub(r"[ \t]+", " ", paragraphs)
        kind, review = detect_kind(text)
        decision = ParsedDecision(number=index, text=text, kind=kind, needs_review=review)
        if kind == "schedule" and (scheduled := CONFERENCE_NUMBER.search(text)):
            decision.schedules_conference = roman_to_int(scheduled[1])
            if period := SCHEDULED_PERIOD.search(text):
                first, last, year = (
                    period[1].lower(),
                    (period[2] or period[1]).lower(),
                    int(period[3]),
                )
                start = PartialDate(year, MONTHS_PREPOSITIONAL[first])
                end = PartialDate(year, MONTHS_PREPOSITIONAL[last])
                decision.scheduled_dates = (
                    start if start == end else PartialDate(year, start.month, end=end)
                )
        result.decisions.append(decision)

    _check(result, numbers)
    return result


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
