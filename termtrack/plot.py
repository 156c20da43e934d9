"""Charts for papers: step timelines per partner and the ladder over time (matplotlib, no display).

Figures are built with matplotlib's object API on the Agg canvas, so nothing touches the global
backend (a notebook keeps its own) and no display is needed.  Labels are drawn in English (the
lexicon's renderings), so no CJK font is needed and nothing turns into empty boxes.  matplotlib
is an optional dependency: ``pip install 'termtrack[plot]'``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import termtrack
from termtrack.errors import TermtrackError
from termtrack.lexicon import Lexicon
from termtrack.timeline import Ladder, Period, Timeline, change_kind, tier_names

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

FORMATS = (".png", ".svg", ".pdf")  # PDF: what a journal takes for a figure
CHANGE_STYLE = {  # marker, colour, legend text
    "first": ("o", "#555555", "first seen"),
    "upgrade": ("^", "#1a7f37", "upgrade"),
    "downgrade": ("v", "#cf222e", "downgrade"),
    "renaming": ("D", "#bf8700", "renaming (same rank)"),
}
PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"]


def _figure_class():
    """matplotlib's Figure, or a one-line error when matplotlib is not installed."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: F401
        from matplotlib.figure import Figure
    except ImportError:
        raise TermtrackError("plotting needs matplotlib: pip install 'termtrack[plot]'") from None
    return Figure


def _short(lex: Lexicon, p: Period) -> str:
    """The English label without the word "partnership" ("strategic coordination")."""
    en = lex.label_en(p.label_zh, p.label) or p.label_zh
    return en.replace(" partnership of ", " ").replace(" partnership", "").strip() or en


def _name(lex: Lexicon, code: str) -> str:
    a = lex.actor(code)
    return a.en_names[0] if a and a.en_names else code


def _day(d) -> date:
    return d.first_day()


class _Note(NamedTuple):
    day: date
    y: float
    texts: tuple[str, ...]  # the full note first, then shorter ones for a crowded place
    colour: str
    leftwards: bool  # late in the window: written leftwards first


def _hits(box, others) -> int:
    """How many of the others (boxes in display units) this box overlaps."""
    return sum(box.x0 < o.x1 and o.x0 < box.x1 and box.y0 < o.y1 and o.y0 < box.y1 for o in others)


def _first_free(options, budget: int = 5000):
    """The first choice of places, in the notes' order of preference, where no box overlaps another
    or hides a marker or the line (a depth-first search; None if there is none, or none found soon)."""
    chosen, taken, steps = [], [], 0

    def search(i: int) -> bool:
        nonlocal steps
        if i == len(options):
            return True
        for where, box, hidden, crossed in options[i]:
            steps += 1
            if steps > budget:
                return False
            if hidden or crossed or _hits(box, taken):
                continue
            chosen.append(where), taken.append(box)
            if search(i + 1):
                return True
            chosen.pop(), taken.pop()
        return False

    return chosen if search(0) else None


def _fewest_overlaps(options):
    """Note by note, the place with the fewest overlaps with the boxes placed before it, the markers
    and the panel's edge, then with the line (then the most preferred)."""
    chosen, taken = [], []
    for mine in options:
        _, k = min(((_hits(box, taken) + hidden, crossed), k) for k, (_, box, hidden, crossed) in enumerate(mine))
        chosen.append(mine[k][0])
        taken.append(mine[k][1])
    return chosen


def _notes_placer(ax, notes: Sequence[_Note], corners: Sequence[tuple[date, float]]):
    """Annotate each change where its box hides no other box, no marker and no part of the step line.

    A deterministic rule, applied each time the panel is drawn, measured with that draw's renderer
    in that layout (so at any panel width, size, resolution or format).  Each note has its places in
    order of preference: beside the marker on its preferred side (rightwards, or leftwards late in
    the window), then the other side, then centred over or under it, each above before below; the
    full note first, then without its other dates, then only the date and kind.  A place is free
    when its box (a small gap added) stays in the panel and overlaps no other note's box, no
    change's marker and no run of the step line.  The notes take the first choice, in date order
    and each note's order of preference, where every place is free, with every note in full if
    there is one, else with notes shortened as far as needed; when there is none, each note
    in turn takes its place with the fewest overlaps (boxes, markers and leaving the panel before
    the line).  Returns the artist that does it (drawn before the notes, zorder 3.5)."""
    import matplotlib.dates as mdates
    from matplotlib.artist import Artist
    from matplotlib.transforms import Bbox

    anns = []
    for note in notes:
        ann = ax.annotate(note.texts[0], (note.day, note.y), xytext=(0, 0), textcoords="offset points", fontsize=7.5,
                          color="#222222", zorder=4, linespacing=1.1, annotation_clip=False,
                          bbox={"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": note.colour,
                                "linewidth": 0.6, "alpha": 0.9})
        ann.set_in_layout(False)  # placed in the layout, not moving it
        anns.append(ann)

    def place(renderer) -> None:
        px = renderer.points_to_pixels(1.0)
        pts = [ax.transData.transform((mdates.date2num(d), y)) for d, y in corners]
        half = 1.6 * px  # half the step line's width, and a hair
        runs = []  # the step line (and its dotted tail) as thin boxes
        for (xa, ya), (xb, yb) in zip(pts, pts[1:], strict=False):
            runs.append(Bbox([[min(xa, xb) - half, ya - half], [max(xa, xb) + half, ya + half]]))
            if yb != ya:
                runs.append(Bbox([[xb - half, min(ya, yb) - half], [xb + half, max(ya, yb) + half]]))
        anchors = [ax.transData.transform((mdates.date2num(n.day), n.y)) for n in notes]
        markers = [Bbox.from_bounds(x - 5 * px, y - 5 * px, 10 * px, 10 * px) for x, y in anchors]
        frame = ax.get_window_extent(renderer)
        pad, gap = 0.25 * 7.5 * px, 1.5 * px  # the box's pad (0.25 em) round the text; a gap kept to the others

        def put(ann, text: str, side: str, up: bool) -> Bbox:
            ann.set_text(text)
            ann.xyann = ({"left": 8, "right": -8, "center": 0}[side], 9 if up else -9)
            ann.set_horizontalalignment(side)
            ann.set_verticalalignment("bottom" if up else "top")
            return ann.get_window_extent(renderer).padded(pad)

        options = []  # per note: each place, its box, and how much it hides of the rest (the other boxes aside)
        for i, (note, ann) in enumerate(zip(notes, anns, strict=True)):
            sides = ("right", "left") if note.leftwards else ("left", "right")
            places = [(text, side, up) for text in note.texts for side in (*sides, "center") for up in (True, False)]
            mine = []
            for where in places:
                drawn = put(ann, *where)
                outside = not (frame.x0 <= drawn.x0 and drawn.x1 <= frame.x1 and frame.y0 <= drawn.y0 and drawn.y1 <= frame.y1)
                box = drawn.padded(gap)
                mine.append((where, box, _hits(box, markers[:i] + markers[i + 1:]) + outside, _hits(box, runs)))
            options.append(mine)
        chosen = None
        for cut in range(1, 4):  # the full notes if they all find room; shortened only when they do not
            chosen = chosen or _first_free([[o for o in mine if o[0][0] in note.texts[:cut]]
                                            for note, mine in zip(notes, options, strict=True)])
        chosen = chosen or _fewest_overlaps(options)
        for ann, where in zip(anns, chosen, strict=True):
            put(ann, *where)

    class _Placer(Artist):
        zorder = 3.5  # after the line and markers are known, before the notes are drawn

        def draw(self, renderer) -> None:
            place(renderer)

    placer = _Placer()
    placer.set_in_layout(False)
    return ax.add_artist(placer)


def timeline_figure(timelines: Mapping[str, Timeline] | Sequence[Timeline], *, lex: Lexicon,
                    ranking: str | None = None, title: str | None = None,
                    since: date | None = None, until: date | None = None) -> Figure:
    """One panel per partner, the rung held over time as a step line; every change marked and dated.

    ``since``/``until`` set the time axis (a label in force since before ``since`` enters from the
    left edge; changes outside are not drawn)."""
    Figure = _figure_class()
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D

    tls = list(timelines.values()) if isinstance(timelines, Mapping) else list(timelines)
    ranking = ranking or (tls[0].ranking if tls else lex.default_ranking)
    names = tier_names(lex, ranking)
    used = sorted({p.rank for tl in tls for p in tl.periods if p.rank is not None})
    level = {r: i for i, r in enumerate(used)}  # rungs evenly spaced: a ranking is an order, not a scale
    starts = [_day(p.start) for tl in tls for p in tl.periods]
    lasts = [_day(tl.last_statement) for tl in tls if tl.last_statement] + starts
    x0 = min(starts, default=date(2000, 1, 1)) - timedelta(days=400)
    x1 = max(lasts, default=date.today()) + timedelta(days=500)
    x0, x1 = since or x0, until or x1
    n = max(len(tls), 1)
    fig = Figure(figsize=(12, 1.4 + 2.6 * n), layout="constrained")
    axes = fig.subplots(n, 1, sharex=True, sharey=True, squeeze=False)[:, 0]
    for i, (ax, tl) in enumerate(zip(axes, tls, strict=False)):
        colour = PALETTE[i % len(PALETTE)]
        ranked = [p for p in tl.periods if p.rank is not None]
        ax.set_title(f"China – {_name(lex, tl.partner)} ({tl.partner})", loc="left", fontsize=11, fontweight="bold")
        ax.grid(axis="y", color="#dddddd", linewidth=0.8)
        ax.grid(axis="x", color="#eeeeee", linewidth=0.6)
        if not ranked:
            ax.text(0.5, 0.5, "no ranked label found", transform=ax.transAxes, ha="center", va="center", color="#777777")
            continue
        end = _day(tl.last_statement) if tl.last_statement else x1
        xs = [_day(p.start) for p in ranked] + [max(end, _day(ranked[-1].start))]
        ys = [level[p.rank] for p in ranked] + [level[ranked[-1].rank]]
        ax.step(xs, ys, where="post", color=colour, linewidth=2.4, solid_capstyle="butt", zorder=2)
        ax.plot([xs[-1], x1], [ys[-1], ys[-1]], color=colour, linewidth=1.2, linestyle=":", zorder=1)
        span = (x1 - x0).days or 1
        notes = []
        for p in ranked:
            marker, mcolour, _ = CHANGE_STYLE.get(p.change, CHANGE_STYLE["first"])
            day = _day(p.start)
            if not x0 <= day <= x1:
                continue  # a change outside the window asked for: the step line alone shows the label
            ax.plot([day], [level[p.rank]], marker=marker, color=mcolour, markersize=9, markeredgecolor="white", zorder=3)
            head = f"{p.start.iso()}  {change_kind(p)}"
            text = labelled = head + "\n" + textwrap.fill(_short(lex, p), 34, break_on_hyphens=False)
            if p.ref_date is not None and p.ref_date != p.start:
                text += f"\n(a text dates it {p.ref_date.iso()})"
            if p.first_statement != p.start:
                text += f"\n(first statement {p.first_statement.iso()})"
            texts = tuple(dict.fromkeys((text, labelled, head)))  # the full note, without its other dates, date and kind
            notes.append(_Note(day, level[p.rank], texts, mcolour, (day - x0).days / span > 0.62))
        _notes_placer(ax, notes, list(zip(xs, ys, strict=True)) + [(x1, ys[-1])])  # placed when drawn
    axes[0].set_xlim(x0, x1)
    if used:
        axes[0].set_yticks(range(len(used)), [textwrap.fill(names.get(r, f"rank {r:g}"), 44, break_on_hyphens=False) for r in used])
        axes[0].set_ylim(-1.2, len(used) - 1 + 1.2)  # room for the notes above and below
    for ax in axes:
        ax.tick_params(axis="y", labelsize=7.5)
        ax.tick_params(axis="x", labelsize=8)
    years = (x1 - x0).days / 365
    axes[-1].xaxis.set_major_locator(mdates.YearLocator(base=1 if years <= 12 else 2 if years <= 24 else 5))
    axes[-1].xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    handles = [Line2D([], [], marker=m, color=c, linestyle="", markersize=8, label=t) for m, c, t in CHANGE_STYLE.values()]
    handles.append(Line2D([], [], color="#555555", linestyle=":", label="after the last statement seen"))
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), fontsize=8, frameon=False)
    fig.suptitle(title or f"China's partnership labels over time (ranking: {ranking})", fontsize=13)
    fig.supylabel("rung under the ranking (low → high)", fontsize=9)
    return fig


def ladder_figure(ladder: Ladder, *, title: str | None = None) -> Figure:
    """Stacked bars: per year, how many partners hold each rung of the ranking."""
    Figure = _figure_class()
    from matplotlib import colormaps

    fig = Figure(figsize=(11, 6), layout="constrained")
    ax = fig.subplots()
    levels = list(ladder.levels)
    cmap = colormaps["turbo"]  # ordered low → high, and neighbours stay distinguishable
    bottom = [0] * len(ladder.years)
    for k, rank in enumerate(levels):
        counts = [ladder.count(y, rank) for y in ladder.years]
        colour = cmap(0.08 + 0.84 * k / max(len(levels) - 1, 1))
        ax.bar(ladder.years, counts, bottom=bottom, color=colour, width=0.8, label=textwrap.fill(ladder.levels[rank], 40, break_on_hyphens=False),
               edgecolor="white", linewidth=0.4)
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], labels[::-1], title="rung (high → low)", loc="upper left", bbox_to_anchor=(1.01, 1),
              fontsize=8, title_fontsize=9, frameon=False)
    ax.set_xlabel("year (label in force on 31 December; a partner counts from the start of its first label)")
    ax.set_ylabel("partners")
    if ladder.years:
        step = 1 if len(ladder.years) <= 16 else 2 if len(ladder.years) <= 32 else 5
        ax.set_xticks([y for y in ladder.years if y % step == 0] or ladder.years[:1])
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    fig.suptitle(title or f"How many partners hold each rung of China's partnership ladder (ranking: {ladder.ranking})",
                 fontsize=12)
    return fig


def _check_suffix(path: Path) -> None:
    if path.suffix.lower() not in FORMATS:
        raise TermtrackError(f"{path}: cannot tell the format from the suffix (use .png, .svg or .pdf)")


def save(fig: Figure, path: str | Path, *, lex: Lexicon | None = None) -> Path:
    """Write a figure as PNG, SVG or PDF (by suffix), with a provenance line.

    PDF embeds TrueType fonts (Type 42), not matplotlib's default Type 3, which journals' figure
    checks refuse and drawing programs cannot edit."""
    path = Path(path)
    _check_suffix(path)
    note = f"termtrack {termtrack.__version__}" + (f", lexicon {lex.version} ({lex.hash[:12]})" if lex else "")
    fig.text(0.99, 1.0, note, ha="right", va="bottom", fontsize=7, color="#777777")  # above the title
    import matplotlib

    try:
        with matplotlib.rc_context({"pdf.fonttype": 42}):
            fig.savefig(path, dpi=150, bbox_inches="tight", pad_inches=0.15)
    except OSError as exc:
        raise TermtrackError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return path


def plot_partners(engine, codes: Sequence[str], output: str | Path, *, lex: Lexicon, ranking: str | None = None,
                  reviewed: bool = False, since: date | None = None, until: date | None = None) -> Path:
    """Draw the step timelines of these partners (the labels in force between since and until) into a file."""
    from termtrack.timeline_cache import timelines

    _figure_class()
    _check_suffix(Path(output))
    ranking = ranking or lex.default_ranking
    tls = {c: tl.window(since=since, until=until)
           for c, tl in timelines(engine, lex=lex, ranking=ranking, reviewed=reviewed, partners=list(codes), evidence=1).items()}
    suffix = "; reviewed mentions only" if reviewed else ""
    return save(timeline_figure(tls, lex=lex, ranking=ranking, since=since, until=until,
                                title=f"China's partnership labels over time (ranking: {ranking}{suffix})"), output, lex=lex)


def plot_ladder(engine, output: str | Path, *, lex: Lexicon, ranking: str | None = None, reviewed: bool = False,
                since: date | None = None, until: date | None = None) -> Path:
    """Draw the ladder over time into a PNG, SVG or PDF file."""
    from termtrack.timeline import ladder

    _figure_class()
    _check_suffix(Path(output))
    return save(ladder_figure(ladder(engine, lex=lex, ranking=ranking, reviewed=reviewed, since=since, until=until)),
                output, lex=lex)
