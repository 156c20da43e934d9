#!/usr/bin/env python
"""Throughput and memory benchmark of termtrack ingestion on the shared MFA corpora.

One run prints:

1. scan limit   plain Aho-Corasick scan for the pipeline's trigger strings (count hits only)
2. termtrack    ``extract`` over all statements (read + extract, no database) and the full
                ``ingest()`` into a fresh SQLite file (read, validate, match, store), with
                ``workers=1`` and ``workers=2``
3. naive        spaCy blank("zh"/"en") over every full text + a PhraseMatcher for the listed
                label surfaces
4. ratios       end-to-end vs scan, naive vs end-to-end
5. scale        ingest in fresh child processes over the corpus (1x) and over a synthetic
                corpus ``--scale`` times larger (the corpus repeated with new ids, written to a
                temporary JSONL file by streaming), workers=1 and workers=2: throughput and peak
                RSS of the ingesting process and of its pool workers
6. agreement    which listed labels termtrack and the naive pipeline each find, per statement
7. as typed     ``termtrack ingest`` as a researcher runs it, in a pseudo-terminal (so its progress
                bar is drawn), with -j 1 and -j 2, and -j 2 --quiet: the whole command's wall time,
                interpreter start, lexicon and warm-up included

Each in-process stage (1 to 3) runs ``--repeat`` times (default 3) and the fastest run is
reported, the slowest beside it; the scale runs (5) run once.  It is a measurement script, not a
test: nothing here asserts a time.  See README.md.

    .venv/bin/python benchmarks/bench_ingest.py                 # --scale 10: about 2 minutes on 2 cores
    .venv/bin/python benchmarks/bench_ingest.py --scale 100     # the issue's 100x corpus (2 GB of JSONL, ~10 min)
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import functools
import json
import multiprocessing as mp
import os
import platform
import re
import resource
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from importlib.metadata import version as dist_version
from pathlib import Path
from typing import TypeVar

CORPORA_ROOT = Path(__file__).resolve().parents[2] / "shared" / "corpora"
CORPUS_DIRS = ("mfa-spokesperson-cwang23", "mfa-remarks-coolsteed")
REPEATS = 3  # runs of each in-process stage; the fastest is reported (--repeat)
MB = 1_000_000  # throughput is in MB (10^6 bytes) of UTF-8 statement text per second


# ----------------------------------------------------------------------------- helpers
def peak_rss_mib() -> float:
    """Peak resident set size of this process so far (ru_maxrss: KiB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def default_corpus() -> list[Path]:
    files = []
    for name in CORPUS_DIRS:
        files.extend(sorted((CORPORA_ROOT / name).glob("*.jsonl")))
    return files


def text_bytes(text: str) -> int:
    return len(text.encode("utf-8"))


def snippet(text: str, start: int, end: int, width: int = 14) -> str:
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    s = f"{left}«{text[start:end]}»{right}"
    return re.sub(r"\s+", " ", s)


@dataclasses.dataclass
class Stage:
    name: str
    seconds: float
    statements: int | None = None
    mb: float | None = None
    rss_mib: float | None = None
    note: str = ""
    cpu_s: float | None = None  # CPU seconds of this process and of the children it waited for

    @property
    def mb_s(self) -> float | None:
        return self.mb / self.seconds if self.mb is not None and self.seconds > 0 else None

    @property
    def stmts_s(self) -> float | None:
        return self.statements / self.seconds if self.statements is not None and self.seconds > 0 else None

    def as_dict(self) -> dict:
        return {"stage": self.name, "seconds": round(self.seconds, 4), "statements": self.statements,
                "mb": None if self.mb is None else round(self.mb, 4),
                "mb_per_s": None if self.mb_s is None else round(self.mb_s, 4),
                "statements_per_s": None if self.stmts_s is None else round(self.stmts_s, 2),
                "peak_rss_mib": None if self.rss_mib is None else round(self.rss_mib, 1), "note": self.note,
                "cpu_seconds": None if self.cpu_s is None else round(self.cpu_s, 4)}


def cpu_seconds() -> tuple[float, float]:
    """(this process, its waited-for children): user + system CPU seconds so far."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def say(msg: str = "") -> None:
    print(msg, flush=True)


def report_stage(st: Stage) -> None:
    rate = f"{st.mb_s:8.2f} MB/s  {st.stmts_s:9.1f} stmt/s" if st.mb_s is not None else ""
    say(f"  {st.name:<50} {st.seconds:8.2f} s  {rate}  peak RSS {st.rss_mib:7.1f} MiB"
        + (f"  ({st.note})" if st.note else ""))


# ----------------------------------------------------------------------------- 1. scan limit
def trigger_words() -> list[str]:
    """termtrack.trigger.TRIGGER_WORDS, lower-cased."""
    from termtrack.trigger import TRIGGER_WORDS

    return [w.lower() for w in TRIGGER_WORDS]


def scan(texts: Sequence[tuple[str, str]], words: list[str]) -> tuple[int, int]:
    """(hits, statements with a hit) of an Aho-Corasick scan; English text is lower-cased."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    for w in words:
        auto.add_word(w, w)
    auto.make_automaton()
    hits = with_hit = 0
    for lang, text in texts:
        n = 0
        for _ in auto.iter(text.lower() if lang == "en" else text):
            n += 1
        hits += n
        with_hit += n > 0
    return hits, with_hit


# ----------------------------------------------------------------------------- 3. naive pipeline
class Naive:
    """spaCy blank pipelines + PhraseMatcher over the listed label surfaces."""

    def __init__(self, lex) -> None:
        import spacy
        from spacy.matcher import PhraseMatcher

        # char segmentation explicitly: no jieba/pkuseg, whatever the installed default
        self.zh = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
        self.en = spacy.blank("en")
        self.m_zh = PhraseMatcher(self.zh.vocab)
        self.m_en = PhraseMatcher(self.en.vocab, attr="LOWER")
        zh_forms: dict[str, list[str]] = {}
        en_forms: dict[str, list[str]] = {}
        for lab in lex.labels:
            zh_forms.setdefault(lab.zh, [])
            if lab.zh not in zh_forms[lab.zh]:
                zh_forms[lab.zh].append(lab.zh)
            for form in lab.en:
                lst = en_forms.setdefault(lab.zh, [])
                if form not in lst:
                    lst.append(form)
        for key, forms in zh_forms.items():
            self.m_zh.add(key, [self.zh.make_doc(f) for f in forms])
        for key, forms in en_forms.items():
            self.m_en.add(key, [self.en.make_doc(f) for f in forms])
        self.n_zh = sum(len(v) for v in zh_forms.values())
        self.n_en = sum(len(v) for v in en_forms.values())

    def __call__(self, text: str, lang: str) -> list[tuple[int, int, str]]:
        nlp, matcher = (self.en, self.m_en) if lang == "en" else (self.zh, self.m_zh)
        doc = nlp(text)
        return [(sp.start_char, sp.end_char, sp.label_) for sp in matcher(doc, as_spans=True)]


# ----------------------------------------------------------------------------- 5. scale children
def write_synthetic(paths: list[str], scale: int, out: Path) -> tuple[int, float]:
    """The corpus ``scale`` times over as one JSONL file, each copy with new ids: streamed, never a list.

    Returns (statements, MB of statement text).  Lines are copied as parsed JSON with only the id
    and the title changed (the title gets " [copy N]"), so the readers see the same texts and
    ingest matches every copy: only repeats within a copy are matched once, as in the corpus.
    """
    files: list[Path] = []
    for p in map(Path, paths):
        files.extend(sorted(p.rglob("*.jsonl")) if p.is_dir() else [p])
    n, nbytes = 0, 0
    with open(out, "w", encoding="utf-8") as fh:
        for r in range(scale):
            for f in files:
                with open(f, encoding="utf-8") as src:
                    for line in src:
                        if not line.strip():
                            continue
                        rec = json.loads(line)
                        if r:
                            rec["id"] = f"{rec['id']}~copy{r}"
                            # another title too: a copy is new content, matched again, not a repeat
                            # whose mentions ingest would reuse (parallel.Duplicates)
                            rec["title"] = f"{rec.get('title') or ''} [copy {r}]"
                        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                        n += 1
                        nbytes += text_bytes(rec.get("text") or "")
    return n, nbytes / MB


def children_peak_rss_mib() -> float:
    """Peak RSS of the largest terminated child of this process (the ingest's pool workers)."""
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def checkpoint(db: Path) -> None:
    """Move the write-ahead log into the database file, timed with the ingest: SQLite would
    otherwise do it later, at the last connection's close (with 64 KiB pages it checkpoints only
    every 64 MB of log, so a small ingest leaves it all to then)."""
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def ingest_child(paths: list[str], workers: int, db_dir: str) -> dict:
    """Run in a fresh (forkserver/spawn) process: ingest into a new SQLite file, timed after warm-up."""
    from termtrack.ingest import ingest
    from termtrack.lexicon import load_lexicon
    from termtrack.pipeline import warm

    lex = load_lexicon()
    warm(lex)
    rss_start = peak_rss_mib()
    db = Path(db_dir) / f"scale-{os.getpid()}.db"
    t0 = time.perf_counter()
    rep = ingest(paths, db=f"sqlite:///{db}", lexicon=lex, workers=workers)
    checkpoint(db)
    secs = time.perf_counter() - t0
    for f in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        f.unlink(missing_ok=True)  # gigabytes at --scale 100
    return {"workers": workers, "statements": rep.read, "stored": rep.new, "mentions": rep.mentions, "reused": rep.reused,
            "seconds": secs, "rss_after_setup_mib": rss_start, "peak_rss_mib": peak_rss_mib(),
            "vm_hwm_mib": vm_hwm_mib(), "pool_peak_rss_mib": children_peak_rss_mib() if workers > 1 else None}


def ingest_as_typed(paths: list[str], workers: int, db_dir: str, *, quiet: bool = False) -> dict:
    """``python -m termtrack.cli ingest PATHS -j N`` in a pseudo-terminal, timed as a whole.

    In a terminal the progress bar is drawn, as a researcher sees it: a bar that ran a thread of
    its own once kept -j 2 from forking its workers warm, which no in-process stage could show.
    Linux and macOS only (``pty``).
    """
    import pty
    import subprocess

    db = Path(db_dir) / f"typed-{workers}{'-quiet' if quiet else ''}.db"
    cmd = [sys.executable, "-m", "termtrack.cli", "ingest", *paths, "--db", str(db), "-j", str(workers)]
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": os.environ.get("TERM") or "xterm"}
    t0 = time.perf_counter()
    proc = subprocess.Popen([*cmd, *(["--quiet"] if quiet else [])], stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    shown = bytearray()
    while True:  # drain the terminal, or the child blocks once its buffer is full
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child has closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    code = proc.wait()
    secs = time.perf_counter() - t0
    os.close(master)
    for f in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        f.unlink(missing_ok=True)
    text = shown.decode("utf-8", "replace")
    summary = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text).strip().splitlines()
    return {"workers": workers, "quiet": quiet, "seconds": secs, "exit_code": code,
            "bar_drawn": "reading" in text, "summary": summary[-1] if summary else ""}


def vm_hwm_mib() -> float | None:
    """Linux only: the peak RSS of this process image (VmHWM), a cross-check on ru_maxrss."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _noop() -> None:
    pass


def child_context():
    """A start method whose children do not inherit this process's peak RSS.

    Linux carries the RSS high-water mark across fork (the copied address space) and exec
    (signal->maxrss), so a child forked or spawned from this process once it holds the corpus
    would report at least this process's size.  A fork server started while this process is
    still small forks each child from a small process instead; where there is none, spawn.
    """
    method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    ctx = mp.get_context(method)
    if method == "forkserver":
        p = ctx.Process(target=_noop)  # starts the fork server now, while this process is small
        p.start()
        p.join()
    return ctx


def run_child(ctx, fn, *args) -> dict:
    """fn(*args) in a fresh process (a plain Process: a pool's workers could not have their own pool)."""
    parent, child = ctx.Pipe(duplex=False)
    p = ctx.Process(target=_child_main, args=(child, fn, args))
    p.start()
    child.close()
    try:
        ok, value = parent.recv()
    except EOFError:
        ok, value = False, "child died without a result"
    p.join()
    if not ok:
        raise SystemExit(f"benchmark child failed: {value}")
    return value


def _child_main(conn, fn, args) -> None:
    try:
        conn.send((True, fn(*args)))
    except BaseException as exc:  # report, do not hang the parent
        import traceback

        conn.send((False, "".join(traceback.format_exception(exc))))
    finally:
        conn.close()


# ----------------------------------------------------------------------------- 6. agreement
NAIVE_REASONS = {
    "nested": "nested inside a longer listed label the naive matcher also hit (termtrack: longest label only)",
    "other_label": "termtrack reads these words as part of a different or unlisted label",
    "not_label_rule": "a lexicon not_labels rule applies: generic/multilateral use (人类命运共同体, global partnership ...)",
    "dropped": "no termtrack mention: no partner named, not China's own dyad, negated, or a termtrack miss",
}
TT_REASONS = {
    "spun": "spun/synonym English wording (method=fuzzy)",
    "person": "person-noun form (战略伙伴 / strategic partners), no listed surface for it",
    "variant": "the naive matcher hit a different (shorter) listed label inside this span",
    "compositional": "compositional or variant wording no listed surface covers exactly (split parts, 'of coordination', ...)",
}


def _blocked(lex, text: str, lang: str, start: int, end: int, kind: str) -> bool:
    nl = lex.not_labels
    if lang == "zh":
        left, right = text[max(0, start - 8):start], text[end:end + 3]
        if kind == "community":
            return any(left.endswith(w) for w in nl.get("zh_community_before", ()))
        if kind == "partnership":
            return (any(left.endswith(w) for w in nl.get("zh_generic_before", ()))
                    or any(right.startswith(w) for w in nl.get("zh_after", ())))
        return False
    low = text.lower()
    before = re.findall(r"[a-z0-9'-]+", low[max(0, start - 40):start])
    prev = before[-1] if before else ""
    after = re.sub(r"\s+", " ", low[end:end + 60]).lstrip()
    if kind == "community":
        return prev in nl.get("en_community_before", ()) or any(after.startswith(w) for w in nl.get("en_community_after", ()))
    if kind == "partnership":
        nxt = after.split(" ", 1)[0].strip(".,;:") if after else ""
        return prev in nl.get("en_generic_before", ()) or nxt in nl.get("en_after", ())
    return False


def agreement(lex, texts: dict[str, tuple[str, str]], tt_all: dict[str, list], naive: dict[str, list],
              n_examples: int) -> dict:
    listed_zh = {lab.zh for lab in lex.labels}
    kind_of = {lab.zh: lab.kind for lab in lex.labels}
    out: dict = {"statements": len(texts)}
    # termtrack: listed mentions, one per (span, label) (a span attributed to two partners is one hit)
    tt: dict[str, list[tuple[int, int, str, str, str]]] = {}
    for sid, ms in tt_all.items():
        seen = set()
        for (s, e, label, listed, method, surface) in ms:
            if listed and label in listed_zh and (s, e, label) not in seen:
                seen.add((s, e, label))
                tt.setdefault(sid, []).append((s, e, label, method, surface))

    def longest(hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        return [h for h in hits if not any(o is not h and o[0] <= h[0] and h[1] <= o[1] and (o[1] - o[0]) > (h[1] - h[0])
                                           for o in hits)]

    for variant, view in (("raw", lambda h: h), ("longest", longest)):
        c = Counter()
        for sid in texts:
            a = Counter(x[2] for x in tt.get(sid, ()))
            b = Counter(x[2] for x in view(naive.get(sid, [])))
            if not a and not b:
                c["both_none"] += 1
            elif a == b:
                c["same"] += 1
            elif not b:
                c["only_termtrack"] += 1
            elif not a:
                c["only_naive"] += 1
            elif not (b - a):
                c["differ_termtrack_superset"] += 1
            elif not (a - b):
                c["differ_naive_superset"] += 1
            else:
                c["differ_other"] += 1
        c["termtrack_covers_naive"] = c["both_none"] + c["same"] + c["only_termtrack"] + c["differ_termtrack_superset"]
        out[variant] = dict(c)

    # span level: why each disagreement happens
    naive_why: Counter = Counter()
    tt_why: Counter = Counter()
    examples: dict[str, list[str]] = {}
    hits_naive = hits_tt = covered = 0
    for sid, (lang, text) in texts.items():
        nh = naive.get(sid, [])
        th = tt.get(sid, [])
        allspans = tt_all.get(sid, [])
        hits_naive += len(nh)
        hits_tt += len(th)
        for (s, e, label) in nh:
            if any(t[0] <= s and e <= t[1] and t[2] == label for t in th):
                covered += 1
                continue
            if any(o[0] <= s and e <= o[1] and (o[1] - o[0]) > (e - s) for o in nh):
                why = "nested"
            elif any(t[0] < e and s < t[1] for t in allspans):
                why = "other_label"
            elif _blocked(lex, text, lang, s, e, kind_of.get(label, "partnership")):
                why = "not_label_rule"
            else:
                why = "dropped"
            naive_why[why] += 1
            examples.setdefault(("naive:" + why, lang), []).append(f"[{sid}] naive {label}: {snippet(text, s, e)}")
        for (s, e, label, method, surface) in th:
            if any(s <= h[0] and h[1] <= e and h[2] == label for h in nh):
                continue
            if method == "fuzzy":
                why = "spun"
            elif re.search(r"伙伴$|partners?\W*$", surface.strip(), re.I):
                why = "person"
            elif any(s <= h[0] and h[1] <= e for h in nh):
                why = "variant"
            else:
                why = "compositional"
            tt_why[why] += 1
            examples.setdefault(("termtrack:" + why, lang), []).append(f"[{sid}] termtrack {label}: {snippet(text, s, e)}")
    out["naive_hits"] = hits_naive
    out["termtrack_listed_hits"] = hits_tt
    out["naive_hits_covered_by_termtrack"] = covered
    out["naive_only_hits"] = dict(naive_why)
    out["termtrack_only_hits"] = dict(tt_why)
    # a few examples, round-robin over the reasons so every kind shows up, alternating zh and en
    by_reason: dict[str, list[str]] = {}
    for k in (*("naive:" + r for r in NAIVE_REASONS), *("termtrack:" + r for r in TT_REASONS)):
        zh, en = examples.get((k, "zh"), []), examples.get((k, "en"), [])
        mixed = [x for pair in zip(zh, en, strict=False) for x in pair] + zh[len(en):] + en[len(zh):]
        if mixed:
            by_reason[k] = mixed
    picked: list[str] = []
    i = 0
    while len(picked) < n_examples and any(i < len(v) for v in by_reason.values()):
        for k, v in by_reason.items():
            if i < len(v) and len(picked) < n_examples:
                picked.append(f"{k:<24} {v[i]}")
        i += 1
    out["examples"] = picked
    return out


def print_agreement(ag: dict) -> None:
    n = ag["statements"]
    say("\nAgreement on listed labels (per statement: multiset of listed label_zh; termtrack counts one hit")
    say("per span, the naive matcher one per PhraseMatcher match, English surfaces mapped to their label's zh)")
    names = [("both_none", "agree: neither finds a listed label"), ("same", "agree: same labels"),
             ("only_termtrack", "only termtrack finds something"), ("only_naive", "only naive finds something"),
             ("differ_termtrack_superset", "both, termtrack's a strict superset"),
             ("differ_naive_superset", "both, naive's a strict superset"), ("differ_other", "both, otherwise different"),
             ("termtrack_covers_naive", "=> termtrack's labels include every naive hit")]
    say(f"  {'':<44} {'naive raw':>10} {'naive longest-only':>19}")
    for key, title in names:
        a, b = ag["raw"].get(key, 0), ag["longest"].get(key, 0)
        say(f"  {title:<44} {a:>10} {b:>19}")
    say(f"  (of {n} statements; 'longest-only' drops naive hits nested in a longer naive hit, i.e. applies")
    say("   termtrack's longest-label policy to the naive matcher)")
    say(f"\n  span level: naive hits {ag['naive_hits']}, of which inside a termtrack mention of the same label "
        f"{ag['naive_hits_covered_by_termtrack']}; termtrack listed hits {ag['termtrack_listed_hits']}")
    say("  naive-only hits, why:")
    for key, title in NAIVE_REASONS.items():
        say(f"    {ag['naive_only_hits'].get(key, 0):>6}  {key:<15} {title}")
    say("  termtrack-only hits, why:")
    for key, title in TT_REASONS.items():
        say(f"    {ag['termtrack_only_hits'].get(key, 0):>6}  {key:<15} {title}")
    say("  Differences are expected. The naive matcher sees only exact listed surfaces, so it misses spun,")
    say("  compositional and person-noun forms; it reports every nested label (全面战略伙伴关系 also hits")
    say("  战略伙伴关系 and 伙伴关系) where termtrack keeps the longest; and it counts generic or multilateral")
    say("  uses (人类命运共同体, 全球伙伴关系, partners with no named partner) that termtrack rejects by design")
    say("  because they are not China's bilateral labels. Reasons above are heuristics for reading, not a gold.")
    if ag["examples"]:
        say("  examples of disagreement:")
        for line in ag["examples"]:
            say(f"    {line}")


def verdict(ratio: float) -> str:
    """Words for a naive/termtrack time ratio; within 10% is within this benchmark's run-to-run noise."""
    if ratio >= 1.1:
        return "faster"
    if ratio <= 1 / 1.1:
        return "slower"
    return "about as fast: within run-to-run noise"


# ----------------------------------------------------------------------------- main
_T = TypeVar("_T")


def fastest(fn: Callable[[], _T], repeat: int) -> tuple[float, float, _T]:
    """(fastest, slowest, result) of ``repeat`` runs of fn.

    Every in-process stage, the scan limit included, is timed the same way: on a shared machine a
    single run measures the neighbours as much as the code, and the fastest of a few is the
    least disturbed one (as timeit reports).
    """
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), max(times), result  # type: ignore[return-value]


def runs(repeat: int, slowest: float) -> str:
    return "one run" if repeat == 1 else f"fastest of {repeat} runs, slowest {slowest:.2f} s"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", nargs="+", type=Path, metavar="PATH",
                    help=f"files or directories to read (default: *.jsonl under {CORPORA_ROOT}/{{{','.join(CORPUS_DIRS)}}})")
    ap.add_argument("--scale", type=int, default=10,
                    help="size of the synthetic corpus for the scale runs, in corpus copies "
                         "(default 10; the issue's run is --scale 100)")
    ap.add_argument("--json", type=Path, metavar="FILE", help="also write all figures as JSON to FILE")
    ap.add_argument("--examples", type=int, default=10, help="disagreement examples to print (default 10)")
    ap.add_argument("--no-rss-children", action="store_true", help="skip the scale runs in child processes")
    ap.add_argument("--no-as-typed", action="store_true",
                    help="skip running the `termtrack ingest` command itself in a pseudo-terminal")
    ap.add_argument("--repeat", type=int, default=REPEATS,
                    help=f"runs of each in-process stage, the fastest reported (default {REPEATS})")
    args = ap.parse_args(argv)
    if args.scale < 1:
        ap.error("--scale must be at least 1")
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    paths = [p.resolve() for p in (args.corpus or default_corpus())]
    if not paths:
        ap.error(f"no corpus files under {CORPORA_ROOT}: pass --corpus PATH...")
    for p in paths:
        if not p.exists():
            ap.error(f"no such file or directory: {p}")
    str_paths = [str(p) for p in paths]
    ctx = None if args.no_rss_children else child_context()  # before anything large is loaded

    import termtrack
    from termtrack.ingest import ingest
    from termtrack.lexicon import load_lexicon
    from termtrack.pipeline import extract, warm
    from termtrack.readers import read_statements

    say("termtrack ingestion benchmark")
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 0
    env = {"python": platform.python_version(), "platform": platform.platform(), "cpus_usable": cpus,
           "termtrack": termtrack.__version__, "spacy": dist_version("spacy"),
           "pyahocorasick": dist_version("pyahocorasick")}
    say("  " + ", ".join(f"{k} {v}" for k, v in env.items()))
    with contextlib.suppress(OSError):
        say(f"  load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for p in paths:
        say(f"  corpus: {p}")

    stages: list[Stage] = []

    # setup (untimed in the table): lexicon
    t0 = time.perf_counter()
    lex = load_lexicon()
    setup_lex = time.perf_counter() - t0
    say(f"  lexicon {lex.version} ({lex.hash[:12]}), {len(lex.labels)} listed labels, loaded in {setup_lex:.2f} s")

    # read (materialised: the scan and the agreement need the texts)
    say("\nStages")
    secs, slowest, stmts = fastest(lambda: list(read_statements(str_paths)), args.repeat)
    n = len(stmts)
    total_bytes = sum(text_bytes(s.text) for s in stmts)
    mb = total_bytes / MB
    by_lang = dict(Counter(s.lang for s in stmts))
    stages.append(Stage("read (parse + validate records)", secs, n, mb, peak_rss_mib(), note=runs(args.repeat, slowest)))
    report_stage(stages[-1])
    say(f"    {n} statements, {mb:.2f} MB of UTF-8 text, by language {by_lang}")

    # 1. scan limit
    words = trigger_words()
    texts = [(s.lang, s.text) for s in stmts]
    secs, slowest, (hits, with_hit) = fastest(functools.partial(scan, texts, words), args.repeat)
    stages.append(Stage("scan limit (Aho-Corasick triggers)", secs, n, mb, peak_rss_mib(),
                        note=f"{hits} hits in {with_hit} statements; {runs(args.repeat, slowest)}"))
    report_stage(stages[-1])
    say(f"    trigger strings (termtrack.trigger.TRIGGER_WORDS): {' '.join(words)}")
    say(f"    {with_hit} of {n} statements ({100 * with_hit / n:.0f}%) contain a trigger; termtrack splits and "
        "matches only the paragraphs and sentences that hold one that may begin a label (trigger.Hits.viable)")

    # warm-up, untimed: grammar, actor index, OpenCC and the tokenizer are built once per process
    t0 = time.perf_counter()
    warm(lex)
    for lang in ("zh", "en"):
        first = next((s for s in stmts if s.lang == lang), None)
        if first is not None:
            extract(first, lex)
    warm_tt = time.perf_counter() - t0

    # 2a. extraction only: read + extract, no database
    def extract_all() -> dict[str, list]:
        return {st.id: [(m.start, m.end, m.label_zh, m.listed, m.method, m.surface) for m in extract(st, lex)]
                for st in read_statements(str_paths)}

    secs, slowest, tt_all = fastest(extract_all, args.repeat)
    n_mentions = sum(map(len, tt_all.values()))
    stages.append(Stage("termtrack extract (read + extract)", secs, n, mb, peak_rss_mib(),
                        note=f"{n_mentions} mentions; {runs(args.repeat, slowest)}"))
    report_stage(stages[-1])

    # 2b. end to end: ingest into a fresh SQLite file, one process and two; then two again with
    # repeated texts matched again (what reusing their mentions saves)
    import termtrack.parallel

    def ingest_once(workers: int, reuse: bool) -> tuple[float, object, float, tuple[float, float]]:
        """(seconds, report, database MB, CPU seconds of this process and of the pool) of one ingest
        into a new SQLite file.  The pool's workers are waited for before ingest returns, so their
        CPU time is in RUSAGE_CHILDREN by then."""
        with tempfile.TemporaryDirectory(prefix="termtrack-bench-") as tmp:
            url = f"sqlite:///{Path(tmp) / 'bench.db'}"
            kept, termtrack.parallel.DUPLICATES_KEPT = termtrack.parallel.DUPLICATES_KEPT, (
                termtrack.parallel.DUPLICATES_KEPT if reuse else 0)
            try:
                (me0, kids0), t0 = cpu_seconds(), time.perf_counter()
                rep = ingest(str_paths, db=url, lexicon=lex, workers=workers)
                checkpoint(Path(tmp) / "bench.db")
                secs, (me1, kids1) = time.perf_counter() - t0, cpu_seconds()
            finally:
                termtrack.parallel.DUPLICATES_KEPT = kept
            return secs, rep, (Path(tmp) / "bench.db").stat().st_size / MB, (me1 - me0, kids1 - kids0)

    for workers, reuse in ((1, True), (2, True), (2, False)):
        tries = [ingest_once(workers, reuse) for _ in range(args.repeat)]  # each into its own new file
        secs, rep, db_mb, (cpu_me, cpu_pool) = min(tries, key=lambda t: t[0])
        name = f"termtrack ingest workers={workers}" + ("" if reuse else " no reuse")
        pool_cpu = f" + pool {cpu_pool:.2f}" if workers > 1 else ""
        stages.append(Stage(f"{name} (end to end)", secs, rep.read, mb, peak_rss_mib(), cpu_s=cpu_me + cpu_pool,
                            note=f"{rep.new} stored, {rep.mentions} mentions, {rep.reused} repeated texts matched once, "
                                 f"db {db_mb:.1f} MB; CPU {cpu_me:.2f} s{pool_cpu}; includes schema creation and the WAL checkpoint; "
                                 f"{runs(args.repeat, max(t[0] for t in tries))}"))
        report_stage(stages[-1])

    # 3. naive baseline: spaCy over every full text + PhraseMatcher
    t0 = time.perf_counter()
    naive = Naive(lex)
    for lang in ("zh", "en"):
        first = next((s for s in stmts if s.lang == lang), None)
        if first is not None:
            naive(first.text, lang)
    setup_naive = time.perf_counter() - t0
    secs, slowest, naive_hits = fastest(lambda: {st.id: naive(st.text, st.lang) for st in read_statements(str_paths)},
                                        args.repeat)
    n_naive = sum(map(len, naive_hits.values()))
    stages.append(Stage("naive (read + spaCy + PhraseMatcher)", secs, n, mb, peak_rss_mib(),
                        note=f"{n_naive} hits; {naive.n_zh} zh + {naive.n_en} en patterns; {runs(args.repeat, slowest)}"))
    report_stage(stages[-1])
    say(f"    untimed setup: lexicon {setup_lex:.2f} s, termtrack warm-up {warm_tt:.2f} s, "
        f"spaCy pipelines + matchers {setup_naive:.2f} s")

    # 4. ratios
    by = {s.name.split(" (")[0]: s for s in stages}
    scan_s = by["scan limit"].seconds
    extract_s = by["termtrack extract"].seconds
    naive_s = by["naive"].seconds
    ratios = {"extract_vs_scan_slower": extract_s / scan_s, "naive_vs_extract_faster": naive_s / extract_s}
    for w in ("1", "2", "2 no reuse"):
        ingest_s = by[f"termtrack ingest workers={w}"].seconds
        key = "w" + w.replace(" ", "_")
        ratios[f"ingest_{key}_vs_scan_slower"] = ingest_s / scan_s
        ratios[f"naive_vs_ingest_{key}_faster"] = naive_s / ingest_s
    # No schedule of the work an ingest did can take less wall time than its CPU seconds spread
    # over the usable cores: how far the targets are from what this machine can do at all.
    w2 = by["termtrack ingest workers=2"]
    floor_cores = max(1, min(cpus, 3))  # two workers and this process
    floor_s = w2.cpu_s / floor_cores if w2.cpu_s else None
    if floor_s:
        ratios.update({"ingest_w2_cpu_seconds": w2.cpu_s, "ingest_w2_cpu_floor_seconds": floor_s,
                       "ingest_w2_cpu_floor_vs_scan_slower": floor_s / scan_s,
                       "naive_vs_ingest_w2_cpu_floor_faster": naive_s / floor_s,
                       "ingest_w2_wall_vs_cpu_floor": w2.seconds / floor_s})

    # 6. agreement
    text_by_id = {s.id: (s.lang, s.text) for s in stmts}
    ag = agreement(lex, text_by_id, tt_all, naive_hits, args.examples)
    del stmts, texts, text_by_id, tt_all, naive_hits
    print_agreement(ag)

    # 5. scale: ingest in fresh child processes, 1x and Nx, one process and two
    children: list[dict] = []
    memory: dict = {}
    if not args.no_rss_children:
        with tempfile.TemporaryDirectory(prefix="termtrack-bench-scale-") as tmp:
            synth = Path(tmp) / f"synthetic-{args.scale}x.jsonl"
            t0 = time.perf_counter()
            n_syn, mb_syn = write_synthetic(str_paths, args.scale, synth)
            gen_s = time.perf_counter() - t0
            say(f"\nScale: ingest in a fresh child process ({ctx.get_start_method()}) into a new SQLite file, over the "
                f"corpus (1x) and over a synthetic corpus {args.scale}x larger ({n_syn} statements, {mb_syn:.1f} MB of "
                f"text, {synth.stat().st_size / MB:.0f} MB of JSONL written by streaming in {gen_s:.1f} s; each copy has "
                "new ids)")
            for workers in (1, 2):
                for scale, inputs, smb in ((1, str_paths, mb), (args.scale, [str(synth)], mb_syn)):
                    res = run_child(ctx, ingest_child, inputs, workers, tmp)
                    res["scale"] = scale
                    children.append(res)
                    pool = f"; pool workers' peak RSS {res['pool_peak_rss_mib']:.1f} MiB" if res["pool_peak_rss_mib"] else ""
                    st = Stage(f"child ingest {scale}x workers={workers}", res["seconds"], res["statements"], smb,
                               res["peak_rss_mib"], note=f"{res['mentions']} mentions, {res['reused']} repeats matched once; RSS after setup "
                                                          f"{res['rss_after_setup_mib']:.1f} MiB{pool}")
                    stages.append(st)
                    report_stage(st)
        for workers in (1, 2):
            a, b = (c for c in children if c["workers"] == workers)
            grow = b["peak_rss_mib"] - a["peak_rss_mib"]
            memory[f"workers={workers}"] = {
                "corpus_peak_rss_mib": a["peak_rss_mib"], "scaled_peak_rss_mib": b["peak_rss_mib"], "scale": b["scale"],
                "growth_mib": grow, "growth_pct": 100 * grow / a["peak_rss_mib"] if a["peak_rss_mib"] else None,
                "pool_peak_rss_mib": [a["pool_peak_rss_mib"], b["pool_peak_rss_mib"]]}

    # 7. the command as typed, in a terminal
    typed: list[dict] = []
    if not args.no_as_typed and sys.platform != "win32":
        say("\nThe command as typed: `python -m termtrack.cli ingest CORPUS --db NEW.db -j N` in a pseudo-terminal "
            "(its progress bar drawn), wall time of the whole command: interpreter start, imports, lexicon, warm-up, "
            "ingest, and whatever SQLite does as the command's connections close")
        with tempfile.TemporaryDirectory(prefix="termtrack-bench-typed-") as tmp:
            for workers, quiet in ((1, False), (2, False), (2, True)):
                res = ingest_as_typed(str_paths, workers, tmp, quiet=quiet)
                typed.append(res)
                say(f"  -j {workers}{' --quiet' if quiet else '':<8} {res['seconds']:6.2f} s  exit {res['exit_code']}, "
                    f"bar drawn: {'yes' if res['bar_drawn'] else 'no'}; {res['summary'][:120]}")

    # the table
    say("\nSummary (MB = 10^6 bytes of UTF-8 statement text; peak RSS = ru_maxrss of the process after the stage)")
    say(f"  {'stage':<50} {'seconds':>9} {'MB/s':>9} {'stmt/s':>10} {'peak RSS MiB':>13}")
    for st in stages:
        mbs = f"{st.mb_s:9.2f}" if st.mb_s is not None else f"{'':>9}"
        sps = f"{st.stmts_s:10.1f}" if st.stmts_s is not None else f"{'':>10}"
        say(f"  {st.name:<50} {st.seconds:9.2f} {mbs} {sps} {st.rss_mib:13.1f}")
    say("\nRatios")
    for w in ("1", "2", "2 no reuse"):
        key = "w" + w.replace(" ", "_")
        say(f"  termtrack ingest workers={w} is {ratios[f'ingest_{key}_vs_scan_slower']:.1f}x slower than the scan limit; "
            f"naive/termtrack time {ratios[f'naive_vs_ingest_{key}_faster']:.2f}x "
            f"(termtrack {verdict(ratios[f'naive_vs_ingest_{key}_faster'])})")
    say("    (no reuse: texts repeated under other ids are matched again; the two MFA corpora share pages)")
    if "ingest_w2_cpu_floor_seconds" in ratios:
        say(f"  CPU floor of workers=2: its processes used {ratios['ingest_w2_cpu_seconds']:.2f} CPU s; spread over "
            f"{floor_cores} cores that is at least {ratios['ingest_w2_cpu_floor_seconds']:.2f} s of wall time, "
            f"{ratios['ingest_w2_cpu_floor_vs_scan_slower']:.1f}x the scan and "
            f"{ratios['naive_vs_ingest_w2_cpu_floor_faster']:.2f}x faster than naive; the run took "
            f"{ratios['ingest_w2_wall_vs_cpu_floor']:.2f}x its floor")
    say(f"  extract alone: {ratios['extract_vs_scan_slower']:.1f}x slower than the scan; naive/termtrack time "
        f"{ratios['naive_vs_extract_faster']:.2f}x (termtrack {verdict(ratios['naive_vs_extract_faster'])})")
    say("    (naive/termtrack above 1: termtrack is that many times faster than the naive pipeline)")
    for key, m in memory.items():
        pools = [x for x in m["pool_peak_rss_mib"] if x]
        say(f"  peak RSS ingesting with {key}: 1x {m['corpus_peak_rss_mib']:.1f} MiB, {m['scale']}x "
            f"{m['scaled_peak_rss_mib']:.1f} MiB (growth {m['growth_mib']:+.1f} MiB, {m['growth_pct']:+.1f}%, for "
            f"{m['scale']}x the text)" + (f"; pool workers {pools[0]:.1f} -> {pools[-1]:.1f} MiB" if pools else ""))

    if args.json:
        data = {"environment": env, "args": {"corpus": str_paths, "scale": args.scale},
                "corpus": {"files": str_paths, "statements": n, "mb": mb, "by_lang": by_lang},
                "lexicon": {"version": lex.version, "hash": lex.hash, "trigger_strings": words},
                "setup_seconds": {"lexicon": setup_lex, "termtrack_warmup": warm_tt, "naive": setup_naive},
                "stages": [s.as_dict() for s in stages], "ratios": ratios, "memory": memory,
                "scale_children": children, "as_typed": typed, "agreement": ag}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        say(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
