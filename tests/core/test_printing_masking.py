"""Masking of personal data on printouts."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zxdesk.core.documents.masking import Redactor, mask_name, mask_phone, split_names


@pytest.mark.parametrize("phone, masked", [
    ("13912347890", "139****7890"),
    ("139 1234 7890", "139****7890"),
    ("+86 139-1234-7890", "139****7890"),
    ("0451-86123456", "0451-****3456"),
    ("045186123456", "0451-****3456"),
    ("010-6512345", "010-****2345"),
    ("", ""),
    ("12345", "****5"), ("12345678", "******78"),
])
def test_mask_phone(phone, masked):
    assert mask_phone(phone) == masked


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_masked_mobile_never_shows_the_middle(phone):
    masked = mask_phone(phone)
    assert masked == phone[:3] + "****" + phone[-4:]
    assert phone not in masked and phone[3:7] not in masked[3:7]


@pytest.mark.parametrize("name, masked", [
    ("张三丰", "张**"), ("张三", "张*"), ("欧阳修", "欧阳*"), ("诸葛孔明", "诸葛**"),
    ("欧阳", "欧*"), ("王", "*"), ("阿依古丽·买买提", "阿*******"), ("Tom", "T**"), ("  李四 ", "李*"),
])
def test_mask_name(name, masked):
    assert mask_name(name) == masked


def test_split_names_accepts_lines_commas_and_dun():
    assert split_names("张三\n李四、王五，赵六;孙七") == ["张三", "李四", "王五", "赵六", "孙七"]


def test_redactor_removes_ids_masks_phones_and_residents_but_keeps_members():
    redact = Redactor(["贾宝玉", "林黛玉", "张伟"], keep_names=["张伟"])
    text = "调解贾宝玉与林黛玉纠纷，联系13800001111、0454-2223344，身份证23030219800101123X，委员张伟参加"
    out = redact(text)
    assert "贾宝玉" not in out and "贾**" in out and "林**" in out
    assert "13800001111" not in out and "138****1111" in out
    assert "0454-****3344" in out
    assert "23030219800101123X" not in out and "（证件号已隐去）" in out
    assert "张伟" in out  # a member's name is public


def test_redactor_leaves_dates_and_counts_alone():
    redact = Redactor()
    assert redact("2023-05-18 新增车位86个，投资1200000元") == "2023-05-18 新增车位86个，投资1200000元"
