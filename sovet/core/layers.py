"""The apps' layers, and the references between apps that import-linter cannot see.

pyproject.toml's ``layers`` import contract lists the apps, the highest first: an app may refer to
the apps below it, never to those above. Besides imports (which import-linter checks), apps refer
to each other by model relations and page types, migration dependencies, "app.Model" and dotted
"sovet.app.…" strings, template tag libraries, and template names (``{% include %}``, ``{% extends
%}``, ``render_to_string``…). ``violations()`` lists those that point up; ``manage.py check_layers``
runs it in ``make lint``. The one reference every layer may make is to the user model, through
``settings.AUTH_USER_MODEL`` (Django's swappable contract, as Wagtail's own models do).
"""

import ast
import importlib
import importlib.util
import pkgutil
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.backends.django import get_installed_libraries
from wagtail.coreutils import resolve_model_string
from wagtail.models import get_page_models

PACKAGE = "sovet"
SOURCE = Path(__file__).resolve().parent.parent  # the sovet package
MODEL_STRING = re.compile(r"([a-z_]+)\.([A-Za-z_]\w*)")
DOTTED_PATH = re.compile(rf"{PACKAGE}\.([a-z_]+)(\.\w+)+")
TEMPLATE_NAME = re.compile(r"[a-z_]+/[\w/.-]+\.(html|txt|xml)")
LOAD = re.compile(r"{%\s*load\s+(.+?)\s*%}")
INCLUDE = re.compile(r"""{%\s*(include|extends)\s+["']([^"']+)["']""")


@dataclass(frozen=True, order=True)
class Violation:
    where: str
    source: str
    target: str
    kind: str

    def __str__(self):
        return f"{self.where}: {self.source} -> {self.target} ({self.kind})"


class Layers:
    """The order of the apps: ``layers`` as in the import contract, the highest first; an entry
    "a | b" holds independent siblings (neither may refer to the other), "a : b" siblings that
    may refer to each other."""

    def __init__(self, layers: Iterable[str]):
        self.rank: dict[str, int] = {}
        self.independent: set[tuple[str, str]] = set()
        for rank, entry in enumerate(reversed(list(layers))):
            separator = "|" if "|" in entry else ":"
            names = [name.strip() for name in entry.split(separator)]
            self.rank.update(dict.fromkeys(names, rank))
            if separator == "|":
                self.independent |= {(a, b) for a in names for b in names if a != b}

    @classmethod
    def from_pyproject(cls, path: Path | None = None) -> "Layers":
        path = path or Path(settings.BASE_DIR) / "pyproject.toml"
        config = tomllib.loads(path.read_text())["tool"]["importlinter"]
        for contract in config["contracts"]:
            if contract["type"] == "layers" and contract.get("containers") == [PACKAGE]:
                return cls(contract["layers"])
        raise LookupError(f"{path}: no layers contract for the {PACKAGE} package")

    def allows(self, source: str, target: str) -> bool:
        if source == target or target not in self.rank:
            return True  # an app's own, or a library's
        if source not in self.rank:
            return True  # the project's settings and urls; apps left out: see order_violations
        if self.rank[target] != self.rank[source]:
            return self.rank[target] < self.rank[source]
        return (source, target) not in self.independent


def our_apps() -> dict[str, str]:
    """Our apps' layer names (the package under sovet), by app label."""
    return {
        config.label: config.name.removeprefix(f"{PACKAGE}.")
        for config in apps.get_app_configs()
        if config.name.startswith(f"{PACKAGE}.")
    }


def app_of_path(path: Path) -> str:
    """The package under sovet a file belongs to ("" for sovet/urls.py and the like)."""
    parts = path.resolve().relative_to(SOURCE).parts
    return parts[0] if len(parts) > 1 else ""


def template_owners() -> dict[str, str]:
    """Each of our apps' templates by name, with the app it lives in (the first one in
    INSTALLED_APPS' order, as Django's loader finds it)."""
    owners: dict[str, str] = {}
    for config in apps.get_app_configs():
        folder = Path(config.path) / "templates"
        if config.name.startswith(f"{PACKAGE}.") and folder.is_dir():
            for file in folder.rglob("*"):
                if file.is_file():
                    owners.setdefault(file.relative_to(folder).as_posix(), app_of_path(file))
    return owners


# What refers to what. Each yields (where, source layer, target layer, kind).


def model_references(labels: dict[str, str]) -> Iterator[tuple[str, str, str, str]]:
    """Relations between models (however declared), and the page types a page names as its
    subpages or parents."""
    user_model = get_user_model()
    for model in apps.get_models():
        source = labels.get(model._meta.app_label)
        if source is None or model._meta.auto_created:
            continue
        for field in model._meta.get_fields():
            target = getattr(field, "related_model", None)
            if field.auto_created or not field.is_relation or target in (None, user_model):
                continue
            where = f"{model._meta.label}.{field.name}"
            yield where, source, labels.get(target._meta.app_label, ""), "model relation"
    for model in get_page_models():
        source = labels.get(model._meta.app_label)
        if source is None:
            continue
        for attribute in ("subpage_types", "parent_page_types"):
            for name in getattr(model, attribute, None) or []:  # None: any page type
                target = resolve_model_string(name, model._meta.app_label)
                where = f"{model._meta.label}.{attribute}"
                yield where, source, labels.get(target._meta.app_label, ""), "page type"


def migration_references(labels: dict[str, str]) -> Iterator[tuple[str, str, str, str]]:
    """Migration dependencies (and ``run_before``, the other way round)."""
    for label in labels:
        package = f"{apps.get_app_config(label).name}.migrations"
        if importlib.util.find_spec(package) is None:
            continue
        # Our migrations only, read as Django's loader reads them: some libraries' query the
        # database when imported.
        for module in pkgutil.iter_modules(importlib.import_module(package).__path__):
            if module.name.startswith(("_", "~")):
                continue
            migration = importlib.import_module(f"{package}.{module.name}").Migration
            where = f"{label}/migrations/{module.name}"
            for dependency in migration.dependencies:
                # swappable_dependency(settings.AUTH_USER_MODEL) names the user model: allowed.
                if getattr(dependency, "setting", None) != settings.AUTH_USER_MODEL:
                    yield (
                        where,
                        labels[label],
                        labels.get(dependency[0], ""),
                        "migration dependency",
                    )
            for later in migration.run_before:
                yield where, labels.get(later[0], ""), labels[label], "migration run_before"


def source_references(
    sources: Iterable[tuple[str, str, str]], *, models: set[tuple[str, str]], templates: dict
) -> Iterator[tuple[str, str, str, str]]:
    """Strings in Python code that name another app's model ("places.MemorialPlace"), module
    ("sovet.places.views.place_view") or template ("places/place.html").

    ``sources`` are (layer, where, Python code); ``models`` (app label, model name) pairs."""
    for source, where, code in sources:
        for node in ast.walk(ast.parse(code, where)):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            text, line = node.value, f"{where}:{node.lineno}"
            model = MODEL_STRING.fullmatch(text)
            if model and (model[1], model[2].lower()) in models:
                yield line, source, model[1], f'model name "{text}"'
            elif dotted := DOTTED_PATH.fullmatch(text):
                yield line, source, dotted[1], f'dotted path "{text}"'
            elif TEMPLATE_NAME.fullmatch(text) and text in templates:
                yield line, source, templates[text], f'template "{text}"'


def template_references(
    sources: Iterable[tuple[str, str, str]], *, libraries: dict[str, str], templates: dict
) -> Iterator[tuple[str, str, str, str]]:
    """Template tag libraries loaded, templates included or extended.

    ``sources`` are (layer, where, template text); ``libraries`` modules by library name."""
    for source, where, text in sources:
        for load in LOAD.findall(text):
            names = load.split()
            for name in names[names.index("from") + 1 :] if "from" in names else names:
                if module := DOTTED_PATH.fullmatch(libraries.get(name, "")):
                    yield where, source, module[1], f"{{% load {name} %}}"
        for tag, name in INCLUDE.findall(text):
            if name in templates:
                yield where, source, templates[name], f'{{% {tag} "{name}" %}}'


def order_violations(layers: Layers) -> Iterator[Violation]:
    """Every app in the layers; INSTALLED_APPS in the layers' order (each app's demo, loaded in
    that order, builds on the lower ones')."""
    installed = list(our_apps().values())
    for app in installed:
        if app not in layers.rank:
            yield Violation("pyproject.toml", app, "", "app missing from the layers")
    for above, app in zip(installed, installed[1:], strict=False):
        if layers.rank.get(app, 0) < layers.rank.get(above, 0):
            yield Violation("settings.INSTALLED_APPS", app, above, "listed after this higher layer")


def violations(layers: Layers | None = None) -> list[Violation]:
    layers = layers or Layers.from_pyproject()
    labels = our_apps()
    templates = template_owners()
    models = {(model._meta.app_label, model._meta.model_name) for model in apps.get_models()}

    def sources(paths):
        for path in sorted(paths):
            yield app_of_path(path), str(path.relative_to(SOURCE.parent)), path.read_text()

    python = [path for path in SOURCE.rglob("*.py") if "migrations" not in path.parts]
    markup = [
        path
        for path in SOURCE.rglob("*")
        if "templates" in path.parts and path.suffix in (".html", ".txt", ".xml")
    ]
    references = [
        *model_references(labels),
        *migration_references(labels),
        *source_references(sources(python), models=models, templates=templates),
        *template_references(
            sources(markup), libraries=get_installed_libraries(), templates=templates
        ),
    ]
    found = {
        Violation(where, source, target, kind)
        for where, source, target, kind in references
        if not layers.allows(source, target)
    }
    return sorted(found | set(order_violations(layers)))
