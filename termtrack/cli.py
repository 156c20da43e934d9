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

from termtrack.errors import InputError, LexiconError, TermtrackError
from termtrack.records import EVENTS


def _plain_help_names() -> None:
    """Help as click writes it: typer 0.29's rich help gives a flag a type as if it took a value
    (``--quiet <bool>``, ``--help <bool>``) and a required argument braces (``history {country}``);
    a flag shows no type, and the usage line names an argument ``COUNTRY`` (``[COUNTRIES]...`` when
    optional), as the README does.  Older typers, which lack these methods, are left as they are."""
    from typer.core import TyperArgument, TyperOption

    shown = getattr(TyperOption, "display_type_rich", None)
    if shown is not None and not getattr(shown, "plain", False):
        def display_type_rich(self, ctx):
            return None if (self.is_flag or self.count) and self.metavar is None else shown(self, ctx)

        display_type_rich.plain = True
        TyperOption.display_type_rich = display_type_rich
    if hasattr(TyperArgument, "_usage_display_name"):
        def _usage_display_name(self) -> str:
            name = self.metavar or self.name.upper()
            name = name if self.required else f"[{name}]"
            return name + ("..." if self.nargs != 1 else "")

        TyperArgument._usage_display_name = _usage_display_name


_plain_help_names()
app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Track China's partnership labels over time, from dated statements.")
lexicon_app = typer.Typer(no_args_is_help=True, help="Inspect and validate the lexicon.")
db_app = typer.Typer(no_args_is_help=True, help="Database maintenance.")
app.add_typer(lexicon_app, name="lexicon")
app.add_typer(db_app, name="db")

out = Console(width=None if sys.stdout.isatty() else 200, emoji=False)
err = Console(stderr=True, soft_wrap=True, emoji=False)  # a message stays one line, whatever the width (logs, grep)


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
# --since/--until: what each command selects with them.  Timelines are always judged with all the evidence.
DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD; --since from its first day, --until to its last"
PERIODS_IN_WINDOW = ("Only labels in force at some time between --since and --until, shown whole: their start, end, "
                     "counts and evidence come from all statements, outside the window too")
SinceOpt = Annotated[str | None, typer.Option("--since", help=f"Only mentions in statements dated on or after this day ({DATE_FORMS}).")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Only mentions in statements dated on or before this day.")]
PeriodSinceOpt = Annotated[str | None, typer.Option("--since", help=f"{PERIODS_IN_WINDOW}; variant lines only from statements in it ({DATE_FORMS}).")]
PeriodUntilOpt = Annotated[str | None, typer.Option("--until", help=(
    "See --since: labels that started after this day are left out; one in force on it is shown to its end, with evidence "
    "from after it."))]
ChangeSinceOpt = Annotated[str | None, typer.Option("--since", help=f"Only changes whose date (as the table gives it, judged with all the evidence) is on or after this day ({DATE_FORMS}).")]
ChangeUntilOpt = Annotated[str | None, typer.Option("--until", help="Only changes dated on or before this day.")]


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


def _other_lexicons(engine, lex) -> None:
    """A line on stderr when stored mentions were matched with another lexicon than the one in use
    (which ranks, names and stamps what is printed or exported): a mix a paper must not cite as one."""
    from termtrack.store import mention_lexicons

    others = [f"{v} ({h[:12]})" for v, h in mention_lexicons(engine) if h != lex.hash]
    if others:
        err.print(f"note: stored mentions were matched with lexicon {', '.join(others)}, not the one in use, "
                  f"{lex.version} ({lex.hash[:12]}); `termtrack rematch` matches every statement with it",
                  markup=False, highlight=False, soft_wrap=True)


def _partner(lex, country: str) -> str:
    try:
        return lex.partner_code(country)
    except LookupError as exc:
        raise TermtrackError(str(exc)) from None


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


# Columns of running text in the tables: under NARROW_TABLE columns a row is printed as a block,
# its other cells on one line and these below it.
_PROSE_COLUMNS = frozenset({"sentence", "evidence", "surface", "holders", "en", "note", "title"})


def _cell(value) -> str:
    """A value as a table prints it: a float without a trailing .0 (rank 4, not 4.0; 3.5 as 3.5), None blank.
    Tables only: CSV, JSON and the exports keep the number as it is."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


BY_NOTE = "by DATE: no text dates the start; DATE is the first statement showing the label, so it held no later than then"


def _by(day: str | None, how: str | None) -> str | None:
    """A start as a table shows it: ``by 2016-09-12`` when only the first statement dates it (the
    corpus's first saying, not the day of the change: Russia's 2011 label seen first in 2016)."""
    return f"by {day}" if day and how == "first statement" else day


def _ends_by(periods, every=None) -> list[str | None]:
    """Each period's end as a table shows it: the next period's start, ``by …`` as that start is.

    ``every``: the whole timeline's periods when ``periods`` is a window of them (--since/--until),
    so that the period after the window still says how the last one's end is dated.
    """
    from termtrack.timeline import dated_by

    every = list(periods if every is None else every)
    after = {(p.label, p.start.iso()): nxt for p, nxt in zip(every, [*every[1:], None], strict=True)}
    ends = []
    for p in periods:
        nxt = after.get((p.label, p.start.iso()))
        how = dated_by(nxt) if nxt is not None and p.end is not None and nxt.start.iso() == p.end.iso() else None
        ends.append(_by(p.end.iso(), how) if p.end else None)
    return ends


def _label_option(lex, label: str | None) -> tuple[str | None, bool, bool]:
    """--label as (label_zh, new era only, a listed label's name): any name ``Lexicon.label_named``
    knows, else the label_zh as given (新时代 in front: an unlisted label's new-era form)."""
    from termtrack.records import NEW_ERA

    if label is None:
        return None, False, False
    if (named := lex.label_named(label)) is not None:
        return named[0], named[1], True
    if label.startswith(NEW_ERA) and label != NEW_ERA:
        return label.removeprefix(NEW_ERA), True, False
    return label, False, False


def _unknown_label(engine, label: str, new_era: bool) -> str | None:
    """The line for a --label that no listed label is called and no stored mention has; None when
    some mention has it (then the other filters left nothing, and the usual line says so)."""
    from termtrack.export import count_mentions
    from termtrack.records import NEW_ERA

    if count_mentions(engine, label=label):
        return None
    return (f"no stored mention has the label {(NEW_ERA if new_era else '') + label} (a label is its label_zh, "
            "e.g. 全面战略伙伴关系, its id or an English form: `termtrack lexicon labels` lists them)")


def _window(since: date | None, until: date | None) -> str:
    return (f" from {since.isoformat()}" if since else "") + (f" up to {until.isoformat()}" if until else "")


def _no_label(engine, lex, codes: list[str], *, ranking: str | None, since: date | None, until: date | None) -> str:
    """The line a table command prints on stderr when it found no label for these partners: over which
    dates, and how many of their stored mentions are of labels with no rank (命运共同体 …)."""
    from termtrack.export import mention_records

    msg = "no ranked label found for " + ", ".join(f"China–{_name(lex, c)}" for c in codes) + _window(since, until)
    unranked = [r for c in codes for r in mention_records(engine, lex=lex, ranking=ranking, partner=c, since=since,
                                                          until=until) if r["rank"] is None]
    if unranked:
        labels = ", ".join(dict.fromkeys(r["label_zh"] for r in unranked))
        msg += (f"; {len(unranked)} mention{'s' if len(unranked) > 1 else ''} with no ranked label ({labels})"
                + (f": `termtrack mentions --country {codes[0]}` lists them" if len(codes) == 1 else ""))
    return msg


def _emit(rows: list[dict], fmt: TableFormat, title: str, columns: list[str], *, fields: list[str] | None = None,
          empty: str | None = None) -> None:
    """Rows as a table (``columns``), CSV or JSON.  ``fields``: the columns of a record, so that a CSV
    with no rows still has the header it has with rows.  ``empty``: with no rows, a table is this line
    on stderr instead (nothing on stdout); CSV and JSON are written as ever."""
    if not rows and empty and fmt == TableFormat.table:
        err.print(empty, markup=False, highlight=False, soft_wrap=True)
        return
    caption = BY_NOTE if fmt == TableFormat.table and any(
        str(r.get(c) or "").startswith("by ") for r in rows for c in ("since", "start")) else None
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
    def cell(r: dict, c: str) -> str:
        v = r.get(c)
        return "; ".join(map(_cell, v)) if isinstance(v, list | tuple) else _cell(v)

    prose = [c for c in columns if c in _PROSE_COLUMNS]
    if prose and out.width < NARROW_TABLE:
        # a row of dates, codes and labels beside a sentence folds every cell to a few characters
        # ("statemen / t_id") under 160 columns: one block per row instead, as history does
        out.print(title, markup=False, highlight=False)
        for r in rows:
            head = "; ".join(f"{c} {cell(r, c)}" for c in columns if c not in _PROSE_COLUMNS and cell(r, c))
            out.print("\n" + head, markup=False, highlight=False)
            for c in prose:
                if cell(r, c):
                    out.print(f"  {cell(r, c)}", markup=False, highlight=False)
        if caption:
            out.print(f"\n{caption}", markup=False, highlight=False)
        out.print()
        return
    table = Table(title=title, show_lines=False, caption=caption)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*(Text(cell(r, c)) for c in columns))
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

        if engine not in ("local", "dask"):
            raise TermtrackError(f"--engine {engine!r}: expected local or dask")
        try:
            if engine == "dask":
                from termtrack.distributed import ingest_dask

                report = ingest_dask(paths, db=db, encoding=encoding, default_date=dd, lexicon=lex,
                                     scheduler=scheduler, workers=workers, reject=skip_bad, progress=progress,
                                     fields=fields)
            else:
                report = run_ingest(paths, db=db, encoding=encoding, default_date=dd, lexicon=lex,
                                    workers=workers, reject=skip_bad, progress=progress, fields=fields)
        except InputError as exc:
            if exc.line is not None and skip_bad is None and not isinstance(exc, LexiconError):
                # only the first bad record is named: say how to see them all
                exc.message += " (the first problem found; --skip-bad FILE stores the good records and lists every bad one)"
            raise
    langs = ", ".join(f"{k}: {v}" for k, v in sorted(report.by_lang.items())) or "none"
    err.print(f"read {report.read} statements: {report.new} new, {report.unchanged} already stored; "
              f"{report.mentions} mentions ({langs})"
              + (f"; {report.reused} repeated an earlier statement's text (matched once, stored under both ids; "
                 "export's repeat_of marks the copies)" if report.reused else "")
              + (f"; {report.rejected} bad records written to {skip_bad}" if skip_bad else ""))
    if report.new:
        from termtrack.store import open_db

        _other_lexicons(open_db(db, create=False), lex)


ReviewedOpt = Annotated[bool, typer.Option(
    "--reviewed", help="Only mentions a reviewer accepted or corrected, corrections applied (timelines apply "
                       "decisions either way; mention lists and exports show the machine's values and a review column).")]


@app.command()
def history(
    country: Annotated[str, typer.Argument(help="Partner: English or Chinese name, or ISO code.")],
    db: DbOpt = None,
    ranking: RankingOpt = None,
    since: PeriodSinceOpt = None,
    until: PeriodUntilOpt = None,
    evidence: Annotated[int, typer.Option("--evidence", min=1, help=f"Evidence sentences to show per label (and {VARIANTS_PER_EVIDENCE} variant lines per unit).")] = 1,
    reviewed: ReviewedOpt = False,
    fmt: FormatOpt = TableFormat.table,
) -> None:
    """Which label held when between China and a partner, each change with its evidence."""
    from termtrack.export import TIMELINE_COLUMNS, timeline_records
    from termtrack.store import open_db
    from termtrack.timeline import change_kind, dated_by
    from termtrack.timeline import history as run_history

    lex = _lex(ranking)
    since_day, until_day = _span(since, until)
    code = _partner(lex, country)
    engine = open_db(db, create=False)
    tl = run_history(engine, code, lex=lex, ranking=ranking, since=since_day, until=until_day, reviewed=reviewed,
                     evidence=evidence)
    if fmt != TableFormat.table:
        _emit(timeline_records(tl, lex=lex, reviewed=reviewed), fmt, "", [], fields=TIMELINE_COLUMNS)
        if tl.overlays or tl.relapses:
            err.print(f"{fmt.value} gives the labels in force; the overlays and variant lines under the table are in "
                      f"`termtrack export variants --country {code}`", markup=False, soft_wrap=True)
        return
    if not tl.periods:  # an empty table, with the overlays under it, said nothing (China–Laos: 命运共同体 only)
        err.print(_no_label(engine, lex, [code], ranking=ranking, since=since_day, until=until_day), markup=False,
                  highlight=False, soft_wrap=True)
        return
    title = (f"China – {_name(lex, code)}: partnership labels (ranking: {tl.ranking}"
             f"{'; reviewed mentions only' if reviewed else ''})")
    every = tl.periods if since_day is None and until_day is None else \
        run_history(engine, code, lex=lex, ranking=ranking, reviewed=reviewed, evidence=1).periods
    ends = _ends_by(tl.periods, every)
    by = any(dated_by(p) == "first statement" for p in tl.periods)
    if out.width < NARROW_TABLE:  # ten columns fold every word at 80: one block per label instead
        out.print(title, markup=False, highlight=False)
        for p, end in zip(tl.periods, ends, strict=True):
            facts = [change_kind(p), *([f"rank {_cell(p.rank)}"] if p.rank is not None else []),
                     *([f"date in text {p.ref_date.iso()}"] if p.ref_date else []), f"{p.statements} statements",
                     f"first {p.first_statement.iso()}", *([f"last {p.last_statement.iso()}"] if p.last_statement else [])]
            out.print(f"\n{_by(p.start.iso(), dated_by(p))} → {end or 'now'}  {p.label}  "
                      f"{lex.label_en(p.label_zh, p.label)}\n  {'; '.join(facts)}", markup=False, highlight=False)
            for m in p.evidence[:evidence]:
                out.print(f"  [{m.statement_id} {m.statement_date.iso()}] {m.sentence.strip()}", markup=False,
                          highlight=False)
        out.print(f"\n({BY_NOTE})" if by else "", markup=False, highlight=False)
    else:
        table = Table(title=title, caption=BY_NOTE if by else None)
        for c in ("from", "to", "label", "change", "rank", "first statement", "last statement", "date in text",
                  "statements", "evidence"):
            table.add_column(c, overflow="fold", no_wrap=c in ("from", "to", "change", "first statement",
                                                                 "last statement"))  # never 2013-07-1/6
        for p, end in zip(tl.periods, ends, strict=True):
            ev = "\n".join(f"[{m.statement_id} {m.statement_date.iso()}] {m.sentence.strip()}" for m in p.evidence[:evidence])
            table.add_row(_by(p.start.iso(), dated_by(p)), end or "", Text(f"{p.label}\n{lex.label_en(p.label_zh, p.label)}"),
                          change_kind(p), _cell(p.rank), p.first_statement.iso(),
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
    label: Annotated[str | None, typer.Option("--label", help=(
        "A label: its label_zh (全面战略伙伴关系, traditional characters too), its id (comprehensive_strategic_partnership) "
        "or an English form (comprehensive strategic partnership); 新时代 or 'for a new era' for the new-era form."))] = None,
    event: Annotated[EventKind | None, typer.Option("--event", help="upgrade, proposal or mention.")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    reviewed: ReviewedOpt = False,
    limit: Annotated[int, typer.Option("--limit", min=0, help="At most this many rows (0: all).")] = 50,
    fmt: FormatOpt = TableFormat.table,
) -> None:
    """List stored mentions with their sentences (and the review decision, if any)."""
    from termtrack.export import MENTION_COLUMNS, mention_records
    from termtrack.store import open_db

    lex = _lex()
    label, new_era, listed = _label_option(lex, label)
    since_day, until_day = _span(since, until)
    code = _partner(lex, country) if country else None
    engine = open_db(db, create=False)
    rows = mention_records(engine, lex=lex, partner=code, label=label, new_era=new_era,
                           event=event.value if event else None, since=since_day, until=until_day, reviewed=reviewed)
    empty = ("no stored mention found" + (" that a reviewer accepted or corrected" if reviewed else "")
             + (f" for China–{_name(lex, code)}" if code else "") + _window(since_day, until_day))
    if label is not None and not rows and not listed and (unknown := _unknown_label(engine, label, new_era)):
        empty = unknown
        if fmt != TableFormat.table:
            err.print(empty)
    if limit and len(rows) > limit:
        err.print(f"{limit} of {len(rows)} mentions shown (--limit 0 shows all)")
        rows = rows[:limit]
    _emit(rows, fmt, "Mentions" + (" (reviewed, corrections applied)" if reviewed else ""),
          ["statement_id", "date", "label_zh", "partner", "party", "event", "ref_date", "review", "surface", "sentence"],
          fields=MENTION_COLUMNS, empty=empty)


@app.command()
def upgrades(
    db: DbOpt = None,
    ranking: RankingOpt = None,
    since: ChangeSinceOpt = None,
    until: ChangeUntilOpt = None,
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
          fields=CHANGE_COLUMNS, empty="no label change found" + _window(since_day, until_day))


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
    rows = asof_records(pairs, day=d, lex=lex, ranking=ranking, reviewed=reviewed)
    if fmt == TableFormat.table:
        rows = [{**r, "since": _by(r["since"], r["dated_by"])} for r in rows]
    _emit(rows, fmt, f"Labels in force on {d.isoformat()} (ranking: {ranking})",
          ["partner", "label", "rank", "since", "first_statement_date", "last_statement_date", "statements", "statement_id",
           "sentence"], fields=ASOF_COLUMNS, empty=f"no ranked label found in force on {d.isoformat()}")


@app.command()
def export(
    what: Annotated[ExportWhat, typer.Argument(help="mentions, timeline, variants or upgrades.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    fmt: Annotated[FileFormat | None, typer.Option(
        "--format", help="csv, jsonl or parquet (default: from the file's suffix .csv, .jsonl or .parquet; "
                         "csv for a name with no suffix).")] = None,
    db: DbOpt = None,
    ranking: RankingOpt = None,
    country: Annotated[str | None, typer.Option("--country", help="Only this partner.")] = None,
    reviewed: ReviewedOpt = False,
    excel: Annotated[bool, typer.Option("--excel", help="CSV with a UTF-8 BOM, for Excel.")] = False,
    label: Annotated[str | None, typer.Option("--label", help="Mentions of this label only (as `mentions --label`).")] = None,
    event: Annotated[EventKind | None, typer.Option("--event", help="Mentions of this event only.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Mentions or upgrades from this date.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Mentions or upgrades up to this date.")] = None,
) -> None:
    """Write mentions, timelines, variants (what history prints under its table) or upgrades in long, tidy format with run metadata."""
    from termtrack.export import export as run_export
    from termtrack.store import open_db

    lex = _lex(ranking)
    code = _partner(lex, country) if country else None
    since_day, until_day = _span(since, until)
    label, new_era, listed = _label_option(lex, label)
    engine = open_db(db, create=False)
    n = run_export(engine, what.value, output, fmt.value if fmt else None, lex=lex, ranking=ranking,
                   partner=code, reviewed=reviewed, excel=excel, label=label, new_era=new_era, event=event.value if event else None,
                   since=since_day, until=until_day)
    err.print(f"wrote {n} rows to {output}")
    _other_lexicons(engine, lex)
    if not n and label is not None and not listed and (unknown := _unknown_label(engine, label, new_era)):
        err.print(unknown, markup=False, highlight=False, soft_wrap=True)


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
    was = ", ".join(f"{v} ({h[:12]})" for v, h in r.replaced) or "none"
    err.print(f"run {r.run_id}: {r.statements} statements, {r.mentions} mentions: {r.added} added, "
              f"{r.removed} removed, {r.changed} changed, {r.unchanged} unchanged; lexicon {r.lexicon[0]} "
              f"({r.lexicon[1][:12]}), the mentions replaced were matched with {was}", markup=False, highlight=False)


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
def lexicon_check(path: Annotated[Path | None, typer.Argument(help="Lexicon folder (default: $TERMTRACK_LEXICON when set, else the shipped one).")] = None) -> None:
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


@lexicon_app.command("labels")
def lexicon_labels(ranking: RankingOpt = None, fmt: FormatOpt = TableFormat.table) -> None:
    """The listed labels: label_zh, id, English forms, tier and rank (any of the names works for `mentions --label`)."""
    lex = _lex(ranking)
    rows = lex.label_rows(ranking)
    _emit(rows, fmt, f"Listed labels (ranking: {ranking or lex.default_ranking})",
          ["label_zh", "id", "en", "tier", "rank"], fields=["id", "label_zh", "kind", "tier", "rank", "en"])


@db_app.command("upgrade")
def db_upgrade(db: DbOpt = None) -> None:
    """Upgrade a database made by an older termtrack to the current schema (Alembic)."""
    from termtrack.store import make_engine, upgrade

    before, after = upgrade(make_engine(db))
    if before == after:
        err.print(f"already at {after}: nothing to do")
    else:
        err.print(f"upgraded schema {before or 'empty'} → {after}")


@db_app.command("delete")
def db_delete(
    ids: Annotated[list[str], typer.Argument(help="Ids of stored statements.", metavar="ID")],
    db: DbOpt = None,
    with_reviews: Annotated[bool, typer.Option("--with-reviews", help="Delete the review decisions on them too.")] = False,
) -> None:
    """Delete stored statements and their mentions, to ingest a corrected record under the same id."""
    from termtrack.store import delete_statements, open_db
    from termtrack.timeline_cache import refresh

    engine = open_db(db, create=False)
    gone = delete_statements(engine, ids, with_reviews=with_reviews)
    refresh(engine, lex=_lex())
    err.print(f"deleted {gone.statements} statements, {gone.mentions} mentions"
              + (f", {gone.reviews} review decisions" if gone.reviews else ""))


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
