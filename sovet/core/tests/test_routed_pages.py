"""Page routes are data naming their views by dotted path: each one leads to a view that exists,
and a page's module does not import it (the view is imported on the route's first request)."""

import ast
import importlib
import inspect

import pytest
from django.test import RequestFactory
from django.urls import URLPattern
from django.utils.module_loading import import_string
from wagtail.models import get_page_models

from sovet.core.pages import RoutedPage, page_view, re_route, route

ROUTED = [model for model in get_page_models() if issubclass(model, RoutedPage)]


def declared_routes():
    return [(model, url) for model in ROUTED for url in model.routes]


def test_every_app_with_sub_urls_declares_them_as_routes():
    assert {model._meta.app_label for model in ROUTED} >= {
        "conferences", "events", "memory", "organizations", "places", "site"
    }  # fmt: skip
    for model in get_page_models():
        if hasattr(model, "get_subpage_urls"):
            assert issubclass(model, RoutedPage), f"{model.__name__}: use RoutedPage's routes"
            methods = [
                name
                for name, value in vars(model).items()
                if hasattr(value, "_routablepage_routes")
            ]
            assert not methods, f"{model.__name__}: routes as @path methods: {methods}"


@pytest.mark.parametrize("model, url", declared_routes(), ids=lambda item: str(item))
def test_each_route_leads_to_a_view_taking_the_page_and_the_request(model, url):
    assert isinstance(url, URLPattern)
    view = import_string(url.callback.view_path)
    parameters = list(inspect.signature(view).parameters)
    assert parameters[:2] == ["page", "request"], url.callback.view_path
    captured = set(url.pattern.regex.groupindex) | set(url.default_args)
    assert captured <= set(parameters[2:]), f"{url.callback.view_path} lacks {captured}"


@pytest.mark.parametrize("model", ROUTED, ids=lambda model: model.__name__)
def test_a_page_module_does_not_import_its_views(model):
    tree = ast.parse(inspect.getsource(importlib.import_module(model.__module__)))
    package = model.__module__.rpartition(".")[0]
    imported = set()
    for node in ast.walk(tree):  # functions' bodies too
        if isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module) if part)
            imported |= {module} | {f"{module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
    for url in model.routes:
        view_module = url.callback.view_path.rpartition(".")[0]
        assert view_module not in imported, f"{model.__module__} imports {view_module}"


def test_a_route_calls_its_view_with_the_page_the_request_and_the_captured_values():
    calls = []
    pattern = route("items/<int:pk>/", "sovet.core.tests.test_routed_pages.record_view")
    regex = re_route(
        r"^(?P<slug>[a-z]+)/$", "sovet.core.tests.test_routed_pages.record_view", name="slugged"
    )
    assert (pattern.name, regex.name) == ("record_view", "slugged")
    request = RequestFactory().get("/")
    RECORDED.clear()
    match = pattern.resolve("items/7/")
    match.func("the page", request, *match.args, **match.kwargs)
    match = regex.resolve("abc/")
    match.func("the page", request, *match.args, **match.kwargs)
    calls = [(page, kwargs) for page, _request, kwargs in RECORDED]
    assert calls == [("the page", {"pk": 7}), ("the page", {"slug": "abc"})]


def test_a_view_that_does_not_exist_fails_on_the_first_request_not_at_import():
    view = page_view("sovet.core.tests.test_routed_pages.no_such_view")
    assert view.__name__ == "no_such_view"
    with pytest.raises(ImportError):
        view("page", RequestFactory().get("/"))


RECORDED = []


def record_view(page, request, **kwargs):
    RECORDED.append((page, request, kwargs))
    return "response"
