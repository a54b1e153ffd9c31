"""Printed documents (reportlab, no Qt): disclosure boards, meeting papers, badges.

Use ``zxdesk.core.documents.render``: ``render_board``, ``render_meeting_paper`` and
``render_badges`` return a ``RenderedDocument`` (PDF bytes, page count, and the
characters the bundled font cannot draw, which the caller must show as a warning).
"""
