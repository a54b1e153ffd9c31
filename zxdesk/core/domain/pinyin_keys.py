"""Search keys of a name: full pinyin (zhangsan) and initials (zs), for SQL filtering.

Surnames that read differently from the common word are given their surname reading
(曾 zeng, 单 shan, 解 xie …). Characters without a reading (rare ones, Latin letters)
are kept as they are, lower-cased.
"""

from __future__ import annotations

from functools import lru_cache

SURNAME_READINGS = {
    "曾": "zeng", "单": "shan", "解": "xie", "朴": "piao", "仇": "qiu", "区": "ou", "查": "zha",
    "翟": "zhai", "乐": "yue", "盖": "ge", "缪": "miao", "覃": "qin", "员": "yun", "召": "shao",
    "种": "chong", "秘": "bi", "繁": "po", "尉": "yu", "句": "gou",
    "能": "nai", "黑": "he", "訾": "zi", "阚": "kan", "过": "guo", "沈": "shen", "任": "ren",
    "藏": "zang", "祭": "zhai", "那": "na", "华": "hua", "纪": "ji", "薄": "bo", "宁": "ning",
    "重": "chong", "相": "xiang", "尉迟": "yu chi", "澹台": "tan tai", "令狐": "ling hu",
    "万俟": "mo qi", "长孙": "zhang sun",
}


@lru_cache(maxsize=16384)
def _char(ch: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(ch, errors=lambda chars: [chars])).lower()


def _syllables(text: str) -> list[str]:
    # Character by character (cached): a name is not a phrase, and this is what makes
    # importing 10,000 members fast.
    return [_char(ch) for ch in text if not ch.isspace()]


def name_syllables(name: str) -> list[str]:
    for n in (2, 1):
        reading = SURNAME_READINGS.get(name[:n])
        if reading is not None and len(name) > n:
            return [*reading.split(), *_syllables(name[n:])]
    return _syllables(name)


def search_keys(name: str) -> tuple[str, str]:
    """(full pinyin, initials) of a name: 张三 -> ('zhangsan', 'zs')."""
    syllables = [s for s in name_syllables(name) if s[:1].isalnum()]  # not the · of 阿依古丽·买买提
    pinyin = "".join(syllables)
    initials = "".join(s[0] for s in syllables)
    return pinyin[:120], initials[:20]
