"""Shared state of one demo generation: scale, seeded randomness, inserting, progress."""

from __future__ import annotations

import datetime as dt
import random
import uuid as uuidlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..progress import Progress
from ..storage.capture import ChangeWriter
from ..storage.models import Synced

START = dt.date(2022, 1, 1)
AS_OF = dt.date(2024, 12, 31)  # the demo's "today": fixed, so that data never depends on the clock
YEARS = (2022, 2023, 2024)
PERIODS = ("2022H1", "2022H2", "2023H1", "2023H2", "2024H1", "2024H2")
TWENTIETH_CONGRESS = dt.date(2022, 10, 23)  # topics about its spirit start after it

CHUNK = 25_000  # rows per insert_rows call: bounds memory at province scale


@dataclass(frozen=True)
class Scale:
    name: str
    stations: int
    members: int
    duty_records: int
    meetings: int
    commitments: int
    mediations: int
    groups: int
    branches: int


SCALES = {
    "station": Scale("station", 1, 30, 3_000, 150, 300, 10, 2, 2),
    "county": Scale("county", 59, 1_000, 100_000, 5_000, 10_000, 300, 60, 16),
    "province": Scale("province", 590, 10_000, 1_000_000, 50_000, 100_000, 3_000, 600, 160),
}


@dataclass(slots=True)
class StationInfo:
    uuid: str
    name: str
    township: str  # the town (镇/乡) the station serves; the county seat for communities
    place: str  # township or community name, as used in titles
    members: list[int] = field(default_factory=list)  # indexes into Demo.members


@dataclass(slots=True)
class MemberInfo:
    uuid: str
    name: str
    station: int
    sector: str
    party: str
    level: str
    start: int  # first active day (date ordinal)
    end: int  # last active day (date ordinal)

    def active(self, day: int) -> bool:
        return self.start <= day <= self.end


# Phases, the share of the work each one takes (for the progress bar) and its message.
PHASES: tuple[tuple[str, int, str], ...] = (
    ("organisation", 2, "创建组织机构与考核规则"),
    ("members", 4, "生成委员"),
    ("meetings", 14, "生成协商议事活动"),
    ("mediation", 1, "生成调解案件"),
    ("duties", 60, "生成履职记录"),
    ("rota", 4, "生成轮值与进站报到"),
    ("commitments", 15, "生成承诺与践诺"),
)


class Demo:
    """Everything the generators share. All randomness comes from ``rng(name)``."""

    def __init__(self, writer: ChangeWriter, scale: Scale, seed: int, progress: Progress):
        self.w = writer
        self.scale = scale
        self.seed = seed
        self.progress = progress
        self.counts: dict[str, int] = {}
        self.committee_uuid = ""
        self.sectors: dict[str, str] = {}  # name -> uuid
        self.stations: list[StationInfo] = []
        self.members: list[MemberInfo] = []
        self.groups: list[tuple[str, str, int | None, list[int]]] = []  # (uuid, kind, station, members)
        # member -> [(day, duty record uuid)] of deeds and contacts, for commitment updates
        self.deed_records: dict[int, list[tuple[int, str]]] = {}
        self._phase_base = 0
        self._phase_share = 0
        self._message = ""
        self._dates: dict[int, dt.date] = {}

    # -- randomness ------------------------------------------------------------
    def rng(self, name: str) -> random.Random:
        """An independent generator per phase: one phase's changes do not shift another's."""
        return random.Random(f"zxdesk-demo/{self.seed}/{name}")

    @staticmethod
    def uid(rng: random.Random) -> str:
        return str(uuidlib.UUID(int=rng.getrandbits(128), version=4))

    def date(self, day: int) -> dt.date:
        """The date of an ordinal, one shared object per day."""
        out = self._dates.get(day)
        if out is None:
            out = self._dates[day] = dt.date.fromordinal(day)
        return out

    # -- writing ---------------------------------------------------------------
    def insert(self, model: type[Synced], rows: list[dict[str, Any]]) -> None:
        """Bulk-insert with change capture, CHUNK rows per call."""
        table = model.__tablename__
        for start in range(0, len(rows), CHUNK):
            part = rows[start : start + CHUNK]
            self.w.insert_rows(model, part)
            self.counts[table] = self.counts.get(table, 0) + len(part)

    def insert_stream(self, model: type[Synced], rows: Iterable[dict[str, Any]], expected: int = 0) -> None:
        """Insert rows from an iterator in chunks, reporting progress within the phase."""
        chunk: list[dict[str, Any]] = []
        done = 0
        for row in rows:
            chunk.append(row)
            if len(chunk) >= CHUNK:
                self.insert(model, chunk)
                done += len(chunk)
                chunk = []
                if expected:
                    self.within(done / expected)
        self.insert(model, chunk)

    # -- progress --------------------------------------------------------------
    def phase(self, key: str) -> None:
        base = 0
        for name, share, message in PHASES:
            if name == key:
                self._phase_base, self._phase_share, self._message = base, share, message
                self.progress.report(base, 100, message)
                return
            base += share
        raise KeyError(key)

    def within(self, fraction: float) -> None:
        done = self._phase_base + int(self._phase_share * min(fraction, 1.0))
        self.progress.report(done, 100, self._message)

