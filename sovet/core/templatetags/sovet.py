"""Template helpers shared by every app: language links, menus, breadcrumbs, per-language
record fields and their fallback notice, cities."""

from django import template
from django.conf import settings
from django.template.backends.utils import csrf_input
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from wagtail.models import Locale, Page

from sovet.core import cities, fragments, private_files, reach
from sovet.core.i18n import language_of
from sovet.core.i18n import number as format_number
from sovet.core.serving import find_site

register = template.Library()


@register.inclusion_tag("core/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this same page in every language (its translation, or the same view)."""
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    urls = {}
    if isinstance(page, Page):
        site = find_site(request)
        urls = fragments.cached(
            "translations",
            page.pk,
            site.pk if site else None,
            compute=lambda: {
                translated.locale.language_code: translated.get_url(request)
                for translated in page.get_translations(inclusive=True)
                .live()
                .select_related("locale")
            },
        )
    links = []
    for code, name in settings.LANGUAGES:
        url = urls.get(code) or translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return {"links": links}


def _root(request):
    site = find_site(request)
    root = site.root_page if site else None
    if root is not None:
        root = root.get_translation_or_none(Locale.get_active()) or root
    return root


@register.simple_tag(takes_context=True)
def site_root(context):
    """The home page in the active language (cached on the request)."""
    request = context["request"]
    if not hasattr(request, "_sovet_home"):
        request._sovet_home = _root(request)
    return request._sovet_home


MENU_FIELDS = ("title", "url_path", "locale", "alias_of", "path", "depth")


def _menu(request) -> dict:
    """The home page's address and the menu's pages as plain data (see ``main_menu``)."""
    home = _root(request)
    if home is None:
        return {"home_url": "/", "menu": []}
    pages = list(
        Page.objects.descendant_of(home)
        .filter(depth__in=(home.depth + 1, home.depth + 2))
        .live()
        .in_menu()
        .public()
        .only(*MENU_FIELDS)
        .order_by("path")
    )

    def item(page):
        return {
            "pk": page.pk,
            "url": page.get_url(request),
            "title": page.title,
            "alias_of_id": page.alias_of_id,
            "menu_children": [],
        }

    items = {page.path: item(page) for page in pages}
    menu = []
    for page in pages:
        if page.depth == home.depth + 1:
            menu.append(items[page.path])
        else:
            parent = items.get(page.path[: -Page.steplen])
            if parent:
                parent["menu_children"].append(items[page.path])
    return {"home_url": home.get_url(request) or "/", "menu": menu}


@register.simple_tag(takes_context=True)
def site_header(context):
    """The home page's address (``home_url``) and the main menu (``menu``): the live children of
    the home page that ask to be in menus, each with its own such children as ``menu_children``
    (the memorial places under the memory archive); each item a dict of ``pk``, ``url``,
    ``title``, ``alias_of_id``. Kept per site and language until the content changes."""
    request = context["request"]
    if not hasattr(request, "_sovet_header"):
        site = find_site(request)
        request._sovet_header = fragments.cached(
            "header",
            site.pk if site else None,
            translation.get_language(),
            compute=lambda: _menu(request),
        )
    return request._sovet_header


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The main menu's items (see ``site_header``)."""
    return site_header(context)["menu"]


class FragmentNode(template.Node):
    def __init__(self, name, vary_on, nodelist, seconds=None, anonymous=False):
        self.name, self.vary_on, self.nodelist, self.seconds = name, vary_on, nodelist, seconds
        self.anonymous = anonymous

    def render(self, context):
        request = context.get("request")
        user = getattr(request, "user", None)
        if self.anonymous and (user is None or user.is_authenticated):
            return self.nodelist.render(context)
        parts = [value.resolve(context) for value in self.vary_on]
        html = fragments.cached(
            "template:" + self.name,
            *parts,
            compute=lambda: str(self.nodelist.render(context)),
            seconds=self.seconds,
        )
        return mark_safe(html)  # noqa: S308 - our own template's output, kept as rendered


@register.tag
def fragment(parser, token):
    """``{% fragment "footer" LANGUAGE_CODE %}…{% endfragment %}``: the markup inside, kept until
    the content changes (core/fragments.py). Name every value it depends on after the name;
    ``every=300`` at the end for markup that also changes with time (upcoming events);
    ``anonymous`` for markup that may differ for someone signed in (kept for visitors only)."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    name = bits[1].strip("\"'")
    seconds, anonymous = None, False
    while bits[-1] == "anonymous" or bits[-1].startswith("every="):
        option = bits.pop()
        if option == "anonymous":
            anonymous = True
        else:
            seconds = int(option[len("every=") :])
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    vary_on = [parser.compile_filter(bit) for bit in bits[2:]]
    return FragmentNode(name, vary_on, nodelist, seconds, anonymous)


@register.inclusion_tag("core/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"crumbs": []}
    request = context["request"]
    site = find_site(request)

    def read():
        ancestors = (
            page.get_ancestors().filter(depth__gt=1).only("title", "url_path", "locale", "alias_of")
        )
        return [
            {"url": crumb.get_url(request), "title": crumb.title, "alias_of_id": crumb.alias_of_id}
            for crumb in ancestors
        ]

    return {
        "crumbs": fragments.cached("breadcrumbs", page.pk, site.pk if site else None, compute=read),
        "current": page,
        "DEFAULT_CONTENT_LANGUAGE": settings.LANGUAGE_CODE,
    }


@register.simple_tag(takes_context=True)
def form_token(context, anchor: str = ""):
    """``{% form_token "registration" %}`` instead of ``{% csrf_token %}`` in a form on a page
    that may be served from the page cache (core/page_cache.py), where a token would be another
    visitor's. The page as first shown has an empty token that core/js/sovet.js fills from
    /csrf/ when the form is used; without JavaScript a note links to ``?form=1``, the same page
    with the token in it (and never cached). A form shown again after a POST has its token."""
    request = context["request"]
    if request.method != "GET" or request.GET.get("form"):
        return csrf_input(request)
    query = request.GET.copy()
    query["form"] = "1"
    href = f"?{query.urlencode()}" + (f"#{anchor}" if anchor else "")
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="" data-form-token>'
        '<noscript><p class="notice" data-form-token-fallback>{}</p></noscript>',
        format_html(
            gettext('To send this form without JavaScript, <a href="{}">open it here</a>.'),
            href,
        ),
    )


@register.filter
def lang_of(instance, field_name: str) -> str:
    """The language a per-language field is shown in (for a ``lang`` attribute). It does not
    count a fallback: in a public template, ``{% lang_attr %}`` or ``{% translated %}``."""

    return language_of(instance, field_name)


# Fallbacks counted while a template renders, for ``{% fallback_notice %}``. Kept in the
# context's bottom dict, which every included template shares (render_context is per template).
_FALLBACKS = "_sovet_fallbacks"


def _active_language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE)[:2]


def note_fallback(context, language: str = settings.LANGUAGE_CODE) -> None:
    """Count a text shown in ``language`` instead of the page's, for the section's notice."""
    context.dicts[0].setdefault(_FALLBACKS, set()).add(language)


def _field(context, instance, field: str):
    value = getattr(instance, field, "") if instance is not None else ""
    if not value:
        return "", _active_language(), False
    language = language_of(instance, field)
    falls_back = language != _active_language()
    if falls_back:
        note_fallback(context, language)
    return value, language, falls_back


@register.simple_tag(takes_context=True)
def translated(context, instance, field: str):
    """``{% translated organization "name" %}``: a per-language field in the page's language;
    a text shown in Russian instead is wrapped in ``<span lang="ru">`` and counted for the
    section's ``{% fallback_notice %}``. ``{% translated obj "name" as name %}`` keeps it."""
    value, language, falls_back = _field(context, instance, field)
    if falls_back:
        return format_html('<span lang="{}">{}</span>', language, value)
    return value


@register.simple_tag(takes_context=True)
def lang_attr(context, instance, field: str):
    """``<p {% lang_attr event "description" %}>{{ event.description|linebreaksbr }}</p>``:
    the ``lang`` attribute of an element holding a per-language field (block content, a link),
    counting a fallback for the section's ``{% fallback_notice %}`` as ``{% translated %}``."""
    _value, language, _falls_back = _field(context, instance, field)
    return format_html('lang="{}"', language)


@register.simple_tag(takes_context=True)
def fallback_shown(context, language: str = settings.LANGUAGE_CODE):
    """``{% if text_fallback %}{% fallback_shown text_language %}{% endif %}``: count a text
    the view picked in another language (it prints nothing)."""
    if language and language != _active_language():
        note_fallback(context, language)
    return ""


@register.simple_tag(takes_context=True)
def fallback_notice(context):
    """``{% fallback_notice %}`` at the end of a page section: one discreet note when something
    in it was shown untranslated (``{% translated %}``, ``{% lang_attr %}``), then counting
    starts again for the next section. base.html has one at the end of ``<main>`` for the
    rest."""
    languages = context.dicts[0].pop(_FALLBACKS, set())
    if not languages:
        return ""
    html = render_to_string(
        "core/includes/fallback_notice.html",
        {"only_russian": languages <= {settings.LANGUAGE_CODE}},
    )
    return mark_safe(html.strip())  # noqa: S308 - our own template's output


@register.filter
def city(value, field: str = ""):
    """``{{ event.city|city }}``: a city's name, stored in Russian, as the page's language
    writes it (Бишкек, Bishkek; core/cities.py); a town not on the list stays as stored, marked
    ``lang="ru"`` on a Kyrgyz or English page. ``{{ conference|city:"city" }}`` reads a
    per-language field (the language it was found in marks an unknown town)."""
    if field:
        text = getattr(value, field, "") if value is not None else ""
        language = language_of(value, field) if text else settings.LANGUAGE_CODE
    else:
        text, language = value or "", settings.LANGUAGE_CODE
    if not text:
        return ""
    known = cities.find(str(text))
    if known is not None:
        return known.name(_active_language())
    if language != _active_language():
        return format_html('<span lang="{}">{}</span>', language, text)
    return text


@register.simple_tag
def private_file_url(url_name: str, file) -> str:
    """``{% private_file_url "memory_document" document.file %}``: where the view serves it."""
    return private_files.private_file_url(url_name, file)


@register.filter
def phone(value: str) -> str:
    """A stored phone number (E.164) as people read it: ``{{ report.reporter_phone|phone }}``."""
    return reach.phone_display(value) if value else ""


@register.filter
def number(value) -> str:
    """``{{ count|number }}``: thousands grouped as the active language writes them."""
    return format_number(value)
