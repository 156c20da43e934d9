"""Charts: step timelines and the ladder, drawn headless, in English (no tofu), PNG or SVG."""

from __future__ import annotations

import re
import sys

import pytest
from test_timeline import AW, CSP, SCP, fact

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
