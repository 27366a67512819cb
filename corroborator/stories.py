"""Near-duplicate flags and online story clustering (placeholder until the stage lands)."""

from __future__ import annotations

from collections.abc import Sequence

from corroborator.settings import Settings
from corroborator.store import SQLiteStore


def group_articles(store: SQLiteStore, article_ids: Sequence[int], settings: Settings) -> None:
    """Flag near-duplicates among and assign stories to newly stored articles."""
