"""Every rejection has its own message and leaves the database byte-identical."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest
from sqlalchemy import select

import syncsupport as sx
from zxdesk.core.storage.database import open_database
from zxdesk.core.storage.models import DutyRecord, Member, Station
from zxdesk.core.sync import errors, fileformat, sites


@pytest.fixture
def pair():
    with sx.scratch_dir() as tmp:
        folder = sx.Path(tmp)
        county = sx.county(folder)
        with county.write() as w:
            station = Station(name="东镇工作站", township="东镇")
            w.session.add(station)
            w.session.flush()
            member = Member(name="张三", phone="13900001111", id_number="230381199001011234",
                            station_uuid=station.uuid)
            w.session.add(member)
        ws = sx.workstation(folder, "东镇", county)
        sx.send(sx.roster(county, "东镇"), ws)
        with ws.write() as w:
            w.session.get(Member, member.uuid).phone = "13700000000"
            w.session.add(DutyRecord(member_uuid=member.uuid, duty_type="proposal", occurred_on=dt.date(2024, 5, 1),
                                     title="关于农村道路的提案", station_uuid=station.uuid))
        yield folder, county, ws, sx.changes(ws)
        county.dispose()
        ws.dispose()


def rejected(db, data: bytes, exc_type: type, *needles: str) -> errors.SyncError:
    before = sx.dump(db)
    with pytest.raises(exc_type) as err:
        sx.send(data, db)
    after = sx.dump(db)
    assert after == before
    message = err.value.one_line()
    for needle in needles:
        assert needle in message, message
    assert "\n" not in message and "错误" in message and "Error" in message
    return err.value


def repack(data: bytes, *, manifest=None, payload=None, signature=None) -> bytes:
    box = fileformat.unpack(data)
    return fileformat.pack(manifest if manifest is not None else box.manifest_bytes,
                           payload if payload is not None else box.payload,
                           signature if signature is not None else box.signature)


def resign(ws, manifest: dict) -> tuple[bytes, bytes]:
    raw = fileformat.encode_manifest(manifest)
    return raw, sites.site_keys(ws, sites.require_identity(ws)).sign_bytes(raw)


def test_a_good_file_imports(pair):
    _folder, county, _ws, data = pair
    report = sx.send(data, county)
    assert report.status == "imported" and report.applied > 0 and report.refused == 0


def test_not_a_sync_file(pair):
    _folder, county, _ws, _data = pair
    rejected(county, "这不是同步文件".encode(), errors.NotASyncFile, "不是 zxdesk 同步文件")
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("word/document.xml", "<w/>")
    rejected(county, other.getvalue(), errors.NotASyncFile, "不是 zxdesk 同步文件")


def test_truncated_or_corrupt(pair):
    _folder, county, _ws, data = pair
    rejected(county, data[: len(data) // 2], errors.CorruptFile, "不完整或已损坏")
    box = fileformat.unpack(data)
    start = data.index(b"payload.jsonl") + len("payload.jsonl")
    broken = bytearray(data)
    broken[start + 40] ^= 0xFF  # inside the deflated payload: the CRC no longer matches
    assert bytes(broken) != data and box.payload
    rejected(county, bytes(broken), errors.CorruptFile, "不完整或已损坏")


def test_zip_bomb_is_refused_before_reading():
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", "{}")
        zf.writestr("payload.jsonl", b"\0" * (64 * 1024 * 1024))
        zf.writestr("signature", b"x")
    with pytest.raises(errors.CorruptFile) as err:
        fileformat.unpack(bomb.getvalue())
    assert "压缩比" in err.value.zh


def test_from_another_county(pair):
    folder, county, ws, _data = pair
    other = sx.new_db(folder / "other-county.sqlite3")
    sites.setup(other, "county", "999999")
    stranger = sx.new_db(folder / "stranger.sqlite3")
    sites.setup(stranger, "workstation", "999999", "东镇")
    request, _ = sites.make_enroll_request(stranger)
    sites.enroll(other, sites.read_enroll_request(other, request))
    sx.send(sx.roster(other, "东镇"), stranger)
    rejected(county, sx.changes(stranger), errors.WrongCounty, "其他县", "999999")


def test_from_an_unknown_workstation(pair):
    folder, county, _ws, data = pair
    second = sx.new_db(folder / "second-county.sqlite3")
    sites.setup(second, "county", sx.COUNTY)
    rejected(second, data, errors.UnknownSite, "未登记")


def test_from_a_revoked_workstation(pair):
    _folder, county, _ws, data = pair
    sites.revoke(county, "东镇")
    rejected(county, data, errors.RevokedSite, "已被吊销")


def test_bad_signature(pair):
    _folder, county, _ws, data = pair
    manifest = json.loads(fileformat.unpack(data).manifest_bytes)
    manifest["created"] = "2020-01-01T00:00:00Z"
    rejected(county, repack(data, manifest=fileformat.encode_manifest(manifest)), errors.BadSignature, "签名无效")


def test_hash_mismatch(pair):
    _folder, county, _ws, data = pair
    payload = fileformat.unpack(data).payload.replace("关于农村道路".encode(), "关于城市道路".encode())
    rejected(county, repack(data, payload=payload), errors.HashMismatch, "校验值不符")


def test_made_by_a_newer_zxdesk(pair):
    _folder, county, ws, data = pair
    manifest = json.loads(fileformat.unpack(data).manifest_bytes)
    manifest.update(format_version=fileformat.FORMAT_VERSION + 1, min_reader_version="9.2.0")
    raw, sig = resign(ws, manifest)
    err = rejected(county, repack(data, manifest=raw, signature=sig), errors.TooNew, "update to ≥ 9.2.0")
    assert "更新到 ≥ 9.2.0" in err.zh


def test_same_change_id_with_different_content(pair):
    """The workstation's database was restored from a backup and reused its numbers."""
    folder, county, ws, data = pair
    sx.send(data, county)
    sx.copy_db(ws, folder / "backup.sqlite3")
    with ws.write() as w:
        w.session.execute(select(Member)).scalars().first().note = "原电脑上的修改"
    sx.send(sx.changes(ws), county)
    restored = open_database(folder / "backup.sqlite3")
    with restored.write() as w:
        w.session.execute(select(Member)).scalars().first().note = "恢复备份后的另一处修改"
    rejected(county, sx.changes(restored), errors.ChangeIdClash, "内容不同", "备份恢复")
    restored.dispose()


def test_sequence_gap_names_the_file_to_import_first(pair):
    """The county's database was restored from a backup made before file 1."""
    folder, county, ws, data = pair
    backup = sx.copy_db(county, folder / "county-backup.sqlite3")
    from zxdesk.core.sync import export

    first = export.export_file(ws, folder / "东镇-第1号.zxsync")
    sx.send(fileformat.read_path(folder / "东镇-第1号.zxsync"), county)
    sx.send(sx.roster(county, "东镇"), ws)  # the workstation now holds the county's ack
    with ws.write() as w:
        w.session.execute(select(Member)).scalars().first().note = "新的备注"
    second = sx.changes(ws)
    old_county = open_database(backup)
    err = rejected(old_county, second, errors.SequenceGap, "东镇-第1号.zxsync", f"第 {first.file_no} 号文件")
    assert "请先导入" in err.zh
    assert first.file_no >= 1
    old_county.dispose()


def test_roster_for_another_workstation(pair):
    folder, county, ws, _data = pair
    other = sx.workstation(folder, "西镇", county)
    rejected(other, sx.roster(county, "东镇"), errors.WrongRecipient, "发给其他站点")
    rejected(county, sx.roster(county, "东镇"), errors.WrongRecipient, "应在乡镇工作站导入")


def test_invalid_line_after_a_valid_signature(pair):
    _folder, county, ws, data = pair
    box = fileformat.unpack(data)
    payload = box.payload + b'["c","zz",1]\n'
    manifest = json.loads(box.manifest_bytes)
    import hashlib

    manifest.update(payload_sha256=hashlib.sha256(payload).hexdigest(), payload_size=len(payload))
    raw, sig = resign(ws, manifest)
    rejected(county, repack(data, manifest=raw, payload=payload, signature=sig), errors.InvalidContent, "行")


def test_importing_twice_changes_nothing(pair):
    _folder, county, _ws, data = pair
    sx.send(data, county)
    before = sx.dump(county)
    report = sx.send(data, county)
    assert report.status == "already_imported" and report.applied == 0
    assert sx.dump(county) == before


def test_dry_run_changes_nothing_and_reports_the_same(pair):
    _folder, county, _ws, data = pair
    before = sx.dump(county)
    dry = sx.send(data, county, dry_run=True)
    assert sx.dump(county) == before
    real = sx.send(data, county)
    assert dry.status == "dry_run" and real.status == "imported"
    assert (dry.applied, dry.skipped, dry.conflicts, dry.refused) == (real.applied, real.skipped, real.conflicts,
                                                                      real.refused)
