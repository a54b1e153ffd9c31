"""The county's roster file for one township: what it may see, since it last confirmed.

Incremental part: per origin, the changes after what the workstation reported holding,
of the records it may see (personal fields only for its 'full' records). Backfill part:
the whole history of records it may now see more of than it confirmed holding (new
records of its township, a member who moved in, anything in a roster that got lost).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.engine import Connection

from .causality import Causality
from .payload import epoch_line, simple_line
from .sealed import PERSONAL_FIELDS
from .sites import Identity
from .visibility import RANK, REF, visible_records

CHANGE_COLUMNS = ("site, seq, lamport, table_name, record_uuid, field, old_value, new_value, operator, "
                  "wall_time, batch")
CHANGE_SQL = (f"SELECT {CHANGE_COLUMNS} FROM change_log WHERE site = :s AND seq > :lo AND seq <= :hi "
              "AND refused = :f ORDER BY seq")


@dataclass
class Roster:
    lines: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    ranges: dict[str, list[int]] = field(default_factory=dict)
    sent: dict[str, str] = field(default_factory=dict)  # record -> level this roster sends in full
    known: dict[str, tuple[str, str]] = field(default_factory=dict)  # record -> (level, confirmed) before


def build_roster(conn: Connection, me: Identity, target: str, township: str) -> Roster:
    out = Roster()
    peer = {o: int(hw) for o, hw in conn.execute(
        text("SELECT origin, hw FROM sync_peer_known WHERE peer = :p"), {"p": target})}
    out.known = {u: (lvl, conf) for u, lvl, conf in conn.execute(
        text("SELECT record_uuid, level, confirmed FROM sync_shared WHERE site = :s"), {"s": target})}
    visible = visible_records(conn, township, set(out.known))
    backfill = {u: lvl for u, (_t, lvl) in visible.items() if RANK[lvl] > RANK[out.known.get(u, ("", ""))[1]]}
    last_own = int(conn.execute(text("SELECT next_seq FROM site_state")).scalar_one()) - 1
    sites = conn.execute(text("SELECT site_id, name, role, county_code, sign_pub, enc_pub, status, hw "
                              "FROM sync_site ORDER BY site_id")).all()
    taken: set[tuple[str, int]] = set()

    def take(row: tuple, level: str | None) -> None:
        key = (row[0], row[1])
        if level is None or key in taken or (level == REF and (row[3], row[5]) in PERSONAL_FIELDS):
            return
        taken.add(key)
        out.rows.append(row)

    for site_id, name, role, county, sign_pub, enc_pub, status, hw in sites:
        shown = "enrolled" if status == "self" else status
        out.lines.append(simple_line("s", site_id, name, role, county, sign_pub, enc_pub, shown))
        if role == "workstation":
            out.lines.append(simple_line("a", site_id, int(hw)))
        if site_id == target:
            continue
        upto = last_own if site_id == me.site_id else int(hw)
        start = min(peer.get(site_id, 0), upto)
        out.ranges[site_id] = [start, upto]
        if upto > start and len(backfill) < len(visible):  # (else the backfill holds it all)
            for row in conn.execute(text(CHANGE_SQL), {"s": site_id, "lo": start, "hi": upto, "f": False}):
                hit = visible.get(row[4])
                take(tuple(row), hit[1] if hit else None)
    uuids = sorted(backfill)
    for i in range(0, len(uuids), 500):
        part = uuids[i : i + 500]
        marks = ",".join(f":u{j}" for j in range(len(part)))
        rows = conn.execute(text(f"SELECT {CHANGE_COLUMNS} FROM change_log WHERE refused = :f AND site != :t "
                                 f"AND record_uuid IN ({marks})"),
                            {"f": False, "t": target, **{f"u{j}": u for j, u in enumerate(part)}})
        for row in rows:
            take(tuple(row), backfill[row[4]])
    out.sent = backfill
    causality = Causality.load(conn)
    first: dict[str, int] = {}
    for row in out.rows:
        first[row[0]] = min(first.get(row[0], row[2]), row[2])
    for site_id, lamport in sorted(first.items()):
        out.lines += [epoch_line(*e) for e in causality.epochs_from(site_id, lamport)]
    refused = conn.execute(text("SELECT seq FROM change_log WHERE site = :s AND refused = :t ORDER BY seq"),
                           {"s": target, "t": True}).scalars().all()
    out.lines += [simple_line("r", int(seq)) for seq in refused]
    out.rows.sort(key=lambda r: (r[2], r[0], r[1]))
    return out


def record_sent(conn: Connection, target: str, file_no: int, roster: Roster) -> None:
    """After the roster is safely written: remember what it carried (unconfirmed)."""
    new = [{"s": target, "u": u, "l": lvl, "n": file_no} for u, lvl in roster.sent.items() if u not in roster.known]
    old = [{"s": target, "u": u, "l": lvl, "n": file_no} for u, lvl in roster.sent.items() if u in roster.known]
    if new:
        conn.execute(text("INSERT INTO sync_shared (site, record_uuid, level, confirmed, file_no) "
                          "VALUES (:s, :u, :l, '', :n)"), new)
    if old:
        conn.execute(text("UPDATE sync_shared SET level = :l, file_no = :n WHERE site = :s AND record_uuid = :u"),
                     old)


def confirm_rosters(conn: Connection, site: str, file_nos: list[int]) -> None:
    """The workstation reported importing these rosters: what they carried is held."""
    for n in sorted(set(file_nos)):
        conn.execute(text("UPDATE sync_shared SET confirmed = level WHERE site = :s AND file_no = :n"),
                     {"s": site, "n": n})


__all__ = ["REF", "Roster", "build_roster", "confirm_rosters", "record_sent"]
