"""Read statements from JSONL, CSV and plain-text files into Statement records.

Readers stream: corpora can be gigabytes, so a JSONL or CSV file is read line by line and each
record is yielded before the next is read. Bad data never escapes as a traceback: every problem
becomes an InputError naming the file, line and field, so the user can go and fix it.

A bad *record* (a line of JSONL, a row of CSV, a text file) either stops the read or, when the
caller passes ``on_bad`` (``--skip-bad``), is handed to it with its raw text and skipped.  A bad
*file* (missing, unreadable, a CSV header without the needed columns) always stops the read.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from termtrack.dates import check_not_future, parse_date
from termtrack.errors import InputError
from termtrack.records import MAX_ID_CHARS, PartialDate, Statement

__all__ = ["MAX_TEXT_CHARS", "SUPPORTED_SUFFIXES", "OnBad", "detect_lang", "guess_encoding", "read_statements"]

OnBad = Callable[[InputError, "str | None"], None]
"""Receives each bad record's error and its raw text (as read, undecodable bytes as \\xNN)."""

# One statement is a speech, a readout or a report: the longest in the shared corpora (a
# government work report) is 57,590 characters.  A million is far past any real one; past it is
# a corpus pasted into one field or a file missing its line breaks, which would be matched as
# one document for minutes (a label-dense million characters take about a minute).  Refused by
# name, so the user splits it, rather than accepted slowly and stored as one "statement".
MAX_TEXT_CHARS = 1_000_000

SUPPORTED_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".txt": "txt"}
_KINDS = ".jsonl, .ndjson, .csv or .txt"

LANGS = ("zh", "en")
OPTIONAL_FIELDS = ("title", "source", "url", "speaker")

# CJK Unified Ideographs (+ Extension A, compatibility, Extensions B-F) and 〇.
_CJK = re.compile("[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_LETTER = re.compile(r"[^\W\d_]")  # letters of any script (ideographs included)
_ZH_SHARE = 0.2

# C0 controls other than \t \n \r break terminals, CSV exports and PostgreSQL (NUL); lone
# surrogates (only reachable through JSON \ud800 escapes) cannot be encoded to UTF-8 at all.
BAD_CHAR = re.compile(  # what no stored field may hold: C0 controls but tab and line ends, lone surrogates
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")

# A JSON string can only hold such a character through an escape: \uXXXX, \b or \f (json.loads
# refuses raw control characters in strings, and a line is valid UTF-8, so has no surrogates).
# A line without one needs no per-character scan of its values (a tenth of reading time).
_JSON_ESCAPE_OFBAD_CHAR = re.compile(r"\\[ubf]")

_NAME_DATE = re.compile(r"([0-9]{4})-?([0-9]{2})-?([0-9]{2})(?![0-9])")
_NO_TXT_DATE = (
    "no date: give one in front matter (a 'date: 2023-02-25' line between '---' lines), "
    "in the file name (2023-02-25_title.txt or 20230225-title.txt), or with --date"
)
_NO_DATE = "missing date (add a date, or pass --date for records without one)"


FIELDS = ("id", "date", "text", "lang", *OPTIONAL_FIELDS)


def field_map(specs: Iterable[str]) -> dict[str, str]:
    """``["text=content", "date=year"]`` → {"text": "content", "date": "year"}: where each field is read from.

    For inputs whose own names differ (a scrape's ``content``, ``year``, ``url``).  Raises
    ValueError naming the bad spec.
    """
    out: dict[str, str] = {}
    for spec in specs:
        field, sep, source = (x.strip() for x in spec.partition("="))
        if not sep or not field or not source:
            raise ValueError(f"{spec!r}: expected FIELD=NAME, e.g. text=content")
        if field.lower() not in FIELDS:
            raise ValueError(f"{spec!r}: unknown field {field!r} (fields: {', '.join(FIELDS)})")
        if field.lower() in out:
            raise ValueError(f"{spec!r}: field {field.lower()!r} is mapped twice")
        out[field.lower()] = source
    return out


def detect_lang(text: str) -> str:
    """'zh' when CJK ideographs are at least a fifth of the letters, else 'en'.

    A fifth, not a half: an ideograph carries about as much as a whole Latin word, so Chinese
    text quoting English names or titles still comes out as 'zh'.
    """
    letters = len(_LETTER.findall(text))
    if not letters:
        return "en"
    return "zh" if len(_CJK.findall(text)) / letters >= _ZH_SHARE else "en"


def read_statements(
    paths: Iterable[str | Path],
    *,
    encoding: str | None = None,
    default_date: PartialDate | None = None,
    on_bad: OnBad | None = None,
    fields: Mapping[str, str] | None = None,
) -> Iterator[Statement]:
    """Yield the statements in the given files and directories, one at a time.

    The paths themselves and the encoding are checked at once (so a typo fails before any
    work is done); file contents are checked as they are reached.  Without ``on_bad`` the
    first bad record raises its InputError; with it, each bad record is passed to
    ``on_bad(error, raw)`` and skipped.  File-level errors raise either way.  ``fields``
    (from ``field_map``) names the key or column each field is read from; errors name it too.
    """
    codec = _check_encoding(encoding)
    if isinstance(paths, (str, Path)):  # one path, not an iterable of its characters
        paths = [paths]
    roots = [Path(p) for p in paths]
    for root in roots:
        check_path(root)
    return _deliver(_read_roots(roots, codec, encoding, default_date, dict(fields or {})), on_bad)


@dataclass(frozen=True)
class _Bad:
    """A record that failed validation, kept with its raw text for a reject file."""

    error: InputError
    raw: str | None


def _deliver(items: Iterator[Statement | _Bad], on_bad: OnBad | None) -> Iterator[Statement]:
    for item in items:
        if isinstance(item, _Bad):
            if on_bad is None:
                raise item.error
            on_bad(item.error, item.raw)
        else:
            yield item


# --- paths -------------------------------------------------------------------------------


def check_path(path: Path) -> None:
    """An input path the readers can read (a file of a known type, or a directory); else its InputError."""
    if not path.exists():
        raise InputError(str(path), None, None, "no such file or directory")
    if path.is_dir():
        return
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        kind = f"'{path.suffix}'" if path.suffix else "(no extension)"
        raise InputError(str(path), None, None, f"unsupported file type {kind}: expected {_KINDS}")


def _read_roots(
    roots: list[Path], codec: str, encoding: str | None, default_date: PartialDate | None,
    fields: dict[str, str],
) -> Iterator[Statement | _Bad]:
    for root in roots:
        if root.is_dir():
            for path in _walk(root):
                yield from _read_file(path, root, codec, encoding, default_date, fields)
        else:
            yield from _read_file(root, None, codec, encoding, default_date, fields)


def _walk(directory: Path) -> Iterator[Path]:
    """Supported files under directory, depth first, by name (code-point order).

    Hidden entries (.git, .DS_Store, editor backups) are skipped, and symlinked directories are
    not followed so a link loop cannot hang a run.
    """
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as e:
        raise InputError(str(directory), None, None, _os_message(e)) from None
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        elif entry.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES:
            yield path


def _read_file(
    path: Path,
    root: Path | None,
    codec: str,
    encoding: str | None,
    default_date: PartialDate | None,
    fields: dict[str, str],
) -> Iterator[Statement | _Bad]:
    kind = SUPPORTED_SUFFIXES[path.suffix.lower()]
    lines = _lines(path, codec, encoding)
    if kind == "jsonl":
        return _read_jsonl(str(path), lines, default_date, fields)
    if kind == "csv":
        return _read_csv(str(path), lines, default_date, fields)
    if root is not None:
        default_id = path.relative_to(root).with_suffix("").as_posix()
    else:
        default_id = path.stem
    return _read_txt(path, lines, default_id, default_date, fields)


def _os_message(e: OSError) -> str:
    return (e.strerror or str(e)).lower()


# --- bytes to lines ----------------------------------------------------------------------


def _check_encoding(encoding: str | None) -> str:
    """The codec to decode with; refuse ones where a b'\\n' byte is not always a line end."""
    if encoding is None:
        return "utf-8"
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError("--encoding", None, None, f"unknown encoding {encoding!r}") from None
    if name in ("utf-8", "utf-8-sig"):
        return "utf-8"  # _lines removes a byte-order mark
    probe = '\n\r\t ,"{}:-az09'
    try:
        ascii_compatible = probe.encode(name) == probe.encode("ascii")
    except (UnicodeError, LookupError):
        ascii_compatible = False
    if not ascii_compatible:
        raise InputError(
            "--encoding",
            None,
            None,
            f"encoding {encoding!r} is not supported: use one that keeps ASCII as is, "
            "e.g. utf-8, gb18030 or big5",
        )
    return name


class _Line(NamedTuple):
    """One physical line: its number, its text, and why its bytes did not decode (if they did not).

    An undecodable line is still given as text (bad bytes as U+DC80..U+DCFF, Python's
    surrogateescape), so a CSV row around it keeps its shape and can be skipped whole.
    """

    no: int
    text: str
    problem: str | None = None


def _lines(path: Path, codec: str, encoding: str | None) -> Iterator[_Line]:
    """Numbered decoded lines (ends kept), decoded one by one so a bad byte's line is exact.

    Binary lines split on b'\\n' only, which is safe for UTF-8, GB18030 and Big5 (no multi-byte
    character contains 0x0A) and does not split JSON at U+2028 as text mode might.
    """
    try:
        with open(path, "rb") as f:
            for lineno, raw in enumerate(f, 1):
                if lineno == 1 and codec != "utf-8" and raw.startswith(codecs.BOM_UTF8):
                    raise InputError(str(path), 1, None, "starts with a UTF-8 byte-order mark, so it is UTF-8: "
                                                         f"drop --encoding {encoding}")
                problem = None
                try:
                    line = raw.decode(codec)
                except UnicodeDecodeError as e:
                    problem = _decode_message(raw, e, codec, encoding, first=lineno == 1)
                    line = raw.decode(codec, "surrogateescape")
                if lineno == 1 and line.startswith("\ufeff"):
                    line = line[1:]
                yield _Line(lineno, line, problem)
    except OSError as e:  # only the file's own open/read: consumers' errors never land here
        raise InputError(str(path), None, None, _os_message(e)) from None


def _decode_message(
    raw: bytes, e: UnicodeDecodeError, codec: str, encoding: str | None, *, first: bool
) -> str:
    where = f"byte 0x{raw[e.start]:02X} at column {e.start + 1}"
    if codec != "utf-8":
        guess = guess_encoding(raw, first=first)
        hint = f": looks like {guess}; use --encoding {guess}" if guess and guess != codec else ""
        return f"not valid {encoding} ({where}){hint}"
    guess = guess_encoding(raw, first=first)
    if guess in ("utf-16", "utf-32"):
        return f"not valid UTF-8 ({where}): looks like {guess.upper()}; save the file as UTF-8"
    if guess:
        return f"not valid UTF-8 ({where}): looks like {guess.upper()}; use --encoding {guess}"
    return f"not valid UTF-8 ({where}); pass --encoding if the file is not UTF-8 (e.g. gb18030 or big5)"


# Encodings the field's legacy files come in, tried in this order (ties go to the first).
_LEGACY = ("gb18030", "big5", "cp950")
_SAMPLE_CHARS = 4000


def guess_encoding(raw: bytes, *, first: bool = True) -> str | None:
    """The legacy Chinese encoding these bytes most plausibly are in, or None.

    Big5 bytes nearly always also decode as GB18030 (into kana, Greek, private-use and rare
    characters), and GB bytes often fail as Big5, so the test is not "which decodes" but which
    decoding reads as common Chinese: frequent hanzi and CJK punctuation score, the symbol and
    private-use blocks a wrong decoding lands in count against.
    """
    if first and raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf-32"
    if (first and raw.startswith((b"\xff\xfe", b"\xfe\xff"))) or raw.count(0) * 4 >= len(raw) > 0:
        return "utf-16"
    best, best_score = None, 0
    for codec in _LEGACY:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        score = sum(_char_score(ch) for ch in text[:_SAMPLE_CHARS])
        if score > best_score:
            best, best_score = codec, score
    return "big5" if best == "cp950" else best


_WRONG_BLOCKS = (
    (0x0370, 0x052F),  # Greek, Cyrillic
    (0x2500, 0x257F),  # box drawing
    (0x3040, 0x30FF),  # kana
    (0x3100, 0x312F),  # bopomofo
    (0x3400, 0x4DBF),  # CJK extension A (rare)
    (0xAC00, 0xD7AF),  # Hangul
    (0xE000, 0xF8FF),  # private use
    (0xF900, 0xFAFF),  # compatibility ideographs
)


def _char_score(ch: str) -> int:
    o = ord(ch)
    if o < 0x80:
        return 0
    if 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF5E or ch in "\u2014\u2018\u2019\u201c\u201d\u2026\u00b7":
        return 1
    if 0x4E00 <= o <= 0x9FFF:
        return 1 if _common_hanzi(ch) else 0
    return -1 if any(lo <= o <= hi for lo, hi in _WRONG_BLOCKS) else 0


def _common_hanzi(ch: str) -> bool:
    """In GB2312's first level (3,755 common simplified) or Big5's frequent block (5,401)."""
    try:
        gb = ch.encode("gb2312")
        if 0xB0 <= gb[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        b5 = ch.encode("big5")
    except UnicodeEncodeError:
        return False
    return 0xA4 <= b5[0] <= 0xC6


_ESCAPED = re.compile("[\udc80-\udcff]")


def _shown(text: str) -> str:
    """Raw text for a reject file: undecodable bytes written as \\xNN, line end dropped."""
    return _ESCAPED.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", text).rstrip("\r\n")


def _record(raw: str, make: Callable[..., Statement], *args: object) -> Statement | _Bad:
    """``make(*args)``, or the record's error with its raw text (never a file-level error)."""
    try:
        return make(*args)
    except InputError as e:
        return _Bad(e, _shown(raw))


# --- JSONL -------------------------------------------------------------------------------


def _read_jsonl(
    path: str, lines: Iterator[_Line], default_date: PartialDate | None, fields: dict[str, str]
) -> Iterator[Statement | _Bad]:
    for lineno, line, problem in lines:
        if not line.strip():
            continue
        if problem:
            yield _Bad(InputError(path, lineno, None, problem), _shown(line))
            continue
        yield _record(line, _jsonl_statement, path, lineno, line, default_date, fields)


def json_line(path: str, lineno: int, line: str) -> object:
    """One line of JSONL parsed; its InputError (file, line, column) when it is not JSON."""
    try:
        return json.loads(line.rstrip("\r\n"))  # a line cut short is then faulted at its end, not at "line 2"
    except json.JSONDecodeError as e:
        raise InputError(path, lineno, None, f"malformed JSON: {e.msg.removesuffix(' at')} (column {e.colno})") from None
    except RecursionError:
        raise InputError(path, lineno, None, "malformed JSON: nested too deeply") from None
    except ValueError:  # the one other error of json.loads: an integer of over 4,300 digits
        raise InputError(path, lineno, None, "malformed JSON: a number too long to read") from None


def _jsonl_statement(path: str, lineno: int, line: str, default_date: PartialDate | None,
                     fields: dict[str, str]) -> Statement:
    obj = json_line(path, lineno, line)
    if not isinstance(obj, dict):
        raise InputError(path, lineno, None, f"expected a JSON object, got {_type_name(obj)}")
    clean = "\\" not in line or not _JSON_ESCAPE_OFBAD_CHAR.search(line)
    return _make_statement(obj, path, lineno, default_date, missing_date=_NO_DATE, clean=clean, fields=fields)


# --- CSV ---------------------------------------------------------------------------------


def _read_csv(
    path: str, lines: Iterator[_Line], default_date: PartialDate | None, fields: dict[str, str]
) -> Iterator[Statement | _Bad]:
    # Statements can be longer than the csv module's default 128 KiB field limit.
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
    consumed: list[_Line] = []  # the physical lines of the row being read

    def feed() -> Iterator[str]:
        for line in lines:
            consumed.append(line)
            yield line.text

    # strict: an unclosed quote would otherwise swallow the rest of the file into one field.
    reader = csv.reader(feed(), strict=True)

    def next_row() -> tuple[list[str] | None, list[_Line], InputError | None]:
        """(cells or None at the end, the lines they came from, the row's error if any)."""
        consumed.clear()
        try:
            row = next(reader)
        except StopIteration:
            return None, [], None
        except csv.Error as e:
            taken = list(consumed)
            start = taken[0].no if taken else reader.line_num
            return [], taken, InputError(path, start, None, f"malformed CSV: {e}")
        taken = list(consumed)
        bad = next((ln for ln in taken if ln.problem), None)
        return row, taken, InputError(path, bad.no, None, bad.problem) if bad else None

    while True:
        header, taken, error = next_row()
        if error:
            raise error  # a header that cannot be read makes every row unreadable
        if header is None:
            raise InputError(path, 1, None, "empty file: a CSV needs a header row (id,date,text,...)")
        if any(cell.strip() for cell in header):
            break  # else a leading blank line
    header_line = taken[0].no if taken else reader.line_num
    shown = [h.strip() for h in header]
    names = [h.lower() for h in shown]
    seen: set[str] = set()
    for name in names:
        if name and name in seen:
            raise InputError(path, header_line, name, "column appears twice in the header")
        seen.add(name)
    keys = {f: c.lower() for f, c in fields.items()}  # header names are compared lower-cased
    required = [keys.get(f, f) for f in (("id", "text") if default_date is not None else ("id", "date", "text"))]
    for col in required:
        if col not in seen:
            raise InputError(
                path, header_line, col, f"no '{col}' column (header has: {_header_list(shown)}){delimiter_hint(shown)}"
            )

    while True:
        row, taken, error = next_row()
        if row is None:
            return
        raw = "".join(ln.text for ln in taken)
        if error:
            yield _Bad(error, _shown(raw))
            continue
        if not any(cell.strip() for cell in row):
            continue  # blank line, or a spreadsheet's row of empty cells
        yield _record(raw, _csv_statement, path, taken[0].no, names, row, default_date, keys)


def delimiter_hint(header: list[str]) -> str:
    """A header read as one column that holds ';' (or tabs): the file is split by that, not by ','."""
    if len(header) != 1:
        return ""
    for sep, name in ((";", "';'"), ("\t", "tabs")):
        if sep in header[0]:
            return f": the file seems to use {name} as its delimiter, and termtrack reads CSV separated by ','"
    return ""


def _header_list(cells: list[str], *, most: int = 12, width: int = 40) -> str:
    """The header as the user wrote it, cut short when it is really a data row or a blob."""
    shown = [c if len(c) <= width else c[: width - 1] + "…" for c in cells[:most]]
    return ", ".join(shown) + (f", … ({len(cells)} columns)" if len(cells) > most else "")


def _csv_statement(
    path: str, start: int, names: list[str], row: list[str], default_date: PartialDate | None,
    keys: dict[str, str],
) -> Statement:
    """One row; ``keys``: the lower-cased column each mapped field is read from."""
    if len(row) > len(names):
        raise InputError(
            path, start, None, f"row has {len(row)} fields but the header has {len(names)}"
        )
    # A short row leaves its trailing columns empty, as csv.DictReader does; but a short row
    # that lacks a needed field says so, since a missing comma is the likelier cause.
    for needed in (keys.get("id", "id"), keys.get("text", "text")):
        if names.index(needed) >= len(row):
            raise InputError(
                path, start, needed,
                f"row has {len(row)} fields but the header has {len(names)}: no value for '{needed}'",
            )
    record = dict(zip(names, row, strict=False))
    return _make_statement(record, path, start, default_date, missing_date=_NO_DATE, fields=keys)


# --- plain text --------------------------------------------------------------------------


def _read_txt(
    path: Path,
    lines: Iterator[_Line],
    default_id: str,
    default_date: PartialDate | None,
    fields: dict[str, str],
) -> Iterator[Statement | _Bad]:
    """One statement per file: optional front matter, then the text exactly as written."""
    numbered = list(lines)  # one statement: the whole file is needed anyway
    raw = "".join(ln.text for ln in numbered)
    bad = next((ln for ln in numbered if ln.problem), None)
    if bad:
        yield _Bad(InputError(str(path), bad.no, None, bad.problem), _shown(raw))
        return
    yield _record(raw, _txt_statement, path, numbered, default_id, default_date, fields)


def _txt_statement(
    path: Path, numbered: list[_Line], default_id: str, default_date: PartialDate | None,
    fields: dict[str, str],
) -> Statement:
    p = str(path)
    meta: dict[str, str] = {}
    meta_lines: dict[str, int] = {}
    body_from = 0
    if numbered and numbered[0].text.strip() == "---":
        # Find the closing line first: an unclosed block is the error to report, not the body
        # lines that would otherwise be misread as front matter.
        closing = next((i for i, ln in enumerate(numbered) if i and ln.text.strip() == "---"), 0)
        if not closing:
            raise InputError(p, 1, None, "front matter opened with '---' is never closed by '---'")
        body_from = closing + 1
        for lineno, line, _ in numbered[1:closing]:
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            key, sep, value = s.partition(":")
            key = key.strip().lower()
            if not sep or not key:
                raise InputError(p, lineno, None, "front matter line is not 'key: value'")
            if key in meta:
                raise InputError(p, lineno, key, "given twice in the front matter")
            meta[key] = _unquote(value.strip())
            meta_lines[key] = lineno
    body_line = body_from + 1
    text = "".join(ln.text for ln in numbered[body_from:])

    # front matter keys are the file's own names (mapped by ``fields``); the body is the text
    lower = {f: k.lower() for f, k in fields.items() if f != "text"}
    record: dict[str, object] = dict(meta)
    record["text"] = text
    id_key, date_key = lower.get("id", "id"), lower.get("date", "date")
    if not meta.get(id_key, "").strip():
        record[id_key] = default_id
    if not meta.get(date_key, "").strip():
        record[date_key] = _date_from_name(path) or default_date
        if record[date_key] is None:
            raise InputError(p, None, date_key, _NO_TXT_DATE)
    return _make_statement(
        record,
        p,
        1,
        None,
        missing_date=_NO_TXT_DATE,
        field_lines=meta_lines,
        text_line=body_line,
        fields=lower,
    )


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _date_from_name(path: Path) -> PartialDate | None:
    """The date a file name starts with (2023-02-25_x.txt, 20230225-x.txt), if any."""
    m = _NAME_DATE.match(path.name)
    if not m:
        return None
    try:
        return parse_date("-".join(m.groups()))
    except ValueError as e:
        raise InputError(
            str(path),
            None,
            "date",
            f"file name starts with {m.group(0)!r}, which is not a valid date ({e}); "
            "give the date in front matter instead",
        ) from None


# --- records -----------------------------------------------------------------------------


def _make_statement(
    record: Mapping[str, object],
    path: str,
    line: int,
    default_date: PartialDate | None,
    *,
    missing_date: str,
    field_lines: Mapping[str, int] | None = None,
    text_line: int | None = None,
    clean: bool = False,
    fields: Mapping[str, str] | None = None,
) -> Statement:
    """Validate one record's fields; errors name the line each field was given on.

    ``clean``: the caller knows no string in the record holds a character BAD_CHAR refuses,
    so the scan for them is skipped.  ``fields``: the record's own key for a field (text=content);
    errors name that key.
    """
    lines = field_lines or {}
    check_chars = _no_check if clean else _check_chars
    keys = fields or {}

    def fail(name: str, message: str) -> InputError:
        key = keys.get(name, name)
        at = text_line if name == "text" and text_line is not None else line  # a text file's body starts below its front matter
        return InputError(path, lines.get(key, at), key, message)

    def get(name: str) -> object:
        return record.get(keys.get(name, name))

    def absent(name: str, alternative: str = "") -> str:
        """For a field whose key is not there at all: the keys that are, and how to map one (or, when
        --field already maps it, that the record has no such key: not the flag just given)."""
        key = keys.get(name, name)
        if key in record or not record:
            return ""
        have = _header_list([str(k) for k in record])
        if key != name:
            return f": the record has no field {key!r} (named by --field {name}={key}); it has: {have}"
        return f" (the record has: {have}; --field {name}=NAME reads one{alternative})"

    def string(name: str) -> str:
        """The field as a stripped string, '' when absent or null."""
        value = get(name)
        if value is None:
            return ""
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            raise fail(name, f"expected a string, got {_type_name(value)}")
        check_chars(value, fail, name)
        return value.strip()

    ident = string("id")
    if not ident:
        raise fail("id", "missing id" + absent("id") if get("id") is None else "empty id")
    if len(ident) > MAX_ID_CHARS:
        raise fail("id", f"id is {len(ident):,} characters, over the limit of {MAX_ID_CHARS}")

    raw_date = get("date")
    given = ""
    if isinstance(raw_date, PartialDate):
        date = raw_date
    else:
        date_text = string("date")
        if date_text:
            try:
                date = parse_date(date_text)
            except ValueError as e:
                raise fail("date", f"bad date {date_text!r}: {e}") from None
            given = f" {date_text!r}"
        elif default_date is not None:
            date = default_date
            given = " (from --date)"
        else:
            raise fail("date", ("missing date" + hint) if (hint := absent("date", ", --date gives one")) else missing_date)
    try:
        check_not_future(date)
    except ValueError as e:
        raise fail("date", f"bad date{given}: {e}") from None

    text = get("text")
    if text is None:
        raise fail("text", "missing text" + absent("text"))
    if not isinstance(text, str):
        raise fail("text", f"expected a string, got {_type_name(text)}")
    if not text:
        raise fail("text", "empty text")
    if text.isspace():
        raise fail("text", "text is only whitespace")
    if len(text) > MAX_TEXT_CHARS:
        raise fail(
            "text",
            f"text is {len(text):,} characters, over the limit of {MAX_TEXT_CHARS:,} for one "
            "statement: split it into one record per statement",
        )
    check_chars(text, fail, "text", text_line)

    lang = string("lang").lower()
    if not lang:
        lang = detect_lang(text)
    elif lang not in LANGS:
        shown = get("lang")
        raise fail("lang", f"unsupported language {shown!r} (expected zh or en, or none to detect)")

    extra = {name: string(name) for name in OPTIONAL_FIELDS}
    return Statement(
        id=ident,
        date=date,
        text=text,
        lang=lang,
        origin=f"{path}:{line}",
        **extra,
    )


def _no_check(*_args: object) -> None:
    pass


def _check_chars(
    value: str, fail: Callable[[str, str], InputError], name: str, first_line: int | None = None
) -> None:
    """Refuse characters that cannot be stored or shown safely, naming the code point."""
    m = BAD_CHAR.search(value)
    if not m:
        return
    ch = m.group()
    what = "an unpaired surrogate" if "\ud800" <= ch <= "\udfff" else "control character"
    err = fail(name, f"contains {what} U+{ord(ch):04X} (character {m.start() + 1})")
    if first_line is not None:  # a text file: point at the line the character is on
        err = InputError(err.path, first_line + value.count("\n", 0, m.start()), name, err.message)
    raise err


def _type_name(value: object) -> str:
    """JSON's name for a value's type, as the user wrote it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__
