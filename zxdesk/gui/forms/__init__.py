"""Modules generated from forms/*.ui by tools/compile_forms.py (do not edit them)."""
