"""Widgets of the commitments tab (承诺践诺): table models, dialogs, detail panel."""
