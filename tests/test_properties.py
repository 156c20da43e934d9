"""Properties (hypothesis): normalisation offsets map back to the original text, the matcher never
returns overlapping mentions under the longest policy, and ingest is idempotent.

Generated text is built from the lexicon's own parts (simplified and traditional, Chinese and
English) with noise between them, so the examples reach the matcher's grammar rather than
stopping at the trigger scan.  Example counts are bounded so the file runs in a few seconds.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import opencc
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

from termtrack.lexicon import Lexicon, load_lexicon
from termtrack.match import MATCH_POLICY
from termtrack.normalise import normalise
from termtrack.pipeline import extract
from termtrack.records import PartialDate, Statement

QUICK = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@lru_cache(maxsize=1)
def lex() -> Lexicon:
    return load_lexicon()


@lru_cache(maxsize=1)
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


# ---------------------------------------------------------------------------- generated text
def _maybe(draw, options: list[str], p_none: int = 1) -> str:
    """One of ``options`` or, about one time in ``p_none + 1``, nothing."""
    return draw(st.sampled_from([""] * p_none + options))


NOISE = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=3)


@st.composite
def zh_label(draw) -> str:
    """A label in slot order with random slots left out: [新时代][qualifier][中X][top][breadth][战略][kind]伙伴关系."""
    lx = lex()
    qualifiers = [q.zh for q in lx.qualifiers]
    return "".join([
        _maybe(draw, ["新时代"], 3), _maybe(draw, qualifiers, 4), _maybe(draw, ["中白", "中巴", "中俄", "中欧", "中方"]),
        _maybe(draw, ["全天候", "永久"], 2), _maybe(draw, ["全面", "全方位"]), _maybe(draw, ["战略"], 0),
        _maybe(draw, ["合作", "协作"]), draw(st.sampled_from(["伙伴关系", "伙伴关系", "伙伴", "关系", "命运共同体"])),
    ])


@st.composite
def en_label(draw) -> str:
    return " ".join(w for w in [
        _maybe(draw, ["all-weather", "permanent"], 2), _maybe(draw, ["comprehensive", "all-round"]),
        _maybe(draw, ["strategic"], 0), _maybe(draw, ["cooperative", "coordination"], 2),
        draw(st.sampled_from(["partnership", "partners", "partner", "relationship"])),
        _maybe(draw, ["of coordination", "of cooperation", "for a new era"], 2),
    ] if w)


ZH_OPENERS = ["两国元首同意，充实", "双方宣布建立", "中方愿同白方深化", "宣布将两国关系提升为", "巴基斯坦是中国的", "不是", ""]
EN_OPENERS = ["China and Belarus are", "The two sides upgraded China-Pakistan relations to an", "Beijing and Moscow",
              "China and the EU agreed to build a", "not a", ""]


@st.composite
def label_text(draw, lang: str) -> str:
    """One to four sentences around generated labels, with noise; Chinese sometimes traditional."""
    sentences = []
    for _ in range(draw(st.integers(1, 4))):
        if lang == "zh":
            labels = draw(st.lists(zh_label(), min_size=1, max_size=3))
            body = draw(st.sampled_from(ZH_OPENERS)) + draw(st.sampled_from(["", "、", "和"])).join(labels)
            body = draw(NOISE) + body + draw(st.sampled_from(["。", "！", "，", ""]))
            sentences.append(_s2t().convert(body) if draw(st.booleans()) else body)
        else:
            labels = draw(st.lists(en_label(), min_size=1, max_size=2))
            body = draw(st.sampled_from(EN_OPENERS)) + " " + draw(st.sampled_from([" and ", ", "])).join(labels)
            sentences.append(draw(NOISE) + body + draw(st.sampled_from([".", "!", ",", ""])))
    return ("" if lang == "zh" else " ").join(sentences)


# ---------------------------------------------------------------------------- normalisation
ANY_TEXT = st.one_of(
    st.text(max_size=60),
    label_text("zh"),
    label_text("en"),
    st.text(alphabet=st.sampled_from("夥伴關係全面戰略白俄羅斯ＡＢＣ１２３，。…①㈱ﬁ\u3000\U0001d400é e\u0301"), max_size=40),
)


@QUICK
@given(ANY_TEXT)
def test_normalise_offsets_map_back_to_the_original(original: str):
    norm = normalise(original)
    spans = [norm.to_original(i, i + 1) for i in range(len(norm.text))]
    # every normalised character comes from one place in the original, in order ...
    for (a, _b), (c, _d) in zip(spans, spans[1:], strict=False):
        assert a <= c
    for i, (a, b) in enumerate(spans):
        assert 0 <= a < b <= len(original), (i, a, b)
        # ... and is what that place normalises to
        assert norm.text[i] in normalise(original[a:b]).text, (i, original[a:b])
    # every original character is represented
    assert {a for a, _ in spans} == set(range(len(original))) or not original
    # a span maps to the span from its first character's start to its last one's end
    if norm.text:
        assert norm.to_original(0, len(norm.text)) == (spans[0][0], spans[-1][1])


@QUICK
@given(st.lists(zh_label(), min_size=1, max_size=4))
def test_traditional_and_simplified_normalise_alike(labels: list[str]):
    simplified = "，".join(labels)
    traditional = _s2t().convert(simplified)
    assume(len(traditional) == len(simplified))
    assert normalise(traditional).text == normalise(simplified).text


# ---------------------------------------------------------------------------- matching
def _check_mentions(stmt: Statement) -> None:
    mentions = extract(stmt, lex())
    seen: dict[tuple[int, int], str] = {}
    for m in mentions:
        assert 0 <= m.start < m.end <= len(stmt.text)
        assert stmt.text[m.start:m.end] == m.surface
        assert m.surface in m.sentence
        seen.setdefault((m.start, m.end), m.label_zh)
        assert seen[(m.start, m.end)] == m.label_zh, "one span, two labels"
    spans = sorted(seen)
    for (s1, e1), (s2, e2) in zip(spans, spans[1:], strict=False):
        assert e1 <= s2, f"overlapping mentions {stmt.text[s1:e1]!r} and {stmt.text[s2:e2]!r} in {stmt.text!r}"


def test_the_policy_is_longest():
    assert MATCH_POLICY == "longest"


@QUICK
@given(label_text("zh"))
def test_no_overlapping_mentions_zh(body: str):
    _check_mentions(Statement(id="p", date=PartialDate(2023, 3, 1), text=body, lang="zh"))


@settings(QUICK, max_examples=50)
@given(label_text("en"))
def test_no_overlapping_mentions_en(body: str):
    _check_mentions(Statement(id="p", date=PartialDate(2023, 3, 1), text=body, lang="en"))


# ---------------------------------------------------------------------------- ingest
RECORDS = st.lists(
    st.fixed_dictionaries({
        "text": st.one_of(label_text("zh"), label_text("en")).filter(lambda t: t.strip() and t.isprintable()),
        "date": st.sampled_from(["2016-09-29", "2022-09-15", "2023-03", "2020"]),
    }),
    min_size=1, max_size=6,
)


def _rows(url: str) -> dict[str, list[tuple]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                "statements": sorted(tuple(r) for r in conn.execute(text(
                    "SELECT external_id, content_hash, date, date_precision, lang, text FROM statements"))),
                "mentions": sorted(tuple(map(repr, r)) for r in conn.execute(text(
                    "SELECT s.external_id, m.start_char, m.end_char, m.label_zh, m.partner, m.event, m.sentence "
                    "FROM mentions m JOIN statements s ON s.id = m.statement_pk"))),
                "runs": sorted(r[0] for r in conn.execute(text("SELECT id FROM match_runs"))),
            }
    finally:
        engine.dispose()


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(records=RECORDS, split=st.integers(min_value=0, max_value=6))
def test_ingest_is_idempotent_and_order_free(tmp_path_factory: pytest.TempPathFactory, records: list[dict], split: int):
    """Ingesting twice changes nothing; the second part first, then the whole, stores the same."""
    from termtrack.ingest import ingest

    tmp = tmp_path_factory.mktemp("idem")
    recs = [{"id": f"p-{i}", **r} for i, r in enumerate(records)]

    def write(name: str, part: list[dict]) -> Path:
        path = tmp / name
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in part), encoding="utf-8")
        return path

    whole, second = write("all.jsonl", recs), write("b.jsonl", recs[split:])
    one = f"sqlite:///{tmp / 'one.db'}"
    ingest([whole], db=one)
    once = _rows(one)
    report = ingest([whole], db=one)
    assert (report.new, report.unchanged) == (0, len(recs))
    assert _rows(one) == once

    two = f"sqlite:///{tmp / 'two.db'}"
    ingest([second], db=two)
    ingest([whole], db=two)  # the first part, and the second again
    parts = _rows(two)
    assert (parts["statements"], parts["mentions"]) == (once["statements"], once["mentions"])


# ---------------------------------------------------------------------------- partial simplification
def _extract_normalising_everything(stmt: Statement) -> list:
    """extract() as it was before only the paragraphs near a trigger were simplified: the reference."""
    import termtrack.pipeline as pipeline
    from termtrack.trigger import Hits

    def whole(raw: str):
        norm = normalise(raw)
        hits = Hits(norm.text)
        return (norm, hits) if hits else None

    saved = pipeline._normalised_with_hits
    pipeline._normalised_with_hits = whole
    try:
        return pipeline.extract(stmt, lex())
    finally:
        pipeline._normalised_with_hits = saved


PARAGRAPHS = st.lists(st.one_of(label_text("zh"), label_text("en"), st.just(""), st.just(" \u3000"),
                                st.text(alphabet=st.sampled_from("夥伴關係體戰協…ＡＢ，。 中白巴"), max_size=12)),
                      min_size=1, max_size=8)


@settings(QUICK, max_examples=150)
@given(PARAGRAPHS, st.sampled_from(["zh", "en"]))
def test_simplifying_only_near_triggers_changes_no_mention(paragraphs: list[str], lang: str):
    """Converting only the paragraphs that may hold a trigger, and their context, gives the same mentions."""
    stmt = Statement(id="p", date=PartialDate(2020, 5, 1), lang=lang, text="\n".join(paragraphs))
    assert extract(stmt, lex()) == _extract_normalising_everything(stmt)
