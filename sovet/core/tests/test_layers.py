"""The apps keep their layers (pyproject.toml's import contract) in what import-linter cannot see,
and the check finds each kind of reference that points up."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from sovet.core.layers import (
    Layers,
    migration_references,
    model_references,
    our_apps,
    source_references,
    template_references,
    violations,
)
from sovet.core.models import LibraryDocument

# Two invented apps, "high" above "low": the checks read what they are given.
HIGH_LOW = Layers(["high", "low"])
MODELS = {("high", "thing"), ("low", "item")}
TEMPLATES = {"high/page.html": "high", "low/row.html": "low"}
LIBRARIES = {"high": "sovet.high.templatetags.high", "i18n": "django.templatetags.i18n"}


def found(references, layers=HIGH_LOW):
    return sorted(
        (where, source, target)
        for where, source, target, _kind in references
        if not layers.allows(source, target)
    )


def test_the_project_keeps_its_layers():
    assert violations() == []
    call_command("check_layers", stdout=(out := StringIO()))
    assert "Layers kept" in out.getvalue()


def test_every_app_is_in_the_layers_and_installed_in_their_order():
    layers = Layers.from_pyproject()
    installed = list(our_apps().values())
    assert set(installed) <= set(layers.rank)
    assert installed == sorted(installed, key=layers.rank.get)
    assert installed[0] == "core" and layers.rank["core"] == 0


def test_an_app_refers_down_and_to_its_own_layer_but_not_up():
    layers = Layers(["top", "left | right", "pair_a : pair_b", "bottom"])
    assert layers.allows("top", "left") and layers.allows("left", "bottom")
    assert not layers.allows("bottom", "top") and not layers.allows("left", "top")
    assert not layers.allows("left", "right") and not layers.allows("right", "left")
    assert layers.allows("pair_a", "pair_b") and layers.allows("pair_b", "pair_a")
    assert layers.allows("top", "wagtailcore")  # a library: not ours to order


def test_strings_naming_a_higher_apps_model_module_or_template_are_found():
    code = "\n".join(
        [
            'relation = ForeignKey("high.Thing")',
            'lowercase = "high.thing"',
            'routes = [route("", "sovet.high.views.page_view")]',
            'html = render_to_string("high/page.html")',
            'fine = ("low.Item", "sovet.low.views.x", "low/row.html", "high.unknown", "a.b")',
        ]
    )
    references = list(
        source_references([("low", "low/models.py", code)], models=MODELS, templates=TEMPLATES)
    )
    assert found(references) == [
        ("low/models.py:1", "low", "high"),
        ("low/models.py:2", "low", "high"),
        ("low/models.py:3", "low", "high"),
        ("low/models.py:4", "low", "high"),
    ]
    # The other way round is the rule.
    upward = source_references([("high", "high/x.py", code)], models=MODELS, templates=TEMPLATES)
    assert found(upward) == []


def test_templates_loading_a_higher_apps_tags_or_including_its_templates_are_found():
    text = (
        '{% extends "high/page.html" %}{% load i18n high %}{% load thing from high %}'
        '{% include "high/page.html" with x=1 %}{% include "low/row.html" %}{% include name %}'
    )
    references = template_references(
        [("low", "low/templates/low/list.html", text)], libraries=LIBRARIES, templates=TEMPLATES
    )
    kinds = [kind for _where, _source, target, kind in references if target == "high"]
    assert kinds == [
        "{% load high %}",
        "{% load high %}",
        '{% extends "high/page.html" %}',
        '{% include "high/page.html" %}',
    ]


def test_relations_page_types_and_migrations_against_an_order_are_found():
    # The project's real apps, with the order turned upside down: every reference points up.
    upside_down = Layers(list(Layers.from_pyproject().rank))  # the lowest first, read as highest
    kinds = {violation.kind for violation in violations(upside_down)}
    assert {"model relation", "page type", "migration dependency"} <= kinds
    assert "listed after this higher layer" in kinds
    assert any(kind.startswith("{% load") for kind in kinds)


def test_the_user_model_may_be_named_by_every_layer():
    # core's document model has Wagtail's uploader field, and its migration depends on the user
    # model's: through settings.AUTH_USER_MODEL, Django's swappable contract, not accounts' names.
    field = LibraryDocument._meta.get_field("uploaded_by_user")
    assert field.related_model._meta.label == settings.AUTH_USER_MODEL
    labels = our_apps()
    relations = [where for where, source, _target, _kind in model_references(labels)]
    assert "core.LibraryDocument.collection" in relations
    assert "core.LibraryDocument.uploaded_by_user" not in relations
    dependencies = [
        target
        for where, _source, target, _kind in migration_references(labels)
        if where == "core/migrations/0001_initial"
    ]
    assert dependencies and "accounts" not in dependencies


def test_the_command_fails_with_each_reference_listed(monkeypatch):
    layers = Layers(["core", "accounts"])  # core above accounts: accounts' references point up
    monkeypatch.setattr(Layers, "from_pyproject", classmethod(lambda cls, path=None: layers))
    with pytest.raises(CommandError) as failure:
        call_command("check_layers")
    assert "accounts -> core" in str(failure.value)
