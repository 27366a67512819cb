"""corroborator: compare how news outlets report the same story.

The library API; the `corroborator` command is a thin layer over these functions.
"""

from __future__ import annotations

__version__ = "0.1.0"

from corroborator.errors import CorroboratorError, FetchError, InputError, NotFoundError, StoreError
from corroborator.ingest import ingest, ingest_drafts
from corroborator.models import Article, ArticleDraft, IngestReport, IngestResult, Status
from corroborator.settings import Settings
from corroborator.store import SQLiteStore, Store, open_store

__all__ = [
    "Article",
    "ArticleDraft",
    "CorroboratorError",
    "FetchError",
    "IngestReport",
    "IngestResult",
    "InputError",
    "NotFoundError",
    "SQLiteStore",
    "Settings",
    "Status",
    "Store",
    "StoreError",
    "__version__",
    "ingest",
    "ingest_drafts",
    "open_store",
]
