"""Imports point down the layers (issue 15), checked by parsing every module with `ast`.

Bottom: fitness.accounts, fitness.workouts and the shared project helpers beside them
(fitness/formatting.py, units.py, http.py, dates.py, ...). Above them the feature apps:
fitness.history, calendar_app, imports, sharing; they use the bottom and never each other.
Only the project level (settings, the URLconf, the home page view in fitness/views.py, the
package init and the Celery app) combines apps. `demo` may import everything; nothing but tests
and the bench imports demo. Tests, migrations and the bench, load and fault scripts are not read.
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PACKAGES = ("fitness", "calendar_app", "imports", "sharing", "demo")
BOTTOM_APPS = ("fitness.accounts", "fitness.workouts")
FEATURE_APPS = ("fitness.history", "calendar_app", "imports", "sharing")
DEMO = "demo"
PROJECT_LEVEL = {"fitness", "fitness.celery", "fitness.settings", "fitness.urls", "fitness.views"}
PROJECT_LEVEL |= {"fitness.wsgi"}

# (importing module, imported app) pairs that break the rule and are waiting on other work.
TEMPORARY_ALLOWED: set[tuple[str, str]] = set()


def layer_of(name: str) -> str:
    """The app a dotted name belongs to; the shared project helpers count as the bottom."""
    for app in (*BOTTOM_APPS, *FEATURE_APPS, DEMO):
        if name == app or name.startswith(app + "."):
            return app
    top = ".".join(name.split(".")[:2])
    return top if top in PROJECT_LEVEL else "helpers"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def source_modules() -> list[Path]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "tests" in parts or "migrations" in parts:
                continue
            found.append(path)
    return found


def imported_names(path: Path) -> set[str]:
    """Every dotted name a module imports, at the top or inside functions, relative ones resolved.

    `from a.b import c` yields `a.b.c`, so `from fitness import views` is seen as fitness.views.
    """
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package[: len(package) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def allowed(source: str, target: str) -> bool:
    """May a module of layer `source` import one of layer `target`?"""
    if source in (target, DEMO):
        return True
    if target == DEMO:
        return False
    if source in PROJECT_LEVEL:
        return True
    below = {"helpers", *BOTTOM_APPS}
    if source in FEATURE_APPS or source in below:
        return target in below
    raise AssertionError(f"unknown layer {source}")


def import_edges() -> list[tuple[str, str, str]]:
    """(importing module, imported name, imported app) for every import between our packages."""
    edges = []
    for path in source_modules():
        module = module_name(path)
        for name in sorted(imported_names(path)):
            if name.split(".")[0] in PACKAGES:
                edges.append((module, name, layer_of(name)))
    return edges


def test_imports_point_down_the_layers():
    edges = import_edges()
    assert len(edges) > 100  # the walk did read the tree
    broken = [
        f"{module} imports {name}"
        for module, name, target in edges
        if not allowed(layer_of(module), target) and (module, target) not in TEMPORARY_ALLOWED
    ]
    assert broken == []


def test_temporary_exceptions_are_still_needed():
    """An entry that no longer matches an import is stale: delete it so the rule is whole again."""
    used = {(module, target) for module, _, target in import_edges()}
    assert TEMPORARY_ALLOWED - used == set()


def test_the_rule_catches_upward_sideways_and_demo_imports():
    assert not allowed("fitness.workouts", "sharing")  # bottom importing a feature app
    assert not allowed("helpers", "fitness.history")  # shared helper importing a feature app
    assert not allowed("calendar_app", "imports")  # feature apps sideways
    assert not allowed("sharing", "fitness.views")  # an app reaching up to the project level
    assert not allowed("fitness.views", "demo")  # only tests and the bench import demo
    assert allowed("fitness.views", "fitness.history") and allowed("demo", "calendar_app")
    assert layer_of("fitness.views") == "fitness.views"
    assert layer_of("fitness.formatting") == "helpers"
    assert layer_of("fitness.history.selectors.x") == "fitness.history"


def test_relative_imports_are_resolved(tmp_path, monkeypatch):
    package = tmp_path / "imports" / "parsers"
    package.mkdir(parents=True)
    module = package / "strong.py"
    module.write_text("from .base import Row\nfrom .. import models\nimport sharing.views\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert imported_names(module) == {
        "imports.parsers.base.Row",
        "imports.models",
        "sharing.views",
    }
