"""Command line: each command parses its options, calls one library function and renders.

Results go to stdout (tables, CSV, JSON); progress and errors go to stderr.  Any bad input ends
in one line naming the file, line and field, and a non-zero exit.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from termtrack.errors import TermtrackError
from termtrack.records import EVENTS

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Track China's partnership labels over time, from dated statements.")
lexicon_app = typer.Typer(no_args_is_help=True, help="Inspect and validate the lexicon.")
db_app = typer.Typer(no_args_is_help=True, help="Database maintenance.")
app.add_typer(lexicon_app, name="lexicon")
app.add_typer(db_app, name="db")

out = Console(width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True, soft_wrap=True)  # a message stays one line, whatever the width (logs, grep)


def _show_version(value: bool) -> None:
    if value:
        import termtrack
        from termtrack.lexicon import load_lexicon

        lex = load_lexicon()
        sys.stdout.write(f"termtrack {termtrack.__version__} (lexicon {lex.version}, {lex.hash[:12]})\n")
        raise typer.Exit()


@app.callback()
def _main_options(
    version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_show_version,
                                          help="Print the version of termtrack and of its lexicon, and exit.")] = False,
) -> None:
    """Track China's partnership labels over time, from dated statements."""

# Shared options, defined once.
DbOpt = Annotated[str | None, typer.Option("--db", envvar="TERMTRACK_DB",
                                           help="Database URL or SQLite path (default ./termtrack.db).")]
RankingOpt = Annotated[str | None, typer.Option("--ranking", help="Ranking convention (see `termtrack lexicon rankings`).")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Up to this date.")]


class TableFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class FileFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


EventKind = Enum("EventKind", {e: e for e in EVENTS}, type=str)  # records.EVENTS as typer's choices
VARIANTS_PER_EVIDENCE = 3  # variant lines shown under a history table per --evidence
NARROW_TABLE = 160  # terminal columns under which history prints a block per label, not a table


class ExportWhat(str, Enum):
    mentions = "mentions"
    timeline = "timeline"
    variants = "variants"
    upgrades = "upgrades"


FormatOpt = Annotated[TableFormat, typer.Option("--format", help="table, csv or json.")]


class ReportFormat(str, Enum):
    table = "table"
    json = "json"


ReportFormatOpt = Annotated[ReportFormat, typer.Option("--format", help="table or json.")]


def _day(value: str | None, *, end: bool = False) -> date | None:
    if not value:
        return None
    from termtrack.dates import parse_date

    try:
        d = parse_date(value)
    except ValueError as exc:
        raise TermtrackError(f"bad date {value!r}: {exc}") from None
    if not end:
        return d.first_day()
    import calendar

    if d.precision == "year":
        return date(d.year, 12, 31)
    if d.precision == "month":
        return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    return d.first_day()


def _lex(ranking: str | None = None):
    from termtrack.lexicon import load_lexicon

    lex = load_lexicon()
    if ranking and ranking not in lex.rankings:
        raise TermtrackError(f"unknown ranking {ranking!r} (known: {', '.join(lex.rankings)})")
    return lex


def _partner(lex, country: str) -> str:
    from termtrack.lexicon import CHINA

    code = lex.resolve_actor(country)
    if code is None:
        guess = _closest_actor(lex, country)
        hint = f"did you mean {guess}?" if guess else "try an ISO code such as BLR"
        raise TermtrackError(f"unknown country or organisation {country!r} ({hint})")
    if code == CHINA:
        raise TermtrackError(f"{country!r} is China, the fixed side of every pair: name its partner")
    return code


def _closest_actor(lex, name: str) -> str | None:
    """The actor whose name is closest to a mistyped one ("Belaru" → Belarus (BLR)), if any is close."""
    from rapidfuzz import fuzz, process

    names = {n: code for code, a in lex.actors.items() for n in (*a.en_names, *a.zh_names)}
    hit = process.extractOne(name, list(names), scorer=fuzz.WRatio, score_cutoff=85)
    return f"{hit[0]} ({names[hit[0]]})" if hit else None


def _span(since: str | None, until: str | None) -> tuple[date | None, date | None]:
    """--since and --until as days (the first day of since, the last of until); refused when reversed."""
    lo, hi = _day(since), _day(until, end=True)
    if lo and hi and lo > hi:
        raise TermtrackError(f"--since {since} is after --until {until}")
    return lo, hi


def _name(lex, code: str | None) -> str:
    if not code:
        return "—"
    a = lex.actor(code)
    return f"{a.en_names[0]} ({code})" if a else code


def _emit(rows: list[dict], fmt: TableFormat, title: str, columns: list[str], *, fields: list[str] | None = None) -> None:
    """Rows as a table (``columns``), CSV or JSON.  ``fields``: the columns of a record, so that a CSV
    with no rows still has the header it has with rows."""
    if fmt == TableFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1, default=str) + "\n")
        return
    if fmt == TableFormat.csv:
        import csv

        w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else (fields or columns), lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: (";".join(v) if isinstance(v, list) else v) for k, v in r.items()})
        return
    table = Table(title=title, show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*(Text("" if r.get(c) is None else str(r.get(c))) for c in columns))
    out.print(table)


# ---------------------------------------------------------------------------- commands
@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="JSONL, CSV, text files or directories of them.")],
    db: DbOpt = None,
    encoding: Annotated[str | None, typer.Option(help="Input encoding when not UTF-8 (gb18030, big5 …).")] = None,
    default_date: Annotated[str | None, typer.Option("--date", help="Date for records that carry none.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    workers: Annotated[int, typer.Option("--workers", "-j", min=1, help="Processes for matching.")] = 1,
    skip_bad: Annotated[Path | None, typer.Option("--skip-bad", help="Store the good records; write bad ones with their reason to this file.")] = None,
    engine: Annotated[str, typer.Option("--engine", help="local, or dask to match on a Dask cluster.")] = "local",
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address (with --engine dask).")] = None,
    field: Annotated[list[str] | None, typer.Option(
        "--field", metavar="FIELD=NAME",
        help="Read a field under the input's own name (repeatable): --field text=content --field date=year.")] = None,
) -> None:
    """Read dated statements, find labels, store statements and mentions."""
    from rich.progress import BarColumn, Progress, TextColumn

    from termtrack.dates import check_not_future, parse_date
    from termtrack.ingest import ingest as run_ingest
    from termtrack.readers import field_map

    try:
        fields = field_map(field or [])
    except ValueError as exc:
        raise TermtrackError(f"--field {exc}") from None
    dd = None
    if default_date:
        try:
            dd = parse_date(default_date)
            check_not_future(dd)
        except ValueError as exc:
            raise TermtrackError(f"--date {default_date!r}: {exc}") from None
    lex = _lex()
    # Redrawn at each update (one per batch read or stored), not by rich's refresh thread: with no
    # other thread running, ingest can fork its workers with the matcher already built; with one, it
    # must start them fresh, and each builds the matcher again (-j 2 took 5.1 s against 2.8 s).
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  console=err, transient=True, auto_refresh=False, disable=quiet or not err.is_terminal) as bar:
        task = bar.add_task("reading", total=None)

        def progress(stage: str, n: int, total: int) -> None:
            bar.update(task, description=stage, completed=n, total=total or None, refresh=True)

        if engine == "dask":
            from termtrack.distributed import ingest_dask

            report = ingest_dask(paths, db=db, encoding=encoding, default_date=dd, lexicon=lex,
                                 scheduler=scheduler, workers=workers, reject=skip_bad, progress=progress,
                                 fields=fields)
        elif engine == "local":
            report = run_ingest(paths, db=db, encoding=encoding, default_date=dd, lexicon=lex,
                                workers=workers, reject=skip_bad, progress=progress, fields=fields)
        else:
            raise TermtrackError(f"--engine {engine!r}: expected local or dask")
    langs = ", ".join(f"{k}: {v}" for k, v in sorted(report.by_lang.items())) or "none"
    err.print(f"read {report.read} statements: {report.new} new, {report.unchanged} already stored; "
              f"{report.mentions} mentions ({langs})"
              + (f"; {report.reused} repeated an earlier statement's text (matched once, stored under both ids; "
                 "export's repeat_of marks the copies)" if report.reused else "")
              + (f"; {report.rejected} bad records written to {skip_bad}" if skip_bad else ""))


ReviewedOpt = Annotated[bool, typer.Option(
    "--reviewed", help="Only mentions a reviewer accepted or corrected (decisions apply either way).")]


@app.command()
def history(
    country: Annotated[str, typer.Argument(help="Partner: English or Chinese name, or ISO code.")],
    db: DbOpt = None,
    ranking: RankingOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    evidence: Annotated[int, typer.Option("--evidence", min=1, help=f"Evidence sentences to show per label (and {VARIANTS_PER_EVIDENCE} variant lines per unit).")] = 1,
    reviewed: ReviewedOpt = False,
    fmt: FormatOpt = TableFormat.table,
) -> None:
    """Which label held when between China and a partner, each change with its evidence."""
    from termtrack.export import TIMELINE_COLUMNS, timeline_records
    from termtrack.store import open_db
    from termtrack.timeline import change_kind
    from termtrack.timeline import history as run_history

    lex = _lex(ranking)
    since_day, until_day = _span(since, until)
    code = _partner(lex, country)
    tl = run_history(open_db(db, create=False), code, lex=lex, ranking=ranking, since=since_day,
                     until=until_day, reviewed=reviewed, evidence=evidence)
    if fmt != TableFormat.table:
        _emit(timeline_records(tl, lex=lex, reviewed=reviewed), fmt, "", [], fields=TIMELINE_COLUMNS)
        if tl.overlays or tl.relapses:
            err.print(f"{fmt.value} gives the labels in force; the overlays and variant lines under the table are in "
                      f"`termtrack export variants --country {code}`", markup=False, soft_wrap=True)
        return
    if not tl.periods and not tl.overlays:
        err.print(f"No labels found for China–{_name(lex, code)}.")
        return
    title = (f"China – {_name(lex, code)}: partnership labels (ranking: {tl.ranking}"
             f"{'; reviewed mentions only' if reviewed else ''})")
    if out.width < NARROW_TABLE:  # ten columns fold every word at 80: one block per label instead
        out.print(title, markup=False, highlight=False)
        for p in tl.periods:
            facts = [change_kind(p), *([f"rank {p.rank:g}"] if p.rank is not None else []),
                     *([f"date in text {p.ref_date.iso()}"] if p.ref_date else []), f"{p.statements} statements",
                     f"first {p.first_statement.iso()}", *([f"last {p.last_statement.iso()}"] if p.last_statement else [])]
            out.print(f"\n{p.start.iso()} → {p.end.iso() if p.end else 'now'}  {p.label}  "
                      f"{lex.label_en(p.label_zh, p.label)}\n  {'; '.join(facts)}", markup=False, highlight=False)
            for m in p.evidence[:evidence]:
                out.print(f"  [{m.statement_id} {m.statement_date.iso()}] {m.sentence.strip()}", markup=False,
                          highlight=False)
        out.print()
    else:
        table = Table(title=title)
        for c in ("from", "to", "label", "change", "rank", "first statement", "last statement", "date in text",
                  "statements", "evidence"):
            table.add_column(c, overflow="fold", no_wrap=c in ("from", "to", "change", "first statement",
                                                                 "last statement"))  # never 2013-07-1/6
        for p in tl.periods:
            ev = "\n".join(f"[{m.statement_id} {m.statement_date.iso()}] {m.sentence.strip()}" for m in p.evidence[:evidence])
            table.add_row(p.start.iso(), p.end.iso() if p.end else "", Text(f"{p.label}\n{lex.label_en(p.label_zh, p.label)}"),
                          change_kind(p), "" if p.rank is None else f"{p.rank:g}", p.first_statement.iso(),
                          p.last_statement.iso() if p.last_statement else "", p.ref_date.iso() if p.ref_date else "",
                          str(p.statements), Text(ev))
        out.print(table)
    for p in tl.periods:
        for m in p.loose_parts_before[:evidence]:
            out.print(f"note: before {p.label} ({p.start.iso()}), {m.statement_id} ({m.statement_date.iso()}) has "
                      f"'{'/'.join(m.loose_parts)}' apart from its label {m.label_zh}: the parts co-occur, the label does not.",
                      markup=False, highlight=False, soft_wrap=True)
    for o in tl.overlays:
        out.print(f"overlay: {o.label} from {o.start.iso()} ({o.statements} statements; first {o.evidence[0].statement_id})",
                  markup=False, highlight=False, soft_wrap=True)
    shown = tl.relapses[:evidence * VARIANTS_PER_EVIDENCE]
    for m in shown:
        out.print(_variant_line(tl, m), markup=False, highlight=False, soft_wrap=True)
    if len(tl.relapses) > len(shown) or tl.relapses_cut:
        out.print(f"… more variant lines (--evidence {evidence + 1} shows {VARIANTS_PER_EVIDENCE} more; "
                  f"`termtrack export variants --country {code}` writes them all)", markup=False, highlight=False, soft_wrap=True)



def _variant_line(tl, m) -> str:
    kind = "relapse" if tl.variant_kind(m) == "older" else "variant"
    return f"{kind}: {m.statement_id} ({m.statement_date.iso()}) {tl.variant_note(m)}"


@app.command()
def mentions(
    db: DbOpt = None,
    country: Annotated[str | None, typer.Option("--country", help="Partner name or code.")] = None,
    label: Annotated[str | None, typer.Option("--label", help="Canonical label_zh, e.g. 全面战略伙伴关系.")] = None,
    event: Annotated[EventKind | None, typer.Option("--event", help="upgrade, proposal or mention.")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: Annotated[int, typer.Option("--limit", min=0, help="At most this many rows (0: all).")] = 50,
    fmt: FormatOpt = TableFormat.table,
) -> None:
    """List stored mentions with their sentences."""
    from termtrack.export import MENTION_COLUMNS, mention_records
    from termtrack.records import NEW_ERA
    from termtrack.store import open_db

    lex = _lex()
    new_era = None
    if label is not None and label.startswith(NEW_ERA) and label != NEW_ERA:
        label, new_era = label.removeprefix(NEW_ERA), True  # a timeline's label: 新时代 + the core label_zh
    since_day, until_day = _span(since, until)
    rows = mention_records(open_db(db, create=False), lex=lex, partner=_partner(lex, country) if country else None,
                           label=label, event=event.value if event else None, since=since_day, until=until_day)
    if new_era:
        rows = [r for r in rows if r["new_era"]]
    if label is not None and not rows:
        err.print(f"no stored mention has the label {(NEW_ERA if new_era else '') + label} (labels are written in "
                  "simplified Chinese, e.g. 全面战略伙伴关系)")
    if limit and len(rows) > limit:
        err.print(f"{limit} of {len(rows)} mentions shown (--limit 0 shows all)")
        rows = rows[:limit]
    _emit(rows, fmt, "Mentions", ["statement_id", "date", "label_zh", "partner", "party", "event", "ref_date", "surface", "sentence"],
          fields=MENTION_COLUMNS)


@app.command()
def upgrades(
    db: DbOpt = None,
    ranking: RankingOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    reviewed: ReviewedOpt = False,
    fmt: FormatOpt = TableFormat.table,
) -> None:
    """Label changes across all partners (upgrades, downgrades, renamings, and first labels a text dates
    the establishment of), each citing a statement."""
    from termtrack.export import CHANGE_COLUMNS, change_records
    from termtrack.store import open_db
    from termtrack.timeline import upgrades as run_upgrades

    lex = _lex(ranking)
    since_day, until_day = _span(since, until)
    ranking = ranking or lex.default_ranking
    changes = run_upgrades(open_db(db, create=False), lex=lex, ranking=ranking, since=since_day,
                           until=until_day, reviewed=reviewed)
    _emit(change_records(changes, lex=lex, ranking=ranking, reviewed=reviewed), fmt, f"Label changes (ranking: {ranking})",
          ["date", "dated_by", "partner", "change", "from_label", "to_label", "statements", "statement_id", "sentence"],
          fields=CHANGE_COLUMNS)


@app.command()
def asof(
    day: Annotated[str, typer.Argument(help="A date: YYYY-MM-DD (or YYYY-MM, YYYY: its last day).")],
    db: DbOpt = None,
    ranking: RankingOpt = None,
    reviewed: ReviewedOpt = False,
    fmt: FormatOpt = TableFormat.table,
) -> None:
    """Every partner's label in force on a date (judged with all the evidence, later statements included)."""
    from termtrack.export import ASOF_COLUMNS, asof_records
    from termtrack.store import open_db
    from termtrack.timeline import asof as run_asof

    lex = _lex(ranking)
    ranking = ranking or lex.default_ranking
    d = _day(day, end=True)
    pairs = run_asof(open_db(db, create=False), d, lex=lex, ranking=ranking, reviewed=reviewed)
    _emit(asof_records(pairs, day=d, lex=lex, ranking=ranking, reviewed=reviewed), fmt,
          f"Labels in force on {d.isoformat()} (ranking: {ranking})",
          ["partner", "label", "rank", "since", "first_statement_date", "last_statement_date", "statements", "statement_id",
           "sentence"], fields=ASOF_COLUMNS)


@app.command()
def export(
    what: Annotated[ExportWhat, typer.Argument(help="mentions, timeline, variants or upgrades.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    fmt: Annotated[FileFormat | None, typer.Option(
        "--format", help="csv, jsonl or parquet (default: from the file's suffix, else csv).")] = None,
    db: DbOpt = None,
    ranking: RankingOpt = None,
    country: Annotated[str | None, typer.Option("--country", help="Only this partner.")] = None,
    reviewed: ReviewedOpt = False,
    excel: Annotated[bool, typer.Option("--excel", help="CSV with a UTF-8 BOM, for Excel.")] = False,
) -> None:
    """Write mentions, timelines, variants (what history prints under its table) or upgrades in long, tidy format with run metadata."""
    from termtrack.export import export as run_export
    from termtrack.store import open_db

    by_suffix = {f".{f.value}": f for f in FileFormat}.get(output.suffix.lower())
    if fmt is None:
        fmt = by_suffix or FileFormat.csv
    elif by_suffix is not None and by_suffix != fmt:
        raise TermtrackError(f"--format {fmt.value} does not match the suffix of {output}: give one or the other")
    if excel and fmt != FileFormat.csv:
        raise TermtrackError(f"--excel applies to CSV, not to {fmt.value}")
    lex = _lex(ranking)
    code = _partner(lex, country) if country else None
    n = run_export(open_db(db, create=False), what.value, output, fmt.value, lex=lex, ranking=ranking, partner=code,
                   reviewed=reviewed, excel=excel)
    err.print(f"wrote {n} rows to {output}")


@app.command()
def rematch(
    db: DbOpt = None,
    workers: Annotated[int, typer.Option("--workers", "-j", min=1, help="Processes for matching.")] = 1,
    fmt: FormatOpt = TableFormat.table,
) -> None:
    """Match every stored statement again with the current lexicon; report what changed.

    Each batch of statements is replaced in one transaction: an interrupted rematch leaves
    every statement with the mentions of one run, and running it again completes it.
    """
    from dataclasses import asdict

    from termtrack.rematch import rematch as run_rematch

    r = run_rematch(db=db, lexicon=_lex(), workers=workers)
    rows = [{**asdict(c), "partner": c.partner or "—"} for c in r.by_label]
    if rows or fmt != TableFormat.table:
        _emit(rows, fmt, "What changed, by partner and label",
              ["partner", "label_zh", "added", "removed", "changed_to", "changed_from"])
    err.print(f"run {r.run_id}: {r.statements} statements, {r.mentions} mentions: {r.added} added, "
              f"{r.removed} removed, {r.changed} changed, {r.unchanged} unchanged")


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL in the format of ../shared/gold/dev.jsonl.")],
    errors: Annotated[bool, typer.Option("--errors", help="List every false positive and negative.")] = False,
    fmt: ReportFormatOpt = ReportFormat.table,
) -> None:
    """Score extraction against a gold file: P/R/F1 per language, event and ref_date accuracy."""
    from termtrack.evaluate import evaluate as run_evaluate
    from termtrack.evaluate import render

    res = run_evaluate(gold, lexicon=_lex())
    if fmt == "json":
        sys.stdout.write(json.dumps(res.summary(), ensure_ascii=False, indent=1) + "\n")
    else:
        render(res, out, errors=errors)
    if errors and fmt == "json":
        for e in res.errors:
            sys.stdout.write(json.dumps(e, ensure_ascii=False) + "\n")


@lexicon_app.command("check")
def lexicon_check(path: Annotated[Path | None, typer.Argument(help="Lexicon folder (default: the shipped one).")] = None) -> None:
    """Validate the lexicon; list every problem with file and line."""
    from termtrack.lexicon import check_lexicon, load_lexicon

    problems = check_lexicon(path)
    for p in problems:
        err.print(str(p), markup=False, highlight=False, soft_wrap=True)
    if problems:
        raise typer.Exit(1)
    lex = load_lexicon(path)
    out.print(f"lexicon {lex.version} ok ({len(lex.labels)} labels, {len(lex.actors)} actors, "
              f"{len(lex.leaders)} leaders, rankings: {', '.join(lex.rankings)}); hash {lex.hash[:12]}")


@lexicon_app.command("rankings")
def lexicon_rankings() -> None:
    """The ranking conventions and where they come from."""
    lex = _lex()
    for name, r in lex.rankings.items():
        mark = " (default)" if name == lex.default_ranking else ""
        out.print(f"[bold]{name}[/bold]{mark}: {r.title}\n  {r.source}\n")


@db_app.command("upgrade")
def db_upgrade(db: DbOpt = None) -> None:
    """Upgrade a database made by an older termtrack to the current schema (Alembic)."""
    from termtrack.store import make_engine, upgrade

    before, after = upgrade(make_engine(db))
    if before == after:
        err.print(f"already at {after}: nothing to do")
    else:
        err.print(f"upgraded schema {before or 'empty'} → {after}")


# Commands kept in their own modules register themselves on ``app`` when imported.
from termtrack import cli_analysis, cli_review  # noqa: E402,F401


def main() -> None:
    try:
        app()
    except TermtrackError as exc:
        err.print(f"termtrack: error: {exc}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    # `python -m termtrack.cli` runs this file as __main__, a second copy of the module; the commands
    # in cli_analysis/cli_review register on the imported termtrack.cli, so run that one.
    from termtrack.cli import main as _main

    _main()
