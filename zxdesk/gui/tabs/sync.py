"""同步: export and import sync files, review conflicts, see the workstations.

Every core call runs on a worker thread through ``ctx.tasks``; the tab holds only the
plain dataclasses the core returns. Dialogs that need an answer go through small
``ask_*``/``confirm_*`` methods, so tests can answer them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..context import AppContext
from ..errors import show_error
from .base import TabBase
from .sync_enrolment import EnrolmentActions
from .sync_models import ConflictModel, SiteModel

FILE_FILTER = "同步文件 (*.zxsync);;所有文件 (*)"


def _local_time(wall: str) -> str:
    """A change's wall time (UTC, as its site's clock said) in this computer's time zone."""
    try:
        stamp = dt.datetime.fromisoformat(wall.rstrip("Z")).replace(tzinfo=dt.timezone.utc)
    except (ValueError, AttributeError):
        return wall or "—"
    return stamp.astimezone().strftime("%Y-%m-%d %H:%M")


class SyncTab(EnrolmentActions, TabBase):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.overview: Any = None
        self._loading = False
        self._stale = False
        self._passphrase: str | None = None
        self._hint = ""
        self._build()
        ctx.database_ready.connect(self._database_ready)
        ctx.data_changed.connect(self._data_changed)

    # -- construction ------------------------------------------------------------
    def _button(self, text: str, slot, shortcut: str | None = None) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        if shortcut:
            QShortcut(QKeySequence(shortcut), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            button.setToolTip(f"{text.rstrip('…')}（{shortcut}）")
        return button

    def _build(self) -> None:
        self.identity_label = QLabel("正在读取同步状态…", self)
        self.identity_label.setObjectName("syncIdentity")
        self.identity_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setup_button = self._button("设置同步…", self.setup_clicked)
        self.export_button = self._button("导出同步文件…", self.export_clicked, "Ctrl+E")
        self.target = QComboBox(self)
        self.target.setToolTip("县政协：导出发往哪个乡镇工作站的花名册文件")
        self.import_button = self._button("导入同步文件…", self.import_clicked, "Ctrl+I")
        self.request_button = self._button("生成登记申请…", self.request_clicked)
        self.enroll_button = self._button("登记工作站…", self.enroll_clicked)
        self.revoke_button = self._button("吊销所选工作站", self.revoke_clicked)
        self.warning_label = QLabel("", self)
        self.warning_label.setObjectName("syncWarnings")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("color: #b45309")

        top = QHBoxLayout()
        top.addWidget(self.identity_label, 1)
        top.addWidget(self.setup_button)
        actions = QHBoxLayout()
        for widget in (self.export_button, self.target, self.import_button, self.request_button,
                       self.enroll_button, self.revoke_button):
            actions.addWidget(widget)
        actions.addStretch(1)

        self.conflict_model = ConflictModel(self)
        self.conflict_view = self._table(self.conflict_model)
        self.conflict_view.selectionModel().currentRowChanged.connect(lambda *_: self._show_conflict())
        self.local_box, self.local_text, self.take_local = self._side("本机的值", "local")
        self.incoming_box, self.incoming_text, self.take_incoming = self._side("传入的值", "incoming")
        sides = QHBoxLayout()
        sides.addWidget(self.local_box)
        sides.addWidget(self.incoming_box)
        conflicts_page = QWidget(self)
        page = QVBoxLayout(conflicts_page)
        self.conflict_hint = QLabel("", conflicts_page)
        detail = QWidget(conflicts_page)
        detail.setLayout(sides)
        split = QSplitter(Qt.Orientation.Vertical, conflicts_page)
        split.addWidget(self.conflict_view)
        split.addWidget(detail)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        page.addWidget(self.conflict_hint)
        page.addWidget(split, 1)

        self.site_model = SiteModel(self)
        self.site_view = self._table(self.site_model)
        self.site_view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.pages = QTabWidget(self)
        self.pages.addTab(conflicts_page, "待处理的冲突")
        self.pages.addTab(self.site_view, "站点与上次同步")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.pages, 1)
        self._update_buttons()

    def _table(self, model) -> QTableView:
        view = QTableView(self)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        return view

    def _side(self, title: str, take: str) -> tuple[QGroupBox, QPlainTextEdit, QPushButton]:
        box = QGroupBox(title, self)
        text = QPlainTextEdit(box)
        text.setReadOnly(True)
        button = QPushButton(f"采用{title}", box)
        button.clicked.connect(lambda: self.resolve_current(take))
        inner = QVBoxLayout(box)
        inner.addWidget(text)
        inner.addWidget(button)
        return box, text, button

    # -- loading -----------------------------------------------------------------
    def is_busy(self) -> bool:
        return self._loading

    def activate(self) -> None:
        if self._stale and self.ctx.db is not None:
            self._stale = False
            self.refresh()
        super().activate()

    def _data_changed(self, _table: str) -> None:
        self._stale = True

    def refresh(self) -> None:
        db = self.ctx.db
        if db is None:
            return
        from ...core.sync.status import overview

        self._loading = True

        def failed(exc: BaseException) -> None:
            self._loading = False
            show_error(self, exc, "无法读取同步状态")

        self.ctx.tasks.run(lambda _p: overview(db), self._show, failed)

    def _database_ready(self) -> None:
        db = self.ctx.db
        if db is None:
            return
        from ...core.sync.status import last_sync_text

        self.ctx.tasks.run(lambda _p: last_sync_text(db), self._set_last_sync, lambda _exc: None)

    def _set_last_sync(self, text: str) -> None:
        window = self.window()
        if hasattr(window, "set_last_sync"):
            window.set_last_sync(text)

    def _show(self, ov: Any) -> None:
        self._loading = False
        self.overview = ov
        st = ov.status
        if not st.set_up:
            self.identity_label.setText("本机尚未设置同步。请先“设置同步”，选择本机是乡镇工作站还是县政协。")
        else:
            me = st.site
            self.identity_label.setText(
                f"本机：<b>{me['role_label'] if me['role'] == 'county' else '乡镇工作站 ' + me['name']}</b>"
                f"（县代码 {me['county']}，站点 {me['site_id']}）"
                f"　密钥指纹 <b>{me['fingerprint']}</b>")
        warnings = list(st.skew_warnings)
        if st.set_up and st.site["role"] == "workstation":
            if not any(s.role == "county" for s in st.sites):
                warnings.insert(0, "还没有导入县政协的花名册文件：请先生成登记申请交县政协，再导入县政协发回的文件。")
            elif st.pending_changes:
                warnings.insert(0, f"本机有 {st.pending_changes} 项修改尚未被县政协确认收到。")
        self.warning_label.setText("\n".join(warnings))
        self.warning_label.setVisible(bool(warnings))
        current = self.target.currentText()
        self.target.clear()
        self.target.addItems(ov.townships)
        if current in ov.townships:
            self.target.setCurrentText(current)
        self.conflict_model.set_rows(ov.conflicts)
        self._hint = (f"共 {len(ov.conflicts)} 处冲突。暂定结果在每个站点都相同，双方的值都已保留，选中一处后决定采用哪一个。"
                      if ov.conflicts else "没有待处理的冲突。")
        self.conflict_hint.setText(self._hint)
        self.pages.setTabText(0, f"待处理的冲突（{len(ov.conflicts)}）")
        self.site_model.set_rows(st.sites)
        if ov.conflicts:
            self.conflict_view.selectRow(0)
        self._show_conflict()
        self._update_buttons()
        self._set_last_sync(ov.last_sync_text)

    def _update_buttons(self) -> None:
        st = self.overview.status if self.overview is not None else None
        ready = st is not None and st.set_up
        county = ready and st.site["role"] == "county"
        self.setup_button.setVisible(st is not None and not st.set_up)
        for button in (self.export_button, self.import_button):
            button.setEnabled(ready)
        self.target.setVisible(county)
        self.export_button.setEnabled(ready and (not county or self.target.count() > 0))
        self.request_button.setVisible(ready and not county)
        self.enroll_button.setVisible(county)
        self.revoke_button.setVisible(county)
        site = self.site_model.row_at(self.site_view.currentIndex().row())
        self.revoke_button.setEnabled(bool(county and site and site.role == "workstation"
                                           and site.status == "enrolled"))

    def selected_conflict(self) -> Any | None:
        return self.conflict_model.row_at(self.conflict_view.currentIndex().row())

    def _show_conflict(self) -> None:
        c = self.selected_conflict()
        extra = "　选中的这处涉及其他乡镇的记录，由县政协处理，本站只能查看。" if c is not None and not c.can_resolve else ""
        self.conflict_hint.setText(self._hint + extra)
        for box, text, button, side, label in (
            (self.local_box, self.local_text, self.take_local, "local", "本机的值"),
            (self.incoming_box, self.incoming_text, self.take_incoming, "incoming", "传入的值"),
        ):
            button.setEnabled(c is not None and c.can_resolve)
            if c is None:
                box.setTitle(label)
                text.setPlainText("")
                continue
            value = getattr(c, side)
            mark = "（暂定采用）" if c.winner == side else ""
            box.setTitle(f"{label}{mark} — {value.site_name}")
            what = "整条记录" if c.kind == "delete" else f"的{c.field_label}"
            text.setPlainText(f"{c.table_label}“{c.record_label}”{what}：\n\n{value.display}\n\n"
                              f"修改人：{value.operator or '—'}\n时间：{_local_time(value.wall_time)}"
                              f"（按{value.site_name}电脑的时钟）")

    # -- questions (tests answer these) ------------------------------------------
    def ask_save_path(self, title: str, name: str) -> str:
        return QFileDialog.getSaveFileName(self, title, name, FILE_FILTER)[0]

    def ask_open_path(self, title: str) -> str:
        return QFileDialog.getOpenFileName(self, title, "", FILE_FILTER)[0]

    def confirm_import(self, report: Any) -> bool:
        from ..dialogs.sync_dialogs import ImportPreviewDialog

        return bool(ImportPreviewDialog(report, self).exec()) and report.status != "already_imported"

    def confirm_enroll(self, request: Any) -> bool:
        from ..dialogs.sync_dialogs import EnrollDialog

        return bool(EnrollDialog(request, self).exec())

    def confirm(self, title: str, text: str) -> bool:
        return QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes

    def tell(self, title: str, text: str) -> None:
        QMessageBox.information(self, title, text)

    def ask_passphrase(self) -> str | None:
        text, ok = QInputDialog.getText(self, "密钥口令", "本机的私钥有口令保护，请输入口令：", QLineEdit.EchoMode.Password)
        return text if ok and text else None

    def _keys(self) -> tuple[bool, str | None]:
        """(may go on, passphrase) - asks once per session when the keys are locked."""
        if self.overview is not None and self.overview.keys_locked and self._passphrase is None:
            self._passphrase = self.ask_passphrase()
            if self._passphrase is None:
                return False, None
        return True, self._passphrase

    def _failed(self, title: str):
        def show(exc: BaseException) -> None:
            from ...core.sync.errors import KeysError

            if isinstance(exc, KeysError):
                self._passphrase = None
            show_error(self, exc, title)
            self.refresh()

        return show

    # -- actions -----------------------------------------------------------------
    def export_clicked(self) -> None:
        if self.overview is None or not self.overview.status.set_up:
            return
        county = self.overview.status.site["role"] == "county"
        site = self.target.currentText() if county else None
        from ...core.sync.fileformat import SUFFIX

        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        me = self.overview.status.site
        name = f"zxdesk-{me['county']}-{me['name']}-至-{site or '县政协'}-{stamp}{SUFFIX}"
        path = self.ask_save_path("导出同步文件", name)
        if path:
            self.export_to(path, site)

    def export_to(self, path: str, site: str | None = None) -> None:
        from ...core.sync.export import export_file

        go, passphrase = self._keys()
        if not go:
            return
        db = self.ctx.db
        self.ctx.tasks.run(lambda p: export_file(db, path, site=site, passphrase=passphrase, progress=p),
                           self._exported, self._failed("导出失败"), title="正在导出同步文件", parent=self)

    def _exported(self, result: Any) -> None:
        self.tell("导出完成", f"已写入：{result.path}\n发往：{result.recipient_name}（第 {result.file_no} 号文件，"
                             f"{result.changes} 项修改）\n\n已读回校验无误，{result.message}。")
        self.ctx.status_message.emit(f"同步文件已导出，{result.message}")
        self.refresh()

    def import_clicked(self) -> None:
        path = self.ask_open_path("导入同步文件")
        if path:
            self.preview_import(path)

    def preview_import(self, path: str) -> None:
        """A dry run first; the clerk sees what would happen, then decides."""
        from ...core.sync.importer import import_file

        go, passphrase = self._keys()
        if not go:
            return
        db = self.ctx.db

        def checked(report: Any) -> None:
            if self.confirm_import(report):
                self.ctx.tasks.run(lambda p: import_file(db, path, passphrase=passphrase, progress=p),
                                   self._imported, self._failed("导入失败"), title="正在导入同步文件", parent=self)

        self.ctx.tasks.run(lambda p: import_file(db, path, dry_run=True, passphrase=passphrase, progress=p),
                           checked, self._failed("无法导入此文件"), title="正在检查同步文件", parent=self)

    def _imported(self, report: Any) -> None:
        self.ctx.data_changed.emit("*")
        self._stale = False
        note = f"已导入：应用 {report.applied} 项，跳过 {report.skipped} 项，冲突 {report.conflicts} 处"
        self.ctx.status_message.emit(note)
        if report.conflicts:
            self.pages.setCurrentIndex(0)
        self.refresh()

    def resolve_current(self, take: str) -> None:
        c = self.selected_conflict()
        if c is None:
            return
        from ...core.sync.conflicts import resolve

        db = self.ctx.db
        self.ctx.tasks.run(lambda _p: resolve(db, c.id, take), self._resolved, self._failed("处理冲突失败"))

    def _resolved(self, view: Any) -> None:
        chosen = view.local if view.resolution == "local" else view.incoming
        self.ctx.status_message.emit(f"冲突 #{view.id} 已处理：采用 {chosen.display}")
        self.ctx.data_changed.emit(view.table)
        self._stale = False
        self.refresh()
