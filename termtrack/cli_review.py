"""Researcher workflow commands (review, lexicon suggest, serve): registered by termtrack.cli.

Each command parses, calls the library (termtrack.review, termtrack.suggest, termtrack.serve)
and renders; the interactive review walk is the one loop, one decision per mention.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.prompt import Prompt
from rich.table import Table
from rich.text import Text

from termtrack.cli import (
    DbOpt,
    ReportFormat,
    ReportFormatOpt,
    _label_option,
    _lex,
    _name,
    _partner,
    app,
    err,
    lexicon_app,
    out,
)
from termtrack.errors import TermtrackError, writing

review_app = typer.Typer(help="Review machine mentions: accept, reject or correct; CSV round trip; agreement.",
                         invoke_without_command=True)
app.add_typer(review_app, name="review")

CountryOpt = Annotated[str | None, typer.Option("--country", help="Only this partner (name or code).")]
LabelOpt = Annotated[str | None, typer.Option("--label", help=(
    "Only this label: its label_zh (全面战略伙伴关系, traditional characters too), its id or an English form; "
    "新时代 or 'for a new era' for the new-era form."))]
EventOpt = Annotated[str | None, typer.Option("--event", help="Only upgrade, proposal or mention.")]
ReviewerOpt = Annotated[str | None, typer.Option("--reviewer", envvar="TERMTRACK_REVIEWER",
                                                 help="Who decides (default: your login name).")]


def _filters(lex, country: str | None, label: str | None, event: str | None, *, include_reviewed: bool = False):
    from termtrack.review import EVENTS, ReviewFilters

    if event and event not in EVENTS:
        raise TermtrackError(f"--event {event!r}: expected one of {', '.join(EVENTS)}")
    from termtrack.records import label_key

    zh, new_era, _ = _label_option(lex, label)
    return ReviewFilters(partner=_partner(lex, country) if country else None,
                         label=label_key(zh, new_era) if zh else None, event=event, include_reviewed=include_reviewed)


def _reviewer(name: str | None) -> str:
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # no login name in a container
        return os.environ.get("USER", "")


def _show(item, lex, n: int, total: int) -> None:
    head = Text(f"[{n}/{total}] {item.key.statement_id} · {item.date.iso()} · {item.lang}", style="bold")
    if item.title:
        head.append(f" · {item.title}", style="dim")
    out.print(head)
    sentence = Text("  " + item.sentence.replace("\n", " "))
    if item.highlight:
        sentence.stylize("bold reverse yellow", item.highlight[0] + 2, item.highlight[1] + 2)
    out.print(sentence)
    line = Text("  machine: ")
    line.append(f"partner {_name(lex, item.partner)}", style="cyan")
    line.append(" · label ")
    line.append(item.label, style="green")
    line.append(f" · event {item.event}")
    if item.party != "CHN":
        line.append(f" · party {item.party}", style="magenta")
    out.print(line)


def _ask(prompt: str, **kw) -> str:
    try:
        return Prompt.ask(prompt, console=out, **kw)
    except EOFError:
        return "q"


def _ask_valid(prompt: str, default: str, check) -> str:
    """Ask until ``check`` accepts the answer (None: fine, else a message to show)."""
    while True:
        answer = _ask(prompt, default=default)
        problem = check(answer)
        if problem is None:
            return answer
        err.print(problem, markup=False)
        if answer == "q":
            raise typer.Exit(0)


LimitOpt = Annotated[int, typer.Option("--limit", min=0, help="Stop after this many mentions (0: all).")]


@review_app.callback()
def review_main(ctx: typer.Context, db: DbOpt = None, country: CountryOpt = None, label: LabelOpt = None,
                event: EventOpt = None, reviewer: ReviewerOpt = None, limit: LimitOpt = 0) -> None:
    """Walk unreviewed mentions (as `review next`) unless a subcommand is given."""
    if ctx.invoked_subcommand is None:
        review_next(db=db, country=country, label=label, event=event, reviewer=reviewer, limit=limit)


@review_app.command("next")
def review_next(db: DbOpt = None, country: CountryOpt = None, label: LabelOpt = None, event: EventOpt = None,
                reviewer: ReviewerOpt = None, limit: LimitOpt = 0) -> None:
    """Walk unreviewed mentions: a accept, r reject, c correct (partner/label/event), s skip, q quit."""
    from termtrack.review import EVENTS, Decision, decide, label_info, pending
    from termtrack.store import open_db

    lex = _lex()
    engine = open_db(db, create=False)
    items = pending(engine, _filters(lex, country, label, event))
    if limit:
        items = items[:limit]
    who = _reviewer(reviewer)
    counts = {"accept": 0, "reject": 0, "correct": 0, "skip": 0}
    for n, item in enumerate(items, 1):
        _show(item, lex, n, len(items))
        key = _ask("a accept · r reject · c correct · s skip · q quit", choices=["a", "r", "c", "s", "q"], default="s")
        if key == "q":
            break
        if key == "s":
            counts["skip"] += 1
            continue
        d = Decision(key=item.key, decision={"a": "accept", "r": "reject", "c": "correct"}[key])
        if key == "c":
            partner = _ask_valid("  partner", item.partner or "",
                                 lambda a: None if not a or lex.resolve_actor(a) else f"unknown partner {a!r}")
            lab = _ask_valid("  label", item.label,
                             lambda a: None if label_info(lex, a) else f"unknown label {a!r}")
            ev = _ask_valid("  event", item.event, lambda a: None if a in EVENTS else f"one of {', '.join(EVENTS)}")
            note = _ask("  note", default="")
            d = Decision(key=item.key, decision="correct", partner=partner or None, label=lab, event=ev,
                         note="" if note == "q" else note)
        decide(engine, d, lex=lex, reviewer=who)
        counts[d.decision] += 1
    done = ", ".join(f"{v} {k}" for k, v in counts.items() if v)
    err.print(f"reviewed {sum(counts.values()) - counts['skip']} of {len(items)} pending mentions" + (f" ({done})" if done else ""))


@review_app.command("export")
def review_export(
    output: Annotated[Path, typer.Option("--output", "-o", help="CSV file to write (UTF-8 with BOM, for Excel).")],
    db: DbOpt = None,
    country: CountryOpt = None,
    label: LabelOpt = None,
    event: EventOpt = None,
    only_pending: Annotated[bool, typer.Option("--pending", help="Only mentions nobody has reviewed.")] = False,
) -> None:
    """One row per mention, with empty decision/label/partner/event/note columns to fill in."""
    from termtrack.review import export_csv
    from termtrack.store import open_db

    lex = _lex()
    n = export_csv(open_db(db, create=False), output, _filters(lex, country, label, event, include_reviewed=not only_pending))
    err.print(f"wrote {n} mentions to {output}: fill in decision (accept, reject, correct) and, to correct, "
              "label/partner/event; then `termtrack review import`", soft_wrap=True, markup=False)


@review_app.command("import")
def review_import(
    path: Annotated[Path, typer.Argument(help="A CSV written by `review export`, edited.")],
    db: DbOpt = None,
    reviewer: ReviewerOpt = None,
) -> None:
    """Check every row, then store the decisions (all of them, or none on any error)."""
    from termtrack.review import import_csv
    from termtrack.store import open_db

    r = import_csv(open_db(db, create=False), path, lex=_lex(), reviewer=_reviewer(reviewer))
    err.print(f"{path}: {r.rows} rows, {r.stored} decisions stored, {r.skipped} without a decision")
    if r.replaced:
        by = ", ".join(f"{who or 'no name'} {n}" for who, n in r.replaced.most_common())
        err.print(f"{path}: replaced {r.replaced.total()} earlier decisions ({by}), {r.differing} of them different "
                  "(one decision is kept per mention: the last import's; identical ones stay credited to their "
                  "first reviewer)", markup=False, soft_wrap=True)
    for k, partner in r.repartnered:
        err.print(f"partner: {_where(k)} names {k.partner}, but the mention there is {partner or 'no partner'}'s: "
                  "decided for it (the machine's partner changed, or the cell was edited)", markup=False)
    for k, now in r.moved:
        err.print(f"moved: {_where(k)} applies to {now.start}–{now.end}{_who(now)} now (its span changed)", markup=False)
    for k in r.orphaned:
        err.print(f"orphaned: {_where(k)} has no mention now (kept, not applied)", markup=False)


def _who(k) -> str:
    return f" ({k.partner})" if k.partner else ""


def _where(k) -> str:
    """A decision's key as the sheet has it: statement, offsets and machine partner."""
    return f"{k.statement_id} {k.start}–{k.end}{_who(k)}"


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.1%}"


@review_app.command("stats")
def review_stats(
    db: DbOpt = None,
    fmt: ReportFormatOpt = ReportFormat.table,
) -> None:
    """Agreement between machine and reviewers; decisions that moved, changed or lost their mention."""
    from termtrack.review import stats
    from termtrack.store import open_db

    st = stats(open_db(db, create=False))
    if fmt == "json":
        def key(r):
            return {"statement_id": r.key.statement_id, "start": r.key.start, "end": r.key.end,
                    "machine_partner": r.key.partner, "decision": r.decision}

        sys.stdout.write(json.dumps({
            "mentions": st.mentions, "reviewed": st.reviewed, "pending": st.pending, "decisions": st.decisions,
            "accept_rate": st.accept_rate, "agreement": st.agreement, "event_kappa": st.event_kappa,
            "event_confusion": [{"machine": a, "reviewer": b, "n": n} for (a, b), n in sorted(st.event_confusion.items())],
            "changed": [key(r) for r in st.changed], "moved": [key(r) for r in st.moved],
            "orphaned": [key(r) for r in st.orphaned],
        }, ensure_ascii=False, indent=1) + "\n")
        return
    t = Table(title="Review: machine vs reviewer", show_header=False)
    t.add_row("mentions", str(st.mentions))
    t.add_row("reviewed", str(st.reviewed))
    t.add_row("pending", str(st.pending))
    t.add_row("decisions", ", ".join(f"{k} {v}" for k, v in st.decisions.items()))
    t.add_row("accept rate", _pct(st.accept_rate))
    for f, v in st.agreement.items():
        t.add_row(f"{f} agreement", _pct(v) + " (accepted and corrected)")
    t.add_row("event kappa", "—" if st.event_kappa is None else f"{st.event_kappa:.3f} (Cohen)")
    out.print(t)
    for what, rows in (("changed", st.changed), ("moved", st.moved), ("orphaned", st.orphaned)):
        for r in rows:
            out.print(f"{what}: {_where(r.key)}: {r.decision}", markup=False)


@lexicon_app.command("suggest")
def lexicon_suggest(
    db: DbOpt = None,
    min_count: Annotated[int, typer.Option("--min-count", help="Only phrases in at least N statements.")] = 2,
    top: Annotated[int, typer.Option("--top", min=0, help="Show at most this many (0: all).")] = 30,
    examples: Annotated[int, typer.Option("--examples", help="Example sentences per phrase.")] = 1,
    write: Annotated[Path | None, typer.Option("--write", help="Write draft lexicon entries (labels.yaml format) here.")] = None,
    fmt: ReportFormatOpt = ReportFormat.table,
) -> None:
    """Label-like phrases in the corpus that the lexicon does not list, most frequent first."""
    from termtrack.store import open_db
    from termtrack.suggest import draft_yaml, suggest

    lex = _lex()
    found = suggest(open_db(db, create=False), lex=lex, min_count=min_count)
    if write:
        with writing(write, "--write"):
            write.write_text(draft_yaml(found, lex=lex), encoding="utf-8")
        err.print(f"wrote {len(found)} draft entries to {write}")
    shown = found[:top] if top else found
    if fmt == "json":
        sys.stdout.write(json.dumps([s.as_dict(examples=examples) for s in shown], ensure_ascii=False, indent=1) + "\n")
        return
    if not shown:
        out.print("No unlisted label-like phrases found.")
        return
    t = Table(title=f"Label-like phrases the lexicon does not list ({len(found)} found)")
    for c in ("#", "phrase", "unexplained", "source", "lang", "statements", "partners", "example"):
        t.add_column(c, overflow="fold")
    for i, s in enumerate(shown, 1):
        ex = "\n".join(f"[{e.statement_id} {e.date}] {e.sentence}" for e in s.examples[:examples])
        t.add_row(str(i), s.phrase, s.modifier, s.source, s.lang, str(s.statements),
                  ", ".join(f"{p} {n}" for p, n in s.partners.most_common(3)), Text(ex))
    out.print(t)


@app.command()
def serve(
    db: DbOpt = None,
    port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1 (0: any free port).")] = 8765,
) -> None:
    """Browse timelines, upgrades and mentions in a local web page (127.0.0.1 only)."""
    from termtrack.serve import serve as run_serve
    from termtrack.store import open_db

    def ready(url: str) -> None:
        err.print(f"termtrack: serving {url} (Ctrl-C stops)")

    run_serve(open_db(db, create=False), lex=_lex(), port=port, ready=ready)
