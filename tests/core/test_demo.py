"""Demo data: counts, determinism, realistic identities, change capture, refusal."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, defaultdict
from types import SimpleNamespace

import pytest
from stdnum.cn import ric

from zxdesk.core.demo import SCALES, generate
from zxdesk.core.demo.names import RARE_CHARS, allowed_char
from zxdesk.core.domain import vocab
from zxdesk.core.errors import ValidationError
from zxdesk.core.progress import Progress
from zxdesk.core.storage.capture import data_columns
from zxdesk.core.storage.database import open_database
from zxdesk.core.storage.models import synced_models

AS_OF = "2024-12-31"


def _open(path):
    return open_database(path, create=True)


def rows(db, sql: str) -> list[tuple]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql).all()]


def scalar(db, sql: str):
    return rows(db, sql)[0][0]


@pytest.fixture(scope="module")
def station(tmp_path_factory):
    """One station-scale database shared by the read-only checks of this module."""
    db = _open(tmp_path_factory.mktemp("demo") / "station.sqlite3")
    seen: list[tuple[int, int, str]] = []
    summary = generate(db, scale="station", seed=7, progress=Progress(lambda d, t, m: seen.append((d, t, m))))
    yield SimpleNamespace(db=db, summary=summary, progress=seen)
    db.dispose()


@pytest.fixture
def station_db(station):
    return station.db


def content(db, table: str) -> list[tuple]:
    """Every row of a synced table without the sync columns (wall times, site) that differ."""
    model = {m.__tablename__: m for m in synced_models()}[table]
    cols = ["uuid", *data_columns(model)]
    return rows(db, f"SELECT {', '.join(cols)} FROM {table} ORDER BY uuid")


# -- counts ---------------------------------------------------------------------------
def test_station_scale_counts(station):
    db = station.db
    counts = {t: scalar(db, f"SELECT COUNT(*) FROM {t}") for t in (
        "committee", "sector", "station", "member", "duty_record", "meeting", "commitment",
        "mediation_case", "assessment_indicator", "duty_points", "board_settings", "setting",
        "follow_up", "resolution", "meeting_attendee", "commitment_deed", "rota_entry",
        "station_checkin", "org_group", "group_member", "member_term", "mediation_mediator")}
    scale = SCALES["station"]
    assert counts["committee"] == 1 and counts["board_settings"] == 1
    assert counts["sector"] == len(vocab.SECTORS)
    assert counts["assessment_indicator"] == len(vocab.DEFAULT_INDICATORS)
    assert counts["duty_points"] == len(vocab.DEFAULT_POINTS)
    assert counts["setting"] >= 3
    assert counts["station"] == scale.stations == 1
    assert counts["member"] == scale.members
    assert counts["duty_record"] == scale.duty_records
    assert counts["meeting"] == scale.meetings
    assert counts["commitment"] == scale.commitments
    assert counts["mediation_case"] == scale.mediations
    assert scale.meetings <= counts["follow_up"] <= 3 * scale.meetings
    assert scale.meetings <= counts["resolution"] <= 3 * scale.meetings
    assert counts["commitment"] <= counts["commitment_deed"] <= 3 * counts["commitment"]
    assert 36 * 2 <= counts["rota_entry"] <= 36 * 4  # a few days each month of 2022-2024
    assert counts["station_checkin"] >= counts["member"]
    assert counts["org_group"] == scale.groups + scale.branches
    assert counts["group_member"] > 0 and counts["member_term"] >= counts["member"]
    assert counts["mediation_mediator"] >= counts["mediation_case"]
    assert f"委员 {scale.members} 名" in station.summary


def test_progress_is_reported(station):
    seen = station.progress
    assert seen[-1][:2] == (100, 100)
    done = [d for d, _, _ in seen]
    assert done == sorted(done)
    assert {"生成委员", "生成履职记录"} <= {m for _, _, m in seen}


def test_every_meeting_has_attendees_resolutions_and_follow_ups(station_db):
    db = station_db
    for table in ("meeting_attendee", "resolution", "follow_up"):
        missing = scalar(db, f"SELECT COUNT(*) FROM meeting m WHERE NOT EXISTS "
                             f"(SELECT 1 FROM {table} x WHERE x.meeting_uuid = m.uuid)")
        assert missing == 0, table
    kinds = {k for (k,) in rows(db, "SELECT DISTINCT kind FROM meeting")}
    assert kinds <= set(vocab.MEETING_KINDS) and "协商议事" in kinds
    assert scalar(db, "SELECT MIN(starts_at) FROM meeting") >= "2022-01-01"
    assert scalar(db, "SELECT MAX(starts_at) FROM meeting") <= "2024-12-31 23:59"


def test_consultation_records_are_meeting_attendance(station_db):
    db = station_db
    consultations = scalar(db, "SELECT COUNT(*) FROM duty_record WHERE duty_type = 'consultation'")
    assert consultations > 0
    matched = scalar(db, """
        SELECT COUNT(*) FROM duty_record d
        JOIN meeting m ON m.uuid = d.source_uuid
        JOIN meeting_attendee a ON a.meeting_uuid = m.uuid AND a.member_uuid = d.member_uuid
        WHERE d.duty_type = 'consultation' AND d.occurred_on = substr(m.starts_at, 1, 10)""")
    assert matched == consultations


def test_duty_records_are_plausible(station_db):
    db = station_db
    types = Counter(dict(rows(db, "SELECT duty_type, COUNT(*) FROM duty_record GROUP BY duty_type")))
    assert set(types) <= set(vocab.DUTY_TYPES)
    assert {"proposal", "sentiment", "research", "deed", "reading", "duty_report", "consultation"} <= set(types)
    for duty_type, outcome, points in rows(db, "SELECT DISTINCT duty_type, outcome, points FROM duty_record"):
        assert outcome == "" or outcome in vocab.DUTY_OUTCOMES[duty_type]
        assert points == vocab.DEFAULT_POINTS[duty_type]
    assert scalar(db, "SELECT MIN(occurred_on) FROM duty_record") >= "2022-01-01"
    assert scalar(db, "SELECT MAX(occurred_on) FROM duty_record") <= AS_OF
    proposal = scalar(db, "SELECT title FROM duty_record WHERE duty_type = 'proposal' LIMIT 1")
    assert proposal.startswith("关于") and proposal.endswith("的提案")
    assert scalar(db, "SELECT title FROM duty_record WHERE duty_type = 'reading' LIMIT 1").startswith("读《")
    # No record of a member outside the member's time in office.
    outside = scalar(db, """
        SELECT COUNT(*) FROM duty_record d JOIN member m ON m.uuid = d.member_uuid
        WHERE d.occurred_on < m.joined_on OR (m.left_on IS NOT NULL AND d.occurred_on > m.left_on)""")
    assert outside == 0


def test_a_minority_misses_an_indicator(station_db):
    db = station_db
    indicators = [(code, json.loads(t), json.loads(o), n) for code, t, o, n in rows(
        db, "SELECT code, duty_types, outcomes, min_count FROM assessment_indicator")]
    met: Counter = Counter()
    for member, year, duty_type, outcome, n in rows(db, """
            SELECT member_uuid, substr(occurred_on, 1, 4), duty_type, outcome, COUNT(*)
            FROM duty_record GROUP BY 1, 2, 3, 4"""):
        for code, types, outcomes, _ in indicators:
            if duty_type in types and (not outcomes or outcome in outcomes):
                met[(member, year, code)] += n
    member_years = missing = 0
    for member, joined, left in rows(db, "SELECT uuid, joined_on, left_on FROM member"):
        for year in ("2022", "2023", "2024"):
            if joined > f"{year}-10-01" or (left and left < f"{year}-03-01"):
                continue
            member_years += 1
            missing += any(met[(member, year, code)] < n for code, _, _, n in indicators)
    assert 0.05 <= missing / member_years <= 0.4


# -- people ---------------------------------------------------------------------------
def test_id_numbers_are_valid_and_match_birth_and_gender(station_db):
    members = rows(station_db, "SELECT id_number, birth, gender, phone FROM member")
    assert len({m[0] for m in members}) == len(members)
    assert len({m[3] for m in members}) == len(members)
    for id_number, birth, gender, phone in members:
        assert ric.is_valid(id_number), id_number
        assert f"{id_number[6:10]}-{id_number[10:12]}" == birth
        assert int(id_number[16]) % 2 == (1 if gender == "男" else 0)
        assert re.fullmatch(r"1[3-9]\d{9}", phone)


def test_names_pinyin_and_rare_characters(station_db):
    members = rows(station_db, "SELECT name, name_pinyin, name_initials, ethnicity, party, level, role, "
                               "status, left_on FROM member")
    names = [m[0] for m in members]
    assert len(set(names)) == len(names)
    assert any("䶮" in n for n in names)  # the Extension A character is always present
    for name, full, initials, ethnicity, party, level, role, status, left_on in members:
        assert 2 <= len(name) <= 4 and all(allowed_char(ch) for ch in name), name
        assert re.fullmatch(r"[a-z]+", full) and len(initials) == len(name), (name, full, initials)
        assert full.startswith(initials[0])
        if "䶮" in name:
            assert "yan" in full
        assert party in vocab.PARTIES and level in vocab.LEVELS and role in vocab.ROLES
        assert status in vocab.STATUSES and (status == "离任") == (left_on is not None)
        assert ethnicity.endswith("族")
    assert sum(any(ch in RARE_CHARS for ch in n) for n in names) >= 1


# -- follow-ups and commitments -----------------------------------------------------------
def test_follow_up_statuses(station_db):
    db = station_db
    statuses = dict(rows(db, "SELECT status, COUNT(*) FROM follow_up GROUP BY status"))
    assert set(statuses) == set(vocab.FOLLOW_UP_STATUSES)
    overdue = scalar(db, f"SELECT COUNT(*) FROM follow_up WHERE due_on < '{AS_OF}' AND status IN ('todo', 'doing')")
    assert overdue > 0
    for status, result, reason, closed in rows(db, "SELECT status, result, reason, closed_on FROM follow_up"):
        assert (status == "done") == bool(result) == (closed is not None)
        assert (status == "failed") == bool(reason)
    assert {c for (c,) in rows(db, "SELECT DISTINCT category FROM follow_up")} == set(vocab.FOLLOW_UP_CATEGORIES)


def test_commitments_follow_their_periods(station_db):
    db = station_db
    by_period = defaultdict(set)
    for period, status, reason, review, owner_type, station in rows(
            db, "SELECT period, status, reason, review_result, owner_type, station_uuid FROM commitment"):
        by_period[period].add(status)
        assert status in vocab.COMMITMENT_STATUSES and owner_type in vocab.OWNER_TYPES
        assert (status == "unfulfilled") == bool(reason)
        assert (period != "2024H2") == bool(review)  # past periods are reviewed
        assert (station is not None) == (owner_type != "branch")
    assert sorted(by_period) == ["2022H1", "2022H2", "2023H1", "2023H2", "2024H1", "2024H2"]
    assert by_period["2022H1"] <= {"fulfilled", "unfulfilled"}
    assert "in_progress" in by_period["2024H2"]
    assert {t for (t,) in rows(db, "SELECT DISTINCT owner_type FROM commitment")} == {"member", "group", "branch"}
    deeds = rows(db, "SELECT c.period, d.target_on, d.done_on FROM commitment_deed d "
                     "JOIN commitment c ON c.uuid = d.commitment_uuid")
    for period, target, done in deeds:
        year, half = int(period[:4]), period[4:]
        start, end = (dt.date(year, 1, 1), dt.date(year, 6, 30)) if half == "H1" else (dt.date(year, 7, 1), dt.date(year, 12, 31))
        assert start.isoformat() <= target <= end.isoformat()
        assert done is None or done <= AS_OF
    assert scalar(db, "SELECT COUNT(*) FROM commitment_update") > 0


# -- change capture and determinism ----------------------------------------------------------
def test_change_log_covers_every_field(station_db):
    db = station_db
    members = scalar(db, "SELECT COUNT(*) FROM member")
    assert scalar(db, "SELECT COUNT(*) FROM change_log WHERE table_name = 'member' AND field = 'name'") == members
    expected = 0
    for model in synced_models():
        expected += scalar(db, f"SELECT COUNT(*) FROM {model.__tablename__}") * len(data_columns(model))
    assert scalar(db, "SELECT COUNT(*) FROM change_log") == expected
    first, last, n = rows(db, "SELECT MIN(seq), MAX(seq), COUNT(*) FROM change_log")[0]
    assert (first, last - first + 1) == (1, n)  # gap-free
    assert scalar(db, "SELECT next_seq FROM site_state") == n + 1
    name, value = rows(db, "SELECT m.name, c.new_value FROM member m JOIN change_log c "
                           "ON c.record_uuid = m.uuid AND c.field = 'name' LIMIT 1")[0]
    assert json.loads(value) == name


def test_same_seed_same_data_and_other_seed_differs(tmp_path):
    dbs = [_open(tmp_path / f"{name}.sqlite3") for name in ("a", "b", "c")]
    try:
        for db, seed in zip(dbs, (11, 11, 12), strict=True):
            generate(db, scale="station", seed=seed)
        a, b, c = dbs
        for model in synced_models():
            table = model.__tablename__
            assert content(a, table) == content(b, table), table
        members_a = rows(a, "SELECT uuid, name, id_number FROM member ORDER BY uuid")
        assert members_a != rows(c, "SELECT uuid, name, id_number FROM member ORDER BY uuid")
        assert content(a, "duty_record") != content(c, "duty_record")
    finally:
        for db in dbs:
            db.dispose()


def test_refuses_a_database_with_data(tmp_path):
    db = _open(tmp_path / "demo.sqlite3")
    try:
        generate(db, scale="station", seed=1)
        before = scalar(db, "SELECT COUNT(*) FROM change_log")
        with pytest.raises(ValidationError) as info:
            generate(db, scale="station", seed=2)
        assert "已有数据" in info.value.zh and "already has data" in info.value.en
        assert scalar(db, "SELECT COUNT(*) FROM change_log") == before
        assert scalar(db, "SELECT COUNT(*) FROM member") == SCALES["station"].members
    finally:
        db.dispose()


def test_rejects_an_unknown_scale(tmp_path):
    db = _open(tmp_path / "demo.sqlite3")
    try:
        with pytest.raises(ValidationError):
            generate(db, scale="town")
        assert scalar(db, "SELECT COUNT(*) FROM change_log") == 0
    finally:
        db.dispose()


@pytest.mark.slow
def test_county_scale_exact_counts(county_db):
    db = county_db
    counts = {t: scalar(db, f"SELECT COUNT(*) FROM {t}") for t in (
        "station", "member", "duty_record", "meeting", "commitment")}
    assert counts == {"station": 59, "member": 1000, "duty_record": 100_000, "meeting": 5000,
                      "commitment": 10_000}
    levels = dict(rows(db, "SELECT level, COUNT(*) FROM member GROUP BY level"))
    assert levels == {"国家": 5, "省": 30, "市": 165, "县": 800}
    assert scalar(db, "SELECT COUNT(*) FROM change_log") > 1_500_000


class _Collector:
    """Stands in for the ChangeWriter: keeps the rows instead of writing them."""

    def __init__(self):
        self.rows: dict[str, list[dict]] = defaultdict(list)

    def insert_rows(self, model, rows):
        self.rows[model.__tablename__].extend(rows)
        return [r["uuid"] for r in rows]


def test_members_at_province_scale_are_consistent():
    """10,000 members without a database: dates, identities and names hold at volume."""
    from zxdesk.core.demo.context import Demo
    from zxdesk.core.demo.organisation import build_organisation
    from zxdesk.core.demo.people import build_members

    sink = _Collector()
    demo = Demo(sink, SCALES["province"], 3, Progress())
    build_organisation(demo)
    build_members(demo)
    members = sink.rows["member"]
    assert len(members) == 10_000 and len(sink.rows["station"]) == 590
    assert len({m["name"] for m in members}) == len({m["id_number"] for m in members}) == 10_000
    rare = sum(any(ch in RARE_CHARS for ch in m["name"]) for m in members)
    assert 0.01 <= rare / len(members) <= 0.06
    for m in members:
        assert m["left_on"] is None or m["left_on"] > m["joined_on"], m
        assert ric.is_valid(m["id_number"]) and m["id_number"][6:12] == m["birth"].replace("-", "")
    for info in demo.members:
        assert info.start <= info.end
    assert len(sink.rows["org_group"]) == 600 + 160
