"""Resident ID numbers (GB 11643) and mobile phone numbers for demo members.

An ID number is: a 6-digit region code, the birth date YYYYMMDD, a 3-digit sequence
whose last digit is odd for men and even for women, and an ISO 7064 MOD 11-2 check
character (0-9 or X). Region codes are those in use in the member's birth year: the
counties of Jiamusi carried 2324xx codes (合江地区) until 1984 and 2308xx after.
"""

from __future__ import annotations

import datetime as dt
import random

# Birthplace -> (region code, first year, last year) with None for open ends.
REGIONS: dict[str, tuple[tuple[str, int | None, int | None], ...]] = {
    "桦南县": (("232422", None, 1984), ("230822", 1984, None)),
    "桦川县": (("232426", None, 1984), ("230826", 1984, None)),
    "汤原县": (("232428", None, 1984), ("230828", 1984, None)),
    "佳木斯市": (("232401", None, 1984), ("230803", 1983, None), ("230804", 1983, None)),
    "勃利县": (("232424", None, 1983), ("230921", 1983, None)),
    "嘉荫县": (("230722", None, None),),
}
BIRTHPLACES = tuple(REGIONS)
BIRTHPLACE_WEIGHTS = (70, 7, 6, 11, 3, 3)

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)

MOBILE_PREFIXES = (
    "134", "135", "136", "137", "138", "139", "147", "150", "151", "152", "157", "158", "159",
    "178", "182", "183", "184", "187", "188", "198", "130", "131", "132", "145", "155", "156",
    "166", "175", "176", "185", "186", "133", "149", "153", "173", "177", "180", "181", "189",
    "191", "199",
)


def check_character(first17: str) -> str:
    """The GB 11643 check character of the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def region_code(rng: random.Random, birthplace: str, year: int) -> str:
    codes = [c for c, first, last in REGIONS[birthplace] if (first or 0) <= year <= (last or 9999)]
    return rng.choice(codes)


def id_number(rng: random.Random, birthplace: str, birth: dt.date, male: bool, used: set[str]) -> str:
    """A valid, not yet used ID number for a person born at birthplace on birth."""
    region = region_code(rng, birthplace, birth.year)
    body = f"{region}{birth:%Y%m%d}"
    while True:
        seq = rng.randrange(1 if male else 2, 1000, 2)  # odd for men, even for women
        first17 = f"{body}{seq:03d}"
        number = first17 + check_character(first17)
        if number not in used:
            used.add(number)
            return number


def mobile(rng: random.Random, used: set[str]) -> str:
    """An 11-digit mainland mobile number with a real operator prefix, not yet used."""
    while True:
        number = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(100_000_000):08d}"
        if number not in used:
            used.add(number)
            return number


def landline(rng: random.Random, area: str = "0454") -> str:
    """A Jiamusi-area landline such as 0454-6123456 (桦南 numbers start with 6)."""
    return f"{area}-6{rng.randrange(1_000_000):06d}"
