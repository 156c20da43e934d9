"""The analysis notebook runs from a clean checkout, offline, and is kept free of outputs."""

from __future__ import annotations

import os

import nbformat
from conftest import REPO, SHARED

NOTEBOOK = REPO / "notebooks" / "partnership-timelines.ipynb"


def test_the_notebook_is_stored_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


def test_the_notebook_runs(tmp_path, monkeypatch):
    """Executed with nbclient on the venv's python3 kernel; the shared corpora too when they are there."""
    from nbclient import NotebookClient

    for name in [k for k in os.environ if k.startswith("TERMTRACK_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # the notebook's databases land in tmp_path
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, kernel_name="python3", timeout=900, allow_errors=False,
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    text = []
    images = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.output_type != "error", out
            text.append(out.get("text", "") + out.get("data", {}).get("text/plain", "") + out.get("data", {}).get("text/html", ""))
            images += "image/png" in out.get("data", {})
    shown = "\n".join(text)
    assert "2022-09-15" in shown and "全天候全面战略伙伴关系" in shown  # Belarus's upgrade
    assert "PAK" in shown and "RUS" in shown
    # sample: timelines and ladder; the MFA corpora (when beside the checkout): the same again
    assert images == (4 if (SHARED / "corpora").is_dir() else 2)


def test_a_copy_of_the_notebook_reads_the_team_database(tmp_path, monkeypatch):
    """A user's finding: a copy run outside the checkout died on a bare StopIteration, the notebook
    could not read the team's database, and its upgrades table hid ``dated_by``.  Here a copy in
    another folder finds the checkout by TERMTRACK_ROOT and reads TERMTRACK_DB as it is."""
    from nbclient import NotebookClient

    from termtrack.ingest import ingest
    from termtrack.store import MentionRow, open_db, session

    for name in [k for k in os.environ if k.startswith("TERMTRACK_")]:
        monkeypatch.delenv(name)
    team = f"sqlite:///{tmp_path / 'team.db'}"
    ingest([REPO / "data" / "sample"], db=team)
    with session(open_db(team, create=False)) as s:
        before = s.query(MentionRow).count()
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setenv("TERMTRACK_ROOT", str(REPO))
    monkeypatch.setenv("TERMTRACK_DB", team)
    elsewhere = tmp_path / "my-analysis"
    elsewhere.mkdir()
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, kernel_name="python3", timeout=900, allow_errors=False,
                   resources={"metadata": {"path": str(elsewhere)}}).execute()
    shown = "\n".join(out.get("text", "") + out.get("data", {}).get("text/plain", "")
                      for cell in nb.cells for out in cell.get("outputs", []))
    assert f"database: {team}" in shown and "dated_by" in shown
    assert "skipped" not in shown  # the second part read the team's database
    with session(open_db(team, create=False)) as s:
        assert s.query(MentionRow).count() == before  # read, not written
