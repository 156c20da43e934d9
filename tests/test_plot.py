"""Charts: step timelines and the ladder, drawn headless, in English (no tofu), PNG or SVG."""

from __future__ import annotations

import re
import sys

import pytest
from test_timeline import AW, CSCP, CSP, SCP, SP, fact

from termtrack.errors import TermtrackError
from termtrack.lexicon import load_lexicon
from termtrack.plot import ladder_figure, save, timeline_figure
from termtrack.timeline import Ladder, build_timeline, tier_names


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


@pytest.fixture(scope="module")
def tls(lex):
    pak = build_timeline([fact("a", "2005-04-06", SCP, event="upgrade"), fact("b", "2016-03-01", AW, event="upgrade",
                                                                              ref="2015-04-20")], lex=lex, partner="PAK")
    blr = build_timeline([fact("c", "2013-07-16", CSP, partner="BLR")], lex=lex, partner="BLR")
    return {"PAK": pak, "BLR": blr}


def texts(fig) -> list[str]:
    out = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        out += [ax.get_title(loc="left"), *(t.get_text() for t in ax.texts)]
        out += [t.get_text() for t in ax.get_yticklabels()]
    return [t for t in out if t]


def test_timeline_figure_marks_and_dates_every_change(lex, tls):
    fig = timeline_figure(tls, lex=lex, ranking="ladder")
    assert len(fig.axes) == 2
    shown = "\n".join(texts(fig))
    assert "China – Pakistan (PAK)" in shown and "China – Belarus (BLR)" in shown
    assert "2015-04-20  upgrade" in shown and "first statement 2016-03-01" in shown  # both dates of a dated upgrade
    assert "all-weather strategic cooperative" in shown
    assert not re.search(r"[\u2e80-\u9fff]", shown)  # no CJK: nothing for a missing font to draw as boxes
    names = tier_names(lex, "ladder")
    ticks = [t.get_text().replace("\n", " ") for t in fig.axes[0].get_yticklabels()]
    assert ticks == [names[lex.rank(t, "ladder")] for t in ("strategic_cooperative", "csp", "all_weather")]
    assert fig.legends and {t.get_text() for t in fig.legends[0].get_texts()} >= {"upgrade", "downgrade", "first seen"}


def test_ladder_figure(lex):
    lad = Ladder(ranking="ladder", levels={4.0: "comprehensive strategic", 7.0: "all-weather"}, years=[2019, 2020],
                 holders={(2019, 4.0): ["BLR", "PAK"], (2020, 4.0): ["BLR"], (2020, 7.0): ["PAK"]})
    fig = ladder_figure(lad)
    ax = fig.axes[0]
    heights = sorted(round(p.get_height()) for p in ax.patches)
    assert heights == [0, 1, 1, 2]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["all-weather", "comprehensive strategic"]


@pytest.mark.parametrize("suffix,magic", [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")])
def test_save_png_svg_and_pdf(lex, tls, tmp_path, suffix, magic):
    """PDF too (a user's finding: refused, though it is what a journal takes), with TrueType fonts."""
    path = save(timeline_figure(tls, lex=lex), tmp_path / f"t{suffix}", lex=lex)
    data = path.read_bytes()
    assert data.startswith(magic)
    if suffix == ".pdf":
        assert b"/Subtype /CIDFontType2" in data and b"/Subtype /Type3" not in data  # (Type 42: TrueType in a CID font)


def test_save_refuses_an_unknown_suffix(lex, tls, tmp_path):
    with pytest.raises(TermtrackError, match=r"\.png, \.svg or \.pdf"):
        save(timeline_figure(tls, lex=lex), tmp_path / "t.eps")


def test_an_empty_timeline_still_draws(lex, tmp_path):
    empty = build_timeline([], lex=lex, partner="XXX")
    save(timeline_figure({"XXX": empty}, lex=lex), tmp_path / "e.png")


def test_without_matplotlib_a_one_line_error(lex, tls, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)  # import fails as if not installed
    with pytest.raises(TermtrackError, match=r"pip install 'termtrack\[plot\]'"):
        timeline_figure(tls, lex=lex)


def test_no_global_backend_is_touched(lex, tls):
    """Figures are drawn on their own canvas: a notebook's pyplot backend is left alone."""
    before = sys.modules.get("matplotlib.pyplot")
    timeline_figure(tls, lex=lex)
    assert sys.modules.get("matplotlib.pyplot") is before


def test_since_and_until_set_the_time_axis(lex, tls):
    """`plot … --since 2016` drew from 1995 to 2021 (the ladder plot already kept to the window)."""
    from datetime import date

    import matplotlib.dates as mdates

    fig = timeline_figure(tls, lex=lex, ranking="ladder", since=date(2014, 1, 1), until=date(2018, 12, 31))
    lo, hi = (mdates.num2date(x).date() for x in fig.axes[0].get_xlim())
    assert (lo, hi) == (date(2014, 1, 1), date(2018, 12, 31))
    shown = "\n".join(texts(fig))
    assert "2015-04-20  upgrade" in shown and "2005-04-06" not in shown  # changes outside are not annotated


def step_runs(ax):
    """The step line's horizontal and vertical runs, in display coordinates (steps-post: along, then up or down)."""
    pts = ax.transData.transform(ax.lines[0].get_xydata())
    runs = []
    for (xa, ya), (xb, yb) in zip(pts, pts[1:], strict=False):
        runs += [((xa, ya), (xb, ya)), ((xb, ya), (xb, yb))]
    return runs


def crosses(box, run) -> bool:
    (xa, ya), (xb, yb) = run
    return box.x0 < max(xa, xb) and min(xa, xb) < box.x1 and box.y0 < max(ya, yb) and min(ya, yb) < box.y1


CLOSE = {  # the Philippines as in the MFA corpora: first seen 2016-10-12, upgraded 2018-11 (one rung up)
    "two": [fact("a", "2016-10-12", SP, partner="PHL"),
            fact("b", "2018-11-22", SCP, event="upgrade", ref="2018-11", partner="PHL")],
    "three": [fact("a", "2016-10-12", SCP, partner="PHL"), fact("b", "2017-08-01", CSP, event="upgrade", partner="PHL"),
              fact("c", "2018-11-22", AW, event="upgrade", ref="2018-11", partner="PHL")],
}


@pytest.mark.parametrize("case,since,width", [("two", None, 12), ("two", "1950-01-01", 12), ("three", "1950-01-01", 12),
                                              ("three", None, 6.5)])
def test_close_changes_do_not_hide_each_other_or_the_line(lex, case, since, width):
    """A user's finding: the Philippines' "2018-11 upgrade" box hid the "2016-10-12 first" box and the line between
    (rungs shared with a partner higher up bring them close; a wide window, since 1950, or a narrow figure closer still).
    Placed when drawn, so a figure resized (as in a notebook) is placed again."""
    from datetime import date

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    phl = build_timeline(CLOSE[case], lex=lex, partner="PHL")
    pak = build_timeline([fact("c", "1996-04-06", CSP), fact("d", "2005-04-06", CSCP, event="upgrade"),
                          fact("e", "2015-04-20", AW, event="upgrade")], lex=lex, partner="PAK")
    assert [p.change for p in phl.periods] == ["first"] + ["upgrade"] * (len(CLOSE[case]) - 1)
    fig = timeline_figure({"PAK": pak, "PHL": phl}, lex=lex, ranking="ladder",
                          since=since and date.fromisoformat(since))
    fig.set_size_inches(width, fig.get_figheight())
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw_without_rendering()
    for ax in fig.axes:
        notes = [t for t in ax.texts if t.get_text()]
        assert len(notes) == (len(CLOSE[case]) if ax is fig.axes[1] else 3)
        boxes = [t.get_window_extent(renderer) for t in notes]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not a.overlaps(b), [t.get_text() for t in notes]
        for t in notes:  # the box drawn round the text, too, leaves the step line alone
            patch = t.get_bbox_patch().get_window_extent(renderer)
            assert not any(crosses(patch, run) for run in step_runs(ax)), t.get_text()
