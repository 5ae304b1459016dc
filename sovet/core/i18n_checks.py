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
        self.skip = 0

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
                self.texts.append((effective, attrs[name]))

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template", "head"):
            self.skip = max(0, self.skip - 1)
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.texts.append((self._lang(), data.strip()))


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
