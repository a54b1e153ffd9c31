"""Dialogs; those designed in Qt Designer use the compiled forms in zxdesk.gui.forms."""
