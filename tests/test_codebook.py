"""The codebook: every export column described, docs/codebook.md generated from it, closed value sets true to the code."""

from __future__ import annotations

import inspect
import re

import pytest
from conftest import REPO

import termtrack.attribute
import termtrack.timeline
from termtrack.codebook import (
    BY_TABLE,
    SHARED,
    codebook_markdown,
    column_descriptions,
    undocumented,
)
from termtrack.export import TABLES
from termtrack.lexicon import load_lexicon
from termtrack.records import EVENTS
from termtrack.timeline import Timeline

REGENERATE = "python -m termtrack.codebook > docs/codebook.md"


def test_every_column_of_every_table_is_described():
    missing = undocumented()
    assert not missing, (f"columns without a description: {missing}; add one to termtrack/codebook.py (SHARED when it "
                         f"means the same in every table, else BY_TABLE[table]) and regenerate: {REGENERATE}")
    for what, cols in TABLES.items():
        desc = column_descriptions(what)
        assert list(desc) == cols, what  # in the table's column order
        assert all(d.strip() for d in desc.values()), what


def test_no_description_of_a_column_no_table_has():
    """A column renamed or dropped from a table must not leave its old description behind."""
    assert set(BY_TABLE) <= set(TABLES)
    stale = {what: sorted(set(own) - set(TABLES[what])) for what, own in BY_TABLE.items() if set(own) - set(TABLES[what])}
    assert not stale, f"descriptions of columns these tables do not have: {stale} (termtrack/codebook.py)"
    every = {c for cols in TABLES.values() for c in cols}
    assert not set(SHARED) - every, f"SHARED describes columns no table has: {sorted(set(SHARED) - every)}"


def test_a_name_that_means_two_things_is_described_per_table():
    assert "offset" in column_descriptions("mentions")["start"]
    assert "came in force" in column_descriptions("timeline")["start"]
    assert column_descriptions("mentions")["kind"] != column_descriptions("variants")["kind"]


def test_unknown_table():
    with pytest.raises(KeyError, match="unknown table"):
        column_descriptions("nope")


def test_docs_codebook_is_generated_from_the_module():
    path = REPO / "docs" / "codebook.md"
    assert path.is_file(), f"docs/codebook.md is missing: {REGENERATE}"
    assert path.read_text(encoding="utf-8") == codebook_markdown(), f"docs/codebook.md is stale: {REGENERATE}"


def test_codebook_has_a_section_and_a_row_per_column():
    md = codebook_markdown()
    for what, cols in TABLES.items():
        section = md.split(f"\n## {what}\n", 1)[1].split("\n## ", 1)[0]
        assert [line.split("`")[1] for line in section.splitlines() if line.startswith("| `")] == cols


def test_readme_links_the_codebook():
    assert "docs/codebook.md" in (REPO / "README.md").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------- closed sets, from the code
def _backticked(text: str) -> set[str]:
    return set(re.findall(r"`([^`]+)`", text))


def test_events():
    assert set(EVENTS) <= _backticked(column_descriptions("mentions")["event"])


def test_tiers_and_rankings_are_the_lexicons():
    lex = load_lexicon()
    tiers = {lab.tier for lab in lex.labels} | {t for r in lex.rankings.values() for t in r.ranks}
    assert set(re.findall(r"\b[a-z_]+\b", SHARED["tier"].split(":", 1)[1].split("(")[0])) == tiers
    assert set(lex.rankings) <= _backticked(SHARED["ranking"])
    assert f"`{lex.default_ranking}` (the default)" in SHARED["ranking"]


def test_attribution_rules_are_the_attribute_modules():
    """Every rule name the attribution code can store (its groups and others are never stored)."""
    src = inspect.getsource(termtrack.attribute)
    rules = set(re.findall(r'how="([^"]+)"', src)) | {"raise"}  # (raise: pipeline._rung_partners)
    assert rules <= _backticked(column_descriptions("mentions")["attribution"])


def test_variant_kinds_are_the_timelines():
    kinds = set(re.findall(r'return "(\w+)"', inspect.getsource(Timeline.variant_kind))) | {"overlay"}
    assert len(kinds) == 10
    assert _backticked(column_descriptions("variants")["kind"]) == kinds


def test_change_kinds_and_dated_by_are_the_timelines():
    changes = set(re.findall(r'\.change = "(\w+)"', inspect.getsource(termtrack.timeline))) | {"first", "established"}
    assert len(changes) == 5
    assert changes <= _backticked(SHARED["change"])
    sources = set(re.findall(r'(?:return|else) "([^"]+)"', inspect.getsource(termtrack.timeline.dated_by)))
    assert sources == {"text", "text and statement", "first statement"}
    assert sources <= _backticked(SHARED["dated_by"])
