"""Template helpers shared by every app: language links, menus, breadcrumbs."""

from django import template
from django.conf import settings
from django.template.backends.utils import csrf_input
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext
from wagtail.models import Locale, Page, Site

from sovet.core import private_files, reach
from sovet.core.i18n import language_of
from sovet.core.i18n import number as format_number

register = template.Library()


@register.inclusion_tag("core/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this same page in every language (its translation, or the same view)."""
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    urls = {}
    if isinstance(page, Page):
        for translated in page.get_translations(inclusive=True).live().select_related("locale"):
            urls[translated.locale.language_code] = translated.get_url(request)
    links = []
    for code, name in settings.LANGUAGES:
        url = urls.get(code) or translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return {"links": links}


@register.simple_tag(takes_context=True)
def site_root(context):
    """The home page in the active language (cached on the request)."""
    request = context["request"]
    if not hasattr(request, "_sovet_home"):
        site = Site.find_for_request(request)
        root = site.root_page if site else None
        if root is not None:
            root = root.get_translation_or_none(Locale.get_active()) or root
        request._sovet_home = root
    return request._sovet_home


MENU_FIELDS = ("title", "url_path", "locale", "alias_of", "path", "depth")


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Pages shown in menus: the live children of the home page that ask to be there, each with
    its own children that ask to be there as `menu_children` (the memorial places under the
    memory archive). One query for both levels (and Wagtail's one for view restrictions)."""
    request = context["request"]
    if not hasattr(request, "_sovet_menu"):
        home = site_root(context)
        menu = []
        if home:
            pages = list(
                Page.objects.descendant_of(home)
                .filter(depth__in=(home.depth + 1, home.depth + 2))
                .live()
                .in_menu()
                .public()
                .only(*MENU_FIELDS)
                .order_by("path")
            )
            children = {}
            for page in pages:
                if page.depth == home.depth + 2:
                    children.setdefault(page.path[: -Page.steplen], []).append(page)
            menu = [page for page in pages if page.depth == home.depth + 1]
            for page in menu:
                page.menu_children = children.get(page.path, [])
        request._sovet_menu = menu
    return request._sovet_menu


@register.inclusion_tag("core/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"crumbs": []}
    ancestors = (
        page.get_ancestors().filter(depth__gt=1).only("title", "url_path", "locale", "alias_of")
    )
    return {
        "crumbs": list(ancestors),
        "current": page,
        "request": context["request"],
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
    """The language a per-language field is shown in (for a ``lang`` attribute)."""

    return language_of(instance, field_name)


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
