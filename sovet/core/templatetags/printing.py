"""Tags of the printed pages (core.printing): typography and the page numbers' CSS. Kept free
of WeasyPrint, which every template check would otherwise import."""

import re

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from sovet.core import text

register = template.Library()


@register.filter
def typeset(value) -> str:
    """Russian print typography (core.text.typeset); the result is escaped as usual."""
    return text.typeset(str(value or ""))


@register.simple_tag
def page_numbers() -> str:
    """``content`` for a page margin box, translated: "стр. " counter(page) " из " counter(pages)."""
    parts = re.split(r"(%\(pages?\)s)", gettext("page %(page)s of %(pages)s"))
    counters = {"%(page)s": "counter(page)", "%(pages)s": "counter(pages)"}
    content = " ".join(counters.get(part) or css_string(part) for part in parts if part)
    return mark_safe(content)  # noqa: S308 - counters and quoted, escaped strings


@register.filter
def css_string(value) -> str:
    """The text as a quoted CSS string, for ``content`` in a <style>."""
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
    return mark_safe(f'"{escaped}"')  # noqa: S308 - quoted and escaped
