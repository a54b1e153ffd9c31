"""Printing a rendered PDF through Qt: each page painted as an image at printer resolution."""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QWidget

from .preview import to_qimage

MAX_PRINT_DPI = 300


def prepare_printer(printer: QPrinter, pdf: bytes, title: str) -> None:
    """Paper size and orientation from the PDF's first page; the PDF carries its own margins."""
    from ...core.documents.raster import page_sizes

    sizes = page_sizes(pdf)
    w, h = sizes[0] if sizes else (595.0, 842.0)
    portrait = QSizeF(min(w, h), max(w, h))
    size = QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = QPageLayout.Orientation.Landscape if w > h else QPageLayout.Orientation.Portrait
    printer.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0)))
    printer.setFullPage(True)
    printer.setDocName(title)


def paint_pages(printer: QPrinter, pdf: bytes, progress=None) -> int:
    """Paint every page (or the printer's chosen range); returns the pages printed."""
    from ...core.documents.raster import page_sizes, render_pages

    count = len(page_sizes(pdf))
    first, last = printer.fromPage(), printer.toPage()
    pages = list(range(first - 1, min(last, count))) if first and last else list(range(count))
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("无法开始打印（打印机不可用）")
    try:
        for n, index in enumerate(pages):
            if n:
                printer.newPage()
            image = to_qimage(render_pages(pdf, dpi, [index])[0])
            target = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
            scale = min(target.width() / image.width(), target.height() / image.height())
            w, h = image.width() * scale, image.height() * scale
            painter.drawImage(QRectF(target.x() + (target.width() - w) / 2, target.y() + (target.height() - h) / 2,
                                     w, h), image)
            if progress is not None and not progress(n + 1, len(pages)):
                printer.abort()
                break
    finally:
        painter.end()
    return len(pages)


def print_with_dialog(parent: QWidget, pdf: bytes, title: str) -> bool:
    """Ask for a printer and print; False if the user cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare_printer(printer, pdf, title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"打印 {title}")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    box = QProgressDialog("正在打印…", "取消", 0, 0, parent)
    box.setWindowTitle("打印")
    box.setMinimumDuration(600)

    def step(done: int, total: int) -> bool:
        box.setMaximum(total)
        box.setValue(done)
        QApplication.processEvents()
        return not box.wasCanceled()

    try:
        paint_pages(printer, pdf, step)
    finally:
        box.reset()
        box.deleteLater()
    return True
