"""Researcher workflow commands (review, lexicon suggest, serve): registered by termtrack.cli."""

from __future__ import annotations
