"""Imports run one way (DESIGN §1): a lower app never names a higher one, not
by import (at the top of a module or inside a function), not by a model
label, table or URL name in a string, not in a migration, and not by a URL
name in its own templates.

The order below is DESIGN's, with the four record apps in the order they
may use each other (a change request moves milestones). An app may name
itself and any app before it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYERS = (
    "core",
    "accounts",
    "projects",
    "milestones",
    "risks",
    "changes",
    "reviews",
    "kpis",
    "teams",
    "portfolio",
    "config",
)
RANK = {app: rank for rank, app in enumerate(LAYERS)}


def _higher(app: str) -> list[str]:
    return [other for other in LAYERS[RANK[app] + 1 :] if (ROOT / other).is_dir()]


def _names(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, top-level package) of every import in a module, nested too."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.lineno, node.module.split(".")[0]))
    return found


def _strings(tree: ast.AST) -> list[tuple[int, str]]:
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def _modules(app: str) -> list[Path]:
    return sorted((ROOT / app).rglob("*.py"))


def test_a_lower_app_imports_no_higher_one():
    wrong = []
    for app in LAYERS:
        higher = set(_higher(app))
        for path in _modules(app):
            tree = ast.parse(path.read_text(), str(path))
            wrong += [
                f"{path.relative_to(ROOT)}:{line} imports {name}"
                for line, name in _names(tree)
                if name in higher
            ]
    assert not wrong, "\n".join(wrong)


def test_a_lower_app_names_no_higher_one_in_a_string():
    """Model labels ("risks.issue"), tables ("risks_risk"), URL names
    ("risks:register") and migration dependencies ("risks", "0001_…")."""
    wrong = []
    for app in LAYERS[:-1]:  # config wires everything
        for higher in _higher(app):
            pattern = re.compile(rf"^{higher}([.:_]\w|$)")
            for path in _modules(app):
                tree = ast.parse(path.read_text(), str(path))
                wrong += [
                    f"{path.relative_to(ROOT)}:{line} names {text!r}"
                    for line, text in _strings(tree)
                    if pattern.match(text)
                ]
    assert not wrong, "\n".join(wrong)


URL_TAG = re.compile(r"""\{%\s*url\s+['"](\w+):""")


def test_an_apps_templates_link_to_no_higher_app():
    """templates/<app>/ belongs to its app; templates/components/ and
    base.html are the site's (like config) and may link anywhere."""
    wrong = []
    for app in LAYERS:
        folder = ROOT / "templates" / app
        if not folder.is_dir():
            continue
        higher = set(_higher(app))
        for path in sorted(folder.rglob("*.html")):
            for number, line in enumerate(path.read_text().splitlines(), 1):
                wrong += [
                    f"{path.relative_to(ROOT)}:{number} links to {namespace}:"
                    for namespace in URL_TAG.findall(line)
                    if namespace in higher
                ]
    assert not wrong, "\n".join(wrong)


def test_the_layers_are_the_installed_apps_in_order():
    from django.conf import settings

    ours = [app for app in settings.INSTALLED_APPS if app in RANK]
    assert ours == sorted(ours, key=RANK.__getitem__)
    assert set(ours) == {app for app in LAYERS if (ROOT / app).is_dir()} - {"config"}
