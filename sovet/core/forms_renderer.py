"""Django's form renderer, with its simplest widget templates written in Python.

Each ``{{ field }}`` renders a template (and ``input.html`` and ``attrs.html`` inside it, and a
template per option of a select): a form of eight fields took a few milliseconds of every page
that shows one. The markup is the templates' own, to the character (tested in
``core/tests/test_forms_renderer.py``); any other widget, and any template a project overrides,
goes through the templates as before.
"""

from django.forms.renderers import DjangoTemplates
from django.template import TemplateDoesNotExist
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

WIDGETS = "django/forms/widgets/"
# Templates that are ``{% include "django/forms/widgets/input.html" %}`` and a line end.
INPUTS = {
    f"{WIDGETS}{name}.html"
    for name in (
        "text",
        "email",
        "number",
        "url",
        "password",
        "hidden",
        "search",
        "tel",
        "date",
        "datetime",
        "time",
        "checkbox",
        "color",
    )
}


def _attrs(attrs: dict) -> str:
    return "".join(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    value = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
    return (
        format_html('<input type="{}" name="{}"', widget["type"], widget["name"])
        + value
        + _attrs(widget["attrs"])
        + ">\n"
    )


def _textarea(widget: dict) -> str:
    value = conditional_escape(widget["value"]) if widget["value"] else ""
    return (
        format_html('<textarea name="{}"', widget["name"])
        + _attrs(widget["attrs"])
        + (f">\n{value}</textarea>\n")
    )


def _select(widget: dict) -> str:
    parts = [format_html('<select name="{}"', widget["name"]), _attrs(widget["attrs"]), ">"]
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        for option in options:
            parts += [
                format_html('\n  <option value="{}"', option["value"]),
                _attrs(option["attrs"]),
                format_html(">{}</option>\n", option["label"]),
            ]
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


QUICK = {
    **{name: lambda widget: _input(widget) + "\n" for name in INPUTS},
    f"{WIDGETS}textarea.html": _textarea,
    f"{WIDGETS}select.html": _select,
}


class QuickRenderer(DjangoTemplates):
    """``FORM_RENDERER``: the widgets above in Python while their templates are Django's own."""

    def render(self, template_name, context, request=None):
        quick = QUICK.get(template_name)
        if quick is not None and self._is_djangos(template_name):
            # As Django's renderer does, without the templates' outer white space.
            return mark_safe(quick(context["widget"]).strip())  # noqa: S308 - escaped above
        return super().render(template_name, context, request=request)

    def _is_djangos(self, template_name: str) -> bool:
        found = self.__dict__.setdefault("_djangos", {})
        if template_name not in found:
            try:
                origin = self.get_template(template_name).origin.name
            except TemplateDoesNotExist:
                origin = ""
            found[template_name] = "/django/forms/templates/" in origin.replace("\\", "/")
        return found[template_name]
