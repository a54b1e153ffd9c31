"""The member import as the wizard and the CLI run it: read, map, plan, write.

    roster = open_roster(db, path)            # header found, mapping guessed or saved
    report = check_import(db, roster)         # the dry run: what each row would do
    report = run_import(db, roster)           # the same, written in one transaction
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ValidationError
from ..progress import NULL_PROGRESS, Progress
from ..storage.database import Database
from .apply import apply_plan
from .headers import FIELDS, find_header
from .mappings import load_mapping
from .plan import ImportPlan, RowOutcome, build_plan
from .rows import parse_rows
from .sheets import RawSheet, as_text, read_sheet


@dataclass
class Roster:
    path: Path
    sheet: RawSheet
    header_row: int  # 0-based
    headers: list[str]
    mapping: list[str]  # per column: a FIELDS key or ""
    mapping_saved: bool = False  # the mapping came from a saved one

    def preview(self, limit: int = 20) -> list[list[str]]:
        """The first data rows as text, for the mapping page."""
        rows = self.sheet.rows[self.header_row + 1:self.header_row + 1 + limit]
        return [[as_text(v) for v in r] + [""] * (len(self.headers) - len(r)) for r in rows]

    @property
    def data_rows(self) -> int:
        return max(len(self.sheet.rows) - self.header_row - 1, 0)


@dataclass
class ImportReport:
    filename: str
    dry_run: bool
    outcomes: list[RowOutcome]
    skipped: dict[str, int]
    new_sectors: list[str] = field(default_factory=list)
    new_stations: list[str] = field(default_factory=list)
    batch: str | None = None
    encoding: str = ""

    def count(self, outcome: str) -> int:
        return sum(1 for o in self.outcomes if o.outcome == outcome)

    @property
    def rejected(self) -> list[RowOutcome]:
        return [o for o in self.outcomes if o.outcome == "rejected"]

    def as_json(self) -> dict:
        return {
            "file": self.filename,
            "dry_run": self.dry_run,
            "imported": self.count("imported"),
            "updated": self.count("updated"),
            "rejected": self.count("rejected"),
            "skipped": self.skipped,
            "new_sectors": self.new_sectors,
            "new_stations": self.new_stations,
            "batch": self.batch,
            "rows": [o.as_json() for o in self.outcomes],
        }


def open_roster(db: Database, path: str | Path) -> Roster:
    p = Path(path)
    sheet = read_sheet(p)
    guess = find_header(sheet.rows)
    if guess is None:
        raise ValidationError("在表格前15行中找不到表头（至少需要“姓名”列和另一个可识别的列，如“性别”“身份证号”）",
                              "no header row found (a name column and one more known column are needed)")
    saved = load_mapping(db, guess.headers)
    return Roster(p, sheet, guess.row, guess.headers, saved or guess.mapping, saved is not None)


def set_mapping(roster: Roster, mapping: list[str]) -> None:
    """Use a corrected mapping; every field once (phone and note may take several columns)."""
    if len(mapping) != len(roster.headers):
        raise ValidationError("列对应关系与表头列数不符", "mapping length differs from the header")
    unknown = [k for k in mapping if k and k not in FIELDS]
    if unknown:
        raise ValidationError(f"未知的字段：{unknown[0]}", f"unknown field {unknown[0]}")
    if "name" not in mapping:
        raise ValidationError("必须指定“姓名”列", "a name column is required")
    seen: set[str] = set()
    for key in mapping:
        if key and key in seen and key not in ("phone", "note"):
            raise ValidationError(f"“{FIELDS[key]}”对应了多列，请只保留一列", f"{key} mapped twice")
        seen.add(key)
    roster.mapping = list(mapping)


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """A roster import allocates a few hundred thousand small objects that all live until
    it ends; the cyclic collector would scan them again and again (~10% of the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _plan(db: Database, roster: Roster, progress: Progress) -> ImportPlan:
    progress.report(0, 3, "读取各行")
    parsed = parse_rows(roster.sheet.rows, roster.header_row, roster.mapping, roster.sheet.two_decimals)
    progress.report(1, 3, "与已有委员比对")
    return build_plan(db, parsed)


def check_import(db: Database, roster: Roster, progress: Progress = NULL_PROGRESS) -> ImportReport:
    """The dry run: what every row would do; nothing is written."""
    with _no_gc_pauses():
        plan = _plan(db, roster, progress)
    return ImportReport(roster.path.name, True, plan.outcomes, plan.skipped, plan.new_sectors, plan.new_stations,
                        encoding=roster.sheet.encoding)


def run_import(db: Database, roster: Roster, progress: Progress = NULL_PROGRESS) -> ImportReport:
    """Import in one transaction; the report's batch id undoes it."""
    with _no_gc_pauses():
        plan = _plan(db, roster, progress)
        progress.check()
        batch = apply_plan(db, plan, roster.path.name, progress)
    return ImportReport(roster.path.name, False, plan.outcomes, plan.skipped, plan.new_sectors, plan.new_stations,
                        batch, roster.sheet.encoding)


def import_members(db: Database, path: str | Path, *, dry_run: bool = False,
                   progress: Progress = NULL_PROGRESS) -> ImportReport:
    with _no_gc_pauses():
        roster = open_roster(db, path)
    return check_import(db, roster, progress) if dry_run else run_import(db, roster, progress)
