"""Review: decisions stored apart from machine output, surviving rematch; CSV round trip; agreement."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import SAMPLE, assert_one_line_error, ok
from typer.testing import CliRunner

from termtrack.cli import app
from termtrack.errors import InputError, TermtrackError
from termtrack.lexicon import default_lexicon_dir, load_lexicon
from termtrack.rematch import rematch
from termtrack.review import (
    CSV_COLUMNS,
    Decision,
    MentionKey,
    ReviewFilters,
    _kappa,
    apply_reviews,
    decide,
    export_csv,
    import_csv,
    label_info,
    pending,
    reviews,
    stats,
)
from termtrack.store import open_db
from termtrack.timeline import load_facts


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


@pytest.fixture
def sample_db(db_url: str, run_cli) -> str:
    ok(run_cli("ingest", SAMPLE, "--db", db_url, "-q"))
    return db_url


def _key(engine, statement_id: str) -> MentionKey:
    """The key of the first mention of a sample statement."""
    items = [i for i in pending(engine, ReviewFilters(include_reviewed=True)) if i.key.statement_id == statement_id]
    assert items, statement_id
    return items[0].key


def _edited_lexicon(tmp_path: Path) -> Path:
    """A copy of the lexicon that (1) drops the qualifiers 创新 and 特殊, so the spans of sample-0032 and of
    _TWO_PARTNERS_MOVING start later, and (2) reads 提升为 before a label as a sector word, so every
    "提升为 …伙伴关系" mention goes."""
    root = tmp_path / "lexicon"
    shutil.copytree(default_lexicon_dir(), root)
    labels = root / "labels.yaml"
    text = labels.read_text(encoding="utf-8")
    # (丰富 moved them until 丰富 right before a word became the verb it is there)
    for line in ("  - {zh: 创新, en: [innovative, innovation]}\n", "  - {zh: 特殊, en: [special]}\n"):
        assert line in text
        text = text.replace(line, "")
    text = text.replace("zh_sector_before: [", "zh_sector_before: [提升为, ")
    labels.write_text(text, encoding="utf-8")
    return root


# ---------------------------------------------------------------------------- acceptance
def test_decisions_survive_rematch_after_lexicon_change(sample_db: str, lex, tmp_path: Path) -> None:
    engine = open_db(sample_db)
    kept, rejected, moved, orphan = (_key(engine, s) for s in ("sample-0067", "sample-0036", "sample-0032", "sample-0017"))
    decide(engine, Decision(kept, "accept"), lex=lex, reviewer="ann")
    decide(engine, Decision(rejected, "reject", note="a wording, not the label"), lex=lex, reviewer="ann")
    decide(engine, Decision(moved, "correct", event="proposal"), lex=lex, reviewer="ann")
    decide(engine, Decision(orphan, "accept"), lex=lex, reviewer="ann")

    report = rematch(db=sample_db, lexicon=load_lexicon(_edited_lexicon(tmp_path)))
    assert report.removed > 0  # the lexicon change did change mentions

    by_key = {r.key: r for r in reviews(engine)}
    assert len(by_key) == 4  # nothing lost
    assert by_key[kept].status == "attached" and by_key[rejected].status == "attached"
    assert by_key[moved].status == "moved"
    assert by_key[moved].current.statement_id == "sample-0032" and by_key[moved].current.start > moved.start
    assert by_key[orphan].status == "orphaned" and by_key[orphan].current is None

    facts = load_facts(engine, partner="BLR") + load_facts(engine, partner="CHE")
    applied = apply_reviews(engine, facts)
    ids = {(f.statement_id, f.event) for f in applied}
    assert ("sample-0036", "mention") not in ids and all(f.statement_id != "sample-0036" for f in applied)
    assert ("sample-0032", "proposal") in ids  # the correction followed the moved span
    assert any(f.statement_id == "sample-0067" for f in applied)

    only = apply_reviews(engine, load_facts(engine, partner="BLR") + load_facts(engine, partner="CHE"), reviewed_only=True)
    assert {f.statement_id for f in only} == {"sample-0067", "sample-0032"}

    st = stats(engine)
    assert [r.key for r in st.orphaned] == [orphan]
    assert [r.key for r in st.moved] == [moved]


# ---------------------------------------------------------------------------- library
def test_label_correction_updates_id_and_tier(sample_db: str, lex) -> None:
    engine = open_db(sample_db)
    key = _key(engine, "sample-0036")  # 两国全面战略伙伴关系, 2016
    decide(engine, Decision(key, "correct", label="新时代全天候全面战略伙伴关系", partner="Belarus"), lex=lex)
    fact = next(f for f in apply_reviews(engine, load_facts(engine, partner="BLR")) if f.statement_id == "sample-0036")
    assert (fact.label_zh, fact.label_id, fact.tier, fact.new_era) == (
        "全天候全面战略伙伴关系", "all_weather_comprehensive_strategic_partnership", "all_weather_comprehensive", True)
    assert fact.label_key == "新时代全天候全面战略伙伴关系"
    r = reviews(engine)[0]
    assert (r.machine_label, r.label, r.partner) == ("全面战略伙伴关系", "新时代全天候全面战略伙伴关系", "BLR")


def test_pending_filters_and_decide_errors(sample_db: str, lex) -> None:
    engine = open_db(sample_db)
    blr = pending(engine, ReviewFilters(partner="BLR"))
    assert blr and all(i.partner == "BLR" for i in blr)
    ups = pending(engine, ReviewFilters(partner="BLR", event="upgrade", label="全天候全面战略伙伴关系"))
    assert {i.key.statement_id for i in ups} >= {"sample-0060"}
    decide(engine, Decision(ups[0].key, "accept"), lex=lex)
    assert ups[0].key not in {i.key for i in pending(engine, ReviewFilters(partner="BLR"))}
    with pytest.raises(Exception, match="unknown partner"):
        decide(engine, Decision(ups[0].key, "correct", partner="Atlantis"), lex=lex)
    with pytest.raises(Exception, match="no mention"):
        decide(engine, Decision(MentionKey("sample-0060", 0, 3), "accept"), lex=lex)


def test_label_info(lex) -> None:
    assert label_info(lex, "全方位战略伙伴关系").label_zh == "全面战略伙伴关系"
    assert label_info(lex, "全方位战略伙伴关系").qualifiers == ("全方位",)
    assert label_info(lex, "战略互惠关系").kind == "relation"
    assert label_info(lex, "全天候全面战略合作伙伴关系").label_id.startswith("unlisted:")
    assert label_info(lex, "合作战略伙伴关系") is None  # parts out of slot order
    assert label_info(lex, "friendship") is None


def test_kappa() -> None:
    assert _kappa([("a", "a"), ("b", "b")]) == 1.0
    assert _kappa([("a", "a"), ("a", "a")]) is None  # chance agreement is total
    assert _kappa([("a", "b"), ("b", "a")]) == -1.0
    assert _kappa([]) is None


# ---------------------------------------------------------------------------- CLI
def test_interactive_walk(sample_db: str, hermetic: None) -> None:
    keys = "a\nr\nc\nPakistan\n\nproposal\nwrong partner\ns\nq\n"
    res = CliRunner().invoke(app, ["review", "--db", sample_db, "--country", "Belarus", "--reviewer", "ann"], input=keys)
    ok(res)
    assert "[1/" in res.stdout and "sample-0017" in res.stdout and "machine: partner Belarus (BLR)" in res.stdout
    engine = open_db(sample_db)
    got = reviews(engine)
    assert [r.decision for r in got] == ["accept", "reject", "correct"] or sorted(r.decision for r in got) == ["accept", "correct", "reject"]
    corrected = next(r for r in got if r.decision == "correct")
    assert (corrected.partner, corrected.event, corrected.note, corrected.reviewer) == ("PAK", "proposal", "wrong partner", "ann")
    assert corrected.machine_partner == "BLR"
    assert "reviewed 3 of" in res.stderr
    st = CliRunner().invoke(app, ["review", "stats", "--db", sample_db, "--format", "json"])
    ok(st)
    assert '"reviewed": 3' in st.stdout and '"event_kappa"' in st.stdout


def termtrack_main(*args, cwd: Path) -> subprocess.CompletedProcess:
    """The console entry point (termtrack.cli:main) in a subprocess.

    Not ``python -m termtrack.cli``: run as __main__, cli.py is a second module object and the
    commands that cli_review registers on ``termtrack.cli.app`` are not on it.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("TERMTRACK_")}
    env.update({"COLUMNS": "80", "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"})
    return subprocess.run([sys.executable, "-c", "from termtrack.cli import main; main()", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=cwd, timeout=300, check=False)


def _edit(path: Path, edits: dict[int, dict[str, str]], out: Path) -> None:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for i, change in edits.items():
        rows[i].update(change)
    with open(out, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
        w.writeheader()
        w.writerows(rows)


def test_csv_round_trip(sample_db: str, tmp_path: Path, lex) -> None:
    engine = open_db(sample_db)
    sheet = tmp_path / "review.csv"
    n = export_csv(engine, sheet, ReviewFilters(partner="BLR"))
    raw = sheet.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "全面战略伙伴关系".encode() in raw  # Excel-friendly UTF-8
    with open(sheet, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == n and list(rows[0]) == CSV_COLUMNS
    assert all(r["decision"] == "" and r["machine_partner"] == "BLR" for r in rows)

    edited = tmp_path / "edited.csv"
    _edit(sheet, {0: {"decision": "accept"}, 1: {"decision": "Reject", "note": "English duplicate"},
                  2: {"decision": "correct", "event": "proposal", "label": "全方位战略伙伴关系"}}, edited)
    report = import_csv(engine, edited, lex=lex, reviewer="bob")
    assert (report.rows, report.stored, report.skipped, report.orphaned) == (n, 3, n - 3, [])
    got = {(r.key.statement_id, r.key.start): r for r in reviews(engine)}
    third = got[(rows[2]["statement_id"], int(rows[2]["start"]))]
    assert (third.decision, third.event, third.label, third.reviewer) == ("correct", "proposal", "全面战略伙伴关系", "bob")

    # the sheet exported again carries the decisions; importing it again changes nothing
    again = tmp_path / "again.csv"
    export_csv(engine, again, ReviewFilters(partner="BLR", include_reviewed=True))
    with open(again, encoding="utf-8-sig", newline="") as fh:
        back = list(csv.DictReader(fh))
    assert [r["decision"] for r in back[:3]] == ["accept", "reject", "correct"] and back[2]["event"] == "proposal"
    before = reviews(engine)
    import_csv(engine, again, lex=lex, reviewer="carol")
    assert reviews(engine) == before

    st = stats(engine)
    assert st.decisions == {"accept": 1, "reject": 1, "correct": 1}
    assert st.accept_rate == pytest.approx(1 / 3)
    assert st.agreement["partner"] == 1.0 and st.agreement["event"] == 0.5


BAD_ROWS = [
    ({"decision": "maybe"}, "decision"),
    ({"decision": "correct", "partner": "Atlantis"}, "partner"),
    ({"decision": "correct", "label": "永恒友谊伙伴"}, "label"),
    ({"decision": "correct", "event": "signed"}, "event"),
    ({"decision": "correct"}, "decision"),
    ({"decision": "accept", "statement_id": "no-such-id"}, "statement_id"),
    ({"decision": "accept", "start": "x"}, "start"),
    ({"decision": "accept", "start": "3"}, "surface"),
    # bad-input probe of issue 5's stop: a negative or underscored offset names 'start', a control
    # character in a note is refused as ingest refuses it in a text
    ({"decision": "accept", "start": "-5"}, "start"),
    ({"decision": "accept", "start": "1_5"}, "start"),
    ({"decision": "reject", "note": "see\x00here"}, "note"),
    ({"decision": "reject", "note": "\x1b[31mred"}, "note"),
]


def test_import_rejects_bad_rows_and_stores_nothing(sample_db: str, tmp_path: Path, lex) -> None:
    engine = open_db(sample_db)
    sheet = tmp_path / "review.csv"
    export_csv(engine, sheet, ReviewFilters(partner="BLR"))
    for i, (edit, field) in enumerate(BAD_ROWS):
        bad = tmp_path / f"bad{i}.csv"
        _edit(sheet, {0: {"decision": "accept"}, 4: edit}, bad)  # row 0 is fine: it must not be stored either
        with pytest.raises(InputError) as exc:
            import_csv(engine, bad, lex=lex)
        assert (exc.value.path, exc.value.line, exc.value.field) == (str(bad), 6, field), str(exc.value)
        assert reviews(engine) == []
    # through the console entry point: one line on stderr, non-zero exit, nothing stored
    proc = termtrack_main("review", "import", tmp_path / "bad1.csv", "--db", sample_db, cwd=tmp_path)
    assert_one_line_error(proc, names=str(tmp_path / "bad1.csv"), line=6, field="partner")
    assert reviews(engine) == []


def test_import_refuses_an_unclosed_quote_instead_of_swallowing_rows(sample_db: str, tmp_path: Path, lex) -> None:
    """A quote left open took every later row into one note, and the import said it stored one decision."""
    engine = open_db(sample_db)
    sheet = tmp_path / "review.csv"
    export_csv(engine, sheet, ReviewFilters(partner="BLR"))
    lines = sheet.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    cells = next(csv.reader([lines[1]]))
    cells[header.index("decision")] = "reject"
    cells[header.index("note")] = '"left open'
    bad = tmp_path / "unclosed.csv"
    bad.write_text("\r\n".join([lines[0], ",".join(c if c.startswith('"') else f'"{c}"' for c in cells), *lines[2:]]) + "\r\n",
                   encoding="utf-8-sig")
    with pytest.raises(InputError) as exc:
        import_csv(engine, bad, lex=lex)
    assert exc.value.line == 2 and "malformed CSV" in exc.value.message, str(exc.value)
    assert reviews(engine) == []


def test_import_of_a_folder_is_one_line(sample_db: str, tmp_path: Path) -> None:
    proc = termtrack_main("review", "import", tmp_path, "--db", sample_db, cwd=tmp_path)
    assert_one_line_error(proc, names=str(tmp_path))
    assert "cannot read" in proc.stderr


def test_review_export_never_overwrites_the_database(sample_db: str, tmp_path: Path) -> None:
    db_file = sample_db.removeprefix("sqlite:///")
    if not db_file or "://" in db_file:
        pytest.skip("a server database has no file to overwrite")
    before = len(pending(open_db(sample_db), ReviewFilters(include_reviewed=True)))
    proc = termtrack_main("review", "export", "-o", db_file, "--db", sample_db, cwd=tmp_path)
    assert_one_line_error(proc, names=db_file)
    assert "is the database" in proc.stderr
    assert before and len(pending(open_db(sample_db), ReviewFilters(include_reviewed=True))) == before  # still a database


# ---------------------------------------------------------------------------- one span, two partners
_TWO_PARTNERS = (
    '{"id": "two-1", "date": "2019-04-10", "lang": "zh", "title": "记者会", '
    '"text": "今年是中澳、中新全面战略伙伴关系建立5周年，我们愿同两国共同努力。"}\n'
)
# a two-partner span that the edited lexicon (no 特殊) moves from 11–32 to 24–32
_TWO_PARTNERS_MOVING = (
    '{"id": "two-2", "date": "2019-05-10", "lang": "zh", "title": "记者会", '
    '"text": "两国元首商定，不断深化相互信任、特殊的中澳、中新全面战略伙伴关系。"}\n'
)


@pytest.fixture
def two_partner_db(db_url: str, run_cli, tmp_path: Path) -> str:
    """One label span said of two partners (中澳、中新…): two mentions at the same offsets."""
    src = tmp_path / "two.jsonl"
    src.write_text(_TWO_PARTNERS, encoding="utf-8")
    ok(run_cli("ingest", src, "--db", db_url, "-q"))
    items = pending(open_db(db_url))
    assert [(i.key.start, i.key.end, i.partner) for i in items] == [(8, 16, "AUS"), (8, 16, "NZL")]
    return db_url


def test_a_sheet_accepting_both_partners_of_one_span_imports(two_partner_db: str, tmp_path: Path, lex) -> None:
    """Regression: the review key was the span alone, so an exported sheet with every row decided
    failed to import ('a second decision for the mention') and one decision stood for both partners."""
    engine = open_db(two_partner_db)
    sheet = tmp_path / "review.csv"
    assert export_csv(engine, sheet) == 2
    rows = list(csv.DictReader(sheet.read_text(encoding="utf-8-sig").splitlines()))
    for row in rows:
        row["decision"] = "accept" if row["machine_partner"] == "AUS" else "correct"
        if row["machine_partner"] == "NZL":
            row["event"] = "mention"
    with sheet.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
        w.writeheader()
        w.writerows(rows)
    report = import_csv(engine, sheet, lex=lex)
    assert (report.stored, report.orphaned) == (2, [])

    stored = reviews(engine)
    assert sorted((r.key.partner, r.decision, r.status) for r in stored) == [
        ("AUS", "accept", "attached"), ("NZL", "correct", "attached")]
    assert pending(engine) == []
    events = {f.partner: f.event for f in load_facts(engine, partner=None) if f.statement_id == "two-1"}
    assert events == {"AUS": "upgrade", "NZL": "mention"}  # each decision applies to its own partner
    assert stats(engine).pending == 0

    # re-importing the same sheet changes nothing; a rematch keeps both decisions attached
    assert import_csv(engine, sheet, lex=lex).stored == 2
    rematch(db=two_partner_db)
    assert sorted((r.key.partner, r.status) for r in reviews(engine)) == [("AUS", "attached"), ("NZL", "attached")]


def test_a_decision_without_a_partner_on_a_shared_span_is_refused(two_partner_db: str, lex) -> None:
    engine = open_db(two_partner_db)
    with pytest.raises(TermtrackError, match="AUS, NZL"):
        decide(engine, Decision(MentionKey("two-1", 8, 16), "reject"), lex=lex)
    assert reviews(engine) == []
    review = decide(engine, Decision(MentionKey("two-1", 8, 16, "NZL"), "reject"), lex=lex)
    assert review.key == MentionKey("two-1", 8, 16, "NZL") and review.status == "attached"
    kept = {f.partner for f in load_facts(engine, partner=None) if f.statement_id == "two-1"}
    assert kept == {"AUS"}
    assert [f.partner for f in load_facts(engine, partner="AUS")] == ["AUS"]  # NZL's decision is not AUS's


@pytest.fixture
def moving_db(db_url: str, run_cli, tmp_path: Path) -> str:
    src = tmp_path / "moving.jsonl"
    src.write_text(_TWO_PARTNERS_MOVING, encoding="utf-8")
    ok(run_cli("ingest", src, "--db", db_url, "-q"))
    assert [(i.key.start, i.key.end, i.partner) for i in pending(open_db(db_url))] == [(11, 32, "AUS"), (11, 32, "NZL")]
    return db_url


def _decided_sheet(engine, path: Path, decisions: dict[str, str]) -> Path:
    """The exported sheet with a decision per machine partner."""
    export_csv(engine, path)
    rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    for row in rows:
        row["decision"] = decisions.get(row["machine_partner"], "")
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
        w.writeheader()
        w.writerows(rows)
    return path


def test_a_sheet_exported_before_a_rematch_moved_the_span_imports(moving_db: str, tmp_path: Path) -> None:
    """Regression (review of the partner key): a key whose span is gone took the span's one
    decision whatever its partner, so the second row failed as 'a second decision', and the
    import called moved decisions orphaned."""
    engine = open_db(moving_db)
    sheet = _decided_sheet(engine, tmp_path / "before.csv", {"AUS": "accept", "NZL": "reject"})
    edited = load_lexicon(_edited_lexicon(tmp_path))
    rematch(db=moving_db, lexicon=edited)
    report = import_csv(engine, sheet, lex=edited)
    assert report.stored == 2 and report.orphaned == []
    assert sorted((k.partner, now.start, now.partner) for k, now in report.moved) == [("AUS", 24, "AUS"), ("NZL", 24, "NZL")]
    assert [f.partner for f in load_facts(engine, partner=None)] == ["AUS"]  # NZL's mention rejected, AUS's kept


def test_an_import_never_overwrites_another_partners_decision(moving_db: str, tmp_path: Path, lex) -> None:
    engine = open_db(moving_db)
    decide(engine, Decision(MentionKey("two-2", 11, 32, "NZL"), "reject", note="NZL: not a label"), lex=lex)
    edited = load_lexicon(_edited_lexicon(tmp_path))
    rematch(db=moving_db, lexicon=edited)
    sheet = tmp_path / "aus.csv"
    sheet.write_text("statement_id,start,end,machine_partner,decision,note\r\ntwo-2,11,32,AUS,accept,AUS ok\r\n",
                     encoding="utf-8")
    import_csv(engine, sheet, lex=edited)
    by_partner = {r.key.partner: (r.decision, r.note, r.current.partner) for r in reviews(engine)}
    assert by_partner == {"NZL": ("reject", "NZL: not a label", "NZL"), "AUS": ("accept", "AUS ok", "AUS")}


def test_a_moved_decision_stays_with_its_partner_through_a_round_trip(moving_db: str, tmp_path: Path, lex) -> None:
    """Regression: with its own partner's mention taken, a moved decision landed on the other
    partner's mention; and the re-imported sheet of a moved decision left a second, orphaned row."""
    engine = open_db(moving_db)
    decide(engine, Decision(MentionKey("two-2", 11, 32, "AUS"), "correct", event="proposal"), lex=lex)
    edited = load_lexicon(_edited_lexicon(tmp_path))
    rematch(db=moving_db, lexicon=edited)
    sheet = tmp_path / "after.csv"
    export_csv(engine, sheet)
    import_csv(engine, sheet, lex=edited)
    assert [(r.key, r.status) for r in reviews(engine)] == [(MentionKey("two-2", 24, 32, "AUS"), "attached")]
    assert [i.key for i in pending(engine)] == [MentionKey("two-2", 24, 32, "NZL")]
    facts = sorted((f.partner, f.event) for f in load_facts(engine, partner=None))
    assert facts == [("AUS", "proposal"), ("NZL", "mention")]


def _r(start: int, end: int, partner: str | None):
    return SimpleNamespace(start_char=start, end_char=end, machine_partner=partner)


@pytest.mark.parametrize("decided,mentions,expected", [
    # exact key; the span's only mention when the machine names another partner now
    ([(8, 16, "AUS"), (8, 16, "NZL")], [(8, 16, "AUS"), (8, 16, "NZL")], ["attached AUS", "attached NZL"]),
    ([(8, 16, "AUS")], [(8, 16, "SGP")], ["attached SGP"]),
    # two decisions, one mention left: its partner's decision, else neither (not the older one)
    ([(8, 16, "AUS"), (8, 16, "NZL")], [(8, 16, "SGP")], ["orphaned", "orphaned"]),
    ([(9, 34, "AUS"), (9, 34, "NZL")], [(11, 34, "AUS")], ["moved AUS", "orphaned"]),
    ([(9, 34, "NZL"), (9, 34, "AUS")], [(11, 34, "SGP")], ["orphaned", "orphaned"]),
    # a moved span keeps each decision with its partner
    ([(9, 34, "AUS"), (9, 34, "NZL")], [(11, 34, "AUS"), (11, 34, "NZL")], ["moved AUS", "moved NZL"]),
    # its own partner's mention taken: the decision does not fall onto the other partner's
    ([(9, 34, "AUS"), (11, 34, "AUS")], [(11, 34, "AUS"), (11, 34, "NZL")], ["orphaned", "attached AUS"]),
])
def test_attach_golden(decided, mentions, expected) -> None:
    from termtrack.review import _attach

    rows = [(_r(*d), "s") for d in decided]
    found = {id(r): (status, span[3]) for span, (r, status) in _attach(rows, [("s", *m) for m in mentions]).items()}
    got = [" ".join(x for x in found[id(r)] if x) if id(r) in found else "orphaned" for r, _ in rows]
    assert got == expected


def test_review_decisions_change_the_timeline_cache_version() -> None:
    """Regression: views built before a change to how decisions apply were served after it."""
    from termtrack import timeline_cache

    assert timeline_cache._code_version() != _digest_without_review()


def _digest_without_review() -> str:
    import hashlib

    import termtrack.timeline
    from termtrack import timeline_cache

    h = hashlib.sha256()
    for path in (Path(termtrack.timeline.__file__), Path(timeline_cache.__file__)):
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def test_an_import_says_when_a_written_partner_is_not_the_mentions(sample_db: str, tmp_path: Path, lex) -> None:
    """A key naming another partner on a span of one mention is applied to that mention (a sheet from
    before a rematch), and the import now says so instead of storing it without a word."""
    engine = open_db(sample_db)
    key = _key(engine, "sample-0067")
    other = "RUS" if key.partner != "RUS" else "BLR"
    sheet = tmp_path / "other.csv"
    sheet.write_text(f"statement_id,start,end,machine_partner,decision\r\nsample-0067,{key.start},{key.end},{other},reject\r\n",
                     encoding="utf-8")
    report = import_csv(engine, sheet, lex=lex)
    assert report.repartnered == [(MentionKey("sample-0067", key.start, key.end, other), key.partner)]
    assert [r.key for r in reviews(engine)] == [key]
    proc = termtrack_main("review", "import", sheet, "--db", sample_db, cwd=tmp_path)
    assert proc.returncode == 0 and f"names {other}, but the mention there is {key.partner}'s" in proc.stderr


def test_a_second_row_for_one_key_blames_the_partner_cell(two_partner_db: str, tmp_path: Path, lex) -> None:
    sheet = tmp_path / "dup.csv"
    sheet.write_text("statement_id,start,end,machine_partner,decision\r\ntwo-1,8,16,AUS,accept\r\ntwo-1,8,16,aus,reject\r\n",
                     encoding="utf-8")
    with pytest.raises(InputError) as exc:
        import_csv(open_db(two_partner_db), sheet, lex=lex)
    assert (exc.value.line, exc.value.field) == (3, "machine_partner"), str(exc.value)


# ---------------------------------------------------------------------------- concurrent writers
_NO_PARTNER = ('{"id": "np-1", "date": "2019-12-20", "lang": "zh", "title": "记者会", '
               '"text": "两国将继续深化全面战略伙伴关系。"}\n')  # a label many hold: its partner stays open


def test_one_decision_per_partner_less_mention_even_from_two_imports_at_once(db_url: str, run_cli, tmp_path: Path,
                                                                               lex, monkeypatch) -> None:
    """A known gap: NULLs are distinct in the unique key, so two imports at once could each store a
    decision for the same mention with no partner.  Now a partial unique index refuses the second
    row, and the import that loses the race runs again and replaces the winner's decision."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import IntegrityError
    from sqlalchemy.pool import NullPool

    import termtrack.review as review

    src = tmp_path / "np.jsonl"
    src.write_text(_NO_PARTNER, encoding="utf-8")
    ok(run_cli("ingest", src, "--db", db_url, "-q"))
    engine = open_db(db_url)
    (item,) = pending(engine)
    assert item.partner is None
    other = create_engine(engine.url.render_as_string(hide_password=False), poolclass=NullPool)  # another process's

    def insert_rival(conn) -> None:
        conn.execute(text("INSERT INTO reviews (statement_pk, start_char, end_char, decision, machine_partner, note,"
                          " reviewer, reviewed_at) SELECT statement_pk, start_char, end_char, 'accept', NULL, 'rival',"
                          " 'bo', '2026-12-01 10:00:00' FROM mentions"))

    with pytest.raises(IntegrityError), other.begin() as conn:  # the index itself: no second partner-less row
        insert_rival(conn)
        insert_rival(conn)

    real_store, raced = review._store, []

    def store_after_a_rival(*args, **kwargs):
        if not raced:  # the other import commits its decision between this one's reads and its writes
            raced.append(True)
            with other.begin() as conn:
                insert_rival(conn)
        return real_store(*args, **kwargs)

    monkeypatch.setattr(review, "_store", store_after_a_rival)
    sheet = tmp_path / "np.csv"
    sheet.write_text("statement_id,start,end,machine_partner,decision,note\r\n"
                     f"np-1,{item.key.start},{item.key.end},,reject,mine\r\n", encoding="utf-8")
    report = import_csv(engine, sheet, lex=lex, reviewer="ann")
    assert raced and report.stored == 1
    with other.connect() as conn:
        rows = conn.execute(text("SELECT decision, note, reviewer FROM reviews")).all()
    assert [tuple(r) for r in rows] == [("reject", "mine", "ann")]
    other.dispose()
    engine.dispose()


def test_review_label_takes_any_name_of_the_label(sample_db: str, hermetic: None) -> None:
    """`review --label` took only a label_zh, unlike `mentions` and `export` (review of this stop)."""
    from termtrack.cli_review import _filters

    lex = load_lexicon()
    by_zh = [i.key for i in pending(open_db(sample_db), _filters(lex, None, "全面战略伙伴关系", None))]
    assert by_zh
    for name in ("comprehensive strategic partnership", "全面戰略夥伴關係"):
        assert [i.key for i in pending(open_db(sample_db), _filters(lex, None, name, None))] == by_zh
    new_era = _filters(lex, None, "comprehensive strategic partnership of coordination for a new era", None)
    assert new_era.label == "新时代全面战略协作伙伴关系"


# ---------------------------------------------------------------------------- decisions in mention lists and exports
def _pacific_sheet(engine, tmp_path: Path) -> tuple[Path, list[dict]]:
    """The BLR sheet with two mentions moved to ORG:PACIFIC (one new-era label too), one rejected, one accepted."""
    sheet = tmp_path / "review.csv"
    export_csv(engine, sheet, ReviewFilters(partner="BLR"))
    rows = list(csv.DictReader(sheet.read_text(encoding="utf-8-sig").splitlines()))
    edited = tmp_path / "pacific.csv"
    _edit(sheet, {0: {"decision": "correct", "partner": "ORG:PACIFIC"},
                  1: {"decision": "correct", "partner": "ORG:PACIFIC", "label": "新时代全面战略伙伴关系", "event": "proposal"},
                  2: {"decision": "reject"}, 3: {"decision": "accept"}}, edited)
    return edited, rows[:4]


def _where_(row) -> tuple[str, int]:
    return row["statement_id"], int(row["start"])


def test_reviewed_mention_exports_apply_the_decisions_as_timelines_do(sample_db: str, tmp_path: Path, lex) -> None:
    """User review: corrections to ORG:PACIFIC reached history but not `export mentions` or `mentions`,
    rejected rows stayed in the export, no column said what was reviewed, and --reviewed was refused."""
    from termtrack.export import count_mentions, export, mention_records, read_export, to_frame

    engine = open_db(sample_db)
    sheet, rows = _pacific_sheet(engine, tmp_path)
    import_csv(engine, sheet, lex=lex, reviewer="alice")
    pacific, rejected, accepted = {_where_(r) for r in rows[:2]}, _where_(rows[2]), _where_(rows[3])

    # without --reviewed: the machine's rows, each saying what the reviewer decided
    plain = {(r["statement_id"], r["start"], r["partner"]): r for r in mention_records(engine, lex=lex)}
    states = {k[:2]: (r["review"], r["reviewer"]) for k, r in plain.items() if r["review"]}
    assert states == {**dict.fromkeys(pacific, ("corrected", "alice")), rejected: ("rejected", "alice"),
                      accepted: ("accepted", "alice")}
    assert all(r["partner"] == "BLR" for k, r in plain.items() if k[:2] in pacific)  # the machine's partner

    # --reviewed: rejected and unreviewed gone, corrections applied, --country by the corrected partner
    got = mention_records(engine, lex=lex, partner="ORG:PACIFIC", reviewed=True)
    assert {(r["statement_id"], r["start"]) for r in got} == pacific
    assert all((r["partner"], r["review"], r["reviewer"]) == ("ORG:PACIFIC", "corrected", "alice") for r in got)
    second = next(r for r in got if (r["statement_id"], r["start"]) == _where_(rows[1]))
    assert (second["label_zh"], second["new_era"], second["event"], second["qualifiers"][:1]) == (
        "全面战略伙伴关系", True, "proposal", ["新时代"])
    everything = mention_records(engine, lex=lex, reviewed=True)
    assert {(r["statement_id"], r["start"]) for r in everything} == pacific | {accepted}
    assert mention_records(engine, lex=lex, partner="BLR", reviewed=True)[0]["review"] == "accepted"
    assert [r["start"] for r in mention_records(engine, lex=lex, event="proposal", reviewed=True)] == [second["start"]]
    assert len(mention_records(engine, lex=lex, reviewed=True, limit=2)) == 2
    assert count_mentions(engine, reviewed=True, lex=lex, partner="ORG:PACIFIC") == 2

    # the same decisions as the timelines apply (one code): partner, label and event of each fact
    facts = load_facts(engine, partner=None, reviewed=True)
    assert sorted((f.statement_id, f.start, f.partner, f.label_key, f.event) for f in facts) == sorted(
        (r["statement_id"], r["start"], r["partner"], ("新时代" if r["new_era"] else "") + r["label_zh"], r["event"])
        for r in everything)

    # the export: --reviewed accepted, the review columns round-trip in every format
    for fmt in ("csv", "jsonl", "parquet"):
        path = tmp_path / f"m.{fmt}"
        assert export(engine, "mentions", path, fmt, lex=lex, partner="ORG:PACIFIC", reviewed=True) == 2
        back = read_export(path)
        assert set(back["partner"]) == {"ORG:PACIFIC"} and set(back["review"]) == {"corrected"}
        import pandas as pd
        pd.testing.assert_frame_equal(back, to_frame(got, what="mentions"))
        path = tmp_path / f"all.{fmt}"
        export(engine, "mentions", path, fmt, lex=lex)
        back = read_export(path)
        assert back["review"].value_counts().to_dict() == {"corrected": 2, "rejected": 1, "accepted": 1}


def test_mentions_command_takes_reviewed(sample_db: str, tmp_path: Path, lex, run_cli) -> None:
    import json

    engine = open_db(sample_db)
    sheet, rows = _pacific_sheet(engine, tmp_path)
    ok(run_cli("review", "import", sheet, "--db", sample_db, "--reviewer", "alice"))
    res = run_cli("mentions", "--country", "ORG:PACIFIC", "--reviewed", "--db", sample_db, "--format", "json")
    ok(res)
    got = json.loads(res.stdout)
    assert {(r["statement_id"], r["start"]) for r in got} == {_where_(r) for r in rows[:2]}
    assert {(r["partner"], r["review"]) for r in got} == {("ORG:PACIFIC", "corrected")}
    res = run_cli("mentions", "--country", "Belarus", "--db", sample_db, "--limit", "0")
    ok(res)
    assert "rejected" in res.stdout and "corrected" in res.stdout
    out = tmp_path / "pacific.csv"
    ok(run_cli("export", "mentions", "-o", out, "--country", "ORG:PACIFIC", "--reviewed", "--db", sample_db))
    assert len(list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))) == 2


# ---------------------------------------------------------------------------- rough edges of review import
def _sheet_of(engine, tmp_path: Path, header: str, cells: str, sep: str = ",") -> Path:
    """A one-row sheet for sample-0067's first mention: ``cells`` formatted with its start, end and partner."""
    key = _key(engine, "sample-0067")
    path = tmp_path / "sheet.csv"
    path.write_text(header.replace(",", sep) + "\r\n" + cells.format(s=key.start, e=key.end, p=key.partner).replace(",", sep)
                    + "\r\n", encoding="utf-8")
    return path


IMPORT_EDGES = [
    # (header, cells, stored (decision, label, partner) or the error's (field, words in it))
    ("statement_id,start,end,machine_partner,decision,label", "sample-0067,{s},{e},{p},correct,全面戰略夥伴關係",
     ("correct", "全面战略伙伴关系", None)),
    ("statement_id,start,end,machine_partner,decision,label", "sample-0067,{s},{e},{p},correct,新時代全面戰略協作夥伴關係",
     ("correct", "新时代全面战略协作伙伴关系", None)),
    ("statement_id,start,end,machine_partner,decision,label",
     "sample-0067,{s},{e},{p},correct,comprehensive strategic partnership", ("correct", "全面战略伙伴关系", None)),
    ("Statement_ID, Start ,End,Machine_Partner,Decision,Note", "sample-0067,{s},{e},{p},reject,dup", ("reject", None, None)),
    ("statement_id,start,end,machine_partner,decision,partner", "sample-0067,{s},{e},{p},correct,Phillipines",
     ("partner", "did you mean Philippines (PHL)?")),
    ("statement_id,start,end,machine_partner,decision", "sample-0067,{s},{e},Belaruss,accept",
     ("machine_partner", "did you mean Belarus (BLR)?")),
    ("statement_id;start;end;machine_partner;decision", "sample-0067;{s};{e};{p};accept",
     ("statement_id", "the file seems to use ';' as its delimiter")),
    ("statement_id,start,end,decision,Decision", "sample-0067,{s},{e},accept,reject", ("decision", "appears twice")),
]


@pytest.mark.parametrize("header,cells,expected", IMPORT_EDGES)
def test_import_rough_edges(sample_db: str, tmp_path: Path, lex, header: str, cells: str, expected: tuple) -> None:
    """User review: a traditional-character label, a capitalised header and a ';' sheet were refused
    without a hint, and a misspelt country had no 'did you mean'."""
    engine = open_db(sample_db)
    sheet = _sheet_of(engine, tmp_path, header, cells)
    if len(expected) == 2:
        with pytest.raises(InputError) as exc:
            import_csv(engine, sheet, lex=lex)
        assert (exc.value.line, exc.value.field) == (1 if "delimiter" in expected[1] or "twice" in expected[1] else 2,
                                                     expected[0]), str(exc.value)
        assert expected[1] in exc.value.message, str(exc.value)
        assert reviews(engine) == []
        return
    assert import_csv(engine, sheet, lex=lex).stored == 1
    (r,) = reviews(engine)
    assert (r.decision, r.label if r.label != r.machine_label else None, None) == expected


# ---------------------------------------------------------------------------- a second coder's import
def test_a_second_coders_import_says_what_it_replaces(sample_db: str, tmp_path: Path, lex) -> None:
    """User review: bob's import silently overwrote alice's corrections.  One decision is kept per
    mention (the last import's), but the import now says how many earlier decisions it replaces, whose,
    and how many differed; a decision both took stays credited to alice."""
    engine = open_db(sample_db)
    sheet = tmp_path / "fresh.csv"
    export_csv(engine, sheet, ReviewFilters(partner="BLR"))
    a, b = tmp_path / "coderA.csv", tmp_path / "coderB.csv"
    _edit(sheet, {0: {"decision": "correct", "partner": "ORG:PACIFIC"}, 1: {"decision": "correct", "partner": "ORG:PACIFIC"},
                  2: {"decision": "accept"}}, a)
    _edit(sheet, {0: {"decision": "accept"}, 1: {"decision": "correct", "partner": "ORG:PACIFIC", "note": "sure?"},
                  2: {"decision": "accept"}, 3: {"decision": "reject"}}, b)
    first = import_csv(engine, a, lex=lex, reviewer="alice")
    assert (first.replaced, first.differing) == ({}, 0)
    second = import_csv(engine, b, lex=lex, reviewer="bob")
    assert (dict(second.replaced), second.differing) == ({"alice": 2}, 1)  # row 0 differs, row 1 only its note
    rows = list(csv.DictReader(sheet.read_text(encoding="utf-8-sig").splitlines()))
    who = {(r.key.statement_id, r.key.start): (r.decision, r.reviewer) for r in reviews(engine)}
    assert [who[_where_(r)] for r in rows[:4]] == [("accept", "bob"), ("correct", "bob"), ("accept", "alice"),
                                                   ("reject", "bob")]
    again = import_csv(engine, b, lex=lex, reviewer="bob")  # the same sheet again replaces nothing
    assert (again.replaced, again.differing) == ({}, 0)
    proc = termtrack_main("review", "import", a, "--db", sample_db, "--reviewer", "alice", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    line = next(x for x in proc.stderr.splitlines() if "replaced" in x)
    assert "replaced 2 earlier decisions (bob 2), 1 of them different" in line
