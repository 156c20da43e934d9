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
