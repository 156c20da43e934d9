"""Fuzzing, bounded by example counts (not by time): the readers turn any bytes into statements or
an InputError and nothing else; the matcher takes any text without crashing.

The byte fuzz mixes pure noise with fragments of the formats (JSON punctuation, CSV quotes, front
matter, BOMs, GB18030/Big5/UTF-16 bytes, NUL, lone surrogate escapes, long lines) so that it gets
past the first check of each reader.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termtrack.errors import InputError
from termtrack.lexicon import load_lexicon
from termtrack.pipeline import extract
from termtrack.readers import read_statements
from termtrack.records import PartialDate, Statement

FUZZ = settings(max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

FRAGMENTS = [
    b"{", b"}", b"[", b"]", b'"', b":", b",", b"\\", b"\\u0000", b"\\ud800", b"\\n", b"\n", b"\r\n", b"\r",
    b'"id"', b'"date"', b'"text"', b'"lang"', b'"zh"', b'"fr"', b"null", b"true", b"1e999", b"-0",
    b'{"id": "a", "date": "2023-02-28", "text": "x"}', b'"2023-02-30"', b'"2023"', b'"2099-01-01"', b'""',
    b"id,date,text", b"id,text", b'a,2023,"x\n y"', b'""""', b"---", b"date: 2023-01-01", b"id: x",
    b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\t", b"\x1b", " ".join("中白全面战略伙伴关系").encode(),
    "夥伴關係".encode("big5"), "伙伴关系".encode("gb18030"), "partners".encode("utf-16"),
    "全天候全面战略伙伴关系。".encode(), b"China and Belarus are comprehensive strategic partners.",
    b"x" * 5000,
]
CONTENT = st.one_of(
    st.binary(max_size=300),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.binary(max_size=4)), max_size=30).map(b"".join),
)


def _drain(path: Path, **options) -> int:
    """Read a file as the CLI would; only InputError may come out."""
    try:
        return sum(1 for _ in read_statements([path], **options))
    except InputError as e:
        assert str(e).startswith(str(path)) or str(e).startswith("--encoding"), str(e)
        assert len(str(e).splitlines()) == 1, "an error message is one line"
        return -1


@FUZZ
@given(content=CONTENT, suffix=st.sampled_from([".jsonl", ".csv", ".txt", ".ndjson"]),
       encoding=st.sampled_from([None, "gb18030", "big5"]), dated=st.booleans())
def test_readers_raise_only_input_errors(tmp_path: Path, content: bytes, suffix: str, encoding: str | None,
                                         dated: bool):
    path = tmp_path / f"20230102_fuzz{suffix}"
    path.write_bytes(content)
    default = PartialDate(2023) if dated else None
    _drain(path, encoding=encoding, default_date=default)
    # skipping bad records: file-level errors still raise, nothing else does
    bad: list[tuple[InputError, str | None]] = []
    with contextlib.suppress(InputError):
        list(read_statements([path], encoding=encoding, default_date=default, on_bad=lambda e, r: bad.append((e, r))))
    for e, raw in bad:
        assert isinstance(e, InputError) and e.path == str(path)
        assert raw is None or isinstance(raw, str)


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


TRIGGERS = ["伙伴关系", "partnership", "partners", "战略", "strategic", "共同体", "中白", "Belarus", "。", ".", "\n\n",
            "全天候", "all-weather", "comprehensive", "全面", "不是", "not", "upgrade", "提升为", "2022年9月15日"]


@FUZZ
@given(pieces=st.lists(st.one_of(st.text(max_size=8), st.sampled_from(TRIGGERS)), max_size=30),
       lang=st.sampled_from(["zh", "en"]))
def test_extract_takes_any_text(lex, pieces: list[str], lang: str):
    body = "".join(pieces) if lang == "zh" else " ".join(pieces)
    stmt = Statement(id="fuzz", date=PartialDate(2023, 3, 1), text=body, lang=lang, title=body[:20])
    for m in extract(stmt, lex):
        assert body[m.start:m.end] == m.surface and m.start < m.end
