"""Members with their terms, activity groups and sector party branches."""

from __future__ import annotations

import datetime as dt

from ..storage.models import GroupMember, Member, MemberTerm, OrgGroup
from . import places
from .context import AS_OF, START, Demo, MemberInfo
from .identity import BIRTHPLACE_WEIGHTS, BIRTHPLACES, id_number, mobile
from .names import NameMaker, pinyin_of

# (term, started, ended) per level: the current term last.
TERMS: dict[str, tuple[tuple[str, dt.date, dt.date | None], ...]] = {
    "国家": (("第十三届", dt.date(2018, 3, 3), dt.date(2023, 3, 4)), ("第十四届", dt.date(2023, 3, 4), None)),
    "省": (("第十二届", dt.date(2018, 1, 25), dt.date(2023, 1, 12)), ("第十三届", dt.date(2023, 1, 12), None)),
    "市": (("第十四届", dt.date(2016, 12, 26), dt.date(2021, 12, 27)), ("第十五届", dt.date(2021, 12, 27), None)),
    "县": (("第九届", dt.date(2016, 12, 20), dt.date(2021, 12, 20)), ("第十届", dt.date(2021, 12, 20), None)),
}

SECTOR_WEIGHTS = {
    "中共": 15, "民革": 2, "民盟": 3, "民建": 3, "民进": 2, "农工党": 2, "致公党": 1, "九三学社": 2,
    "无党派人士": 3, "共青团": 2, "工会": 2, "妇联": 3, "工商联": 6, "科技界": 3, "经济界": 10,
    "农业和农村界": 10, "教育界": 9, "医药卫生界": 8, "社会福利和社会保障界": 3, "文化艺术界": 3,
    "体育界": 1, "新闻出版界": 1, "少数民族界": 2, "宗教界": 1, "特邀人士": 2, "退役军人": 2,
}
SECTOR_PARTY = {
    "中共": "中共党员", "民革": "民革党员", "民盟": "民盟盟员", "民建": "民建会员", "民进": "民进会员",
    "农工党": "农工党党员", "致公党": "致公党党员", "九三学社": "九三学社社员", "无党派人士": "无党派人士",
    "宗教界": "群众",
}
MINORITIES = ("满族", "朝鲜族", "蒙古族", "回族", "赫哲族")
MINORITY_WEIGHTS = (45, 25, 12, 13, 5)
EDUCATIONS = ("研究生", "大学本科", "大学专科", "中专", "高中")
EDUCATION_WEIGHTS = (12, 55, 20, 8, 5)
LEFT_NOTES = ("因工作调动离任", "因退休离任", "因健康原因辞去委员职务", "因工作变动不再担任委员")
# Sectors that have a party branch (界别党支部) at county scale.
BRANCH_SECTORS = (
    "中共", "共青团", "工会", "妇联", "工商联", "科技界", "经济界", "农业和农村界", "教育界", "医药卫生界",
    "社会福利和社会保障界", "文化艺术界", "体育界", "新闻出版界", "少数民族界", "特邀人士",
)
_CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1..99 in Chinese numerals (第二, 第十五)."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _CN_DIGITS[ones]
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


def _levels(n: int) -> list[str]:
    national, provincial, city = round(n * 0.005), round(n * 0.03), round(n * 0.165)
    return ["国家"] * national + ["省"] * provincial + ["市"] * city + ["县"] * (n - national - provincial - city)


def build_members(demo: Demo) -> None:
    rng = demo.rng("members")
    names = NameMaker(demo.rng("member-names"))
    n = demo.scale.members
    levels = _levels(n)
    rng.shuffle(levels)
    county_positions = [i for i, lv in enumerate(levels) if lv == "县"]
    vice = max(1, min(8, round(len(county_positions) * 0.0075)))
    standing = max(2, round(len(county_positions) * 0.08))
    roles = ["委员"] * n
    for k, i in enumerate(county_positions[: 1 + vice + standing]):
        roles[i] = "主席" if k == 0 else "副主席" if k <= vice else "常委"
    for i, level in enumerate(levels):
        if level != "县" and rng.random() < 0.1:
            roles[i] = "常委"
    # Every station gets at least three members, the rest go where stations are busier.
    n_st = len(demo.stations)
    weights = [rng.uniform(0.6, 1.4) for _ in range(n_st)]
    home = [i % n_st for i in range(min(n, 3 * n_st))]
    home += rng.choices(range(n_st), weights, k=n - len(home))
    rng.shuffle(home)

    sectors, sector_w = list(SECTOR_WEIGHTS), list(SECTOR_WEIGHTS.values())
    used_ids: set[str] = set()
    used_phones: set[str] = set()
    used_names: set[str] = set()
    rows, terms = [], []
    start_day, as_of = START.toordinal(), AS_OF.toordinal()
    for i in range(n):
        level, role = levels[i], roles[i]
        sector = "中共" if role == "主席" else rng.choices(sectors, sector_w)[0]
        male = rng.random() < (0.1 if sector == "妇联" else 0.68)
        if sector == "少数民族界" or rng.random() < 0.06:
            ethnicity = rng.choices(MINORITIES, MINORITY_WEIGHTS)[0]
        else:
            ethnicity = "汉族"
        while True:
            name = names.person(male, ethnicity=ethnicity, rare=i % 29 == 3, compound=i % 97 == 50)
            if name not in used_names:
                used_names.add(name)
                break
        party = SECTOR_PARTY.get(sector)
        if party is None:
            party = rng.choices(("中共党员", "群众", "无党派人士"), (55, 40, 5))[0]
        oldest, youngest = (1958, 1980) if level in ("国家", "省") else (1960, 1994)
        birth = dt.date(rng.randint(oldest, youngest), rng.randint(1, 12), rng.randint(1, 28))
        station = demo.stations[home[i]]
        if role in ("主席", "副主席") and (role == "主席" or rng.random() < 0.7):
            unit, title = places.COMMITTEE_NAME, role
        else:
            unit, title = places.unit_and_title(rng, sector, level, station.township)

        (prev_term, prev_start, prev_end), (term, term_start, _) = TERMS[level]
        joined, left, note, status = term_start, None, "", "在任"
        served_before = rng.random() < (0.7 if level in ("国家", "省") else 0.4)
        if served_before:
            joined = prev_start
        roll = rng.random()
        if roll > 0.94 and not served_before:
            joined = dt.date.fromordinal(rng.randint(dt.date(2023, 1, 5).toordinal(), dt.date(2024, 6, 30).toordinal()))
            note = "增补委员"
        elif roll < 0.06:  # left during the term, at least three months after joining
            first_left = max(dt.date(2022, 4, 1), joined + dt.timedelta(days=90)).toordinal()
            left = dt.date.fromordinal(rng.randint(first_left, dt.date(2024, 11, 30).toordinal()))
            status, note = "离任", rng.choice(LEFT_NOTES)
        uuid = demo.uid(rng)
        full, initials = pinyin_of(name)
        rows.append({
            "uuid": uuid, "name": name, "name_pinyin": full, "name_initials": initials,
            "gender": "男" if male else "女", "ethnicity": ethnicity, "birth": f"{birth:%Y-%m}",
            "party": party, "sector_uuid": demo.sectors[sector], "station_uuid": station.uuid,
            "unit": unit, "title": title, "phone": mobile(rng, used_phones),
            "id_number": id_number(rng, rng.choices(BIRTHPLACES, BIRTHPLACE_WEIGHTS)[0], birth, male, used_ids),
            "education": rng.choices(EDUCATIONS, EDUCATION_WEIGHTS)[0], "level": level, "term": term,
            "role": role, "status": status, "joined_on": joined, "left_on": left, "photo_sha256": "",
            "note": note, "deleted": False,
        })
        if served_before:
            terms.append({
                "uuid": demo.uid(rng), "member_uuid": uuid, "term": prev_term, "level": level, "role": "委员",
                "started_on": prev_start, "ended_on": prev_end, "deleted": False,
            })
        terms.append({
            "uuid": demo.uid(rng), "member_uuid": uuid, "term": term, "level": level, "role": role,
            "started_on": max(term_start, joined), "ended_on": left, "deleted": False,
        })
        first = max(joined.toordinal(), start_day)
        last = min(left.toordinal(), as_of) if left else as_of
        demo.members.append(MemberInfo(uuid, name, home[i], sector, party, level, first, last))
        station.members.append(i)
    demo.insert(Member, rows)
    demo.insert(MemberTerm, terms)
    build_groups(demo)


def build_groups(demo: Demo) -> None:
    """委员活动组 at the stations and 界别党支部 of the sectors, with their members."""
    rng = demo.rng("groups")
    groups, links = [], []
    n_st = len(demo.stations)
    for i in range(demo.scale.groups):
        st = i % n_st
        station = demo.stations[st]
        nth = i // n_st
        name = f"{station.place}{'' if nth == 0 else '第' + chinese_number(nth + 1)}委员活动组"
        pool = station.members
        chosen = rng.sample(pool, min(len(pool), rng.randint(6, 12)))
        roles = ["组长", "副组长"] + ["成员"] * len(chosen)
        _group(demo, rng, groups, links, "group", name, None, st, chosen, roles)
    party_members: dict[str, list[int]] = {}
    for i, m in enumerate(demo.members):
        if m.party == "中共党员":
            party_members.setdefault(m.sector, []).append(i)
    all_party = [i for lst in party_members.values() for i in lst]
    for i in range(demo.scale.branches):
        sector = BRANCH_SECTORS[i % len(BRANCH_SECTORS)]
        nth = i // len(BRANCH_SECTORS)
        base = f"{sector}党支部" if sector.endswith("界") else f"{sector}界别党支部"
        name = base if nth == 0 else base.replace("党支部", f"第{chinese_number(nth + 1)}党支部")
        pool = party_members.get(sector) or all_party
        chosen = rng.sample(pool, min(len(pool), rng.randint(8, 30) if nth == 0 else rng.randint(5, 12)))
        roles = ["书记", "副书记", "组织委员", "宣传委员"] + ["成员"] * len(chosen)
        _group(demo, rng, groups, links, "branch", name, demo.sectors[sector], None, chosen, roles)
    demo.insert(OrgGroup, groups)
    demo.insert(GroupMember, links)


def _group(demo, rng, groups, links, kind, name, sector_uuid, station, chosen, roles) -> None:
    uuid = demo.uid(rng)
    groups.append({
        "uuid": uuid, "kind": kind, "name": name, "sector_uuid": sector_uuid,
        "station_uuid": None if station is None else demo.stations[station].uuid,
        "leader_uuid": demo.members[chosen[0]].uuid if chosen else None, "deleted": False,
    })
    for idx, role in zip(chosen, roles, strict=False):
        links.append({"uuid": demo.uid(rng), "group_uuid": uuid, "member_uuid": demo.members[idx].uuid,
                      "role": role, "deleted": False})
    demo.groups.append((uuid, kind, station, chosen))
