"""Article analysis: what is extracted, the small model's mistakes fixed, and the cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborator import analysis
from corroborator.analysis import ArticleAnalysis, analyse_articles, analyse_texts
from corroborator.models import Article, ArticleDraft, content_hash
from corroborator.settings import Settings
from corroborator.store import SQLiteStore

SEEDS = Path(__file__).parent / "resources" / "seeds"
MODEL = Settings().spacy_model


def analyse(text: str) -> ArticleAnalysis:
    article = Article(
        id=1, origin="test", text=text, content_hash=content_hash(text), words=len(text.split())
    )
    return next(analyse_texts([article], MODEL))


def labels(result: ArticleAnalysis) -> dict[str, str]:
    return {m.text: m.label for m in result.entities}


def test_sentences_entities_and_expressions_carry_offsets() -> None:
    text = "Reuters reported the attack on February 6. Three people were hurt in Kyiv."
    result = analyse(text)
    assert [text[s:e] for s, e in result.sentences] == [
        "Reuters reported the attack on February 6.",
        "Three people were hurt in Kyiv.",
    ]
    for mention in result.entities + result.expressions:
        assert text[mention.start : mention.end] == mention.text
    assert {(e.text, e.label) for e in result.expressions} >= {("February 6", "DATE"), ("Three", "CARDINAL")}
    kyiv = next(m for m in result.entities if m.text == "Kyiv")
    assert (kyiv.label, kyiv.sentence, kyiv.source) == ("GPE", 1, "gazetteer")


def test_tokens_keep_what_statement_finding_needs() -> None:
    result = analyse("Peskov told reporters the case was open.")
    tokens = result.tokens
    told = tokens.lemma.index("tell")
    assert tokens.pos[told] == "VERB"
    assert tokens.lemma[tokens.head[told]] == "tell"  # the root heads itself
    assert tokens.dep[0] == "nsubj" and tokens.head[0] == told
    assert len(tokens) == len(tokens.pos) == len(tokens.dep) == len(tokens.start)


def test_gazetteer_types_places_bodies_and_outlets() -> None:
    result = analyse(
        "Officials in Kyiv blamed the GRU, and the FSB denied it, Interfax and Al Jazeera reported from Kiev."
    )
    found = labels(result)
    assert found["Kyiv"] == found["Kiev"] == "GPE"
    assert found["GRU"] == found["FSB"] == found["Interfax"] == found["Al Jazeera"] == "ORG"
    assert {m.kb_id for m in result.entities if m.text in ("Kyiv", "Kiev")} == {"kyiv"}


def test_titles_make_a_person_and_are_kept_apart_from_the_name() -> None:
    result = analyse(
        "Recent killings include Lieutenant General Fanil Sarvarov, who was killed by a car bomb."
    )
    sarvarov = next(m for m in result.entities if "Sarvarov" in m.text)
    assert (sarvarov.text, sarvarov.label, sarvarov.title) == (
        "Fanil Sarvarov",
        "PERSON",
        "lieutenant general",
    )


def test_a_title_alone_is_a_nominal_not_an_organisation() -> None:
    result = analyse(
        "The killer was waiting for the Lieutenant General of the Defense Ministry near his home."
    )
    assert "Lieutenant General" not in labels(result)
    assert [(n.text, n.title) for n in result.nominals] == [("the Lieutenant General", "lieutenant general")]


def test_a_title_word_inside_a_company_name_is_left_alone() -> None:
    assert labels(analyse("Shares of General Motors rose on Monday."))["General Motors"] == "ORG"


def test_road_names_are_facilities() -> None:
    assert (
        labels(analyse("He lived near Volokolamskoye Highway in Moscow."))["Volokolamskoye Highway"] == "FAC"
    )


def test_acronyms_defined_in_the_text_are_learnt() -> None:
    result = analyse(
        "He is deputy chief of military intelligence (GRU). The ZXQ, short for nothing, was founded by the "
        "Northern Lighthouse Trust (NLT). Later the NLT said so."
    )
    assert {(a.acronym, a.description) for a in result.acronyms} == {
        ("GRU", "military intelligence"),
        ("NLT", "Northern Lighthouse Trust"),
    }
    assert [m.label for m in result.entities if m.text == "NLT"] == ["ORG", "ORG"]


def test_json_round_trip_is_lossless() -> None:
    result = analyse((SEEDS / "001_90b4392d05c0be90.txt").read_text("utf-8"))
    assert ArticleAnalysis.from_json(result.to_json()) == result


def _add(store: SQLiteStore, text: str, language: str | None = None) -> int:
    with store.transaction():
        article, _ = store.add_article(
            ArticleDraft(origin="test", text=text, outlet="Test", language=language)
        )
    return article.id


def test_analysis_is_cached_until_text_or_version_changes(
    store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings()
    first = _add(store, "Sergei Lavrov spoke in Moscow on Friday.")
    assert analyse_articles(store, [first], settings).analysed == [first]
    again = analyse_articles(store, [first], settings)
    assert again.cached == [first] and again.analysed == []
    assert again.analyses[first].entities[0].text == "Sergei Lavrov"
    monkeypatch.setattr(analysis, "ANALYSIS_VERSION", "test-bump")
    assert analyse_articles(store, [first], settings).analysed == [first]


def test_articles_in_other_languages_are_not_analysed(store: SQLiteStore) -> None:
    german = _add(store, "Der Kreml hat sich nicht geäußert.", language="de")
    report = analyse_articles(store, [german], Settings())
    assert report.skipped == [german] and german not in report.analyses
