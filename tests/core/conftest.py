"""tests/core runs with PySide6 made unimportable: the proof that the core is Qt-free.

Run it in its own pytest process without pytest-qt (``make test`` does):
``pytest -p no:pytest-qt tests/core``.
"""

import importlib.abc
import sys

import pytest


class _NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        if fullname == "PySide6" or fullname.startswith(("PySide6.", "shiboken6")):
            raise ImportError(f"{fullname} is blocked: zxdesk.core must not import Qt")
        return None


if any(name == "PySide6" or name.startswith("PySide6.") for name in sys.modules):
    raise pytest.UsageError("tests/core must run without Qt loaded: pytest -p no:pytest-qt tests/core")
sys.meta_path.insert(0, _NoQt())
