"""Reports: Markdown and the self-contained HTML file say what they must and run nothing foreign."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import jsonschema
import lxml.html
import pytest
from web_support import PAYLOAD, SCHEMA, example_dossier, example_texts, has_class, hostile_dossier

from corroborator.report import format_dossier, md, render_html, render_markdown, write_story_reports


def test_the_example_dossier_keeps_the_contract() -> None:
    jsonschema.validate(example_dossier(), json.loads(SCHEMA.read_text("utf-8")))
    jsonschema.validate(hostile_dossier(), json.loads(SCHEMA.read_text("utf-8")))


def test_example_statements_are_verbatim_spans_of_their_articles() -> None:
    texts = example_texts()
    for statement in example_dossier()["statements"]:
        assert texts[statement["article"]][statement["start"] : statement["end"]] == statement["text"]


# -- Markdown ----------------------------------------------------------------------------------
def test_markdown_has_every_section_with_citations() -> None:
    text = render_markdown(example_dossier())
    assert text.startswith("# Magnitude 6.1 earthquake kills three in northern Chile\n")
    for heading in ("Summary", "Source matrix", "Contradictions", "Facts", "Timeline", "Quotes", "Entities"):
        assert f"\n## {heading}\n" in text
    assert "near the port city of Antofagasta, at a depth of 35 kilometres. [f1, f4]" in text
    assert "| fact | Daily Example | Example Wire | Morning Post | independent origins |" in text
    assert (
        "- **6.1**: Example Wire, Morning Post · 1 independent origin (national seismology office) [f1]"
        in text
    )
    assert "- **6.4**: Daily Example" in text
    assert "> Daily Example: “A magnitude 6.4 earthquake shook northern Chile" in text
    assert "**Carolina Tohá** (PERSON, 3 mentions; also Carolina Toha, Minister Tohá)" in text
    assert "- 2010-02: Chile's last major earthquake" in text


def test_markdown_matrix_marks_states_contradicts_and_silent() -> None:
    rows = [line for line in render_markdown(example_dossier()).splitlines() if line.startswith("| f")]
    magnitude_61 = next(row for row in rows if row.startswith("| f1 "))
    assert magnitude_61.endswith("| ✗ | ✓ | ✓ | 1 |")  # Daily Example says 6.4
    tsunami = next(row for row in rows if row.startswith("| f8 "))
    assert tsunami.endswith("| · | · | ✓ | 1 |")


def test_markdown_escapes_untrusted_text() -> None:
    text = render_markdown(hostile_dossier())
    assert re.search(r"(?<!\\)<", text) is None  # every < is backslash-escaped: no raw HTML
    assert re.search(r"(?<!\\)\]\(", text) is None  # no live inline link
    assert r"\<script\>" in text
    assert md("[click](javascript:alert(1)) *bold* `code` | cell") == (
        r"\[click\](javascript:alert(1)) \*bold\* \`code\` \| cell"
    )


def test_markdown_is_deterministic() -> None:
    assert render_markdown(example_dossier()) == render_markdown(example_dossier())


# -- HTML --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def report() -> str:
    return render_html(example_dossier(), example_texts())


def test_html_report_has_every_section(report: str) -> None:
    doc = lxml.html.fromstring(report)
    for section in ("summary", "matrix", "conflicts", "facts", "timeline", "quotes", "entities", "articles"):
        assert doc.get_element_by_id(section) is not None
    assert doc.findtext(".//h1") == "Magnitude 6.1 earthquake kills three in northern Chile"
    assert [
        a.get("href") for a in doc.xpath("//*[@id='summary']//li")[0].xpath(f".//a[{has_class('cite')}]")
    ] == ["#fact-f1", "#fact-f4"]


def test_html_matrix_is_facts_by_outlets(report: str) -> None:
    doc = lxml.html.fromstring(report)
    headers = [th.text_content() for th in doc.xpath("//table[@class='matrix']/thead//th")]
    assert headers == ["Fact", "Daily Example", "Example Wire", "Morning Post", "Independent origins"]
    first = doc.xpath("//table[@class='matrix']/tbody/tr")[0]
    assert [td.get("class") for td in first.xpath("td")[:3]] == [
        "cell-contradicts",
        "cell-states",
        "cell-states",
    ]
    assert first.xpath("td[@class='num']")[0].text_content() == "1"


def test_html_conflict_sides_point_at_their_statements(report: str) -> None:
    doc = lxml.html.fromstring(report)
    sides = doc.xpath(f"//*[@id='conflict-c1']//section[{has_class('side')}]")
    assert [s.xpath(f".//button[{has_class('side-value')}]")[0].text_content() for s in sides] == [
        "6.1",
        "6.4",
    ]
    assert sides[0].xpath(f".//button[{has_class('side-value')}]")[0].get("data-statements") == "t1 t11"
    assert "Example Wire, Morning Post" in sides[0].text_content()
    assert "national seismology office" in sides[0].text_content()
    assert len(sides[0].xpath(".//ul[@class='sources']/li")) == 2


def test_html_articles_mark_statement_spans_and_mentions(report: str) -> None:
    doc = lxml.html.fromstring(report)
    first = doc.xpath(
        "//article[@id='a1']//span[@class='seg' and contains(concat(' ', @data-st, ' '), ' t1 ')]"
    )
    assert "".join(seg.text_content() for seg in first).startswith("An earthquake of magnitude 6.1")
    assert doc.xpath("//article[@id='a1']//mark[@data-entity='e2']")[0].text_content() == "Antofagasta"
    assert (
        doc.xpath("//article[@id='a1']//div[@class='article-text']")[0].text_content()
        == example_texts()["a1"]
    )


def test_html_timeline_is_inline_svg(report: str) -> None:
    doc = lxml.html.fromstring(report)
    svg = doc.xpath("//*[@id='timeline']//*[local-name()='svg']")[0]
    assert svg.get("role") == "img"
    assert [t.text_content() for t in svg.xpath(".//*[local-name()='text' and @class='date']")] == [
        "2010-02",
        "2024-03-04",
        "2024-03-06",
    ]
    assert "14 years later" in svg.text_content()


def test_html_report_is_self_contained(report: str) -> None:
    doc = lxml.html.fromstring(report)
    assert not doc.xpath("//script[@src] | //link[@rel='stylesheet']")
    for element in doc.xpath("//*[@src] | //link[@href]"):
        assert (element.get("src") or element.get("href") or "").startswith("data:")
    assert "@media print" in report
    assert "http://" not in doc.findtext(".//style") and "https://" not in doc.findtext(".//style")


def test_html_csp_allows_exactly_its_own_inline_script_and_style(report: str) -> None:
    doc = lxml.html.fromstring(report)
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']")[0].get("content")
    scripts = doc.xpath("//script")
    assert len(scripts) == 1

    def digest(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert f"script-src 'sha256-{digest(scripts[0].text)}'" in csp
    assert f"style-src 'sha256-{digest(doc.findtext('.//style'))}'" in csp
    assert csp.startswith("default-src 'none'")


def test_html_escapes_hostile_text_everywhere() -> None:
    html = render_html(hostile_dossier(), example_texts())
    doc = lxml.html.fromstring(html)
    assert len(doc.xpath("//script")) == 1  # ours only
    assert not doc.xpath("//img | //a[starts-with(@href, 'javascript:')]")
    assert not [el for el in doc.iter() if any(name.startswith("on") for name in el.attrib)]
    assert PAYLOAD not in html
    assert "&lt;script&gt;window.__pwned = 1;" in html
    assert (
        "javascript:window.__pwned = 5"
        in doc.xpath("//article[@id='a1']//span[@class='origin']")[0].text_content()
    )


def test_html_without_texts_shows_statements_to_highlight() -> None:
    doc = lxml.html.fromstring(render_html(example_dossier()))
    segs = doc.xpath("//article[@id='a2']//span[@class='seg']")
    assert [s.get("data-st") for s in segs] == ["t6", "t7", "t8", "t9"]
    assert doc.xpath("//article[@id='a2']//p[@class='note']")


def test_html_is_deterministic() -> None:
    assert render_html(example_dossier(), example_texts()) == render_html(example_dossier(), example_texts())


def test_format_dossier_dispatches_and_refuses_unknown_formats() -> None:
    dossier = example_dossier()
    assert json.loads(format_dossier(dossier, "json")) == dossier
    assert format_dossier(dossier, "md") == render_markdown(dossier)
    assert format_dossier(dossier, "html").startswith("<!DOCTYPE html>")
    with pytest.raises(ValueError, match="unknown report format"):
        format_dossier(dossier, "pdf")


def test_write_story_reports_writes_an_index_and_a_file_per_story(tmp_path: Path) -> None:
    from web_support import EXAMPLE_ARTICLES

    from corroborator import Settings, ingest, open_store

    settings = Settings(db_path=tmp_path / "r.db")
    with open_store(settings.db_path) as store:
        ingest(store, [str(EXAMPLE_ARTICLES)], settings)
        written = write_story_reports(store, settings, tmp_path / "out", lambda s, i, c: example_dossier())
    assert [p.name for p in written] == ["index.html", "story-1.html"]
    index = lxml.html.fromstring(written[0].read_text("utf-8"))
    assert [a.get("href") for a in index.xpath("//a")] == ["story-1.html"]
    story = written[1].read_text("utf-8")
    assert "An earthquake of magnitude 6.1 struck northern Chile" in story
    assert re.search(r'<span class="seg" data-st="t1">', story)
