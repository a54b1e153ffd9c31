"""What an import records besides the data: sites, knowledge, clocks, refusals, the file."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import text
from sqlalchemy.engine import Connection

from . import keys, merge
from .causality import Causality
from .conflict_store import ConflictStore
from .errors import InvalidContent, SequenceGap
from .payload import Payload
from .sites import Identity, known_vector
from .tables import parse_wall

SKEW_LIMIT = dt.timedelta(days=1)


def precise_now() -> dt.datetime:
    """Our clock (UTC, naive) to the microsecond: orders files handled in one second."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def apply_roster_sites(conn: Connection, me: Identity, m: dict, payload: Payload, sender_known: bool,
                       now: dt.datetime) -> list[str]:
    """Pin the county's key (first roster), and take the county's list of sites."""
    warnings: list[str] = []
    if not sender_known:
        sign_pub, enc_pub = keys.unb64(m["sign_pub"]), keys.unb64(m["enc_pub"])
        fp = keys.fingerprint(sign_pub, enc_pub)
        conn.execute(
            text("INSERT INTO sync_site (site_id, name, role, county_code, sign_pub, enc_pub, key_id, fingerprint, "
                 "status, enrolled_at, hw, last_file_id, last_file_name, last_file_created, skew_days, skew_note) "
                 "VALUES (:s, :n, 'county', :c, :sp, :ep, :k, :fp, 'enrolled', :t, 0, '', '', '', 0, '')"),
            {"s": m["site"], "n": m.get("site_name") or "县政协", "c": me.county, "sp": m["sign_pub"],
             "ep": m["enc_pub"], "k": keys.key_id(sign_pub), "fp": fp, "t": now})
        warnings.append(f"首次导入县政协的文件，已记下县政协的密钥指纹 {fp}，请与县政协核对")
    existing = {r[0]: r for r in conn.execute(text("SELECT site_id, status, sign_pub, enrolled_at FROM sync_site"))}
    for line in payload.sites:
        if line.county != me.county or line.role not in ("county", "workstation") or \
                line.status not in ("enrolled", "revoked"):
            raise InvalidContent("花名册中的站点信息不合法，文件未导入", f"bad site line for {line.site_id}")
        if line.site_id == me.site_id:
            if existing[me.site_id][3] is None:
                conn.execute(text("UPDATE sync_site SET enrolled_at = :t WHERE site_id = :s"),
                             {"t": now, "s": me.site_id})
                warnings.append("县政协已登记本工作站")
            continue
        if line.site_id == m["site"] and line.sign_pub != m["sign_pub"]:
            raise InvalidContent("花名册中县政协的密钥与签名密钥不一致", "the roster's county key differs from its signer")
        params = {"s": line.site_id, "n": line.name, "r": line.role, "c": line.county, "sp": line.sign_pub,
                  "ep": line.enc_pub, "st": line.status, "t": now}
        try:
            fp = keys.fingerprint(keys.unb64(line.sign_pub), keys.unb64(line.enc_pub))
            kid = keys.key_id(keys.unb64(line.sign_pub))
        except ValueError as exc:
            raise InvalidContent("花名册中的站点公钥已损坏", "a site key in the roster is damaged") from exc
        params.update(fp=fp, k=kid)
        if line.site_id in existing:
            conn.execute(text(
                "UPDATE sync_site SET name = :n, role = :r, county_code = :c, sign_pub = :sp, enc_pub = :ep, "
                "key_id = :k, fingerprint = :fp, status = :st, "
                "revoked_at = CASE WHEN :st = 'revoked' AND revoked_at IS NULL THEN :t ELSE revoked_at END "
                "WHERE site_id = :s"), params)
        else:
            conn.execute(text(
                "INSERT INTO sync_site (site_id, name, role, county_code, sign_pub, enc_pub, key_id, fingerprint, "
                "status, enrolled_at, revoked_at, hw, last_file_id, last_file_name, last_file_created, skew_days, "
                "skew_note) VALUES (:s, :n, :r, :c, :sp, :ep, :k, :fp, :st, :t, "
                "CASE WHEN :st = 'revoked' THEN :t END, 0, '', '', '', 0, '')"), params)
    return warnings


def sequence_gap(conn: Connection, me: Identity, m: dict) -> None:
    """Refuse a file that starts after what we hold: name the file to import first."""
    held = {site: int(hw) for site, hw in conn.execute(text("SELECT site_id, hw FROM sync_site"))}
    for origin, (start, _end) in sorted(m["ranges"].items()):
        if origin not in held:
            raise InvalidContent(f"文件中含有未知站点 {origin} 的变更，文件未导入", f"changes of unknown site {origin}")
        have = held[origin]
        if start <= have:
            continue
        sender = m.get("site_name") or m["site"]
        covering = [h for h in m.get("history") or [] if isinstance(h, dict)
                    and isinstance(h.get("ranges"), dict) and isinstance(h["ranges"].get(origin), list)
                    and len(h["ranges"][origin]) == 2 and h["ranges"][origin][0] <= have < h["ranges"][origin][1]]
        if covering:
            first = max(covering, key=lambda h: h.get("file_no", 0))
            name = first.get("name") or "（未命名）"
            raise SequenceGap(
                f"缺少来自“{sender}”的第 {have + 1}–{start} 号变更：请先导入“{sender}”导出的第 "
                f"{first.get('file_no')} 号文件“{name}”，再导入本文件",
                f"sequence gap: changes {origin}:{have + 1}..{start} are missing; import {sender}'s file "
                f"no. {first.get('file_no')} ({name}) first")
        raise SequenceGap(
            f"缺少来自“{sender}”的第 {have + 1}–{start} 号变更：请先导入“{sender}”在第 {m['file_no']} 号文件"
            f"之前导出的同步文件（或请对方重新导出）",
            f"sequence gap: changes {origin}:{have + 1}..{start} are missing; import {sender}'s files "
            f"before no. {m['file_no']} first")


def _raise_hw(conn: Connection, peer: str, origin: str, hw: int) -> None:
    cur = conn.execute(text("SELECT hw FROM sync_peer_known WHERE peer = :p AND origin = :o"),
                       {"p": peer, "o": origin}).scalar()
    if cur is None:
        conn.execute(text("INSERT INTO sync_peer_known (peer, origin, hw) VALUES (:p, :o, :h)"),
                     {"p": peer, "o": origin, "h": hw})
    elif hw > cur:
        conn.execute(text("UPDATE sync_peer_known SET hw = :h WHERE peer = :p AND origin = :o"),
                     {"p": peer, "o": origin, "h": hw})


def save_knowledge(conn: Connection, me: Identity, m: dict, payload: Payload, causality: Causality,
                   max_lamport: int) -> None:
    """Advance what we hold, what the sender holds, and our clock (with an epoch)."""
    before = known_vector(conn, me.site_id)
    for origin, (_start, end) in m["ranges"].items():
        conn.execute(text("UPDATE sync_site SET hw = :h WHERE site_id = :s AND hw < :h"), {"h": end, "s": origin})
    reports = payload.known if m["kind"] == "changes" else payload.acks
    for origin, hw in reports.items():
        _raise_hw(conn, m["site"], origin, hw)
    after = known_vector(conn, me.site_id)
    if after != before or max_lamport:
        local = int(conn.execute(text("SELECT lamport FROM site_state")).scalar_one())
        tick = max(local, max_lamport) + 1
        conn.execute(text("UPDATE site_state SET lamport = :l"), {"l": tick})
        causality.add(me.site_id, tick, after)
    causality.save_new(conn)


def skew_of(conn: Connection, me: Identity, m: dict, payload: Payload, now: dt.datetime) -> tuple[int, str]:
    """Compare the sender's clock with ours and with what it had seen. Display only:
    the merge never looks at wall time."""
    created = parse_wall(m["created"])
    if created is None:
        return 0, ""
    # ISO wall times sort as text: parse only the latest.
    own = max((c.wall for c in payload.changes if c.site == m["site"]), default="")
    own_latest = parse_wall(own) if own else None
    latest = max(created, own_latest) if own_latest is not None else created
    name = m.get("site_name") or m["site"]
    if latest - now > SKEW_LIMIT:
        days = (latest - now).days
        if me.is_county:
            return days, f"工作站“{name}”的电脑时钟可能快了约 {days} 天（不影响合并结果，请校准该电脑的时间）"
        return days, f"本机时钟可能比县政协慢了约 {days} 天（不影响合并结果，请校准本机时间）"
    if not me.is_county:
        # The county measured our clock against the files we sent it.
        days = m.get("recipient_skew_days")
        if isinstance(days, int) and days:
            word = "快" if days > 0 else "慢"
            return 0, f"县政协发现本机时钟{word}了约 {abs(days)} 天（不影响合并结果，请校准本机时间）"
        return 0, ""
    seen = parse_wall(m.get("seen_wall_max") or "")
    if seen is not None and seen - created > SKEW_LIMIT:
        days = (seen - created).days
        return -days, f"工作站“{name}”的电脑时钟可能慢了约 {days} 天（不影响合并结果，请校准该电脑的时间）"
    return 0, ""


def take_back_refused(conn: Connection, me: Identity, seqs: list[int], store: ConflictStore,
                      causality: Causality) -> list[str]:
    """The county refused some of our changes: mark them and recompute those records."""
    keys_: set[tuple[str, str]] = set()
    fresh: list[int] = []
    for i in range(0, len(seqs), 500):
        part = seqs[i : i + 500]
        marks = ",".join(f":q{j}" for j in range(len(part)))
        params = {"s": me.site_id, "f": False, **{f"q{j}": q for j, q in enumerate(part)}}
        rows = conn.execute(text(f"SELECT seq, table_name, record_uuid FROM change_log WHERE site = :s "
                                 f"AND refused = :f AND seq IN ({marks})"), params).all()
        fresh += [r[0] for r in rows]
        keys_.update((r[1], r[2]) for r in rows)
        conn.execute(text(f"UPDATE change_log SET refused = :t WHERE site = :s AND seq IN ({marks})"),
                     {**params, "t": True})
    if not fresh:
        return []
    merge.resettle(conn, keys_, store, causality)
    return [f"县政协拒收了本站的 {len(fresh)} 项修改（涉及非本乡镇的记录），已在本机撤回这些修改"]


def record_file(conn: Connection, m: dict, report, now: dt.datetime, skew_days: int, skew_note: str) -> None:
    summary = {"applied": report.applied, "skipped": report.skipped, "conflicts": report.conflicts,
               "refused": report.refused}
    conn.execute(
        text("INSERT INTO sync_file (file_id, direction, kind, peer, file_no, name, payload_sha256, created, "
             "processed_at, ranges, summary) VALUES (:f, 'in', :k, :p, :n, :name, :h, :c, :t, :r, :s)"),
        {"f": m["file_id"], "k": m["kind"], "p": m["site"], "n": m["file_no"], "name": report.file[:255],
         "h": m["payload_sha256"], "c": m["created"][:20], "t": precise_now(), "r": json.dumps(m["ranges"]),
         "s": json.dumps(summary)})
    conn.execute(
        text("UPDATE sync_site SET last_file_id = :f, last_file_name = :name, last_file_at = :t, "
             "last_file_created = :c, skew_days = :d, skew_note = :note WHERE site_id = :s"),
        {"f": m["file_id"], "name": report.file[:255], "t": now, "c": m["created"][:20], "d": skew_days,
         "note": skew_note[:300], "s": m["site"]})
