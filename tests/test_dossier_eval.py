"""The dossier scorer, proven on tiny hand-made predictions (no engine), and the labelled set itself."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corroborator.dossier_eval import (
    Case,
    Counts,
    Mention,
    Prediction,
    PredStatement,
    case_from_json,
    case_paths,
    locate,
    match_mention,
    names_agree,
    overlap_fraction,
    prediction_from_dossier,
    score_case,
    verbatim_violations,
)

CASES = Path(__file__).parent / "data" / "dossier_eval"
SCHEMA = json.loads((CASES / "case.schema.json").read_text("utf-8"))

A = "\n".join(
    [
        "Four men rammed a car into the store.",
        "They stole jewels worth two million euros.",
        "Police said the men fled.",
    ]
)
B = "\n".join(
    [
        "The store was hit by four men in a car.",
        "Jewels worth five million euros were taken, Le Monde reported.",
        "The men fled.",
    ]
)


def _case(**changes: object) -> Case:
    data: dict[str, object] = {
        "case": "tiny",
        "kind": "edited",
        "source": "test",
        "articles": [
            {"key": "a", "origin": "x", "outlet": "Wire A", "published": None, "title": "A", "text": A},
            {"key": "b", "origin": "y", "outlet": "Paper B", "published": None, "title": "B", "text": B},
        ],
        "facts": [
            {
                "id": "F1",
                "gloss": "four men, a car",
                "mentions": [
                    {"article": "a", "quote": "Four men rammed a car into the store."},
                    {"article": "b", "quote": "The store was hit by four men in a car."},
                ],
            },
            {
                "id": "F2",
                "gloss": "the men fled",
                "mentions": [
                    {"article": "a", "quote": "Police said the men fled."},
                    {"article": "b", "quote": "The men fled."},
                ],
            },
        ],
        "conflicts": [
            {
                "about": "value",
                "kind": "number",
                "sides": [
                    {"value": "two", "mentions": [{"article": "a", "quote": "worth two million euros"}]},
                    {"value": "five", "mentions": [{"article": "b", "quote": "worth five million euros"}]},
                ],
            }
        ],
        "attributions": [
            {
                "article": "a",
                "quote": "Police said the men fled.",
                "attributed_to": "police",
                "kind": "organisation",
            },
            {"article": "b", "quote": "Le Monde reported", "attributed_to": "Le Monde", "kind": "outlet"},
            {"article": "a", "quote": "Four men rammed a car", "attributed_to": "Wire A", "kind": "self"},
        ],
    }
    data.update(changes)
    return case_from_json(data)


def _sentences(key: str, text: str, sources: dict[int, str | None]) -> list[PredStatement]:
    found, at = [], 0
    for n, line in enumerate(text.split("\n")):
        found.append(PredStatement(f"{key}{n}", key, at, at + len(line), line, sources.get(n)))
        at += len(line) + 1
    return found


def _perfect() -> Prediction:
    statements = _sentences("a", A, {2: "police"}) + _sentences("b", B, {1: "Le Monde"})
    return Prediction(
        texts={"a": A, "b": B},
        outlets={"a": "Wire A", "b": "Paper B"},
        statements=statements,
        facts=[{"a0", "b0"}, {"a2", "b2"}, {"a1"}, {"b1"}],
        conflicts=[[{"a1"}, {"b1"}]],
    )


def test_a_perfect_prediction_scores_one_everywhere() -> None:
    score = score_case(_case(), _perfect())
    figures = score.figures()
    for key in ("fact_pairwise_precision", "fact_pairwise_recall", "fact_pairwise_f1", "mention_coverage",
                "conflict_precision", "conflict_recall", "attribution_accuracy"):  # fmt: skip
        assert figures[key] == 1.0, key
    assert figures["verbatim_violations"] == 0


def test_an_empty_prediction_finds_nothing() -> None:
    empty = Prediction(texts={"a": A, "b": B}, outlets={"a": "Wire A", "b": "Paper B"})
    figures = score_case(_case(), empty).figures()
    assert figures["conflict_recall"] == 0.0
    assert figures["attribution_accuracy"] == 0.0
    assert figures["mention_coverage"] == 0.0
    assert figures["conflict_precision"] == 1.0  # nothing claimed, nothing wrong


def test_merging_everything_into_one_fact_costs_precision_not_recall() -> None:
    prediction = _perfect()
    prediction.facts = [{"a0", "a1", "a2", "b0", "b1", "b2"}]
    counts = score_case(_case(), prediction).facts
    assert counts.recall == 1.0
    assert counts == Counts(tp=2, fp=2, fn=0)  # a0-b2 and a2-b0 are wrong; same-article pairs are not counted


def test_a_conflict_with_both_values_on_one_side_is_not_found() -> None:
    prediction = _perfect()
    prediction.conflicts = [[{"a1", "b1"}, {"a0"}]]
    figures = score_case(_case(), prediction).figures()
    assert figures["conflict_recall"] == 0.0
    assert figures["conflict_precision"] == 0.0


def test_a_control_case_counts_every_flag_as_a_false_alarm() -> None:
    prediction = _perfect()
    figures = score_case(_case(kind="control", conflicts=[]), prediction).figures()
    assert figures["conflict_precision"] == 0.0
    assert figures["conflict_recall"] == 1.0


def test_self_attribution_is_the_articles_own_outlet_or_null() -> None:
    prediction = _perfect()
    prediction.statements = [
        PredStatement(s.id, s.article, s.start, s.end, s.text, "Wire A" if s.id == "a0" else s.source)
        for s in prediction.statements
    ]
    assert score_case(_case(), prediction).attributions_correct == 3
    prediction.statements = [
        PredStatement(s.id, s.article, s.start, s.end, s.text, "police" if s.id == "a0" else s.source)
        for s in prediction.statements
    ]
    assert score_case(_case(), prediction).attributions_correct == 2


def test_names_agree_fuzzily_and_by_surname() -> None:
    assert names_agree("Sutopo Purwo Nugroho", "sutopo purwo nugroho", person=True)
    assert names_agree("Nugroho", "Sutopo Purwo Nugroho", person=True)
    assert names_agree("Heidar Alishvandi", "Heydar Alishbandi", person=True)
    assert names_agree("the officer", "officer", person=True)
    assert not names_agree("Gerry Scherlinck", "Charles Craft", person=True)
    assert not names_agree("the", "Le Monde", person=False)


def test_a_clause_inside_a_sentence_matches_the_sentence_but_a_shared_word_does_not() -> None:
    prediction = _perfect()
    assert match_mention(Mention("a", "worth two million euros"), prediction) == "a1"
    assert overlap_fraction((0, 10), (9, 30)) < 0.5
    assert match_mention(Mention("a", "no such words"), prediction) is None


def test_locate_forgives_whitespace_only() -> None:
    assert locate("one  two\nthree", "one two three") == (0, 14)
    assert locate("one two three", "one three") is None


def test_verbatim_violations_catch_rewritten_or_shifted_statements() -> None:
    prediction = _perfect()
    assert verbatim_violations(prediction) == []
    prediction.statements[0] = PredStatement("a0", "a", 0, 10, "Five men r", None)
    prediction.statements[1] = PredStatement("a1", "a", 1, 11, "Four men r", None)
    assert verbatim_violations(prediction) == ["a0", "a1"]


def test_prediction_from_dossier_resolves_entities_and_side_statements() -> None:
    dossier = {
        "articles": [{"id": "a7", "outlet": "Wire A"}, {"id": "a9", "outlet": "Paper B"}],
        "entities": [{"id": "e1", "name": "Le Monde", "aliases": ["Monde"]}],
        "statements": [
            {"id": "t1", "article": "a7", "text": "x", "start": 0, "end": 1, "attributed_to": "Wire A"},
            {"id": "t2", "article": "a9", "text": "y", "start": 0, "end": 1, "attributed_to": "e1"},
            {"id": "t3", "article": "a9", "text": "z", "attributed_to": None},
        ],
        "facts": [{"id": "f1", "statements": ["t1"]}, {"id": "f2", "statements": ["t2", "t3"]}],
        "conflicts": [{"sides": [{"facts": ["f1"], "statements": ["t1"]}, {"facts": ["f2"]}]}],
    }
    prediction = prediction_from_dossier(dossier, {"a7": "a", "a9": "b"}, {"a": "x", "b": "yz"})
    sources = {s.id: (s.article, s.source, s.source_aliases) for s in prediction.statements}
    assert sources == {"t1": ("a", "Wire A", ()), "t2": ("b", "Le Monde", ("Monde",)), "t3": ("b", None, ())}
    assert prediction.conflicts == [[{"t1"}, {"t2", "t3"}]]
    assert prediction.outlets == {"a": "Wire A", "b": "Paper B"}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=3), min_size=6, max_size=6))
def test_predicting_the_gold_partition_is_perfect_whatever_it_is(labels: list[int]) -> None:
    """Any gold partition of six sentences over two articles, predicted exactly, scores 1.0."""
    ids = [f"a{n}" for n in range(3)] + [f"b{n}" for n in range(3)]
    groups: dict[int, list[str]] = {}
    for sid, label in zip(ids, labels, strict=True):
        groups.setdefault(label, []).append(sid)
    quotes = {sid: line for sid, line in zip(ids, A.split("\n") + B.split("\n"), strict=True)}
    facts = [
        {"id": f"F{n}", "gloss": "g", "mentions": [{"article": s[0], "quote": quotes[s]} for s in members]}
        for n, members in enumerate(groups.values())
        if len({s[0] for s in members}) == 2
    ]
    prediction = _perfect()
    prediction.facts = [set(members) for members in groups.values()]
    counts = score_case(_case(facts=facts), prediction).facts
    assert counts.fp == 0 and counts.fn == 0


@settings(max_examples=30, deadline=None)
@given(st.sets(st.sampled_from(["a0", "a1", "a2", "b0", "b1", "b2"])))
def test_dropping_statements_never_raises_recall(dropped: set[str]) -> None:
    full = score_case(_case(), _perfect())
    prediction = _perfect()
    prediction.statements = [s for s in prediction.statements if s.id not in dropped]
    prediction.facts = [f - dropped for f in prediction.facts]
    prediction.conflicts = [[side - dropped for side in c] for c in prediction.conflicts]
    part = score_case(_case(), prediction)
    assert part.facts.recall <= full.facts.recall
    assert part.conflicts_found <= full.conflicts_found
    assert part.attributions_correct <= full.attributions_correct


# -- the labelled sets --------------------------------------------------------------------------
HELDOUT = Path(__file__).parent / "data" / "dossier_heldout"
# The blind sets by number: dossier_blind2 to dossier_blind24 (add the next one by raising the bound).
BLIND = {n: Path(__file__).parent / "data" / f"dossier_blind{n}" for n in range(2, 35)}
CASE_FILES = case_paths([CASES])
ALL_CASE_FILES = case_paths([CASES, HELDOUT, *BLIND.values()])


def test_the_blind_held_out_set_has_ten_pairs_and_a_real_story() -> None:
    kinds = [json.loads(p.read_text("utf-8"))["kind"] for p in case_paths([HELDOUT])]
    assert kinds.count("edited") == kinds.count("control") == 10
    assert kinds.count("real") >= 1


# Each blind set: its prefix, how many real stories it holds, and which documents it may use. The
# ECB half ran out of clean unused documents after blind24, so blind25 on take the ecbplus half's.
BLIND_SETS = {
    f"blind{n}": (folder, 1, "ecbplus") if n in (2, 3) else (folder, 0, "ecbplus" if n >= 25 else "ecb")
    for n, folder in BLIND.items()
}


@pytest.mark.parametrize("name", sorted(BLIND_SETS))
def test_a_blind_set_has_ten_pairs_of_distinct_outlets(name: str) -> None:
    folder, real_stories, half = BLIND_SETS[name]
    cases = [json.loads(p.read_text("utf-8")) for p in case_paths([folder])]
    kinds = [c["kind"] for c in cases]
    assert kinds.count("edited") == kinds.count("control") == 10
    assert kinds.count("real") == real_stories
    assert all(c["case"].startswith(name + "-") for c in cases)
    for case in cases:  # distinct outlets, documents of its half, each quoted sentence attributed once
        assert len({a["outlet"] for a in case["articles"]}) == len(case["articles"]), case["case"]
        assert all(a["origin"].split(":")[0] == half for a in case["articles"]), case["case"]
        attributed = [(a["article"], a["quote"]) for a in case["attributions"]]
        assert len(attributed) == len(set(attributed)), case["case"]
    for real in (c for c in cases if c["kind"] == "real"):
        assert 4 <= len(real["articles"]) <= 6
        assert real["conflicts"] and all(c["about"] for c in real["conflicts"])
    edited = [c for c in cases if c["kind"] == "edited"]
    assert all(c["edit"]["article"] == "b" and c["pair"].endswith("-control") for c in edited)


def documents(folder: Path) -> set[str]:
    """The source documents of a set's cases ('ecb:23_4ecb'), without the '#edited' mark."""
    cases = [json.loads(p.read_text("utf-8")) for p in case_paths([folder])]
    return {a["origin"].split("#")[0] for c in cases for a in c["articles"]}


def topics(folder: Path) -> set[str]:
    """The ECB+ topics of a set's documents ('23')."""
    return {origin.split(":")[1].split("_")[0] for origin in documents(folder)}


def test_the_ecb_half_blind_sets_use_different_topics() -> None:
    earlier: set[str] = set()
    for folder in (BLIND[n] for n in range(4, 10)):
        assert not topics(folder) & earlier, folder.name
        earlier |= topics(folder)


def test_the_later_blind_sets_use_documents_no_other_set_uses() -> None:
    """The ECB half has no unused topic left: dossier_blind10 to dossier_blind24 take unused
    documents of used topics, and blind25 on unused ecbplus documents, so it is documents, not
    topics, that must not repeat."""
    others = set().union(*(documents(f) for f in (CASES, HELDOUT, *(BLIND[n] for n in range(2, 10)))))
    later = tuple(BLIND[n] for n in range(10, len(BLIND) + 2))
    for n, folder in enumerate(later):
        # twenty documents each; blind20's topics had only nineteen clean ones, one used by two pairs
        assert len(documents(folder)) == (19 if folder == BLIND[20] else 20), folder.name
        assert not documents(folder) & others, folder.name
        for other in later[n + 1 :]:
            assert not documents(folder) & documents(other), (folder.name, other.name)


def test_the_set_has_the_promised_composition() -> None:
    kinds = [json.loads(p.read_text("utf-8"))["kind"] for p in CASE_FILES]
    assert kinds.count("real") >= 6
    assert kinds.count("edited") == kinds.count("control") >= 6
    assert kinds.count("synthetic") == 1


@pytest.mark.parametrize("path", ALL_CASE_FILES, ids=[p.stem for p in ALL_CASE_FILES])
def test_case_matches_its_schema_and_quotes_are_exact(path: Path) -> None:
    data = json.loads(path.read_text("utf-8"))
    jsonschema.validate(data, SCHEMA)
    assert data["case"] == path.stem
    texts = {a["key"]: a["text"] for a in data["articles"]}
    assert len(texts) == len(data["articles"]), "article keys must be unique"
    mentions = [m for f in data["facts"] for m in f["mentions"]]
    mentions += [m for c in data["conflicts"] for s in c["sides"] for m in s["mentions"]]
    mentions += data["attributions"]
    for m in mentions:
        assert m["article"] in texts, m
        assert texts[m["article"]].count(m["quote"]) == 1, f"not an exact, unique quote: {m}"
    for fact in data["facts"]:
        assert len({m["article"] for m in fact["mentions"]}) >= 2, f"{fact['id']} needs two articles"


@pytest.mark.parametrize("path", ALL_CASE_FILES, ids=[p.stem for p in ALL_CASE_FILES])
def test_edited_cases_change_exactly_one_value_of_their_control(path: Path) -> None:
    data = json.loads(path.read_text("utf-8"))
    if data["kind"] not in ("edited", "control"):
        return
    pair = json.loads((path.parent / f"{data['pair']}.json").read_text("utf-8"))
    edited, control = (data, pair) if data["kind"] == "edited" else (pair, data)
    assert control["kind"] == "control" and not control["conflicts"]
    assert len(edited["conflicts"]) == 1
    edit = edited["edit"]
    before = {a["key"]: a["text"] for a in control["articles"]}
    after = {a["key"]: a["text"] for a in edited["articles"]}
    assert after[edit["article"]] == before[edit["article"]].replace(edit["from"], edit["to"])
    assert before[edit["article"]].count(edit["from"]) == 1
    assert all(after[k] == before[k] for k in before if k != edit["article"])
