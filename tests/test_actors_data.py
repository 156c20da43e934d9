"""Consistency checks for the actor lexicon data (lexicon/actors/*.yaml).

Loader-independent: reads the YAML with PyYAML and checks names against CLDR through babel, so
the data can be validated before (and apart from) termtrack's own loader.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest
import yaml
from babel import Locale

ACTORS = Path(__file__).resolve().parents[1] / "lexicon" / "actors"

REQUIRED_ORGS = {
    "ORG:EU",
    "ORG:ASEAN",
    "ORG:AFRICA",
    "ORG:ARAB",
    "ORG:LATAM",
    "ORG:CENTRAL_ASIA",
    "ORG:PACIFIC",
    "ORG:SCO",
}
# Groups China belongs to: a label attached to them is not a China–partner dyad.
CHINA_MEMBER_ORGS = {"ORG:BRICS", "ORG:G20", "ORG:APEC", "ORG:ASEM", "ORG:LMC", "ORG:UN"}

# The well-known ambiguous dyad abbreviations (shared/domain/partnerships.md and the task
# brief): each abbreviation must be listed for at least these countries.
AMBIGUOUS_ABBR = {
    "巴": {"PAK", "BRA", "PAN"},
    "马": {"MYS", "MDV", "MLI", "MWI"},
    "尼": {"NPL", "NGA", "NER", "NIC"},
    "塞": {"SRB", "SEN", "SLE", "CYP", "SYC"},
    "乌": {"UZB", "UKR", "URY", "UGA"},
    "土": {"TKM", "TUR"},
    "新": {"SGP", "NZL"},
    "毛": {"MRT", "MUS"},
    "哥": {"CRI", "COL"},
    "阿": {"ARE", "ARG", "DZA", "AFG", "ALB"},
    "伊": {"IRN", "IRQ"},
    "瑞": {"CHE", "SWE"},
    "南": {"ZAF", "SSD"},
}
# Unambiguous-enough abbreviations named in the brief: abbreviation -> a country that has it.
_SINGLE_ABBR_TEXT = (
    "白:BLR 几:GIN 坦:TZA 委:VEN 厄:ECU 特:TTO 汤:TON 孟:BGD 哈:KAZ 吉:KGZ 塔:TJK 俄:RUS "
    "美:USA 英:GBR 法:FRA 德:DEU 意:ITA 西:ESP 葡:PRT 希:GRC 匈:HUN 波:POL 捷:CZE 日:JPN "
    "韩:KOR 朝:PRK 印:IND 印尼:IDN 越:VNM 老:LAO 柬:KHM 缅:MMR 泰:THA 菲:PHL 澳:AUS 加:CAN "
    "墨:MEX 秘:PER 智:CHL 古:CUB 埃:EGY 埃塞:ETH 肯:KEN 沙:SAU 以:ISR 蒙:MNG 斯:LKA 丹:DNK "
    "奥:AUT 荷:NLD 比:BEL 爱:IRL 芬:FIN 挪:NOR 冰:ISL 巴新:PNG"
)
SINGLE_ABBR = dict(pair.split(":") for pair in _SINGLE_ABBR_TEXT.split())
NOT_COUNTRIES = {"TW", "HK", "MO"}  # Taiwan, Hong Kong, Macao: not sovereign states


def _load(name: str):
    with open(ACTORS / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@cache
def countries() -> list[dict]:
    return _load("countries.yaml")


@cache
def organisations() -> list[dict]:
    return _load("organisations.yaml")


@cache
def leaders() -> list[dict]:
    return _load("leaders.yaml")


@cache
def territories(lang: str) -> dict:
    return dict(Locale(lang).territories)


def _is_str_list(value) -> bool:
    return isinstance(value, list) and all(
        isinstance(s, str) and s.strip() == s and s for s in value
    )


# --- countries ----------------------------------------------------------------------------------


def test_countries_is_a_nonempty_list():
    data = countries()
    assert isinstance(data, list)
    # 192 UN members (China itself is left out) + Palestine, Holy See, Cook Islands, Niue
    assert len(data) >= 193


def test_iso3_unique_and_well_formed():
    seen = set()
    for entry in countries():
        code = entry["iso3"]
        assert isinstance(code, str) and re.fullmatch(r"[A-Z]{3}", code), code
        assert code not in seen, f"duplicate iso3 {code}"
        seen.add(code)


def test_iso2_unique_and_in_cldr():
    en, zh = territories("en"), territories("zh")
    seen = set()
    for entry in countries():
        code = entry["iso2"]
        assert isinstance(code, str) and re.fullmatch(r"[A-Z]{2}", code), (entry["iso3"], code)
        assert code not in seen, f"duplicate iso2 {code}"
        seen.add(code)
        assert code in en, f"{entry['iso3']}: iso2 {code} not a CLDR territory (en)"
        assert code in zh, f"{entry['iso3']}: iso2 {code} not a CLDR territory (zh)"


def test_no_taiwan_hong_kong_macao_or_china():
    codes2 = {e["iso2"] for e in countries()}
    codes3 = {e["iso3"] for e in countries()}
    assert not codes2 & NOT_COUNTRIES
    assert not codes3 & {"TWN", "HKG", "MAC", "CHN"}


def test_country_fields_have_the_right_shape():
    for entry in countries():
        iso3 = entry["iso3"]
        for key in ("en", "zh", "abbr", "demonyms"):
            assert key in entry, f"{iso3}: missing {key}"
            assert _is_str_list(entry[key]), f"{iso3}: {key} must be a list of trimmed strings"
            assert len(set(entry[key])) == len(entry[key]), f"{iso3}: duplicate in {key}"
        for abbr in entry["abbr"]:
            assert 1 <= len(abbr) <= 3, f"{iso3}: abbreviation {abbr!r} too long"
            assert not re.search(r"[A-Za-z\s]", abbr), f"{iso3}: abbreviation {abbr!r}"
        for form in entry["zh"]:
            assert not re.search(r"[A-Za-z]", form), f"{iso3}: zh form {form!r} has Latin letters"
        metonyms = entry.get("metonyms")
        if metonyms is not None:
            assert set(metonyms) <= {"en", "zh"}, iso3
            for key in ("en", "zh"):
                assert _is_str_list(metonyms.get(key, [])), f"{iso3}: metonyms.{key}"


def test_every_capital_has_en_and_zh():
    for entry in countries():
        capital = entry.get("capital")
        assert isinstance(capital, dict), f"{entry['iso3']}: capital missing"
        for key in ("en", "zh"):
            value = capital.get(key)
            assert isinstance(value, str) and value.strip(), f"{entry['iso3']}: capital.{key}"
        assert not re.search(r"[A-Za-z]", capital["zh"]), entry["iso3"]


def test_extra_names_do_not_repeat_cldr():
    en, zh = territories("en"), territories("zh")
    for entry in countries():
        code = entry["iso2"]
        assert en[code] not in entry["en"], f"{entry['iso3']}: {en[code]!r} is already CLDR's"
        assert zh[code] not in entry["zh"], f"{entry['iso3']}: {zh[code]!r} is already CLDR's"


@pytest.mark.parametrize("abbr,expected", sorted(AMBIGUOUS_ABBR.items()))
def test_ambiguous_abbreviations_cover_all_readings(abbr, expected):
    holders = {e["iso3"] for e in countries() if abbr in e["abbr"]}
    missing = expected - holders
    assert not missing, f"{abbr}: not listed for {sorted(missing)}"


def test_named_abbreviations_present():
    by_code = {e["iso3"]: e for e in countries()}
    for abbr, iso3 in SINGLE_ABBR.items():
        assert abbr in by_code[iso3]["abbr"], f"{iso3} lacks abbreviation {abbr}"


# --- organisations ------------------------------------------------------------------------------


def test_org_codes_unique_and_required_present():
    codes = [o["code"] for o in organisations()]
    assert len(codes) == len(set(codes)), "duplicate organisation code"
    for code in codes:
        assert re.fullmatch(r"ORG:[A-Z][A-Z0-9_]*", code), code
    missing = REQUIRED_ORGS - set(codes)
    assert not missing, f"missing organisation codes {sorted(missing)}"
    # the scorer maps these onto ORG:AFRICA / ORG:LATAM; they must not be separate entries
    assert "ORG:AU" not in codes and "ORG:CELAC" not in codes


def test_org_fields_have_the_right_shape():
    for org in organisations():
        code = org["code"]
        for key in ("en", "zh", "abbr"):
            assert _is_str_list(org.get(key)), f"{code}: {key} must be a list of trimmed strings"
        assert org["en"] and org["zh"], f"{code}: needs English and Chinese names"
        assert isinstance(org.get("includes_china"), bool), f"{code}: includes_china must be bool"


def test_includes_china_flags():
    by_code = {o["code"]: o for o in organisations()}
    for code in REQUIRED_ORGS:
        assert by_code[code]["includes_china"] is False, code
    for code in CHINA_MEMBER_ORGS & set(by_code):
        assert by_code[code]["includes_china"] is True, code


def test_org_names_do_not_clash_with_country_names():
    names = set()
    for entry in countries():
        names.update(entry["en"])
        names.update(entry["zh"])
    for org in organisations():
        clash = names & (set(org["en"]) | set(org["zh"]))
        assert not clash, f"{org['code']}: names also listed for a country: {sorted(clash)}"


# --- leaders ------------------------------------------------------------------------------------


def test_leaders_reference_known_actors():
    known = {e["iso3"] for e in countries()} | {o["code"] for o in organisations()}
    for leader in leaders():
        assert leader["country"] in known, f"unknown country {leader['country']}: {leader['en']}"


def test_leader_fields_have_the_right_shape():
    for leader in leaders():
        label = f"{leader.get('country')} {leader.get('en')}"
        assert isinstance(leader.get("role"), str) and re.fullmatch(r"[a-z_]+", leader["role"]), (
            label
        )
        assert _is_str_list(leader.get("en")) and leader["en"], label
        assert _is_str_list(leader.get("zh")) and leader["zh"], label
        start, end = leader.get("from"), leader.get("to", "missing")
        assert isinstance(start, dt.date), f"{label}: from must be a date"
        assert end is None or isinstance(end, dt.date), f"{label}: to must be a date or null"
        if end is not None:
            assert start < end, f"{label}: from {start} is not before to {end}"
        assert start <= dt.date(2025, 12, 31), label


def test_no_overlapping_tenure_for_same_country_and_role():
    by_office: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for leader in leaders():
        by_office[(leader["country"], leader["role"])].append(leader)
    for office, holders in by_office.items():
        holders = sorted(holders, key=lambda h: h["from"])
        open_ended = [h for h in holders if h["to"] is None]
        assert len(open_ended) <= 1, f"{office}: several holders still in office"
        for prev, nxt in zip(holders, holders[1:], strict=False):
            # tenures are half-open [from, to): a same-day handover is not an overlap
            assert prev["to"] is not None, f"{office}: {prev['en'][0]} has no end but a successor"
            assert prev["to"] <= nxt["from"], (
                f"{office}: {prev['en'][0]} ({prev['from']}–{prev['to']}) overlaps "
                f"{nxt['en'][0]} (from {nxt['from']})"
            )


def test_key_leaders_present():
    names = {(leader["country"], leader["en"][0]) for leader in leaders()}
    for expected in [
        ("RUS", "Vladimir Putin"),
        ("BLR", "Alexander Lukashenko"),
        ("PAK", "Imran Khan"),
        ("KAZ", "Kassym-Jomart Tokayev"),
        ("HUN", "Viktor Orbán"),
        ("USA", "Donald Trump"),
        ("ORG:EU", "Ursula von der Leyen"),
    ]:
        assert expected in names, expected
    trump = [x for x in leaders() if x["country"] == "USA" and x["en"][0] == "Donald Trump"]
    assert len(trump) == 2, "Trump's two terms must be separate entries"
