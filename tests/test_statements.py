"""Statements and their attribution, on small constructed articles."""

from __future__ import annotations

from functools import cache

import pytest

from corroborator.analysis import analyse_texts
from corroborator.models import Article, content_hash
from corroborator.parsed import ParsedArticle
from corroborator.settings import Settings
from corroborator.statements import Statement, extract_statements


@cache
def _statements(text: str) -> tuple[Statement, ...]:
    article = Article(
        id=1, origin="test", text=text, content_hash=content_hash(text), words=len(text.split())
    )
    analysis = next(analyse_texts([article], Settings().spacy_model))
    return tuple(extract_statements(ParsedArticle(article, analysis)))


def _speaker(text: str) -> str | None:
    statements = _statements(text)
    attribution = statements[0].attribution
    return attribution.speaker if attribution else None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The bridge will reopen in May, the mayor said.", "the mayor"),
        ("The bridge will reopen in May, said Helen Ostrova, the mayor of Riverton.", "Helen Ostrova"),
        ("The bridge will reopen in May, reported Example Wire.", "Example Wire"),
        (
            "According to reports from the Riverton Gazette, the bridge will reopen in May.",
            "the Riverton Gazette",
        ),
        ("Helen Ostrova told reporters that the bridge would reopen in May.", "Helen Ostrova"),
        ("The bridge reopened in May after repairs lasting two years.", None),
        ("The rebels claimed responsibility for the attack on the bridge.", None),
    ],
)
def test_attribution(text: str, speaker: str | None) -> None:
    assert _speaker(text) == speaker


def test_statements_are_verbatim_spans() -> None:
    text = "Floods hit Riverton. The mayor ordered an evacuation and the army sent boats; schools shut."
    for statement in _statements(text):
        assert text[statement.start : statement.end] == statement.text


def test_two_claims_joined_by_and_are_two_statements() -> None:
    texts = [s.text for s in _statements("The mayor ordered an evacuation and the army sent twelve boats.")]
    assert texts == ["The mayor ordered an evacuation", "the army sent twelve boats."]


def test_according_to_carries_over_to_the_next_sentence_of_its_paragraph() -> None:
    text = (
        "According to the fire service, two people were treated for hypothermia. Both were later released.\n"
        "The river fell overnight."
    )
    statements = _statements(text)
    assert [s.attribution.speaker if s.attribution else None for s in statements] == [
        "the fire service", "the fire service", None,
    ]  # fmt: skip
    assert statements[1].attribution is not None and statements[1].attribution.inherited


def test_questions_and_fragments_are_not_statements() -> None:
    texts = [s.text for s in _statements("Who is the mayor?\nHelen Ostrova\nShe was elected in 2019.")]
    assert texts == ["She was elected in 2019."]


def test_quotes_are_flagged() -> None:
    statements = _statements('"We have never seen the water rise this fast," Ostrova told reporters.')
    assert statements[0].quote
    assert statements[0].attribution is not None and statements[0].attribution.speaker == "Ostrova"


def test_a_second_claim_added_by_the_speaker_is_its_own_statement() -> None:
    text = '"We have recorded 249 people injured", he said, adding that 300 buildings were damaged.'
    statements = _statements(text)
    assert [s.text for s in statements][-1] == "adding that 300 buildings were damaged."
    assert all("249" not in s.text for s in statements[1:])


def test_a_sentence_the_parser_ends_at_an_abbreviation_goes_on() -> None:
    text = "The woman was walking outside the store at 200 W. American Blvd. around 9 p.m. when she was hit."
    assert [s.text for s in _statements(text)] == [text]
