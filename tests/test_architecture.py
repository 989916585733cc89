"""Arrows point one way: pages → ui → academy → engine.

The engine imports neither Streamlit nor SQLModel; academy never imports Streamlit.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(folder: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / folder).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


@pytest.mark.parametrize(
    "folder,forbidden",
    [
        ("engine", {"streamlit", "sqlmodel", "sqlalchemy", "academy", "ui", "pages"}),
        ("academy", {"streamlit", "ui", "pages"}),
        ("ui", {"pages"}),
    ],
)
def test_imports_point_one_way(folder, forbidden):
    offenders = {
        path: sorted(names & forbidden)
        for path, names in imported_modules(folder).items()
        if names & forbidden
    }
    assert offenders == {}


def test_the_checker_sees_imports():
    """Guard against a checker that silently finds nothing."""
    assert "streamlit" in imported_modules("ui")["ui/i18n.py"]
    assert "sqlmodel" in imported_modules("academy")["academy/models.py"]


def test_pages_write_no_sql():
    for path in (ROOT / "pages").glob("*.py"):
        names = imported_modules("pages")[str(path.relative_to(ROOT))]
        assert not names & {"sqlmodel", "sqlalchemy"}, path


def test_deploy_and_dev_py_need_only_the_standard_library():
    """``python3 dev.py serve`` imports deploy/ before the virtual environment exists."""
    import sys

    found = imported_modules("deploy")
    tree = ast.parse((ROOT / "dev.py").read_text(encoding="utf-8"))
    found["dev.py"] = {alias.name.split(".")[0] for node in ast.walk(tree)
                       if isinstance(node, ast.Import) for alias in node.names}
    found["dev.py"] |= {node.module.split(".")[0] for node in ast.walk(tree)
                        if isinstance(node, ast.ImportFrom) and node.module}
    assert "deploy" in found["dev.py"]
    allowed = set(sys.stdlib_module_names) | {"__future__", "deploy"}
    assert "deploy/proxy.py" in found
    assert {path: sorted(names - allowed) for path, names in found.items() if names - allowed} == {}
