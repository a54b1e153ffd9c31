"""PDF pages as images (pypdfium2), for the preview and for printing through Qt.

PDFium is not thread-safe: every call holds one lock. Pages come back as raw RGB bytes so
that the GUI can wrap them in a QImage without this module knowing about Qt.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

_lock = threading.Lock()


@dataclass(frozen=True)
class PageImage:
    width: int
    height: int
    stride: int
    rgb: bytes  # 3 bytes per pixel, rows ``stride`` bytes apart
    width_pt: float  # the page's size in points (1/72 inch)
    height_pt: float


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    import pypdfium2 as pdfium

    with _lock:
        doc = pdfium.PdfDocument(pdf)
        try:
            return [tuple(doc.get_page_size(i)) for i in range(len(doc))]
        finally:
            doc.close()


def render_pages(pdf: bytes, dpi: float, pages: list[int] | None = None, progress=None) -> list[PageImage]:
    """Render pages (all by default, 0-based) at ``dpi``. ``progress(done, total)`` may cancel by raising."""
    import pypdfium2 as pdfium

    out = []
    with _lock:
        doc = pdfium.PdfDocument(pdf)
        try:
            wanted = list(range(len(doc))) if pages is None else pages
            for n, index in enumerate(wanted):
                page = doc[index]
                try:
                    w_pt, h_pt = page.get_size()
                    bitmap = page.render(scale=dpi / 72.0, rev_byteorder=True, draw_annots=True)
                    try:
                        img = bitmap.to_pil().convert("RGB")
                    finally:
                        bitmap.close()
                finally:
                    page.close()
                out.append(PageImage(img.width, img.height, img.width * 3, img.tobytes(), w_pt, h_pt))
                if progress is not None:
                    progress(n + 1, len(wanted))
        finally:
            doc.close()
    return out
