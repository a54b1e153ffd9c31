"""Creating, editing, status changes, progress updates, review, trash."""

import datetime as dt

import pytest

from tests.commitment_data import add_commitment, make_world
from zxdesk.core.errors import NotFoundError, ValidationError
from zxdesk.core.services import commitment_progress as prog
from zxdesk.core.services import commitments as svc
from zxdesk.core.services.attachments import stored_path
from zxdesk.core.storage.models import ChangeLog, Commitment


@pytest.fixture
def world(db):
    return make_world(db)


def count(db, model):
    from sqlalchemy import func, select

    with db.read() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def test_create_with_deeds_and_read_back(db, world):
    uuid = add_commitment(db, world, "李䶮", deeds=[("义诊三次", dt.date(2023, 5, 1)),
                                                  ("健康讲座", dt.date(2023, 3, 1), dt.date(2023, 3, 2)),
                                                  ("", None, None)])
    d = svc.get_commitment(db, uuid, today=dt.date(2023, 4, 1))
    assert (d.owner_name, d.owner_type, d.period, d.status) == ("李䶮", "member", "2023H1", "not_started")
    assert d.station_name == "向阳镇委员工作站"
    assert [(x.text, x.target_on, x.done_on) for x in d.deeds] == [
        ("健康讲座", dt.date(2023, 3, 1), dt.date(2023, 3, 2)), ("义诊三次", dt.date(2023, 5, 1), None)]
    assert not d.overdue
    assert svc.get_commitment(db, uuid, today=dt.date(2023, 5, 2)).overdue  # deed past its target


def test_every_write_is_change_logged(db, world):
    before = count(db, ChangeLog)
    add_commitment(db, world, "张三", deeds=[("送教下乡", dt.date(2023, 6, 1))])
    assert count(db, ChangeLog) > before


@pytest.mark.parametrize("change, message", [
    ({"content": "  "}, "承诺内容不能为空"),
    ({"period": "2023H3"}, "期别"),
    ({"owner_type": "town"}, "主体类型"),
    ({"owner_uuid": ""}, "请选择承诺主体"),
    ({"owner_uuid": "no-such-member"}, "找不到这个委员"),
    ({"status": "unfulfilled"}, "必须填写原因"),
    ({"station_uuid": "nowhere"}, "工作站"),
    ({"deeds": [svc.DeedInput("", dt.date(2023, 1, 1))]}, "第 1 件拟办实事"),
    ({"category": "类" * 41}, "类别"),
])
def test_bad_input_is_refused_and_nothing_saved(db, world, change, message):
    base = dict(period="2023H1", owner_type="member", owner_uuid=world.members["张三"], content="承诺")
    with pytest.raises(ValidationError) as err:
        svc.create_commitment(db, svc.CommitmentInput(**{**base, **change}))
    assert message in err.value.zh
    assert count(db, Commitment) == 0


def test_group_owner_must_be_of_that_kind(db, world):
    with pytest.raises(ValidationError):
        svc.create_commitment(db, svc.CommitmentInput("2023H1", "branch", world.groups["教育界活动组"], "x"))
    uuid = svc.create_commitment(db, svc.CommitmentInput("2023H1", "group", world.groups["教育界活动组"], "x"))
    assert svc.get_commitment(db, uuid).owner_name == "教育界活动组"


def test_edit_updates_keeps_and_removes_deeds(db, world):
    uuid = add_commitment(db, world, "张三", deeds=[("甲", dt.date(2023, 2, 1)), ("乙", dt.date(2023, 3, 1))])
    d = svc.get_commitment(db, uuid)
    inp = d.as_input()
    inp.content = "修改后的承诺"
    inp.deeds = [svc.DeedInput("甲（改）", dt.date(2023, 2, 2), dt.date(2023, 2, 3), d.deeds[0].uuid),
                 svc.DeedInput("丙", dt.date(2023, 4, 1))]
    svc.update_commitment(db, uuid, inp)
    e = svc.get_commitment(db, uuid)
    assert e.content == "修改后的承诺"
    assert [(x.text, x.done_on) for x in e.deeds] == [("甲（改）", dt.date(2023, 2, 3)), ("丙", None)]
    assert e.deeds[0].uuid == d.deeds[0].uuid


def test_status_unfulfilled_needs_reason_and_other_statuses_drop_it(db, world):
    uuid = add_commitment(db, world, "王喆")
    with pytest.raises(ValidationError):
        svc.set_status(db, [uuid], "unfulfilled", "  ")
    assert svc.get_commitment(db, uuid).status == "not_started"
    svc.set_status(db, [uuid], "unfulfilled", "资金未落实")
    assert (svc.get_commitment(db, uuid).status, svc.get_commitment(db, uuid).reason) == ("unfulfilled", "资金未落实")
    svc.set_status(db, [uuid], "fulfilled")
    d = svc.get_commitment(db, uuid)
    assert (d.status, d.reason) == ("fulfilled", "")
    with pytest.raises(ValidationError):
        svc.set_status(db, [uuid], "done")


def test_delete_goes_to_trash_and_restores(db, world):
    uuid = add_commitment(db, world, "赵赟")
    svc.delete_commitments(db, [uuid])
    with pytest.raises(NotFoundError):
        svc.get_commitment(db, uuid)
    assert [(x.uuid, x.owner_name) for x in svc.list_deleted_commitments(db)] == [(uuid, "赵赟")]
    svc.restore_commitments(db, [uuid])
    assert svc.list_deleted_commitments(db) == []
    assert svc.get_commitment(db, uuid).owner_name == "赵赟"


def test_progress_update_with_evidence_and_duty_records(db, world, tmp_path):
    uuid = add_commitment(db, world, "教育界活动组")
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(b"\xff\xd8 photo")
    linkable = prog.linkable_duty_records(db, uuid)
    # The group's members' records dated in the period; last year's research is not offered.
    assert {r.title for r in linkable} == {"走访留守儿童", "关于乡村教师待遇的提案"}
    prog.add_update(db, uuid, prog.UpdateInput(dt.date(2023, 3, 6), "已走访 12 户", [photo],
                                               [world.records["走访留守儿童"]]))
    prog.add_update(db, uuid, prog.UpdateInput(dt.date(2023, 4, 2), "提案已提交", [],
                                               [world.records["关于乡村教师待遇的提案"]]))
    updates = prog.list_updates(db, uuid)
    assert [u.text for u in updates] == ["提案已提交", "已走访 12 户"]
    first = updates[1]
    assert [a.filename for a in first.attachments] == ["现场照片.jpg"]
    assert stored_path(db, first.attachments[0].sha256).read_bytes() == b"\xff\xd8 photo"
    assert [(r.title, r.member_name) for r in first.records] == [("走访留守儿童", "张三")]
    assert svc.get_commitment(db, uuid).status == "in_progress"  # an update starts it
    prog.delete_update(db, first.uuid)
    assert [u.text for u in prog.list_updates(db, uuid)] == ["提案已提交"]
    prog.restore_update(db, first.uuid)
    assert len(prog.list_updates(db, uuid)) == 2


def test_bad_update_is_refused_and_leaves_nothing(db, world):
    uuid = add_commitment(db, world, "张三")
    with pytest.raises(ValidationError):
        prog.add_update(db, uuid, prog.UpdateInput(dt.date(2023, 3, 1), "  "))
    with pytest.raises(ValidationError):
        prog.add_update(db, uuid, prog.UpdateInput(dt.date(2023, 3, 1), "x", [], ["no-such-record"]))
    with pytest.raises(ValidationError):
        prog.add_update(db, uuid, prog.UpdateInput(dt.date.today() + dt.timedelta(days=5), "x"))
    assert prog.list_updates(db, uuid) == []
    assert svc.get_commitment(db, uuid).status == "not_started"


def test_review_records_who_result_remark(db, world):
    a = add_commitment(db, world, "张三")
    b = add_commitment(db, world, "王喆")
    assert prog.review_commitments(db, [a, b], prog.ReviewInput("县政协委员工作室", "合格", "按期完成",
                                                                 dt.date(2023, 7, 5))) == 2
    d = svc.get_commitment(db, b)
    assert (d.reviewed_by, d.review_result, d.review_remark, d.reviewed_on) == (
        "县政协委员工作室", "合格", "按期完成", dt.date(2023, 7, 5))
    with pytest.raises(ValidationError):
        prog.review_commitments(db, [a], prog.ReviewInput("", "合格"))
    with pytest.raises(ValidationError):
        prog.review_commitments(db, [a], prog.ReviewInput("某人", "great"))
    with pytest.raises(ValidationError):
        prog.review_commitments(db, [a], prog.ReviewInput("某人", "不合格", "", dt.date(2022, 12, 1)))
    assert svc.get_commitment(db, a).review_result == "合格"
    prog.clear_review(db, [a])
    assert svc.get_commitment(db, a).review_result == ""
