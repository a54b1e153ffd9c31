"""Small hand-made ledger data for tests: valid ID numbers, members, rosters on disk."""

from __future__ import annotations

import datetime as dt

from stdnum.cn import ric


def id_number(birth: str, seq: int = 1, *, male: bool = True, area: str = "230302") -> str:
    """A valid 18-digit ID number for a birth date 'YYYYMMDD'."""
    order = seq * 2 + (1 if male else 0)
    body = f"{area}{birth}{order % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def add_member(db, name: str, **values) -> str:
    from zxdesk.core.domain.member_form import MemberDraft
    from zxdesk.core.services.members import save_member

    return save_member(db, None, MemberDraft(name=name, **values))


def add_sector(db, name: str, order: int = 0) -> str:
    from zxdesk.core.storage.models import Sector

    with db.write() as w:
        row = Sector(name=name, sort_order=order)
        w.session.add(row)
        w.session.flush()
        return row.uuid


def add_station(db, name: str) -> str:
    from zxdesk.core.storage.models import Station

    with db.write() as w:
        row = Station(name=name)
        w.session.add(row)
        w.session.flush()
        return row.uuid


def add_duty(db, member: str, duty_type: str, on: dt.date, title: str = "记录", outcome: str = "",
             points: float = 0.0) -> str:
    from zxdesk.core.services.duty_records import DutyDraft, save_duty

    return save_duty(db, None, DutyDraft(member, duty_type, on, title, "", outcome, points))


def write_xlsx(path, rows, merges=(), number_formats=None):
    """rows: lists of cell values; merges: 'A1:F1' ranges; number_formats: {(r, c): fmt} 1-based."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(list(row))
    for m in merges:
        ws.merge_cells(m)
    for (r, c), fmt in (number_formats or {}).items():
        ws.cell(r, c).number_format = fmt
    wb.save(path)
    return path


def id_number_with_x(birth: str, *, male: bool = True) -> str:
    """A valid ID number for the birth date whose check digit is X."""
    for seq in range(500):
        number = id_number(birth, seq, male=male)
        if number.endswith("X"):
            return number
    raise AssertionError("no check digit X found")
