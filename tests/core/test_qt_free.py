"""Every core module imports with PySide6 blocked, and none of them names it."""

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import zxdesk.core

CORE_DIR = Path(zxdesk.core.__file__).parent


def core_modules() -> list[str]:
    return [m.name for m in pkgutil.walk_packages([str(CORE_DIR)], prefix="zxdesk.core.")
            if ".migrations.versions" not in m.name and not m.name.endswith("migrations.env")]


def test_pyside6_is_blocked():
    with pytest.raises(ImportError):
        importlib.import_module("PySide6")


@pytest.mark.parametrize("name", core_modules())
def test_core_module_imports_without_qt(name):
    importlib.import_module(name)


def test_no_core_source_mentions_qt():
    offenders = []
    for path in CORE_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            if any(n.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"} for n in names):
                offenders.append(str(path))
    assert offenders == []
