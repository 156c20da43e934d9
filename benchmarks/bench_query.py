#!/usr/bin/env python
"""Query speed on a database with a million mentions: history, asof, upgrades (and compare, ladder).

Builds a synthetic but realistic database (about 200 partners, mentions skewed like real data so
that the biggest partner has ~200 000 of them, 4 mentions per statement, upgrades along the
ladder, retrospective dates, relapses, non-China dyads, community overlays) with bulk inserts,
then times the library functions the CLI commands call, as the CLI calls them, against a
baseline measured in the same process: a plain indexed ``SELECT count(*)`` of one partner's
mentions.  Warm times are medians of ``--runs`` runs, cold ones (the timelines dropped first) of
``--cold-runs``.  It also checks that the materialised timelines, and the timelines built without
them, give exactly what ``build_timeline`` gives over ``load_facts``.

It is a measurement script, not a test: nothing here asserts a time.

    .venv/bin/python benchmarks/bench_query.py                    # SQLite file in /tmp (~2 min)
    .venv/bin/python benchmarks/bench_query.py --mentions 200000  # smaller
    .venv/bin/python benchmarks/bench_query.py --db postgresql://postgres@127.0.0.1/test
"""

from __future__ import annotations

import argparse
import bisect
import json
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import func, select, text

from termtrack.export import export
from termtrack.lexicon import CHINA, Lexicon, load_lexicon
from termtrack.store import MentionRow, StatementRow, open_db, session
from termtrack.timeline import (
    asof,
    build_timeline,
    build_timelines,
    compare,
    history,
    ladder,
    load_facts,
    upgrades,
)
from termtrack.timeline_cache import EVIDENCE_CAP, build_direct, clear, refresh

# label paths partners climb (label_zh, tier); each partner takes one, cut at a random length
PATHS = [
    [("战略伙伴关系", "strategic"), ("全面战略伙伴关系", "csp")],
    [("合作伙伴关系", "partner"), ("全面合作伙伴关系", "comprehensive_partner"), ("战略伙伴关系", "strategic"),
     ("全面战略伙伴关系", "csp")],
    [("全面合作伙伴关系", "comprehensive_partner"), ("全面战略合作伙伴关系", "cscp")],
    [("战略合作伙伴关系", "strategic_cooperative"), ("全天候战略合作伙伴关系", "all_weather")],
    [("战略协作伙伴关系", "coordination"), ("全面战略协作伙伴关系", "comprehensive_coordination")],
    [("战略伙伴关系", "strategic"), ("全面战略伙伴关系", "csp"), ("全天候全面战略伙伴关系", "all_weather_comprehensive")],
    [("友好合作伙伴关系", "partner"), ("战略伙伴关系", "strategic")],
]
COLUMNS = ["statement_pk", "run_id", "paragraph", "sentence_index", "start_char", "end_char", "surface", "sentence",
           "label_id", "label_zh", "tier", "parts", "qualifiers", "new_era", "listed", "kind", "partner", "party",
           "event", "ref_date", "method", "score", "attribution", "cue", "loose_parts"]
START, END = date(1995, 1, 1), date(2024, 12, 31)


# ----------------------------------------------------------------------------- synthetic data
def _day(rng: random.Random, lo: date, hi: date, skew: float = 1.0) -> date:
    """A day between lo and hi; skew < 1 puts more of them near hi (text volume grows over time)."""
    span = (hi - lo).days
    return lo + timedelta(days=int(span * rng.random() ** skew))


def synthesise(lex: Lexicon, *, mentions: int, partners: int, per_statement: float, seed: int):
    """Statements (dates) and mention rows, as tuples ready for bulk insert."""
    rng = random.Random(seed)
    codes = sorted(c for c, a in lex.actors.items() if not a.is_org and c != CHINA)
    rng.shuffle(codes)
    codes = codes[:partners]
    weights = [1 / (i + 1) ** 1.1 for i in range(len(codes))]  # Zipf-like: a few partners dominate
    total_w = sum(weights)
    label_ids = {lab.zh: lab.id for lab in lex.labels}
    n_statements = max(1, int(mentions / per_statement))
    st_dates = sorted(_day(rng, START, END, 0.6) for _ in range(n_statements))
    precisions = rng.choices(["day", "month", "year"], weights=[97, 2, 1], k=n_statements)
    rows = []
    for i, code in enumerate(codes):
        n = max(1, round(mentions * weights[i] / total_w))
        path = rng.choice(PATHS)[: rng.randint(1, 4)]
        steps = sorted(_day(rng, START, date(2023, 12, 31)) for _ in path)
        new_era = rng.random() < 0.1
        name = (lex.actor(code).zh_names or (code,))[0]
        for _ in range(n):
            d = _day(rng, steps[0], END, 0.7)
            k = bisect.bisect_right(steps, d) - 1
            event, ref = "mention", None
            r = rng.random()
            if r < 0.05 and k > 0:
                k = rng.randrange(k)  # an older wording after an upgrade: a relapse
            elif r < 0.06 and k > 0:
                k = rng.randrange(k + 1)  # "established in 2009": a retrospective date
                event, ref = "upgrade", f"{steps[k].year:04d}"
            elif (d - steps[k]).days < 30 and r < 0.4:
                event, ref = "upgrade", steps[k].isoformat()
            elif r < 0.07:
                event = "proposal"
            label_zh, tier = path[k]
            kind = "partnership"
            if i % 5 == 0 and r > 0.98:
                label_zh, tier, kind, event, ref = "命运共同体", "community", "community", "mention", None
            era = new_era and k == len(path) - 1 and d.year >= 2019
            party = CHINA if rng.random() > 0.03 else rng.choice(codes)  # some dyads are not China's
            partner = code if rng.random() > 0.02 else None
            zh = rng.random() < 0.7
            sentence = (f"中方愿同{name}一道，推动两国{'新时代' if era else ''}{label_zh}不断迈上新台阶。" if zh else
                        f"China is ready to work with {code} to deepen the {label_zh} between the two countries.")
            j = min(bisect.bisect_left(st_dates, d), n_statements - 1)
            rows.append((j + 1, 1, 0, rng.randint(0, 30), 10, 10 + len(label_zh), label_zh, sentence,
                         label_ids.get(label_zh, ""), label_zh, tier, "", json.dumps(["新时代"] if era else []),
                         era, True, kind, partner, party, event, ref, "grammar", 1.0, "sentence", "", ""))
    rng.shuffle(rows)  # ingest order is not partner order
    # every tenth statement a copy of the one before (a page scraped twice): export's repeat_of finds it
    statements = [(j + 1, f"syn-{j + 1:07d}", f"h{j}", f"k{j - (j % 10 == 9)}", st_dates[j], precisions[j], "zh", "", "",
                   "", "", "bench", f"synthetic statement {j + 1}", 1) for j in range(n_statements)]
    return statements, rows, codes


def build(engine, lex: Lexicon, args) -> tuple[list[str], float]:
    t0 = time.perf_counter()
    statements, rows, codes = synthesise(lex, mentions=args.mentions, partners=args.partners,
                                         per_statement=args.per_statement, seed=args.seed)
    now = datetime.now(timezone.utc)
    st_cols = ["id", "external_id", "content_hash", "content_key", "date", "date_precision", "lang", "title", "source", "url",
               "speaker", "origin", "text", "run_id"]
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO match_runs (id, started_at, finished_at, command, lexicon_version, lexicon_hash, "
                          "ranking, match_policy, tool_version, spacy_version, statements, mentions) VALUES "
                          "(1, :t, :t, 'bench', :v, :h, 'ladder', 'bench', 'bench', 'bench', :s, :m)"),
                     {"t": now, "v": lex.version, "h": lex.hash, "s": len(statements), "m": len(rows)})
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        if engine.dialect.name == "sqlite":
            cur.executemany(f"INSERT INTO statements ({', '.join(st_cols)}) VALUES ({', '.join('?' * len(st_cols))})", statements)
            cur.executemany(f"INSERT INTO mentions ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})", rows)
        else:
            with cur.copy(f"COPY statements ({', '.join(st_cols)}) FROM STDIN") as cp:
                for r in statements:
                    cp.write_row(r)
            with cur.copy(f"COPY mentions ({', '.join(COLUMNS)}) FROM STDIN") as cp:
                for r in rows:
                    cp.write_row(r)
            cur.execute("SELECT setval(pg_get_serial_sequence('statements', 'id'), (SELECT max(id) FROM statements))")
            cur.execute("SELECT setval(pg_get_serial_sequence('mentions', 'id'), (SELECT max(id) FROM mentions))")
            cur.execute("SELECT setval(pg_get_serial_sequence('match_runs', 'id'), 1)")
        raw.commit()
        cur.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()
    return codes, time.perf_counter() - t0


def append(engine, lex: Lexicon, code: str, n: int) -> None:
    """An ingest of n new mentions for one partner: a new match run, new statements and mentions."""
    now = datetime.now(timezone.utc)
    with session(engine) as s:
        top_st = s.scalar(select(func.max(StatementRow.id)))
        run = s.execute(text("SELECT max(id) FROM match_runs")).scalar() + 1
        s.execute(text("INSERT INTO match_runs (id, started_at, finished_at, command, lexicon_version, lexicon_hash, "
                       "ranking, match_policy, tool_version, spacy_version, statements, mentions) VALUES "
                       "(:id, :t, :t, 'ingest', :v, :h, 'ladder', 'bench', 'bench', 'bench', :n, :n)"),
                  {"id": run, "t": now, "v": lex.version, "h": lex.hash, "n": n})
        for k in range(n):
            st = StatementRow(id=top_st + k + 1, external_id=f"syn-new-{top_st + k}", content_hash="x",
                              date=date(2025, 1, 2), date_precision="day", lang="zh", title="", source="", url="",
                              speaker="", origin="bench", text="new", run_id=run)
            s.add(st)
            s.add(MentionRow(statement=st, run_id=run, paragraph=0, sentence_index=0, start_char=0, end_char=8,
                             surface="全面战略伙伴关系", sentence="双方同意深化全面战略伙伴关系。", label_id="", label_zh="全面战略伙伴关系",
                             tier="csp", parts="", qualifiers="[]", new_era=False, listed=True, kind="partnership",
                             partner=code, party=CHINA, event="mention", ref_date=None, method="grammar", score=1.0,
                             attribution="sentence", cue="", loose_parts=""))


# ----------------------------------------------------------------------------- timing
def median_ms(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds (CPU time is what a busy shared machine cannot inflate)."""
    walls, cpus = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - t) * 1000)
        cpus.append((time.process_time() - c) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def once_ms(fn: Callable[[], object]) -> tuple[tuple[float, float], object]:
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    return ((time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000), out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mentions", type=int, default=1_000_000)
    ap.add_argument("--partners", type=int, default=200)
    ap.add_argument("--per-statement", type=float, default=4.0, help="mentions per statement")
    ap.add_argument("--runs", type=int, default=7, help="runs per warm timing (median)")
    ap.add_argument("--cold-runs", type=int, default=1,
                    help="runs per cold timing (median; the timelines are dropped before each)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--db", help="database URL (an empty one); default: a new SQLite file in /tmp")
    ap.add_argument("--reuse", action="store_true", help="reuse --db if it already holds the synthetic data")
    args = ap.parse_args(argv)

    lex = load_lexicon()
    db = args.db or f"sqlite:///{Path(tempfile.gettempdir()) / 'termtrack-bench-query.db'}"
    if not args.db and not args.reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(tempfile.gettempdir(), "termtrack-bench-query.db" + suffix).unlink(missing_ok=True)
    engine = open_db(db)
    with session(engine) as s:
        have = s.scalar(select(func.count()).select_from(MentionRow))
    if have and not args.reuse:
        print(f"{db} already holds {have} mentions; use an empty database or --reuse", file=sys.stderr)
        return 2
    if not have:
        codes, secs = build(engine, lex, args)
        print(f"built {db}: {args.mentions:,} mentions in {secs:.1f} s", flush=True)
    clear(engine)
    with session(engine) as s:
        n_m = s.scalar(select(func.count()).select_from(MentionRow))
        n_s = s.scalar(select(func.count()).select_from(StatementRow))
        per = Counter(dict(s.execute(select(MentionRow.partner, func.count()).where(MentionRow.party == CHINA)
                                     .group_by(MentionRow.partner)).all()))
    per.pop(None, None)
    ranked = [p for p, _ in per.most_common()]
    big, mid, small = ranked[0], ranked[len(ranked) // 2], ranked[-1]
    day = date(2019, 12, 31)
    print(f"database: {engine.dialect.name}, {n_m:,} mentions, {n_s:,} statements, {len(per)} partners; "
          f"mentions of the biggest partner {big}: {per[big]:,}, median {mid}: {per[mid]:,}, smallest {small}: {per[small]:,}")

    def baseline() -> int:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(MentionRow).where(
                MentionRow.party == CHINA, MentionRow.partner == big)).scalar_one()

    base, base_cpu = median_ms(baseline, args.runs)
    warm: list[tuple[float, float]] = []

    def report(name: str, ms: tuple[float, float], *, target: bool = False) -> None:
        if target:
            warm.append(ms)
        print(f"  {name:<50} {ms[0]:10.1f} {ms[1]:10.1f}  {ms[0] / base:8.2f}x", flush=True)

    print(f"\nbaseline: indexed SELECT count(*) of {big}'s {per[big]:,} mentions: {base:.1f} ms wall, "
          f"{base_cpu:.1f} ms CPU (median of {args.runs})")
    print(f"\n  {'':<50} {'wall ms':>10} {'CPU ms':>10}  {'vs baseline (wall)':>8}")
    def cold_ms(fn: Callable[[], object]) -> tuple[float, float]:
        """Median of --cold-runs runs, each on a database whose timelines were just dropped."""
        got = []
        for _ in range(args.cold_runs):
            clear(engine)
            got.append(once_ms(fn)[0])
        return statistics.median(w for w, _ in got), statistics.median(c for _, c in got)

    cold_runs = f", median of {args.cold_runs}" if args.cold_runs > 1 else ""
    print(f"\ncold (first query after the data changed: builds and stores the timelines{cold_runs})")
    cold_hist = cold_ms(lambda: history(engine, big, lex=lex, evidence=1))
    report(f"history {big} (one dyad built)", cold_hist)
    cold_asof = cold_ms(lambda: asof(engine, day, lex=lex))
    report(f"asof {day} (every dyad built)", cold_asof)
    print(f"  per mention read: history {big} {cold_hist[0] * 1000 / per[big]:.1f} us, "
          f"asof {cold_asof[0] * 1000 / sum(per.values()):.1f} us (wall)")
    print(f"\nwarm (median of {args.runs})")
    for code, what in ((big, "biggest"), (mid, "median"), (small, "smallest")):
        report(f"history {code} ({what} partner, --evidence 1)",
               median_ms(lambda c=code: history(engine, c, lex=lex, evidence=1), args.runs), target=True)
    report(f"history {big} --evidence {EVIDENCE_CAP}", median_ms(lambda: history(engine, big, lex=lex, evidence=EVIDENCE_CAP), args.runs))
    report(f"asof {day}", median_ms(lambda: asof(engine, day, lex=lex), args.runs), target=True)
    report("upgrades", median_ms(lambda: upgrades(engine, lex=lex), args.runs))
    report(f"compare {big} {mid} {small}", median_ms(lambda: compare(engine, [big, mid, small], lex=lex), args.runs))
    report("ladder", median_ms(lambda: ladder(engine, lex=lex), args.runs))

    print("\nexport (the mentions of one partner to CSV, repeat_of included; streamed in batches)")
    with tempfile.TemporaryDirectory(prefix="termtrack-bench-export-") as tmp:
        (t_export, _), n_rows = once_ms(lambda: export(engine, "mentions", Path(tmp) / "m.csv", "csv", lex=lex, partner=big))
    report(f"export mentions --country {big} ({n_rows:,} rows)", (t_export, _))
    print(f"  per row: {t_export * 1000 / max(n_rows, 1):.1f} us (wall)")

    print("\nafter 100 new mentions for the biggest partner, written without a refresh (its dyad rebuilt, the rest kept)")
    append(engine, lex, big, 100)
    report(f"history {big} (first call after the write)", once_ms(lambda: history(engine, big, lex=lex, evidence=1))[0])
    report(f"asof {day} (first call after the write)", once_ms(lambda: asof(engine, day, lex=lex))[0])

    print("\nafter an ingest of 100 new mentions for the biggest partner (ingest and rematch end with the refresh)")
    append(engine, lex, big, 100)
    report("refresh at the end of the ingest (its dyad rebuilt)", once_ms(lambda: refresh(engine, lex=lex))[0])
    report(f"history {big} (first call after the ingest)", once_ms(lambda: history(engine, big, lex=lex, evidence=1))[0])
    report(f"asof {day} (first call after the ingest)", once_ms(lambda: asof(engine, day, lex=lex))[0])

    print("\nwithout the materialised timelines (build_timeline over the mentions, once)")
    t_hist, direct_big = once_ms(lambda: build_direct(engine, lex=lex, ranking=lex.default_ranking, partners=[big], evidence=1))
    report(f"history {big} built from its mentions", t_hist)
    t_all, direct_all = once_ms(lambda: build_direct(engine, lex=lex, ranking=lex.default_ranking, evidence=1))
    report("asof: every timeline built from the mentions", t_all)
    # the definition itself: build_timeline over load_facts, every fact made (what build_direct must equal)
    t_facts, from_facts = once_ms(lambda: build_timelines(load_facts(engine), lex=lex, evidence=1))
    report("asof: every timeline built from load_facts", t_facts)

    same = direct_big[big] == history(engine, big, lex=lex, evidence=1) == build_timeline(
        load_facts(engine, partner=big), lex=lex, partner=big).truncated(1)
    same_asof = ([(c, p) for c, tl in from_facts.items() if (p := tl.in_force(day))] == asof(engine, day, lex=lex)
                 and direct_all == {c: tl for c, tl in from_facts.items() if tl.periods or tl.overlays})
    same_mid = build_direct(engine, lex=lex, ranking="piie-2014", partners=[mid], evidence=5)[mid] == history(
        engine, mid, lex=lex, ranking="piie-2014", evidence=5) == build_timeline(
        load_facts(engine, partner=mid), lex=lex, ranking="piie-2014", partner=mid).truncated(5)
    print(f"\nsame as build_timeline: history {big}: {same}; asof {day}: {same_asof}; history {mid} piie-2014 evidence 5: {same_mid}")
    print(f"slowest warm history/asof: {max(w for w, _ in warm):.1f} ms wall, {max(c for _, c in warm):.1f} ms CPU "
          f"(target: under 50 ms)")
    engine.dispose()
    return 0 if same and same_asof and same_mid else 1


if __name__ == "__main__":
    sys.exit(main())
