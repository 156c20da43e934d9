"""lexicon suggest: unlisted labels, unlisted qualifiers and unexplained modifiers, ranked, as drafts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import ok

from termtrack.lexicon import load_lexicon
from termtrack.store import open_db
from termtrack.suggest import draft_yaml, suggest

TEXTS = [
    # an unexplained modifier before 的 (坦诚) and a known qualifier (务实)
    ("zh", "中方愿同荷方一道，推动中荷坦诚务实的全面合作伙伴关系长期健康稳定发展。"),
    ("zh", "两国元首同意，继续发展坦诚务实的中荷全面合作伙伴关系。"),
    # a combination the grammar builds and no entry lists (全天候 with 全面, 战略 and 合作)
    ("zh", "中国与巴基斯坦是全天候全面战略合作伙伴。"),
    ("zh", "外交部发言人表示，中国与巴基斯坦是全天候全面战略合作伙伴。"),
    # a 、-list the matcher takes in, with an item no qualifier lists
    ("zh", "两国建立了平等互信、合作共赢的中哥战略伙伴关系。"),
    ("zh", "双方愿推动平等互信、合作共赢的中哥战略伙伴关系不断发展。"),
    # explained or not labels at all: nothing to suggest
    ("zh", "推动两国全面战略伙伴关系不断向前发展。"),
    ("zh", "美国退出跨太平洋伙伴关系协定。"),
    ("zh", "中法经济财金战略伙伴关系不断深化。"),
    ("en", "China stands ready to maintain the sound development of the candid and pragmatic partnership "
           "for comprehensive cooperation between China and the Netherlands."),
    ("en", "Both sides agreed to deepen the candid and pragmatic partnership between China and the Netherlands."),
    ("en", "China will deepen strategic partnership with Belarus and expand trade partnership."),
]


@pytest.fixture
def corpus_db(db_url: str, run_cli, tmp_path: Path) -> str:
    src = tmp_path / "statements.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for i, (lang, text) in enumerate(TEXTS):
            fh.write(json.dumps({"id": f"s{i:02d}", "date": f"2018-0{1 + i % 9}-15", "lang": lang, "text": text},
                                ensure_ascii=False) + "\n")
    ok(run_cli("ingest", src, "--db", db_url, "-q"))
    return db_url


def test_suggest_ranks_unexplained_vocabulary(corpus_db: str) -> None:
    lex = load_lexicon()
    found = suggest(open_db(corpus_db), lex=lex, min_count=2)
    by = {(s.lang, s.modifier): s for s in found}
    assert ("zh", "坦诚") in by and by[("zh", "坦诚")].statements == 2 and by[("zh", "坦诚")].kind == "qualifier"
    assert by[("zh", "坦诚")].partners["NLD"] == 2
    assert "坦诚务实的" in by[("zh", "坦诚")].phrase
    label = by[("zh", "全天候全面战略合作伙伴关系")]
    assert (label.kind, label.source, label.parts, label.statements) == \
        ("label", "unlisted-label", ("all_weather", "comprehensive", "strategic", "cooperative"), 2)
    assert by[("zh", "平等互信")].source.startswith(("phrase", "unlisted-qualifier"))
    assert by[("en", "candid")].statements == 2
    # verbs, agreements, sector partnerships and known words are not suggested
    assert not {("zh", "推动"), ("zh", "推动两国"), ("zh", "跨太平洋"), ("zh", "经济财金"), ("en", "deepen"),
                ("en", "trade"), ("zh", "务实"), ("zh", "合作共赢")} & set(by)
    counts = [s.statements for s in found]
    assert counts == sorted(counts, reverse=True)
    assert all(s.examples and s.examples[0].sentence for s in found)
    assert not suggest(open_db(corpus_db), lex=lex, min_count=3)


def test_draft_yaml_is_labels_yaml_shaped(corpus_db: str) -> None:
    lex = load_lexicon()
    text = draft_yaml(suggest(open_db(corpus_db), lex=lex), lex=lex)
    data = yaml.safe_load(text)
    assert {"id": "all_weather_comprehensive_strategic_cooperative_partnership", "zh": "全天候全面战略合作伙伴关系",
            "parts": ["all_weather", "comprehensive", "strategic", "cooperative"], "tier": "all_weather_comprehensive",
            "en": []} in data["labels"]
    assert {"zh": "坦诚", "en": []} in data["qualifiers"]
    assert {"zh": "?", "en": ["candid"]} in data["qualifiers"]
    assert "# " in text and "s00" in text  # evidence kept as comments for the reviewer


def test_cli_suggest_writes_drafts(corpus_db: str, run_cli, tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    res = run_cli("lexicon", "suggest", "--db", corpus_db, "--write", out, "--format", "json")
    ok(res)
    rows = json.loads(res.stdout)
    assert rows[0]["statements"] >= rows[-1]["statements"] and {"modifier", "phrase", "examples", "partners"} <= set(rows[0])
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["labels"]
    table = run_cli("lexicon", "suggest", "--db", corpus_db, "--min-count", "2")
    ok(table)
    assert "全天候全面战略合作伙伴关系" in table.stdout and "坦诚" in table.stdout


def test_suggest_counts_a_repeated_page_once(db_url: str, run_cli, tmp_path: Path) -> None:
    """Regression (repeated pages double-counted): a text stored under a second id (two scrapes of one
    site) is no second statement for a suggestion, nor a second sighting of its partner."""
    src = tmp_path / "statements.jsonl"
    rows = [{"id": f"s{i:02d}", "date": f"2018-0{1 + i}-15", "lang": "zh", "title": "会谈", "text": text}
            for i, (_, text) in enumerate(TEXTS[:4])]
    rows += [{**rows[0], "id": "copy-00"}, {**rows[2], "id": "copy-02"}]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    ok(run_cli("ingest", src, "--db", db_url, "-q"))
    by = {(s.lang, s.modifier): s for s in suggest(open_db(db_url), lex=load_lexicon(), min_count=1)}
    candid = by[("zh", "坦诚")]
    assert (candid.statements, candid.partners["NLD"]) == (2, 2)
    assert by[("zh", "全天候全面战略合作伙伴关系")].statements == 2
    assert {e.statement_id for e in candid.examples} == {"s00", "s01"}
