"""`zxdesk commitments list|rate|carry|reviews` through the real command line."""

import datetime as dt
import json
import os
import subprocess
import sys

import pytest

from tests.commitment_data import add_commitment, make_world
from zxdesk.core.services import commitment_progress as prog


def zx(*args):
    env = {k: v for k, v in os.environ.items() if k != "ZXDESK_DB"}
    return subprocess.run([sys.executable, "-m", "zxdesk", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=120)


@pytest.fixture
def filled(db, db_path):
    w = make_world(db)
    a = add_commitment(db, w, "张三", deeds=[("义诊", dt.date(2023, 5, 1))], status="in_progress")
    prog.add_update(db, a, prog.UpdateInput(dt.date(2023, 4, 2), "已义诊一次"))
    add_commitment(db, w, "教育界活动组", status="fulfilled", category="调研视察")
    add_commitment(db, w, "王喆", period="2022H2", status="unfulfilled", reason="调离")
    return db_path, w, a


def test_list_json(filled):
    path, w, a = filled
    out = zx("commitments", "list", "--json", "--period", "2023H1", "--db", path)
    assert out.returncode == 0, out.stderr
    items = json.loads(out.stdout)
    assert len(items) == 2
    x = next(i for i in items if i["uuid"] == a)
    assert (x["period"], x["owner_type"], x["owner_name"], x["content"], x["status"]) == (
        "2023H1", "member", "张三", "张三的承诺", "in_progress")
    assert x["deeds"] == [{"text": "义诊", "target_date": "2023-05-01", "done_on": None}]
    assert x["last_update"] == {"date": "2023-04-02", "text": "已义诊一次"}
    assert x["station"] == "向阳镇委员工作站" and x["category"] == "为民办实事"


def test_list_filters_accept_codes_and_labels(filled):
    path, w, a = filled
    by_label = json.loads(zx("commitments", "list", "--json", "--status", "已兑现", "--db", path).stdout)
    by_code = json.loads(zx("commitments", "list", "--json", "--status", "fulfilled", "--db", path).stdout)
    assert [x["owner_name"] for x in by_label] == [x["owner_name"] for x in by_code] == ["教育界活动组"]
    hong = json.loads(zx("commitments", "list", "--json", "--station", "红旗街道委员工作室", "--db", path).stdout)
    assert hong == []
    late = json.loads(zx("commitments", "list", "--json", "--overdue", "--as-of", "2023-05-02", "--db", path).stdout)
    assert {x["owner_name"] for x in late} == {"张三", "王喆"}


def test_rate_json(filled):
    path, *_ = filled
    out = zx("commitments", "rate", "--period", "2023H1", "--json", "--db", path)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["period"] == "2023H1"
    o = data["overall"]
    assert (o["total"], o["fulfilled"], o["unfulfilled"], o["in_progress"], o["not_started"]) == (2, 1, 0, 1, 0)
    assert o["rate"] == pytest.approx(0.5)
    assert {r["owner_type"]: r["total"] for r in data["by_owner_type"]} == {"member": 1, "group": 1, "branch": 0}
    assert [r["station_name"] for r in data["by_station"]] == ["向阳镇委员工作站"]
    assert {r["owner_name"] for r in data["by_owner"]} == {"张三", "教育界活动组"}
    assert data["by_group"][0]["group_name"] == "教育界活动组" and data["by_group"][0]["total"] == 2


def test_carry_twice_then_reviews(filled):
    path, *_ = filled
    first = json.loads(zx("commitments", "carry", "--to", "2023H1", "--json", "--db", path).stdout)
    second = json.loads(zx("commitments", "carry", "--to", "2023H1", "--json", "--db", path).stdout)
    assert (first["created"], second["created"], second["skipped"]) == (1, 0, 1)
    out = json.loads(zx("commitments", "reviews", "--year", "2023", "--json", "--db", path).stdout)
    assert out["year"] == 2023 and len(out["members"]) == 2  # 张三 and 王喆 (carried in)


@pytest.mark.parametrize("args", [
    ("commitments", "list", "--json", "--period", "2023H3"),
    ("commitments", "rate", "--period", "下半年", "--json"),
    ("commitments", "list", "--status", "done"),
    ("commitments", "list", "--station", "不存在的站"),
    ("commitments", "list", "--overdue", "--as-of", "2023/05/01"),
    ("commitments", "carry", "--to", "x"),
    ("commitments",),
])
def test_bad_input_one_bilingual_line(filled, args):
    path, *_ = filled
    out = zx(*args, "--db", path)
    assert out.returncode != 0
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "错误" in lines[0] and "Error" in lines[0], out.stderr
