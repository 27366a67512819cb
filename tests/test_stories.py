"""Online story clustering: same event together, different events of one kind apart."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from corroborator.cli_stories import stories as stories_command
from corroborator.models import ArticleDraft
from corroborator.settings import Settings
from corroborator.store import SQLiteStore, open_store
from corroborator.stories import StoryOptions, group_articles, list_stories, regroup

ITALY_ANSA = """A magnitude 6.3 earthquake struck the mountain city of L'Aquila in the Abruzzo region of
central Italy before dawn on Monday, killing at least 150 people and leaving tens of thousands
homeless. Prime Minister Silvio Berlusconi declared a state of emergency and cancelled a trip to
Moscow. Rescuers from the Civil Protection agency dug through the rubble of collapsed houses in
the medieval centre of L'Aquila, where the student dormitory was badly damaged."""

ITALY_GUARDIAN = """Rescue teams in Abruzzo were still pulling survivors from flattened buildings in
L'Aquila on Monday night after the strongest quake to hit Italy in three decades. Silvio Berlusconi
said the government would rebuild the historic town. The Civil Protection department said more than
150 had died, and officials in L'Aquila warned that aftershocks could bring down damaged churches
and the university dormitory."""

HAITI_AP = """A magnitude 7.0 earthquake struck Haiti on Tuesday, devastating the capital
Port-au-Prince and killing thousands of people. President Rene Preval said the National Palace had
collapsed. The United Nations said its headquarters in Port-au-Prince was destroyed and many of its
staff were missing. Aid groups including the Red Cross appealed for help as survivors slept in the
streets of Port-au-Prince."""

HAITI_BBC = """Survivors of the earthquake in Haiti spent the night in the open in Port-au-Prince as
aftershocks shook the capital. Rene Preval, the president of Haiti, described scenes of horror.
The Red Cross estimated that three million people had been affected, and the United Nations
mission said the collapse of its Port-au-Prince headquarters had killed staff."""

DAIRY_MARCH = """Fire destroyed the Mat-Maid dairy plant in Palmer, Alaska, early on Sunday, and
investigators from the state fire marshal said they suspected arson. The Mat-Maid building, which
had been sold by the Matanuska Maid cooperative, was empty. Palmer fire chief Mark Lentz said
flames could be seen from miles away across the Matanuska valley."""

DAIRY_MAY = """The state fire marshal is investigating a fire that gutted the old Mat-Maid dairy in
Palmer, Alaska. Flames were reported overnight and crews from Palmer fought the fire until
morning. Investigators said arson was possible. The Mat-Maid plant once processed milk for farms
across the Matanuska valley; chief Mark Lentz said nobody was hurt."""


@pytest.fixture
def fresh_store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with open_store(tmp_path / "t.db") as store:
        yield store


def add(store: SQLiteStore, *drafts: ArticleDraft) -> list[int]:
    """Store drafts in one transaction and group them, as ingest does."""
    with store.transaction():
        ids = [store.add_article(draft)[0].id for draft in drafts]
        group_articles(store, ids, Settings())
    return ids


def draft(text: str, outlet: str, published: str | None = "2009-04-06") -> ArticleDraft:
    return ArticleDraft(origin=f"{outlet}.txt", text=text, outlet=outlet, published=published)


def story_of(store: SQLiteStore, article_id: int) -> int | None:
    return store.get_article(article_id).story_id


def test_same_event_worded_differently_by_two_outlets_is_one_story(fresh_store: SQLiteStore) -> None:
    ansa, guardian = add(fresh_store, draft(ITALY_ANSA, "ANSA"), draft(ITALY_GUARDIAN, "The Guardian"))
    assert story_of(fresh_store, ansa) == story_of(fresh_store, guardian) is not None
    assert fresh_store.get_article(guardian).duplicate_of is None  # reworded, not a copy


def test_two_different_earthquakes_do_not_merge(fresh_store: SQLiteStore) -> None:
    italy = add(fresh_store, draft(ITALY_ANSA, "ANSA"), draft(ITALY_GUARDIAN, "The Guardian"))
    haiti = add(fresh_store, draft(HAITI_AP, "AP", "2009-04-07"), draft(HAITI_BBC, "BBC", "2009-04-07"))
    assert story_of(fresh_store, haiti[0]) == story_of(fresh_store, haiti[1])
    assert story_of(fresh_store, italy[0]) != story_of(fresh_store, haiti[0])


def test_articles_sixty_days_apart_on_the_same_topic_stay_apart(fresh_store: SQLiteStore) -> None:
    march, may = add(
        fresh_store, draft(DAIRY_MARCH, "ADN", "2021-03-07"), draft(DAIRY_MAY, "KTUU", "2021-05-06")
    )
    assert story_of(fresh_store, march) != story_of(fresh_store, may)


def test_the_same_pair_days_apart_joins(fresh_store: SQLiteStore) -> None:
    march, later = add(
        fresh_store, draft(DAIRY_MARCH, "ADN", "2021-03-07"), draft(DAIRY_MAY, "KTUU", "2021-03-08")
    )
    assert story_of(fresh_store, march) == story_of(fresh_store, later)


def test_missing_dates_are_neutral(fresh_store: SQLiteStore) -> None:
    first, second = add(fresh_store, draft(DAIRY_MARCH, "ADN", None), draft(DAIRY_MAY, "KTUU", "2021-05-06"))
    assert story_of(fresh_store, first) == story_of(fresh_store, second)


def test_articles_arriving_one_at_a_time_join_existing_stories(fresh_store: SQLiteStore) -> None:
    ids = [add(fresh_store, item)[0] for item in corpus()]
    stories = {story_of(fresh_store, article_id) for article_id in ids}
    assert len(stories) == 3
    assert story_of(fresh_store, ids[0]) == story_of(fresh_store, ids[1])


def corpus() -> list[ArticleDraft]:
    return [
        draft(ITALY_ANSA, "ANSA"),
        draft(ITALY_GUARDIAN, "The Guardian"),
        draft(HAITI_AP, "AP", "2010-01-12"),
        draft(DAIRY_MARCH, "ADN", "2021-03-07"),
        draft(HAITI_BBC, "BBC", "2010-01-13"),
        draft(DAIRY_MAY, "KTUU", "2021-03-08"),
    ]


def snapshot(store: SQLiteStore) -> list[dict[str, object]]:
    return [story.as_dict() for story in list_stories(store)]


def test_same_order_gives_the_same_stories(tmp_path: Path) -> None:
    results = []
    for name in ("a.db", "b.db"):
        with open_store(tmp_path / name) as store:
            add(store, *corpus()[:3])
            add(store, *corpus()[3:])
            results.append(snapshot(store))
    assert results[0] == results[1]


def test_a_restarted_process_continues_where_the_last_one_stopped(tmp_path: Path) -> None:
    with open_store(tmp_path / "one.db") as store:
        add(store, *corpus()[:3])
        add(store, *corpus()[3:])
        continuous = snapshot(store)
    with open_store(tmp_path / "two.db") as store:
        add(store, *corpus()[:3])
    with open_store(tmp_path / "two.db") as store:  # a new process: index rebuilt from the store
        add(store, *corpus()[3:])
        assert snapshot(store) == continuous


def test_grouping_twice_changes_nothing(fresh_store: SQLiteStore) -> None:
    ids = add(fresh_store, *corpus())
    before = snapshot(fresh_store)
    group_articles(fresh_store, ids, Settings())
    assert snapshot(fresh_store) == before


def test_list_stories_reports_span_outlets_and_a_central_title(fresh_store: SQLiteStore) -> None:
    add(fresh_store, *corpus())
    haiti = next(s for s in list_stories(fresh_store) if any(a.outlet == "AP" for a in s.articles))
    assert (haiti.first_published, haiti.last_published) == ("2010-01-12", "2010-01-13")
    assert {a.outlet for a in haiti.articles} == {"AP", "BBC"}
    assert "earthquake" in haiti.title.lower()


def test_regroup_keeps_story_ids_and_membership_of_clear_stories(fresh_store: SQLiteStore) -> None:
    add(fresh_store, *corpus())
    before = snapshot(fresh_store)
    report = regroup(fresh_store, Settings())
    assert report.articles == 6
    assert snapshot(fresh_store) == before


def test_settings_fields_named_story_override_the_defaults() -> None:
    class Tuned:
        story_threshold = 0.5

    assert StoryOptions.from_settings(Tuned()).threshold == 0.5  # type: ignore[arg-type]
    assert StoryOptions.from_settings(Settings()).threshold == StoryOptions().threshold


def test_stories_command_prints_the_documented_json(tmp_path: Path) -> None:
    with open_store(tmp_path / "cli.db") as store:
        add(store, *corpus())
    result = CliRunner().invoke(stories_command, ["--db", str(tmp_path / "cli.db"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"stories"}
    first = data["stories"][0]
    assert set(first) == {"id", "title", "first_published", "last_published", "articles"}
    assert set(first["articles"][0]) == {"id", "origin", "outlet", "duplicate_of"}
