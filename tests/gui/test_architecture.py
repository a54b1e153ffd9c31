"""The GUI never holds a database session, and generated forms are up to date."""

import ast
import subprocess
import sys
from pathlib import Path

import zxdesk.gui

GUI_DIR = Path(zxdesk.gui.__file__).parent
ROOT = GUI_DIR.parents[1]


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(("." * node.level) + node.module)
    return names


def test_gui_does_not_touch_sqlalchemy_or_storage_sessions():
    offenders = []
    for path in GUI_DIR.rglob("*.py"):
        for name in imported_modules(path):
            bare = name.lstrip(".")
            if bare.startswith(("sqlalchemy", "alembic")) or "storage.models" in bare:
                offenders.append(f"{path.relative_to(ROOT)}: {name}")
        text = path.read_text(encoding="utf-8")
        if ".read()" in text and "db.read" in text or "db.write(" in text:
            offenders.append(f"{path.relative_to(ROOT)}: opens a session")
    assert offenders == []


def test_generated_forms_are_fresh():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "compile_forms.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_generated_forms_are_marked():
    for path in (GUI_DIR / "forms").glob("ui_*.py"):
        assert path.read_text(encoding="utf-8").startswith("# GENERATED"), path


def test_window_builds_without_orm_or_reportlab():
    """Start-up stays fast: building the window imports neither the ORM nor reportlab."""
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM']='offscreen';"
        "from zxdesk.gui.app import make_application; from zxdesk.gui.context import AppContext;"
        "from zxdesk.gui.main_window import MainWindow;"
        "app = make_application(['t']); w = MainWindow(AppContext()); w.show(); app.processEvents();"
        "heavy = [m for m in ('sqlalchemy.orm', 'reportlab', 'openpyxl', 'alembic', 'pypinyin') if m in sys.modules];"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
