"""Readers: every bad input becomes an InputError naming path, line and field."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termtrack import readers
from termtrack.errors import InputError
from termtrack.readers import detect_lang, guess_encoding, read_statements
from termtrack.records import PartialDate, Statement

FIXTURES = Path(__file__).parent / "fixtures" / "readers"

ZH = "中方愿同巴方深化全天候战略合作伙伴关系。"
EN = "China and Pakistan are all-weather strategic cooperative partners."


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def jsonl(*records: object) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def read(*paths: Path, **kwargs: object) -> list[Statement]:
    return list(read_statements(paths, **kwargs))  # type: ignore[arg-type]


def error(*paths: Path, **kwargs: object) -> InputError:
    with pytest.raises(InputError) as info:
        read(*paths, **kwargs)
    return info.value


# --- detect_lang -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (ZH, "zh"),
        (EN, "en"),
        ("", "en"),
        ("2023-02-28 12:00", "en"),
        # Chinese quoting English names is still Chinese ...
        ("中国和Brazil建立全面战略伙伴关系，President Lula访华。", "zh"),
        # ... and English quoting a Chinese term is still English.
        (
            "The two sides upgraded ties to a comprehensive strategic partnership (全面战略伙伴关系).",
            "en",
        ),
    ],
)
def test_detect_lang(text: str, lang: str) -> None:
    assert detect_lang(text) == lang


# --- JSONL -------------------------------------------------------------------------------


def test_jsonl_good(tmp_path: Path) -> None:
    path = write(
        tmp_path / "s.jsonl",
        jsonl(
            {"id": "a", "date": "2023-02-28", "text": ZH, "title": " T ", "url": "http://x"},
            {"id": 7, "date": "Feb 2023", "text": EN, "lang": "EN", "extra": [1, 2]},
        )
        + "\n   \n"
        + jsonl({"id": "c", "date": "2023年", "text": f"  {EN}\n\n", "speaker": None}),
    )
    a, b, c = read(path)
    assert (a.id, a.date, a.lang, a.title, a.url) == (
        "a",
        PartialDate(2023, 2, 28),
        "zh",
        "T",
        "http://x",
    )
    assert a.origin == f"{path}:1"
    assert (b.id, b.lang, b.date.precision, b.date.iso()) == ("7", "en", "month", "2023-02")
    assert (c.origin, c.date.precision, c.speaker) == (f"{path}:5", "year", "")
    assert c.text == f"  {EN}\n\n"  # kept exactly, edges included


def test_ndjson_suffix(tmp_path: Path) -> None:
    path = write(tmp_path / "s.NDJSON", jsonl({"id": "a", "date": "2023", "text": EN}))
    assert [s.id for s in read(path)] == ["a"]


@pytest.mark.parametrize(
    ("line", "field", "message"),
    [
        (
            '{"id": "a", "date": "2023", "text": "x"',
            None,
            "malformed JSON: Expecting ',' delimiter",
        ),
        ("[1, 2]", None, "expected a JSON object, got array"),
        ('"just a string"', None, "expected a JSON object, got string"),
        ('{"date": "2023", "text": "x"}', "id", "missing id"),
        ('{"id": "  ", "date": "2023", "text": "x"}', "id", "empty id"),
        ('{"id": true, "date": "2023", "text": "x"}', "id", "expected a string, got boolean"),
        ('{"id": "a", "date": "2023"}', "text", "missing text"),
        ('{"id": "a", "date": "2023", "text": ""}', "text", "empty text"),
        ('{"id": "a", "date": "2023", "text": " \\n\\t "}', "text", "only whitespace"),
        ('{"id": "a", "date": "2023", "text": 5}', "text", "expected a string, got number"),
        ('{"id": "a", "date": "2023", "text": "a\\u0000b"}', "text", "control character U+0000"),
        ('{"id": "a", "date": "2023", "text": "a\\u001bb"}', "text", "control character U+001B"),
        ('{"id": "a", "date": "2023", "text": "a\\ud800b"}', "text", "unpaired surrogate U+D800"),
        # the other JSON escapes of refused characters, in any field (JSONL skips the scan of a
        # line with no such escape, so each way in is checked)
        ('{"id": "a", "date": "2023", "text": "a\\bb"}', "text", "control character U+0008"),
        ('{"id": "a\\f", "date": "2023", "text": "x"}', "id", "control character U+000C"),
        ('{"id": "a", "date": "2023", "title": "\\\\\\u0007", "text": "x"}', "title", "control character U+0007"),
        ('{"id": "a", "date": "2023", "text": "a\x0bb"}', None, "malformed JSON: Invalid control character"),
        ('{"id": "a", "date": "yesterday", "text": "x"}', "date", "bad date 'yesterday'"),
        (
            '{"id": "a", "date": "2023-02-30", "text": "x"}',
            "date",
            "'2023-02-30': no such day: 2023-02-30",
        ),
        ('{"id": "a", "date": ["2023"], "text": "x"}', "date", "expected a string, got array"),
        ('{"id": "a", "text": "x"}', "date", "missing date"),
        ('{"id": "a", "date": "", "text": "x"}', "date", "missing date"),
        (
            '{"id": "a", "date": "2023", "text": "x", "lang": "fr"}',
            "lang",
            "unsupported language 'fr'",
        ),
    ],
)
def test_jsonl_bad_record(tmp_path: Path, line: str, field: str | None, message: str) -> None:
    good = jsonl({"id": "ok", "date": "2023", "text": EN})
    path = write(tmp_path / "s.jsonl", good + "\n" + line + "\n")
    err = error(path)
    assert (err.path, err.line, err.field) == (str(path), 3, field)
    assert message in err.message
    assert str(err).startswith(f"{path}:3: ")


def test_jsonl_error_text(tmp_path: Path) -> None:
    path = write(tmp_path / "s.jsonl", '{"id": "a", "date": "2023-02-30", "text": "x"}\n')
    assert str(error(path)) == (
        f"{path}:1: field 'date': bad date '2023-02-30': no such day: 2023-02-30"
    )


def test_jsonl_partial_dates_and_default(tmp_path: Path) -> None:
    path = write(
        tmp_path / "s.jsonl",
        jsonl(
            {"id": "d", "date": "2023-02-28", "text": EN},
            {"id": "m", "date": "2023-02", "text": EN},
            {"id": "y", "date": 2023, "text": EN},
            {"id": "none", "text": EN},
        ),
    )
    out = read(path, default_date=PartialDate(2020, 1))
    assert [(s.id, s.date.precision, s.date.iso()) for s in out] == [
        ("d", "day", "2023-02-28"),
        ("m", "month", "2023-02"),
        ("y", "year", "2023"),
        ("none", "month", "2020-01"),
    ]


def test_jsonl_streams(tmp_path: Path) -> None:
    """The first record is yielded before later lines are read: a bad line 3 waits its turn."""
    path = write(
        tmp_path / "s.jsonl",
        jsonl({"id": "a", "date": "2023", "text": EN}, {"id": "b", "date": "2023", "text": EN})
        + "{not json\n",
    )
    stream = read_statements([path])
    assert next(stream).id == "a"
    assert next(stream).id == "b"
    with pytest.raises(InputError) as info:
        next(stream)
    assert info.value.line == 3


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=200)
@given(
    text=st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs",),
            blacklist_characters=[chr(c) for c in range(32) if chr(c) not in "\t\n\r"],
        ),
        min_size=1,
    ).filter(lambda t: not t.isspace()),
    ensure_ascii=st.booleans(),
)
def test_jsonl_text_round_trips(tmp_path: Path, text: str, ensure_ascii: bool) -> None:
    path = tmp_path / "prop.jsonl"
    record = {"id": "p", "date": "2023-02-28", "text": text, "lang": "en"}
    path.write_text(json.dumps(record, ensure_ascii=ensure_ascii) + "\n", encoding="utf-8")
    (statement,) = read(path)
    assert statement.text == text


# --- CSV ---------------------------------------------------------------------------------


def test_csv_good(tmp_path: Path) -> None:
    content = (
        "\ufeffID, Date ,text,title,ignored\r\n"
        'a,2023-02-28,"China, Brazil: partners",t1,x\r\n'
        "\r\n"
        'b,2023年3月,"第一段\r\n第二段",,\r\n'
        ",,,,\r\n"
        "c,2023,short row\r\n"
    )
    path = write(tmp_path / "s.csv", content)
    a, b, c = read(path)
    assert (a.id, a.text, a.title, a.lang, a.origin) == (
        "a",
        "China, Brazil: partners",
        "t1",
        "en",
        f"{path}:2",
    )
    assert (b.text, b.lang, b.date.iso(), b.origin) == (
        "第一段\r\n第二段",
        "zh",
        "2023-03",
        f"{path}:4",
    )
    assert (c.text, c.title, c.origin) == ("short row", "", f"{path}:7")


def test_csv_line_after_quoted_newline(tmp_path: Path) -> None:
    path = write(
        tmp_path / "s.csv",
        'id,date,text\na,2023,"one\ntwo\nthree"\nb,2023-02-30,x\n',
    )
    err = error(path)
    assert (err.line, err.field) == (5, "date")


def test_csv_without_date_column(tmp_path: Path) -> None:
    path = write(tmp_path / "s.csv", "id,text\na,hello\n")
    err = error(path)
    assert (err.line, err.field) == (1, "date")
    assert err.message == "no 'date' column (header has: id, text)"
    # With a default date the column is not needed.
    (s,) = read(path, default_date=PartialDate(2021))
    assert s.date == PartialDate(2021)


def test_csv_empty_date_cell_uses_default(tmp_path: Path) -> None:
    path = write(tmp_path / "s.csv", "id,date,text\na,,hello\n")
    assert error(path).field == "date"
    assert read(path, default_date=PartialDate(2021, 5))[0].date.iso() == "2021-05"


def test_csv_missing_text_column(tmp_path: Path) -> None:
    err = error(write(tmp_path / "s.csv", "id,date,body\na,2023,hello\n"))
    assert (err.line, err.field, err.message) == (
        1,
        "text",
        "no 'text' column (header has: id, date, body)",
    )


def test_csv_extra_column(tmp_path: Path) -> None:
    path = write(tmp_path / "s.csv", "id,date,text\na,2023,ok\nb,2023,oops,extra\n")
    err = error(path)
    assert (err.line, err.field) == (3, None)
    assert err.message == "row has 4 fields but the header has 3"


def test_csv_unclosed_quote(tmp_path: Path) -> None:
    path = write(tmp_path / "s.csv", 'id,date,text\na,2023,"never closed\nb,2023,x\n')
    err = error(path)
    assert err.line == 2 and "malformed CSV" in err.message


def test_csv_empty_file_and_duplicate_column(tmp_path: Path) -> None:
    assert "header row" in error(write(tmp_path / "e.csv", "")).message
    err = error(write(tmp_path / "d.csv", "id,date,text,id\n"))
    assert (err.line, err.field) == (1, "id")


def test_csv_long_field(tmp_path: Path) -> None:
    """Statements longer than the csv module's default 128 KiB field limit still read."""
    text = "伙伴关系" * 100_000
    (s,) = read(write(tmp_path / "s.csv", f"id,date,text\na,2023,{text}\n"))
    assert s.text == text


# --- text files --------------------------------------------------------------------------


def test_txt_front_matter(tmp_path: Path) -> None:
    body = "\n  中法全面战略伙伴关系。\n\nEnd.\n"
    path = write(
        tmp_path / "note.txt",
        "---\nid: n-1\ndate: 2023年4月7日\ntitle: 'Joint: statement'\nsource:\n---" + "\n" + body,
    )
    (s,) = read(path)
    assert (s.id, s.date.iso(), s.title, s.source, s.lang) == (
        "n-1",
        "2023-04-07",
        "Joint: statement",
        "",
        "zh",
    )
    assert s.text == body


def test_txt_front_matter_errors_name_their_line(tmp_path: Path) -> None:
    path = write(tmp_path / "n.txt", "---\nid: x\n\ndate: 2023-02-30\n---\nText.\n")
    err = error(path)
    assert (err.line, err.field) == (4, "date")
    path = write(tmp_path / "n.txt", "---\ndate: 2023\nlang: de\n---\nText.\n")
    assert (error(path).line, error(path).field) == (3, "lang")
    path = write(tmp_path / "n.txt", "---\ndate: 2023\nno colon here\n---\nText.\n")
    assert error(path).line == 3
    path = write(tmp_path / "n.txt", "---\ndate: 2023\nText without a closing line\n")
    assert error(path).line == 1


def test_txt_control_character_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "n.txt", "---\ndate: 2023\n---\nline one\nline\x07two\n")
    err = error(path)
    assert (err.line, err.field) == (5, "text")
    assert "U+0007" in err.message


def test_txt_empty_body(tmp_path: Path) -> None:
    err = error(write(tmp_path / "n.txt", "---\ndate: 2023\n---\n\n  \n"))
    assert err.field == "text"


@pytest.mark.parametrize(
    ("name", "iso"),
    [
        ("2023-02-25_visit.txt", "2023-02-25"),
        ("20230225-x.txt", "2023-02-25"),
        ("20230225.txt", "2023-02-25"),
    ],
)
def test_txt_date_in_file_name(tmp_path: Path, name: str, iso: str) -> None:
    (s,) = read(write(tmp_path / name, EN + "\n"), default_date=PartialDate(1999))
    assert (s.date.iso(), s.id, s.text, s.lang) == (iso, Path(name).stem, EN + "\n", "en")


def test_txt_front_matter_date_wins_over_file_name(tmp_path: Path) -> None:
    (s,) = read(write(tmp_path / "2023-02-25_x.txt", "---\ndate: 2024\n---\nText.\n"))
    assert s.date == PartialDate(2024)


def test_txt_bad_date_in_file_name(tmp_path: Path) -> None:
    err = error(write(tmp_path / "20231345-x.txt", "Text.\n"))
    assert err.field == "date" and "20231345" in err.message


def test_txt_without_date(tmp_path: Path) -> None:
    path = write(tmp_path / "undated.txt", "Text.\n")
    err = error(path)
    assert (err.path, err.field) == (str(path), "date")
    for hint in ("front matter", "file name", "--date"):
        assert hint in err.message
    (s,) = read(path, default_date=PartialDate(2022, 6, 1))
    assert (s.id, s.date.iso()) == ("undated", "2022-06-01")


# --- paths and directories ---------------------------------------------------------------


def test_fixture_corpus_walk() -> None:
    """Directories are walked by name, subdirectories in place; README.md is skipped."""
    root = FIXTURES / "corpus"
    out = read(root)
    assert [s.id for s in out] == ["2023/2023-02-25_visit", "note-7", "mfa-001", "2", "c-1", "c-2"]
    visit, note, mfa, two, c1, c2 = out
    assert visit.date.iso() == "2023-02-25" and visit.lang == "en"
    assert (note.date.iso(), note.title, note.lang) == (
        "2023-04",
        "Joint statement: China – France",
        "en",
    )
    assert (mfa.lang, mfa.source, two.date.precision) == ("zh", "fmprc", "month")
    assert (c1.text, c1.speaker) == (
        "China, Brazil: comprehensive strategic partnership",
        "Wang Yi",
    )
    assert (c2.text, c2.origin) == ("第一段\n第二段", f"{root / 'b_table.csv'}:3")


def test_directory_walk_order(tmp_path: Path) -> None:
    for name in ("b.jsonl", "a/z.jsonl", "a/b/y.jsonl", "c.ndjson", ".hidden/h.jsonl"):
        write(tmp_path / name, jsonl({"id": name, "date": "2023", "text": EN}))
    write(tmp_path / "README.md", "# not data\n")
    write(tmp_path / "notes.docx", b"\x00\x01")
    assert [s.id for s in read(tmp_path)] == ["a/b/y.jsonl", "a/z.jsonl", "b.jsonl", "c.ndjson"]


def test_txt_id_relative_to_directory_given(tmp_path: Path) -> None:
    write(tmp_path / "2023" / "mfa" / "2023-01-02_remarks.txt", EN)
    (s,) = read(tmp_path)
    assert s.id == "2023/mfa/2023-01-02_remarks"
    (s,) = read(tmp_path / "2023")
    assert s.id == "mfa/2023-01-02_remarks"


def test_missing_path(tmp_path: Path) -> None:
    err = error(tmp_path / "nope.jsonl")
    assert str(err) == f"{tmp_path / 'nope.jsonl'}: no such file or directory"


def test_unsupported_explicit_file(tmp_path: Path) -> None:
    err = error(write(tmp_path / "README.md", "# hi\n"))
    assert ".jsonl" in err.message and ".csv" in err.message and ".txt" in err.message


def test_single_path_argument(tmp_path: Path) -> None:
    path = write(tmp_path / "s.jsonl", jsonl({"id": "a", "date": "2023", "text": EN}))
    assert [s.id for s in read_statements(str(path))] == ["a"]


def test_paths_checked_before_reading(tmp_path: Path) -> None:
    good = write(tmp_path / "s.jsonl", jsonl({"id": "a", "date": "2023", "text": EN}))
    with pytest.raises(InputError):
        read_statements([good, tmp_path / "missing.csv"])


# --- encodings ---------------------------------------------------------------------------

BIG5_TEXT = "中方願同巴方深化全天候戰略合作夥伴關係。"


@pytest.mark.parametrize(
    ("codec", "text"),
    [("gb18030", ZH), ("big5", BIG5_TEXT)],
)
def test_non_utf8_jsonl(tmp_path: Path, codec: str, text: str) -> None:
    good = jsonl({"id": "ascii", "date": "2023", "text": EN})
    other = json.dumps({"id": "x", "date": "2023年2月28日", "text": text}, ensure_ascii=False)
    path = write(tmp_path / "s.jsonl", good.encode() + (other + "\n").encode(codec))
    err = error(path)
    assert err.line == 2 and err.field is None
    assert "not valid UTF-8 (byte 0x" in err.message
    assert err.message.endswith(f"use --encoding {codec}")  # detected, not just suggested
    a, b = read(path, encoding=codec)
    assert (b.text, b.lang, b.date.iso()) == (text, "zh", "2023-02-28")


def test_non_utf8_error_column(tmp_path: Path) -> None:
    path = write(tmp_path / "s.csv", b"id,date,text\na,2023,ok\nb,2023,\xd6\xd0\n")
    err = error(path)
    assert err.message == (
        "not valid UTF-8 (byte 0xD6 at column 8): looks like GB18030; use --encoding gb18030"
    )
    assert err.line == 3


@pytest.mark.parametrize(
    ("codec", "text", "title"),
    [("gb18030", ZH, "联合声明"), ("big5", BIG5_TEXT, "聯合聲明")],
)
def test_non_utf8_csv_and_txt(tmp_path: Path, codec: str, text: str, title: str) -> None:
    csv_path = write(
        tmp_path / "s.csv", f'id,date,text\na,2023年2月,"{text}\n{text}"\n'.encode(codec)
    )
    txt_path = write(
        tmp_path / "2023-03-01_x.txt", f"---\ntitle: {title}\n---\n{text}\n".encode(codec)
    )
    assert error(csv_path).line == 2
    assert error(txt_path).line == 2
    (c,) = read(csv_path, encoding=codec)
    assert (c.text, c.date.iso()) == (f"{text}\n{text}", "2023-02")
    (t,) = read(txt_path, encoding=codec)
    assert (t.text, t.title, t.lang, t.date.iso()) == (f"{text}\n", title, "zh", "2023-03-01")


def test_wrong_explicit_encoding(tmp_path: Path) -> None:
    path = write(tmp_path / "s.jsonl", b'{"id": "a", "date": "2023", "text": "\xff\xfe"}\n')
    err = error(path, encoding="big5")
    assert err.line == 1 and err.message.startswith("not valid big5 (byte 0xFF")


def test_utf8_bom_jsonl_and_explicit_utf8(tmp_path: Path) -> None:
    path = write(tmp_path / "s.jsonl", "\ufeff" + jsonl({"id": "a", "date": "2023", "text": EN}))
    assert read(path)[0].id == "a"
    assert read(path, encoding="UTF-8")[0].id == "a"


@pytest.mark.parametrize(
    ("encoding", "message"), [("klingon", "unknown encoding"), ("utf-16", "not supported")]
)
def test_bad_encoding_argument(tmp_path: Path, encoding: str, message: str) -> None:
    path = write(tmp_path / "s.jsonl", jsonl({"id": "a", "date": "2023", "text": EN}))
    err = error(path, encoding=encoding)
    assert err.path == "--encoding" and message in err.message


@pytest.mark.parametrize(
    ("raw", "guess"),
    [
        (ZH.encode("gb18030"), "gb18030"),
        (BIG5_TEXT.encode("big5"), "big5"),
        ("外交部发言人答记者问".encode("gb18030"), "gb18030"),
        ("外交部發言人答記者問".encode("big5"), "big5"),
        ("\ufeffid,date,text\n".encode("utf-16-le"), "utf-16"),
        (b"\xff\xfe\x00\x00i\x00\x00\x00", "utf-32"),
        (b"\x80\x81\x82", None),
        (b"plain ascii", None),
    ],
)
def test_guess_encoding(raw: bytes, guess: str | None) -> None:
    assert guess_encoding(raw) == guess


def test_utf16_file_says_save_as_utf8(tmp_path: Path) -> None:
    path = write(tmp_path / "s.csv", "id,date,text\na,2023,x\n".encode("utf-16"))
    err = error(path)
    assert err.line == 1 and "looks like UTF-16; save the file as UTF-8" in err.message


def test_wrong_legacy_encoding_names_the_right_one(tmp_path: Path) -> None:
    line = json.dumps({"id": "a", "date": "2023", "text": BIG5_TEXT}, ensure_ascii=False)
    path = write(tmp_path / "s.jsonl", (line + "\n").encode("big5"))
    assert read(path, encoding="big5")[0].text == BIG5_TEXT
    # Big5 bytes read as GB18030 decode (into nonsense) or fail; GB text read as Big5 fails.
    gb = write(tmp_path / "g.jsonl", (jsonl({"id": "a", "date": "2023", "text": ZH})).encode("gb18030"))
    err = error(gb, encoding="big5")
    assert err.message.startswith("not valid big5") and err.message.endswith("use --encoding gb18030")


# --- skipping bad records (on_bad) ---------------------------------------------------------


def collect(*paths: Path, **kwargs: object) -> tuple[list[Statement], list[tuple[InputError, str | None]]]:
    bad: list[tuple[InputError, str | None]] = []
    good = list(read_statements(paths, on_bad=lambda e, raw: bad.append((e, raw)), **kwargs))  # type: ignore[arg-type]
    return good, bad


def test_on_bad_jsonl_skips_each_bad_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "date": "2023", "text": EN}),
        '{"id": "b", "date": "2023", "text": "x"',
        json.dumps({"id": "c", "date": "2023-02-30", "text": EN}),
        json.dumps({"id": "d", "date": "2023", "text": EN}),
    ]
    path = write(tmp_path / "s.jsonl", "\n".join(lines).encode() + b'\n{"id": "e", "text": "\xd6\xd0"}\n')
    good, bad = collect(path)
    assert [s.id for s in good] == ["a", "d"]
    assert [(e.line, e.field) for e, _ in bad] == [(2, None), (3, "date"), (5, None)]
    assert [raw for _, raw in bad] == [lines[1], lines[2], '{"id": "e", "text": "\\xd6\\xd0"}']
    assert "looks like GB18030" in bad[2][0].message


def test_on_bad_csv_keeps_row_shape_around_bad_bytes(tmp_path: Path) -> None:
    content = (
        b"id,date,text\n"
        b'a,2023,"two\nlines"\n'
        b'b,2023,"bad \xd6\xd0\nbytes on line 5"\n'
        b"c,2023,too,many\n"
        b"d,2023\n"
        b'e,2023,"quoted ""ok"""\n'
    )
    good, bad = collect(write(tmp_path / "s.csv", content))
    assert [(s.id, s.text) for s in good] == [("a", "two\nlines"), ("e", 'quoted "ok"')]
    assert [(e.line, e.field) for e, _ in bad] == [(4, None), (6, None), (7, "text")]
    assert bad[0][1] == 'b,2023,"bad \\xd6\\xd0\nbytes on line 5"'
    assert bad[2][0].message == "row has 2 fields but the header has 3: no value for 'text'"


def test_on_bad_txt_skips_the_file(tmp_path: Path) -> None:
    write(tmp_path / "c" / "2023-01-01_a.txt", EN)
    write(tmp_path / "c" / "b.txt", EN)  # no date anywhere
    write(tmp_path / "c" / "2023-01-02_c.txt", b"\xd6\xd0\xb9\xfa")
    good, bad = collect(tmp_path / "c")
    assert [s.id for s in good] == ["2023-01-01_a"]
    assert [(Path(e.path).name, e.field) for e, _ in bad] == [("2023-01-02_c.txt", None), ("b.txt", "date")]
    assert bad[1][1] == EN


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("nodate.csv", "id,text\na,hello\n"),
        ("empty.csv", ""),
        ("header.csv", b"id,date,\xd6\xd0\n"),
    ],
)
def test_on_bad_file_level_errors_still_raise(tmp_path: Path, name: str, content: str | bytes) -> None:
    path = write(tmp_path / name, content)
    with pytest.raises(InputError):
        collect(path)


def test_on_bad_unsupported_or_missing_path_still_raises(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        collect(tmp_path / "missing.jsonl")


# --- limits and future dates ---------------------------------------------------------------


def test_text_over_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "MAX_TEXT_CHARS", 10)
    path = write(tmp_path / "s.jsonl", jsonl({"id": "a", "date": "2023", "text": "x" * 10}, {"id": "b", "date": "2023", "text": "x" * 11}))
    err = error(path)
    assert (err.line, err.field) == (2, "text")
    assert err.message.startswith("text is 11 characters, over the limit of 10")


def test_future_date_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "s.jsonl", jsonl({"id": "a", "date": "2099-01-01", "text": EN}))
    err = error(path)
    assert err.field == "date" and "'2099-01-01'" in err.message and "in the future" in err.message
    this_year = str(date.today().year)
    assert read(write(tmp_path / "y.jsonl", jsonl({"id": "a", "date": this_year, "text": EN})))[0].date.iso() == this_year
    err = error(write(tmp_path / "n.jsonl", jsonl({"id": "a", "text": EN})), default_date=PartialDate(2099))
    assert "(from --date)" in err.message


def test_mixed_script_text_is_kept_exactly(tmp_path: Path) -> None:
    text = "中方同Беларусь和بيلاروسيا深化全面战略伙伴关系 🇨🇳\u200b (comprehensive strategic partnership)。"
    (s,) = read(write(tmp_path / "s.jsonl", jsonl({"id": "a", "date": "2023", "text": text})))
    assert s.text == text and s.lang == "zh"


# --- --field: inputs with their own names ------------------------------------------------


def test_field_map_parses_and_refuses_bad_specs() -> None:
    assert readers.field_map(["text=content", " Date = year "]) == {"text": "content", "date": "year"}
    for spec, says in [("text", "expected FIELD=NAME"), ("=content", "expected FIELD=NAME"),
                       ("body=content", "unknown field 'body'"), ("text=", "expected FIELD=NAME")]:
        with pytest.raises(ValueError, match=says):
            readers.field_map([spec])
    with pytest.raises(ValueError, match="mapped twice"):
        readers.field_map(["text=a", "text=b"])


def test_jsonl_fields_read_under_the_inputs_names(tmp_path: Path) -> None:
    path = write(tmp_path / "reports.jsonl",
                 '{"title": "1999 report", "year": "1999", "content": "中欧建立建设性伙伴关系。", "text": "ignored"}\n'
                 '{"title": "2000 report", "year": 2000, "content": "x"}\n')
    fields = {"id": "title", "date": "year", "text": "content"}
    a, b = read(path, fields=fields)
    assert (a.id, a.date, a.text, a.lang, a.title) == ("1999 report", PartialDate(1999), "中欧建立建设性伙伴关系。", "zh",
                                                      "1999 report")
    assert (b.id, b.date) == ("2000 report", PartialDate(2000))


def test_errors_name_the_inputs_own_field(tmp_path: Path) -> None:
    path = write(tmp_path / "reports.jsonl", '{"title": "t", "year": null, "content": "x"}\n')
    err = error(path, fields={"id": "title", "date": "year", "text": "content"})
    assert (err.line, err.field) == (1, "year")
    assert err.message.startswith("missing date")


def test_a_missing_key_lists_the_keys_there_are(tmp_path: Path) -> None:
    path = write(tmp_path / "reports.jsonl", '{"title": "t", "year": "1999", "content": "x"}\n')
    err = error(path)
    assert (err.field, err.message) == ("id", "missing id (the record has: title, year, content; --field id=NAME reads one)")
    err = error(path, fields={"id": "title"})
    assert (err.field, err.message) == (
        "date", "missing date (the record has: title, year, content; --field date=NAME reads one, --date gives one)")
    # a key that is there but null or empty keeps the plain message
    assert error(write(tmp_path / "n.jsonl", '{"id": null, "date": "1999", "text": "x"}\n')).message == "missing id"


def test_csv_fields_read_columns_by_their_names(tmp_path: Path) -> None:
    path = write(tmp_path / "s.csv", "Doc,Published,Body\na,2021-05-01,hello\n")
    (s,) = read(path, fields={"id": "Doc", "date": "published", "text": "body"})
    assert (s.id, s.date.iso(), s.text) == ("a", "2021-05-01", "hello")
    err = error(path, fields={"id": "doc", "date": "when", "text": "body"})
    assert (err.line, err.field) == (1, "when")


def test_front_matter_fields_read_under_their_names(tmp_path: Path) -> None:
    path = write(tmp_path / "note.txt", "---\npublished: 2020-01-02\nkey: n1\n---\nbody text\n")
    (s,) = read(path, fields={"date": "published", "id": "key"})
    assert (s.id, s.date.iso(), s.text) == ("n1", "2020-01-02", "body text\n")
