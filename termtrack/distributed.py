"""Ingest on a Dask cluster: matching runs on the cluster's workers, writes go to one database."""

from __future__ import annotations

from termtrack.errors import TermtrackError


def ingest_dask(paths, **kwargs):
    raise TermtrackError("--engine dask is not available yet")
