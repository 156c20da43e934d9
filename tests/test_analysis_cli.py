"""compare, ladder, plot and --reviewed on the command line, over the sample corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE, assert_one_line_error, ok

from termtrack.ingest import ingest
from termtrack.lexicon import load_lexicon

ALL_WEATHER = "全天候全面战略伙伴关系"
CSP = "全面战略伙伴关系"
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> str:
    """The sample corpus, ingested once for the read-only commands of this module."""
    db = f"sqlite:///{tmp_path_factory.mktemp('analysis') / 'sample.db'}"
    ingest([SAMPLE], db=db, lexicon=load_lexicon())
    return db


@pytest.fixture
def run_entry(tmp_path, hermetic):
    """The console entry point (termtrack.cli:main) in a subprocess, like ``termtrack ARGS``.

    Not ``python -m termtrack.cli``: run as __main__, that module is a second copy of cli.py, and
    the commands cli_analysis registers on termtrack.cli.app are not on it.
    """

    def run(*args, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        full = {k: v for k, v in os.environ.items() if not k.startswith("TERMTRACK_")}
        full.update({"COLUMNS": "80", "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1", **(env or {})})
        return subprocess.run([sys.executable, "-c", "from termtrack.cli import main; main()", *map(str, args)],
                              capture_output=True, text=True, encoding="utf-8", env=full, cwd=tmp_path, timeout=300,
                              check=False)

    return run


def run_json(run_cli, *args) -> list[dict]:
    res = run_cli(*args, "--format", "json")
    ok(res)
    return json.loads(res.stdout)


# ---------------------------------------------------------------------------- compare
def test_compare_by_year(sample, run_cli):
    rows = run_json(run_cli, "compare", "Belarus", "Pakistan", "RUS", "--db", sample)
    by = {(r["partner"], r["year"]): r for r in rows}
    assert {r["partner"] for r in rows} == {"BLR", "PAK", "RUS"}
    years = sorted({r["year"] for r in rows})
    assert years == list(range(years[0], years[-1] + 1)) and len(rows) == 3 * len(years)
    assert by[("BLR", 2021)]["label"] == CSP and by[("BLR", 2022)]["label"] == ALL_WEATHER
    assert by[("BLR", 2022)]["changes"] == [f"upgrade 2022-09-15 {ALL_WEATHER}"]
    assert by[("BLR", 2023)]["changes"] == [] and by[("BLR", 2023)]["since"] == "2022-09-15"
    assert all(r["statement_id"] for r in rows if r["label"])  # every label cites a statement


def test_compare_table_folds_quiet_years(sample, run_cli):
    res = run_cli("compare", "Belarus", "Pakistan", "Russia", "--db", sample)
    ok(res)
    assert "Belarus (BLR)" in res.stdout and "Pakistan (PAK)" in res.stdout and "▲ 2022-09-15 upgrade" in res.stdout
    assert "–" in res.stdout  # a range of years in which nothing changed is one row


def test_compare_by_period_is_the_histories_side_by_side(sample, run_cli):
    rows = run_json(run_cli, "compare", "Belarus", "Russia", "--by", "period", "--db", sample)
    want = [*run_json(run_cli, "history", "Belarus", "--db", sample), *run_json(run_cli, "history", "Russia", "--db", sample)]
    assert rows == want


def test_compare_csv(sample, run_cli):
    res = run_cli("compare", "BLR", "PAK", "--db", sample, "--format", "csv")
    ok(res)
    header = res.stdout.splitlines()[0].split(",")
    assert header[:3] == ["year", "partner", "partner_name"]


# ---------------------------------------------------------------------------- ladder
def test_ladder_counts_partners_per_rung(sample, run_cli):
    rows = run_json(run_cli, "ladder", "--db", sample)
    lex = load_lexicon()
    top = lex.rank("all_weather_comprehensive", "ladder")
    held = {(r["year"], r["rank"]): r for r in rows}
    assert "BLR" in held[(2023, top)]["holders"] and "BLR" not in held[(2021, top)]["holders"]
    for r in rows:
        assert r["partners"] == len(r["holders"]) and r["ranking"] == "ladder"
    asof = run_json(run_cli, "asof", "2023-12-31", "--db", sample)
    assert sum(r["partners"] for r in rows if r["year"] == 2023) == len(asof)


def test_ladder_under_another_ranking_and_as_a_table(sample, run_cli):
    rows = run_json(run_cli, "ladder", "--ranking", "piie-2014", "--db", sample)
    assert {r["rank"] for r in rows} <= set(load_lexicon().rankings["piie-2014"].ranks.values())
    res = run_cli("ladder", "--db", sample, "--since", "2015", "--until", "2020")
    ok(res)
    assert "2015" in res.stdout and "2020" in res.stdout and "2021" not in res.stdout


# ---------------------------------------------------------------------------- plot
@pytest.mark.parametrize("args,name", [(("Belarus", "Pakistan", "Russia"), "t.png"), (("--ladder",), "l.png"),
                                       (("BLR",), "t.svg")])
def test_plot_writes_the_file(sample, run_cli, tmp_path, args, name):
    path = tmp_path / name
    res = run_cli("plot", *args, "-o", path, "--db", sample)
    ok(res)
    assert str(path) in res.stderr and res.stdout == ""
    data = path.read_bytes()
    assert data.startswith(PNG) if name.endswith(".png") else b"<svg" in data[:2000]


@pytest.mark.parametrize("args,words", [((), "--ladder"), (("BLR", "--ladder"), "--ladder"), (("BLR", "-o", "t.eps"), ".png, .svg or .pdf"),
                                        (("Narnia",), "Narnia")])
def test_plot_errors_are_one_line(sample, run_entry, args, words):
    proc = run_entry("plot", *args, "--db", sample)
    assert words in assert_one_line_error(proc)


def test_plot_without_matplotlib_is_a_one_line_error(sample, run_entry, tmp_path):
    shadow = tmp_path / "shadow" / "matplotlib"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('matplotlib is not installed')\n", encoding="utf-8")
    proc = run_entry("plot", "BLR", "-o", tmp_path / "t.png", "--db", sample, env={"PYTHONPATH": str(shadow.parent)})
    assert "termtrack[plot]" in assert_one_line_error(proc)
    assert not (tmp_path / "t.png").exists()


# ---------------------------------------------------------------------------- windows and --reviewed
def test_history_since_until_select_a_window(sample, run_cli):
    labels = lambda *a: [p["label_zh"] for p in run_json(run_cli, "history", "Belarus", "--db", sample, *a)]  # noqa: E731
    assert labels() == [CSP, ALL_WEATHER]
    assert labels("--since", "2023") == [ALL_WEATHER]
    assert labels("--until", "2020") == [CSP]
    assert labels("--since", "2022-01", "--until", "2022-12") == [CSP, ALL_WEATHER]


@pytest.mark.parametrize("command", [("history", "Belarus"), ("upgrades",), ("asof", "2023-12-31"),
                                     ("compare", "BLR", "PAK"), ("ladder",)])
def test_reviewed_without_reviews_leaves_nothing(sample, run_cli, command):
    """--reviewed keeps only mentions a reviewer accepted or corrected: none yet."""
    assert run_json(run_cli, *command, "--reviewed", "--db", sample) == []
    assert run_json(run_cli, *command, "--db", sample)  # and without it, there is something


def test_reviewed_export_and_plot(sample, run_cli, tmp_path):
    res = run_cli("export", "timeline", "-o", tmp_path / "t.csv", "--reviewed", "--db", sample)
    ok(res)
    assert "wrote 0 rows" in res.stderr
    ok(run_cli("plot", "BLR", "-o", tmp_path / "t.png", "--reviewed", "--db", sample))


# ---------------------------------------------------------------------------- both backends
def test_analysis_commands_on_each_backend(db_url, run_cli, tmp_path):
    ok(run_cli("ingest", SAMPLE, "--db", db_url, "--quiet"))
    rows = run_json(run_cli, "compare", "BLR", "PAK", "--db", db_url)
    assert any(r["changes"] == [f"upgrade 2022-09-15 {ALL_WEATHER}"] for r in rows)
    assert run_json(run_cli, "ladder", "--db", db_url)
    ok(run_cli("plot", "--ladder", "-o", tmp_path / "l.png", "--db", db_url))
    assert Path(tmp_path / "l.png").read_bytes().startswith(PNG)
    asof = run_json(run_cli, "asof", "2019-12-31", "--db", db_url)
    assert asof and all(r["statement_id"] and r["first_statement_date"] and r["sentence"] for r in asof)
    assert all(r["first_statement_date"] <= r["last_statement_date"] for r in asof)
