"""Use cases: take plain values, return plain dataclasses. The GUI and CLI call these."""
