"""The container and the stick: shapes, caps, versions, and writing that is checked."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from zxdesk.core.sync import atomic_write, fileformat
from zxdesk.core.sync.errors import CorruptFile, NotASyncFile, TooNew, WriteVerifyFailed


def manifest(**extra) -> bytes:
    base = {"kind": "changes", "county": "230381", "site": "a1", "site_name": "东镇", "role": "workstation",
            "recipient": "b2", "key_id": "k", "sign_pub": "", "enc_pub": "", "file_id": "f" * 32, "file_no": 1,
            "created": "2024-05-01T08:00:00Z", "ranges": {"a1": [0, 3]}, "counts": {}, "payload_sha256": "0",
            "payload_size": 0}
    return fileformat.encode_manifest({**base, **extra})


def test_pack_and_unpack_round_trip():
    data = fileformat.pack(manifest(), b'["k","x",1]\n', b"sig")
    box = fileformat.unpack(data)
    assert (box.payload, box.signature) == (b'["k","x",1]\n', b"sig")
    assert fileformat.parse_manifest(box.manifest_bytes)["site_name"] == "东镇"


def test_extra_or_missing_members_are_not_a_sync_file():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name in ("manifest.json", "payload.jsonl", "signature", "../evil.sh"):
            zf.writestr(name, "x")
    with pytest.raises(NotASyncFile):
        fileformat.unpack(out.getvalue())


def test_a_newer_reader_version_asks_for_an_update():
    with pytest.raises(TooNew) as err:
        fileformat.parse_manifest(manifest(min_reader_version="3.1.4"))
    assert "≥ 3.1.4" in err.value.zh and "update to ≥ 3.1.4" in err.value.en
    with pytest.raises(TooNew):
        fileformat.parse_manifest(manifest(schema_version="9999"))


def test_a_manifest_without_its_fields_is_corrupt():
    raw = json.loads(manifest())
    del raw["file_id"]
    with pytest.raises(CorruptFile):
        fileformat.parse_manifest(json.dumps(raw).encode())
    with pytest.raises(CorruptFile):
        fileformat.parse_manifest(manifest(ranges={"a1": [5, 2]}))
    with pytest.raises(NotASyncFile):
        fileformat.parse_manifest(b'{"format": "something-else"}')


def test_writing_checks_what_it_wrote(tmp_path, monkeypatch):
    target = tmp_path / "stick" / "file.zxsync"
    with pytest.raises(WriteVerifyFailed, match="不存在"):
        atomic_write.write_verified(target, b"data")
    target.parent.mkdir()
    digest = atomic_write.write_verified(target, b"data")
    assert target.read_bytes() == b"data" and len(digest) == 64
    assert [p.name for p in target.parent.iterdir()] == ["file.zxsync"]  # no temporary left behind
    monkeypatch.setattr(atomic_write, "_read_back", lambda path: b"dat")  # a stick that lies
    with pytest.raises(WriteVerifyFailed, match="换一个U盘"):
        atomic_write.write_verified(target, b"data")
