"""Ingest: sources -> drafts -> store, one result per item, the batch going on past bad items.

Drafts are produced (fetched, decoded, extracted) outside any transaction; each chunk of drafts is
then written in one transaction together with its grouping into stories, so a killed ingest
leaves either a whole chunk or nothing, and re-running it stores only what is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import islice
from typing import TypeVar

from corroborator.errors import InputError
from corroborator.fetching import Fetcher
from corroborator.models import ArticleDraft, IngestReport, IngestResult, Status
from corroborator.settings import Settings
from corroborator.sources import Item, SourceExpander
from corroborator.store import Store

T = TypeVar("T")
ResultCallback = Callable[[IngestResult], None]


def ingest(
    store: Store,
    sources: Iterable[str],
    settings: Settings | None = None,
    *,
    feeds: Iterable[str] = (),
    outlet: str | None = None,
    on_result: ResultCallback | None = None,
) -> IngestReport:
    """Ingest every article the sources name; report each item's outcome in input order.

    `outlet` overrides the detected outlet of every article (for a folder of one outlet's files).
    `on_result` is called as each item finishes, for progress display.
    """
    settings = settings or Settings()
    report = IngestReport()
    with Fetcher(settings) as fetcher:
        items = SourceExpander(settings, fetcher).expand(sources, feeds)
        for chunk in _chunks(items, settings.batch_size):
            loaded = [_load(item, outlet) for item in chunk]
            for result in _store_chunk(store, loaded, settings):
                report.results.append(result)
                if on_result:
                    on_result(result)
    return report


def ingest_drafts(
    store: Store, drafts: Iterable[ArticleDraft], settings: Settings | None = None
) -> IngestReport:
    """Store drafts built in Python (an evaluation set, another tool's output) like any source."""
    settings = settings or Settings()
    report = IngestReport()
    for chunk in _chunks(drafts, settings.batch_size):
        report.results.extend(_store_chunk(store, [(d.origin, d) for d in chunk], settings))
    return report


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, max(size, 1))):
        yield chunk


def _load(item: Item, outlet: str | None) -> tuple[str, ArticleDraft | InputError]:
    try:
        draft = item.load()
    except InputError as error:
        return item.label, error
    except (OSError, ValueError, RecursionError) as exc:  # extractor or parser crash on odd input
        return item.label, InputError(f"could not read it: {type(exc).__name__}: {exc}")
    return item.label, replace(draft, outlet=outlet) if outlet else draft


def _store_chunk(
    store: Store, loaded: list[tuple[str, ArticleDraft | InputError]], settings: Settings
) -> list[IngestResult]:
    """Write a chunk's drafts and group the new ones, all in one transaction."""
    results: list[IngestResult] = []
    with store.transaction():
        for label, draft in loaded:
            results.append(_store_one(store, label, draft))
        new_ids = [r.article_id for r in results if r.status is Status.STORED and r.article_id]
        if settings.group and new_ids:
            from corroborator.stories import group_articles  # numpy/datasketch: only when grouping

            group_articles(store, new_ids, settings)
    return results


def _store_one(store: Store, label: str, draft: ArticleDraft | InputError) -> IngestResult:
    if isinstance(draft, InputError):
        return IngestResult(source=label, status=Status.FAILED, message=str(draft))
    with store.item():
        article, created = store.add_article(draft)
    if not created:
        return IngestResult(
            source=label,
            status=Status.DUPLICATE,
            article_id=article.id,
            title=article.display_title,
            outlet=article.outlet,
            message=f"already stored as article {article.id}",
        )
    return IngestResult(
        source=label,
        status=Status.STORED,
        article_id=article.id,
        title=article.display_title,
        outlet=article.outlet,
    )
