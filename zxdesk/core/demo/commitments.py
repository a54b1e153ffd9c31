"""Half-yearly public commitments (亮承诺), their deeds, progress and review (践诺)."""

from __future__ import annotations

import datetime as dt
import random

from ..domain.vocab import period_label
from ..storage.models import Commitment, CommitmentDeed, CommitmentUpdate, CommitmentUpdateRecord
from . import phrases as ph
from .context import AS_OF, PERIODS, Demo
from .duties import sector_word
from .places import VILLAGE_STEMS

WHO = {"member": "本人", "group": "本组委员", "branch": "本支部党员委员"}
CATEGORIES = {"member": ph.COMMITMENT_CATEGORIES, "group": ph.GROUP_CATEGORIES, "branch": ph.BRANCH_CATEGORIES}


def period_bounds(period: str) -> tuple[int, int]:
    year, first_half = int(period[:4]), period.endswith("H1")
    start = dt.date(year, 1 if first_half else 7, 1)
    end = dt.date(year, 6, 30) if first_half else dt.date(year, 12, 31)
    return start.toordinal(), end.toordinal()


# A slot: (period index, owner type, owner uuid, station uuid, member index or -1, sector)
Slot = tuple[int, str, str, str | None, int, str]


def _slots(demo: Demo, rng: random.Random) -> list[Slot]:
    """Who commits in which period: every group and branch, every serving member, then extras."""
    slots: list[Slot] = []
    member_slots: list[int] = []
    for p, period in enumerate(PERIODS):
        ps, pe = period_bounds(period)
        for uuid, kind, station, chosen in demo.groups:
            st_uuid = None if station is None else demo.stations[station].uuid
            sector = demo.members[chosen[0]].sector if chosen else "中共"
            slots.append((p, kind, uuid, st_uuid if kind == "group" else None, -1, sector))
        for i, m in enumerate(demo.members):
            if min(m.end, pe) - max(m.start, ps) >= 60:
                member_slots.append(len(slots))
                slots.append((p, "member", m.uuid, demo.stations[m.station].uuid, i, m.sector))
    target = demo.scale.commitments
    if len(slots) >= target:
        keep = sorted(rng.sample(range(len(slots)), target))
        return [slots[k] for k in keep]
    times = [1] * len(slots)
    for k in rng.choices(member_slots, k=target - len(slots)):
        times[k] += 1
    return [s for s, t in zip(slots, times, strict=True) for _ in range(t)]


def build_commitments(demo: Demo) -> None:
    rng = demo.rng("commitments")
    as_of = AS_OF.toordinal()
    commitments, deeds, updates, links = [], [], [], []
    pending: dict[str, str] = {}  # owner -> an unfulfilled commitment of the previous period
    carried_now: dict[str, str] = {}
    current_period = -1
    slots = _slots(demo, rng)
    for n, (p, kind, owner, station, member, sector) in enumerate(slots):
        if p != current_period:
            pending, carried_now, current_period = carried_now, {}, p
        period = PERIODS[p]
        ps, pe = period_bounds(period)
        past = pe < as_of
        uuid = demo.uid(rng)
        published = ps + rng.randint(5, 40)
        carried = pending.pop(owner, None) if rng.random() < 0.5 else None
        r = rng.random()
        if past:
            status = "fulfilled" if r < 0.86 else "unfulfilled"
        else:
            status = "in_progress" if r < 0.62 else "fulfilled" if r < 0.87 else "not_started"
        if status == "unfulfilled":
            carried_now[owner] = uuid
        v = f"{demo.stations[rng.randrange(len(demo.stations))].township}{rng.choice(VILLAGE_STEMS)}村"
        texts = []
        for template, lo, hi in rng.sample(ph.PLEDGES, rng.choices((1, 2, 3), (35, 40, 25))[0]):
            texts.append(template.format(x=rng.choice(ph.ISSUES)[0], n=rng.randint(lo, hi), s=sector_word(sector),
                                         v=v, b=rng.choice(ph.BOOKS)))
        prefix = "（上期结转）" if carried else ""
        content = f"{prefix}{period_label(period)}，{WHO[kind]}承诺：" + "；".join(texts) + "。"
        row = {
            "uuid": uuid, "period": period, "owner_type": kind, "owner_uuid": owner, "station_uuid": station,
            "category": rng.choice(CATEGORIES[kind]), "content": content, "published_on": demo.date(published),
            "status": status, "reason": "", "carried_from_uuid": carried, "reviewed_by": "", "review_result": "",
            "review_remark": "", "reviewed_on": None, "deleted": False,
        }
        if status == "unfulfilled":
            reasons = ph.UNFULFILLED_REASONS if period.startswith("2022") else ph.UNFULFILLED_REASONS[1:]
            row["reason"] = rng.choice(reasons)
        if past:
            result = (rng.choices(("优秀", "合格"), (30, 70)) if status == "fulfilled"
                      else rng.choices(("基本合格", "不合格"), (60, 40)))[0]
            row.update(reviewed_by=rng.choice(ph.REVIEWERS), review_result=result,
                       review_remark=rng.choice(ph.REVIEW_REMARKS[result]),
                       reviewed_on=demo.date(min(as_of, pe + rng.randint(5, 30))))
        commitments.append(row)
        last = min(pe, as_of)
        for k, text in enumerate(texts):
            target = rng.randint(min(published + 20, pe), pe)
            done = None
            if status == "fulfilled" or (status == "unfulfilled" and k == 0 and rng.random() < 0.5) or (
                    status == "in_progress" and rng.random() < 0.4):
                done = demo.date(rng.randint(published + 5, max(published + 5, min(target + 15, last))))
            deeds.append({"uuid": demo.uid(rng), "commitment_uuid": uuid, "text": text,
                          "target_on": demo.date(target), "done_on": done, "deleted": False})
        if status != "not_started" and rng.random() < 0.5:
            for _ in range(rng.choice((1, 1, 2))):
                _update(demo, rng, uuid, member, published, ps, pe, last, updates, links)
        if n % 2000 == 0:
            demo.within(n / len(slots) * 0.7)
    demo.insert(Commitment, commitments)
    demo.insert(CommitmentDeed, deeds)
    demo.insert(CommitmentUpdate, updates)
    demo.insert(CommitmentUpdateRecord, links)


def _update(demo, rng, commitment, member, published, ps, pe, last, updates, links) -> None:
    day = rng.randint(min(published + 10, last), last)
    text = rng.choice(ph.UPDATES).format(a=rng.randint(2, 8), b=rng.randint(3, 30), p=rng.randint(3, 9) * 10)
    uuid = demo.uid(rng)
    updates.append({"uuid": uuid, "commitment_uuid": commitment, "updated_on": demo.date(day), "text": text,
                    "deleted": False})
    if member >= 0 and rng.random() < 0.35:
        done = [u for d, u in demo.deed_records.get(member, ()) if ps <= d <= pe]
        if done:
            links.append({"uuid": demo.uid(rng), "update_uuid": uuid, "duty_record_uuid": rng.choice(done),
                          "deleted": False})
