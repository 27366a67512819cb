"""Entity resolution across articles, outlets and spellings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corroborator.entities import Entity, resolve_entities
from corroborator.errors import NotFoundError
from corroborator.models import ArticleDraft
from corroborator.names import phonetic_key
from corroborator.settings import Settings
from corroborator.store import SQLiteStore

SEEDS = Path(__file__).parent / "resources" / "seeds"


def make_story(store: SQLiteStore, texts: list[str]) -> int:
    """Store the texts as one story and return its id (set directly, not by the stories stage)."""
    with store.transaction():
        ids = [
            store.add_article(ArticleDraft(origin=f"t{n}", text=t, outlet=f"O{n}"))[0].id
            for n, t in enumerate(texts)
        ]
        (story,) = store.new_story_ids(1)
        store.assign_stories([(story, None, article_id) for article_id in ids])
    return story


def named(entities: list[Entity], word: str) -> list[Entity]:
    """Entities with a name or alias containing a spelling of `word`."""
    key = phonetic_key(word)
    return [e for e in entities if any(key in phonetic_key(form).split() for form in (e.name, *e.aliases))]


def one(entities: list[Entity], word: str) -> Entity:
    found = named(entities, word)
    assert len(found) == 1, f"{word}: {[(e.name, e.aliases) for e in found]}"
    return found[0]


@pytest.fixture
def seed_entities(store: SQLiteStore) -> list[Entity]:
    texts = [path.read_text("utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    return resolve_entities(store, make_story(store, texts), Settings())


@pytest.mark.parametrize(
    "surname", ["Alekseyev", "Lavrov", "Peskov", "Zelensky", "Prigozhin", "Sarvarov", "Prokopenko"]
)
def test_seed_people_are_one_entity_each(seed_entities: list[Entity], surname: str) -> None:
    person = one(seed_entities, surname)
    assert person.type == "PERSON"
    assert len({m.article for m in person.mentions}) >= 2  # joined across outlets


def test_seed_spellings_become_aliases_of_one_person(seed_entities: list[Entity]) -> None:
    general = one(seed_entities, "Alekseyev")
    assert general.name == "Vladimir Alekseyev"
    assert {"Vladimir Alekseev", "Vladimir Alexeeev", "Alekseev", "Alekseyev"} <= set(general.aliases)
    assert "the general" in general.aliases
    assert {"Sergey Lavrov", "Lavrov"} <= set(one(seed_entities, "Lavrov").aliases)
    assert "Zelenskyy" in one(seed_entities, "Zelensky").aliases


def test_seed_gru_is_one_organisation_with_its_descriptions(seed_entities: list[Entity]) -> None:
    gru = one(seed_entities, "GRU")
    assert (gru.name, gru.type) == ("GRU", "ORG")
    assert "Russian military intelligence" in gru.aliases
    assert len({m.article for m in gru.mentions}) == 3


@pytest.mark.parametrize(
    ("a", "b"),
    [("Alekseyev", "Putin"), ("Lavrov", "Skripal"), ("Kirillov", "Kostyukov"), ("Peskov", "Prokopenko")],
)
def test_seed_people_sharing_a_first_name_or_title_stay_apart(
    seed_entities: list[Entity], a: str, b: str
) -> None:
    assert one(seed_entities, a) != one(seed_entities, b)


def test_seed_kyiv_is_a_place(seed_entities: list[Entity]) -> None:
    assert one(seed_entities, "Kyiv").type == "GPE"


def test_resolution_is_deterministic_and_json_able(store: SQLiteStore, seed_entities: list[Entity]) -> None:
    story = store.list_articles()[0].story_id
    assert story is not None
    again = resolve_entities(store, story, Settings())
    assert json.dumps([e.as_dict() for e in again]) == json.dumps([e.as_dict() for e in seed_entities])
    assert [e.id for e in again] == [f"e{n}" for n in range(1, len(again) + 1)]


def test_a_shared_surname_joins_the_person_in_the_same_article(store: SQLiteStore) -> None:
    story = make_story(
        store,
        [
            "Prime Minister Boris Johnson met Foreign Secretary Dominic Raab. Johnson said talks went well.",
            "Rachel Johnson, the prime minister's sister, wrote a book. Johnson said it was a novel.",
        ],
    )
    entities = resolve_entities(store, story, Settings())
    boris, rachel = (next(e for e in entities if e.name == n) for n in ("Boris Johnson", "Rachel Johnson"))
    assert [m.article for m in boris.mentions] == [1, 1] and [m.article for m in rachel.mentions] == [2, 2]


def test_a_surname_shared_in_one_article_goes_to_the_namesake_named_as_a_subject(store: SQLiteStore) -> None:
    story = make_story(
        store,
        [
            "Police have identified the victim as 61-year-old Katherine Gomes. Gary Gomes was arrested late "
            "Tuesday night. The prosecutor says Gomes was barricaded inside.",
        ],
    )
    entities = resolve_entities(store, story, Settings())
    gary = next(e for e in entities if e.name == "Gary Gomes")
    assert len(gary.mentions) == 2
    assert len(next(e for e in entities if e.name == "Katherine Gomes").mentions) == 1


def test_acronyms_join_their_definitions_across_articles(store: SQLiteStore) -> None:
    story = make_story(
        store,
        [
            "The Northern Lighthouse Trust (NLT) said the beacon failed.",
            "Engineers from the NLT inspected the beacon on Tuesday.",
            "Hackers hit the Democratic National Committee. The DNC said no data was lost.",
        ],
    )
    entities = resolve_entities(store, story, Settings())
    nlt = one(entities, "NLT")
    assert (nlt.name, nlt.aliases, len(nlt.mentions)) == ("Northern Lighthouse Trust", ("NLT",), 3)
    assert one(entities, "DNC").name == "Democratic National Committee"


def test_an_unknown_story_is_a_not_found_error(store: SQLiteStore) -> None:
    with pytest.raises(NotFoundError):
        resolve_entities(store, 404, Settings())


def test_a_company_name_joins_its_fuller_corporate_form(store: SQLiteStore) -> None:
    story = make_story(
        store,
        [
            "Advanced Micro Devices said it would buy ATI Technologies. Intel Corp. declined to comment.",
            "Dave Orton, chief executive of ATI, said the deal made sense. Intel said nothing.",
        ],
    )
    entities = resolve_entities(store, story, Settings())
    ati = next(e for e in entities if e.name == "ATI Technologies")
    intel = next(e for e in entities if e.name.startswith("Intel"))
    assert (len(ati.mentions), len(intel.mentions)) == (2, 2)
