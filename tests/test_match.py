"""Grammar regexes: the fast forms give the matches of the original flat, case-insensitive ones."""

from __future__ import annotations

import re

import pytest
from conftest import SHARED, needs_shared

from termtrack.lexicon import load_lexicon
from termtrack.match import DASH, _dyad_end, grammar


@pytest.fixture(scope="module")
def g():
    return grammar(load_lexicon())


def spans(m: re.Match | None):
    return None if m is None else (m.span(), m.groups())


@needs_shared
@pytest.mark.shared
def test_dyad_and_between_patterns_on_corpus_windows(g) -> None:
    from termtrack.normalise import normalise
    from termtrack.readers import read_statements

    flat = "|".join(re.escape(n) for n in g.actors.en_names)
    dyad_end = re.compile(rf"(?<![\w-])({flat})\s*[{DASH}]\s*({flat})(?:'s|’s)?\s*$", re.I)
    between = re.compile(rf"^\s*(?:existing\s+)?between\s+(?:the\s+)?({flat})\s+and\s+(?:the\s+)?({flat})\b", re.I)
    stmts = read_statements([SHARED / "corpora" / "mfa-spokesperson-cwang23"])
    texts = [normalise(s.text).text for s in stmts if s.lang == "en"][:20]
    checked = 0
    for text in texts:
        ends = [m.end() for m in re.finditer(r"\w\b", text)]
        for end in ends[::8]:  # every eighth word end, and every word end after a dash
            assert spans(_dyad_end(g, text, end)) == spans(dyad_end.search(text, max(0, end - 80), end))
            assert spans(g.en_between.match(text, end, end + 200)) == spans(between.match(text, end, end + 200))
            checked += 1
        for m in re.finditer(rf"[{DASH}]\w+(?:\s\w+)?", text):
            assert spans(_dyad_end(g, text, m.end())) == spans(dyad_end.search(text, max(0, m.end() - 80), m.end()))
            checked += 1
    assert checked > 400


def test_every_listed_english_form_is_found_as_its_label(g) -> None:
    """The demo's Japan statement: "a mutually beneficial relationship based on common strategic
    interests", listed in labels.yaml for 战略互惠关系, was never matched (nor two forms of
    战略协作关系): the slots do not build every listed form, so the lexicon's own words are read too."""
    from termtrack.match import find_labels

    missed = []
    for lab in g.lex.labels:
        for form in lab.en:
            if len(form.split()) < 3:
                continue  # "partnership" alone is no label
            text = f"China and Japan have a {form} between them."
            if lab.zh not in [s.label_zh for s in find_labels(g.lex, text, 0, len(text), "en", lambda: [])]:
                missed.append((lab.zh, form))
    assert missed == []
