"""Had the author of one change seen another? Exact answers from epochs, not clocks.

A site's knowledge only grows when it imports a file. Each import that teaches it
something records an epoch: (site, lamport M, vector {origin: hw}), and ticks its clock
to M, so every later local change has a Lamport value above M and had seen exactly that
vector (until the next epoch). Changes travel with the epochs of their site, so every
replica answers "did b's author know a?" the same way:

    a happened before b  <=>  same site and a.seq < b.seq,
                              or b's epoch vector holds a.site up to at least a.seq.

Changes reach every site gap-free per origin and causally complete (a workstation only
learns from the county, which held everything the workstation knew), so a change's
predecessors are always present before it.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.engine import Connection

from .errors import InvalidContent
from .payload import Change


class Causality:
    def __init__(self) -> None:
        self._lamports: dict[str, list[int]] = {}
        self._vectors: dict[str, list[dict[str, int]]] = {}
        self.new: list[tuple[str, int, dict[str, int]]] = []  # added since loading

    @classmethod
    def load(cls, conn: Connection) -> Causality:
        out = cls()
        rows = conn.execute(text("SELECT site, lamport, vector FROM sync_epoch ORDER BY site, lamport")).all()
        for site, lamport, vector in rows:
            out._lamports.setdefault(site, []).append(int(lamport))
            out._vectors.setdefault(site, []).append(json.loads(vector))
        return out

    def add(self, site: str, lamport: int, vector: dict[str, int], *, record: bool = True) -> bool:
        """Add an epoch; False if it was known. A different vector for a known epoch
        means two files disagree about history: the file is refused."""
        lamports = self._lamports.setdefault(site, [])
        vectors = self._vectors.setdefault(site, [])
        i = bisect.bisect_left(lamports, lamport)
        if i < len(lamports) and lamports[i] == lamport:
            if vectors[i] != vector:
                raise InvalidContent(f"站点 {site} 的同步时序信息与已导入的不一致，文件未导入",
                                     f"epoch {site}@{lamport} differs from the one already imported")
            return False
        lamports.insert(i, lamport)
        vectors.insert(i, dict(vector))
        if record:
            self.new.append((site, lamport, dict(vector)))
        return True

    def add_many(self, epochs: Iterable[tuple[str, int, dict[str, int]]]) -> None:
        for site, lamport, vector in epochs:
            self.add(site, lamport, vector)

    def context(self, site: str, lamport: int) -> dict[str, int]:
        """What a change of ``site`` with Lamport value ``lamport`` had seen of others."""
        lamports = self._lamports.get(site)
        if not lamports:
            return {}
        i = bisect.bisect_left(lamports, lamport) - 1
        return self._vectors[site][i] if i >= 0 else {}

    def before(self, a: Change, b: Change) -> bool:
        """True if a happened before b (b's author had seen a)."""
        if a.site == b.site:
            return a.seq < b.seq
        if a.lamport >= b.lamport:
            return False
        return self.context(b.site, b.lamport).get(a.site, 0) >= a.seq

    def concurrent(self, a: Change, b: Change) -> bool:
        return not self.before(a, b) and not self.before(b, a)

    def heads(self, changes: list[Change]) -> list[Change]:
        """The changes no other change of the list happened after."""
        if len(changes) < 2:
            return list(changes)
        ordered = sorted(changes, key=lambda c: c.rank, reverse=True)
        out: list[Change] = []
        for i, c in enumerate(ordered):
            # Only a change with a higher rank can have happened after c.
            if not any(self.before(c, d) for d in ordered[:i]):
                out.append(c)
        return out

    def epochs_from(self, site: str, lamport: int) -> list[tuple[str, int, dict[str, int]]]:
        """The epochs of ``site`` that apply to its changes from ``lamport`` on."""
        lamports = self._lamports.get(site, [])
        start = max(bisect.bisect_left(lamports, lamport) - 1, 0)
        return [(site, lamports[i], self._vectors[site][i]) for i in range(start, len(lamports))]

    def save_new(self, conn: Connection) -> None:
        if self.new:
            conn.execute(text("INSERT INTO sync_epoch (site, lamport, vector) VALUES (:s, :l, :v)"),
                         [{"s": s, "l": lam, "v": json.dumps(v, sort_keys=True)} for s, lam, v in self.new])
            self.new = []
