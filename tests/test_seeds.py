"""The two seed documents in ../shared/seeds: the spun label, and parts that are not the label."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SHARED, needs_shared, ok, read_jsonl

pytestmark = [needs_shared, pytest.mark.shared]

SEEDS = SHARED / "seeds"
SPUN = SEEDS / "000_e276734447314b86.txt"  # article-spun news report, 2023-02-25
NEWSLETTER = SEEDS / "004_823d4d891fe96a5d.txt"  # China-Russia Report newsletter, early March 2023

ALL_WEATHER = "全天候全面战略伙伴关系"
CSP = "全面战略伙伴关系"


@pytest.fixture
def seed_mentions(db_url, run_cli, tmp_path) -> dict[str, list[dict]]:
    """Both seeds ingested (each with its own --date) and exported: mentions by statement id."""
    ok(run_cli("ingest", SPUN, "--date", "2023-02-25", "--db", db_url, "--quiet"))
    ok(run_cli("ingest", NEWSLETTER, "--date", "2023-03-02", "--db", db_url, "--quiet"))
    out = tmp_path / "mentions.jsonl"
    ok(run_cli("export", "mentions", "--format", "jsonl", "-o", out, "--db", db_url))
    by_doc: dict[str, list[dict]] = {SPUN.stem: [], NEWSLETTER.stem: []}
    for m in read_jsonl(out):
        by_doc[m["statement_id"]].append(m)
    return by_doc


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_seeds_are_dated_by_option(seed_mentions):
    assert {m["date"] for m in seed_mentions[SPUN.stem]} == {"2023-02-25"}
    assert {m["date"] for m in seed_mentions[NEWSLETTER.stem]} == {"2023-03-02"}


def test_seed_surfaces_are_traceable(seed_mentions):
    for path in (SPUN, NEWSLETTER):
        text = _text(path)
        for m in seed_mentions[path.stem]:
            assert text[m["start"]:m["end"]] == m["surface"], m


def test_spun_label_is_found_fuzzily(seed_mentions):
    spun = [m for m in seed_mentions[SPUN.stem] if "complete strategic partnership" in m["surface"].lower()]
    assert spun, seed_mentions[SPUN.stem]
    m = spun[0]
    assert m["label_zh"] == ALL_WEATHER
    assert m["method"] == "fuzzy"
    assert m["surface"].lower() == "all-weather complete strategic partnership"


def test_spun_label_is_belarus(seed_mentions):
    spun = [m for m in seed_mentions[SPUN.stem] if m["label_zh"] == ALL_WEATHER]
    assert spun
    assert {(m["partner"], m["party"]) for m in spun} == {("BLR", "CHN")}


def _passage_2016(text: str) -> tuple[int, int]:
    """The 2016 passage: from "develop all-weather friendship" to "(充实中白全面战略伙伴关系)"."""
    start = text.index("develop all-weather friendship")
    end = text.index("充实中白全面战略伙伴关系") + len("充实中白全面战略伙伴关系")
    return start, end


def test_2016_parts_are_not_the_all_weather_label(seed_mentions):
    text = _text(NEWSLETTER)
    start, end = _passage_2016(text)
    inside = [m for m in seed_mentions[NEWSLETTER.stem] if m["start"] < end and m["end"] > start]
    # the existing label of 2016, for Belarus, in English and in the quoted Chinese
    csp = [m for m in inside if m["label_zh"] == CSP and m["partner"] == "BLR"]
    assert csp, inside
    assert any("comprehensive strategic partnership" in m["surface"].lower() for m in csp)
    # and never the combined label: co-occurrence of the parts is not the label
    assert [m["surface"] for m in inside if m["label_zh"] == ALL_WEATHER] == []
    # nor anywhere in a sentence of that passage
    sentences = {m["sentence"] for m in inside}
    assert any("develop all-weather friendship" in s for s in sentences)
    in_sentence = [m for m in seed_mentions[NEWSLETTER.stem] if m["sentence"] in sentences and m["label_zh"] == ALL_WEATHER]
    assert in_sentence == []


def test_2022_upgrade_sentence(seed_mentions):
    ups = [m for m in seed_mentions[NEWSLETTER.stem]
           if m["label_zh"] == ALL_WEATHER and m["event"] == "upgrade" and m["partner"] == "BLR"
           and re.search(r"upgrade China-Belarus relations to an all-weather", m["sentence"])]
    assert ups, [(m["label_zh"], m["event"], m["partner"], m["sentence"][:80]) for m in seed_mentions[NEWSLETTER.stem]]
    assert ups[0]["party"] == "CHN"
