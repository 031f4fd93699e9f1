"""Dependencies point one way: core ← accounts ← clients ← intake ← work ← home.

A lower app never imports a higher one, not even lazily inside a function; it emits events or
offers a registry that higher apps fill.
"""

import ast
from pathlib import Path

import pytest

ACCORD = Path(__file__).resolve().parent.parent / "accord"
LAYERS = ["core", "accounts", "clients", "intake", "work", "home"]


def _imported_apps(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "accord" and len(parts) > 1 and parts[1] in LAYERS:
                found.add(parts[1])
    return found


@pytest.mark.parametrize("app", LAYERS)
def test_an_app_imports_only_the_apps_below_it(app: str) -> None:
    higher = set(LAYERS[LAYERS.index(app) + 1 :])
    wrong = {
        str(path.relative_to(ACCORD)): sorted(_imported_apps(path) & higher)
        for path in (ACCORD / app).rglob("*.py")
        if _imported_apps(path) & higher
    }
    assert wrong == {}
