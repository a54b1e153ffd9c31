"""The main window shell: tabs, menus, status bar, remembered geometry."""

from PySide6.QtCore import QRect


def test_tabs_and_menus(main_window):
    titles = [main_window.tabs.tabText(i) for i in range(main_window.tabs.count())]
    assert titles[:4] == ["委员台账", "协商议事", "公示栏", "承诺践诺"]
    menus = [a.text() for a in main_window.menuBar().actions()]
    assert [m.split("(")[0] for m in menus] == ["文件", "编辑", "视图", "帮助"]


def test_status_bar_shows_database_and_counts(main_window, db):
    assert str(db.location.path) in main_window.db_label.text()
    assert "委员 0 人" in main_window.counts_label.text()


def test_view_shortcuts_switch_tabs(main_window, qtbot):
    view = next(a.menu() for a in main_window.menuBar().actions() if a.text().startswith("视图"))
    actions = [a for a in view.actions() if not a.isSeparator()]
    actions[2].trigger()
    assert main_window.tabs.currentIndex() == 2
    assert actions[2].shortcut().toString() == "Ctrl+3"


def test_geometry_and_tab_are_remembered(qtbot, ctx):
    from zxdesk.gui.main_window import MainWindow

    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.show()
    first.setGeometry(QRect(30, 40, 700, 520))
    first.tabs.setCurrentIndex(3)
    first.close()
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 520)
    assert second.tabs.currentIndex() == 3


def test_about_dialog_from_designer_form(qtbot):
    from zxdesk import __version__
    from zxdesk.gui.dialogs.about import AboutDialog

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert __version__ in dialog.ui.versionLabel.text()


def test_qt_standard_buttons_are_chinese(qapp):
    from PySide6.QtWidgets import QDialogButtonBox

    from zxdesk.gui.app import install_chinese_translation

    assert install_chinese_translation(qapp)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
