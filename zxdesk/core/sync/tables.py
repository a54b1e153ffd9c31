"""What sync needs to know about the synced tables: columns, types, foreign keys.

Built once from the ORM metadata, so a new synced table or column travels without
changes here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Table

from ..storage.capture import data_columns
from .sealed import PERSONAL_FIELDS


@dataclass
class ColumnInfo:
    name: str
    nullable: bool
    kind: str  # str | int | float | bool | date | datetime
    default: Any  # a scalar default, or MISSING
    fk_table: str | None  # the synced table a uuid column points at
    personal: bool = False  # encrypted in sync files
    check: Callable[[Any], bool] | None = None  # type check of a non-null JSON value


@dataclass
class TableInfo:
    name: str
    table: Table
    order: int  # parents before children
    columns: dict[str, ColumnInfo] = field(default_factory=dict)  # data columns, incl. 'deleted'


MISSING = object()


def _kind(col) -> str:
    t = col.type
    if isinstance(t, Boolean):
        return "bool"
    if isinstance(t, DateTime):
        return "datetime"
    if isinstance(t, Date):
        return "date"
    if isinstance(t, Float):
        return "float"
    if isinstance(t, Integer):
        return "int"
    return "str"


@lru_cache(maxsize=1)
def synced_tables() -> dict[str, TableInfo]:
    from ..storage.models import synced_models

    out: dict[str, TableInfo] = {}
    for order, model in enumerate(synced_models()):
        table = model.__table__
        info = TableInfo(model.__tablename__, table, order)
        for name in data_columns(model):
            col = table.c[name]
            default = MISSING
            if col.default is not None and col.default.is_scalar:
                default = col.default.arg
            fks = list(col.foreign_keys)
            kind = _kind(col)
            info.columns[name] = ColumnInfo(name, bool(col.nullable), kind, default,
                                            fks[0].column.table.name if fks else None,
                                            (info.name, name) in PERSONAL_FIELDS, _CHECKS[kind])
        out[info.name] = info
    return out


def _check_str(v: Any) -> bool:
    return v.__class__ is str


def _check_int(v: Any) -> bool:
    return v.__class__ is int


def _check_float(v: Any) -> bool:
    return v.__class__ is float or v.__class__ is int


def _check_bool(v: Any) -> bool:
    return v is True or v is False


def _check_date(v: Any) -> bool:
    if v.__class__ is not str or len(v) != 10:
        return False
    try:
        dt.date.fromisoformat(v)
    except ValueError:
        return False
    return True


def _check_datetime(v: Any) -> bool:
    if v.__class__ is not str or not 10 <= len(v) <= 32:
        return False
    try:
        dt.datetime.fromisoformat(v)
    except ValueError:
        return False
    return True


_CHECKS: dict[str, Callable[[Any], bool]] = {
    "str": _check_str, "int": _check_int, "float": _check_float, "bool": _check_bool,
    "date": _check_date, "datetime": _check_datetime,
}


def value_ok(col: ColumnInfo, value: Any) -> bool:
    if value is None:
        return col.nullable
    return _CHECKS[col.kind](value)


def to_db(col: ColumnInfo, value: Any) -> Any:
    """A decoded JSON value as the column's Python type."""
    if value is None:
        return None
    if col.kind == "date":
        return dt.date.fromisoformat(value)
    if col.kind == "datetime":
        return dt.datetime.fromisoformat(value)
    if col.kind == "float":
        return float(value)
    return value


def parse_wall(text: str) -> dt.datetime | None:
    """A change's wall time ('2024-05-01T08:00:00Z') as a naive UTC datetime."""
    try:
        return dt.datetime.fromisoformat(text.rstrip("Z"))
    except (ValueError, AttributeError):
        return None
