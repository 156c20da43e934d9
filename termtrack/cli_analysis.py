"""Analysis commands (compare, ladder, plot): registered on the main app by termtrack.cli."""

from __future__ import annotations
