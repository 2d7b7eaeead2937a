"""The dependency rule, read from the source: content may import coordination, never the reverse."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COORDINATION = ROOT / "coordination"


def imported_modules(source: str, package: str) -> set[str]:
    """Absolute names of every module `source` imports, anywhere in it (relative ones resolved)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def imports_of(path: Path) -> set[str]:
    parts = path.relative_to(ROOT).with_suffix("").parts
    package = ".".join(parts[:-1])  # a module's package; for __init__.py, the package itself
    return imported_modules(path.read_text(encoding="utf-8"), package)


def sources(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if ".venv" not in p.parts)


@pytest.mark.parametrize("path", sources(COORDINATION), ids=lambda p: str(p.relative_to(ROOT)))
def test_coordination_never_imports_the_public_site(path):
    offending = {name for name in imports_of(path) if name == "content" or name.startswith("content.")}
    assert not offending, f"{path.relative_to(ROOT)} imports {sorted(offending)}"


@pytest.mark.parametrize("path", sources(COORDINATION / "models"), ids=lambda p: p.name)
def test_coordination_models_import_neither_services_nor_selectors(path):
    layers = ("coordination.services", "coordination.selectors")
    offending = {name for name in imports_of(path) if name.startswith(layers)}
    assert not offending, f"{path.relative_to(ROOT)} imports {sorted(offending)}"


def test_the_check_sees_relative_and_function_level_imports():
    source = "from .units import MemberUnit\n\ndef f():\n    from .. import selectors\n    import content.models\n"
    names = imported_modules(source, "coordination.models")
    assert {"coordination.models.units", "coordination.selectors", "content.models"} <= names
