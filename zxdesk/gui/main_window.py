"""The main window: tabs, menus, status bar, remembered layout."""

from __future__ import annotations

import importlib
import importlib.util

from PySide6.QtCore import QByteArray, QSettings, Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from .context import AppContext
from .errors import show_error
from .tabs import TAB_SPECS, TabSpec
from .tabs.base import TabBase
from .tabs.overview import PendingTab

SETTINGS_GEOMETRY = "main_window/geometry"
SETTINGS_STATE = "main_window/state"
SETTINGS_TAB = "main_window/tab"


def _make_tab(spec: TabSpec, ctx: AppContext, parent: QWidget) -> TabBase:
    modname = f"{__package__}.tabs.{spec.module}"
    if importlib.util.find_spec(modname) is None:
        return PendingTab(ctx, spec.title, parent)
    cls = getattr(importlib.import_module(modname), spec.cls)
    return cls(ctx, parent)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle("政协委员履职工作台")
        self.setObjectName("MainWindow")
        self.resize(1280, 800)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        for spec in TAB_SPECS:
            self.tabs.addTab(_make_tab(spec, ctx, self.tabs), spec.title)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(self.tabs)

        self._build_menus()
        self._build_status_bar()
        ctx.database_ready.connect(self._database_ready)
        ctx.data_changed.connect(lambda _table: self.refresh_counts())
        ctx.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        ctx.tasks.error.connect(lambda exc: show_error(self, exc))
        self.restore_layout()

    # -- construction ----------------------------------------------------------
    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        self.file_menu = file_menu
        file_menu.addAction(self._action("备份数据库(&B)…", self.backup_database, "Ctrl+Shift+B"))
        file_menu.addSeparator()
        file_menu.addAction(self._action("退出(&X)", self.close, QKeySequence.StandardKey.Quit))

        edit_menu = bar.addMenu("编辑(&E)")
        self.edit_menu = edit_menu
        undo = self.ctx.undo_stack.createUndoAction(self, "撤销")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.ctx.undo_stack.createRedoAction(self, "重做")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        edit_menu.addSeparator()
        edit_menu.addAction(self._action("工作站与界别(&S)…", self.edit_base_data))

        view_menu = bar.addMenu("视图(&V)")
        self.view_menu = view_menu
        for index, spec in enumerate(TAB_SPECS):
            view_menu.addAction(
                self._action(spec.title, lambda _=False, i=index: self.tabs.setCurrentIndex(i), spec.shortcut)
            )
        view_menu.addSeparator()
        view_menu.addAction(self._action("刷新", self.refresh_current, QKeySequence.StandardKey.Refresh))

        help_menu = bar.addMenu("帮助(&H)")
        self.help_menu = help_menu
        help_menu.addAction(self._action("关于 zxdesk(&A)", self.show_about))

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.db_label = QLabel("正在打开数据库…", self)
        self.counts_label = QLabel("", self)
        self.sync_label = QLabel("上次同步：—", self)
        for label in (self.db_label, self.counts_label, self.sync_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            status.addPermanentWidget(label)

    # -- behaviour -------------------------------------------------------------
    def tab_widgets(self) -> list[TabBase]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]  # type: ignore[misc]

    @Slot()
    def _database_ready(self) -> None:
        db = self.ctx.db
        assert db is not None
        self.db_label.setText(f"数据库：{db.location.display()}")
        self.db_label.setToolTip(db.location.display())
        self.refresh_counts()
        current = self.tabs.currentWidget()
        if isinstance(current, TabBase):
            current.activate()

    @Slot(int)
    def _tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if isinstance(widget, TabBase):
            widget.activate()

    def refresh_current(self) -> None:
        widget = self.tabs.currentWidget()
        if isinstance(widget, TabBase) and self.ctx.db is not None:
            widget.refresh()
        self.refresh_counts()

    def refresh_counts(self) -> None:
        db = self.ctx.db
        if db is None:
            return
        from ..core.services.info import quick_counts

        def shown(counts: dict[str, int]) -> None:
            self.counts_label.setText(
                f"委员 {counts['member']:,} 人 · 履职记录 {counts['duty_record']:,} 条 · "
                f"会议 {counts['meeting']:,} 次 · 承诺 {counts['commitment']:,} 项"
            )

        self.ctx.tasks.run(lambda _p: quick_counts(db), shown)

    def set_last_sync(self, text: str) -> None:
        self.sync_label.setText(f"上次同步：{text}")

    def backup_database(self) -> None:
        db = self.ctx.db
        if db is None:
            return
        from PySide6.QtWidgets import QFileDialog

        from ..core.services.backup import backup_to

        path, _ = QFileDialog.getSaveFileName(self, "备份数据库", "zxdesk-备份.sqlite3", "数据库 (*.sqlite3)")
        if not path:
            return
        self.ctx.tasks.run(
            lambda _p: backup_to(db, path),
            lambda dest: self.statusBar().showMessage(f"已备份到 {dest}", 8000),
            lambda exc: show_error(self, exc, "备份失败"),
            title="正在备份数据库",
            parent=self,
        )

    def edit_base_data(self) -> None:
        if self.ctx.db is None:
            return
        from .dialogs.base_data import BaseDataDialog

        dialog = BaseDataDialog(self.ctx, self)
        dialog.exec()
        if dialog.changed:
            self.ctx.data_changed.emit("*")

    def show_about(self) -> None:
        from .dialogs.about import AboutDialog

        AboutDialog(self).exec()

    # -- layout memory ---------------------------------------------------------
    def restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value(SETTINGS_GEOMETRY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = settings.value(SETTINGS_STATE)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        tab = settings.value(SETTINGS_TAB, 0, type=int)
        if 0 <= tab < self.tabs.count():
            self.tabs.setCurrentIndex(tab)

    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue(SETTINGS_GEOMETRY, self.saveGeometry())
        settings.setValue(SETTINGS_STATE, self.saveState())
        settings.setValue(SETTINGS_TAB, self.tabs.currentIndex())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_layout()
        self.ctx.tasks.wait(5000)
        super().closeEvent(event)


def confirm(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes
