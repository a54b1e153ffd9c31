"""PDF layouts made with reportlab (platypus), using the bundled CJK font."""
