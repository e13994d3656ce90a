"""The declared dependencies are exactly what the library and the front ends import."""

from __future__ import annotations

import ast
import sys
import tomllib

from tests.support.paths import ROOT

# Distribution name -> the top-level module it provides, where they differ.
MODULE_OF = {"python-telegram-bot": "telegram", "python-crfsuite": "pycrfsuite"}
# Needed at run time without being imported by nqbot itself (see the comment in pyproject.toml).
# pyvi: its model files are read as data, never imported (index/terms/segment.py).
RUNTIME_ONLY = {"sniffio", "pyvi"}


def _declared() -> set[str]:
    """The run-time dependencies and the optional run-time extras (not the test tools)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    names = set()
    for requirement in project["dependencies"] + [r for name, group in extras.items() if name != "test" for r in group]:
        name = requirement.split(";")[0].split("[")[0]
        for stop in "<>=!~ ":
            name = name.split(stop)[0]
        names.add(name.strip().lower())
    return names


def _imported() -> set[str]:
    local = {"bot", "index"}
    found = set()
    for folder in local:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    found.add(node.module.split(".")[0])
    return {name for name in found - local if name not in sys.stdlib_module_names}


def test_declared_dependencies_are_exactly_the_imported_ones() -> None:
    declared = {MODULE_OF.get(name, name.replace("-", "_")) for name in _declared() - RUNTIME_ONLY}
    assert declared == _imported()
