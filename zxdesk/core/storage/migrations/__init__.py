"""Alembic migrations, shipped inside the package.

Revision ids are four digits and the chain is linear, so the known revisions can be read
from the file names without importing Alembic (which costs start-up time).
"""

from __future__ import annotations

from pathlib import Path

MIGRATIONS_DIR = Path(__file__).resolve().parent


def known_revisions() -> list[str]:
    """Every revision this zxdesk knows, oldest first."""
    names = sorted(p.name for p in (MIGRATIONS_DIR / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))
    return [n[:4] for n in names]


def head_revision() -> str:
    return known_revisions()[-1]
