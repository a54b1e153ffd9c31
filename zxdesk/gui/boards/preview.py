"""Page preview: the PDF's pages rendered to images (pypdfium2 in the core), stacked."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

ZOOMS = (0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0)


def to_qimage(page) -> QImage:
    """A QImage owning a copy of a core PageImage's RGB bytes."""
    return QImage(page.rgb, page.width, page.height, page.stride, QImage.Format.Format_RGB888).copy()


class PagePreview(QScrollArea):
    """Shows rendered pages one under another on a grey desk, like a print preview."""

    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("boardPreview")
        self.setWidgetResizable(False)  # the desk takes the pages' size; the area centres it
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._desk = QWidget()
        self._desk.setObjectName("previewDesk")
        self._desk.setStyleSheet("#previewDesk { background: #8a8a8a; }")
        self._layout = QVBoxLayout(self._desk)
        self._layout.setContentsMargins(16, 16, 16, 16)
        self._layout.setSpacing(14)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.message = QLabel("选择公示栏类型、范围和期间后，点“预览”。", self._desk)
        self.message.setObjectName("previewMessage")
        self.message.setStyleSheet("color: white; font-size: 14px;")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout.addWidget(self.message)
        self.setWidget(self._desk)
        self._layout.activate()
        self._desk.adjustSize()
        self._pages: list[QLabel] = []
        self.zoom = 1.0

    def page_count(self) -> int:
        return len(self._pages)

    def show_message(self, text: str) -> None:
        self.clear_pages()
        self.message.setText(text)
        self.message.show()
        self._layout.activate()
        self._desk.adjustSize()

    def clear_pages(self) -> None:
        for label in self._pages:
            self._layout.removeWidget(label)
            label.deleteLater()
        self._pages = []

    def set_pages(self, pages, zoom: float) -> None:
        self.clear_pages()
        self.message.hide()
        self.zoom = zoom
        ratio = self.devicePixelRatioF()
        for n, page in enumerate(pages, start=1):
            pixmap = QPixmap.fromImage(to_qimage(page))
            pixmap.setDevicePixelRatio(ratio)
            label = QLabel(self._desk)
            label.setObjectName(f"previewPage{n}")
            label.setPixmap(pixmap)
            label.setFixedSize(pixmap.deviceIndependentSize().toSize() + QSize(2, 2))
            label.setFrameShape(QFrame.Shape.Box)
            label.setStyleSheet("background: white; border: 1px solid #555;")
            label.setToolTip(f"第 {n} 页")
            self._layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            label.show()
            self._pages.append(label)
        self._layout.activate()
        self._desk.adjustSize()
        self.zoom_changed.emit(zoom)

    def available_width(self) -> int:
        """Pixels a page may take across without a horizontal scroll bar (GUI thread only)."""
        bar = self.verticalScrollBar().sizeHint().width()
        return max(200, self.viewport().width() - 40 - bar)


def fit_zoom(available_px: int, page_width_pt: float) -> float:
    """The zoom at which a page of this width fills the available width."""
    return max(ZOOMS[0], min(ZOOMS[-1], available_px / page_width_pt))
