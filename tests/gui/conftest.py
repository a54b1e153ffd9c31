"""GUI tests: pytest-qt offscreen, settings in a private folder, tasks run inline."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def qapp_args():
    return ["zxdesk-tests"]


@pytest.fixture(scope="session")
def qapp_cls():
    from PySide6.QtWidgets import QApplication

    return QApplication


@pytest.fixture(autouse=True)
def _private_settings(tmp_path, qapp):
    from PySide6.QtCore import QCoreApplication, QSettings

    QCoreApplication.setOrganizationName("zxdesk-tests")
    QCoreApplication.setApplicationName("zxdesk-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


@pytest.fixture
def ctx(qapp, db):
    """An AppContext on a real database, with background tasks run inline."""
    from zxdesk.gui.context import AppContext
    from zxdesk.gui.fonts import register_fonts

    register_fonts(qapp)
    context = AppContext()
    context.tasks.synchronous = True
    context.set_database(db)
    yield context
    context.tasks.wait()


@pytest.fixture
def main_window(qtbot, ctx):
    from zxdesk.gui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    ctx.database_ready.emit()
    return window
