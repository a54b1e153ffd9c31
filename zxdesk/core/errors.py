"""Errors the core raises for users to read, in Chinese and English."""

from __future__ import annotations


class ZxError(Exception):
    """An error meant for the user: one line in Chinese, one in English."""

    exit_code = 2

    def __init__(self, zh: str, en: str):
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en

    def one_line(self) -> str:
        return f"错误：{self.zh} / Error: {self.en}"


class DatabaseError(ZxError):
    """The database cannot be opened, read or written."""


class SchemaTooNewError(DatabaseError):
    """The database was written by a newer zxdesk."""


class ValidationError(ZxError):
    """Input that fails validation; nothing was changed."""


class NotFoundError(ZxError):
    """A record that was asked for does not exist."""
