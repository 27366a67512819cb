"""Reports of one story's dossier: Markdown for notes and tickets, one self-contained HTML file.

The HTML report needs nothing but itself: the stylesheet and the small highlighting script are
inlined, the timeline chart is inline SVG, and a Content-Security-Policy meta tag allows only those
two inline blocks (by hash), so even a mistake in escaping could not run injected script. All
article-derived text goes through Jinja2 with autoescaping on; only our own CSS and JS are marked safe.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from corroborator import __version__
from corroborator.dossier_view import MATRIX_MARKS, present_dossier

SCHEMA = "corroborator.dossier/1"
DossierBuilder = Callable[[Any, int, Any], dict[str, Any]]


# -- templates ---------------------------------------------------------------------------------
@cache
def template_environment() -> Environment:
    """The one Jinja2 environment of the report and the web app (autoescape on for every file)."""
    env = Environment(
        loader=PackageLoader("corroborator", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["path_quote"] = path_quote
    env.filters["id_number"] = id_number
    env.tests["web_url"] = is_web_url
    env.tests["is_web_url"] = is_web_url
    env.filters["is_web_url"] = is_web_url
    return env


def path_quote(value: str) -> str:
    """Quote a name for one URL path segment ("AC/DC" must not become two segments)."""
    return quote(value, safe="")


def id_number(value: str) -> int:
    """The number in a dossier id ("a12" -> 12), for links to stored rows."""
    digits = re.sub(r"\D", "", value)
    return int(digits) if digits else 0


def is_web_url(value: object) -> bool:
    """Only http(s) origins become links; a `javascript:` or file origin stays plain text."""
    if not isinstance(value, str):
        return False
    parts = urlsplit(value.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def static_text(name: str) -> str:
    """One of our own files under corroborator/static/ (CSS, JS)."""
    return resources.files("corroborator").joinpath("static", name).read_text("utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def report_csp(css: str, js: str | None) -> str:
    """A policy for the offline file: only its own inline style and script, by hash."""
    script = f"'{_sha256(js)}'" if js is not None else "'none'"
    return (
        f"default-src 'none'; style-src '{_sha256(css)}'; script-src {script}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


# -- HTML --------------------------------------------------------------------------------------
def render_html(dossier: Mapping[str, Any], article_texts: Mapping[str, str] | None = None) -> str:
    """One self-contained HTML report of a dossier.

    `article_texts` maps article ids ("a1") to their clean text, so the articles section shows
    whole articles with the statement sentences marked; without it, the statements alone are shown.
    """
    css, js = static_text("app.css"), static_text("app.js")
    return (
        template_environment()
        .get_template("report.html")
        .render(
            view=present_dossier(dossier, article_texts),
            version=__version__,
            schema=dossier.get("schema", SCHEMA),
            inline_css=Markup(css),  # our own file, not article text
            inline_js=Markup(js),  # our own file, not article text
            csp=report_csp(css, js),
        )
    )


def render_index_html(entries: Sequence[Mapping[str, Any]], *, title: str, credits: str = "") -> str:
    """An index page linking to per-story report files (for `corroborator demo --no-serve -o DIR`)."""
    css = static_text("app.css")
    return (
        template_environment()
        .get_template("report_index.html")
        .render(
            entries=entries,
            title=title,
            credits=credits,
            version=__version__,
            inline_css=Markup(css),
            csp=report_csp(css, None),
        )
    )


# -- Markdown ----------------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")


def md(text: object) -> str:
    """Escape text for Markdown: no untrusted character may start a link, HTML tag or table cell."""
    flat = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", flat)


def render_markdown(dossier: Mapping[str, Any]) -> str:
    """The dossier as Markdown: summary with citations, facts, matrix, contradictions, quotes..."""
    view = present_dossier(dossier)
    parts = [
        _md_header(view),
        _md_summary(view["summary"]),
        _md_matrix(view["matrix"]),
        _md_conflicts(view["conflicts"]),
        _md_facts(view["facts"]),
        _md_timeline(view["timeline"]["rows"]),
        _md_quotes(view["quotes"]),
        _md_entities(view["entities"]),
        _md_articles(view["articles"]),
    ]
    return "\n\n".join(part for part in parts if part) + "\n"


def _md_header(view: Mapping[str, Any]) -> str:
    story, n = view["story"], view["counts"]
    span = " – ".join(md(d) for d in dict.fromkeys([story["first_published"], story["last_published"]]) if d)
    lines = [
        f"# {md(story['title'])}",
        "",
        f"Story {md(story['id'])}{' · ' + span if span else ''} · {n['articles']} articles from "
        f"{n['outlets']} outlets · {n['facts']} facts ({n['corroborated']} corroborated) · "
        f"{n['conflicts']} contradictions",
    ]
    return "\n".join(lines)


def _cites(fact_ids: Iterable[str]) -> str:
    return "[" + ", ".join(md(f) for f in fact_ids) + "]"


def _md_summary(summary: Sequence[Mapping[str, Any]]) -> str:
    lines = ["## Summary", ""]
    lines += [f"- {md(item['text'])} {_cites(item['facts'])}" for item in summary] or ["No summary."]
    return "\n".join(lines)


def _md_facts(facts: Sequence[Mapping[str, Any]]) -> str:
    lines = ["## Facts", ""]
    for fact in facts:
        origins = f" ({', '.join(md(o) for o in fact['origins'])})" if fact["origins"] else ""
        lines.append(
            f"- **{md(fact['id'])}** {md(fact['text'])}  \n  {md(fact['status_label'])} · "
            f"{_origins(fact['independent_origins'])}{origins} · {', '.join(md(o) for o in fact['outlets'])}"
        )
        lines += [f"  - {md(s['outlet'])}: “{md(s['text'])}”" for s in fact["sources"]]
    return "\n".join(lines if facts else [*lines, "No facts."])


def _md_matrix(matrix: Mapping[str, Any]) -> str:
    if not matrix["rows"]:
        return ""
    outlets = [md(o) for o in matrix["outlets"]]
    lines = [
        "## Source matrix",
        "",
        f"{MATRIX_MARKS['states']} states it · {MATRIX_MARKS['contradicts']} contradicts it · "
        f"{MATRIX_MARKS['silent']} silent",
        "",
        "| fact | " + " | ".join(outlets) + " | independent origins |",
        "|---|" + "---|" * len(outlets) + "---:|",
    ]
    for row in matrix["rows"]:
        marks = " | ".join(cell["mark"] for cell in row["cells"])
        lines.append(
            f"| {md(row['fact'])} {md(_shorten(row['text']))} | {marks} | {row['independent_origins']} |"
        )
    return "\n".join(lines)


def _origins(count: int) -> str:
    return f"{count} independent origin{'' if count == 1 else 's'}"


def _shorten(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _md_conflicts(conflicts: Sequence[Mapping[str, Any]]) -> str:
    lines = ["## Contradictions", ""]
    for conflict in conflicts:
        lines += [f"### {md(conflict['id'])}: {md(conflict['about'])}", ""]
        for side in conflict["sides"]:
            origins = ", ".join(md(o) for o in side["origins"])
            lines.append(
                f"- **{md(side['value'])}**: {', '.join(md(o) for o in side['outlets'])} · "
                f"{_origins(side['independent_origins'])}{f' ({origins})' if origins else ''} "
                f"{_cites(side['facts'])}"
            )
            lines += [f"  > {md(s['outlet'])}: “{md(s['text'])}”" for s in side["sources"]]
        lines.append("")
    return "\n".join(lines).rstrip() if conflicts else "## Contradictions\n\nNo contradictions found."


def _md_timeline(rows: Sequence[Any]) -> str:
    lines = ["## Timeline", ""]
    lines += [
        f"- {md(row.date)}: {md(row.text)} {_cites(row.facts) if row.facts else ''}".rstrip() for row in rows
    ]
    return "\n".join(lines if rows else [*lines, "No dated events."])


def _md_quotes(groups: Sequence[Mapping[str, Any]]) -> str:
    lines = ["## Quotes", ""]
    for group in groups:
        lines.append(f"- **{md(group['name'])}**")
        for quote_ in group["quotes"]:
            said = f"“{md(quote_['text'])}”" if quote_["direct"] else f"{md(quote_['text'])} (reported)"
            lines.append(f"  - {said} ({md(quote_['outlet'])})")
    return "\n".join(lines if groups else [*lines, "No quotes."])


def _md_entities(entities: Sequence[Mapping[str, Any]]) -> str:
    lines = ["## Entities", ""]
    for entity in entities:
        aliases = f"; also {', '.join(md(a) for a in entity['aliases'])}" if entity["aliases"] else ""
        count = entity["mentions"]
        mentions = f"{count} mention{'' if count == 1 else 's'}"
        lines.append(f"- **{md(entity['name'])}** ({md(entity['type'])}, {mentions}{aliases})")
    return "\n".join(lines if entities else [*lines, "No entities."])


def _md_articles(articles: Sequence[Mapping[str, Any]]) -> str:
    lines = ["## Articles", ""]
    for article in articles:
        copy = f" (copy of {md(article['duplicate_of'])})" if article.get("duplicate_of") else ""
        lines.append(
            f"- {md(article['id'])} · {md(article.get('outlet') or 'unknown outlet')} · "
            f"{md(article.get('published') or 'undated')} · {md(article['title'])}{copy} · "
            f"`{_code(article['origin'])}`"
        )
    return "\n".join(lines)


def _code(text: str) -> str:
    """Inline code cannot be escaped in Markdown; drop backticks and line breaks instead."""
    return " ".join(text.replace("`", "'").split())


# -- a whole store, for `corroborator demo --no-serve -o DIR` -------------------------------------
def article_texts(store: Any, dossier: Mapping[str, Any]) -> dict[str, str]:
    """The clean texts of a dossier's articles, keyed by dossier article id ("a12")."""
    ids = [id_number(a["id"]) for a in dossier["articles"]]
    return {f"a{key}": text for key, text in store.article_texts(ids).items()}


def write_story_reports(
    store: Any, settings: Any, directory: Path, build: DossierBuilder, *, credits: str = ""
) -> list[Path]:
    """Write `story-N.html` per story and an `index.html` linking them; return the files written."""
    from corroborator.stories import list_stories

    directory.mkdir(parents=True, exist_ok=True)
    written, entries = [], []
    for story in list_stories(store):
        dossier = build(store, story.id, settings)
        path = directory / f"story-{story.id}.html"
        path.write_text(render_html(dossier, article_texts(store, dossier)), "utf-8")
        written.append(path)
        entries.append(
            {
                "file": path.name,
                "title": dossier["story"]["title"],
                "articles": len(dossier["articles"]),
                "outlets": sorted({a["outlet"] for a in dossier["articles"] if a.get("outlet")}),
                "conflicts": len(dossier["conflicts"]),
                "first_published": dossier["story"]["first_published"],
            }
        )
    index = directory / "index.html"
    index.write_text(render_index_html(entries, title="corroborator stories", credits=credits), "utf-8")
    return [index, *written]


FORMATS = ("json", "md", "html")


def format_dossier(dossier: Mapping[str, Any], fmt: str, texts: Mapping[str, str] | None = None) -> str:
    """The dossier as `json` (canonical), `md` or `html`: what `corroborator dossier --format` prints."""
    if fmt == "md":
        return render_markdown(dossier)
    if fmt == "html":
        return render_html(dossier, texts)
    if fmt == "json":
        import json

        return json.dumps(dossier, ensure_ascii=False, indent=2) + "\n"
    raise ValueError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
