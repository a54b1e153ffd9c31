"""Starting the GUI: window first, database on a worker thread, then the data."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import (
    QCoreApplication,
    QElapsedTimer,
    QLibraryInfo,
    QLocale,
    QTimer,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from .context import AppContext
from .fonts import register_fonts
from .main_window import MainWindow
from .startup_clock import FirstPaint

ORG = "zxdesk"
APP = "zxdesk"


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName(ORG)
        QCoreApplication.setApplicationName(APP)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    register_fonts(app)  # type: ignore[arg-type]
    install_chinese_translation(app)  # type: ignore[arg-type]
    return app  # type: ignore[return-value]


def install_chinese_translation(app: QApplication) -> bool:
    """Qt's own strings (OK/Cancel, file dialogs, context menus) in Simplified Chinese."""
    if getattr(app, "_zx_translator", None) is not None:
        return True
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", path):
        return False
    app.installTranslator(translator)
    app._zx_translator = translator  # type: ignore[attr-defined]
    return True


def open_database_async(ctx: AppContext, db: str | None, on_error) -> None:
    def work(_progress):
        from ..core.storage.database import open_database
        from ..core.storage.location import ENV_VAR

        explicit = db or os.environ.get(ENV_VAR)
        # The default database is created on first start; an explicit one must exist.
        return open_database(db, create=not explicit)

    ctx.tasks.run(work, ctx.set_database, on_error)


def _quiet_offscreen_notice(mode, context, message) -> None:
    # The offscreen platform says this of every window; anything else is passed on.
    if "propagateSizeHints" not in message:
        sys.stderr.write(message + "\n")


def run(db: str | None = None, smoke_test: bool = False) -> int:
    if smoke_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        qInstallMessageHandler(_quiet_offscreen_notice)
    app = make_application()
    ctx = AppContext()
    window = MainWindow(ctx)
    first_paint = FirstPaint(window)
    window.installEventFilter(first_paint)
    failure: list[BaseException] = []

    def failed(exc: BaseException) -> None:
        failure.append(exc)
        if smoke_test:
            app.exit(2)
            return
        from .errors import show_error

        show_error(window, exc, "无法打开数据库")
        app.exit(2)

    window.show()
    open_database_async(ctx, db, failed)
    if smoke_test:
        return _smoke(app, ctx, window, first_paint, failure)
    code = app.exec()
    if ctx.db is not None:
        ctx.db.dispose()
    return code


def _smoke(app: QApplication, ctx: AppContext, window: MainWindow, first_paint: FirstPaint,
           failure: list[BaseException]) -> int:
    """Show every tab once on the database, report the first paint, and exit."""
    from ..core.errors import ZxError

    timer = QElapsedTimer()
    timer.start()
    while ctx.db is None and not failure and timer.elapsed() < 60_000:
        app.processEvents()
        ctx.tasks.wait(20)
    if failure or ctx.db is None:
        exc = failure[0] if failure else ZxError("打开数据库超时", "timed out opening the database")
        if isinstance(exc, ZxError):
            sys.stderr.write(exc.one_line() + "\n")
        else:
            sys.stderr.write(f"错误：{exc} / Error: {exc}\n")
        return 2
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        tab = window.tabs.widget(index)
        timer.restart()
        while timer.elapsed() < 60_000:
            app.processEvents()
            ctx.tasks.wait(10)
            if not getattr(tab, "is_busy", lambda: False)():
                break
        app.processEvents()
    ctx.tasks.wait(30_000)
    app.processEvents()
    ms = first_paint.ms
    print(f"first paint: {ms:.0f} ms" if ms is not None else "first paint: not painted", flush=True)
    QTimer.singleShot(0, window.close)
    app.processEvents()
    window.close()
    ctx.db.dispose()
    return 0 if ms is not None else 1
