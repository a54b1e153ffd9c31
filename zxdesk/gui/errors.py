"""Showing errors to the user: clear Chinese, details on request."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, exc: BaseException, title: str = "出错了") -> None:
    from ..core.errors import ZxError

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    if isinstance(exc, ZxError):
        box.setText(exc.zh)
        box.setDetailedText(exc.en)
    else:
        log.error("unexpected error", exc_info=exc)
        box.setText("程序内部错误，操作未完成，数据未被修改。")
        box.setDetailedText(getattr(exc, "__zx_traceback__", repr(exc)))
    box.exec()
