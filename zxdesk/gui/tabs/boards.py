"""公示栏: compose a board or paper, preview its pages, print or save it as PDF, record
where it was posted, and see which boards are due."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog, QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QScrollArea, QSplitter, QVBoxLayout,
    QWidget,
)

from ..boards.composer import Composer
from ..boards.preview import ZOOMS, PagePreview, fit_zoom
from ..boards.register import RegisterPanel
from ..context import AppContext
from ..errors import show_error
from .base import TabBase


MAX_PREVIEW_PAGES = 30  # a county-wide board has hundreds of pages: preview the first ones


class BoardsTab(TabBase):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setObjectName("boardsTab")
        self.doc = None  # the RenderedDocument shown in the preview
        self._doc_request: dict | None = None
        self._busy = 0
        self._zoom: float | None = None  # None: fit the width

        self.composer = Composer(self)
        self.preview_button = QPushButton("预览(&V)", self)
        self.print_button = QPushButton("打印(&P)…", self)
        self.save_button = QPushButton("另存为 PDF(&S)…", self)
        self.post_button = QPushButton("登记张贴(&G)…", self)
        self.settings_button = QPushButton("公示栏设置…", self)
        for name in ("preview", "print", "save", "post", "settings"):
            getattr(self, f"{name}_button").setObjectName(f"{name}Button")
        self.warning = QLabel(self)
        self.warning.setObjectName("missingCharsWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #B3261E; font-weight: bold;")
        self.warning.hide()
        self.info = QLabel("", self)
        self.info.setObjectName("previewInfo")
        self.info.setWordWrap(True)

        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.addWidget(self.composer)
        for b in (self.preview_button, self.print_button, self.save_button, self.post_button):
            lv.addWidget(b)
        lv.addWidget(self.warning)
        lv.addWidget(self.info)
        lv.addStretch(1)
        lv.addWidget(self.settings_button)

        self.preview = PagePreview(self)
        self.zoom_out = QPushButton("缩小", self)
        self.zoom_in = QPushButton("放大", self)
        self.zoom_fit = QPushButton("适合宽度", self)
        self.zoom_label = QLabel("", self)
        bar = QHBoxLayout()
        for w in (self.zoom_out, self.zoom_in, self.zoom_fit, self.zoom_label):
            bar.addWidget(w)
        bar.addStretch(1)
        right = QWidget(self)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addLayout(bar)
        rv.addWidget(self.preview)

        scroller = QScrollArea(self)  # small windows: the form scrolls instead of forcing a height
        scroller.setWidget(left)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setMinimumWidth(left.minimumSizeHint().width() + 16)
        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(scroller)
        top.addWidget(right)
        top.setStretchFactor(1, 1)
        top.setSizes([330, 900])
        self.register = RegisterPanel(ctx, self)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setObjectName("boardsSplitter")
        split.addWidget(top)
        split.addWidget(self.register)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

        self.preview_button.clicked.connect(self.render_preview)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_pdf)
        self.post_button.clicked.connect(self.record_posting)
        self.settings_button.clicked.connect(self.edit_settings)
        self.zoom_in.clicked.connect(lambda: self.step_zoom(+1))
        self.zoom_out.clicked.connect(lambda: self.step_zoom(-1))
        self.zoom_fit.clicked.connect(lambda: self.set_zoom(None))
        self.composer.changed.connect(self._composer_changed)
        self.register.changed.connect(self.refresh_register)
        self.register.compose.connect(self.compose_due)
        ctx.data_changed.connect(self._data_changed)
        self._add_shortcut("Ctrl+Return", self.render_preview)
        self._add_shortcut(QKeySequence.StandardKey.Print, self.print_document)
        self._add_shortcut("Ctrl+Shift+S", self.save_pdf)
        self._add_shortcut(QKeySequence.StandardKey.ZoomIn, lambda: self.step_zoom(+1))
        self._add_shortcut(QKeySequence.StandardKey.ZoomOut, lambda: self.step_zoom(-1))
        self._update_buttons()

    def _add_shortcut(self, key, slot) -> None:
        action = QAction(self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)

    # -- loading ---------------------------------------------------------------
    def is_busy(self) -> bool:
        return self._busy > 0

    def _run(self, fn, done, title: str | None = None, error_title: str = "出错了", on_failure=None) -> None:
        self._busy += 1

        def finished(result) -> None:
            self._busy -= 1
            done(result)

        def failed(exc) -> None:
            self._busy -= 1
            if on_failure is not None:
                on_failure(exc)
            show_error(self, exc, error_title)

        self.ctx.tasks.run(fn, finished, failed, title=title, parent=self)

    def refresh(self) -> None:
        from ...core.documents.choices import meeting_choices, period_choices, scope_choices

        db = self.ctx.db

        def load(_p):
            return scope_choices(db), meeting_choices(db), period_choices()

        def shown(result) -> None:
            scopes, meetings, periods = result
            self.composer.set_scopes(scopes)
            self.composer.set_meetings(meetings)
            self.composer.set_periods(periods)

        self._run(load, shown)
        self.refresh_register()

    def refresh_register(self) -> None:
        from ...core.services.board_due import due_boards
        from ...core.services.boards import list_postings

        db = self.ctx.db
        self._run(lambda _p: (list_postings(db), due_boards(db)), lambda r: self.register.set_data(*r))

    def _data_changed(self, table: str) -> None:
        if self._activated and table in ("*", "board_posting", "board_settings"):
            self.refresh_register()

    # -- composing and preview -------------------------------------------------
    def _composer_changed(self) -> None:
        if self.doc is not None and self.composer.request() != self._doc_request:
            self.info.setText("设置已更改，请重新预览。")
            self.doc = None
            self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.doc is not None
        for b in (self.print_button, self.save_button, self.post_button, self.zoom_in, self.zoom_out, self.zoom_fit):
            b.setEnabled(has)

    def render_preview(self) -> None:
        from ...core.documents.raster import page_sizes, render_pages
        from ...core.documents.render import render_request

        if self.ctx.db is None:
            return
        db, request = self.ctx.db, self.composer.request()
        zoom, avail, ratio = self._zoom, self.preview.available_width(), self.preview.devicePixelRatioF()

        def work(progress):
            started = time.perf_counter()
            doc = render_request(db, **request)
            took = time.perf_counter() - started
            sizes = page_sizes(doc.pdf)
            z = zoom or fit_zoom(avail, sizes[0][0])
            pages = render_pages(doc.pdf, 72.0 * z * ratio, list(range(min(len(sizes), MAX_PREVIEW_PAGES))),
                                 progress=lambda d, t: progress.report(d, t, "正在生成预览"))
            return doc, request, pages, z, took

        def failed(exc) -> None:
            self.doc = None
            self._update_buttons()
            self.preview.show_message(f"无法生成：{getattr(exc, 'zh', '程序内部错误')}")

        self.preview.show_message("正在生成…")
        self._run(work, self._show_document, title="正在生成预览", error_title="无法生成", on_failure=failed)

    def _show_document(self, result) -> None:
        doc, request, pages, zoom, took = result
        self.doc, self._doc_request = doc, request
        self.preview.set_pages(pages, zoom)
        self.zoom_label.setText(f"{zoom:.0%}")
        text = f"{doc.title}：共 {doc.pages} 页，生成用时 {took * 1000:.0f} 毫秒。"
        if doc.pages > len(pages):
            text += f"预览显示前 {len(pages)} 页；打印和保存包含全部 {doc.pages} 页。"
        self.info.setText(text)
        if doc.missing:
            from ...core.documents.fonts import describe

            self.warning.setText(f"注意：字体缺少以下字符，印出来会是“〓”：{describe(doc.missing)}。"
                                 "请核对姓名用字，或手写补全后再张贴。")
            self.warning.show()
        else:
            self.warning.hide()
        self._update_buttons()

    def set_zoom(self, zoom: float | None) -> None:
        from ...core.documents.raster import page_sizes, render_pages

        self._zoom = zoom
        if self.doc is None:
            return
        pdf, avail, ratio = self.doc.pdf, self.preview.available_width(), self.preview.devicePixelRatioF()

        def work(_p):
            sizes = page_sizes(pdf)
            z = zoom or fit_zoom(avail, sizes[0][0])
            return render_pages(pdf, 72.0 * z * ratio, list(range(min(len(sizes), MAX_PREVIEW_PAGES)))), z

        def shown(result) -> None:
            pages, z = result
            self.preview.set_pages(pages, z)
            self.zoom_label.setText(f"{z:.0%}")

        self._run(work, shown)

    def step_zoom(self, direction: int) -> None:
        if self.doc is None:
            return
        current = self.preview.zoom
        bigger = [z for z in ZOOMS if z > current + 1e-6]
        smaller = [z for z in ZOOMS if z < current - 1e-6]
        target = (bigger[0] if bigger else ZOOMS[-1]) if direction > 0 else (smaller[-1] if smaller else ZOOMS[0])
        self.set_zoom(target)

    # -- output ----------------------------------------------------------------
    def confirm_missing(self) -> bool:
        """Before printing or saving: name the characters the font lacks, ask to go on."""
        if self.doc is None or not self.doc.missing:
            return True
        from ...core.documents.fonts import describe

        answer = QMessageBox.warning(
            self, "字体缺字",
            f"以下字符字体中没有，打印出来会显示为“〓”：\n{describe(self.doc.missing)}\n\n仍要继续吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def print_document(self) -> None:
        from ..boards.printer import print_with_dialog

        if self.doc is None or not self.confirm_missing():
            return
        try:
            if print_with_dialog(self, self.doc.pdf, self.doc.title):
                self.ctx.status_message.emit("已发送到打印机。张贴后请点“登记张贴”。")
        except Exception as exc:  # noqa: BLE001 - printer errors are shown, nothing is lost
            show_error(self, exc, "打印失败")

    def save_pdf(self) -> None:
        if self.doc is None or not self.confirm_missing():
            return
        path, _ = QFileDialog.getSaveFileName(self, "另存为 PDF", f"{self.doc.title}.pdf", "PDF 文件 (*.pdf)")
        if path:
            self.write_pdf(path)

    def write_pdf(self, path: str) -> None:
        from ...core.documents.result import write_atomic

        try:
            write_atomic(path, self.doc.pdf)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            show_error(self, exc, "无法保存")
            return
        self.ctx.status_message.emit(f"已保存：{path}")

    def record_posting(self) -> None:
        from ..boards.dialogs import PostingDialog

        if self.doc is None:
            return
        dialog = PostingDialog(f"登记张贴：{self.composer.summary()}（{self.doc.pages} 页；保存打印的 PDF 原件）",
                               self, publicity_ends_on=self.doc.publicity_ends_on)
        if dialog.exec() == PostingDialog.DialogCode.Accepted:
            self.save_posting(dialog.values())

    def save_posting(self, values: dict) -> None:
        from ...core.services.boards import record_posting

        db, doc, req = self.ctx.db, self.doc, dict(self._doc_request or {})
        meeting = req["kind"] in ("notice", "minutes", "signin")

        def work(_p):
            return record_posting(db, kind=req["kind"], scope="all" if meeting else req["scope"],
                                  period=req["period"] if not meeting else "", paper=req["paper"],
                                  pdf=doc.pdf, **values)

        def done(_posting) -> None:
            self.ctx.status_message.emit("已登记张贴。")
            self.ctx.data_changed.emit("board_posting")

        self._run(work, done, error_title="无法登记")

    def compose_due(self, kind: str, scope: str, period: str) -> None:
        self.composer.select(kind, scope, period)
        self.render_preview()

    def edit_settings(self) -> None:
        from ...core.services.boards import BoardSettingsInfo, get_board_settings, save_board_settings
        from ..boards.dialogs import BoardSettingsDialog

        db = self.ctx.db
        if db is None:
            return
        current = get_board_settings(db)
        dialog = BoardSettingsDialog(current.__dict__, self)
        while dialog.exec() == BoardSettingsDialog.DialogCode.Accepted:
            try:
                save_board_settings(db, BoardSettingsInfo(**dialog.values()))
            except Exception as exc:  # noqa: BLE001 - shown; the dialog stays open with the input
                show_error(self, exc, "无法保存设置")
                continue
            self.ctx.data_changed.emit("board_settings")
            self.ctx.status_message.emit("公示栏设置已保存；重新预览即可看到。")
            break
