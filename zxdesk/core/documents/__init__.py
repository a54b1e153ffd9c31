"""Printed documents (reportlab, no Qt): disclosure boards, meeting papers, badges.

Use ``zxdesk.core.documents.render``: ``render_board``, ``render_meeting_paper`` and
``render_badges`` return a ``RenderedDocument`` (PDF bytes, page count, and the
characters the bundled font cannot draw, which the caller must show as a warning).

The meetings area's sheets are ``rota_pdf`` (the month's duty rota) and ``mediation_pdf``
(the mediation ledger, parties masked).
"""
