"""Dependencies point one way: core ← accounts ← clients ← intake ← work ← reviews ←
conversations ← home.

A lower app never imports a higher one, not even lazily inside a function, relatively, or by
name (`import_module`, `import_string`, `apps.get_model`); it emits events or offers a registry
that higher apps fill. The apps and their order are INSTALLED_APPS's.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ACCORD = Path(__file__).resolve().parent.parent / "accord"
DOCUMENTED = [
    "core",
    "accounts",
    "clients",
    "intake",
    "work",
    "reviews",
    "conversations",
    "insights",
    "home",
]
LAYERS = [app.split(".")[1] for app in settings.INSTALLED_APPS if app.startswith("accord.")]
BY_NAME = {"import_module", "import_string"}


def _module_of(path: Path) -> list[str]:
    """`accord/intake/views/briefs.py` → ["accord", "intake", "views", "briefs"]."""
    parts = list(path.relative_to(ACCORD.parent).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def _imported_names(path: Path) -> list[str]:
    """Every module `path` imports, relative imports resolved, with those named in strings."""
    module = _module_of(path)
    package = module if path.name == "__init__.py" else module[:-1]
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            base = base + (node.module.split(".") if node.module else [])
            names.append(".".join(base))  # `from accord import intake` names accord.intake
            names += [".".join([*base, alias.name]) for alias in node.names]
        elif isinstance(node, ast.Call) and node.args:
            first = node.args[0]
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            if called in BY_NAME:
                names.append(first.value)
            elif called == "get_model":  # apps.get_model("work", "Job") or ("work.Job")
                names.append(f"accord.{first.value.split('.')[0]}")
    return names


def _imported_apps(path: Path) -> set[str]:
    found: set[str] = set()
    for name in _imported_names(path):
        parts = name.split(".")
        if parts[0] == "accord" and len(parts) > 1 and parts[1] in LAYERS:
            found.add(parts[1])
    return found


def test_the_layers_are_installed_in_the_documented_order() -> None:
    assert LAYERS == DOCUMENTED


@pytest.mark.parametrize("app", LAYERS)
def test_an_app_imports_only_the_apps_below_it(app: str) -> None:
    higher = set(LAYERS[LAYERS.index(app) + 1 :])
    wrong = {
        str(path.relative_to(ACCORD)): sorted(_imported_apps(path) & higher)
        for path in (ACCORD / app).rglob("*.py")
        if _imported_apps(path) & higher
    }
    assert wrong == {}


def test_imports_are_found_however_they_are_written(tmp_path: Path, monkeypatch) -> None:
    """Relative imports, a package's module by name, and apps or modules named in strings."""
    package = tmp_path / "accord" / "clients" / "views"
    package.mkdir(parents=True)
    monkeypatch.setattr(f"{__name__}.ACCORD", tmp_path / "accord")
    sample = package / "sample.py"
    sample.write_text(
        "import importlib\n"
        "from accord import intake\n"
        "from ...work import services\n"
        "from .. import queries\n"
        "from django.apps import apps\n"
        "from django.utils.module_loading import import_string\n"
        "def f():\n"
        "    importlib.import_module('accord.home.demo')\n"
        "    apps.get_model('work', 'Job')\n"
        "    import_string('accord.intake.notify.send')\n",
        encoding="utf-8",
    )
    assert _imported_apps(sample) == {"intake", "work", "home", "clients"}
    assert "accord.clients.queries" in _imported_names(sample)
