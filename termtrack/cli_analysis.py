"""Analysis commands (compare, ladder, plot): registered on the main app by termtrack.cli."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from termtrack.cli import (
    DATE_FORMS,
    PERIODS_IN_WINDOW,
    DbOpt,
    FormatOpt,
    RankingOpt,
    ReviewedOpt,
    TableFormat,
    _by,
    _cell,
    _emit,
    _ends_by,
    _lex,
    _name,
    _no_label,
    _partner,
    _span,
    _window,
    app,
    err,
    out,
)
from termtrack.errors import TermtrackError

MARK = {"upgrade": "▲", "downgrade": "▼", "renaming": "◆", "first": "●"}
STYLE = {"upgrade": "bold green", "downgrade": "bold red", "renaming": "yellow", "first": "bold"}


CompareSinceOpt = Annotated[str | None, typer.Option("--since", help=(
    f"First year of the grid (--by year); with --by period: {PERIODS_IN_WINDOW[0].lower()}{PERIODS_IN_WINDOW[1:]} "
    f"({DATE_FORMS})."))]
CompareUntilOpt = Annotated[str | None, typer.Option("--until", help="Last year of the grid; with --by period: labels that started after this day are left out.")]
YearSinceOpt = Annotated[str | None, typer.Option("--since", help=f"First year counted; each year's label is the one in force on 31 December, judged with all the evidence ({DATE_FORMS}).")]
YearUntilOpt = Annotated[str | None, typer.Option("--until", help="Last year counted.")]
PlotSinceOpt = Annotated[str | None, typer.Option("--since", help=f"Start of the time axis (with --ladder: the first year counted); labels in force in the window are drawn whole, judged with all the evidence ({DATE_FORMS}).")]
PlotUntilOpt = Annotated[str | None, typer.Option("--until", help="End of the time axis.")]


class CompareBy(str, Enum):
    year = "year"
    period = "period"


@app.command()
def compare(
    countries: Annotated[list[str], typer.Argument(help="Two or more partners: names or ISO codes.")],
    db: DbOpt = None,
    ranking: RankingOpt = None,
    since: CompareSinceOpt = None,
    until: CompareUntilOpt = None,
    by: Annotated[CompareBy, typer.Option("--by", help="year: a grid, one row per year; period: one row per label period.")] = CompareBy.year,
    reviewed: ReviewedOpt = False,
    fmt: FormatOpt = TableFormat.table,
) -> None:
    """Partners side by side: the label each held at the end of every year, changes marked."""
    from termtrack.export import (
        COMPARE_COLUMNS,
        TIMELINE_COLUMNS,
        compare_records,
        timeline_records,
    )
    from termtrack.store import open_db
    from termtrack.timeline import change_kind
    from termtrack.timeline import compare as run_compare

    lex = _lex(ranking)
    since_day, until_day = _span(since, until)
    codes = list(dict.fromkeys(_partner(lex, c) for c in countries))
    engine = open_db(db, create=False)
    cmp = run_compare(engine, codes, lex=lex, ranking=ranking, reviewed=reviewed, since=since_day, until=until_day)
    windows = {c: cmp.timelines[c].window(since=since_day, until=until_day) for c in codes}
    none = [c for c in codes if not windows[c].periods]
    if none and fmt == TableFormat.table:  # one line for the partners with nothing to show, the table for the others
        err.print(_no_label(engine, lex, none, ranking=ranking, since=since_day, until=until_day), markup=False,
                  highlight=False, soft_wrap=True)
        if len(none) == len(codes):
            return
    if by == CompareBy.period:
        rows = [r for c in codes for r in timeline_records(windows[c], lex=lex, reviewed=reviewed)]
        if fmt == TableFormat.table:
            ends = [e for c in codes for e in _ends_by(windows[c].periods, cmp.timelines[c].periods)]
            rows = [{**r, "start": _by(r["start"], r["dated_by"]), "end": e} for r, e in zip(rows, ends, strict=True)]
        _emit(rows, fmt, f"Label periods (ranking: {cmp.ranking})",
              ["partner", "start", "end", "label", "change", "rank", "statements", "evidence_statement_id"],
              fields=TIMELINE_COLUMNS)
        return
    if fmt != TableFormat.table:
        _emit(compare_records(cmp, lex=lex, reviewed=reviewed), fmt, "", [], fields=COMPARE_COLUMNS)
        return
    if not cmp.years:
        err.print(_no_label(engine, lex, codes, ranking=ranking, since=since_day, until=until_day), markup=False,
                  highlight=False, soft_wrap=True)
        return
    table = Table(title=f"China's partnership labels at the end of each year (ranking: {cmp.ranking})",
                  caption="▲ upgrade  ▼ downgrade  ◆ renaming  ● first seen (date: first statement or the date the text gives)")
    table.add_column("year", justify="right")
    for c in codes:
        table.add_column(_name(lex, c), overflow="fold")
    # years in which nobody's label changed are folded into one row ("1997–2004")
    runs: list[list[int]] = []
    for y in cmp.years:
        quiet = not any(cmp.cells[(c, y)].changes for c in codes)
        if quiet and runs and runs[-1][-1] == y - 1 and not any(cmp.cells[(c, runs[-1][0])].changes for c in codes):
            runs[-1].append(y)
        else:
            runs.append([y])
    for years in runs:
        cells = []
        for c in codes:
            cell = cmp.cells[(c, years[-1])]
            text = Text()
            for ch in cell.changes:
                text.append(f"{MARK.get(ch.change, '')} {ch.start.iso()} {change_kind(ch)}\n", style=STYLE.get(ch.change, ""))
            if cell.period is None:
                text.append("—", style="dim")
            else:
                en = lex.label_en(cell.period.label_zh, cell.period.label)
                text.append(f"{cell.period.label}\n{en}", style="" if cell.changes else "dim")
            cells.append(text)
        table.add_row(str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}", *cells)
    out.print(table)


@app.command()
def ladder(
    db: DbOpt = None,
    ranking: RankingOpt = None,
    since: YearSinceOpt = None,
    until: YearUntilOpt = None,
    reviewed: ReviewedOpt = False,
    fmt: FormatOpt = TableFormat.table,
) -> None:
    """Per year, how many partners hold each rung of the ranking (label in force on 31 December)."""
    from termtrack.export import LADDER_COLUMNS, ladder_records
    from termtrack.store import open_db
    from termtrack.timeline import ladder as run_ladder

    lex = _lex(ranking)
    since_day, until_day = _span(since, until)
    lad = run_ladder(open_db(db, create=False), lex=lex, ranking=ranking, reviewed=reviewed,
                     since=since_day, until=until_day)
    if fmt != TableFormat.table:
        _emit(ladder_records(lad), fmt, "", [], fields=LADDER_COLUMNS)
        return
    if not lad.years:
        err.print("no ranked label found" + _window(since_day, until_day))
        return
    table = Table(title=f"Partners per rung at the end of each year (ranking: {lad.ranking})",
                  caption="A partner counts from the start of its first label: the date a text gives for establishing it, "
                          "else its first statement.")
    table.add_column("year", justify="right")
    levels = list(lad.levels)[::-1]
    for r in levels:
        table.add_column(f"{lad.levels[r]} ({_cell(r)})", justify="right", overflow="fold")
    table.add_column("all", justify="right")
    for y in lad.years:
        counts = [lad.count(y, r) for r in levels]
        table.add_row(str(y), *(str(n) if n else Text("·", style="dim") for n in counts), str(sum(counts)))
    out.print(table)


@app.command()
def plot(
    countries: Annotated[list[str] | None, typer.Argument(help="Partners to draw (names or ISO codes).")] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="PNG, SVG or PDF file to write.")] = Path("timeline.png"),
    ladder_: Annotated[bool, typer.Option("--ladder", help="Draw how many partners hold each rung, per year.")] = False,
    db: DbOpt = None,
    ranking: RankingOpt = None,
    since: PlotSinceOpt = None,
    until: PlotUntilOpt = None,
    reviewed: ReviewedOpt = False,
) -> None:
    """Draw step timelines of partners (rung over time, changes marked and dated), or the ladder."""
    from termtrack.plot import plot_ladder, plot_partners
    from termtrack.store import open_db

    if bool(countries) == ladder_:
        raise TermtrackError("plot: name one or more partners, or give --ladder (not both)")
    lex = _lex(ranking)
    since_day, until_day = _span(since, until)
    engine = open_db(db, create=False)
    if ladder_:
        path = plot_ladder(engine, output, lex=lex, ranking=ranking, reviewed=reviewed, since=since_day,
                           until=until_day)
    else:
        codes = list(dict.fromkeys(_partner(lex, c) for c in countries or []))
        path = plot_partners(engine, codes, output, lex=lex, ranking=ranking, reviewed=reviewed, since=since_day,
                             until=until_day)
    err.print(f"wrote {path}")
