"""Tags of the printed pages (core.printing): typography and the page numbers' CSS."""

from django import template
from django.utils.safestring import mark_safe

from sovet.core import printing

register = template.Library()


@register.filter
def typeset(text) -> str:
    """Russian print typography (core.printing.typeset); the result is escaped as usual."""
    return printing.typeset(str(text or ""))


@register.simple_tag
def page_numbers() -> str:
    """``content`` for a page margin box: "стр. " counter(page) " из " counter(pages)."""
    return mark_safe(printing.page_numbers())  # noqa: S308 - built from a quoted CSS string


@register.filter
def css_string(text) -> str:
    """The text as a quoted CSS string, for ``content`` in a <style>."""
    return mark_safe(printing.css_string(str(text)))  # noqa: S308 - quoted and escaped
