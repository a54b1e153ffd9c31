"""The bundled font's coverage check: rare name characters are drawn, others are named."""

from zxdesk.core.documents.fonts import PLACEHOLDER, describe, missing_characters, printable


def test_rare_name_characters_are_covered():
    assert missing_characters("刘䶮 张喆 王赟 欧阳修 㐀") == []


def test_characters_outside_the_font_are_named_once_in_order():
    text = "张𠮷𠮷😀明"
    assert missing_characters(text) == ["𠮷", "😀"]


def test_format_and_space_characters_are_not_reported():
    # zero-width joiner, variation selector, tab, newline, ideographic space
    assert missing_characters("张\u200d三\ufe0f\t\n\u3000") == []
    assert missing_characters("") == []


def test_printable_puts_a_visible_placeholder_for_missing_characters():
    assert printable("张𠮷") == f"张{PLACEHOLDER}"
    assert printable("刘䶮") == "刘䶮"
    assert printable("a\u200db") == "ab"


def test_describe_names_codepoints():
    assert describe(["𠮷", "😀"]) == "𠮷 (U+20BB7)、😀 (U+1F600)"
