"""The bundled CJK font is registered with Qt and draws rare characters."""

from PySide6.QtGui import QFontDatabase, QFontMetrics, QFont

from zxdesk.core.resources import FONT_FAMILY


def test_bundled_font_is_the_application_font(qapp):
    from zxdesk.gui.fonts import register_fonts

    assert register_fonts(qapp)
    assert FONT_FAMILY in QFontDatabase.families()
    assert qapp.font().family() == FONT_FAMILY


def test_bundled_font_has_rare_characters(qapp):
    from zxdesk.gui.fonts import register_fonts

    register_fonts(qapp)
    metrics = QFontMetrics(QFont(FONT_FAMILY))
    for ch in "䶮喆赟堃":
        assert metrics.inFont(ch), ch
