"""The dossier of a story, as a reader checks it: sources, contradictions, quotes, dates, citations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import SEEDS

from corroborator import Settings, ingest, open_store
from corroborator.analysis import analyse_articles
from corroborator.dossier import build_dossier, dossier_json, validate_dossier
from corroborator.facts import is_country, is_timestamp
from corroborator.store import SQLiteStore


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory: pytest.TempPathFactory) -> SQLiteStore:
    db = tmp_path_factory.mktemp("dossier") / "seeds.db"
    store = open_store(db)
    ingest(store, [str(SEEDS)], Settings(db_path=db))
    return store


@pytest.fixture(scope="module")
def seeds(seeds_store: SQLiteStore) -> dict[str, Any]:
    (story,) = {a.story_id for a in seeds_store.list_articles()}
    assert story is not None
    return build_dossier(seeds_store, story, Settings(db_path=seeds_store.path))


def _statement(dossier: dict[str, Any], words: str) -> dict[str, Any]:
    return next(s for s in dossier["statements"] if words in s["text"])


def _fact_of(dossier: dict[str, Any], statement_id: str) -> dict[str, Any]:
    return next(f for f in dossier["facts"] if statement_id in f["statements"])


def _side_values(conflict: dict[str, Any]) -> list[str]:
    return [side["value"] for side in conflict["sides"]]


def _sides(dossier: dict[str, Any], kind: str) -> list[list[str]]:
    """The side values of each of the dossier's conflicts of one kind ('number', 'place')."""
    return [_side_values(c) for c in dossier["conflicts"] if c["kind"] == kind]


def test_the_dossier_follows_its_schema(seeds: dict[str, Any]) -> None:
    validate_dossier(seeds)
    assert seeds["schema"] == "corroborator.dossier/1"


def test_same_input_gives_byte_identical_json(seeds_store: SQLiteStore, seeds: dict[str, Any]) -> None:
    again = build_dossier(seeds_store, int(seeds["story"]["id"][1:]), Settings(db_path=seeds_store.path))
    assert dossier_json(again) == dossier_json(seeds)


def test_every_statement_is_a_verbatim_span_of_its_article(
    seeds_store: SQLiteStore, seeds: dict[str, Any]
) -> None:
    texts = {f"a{a.id}": a.text for a in seeds_store.list_articles()}
    for statement in seeds["statements"]:
        assert texts[statement["article"]][statement["start"] : statement["end"]] == statement["text"]


def test_sanctions_year_contradiction_has_both_sides(seeds: dict[str, Any]) -> None:
    conflict = next(c for c in seeds["conflicts"] if c["kind"] == "year")
    assert sorted(_side_values(conflict)) == ["2016", "2020"]
    by_value = {side["value"]: side for side in conflict["sides"]}
    assert "ANI" in by_value["2016"]["outlets"]
    stated_2020 = [s for s in seeds["statements"] if s["id"] in by_value["2020"]["statements"]]
    assert all("2020" in s["text"] for s in stated_2020)


def test_wounds_contradiction_sits_inside_one_article_with_two_sources(seeds: dict[str, Any]) -> None:
    conflict = next(c for c in seeds["conflicts"] if c["kind"] == "body part")
    assert _side_values(conflict) == ["arm and foot", "arm, leg, and chest"]
    assert [side["origins"] for side in conflict["sides"]] == [["Kommersant"], ["Svetlana Petrenko"]]
    assert all(side["outlets"] == ["ANI"] for side in conflict["sides"])


def test_no_contradiction_for_mere_differences_in_detail(seeds: dict[str, Any]) -> None:
    kinds = sorted(c["kind"] for c in seeds["conflicts"])
    assert kinds == ["body part", "year"]


def test_al_jazeera_attributed_statements_count_for_al_jazeera(seeds: dict[str, Any]) -> None:
    statement = _statement(seeds, "hospitalised in Moscow in an apparent assassination attempt")
    assert statement["attributed_to"] == "Al Jazeera"
    assert statement["attribution"] == "reported Al Jazeera"
    assert "Al Jazeera" in _fact_of(seeds, statement["id"])["origins"]
    assert "ANI" not in _fact_of(seeds, statement["id"])["origins"]


def test_single_source_facts_of_each_outlet(seeds: dict[str, Any]) -> None:
    single = [f for f in seeds["facts"] if f["status"] == "single_source"]
    outlets = {o for f in single for o in f["outlets"]}
    assert {"ANI", "001_90b4392d05c0be90.txt", "004_0b86b8ad89865fc3.txt"} <= outlets


def test_corroboration_needs_two_independent_origins(seeds: dict[str, Any]) -> None:
    for fact in seeds["facts"]:
        assert fact["independent_origins"] == len(fact["origins"])
        if fact["status"] == "corroborated":
            assert fact["independent_origins"] >= 2
        if fact["status"] == "single_source":
            assert fact["independent_origins"] == 1


def test_quotes_have_their_speakers(seeds: dict[str, Any]) -> None:
    names = {e["id"]: e["name"] for e in seeds["entities"]}
    peskov = next(q for q in seeds["quotes"] if q["text"].startswith("It is clear that military commanders"))
    assert peskov["direct"] and "Peskov" in names[peskov["speaker"]]
    split = next(q for q in seeds["quotes"] if q["text"].startswith("But it is not the Kremlin"))
    assert split["speaker"] == peskov["speaker"]  # a quote continued after "said Peskov"
    prokopenko = next(q for q in seeds["quotes"] if "will not sleep peacefully" in q["text"])
    assert "Prokopenko" in names[prokopenko["speaker"]]
    assert any(not q["direct"] and "Lavrov" in (q["speaker_name"] or "") for q in seeds["quotes"])


def test_timeline_is_dated_and_tied_to_facts(seeds: dict[str, Any]) -> None:
    fact_ids = {f["id"] for f in seeds["facts"]}
    dates = {(e["date"], e["precision"]) for e in seeds["timeline"]}
    assert {("2018", "year"), ("2016", "year"), ("2022", "year")} <= dates
    assert ("2017", "year") in dates  # "the following year", after 2016
    assert all(set(e["facts"]) <= fact_ids for e in seeds["timeline"])
    assert [e["date"] for e in seeds["timeline"]] == sorted(e["date"] for e in seeds["timeline"])


def test_summary_cites_existing_facts_and_states_contested_points(seeds: dict[str, Any]) -> None:
    facts = {f["id"]: f for f in seeds["facts"]}
    assert seeds["summary"]
    for entry in seeds["summary"]:
        assert entry["facts"] and set(entry["facts"]) <= set(facts)
    contested = [e["text"] for e in seeds["summary"] if e["text"].startswith("Contested")]
    assert len(contested) == 2
    assert any("2016" in text and "2020" in text for text in contested)


def test_rebuilding_reuses_the_cached_analysis(seeds_store: SQLiteStore, seeds: dict[str, Any]) -> None:
    ids = [a.id for a in seeds_store.list_articles()]
    report = analyse_articles(seeds_store, ids, Settings(db_path=seeds_store.path))
    assert sorted(report.cached) == ids and report.analysed == []


def _pair_dossier(tmp_path: Path, second_text: str) -> dict[str, Any]:
    first = (
        "Title: Riverton flood\nOutlet: Daily Example\nPublished: 2026-03-14\n\n"
        "About 2,000 residents of Riverton were evacuated on Saturday after the Alder River burst its banks, "
        "the mayor said.\nThe regional weather office said 140mm of rain had fallen since Wednesday.\n"
    )
    second = "Title: Flood in Riverton\nOutlet: Example Wire\nPublished: 2026-03-14\n\n" + second_text
    tmp_path.mkdir()
    return _two_article_dossier(tmp_path, first, second)


def _two_article_dossier(tmp_path: Path, first: str, second: str) -> dict[str, Any]:
    """The dossier of a story of two articles (each a text file with its header lines)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "a.txt").write_text(first)
    (tmp_path / "b.txt").write_text(second)
    db = tmp_path / "pair.db"
    with open_store(db) as store:
        ingest(store, [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], Settings(db_path=db, group=False))
        store.conn.execute("UPDATE articles SET story_id = 1")
        return build_dossier(store, 1, Settings(db_path=db))


def test_an_edited_number_is_a_conflict_and_the_unedited_copy_is_not(tmp_path: Path) -> None:
    control = (
        "Some 2,000 people were evacuated from Riverton on Saturday "
        "as the Alder River overflowed, officials said.\n"
    )
    edited = control.replace("2,000", "5,000")

    assert _pair_dossier(tmp_path / "control", control)["conflicts"] == []
    conflicts = _pair_dossier(tmp_path / "edited", edited)["conflicts"]
    assert [c["kind"] for c in conflicts] == ["number"]
    assert [side["value"] for side in conflicts[0]["sides"]] == ["About 2,000", "Some 5,000"]
    assert [side["outlets"] for side in conflicts[0]["sides"]] == [["Daily Example"], ["Example Wire"]]


def _quake_pair(tmp_path: Path, first_text: str, second_text: str) -> dict[str, Any]:
    return _two_article_dossier(
        tmp_path,
        "Title: Quake on the island\nOutlet: Daily Example\nPublished: 2026-03-15\n\n" + first_text,
        "Title: Earthquake shakes the island\nOutlet: Example Wire\nPublished: 2026-03-15\n\n" + second_text,
    )


def test_a_magnitude_conflicts_across_differently_worded_reports(tmp_path: Path) -> None:
    dossier = _quake_pair(
        tmp_path,
        "A 6.1-magnitude quake struck Qeshm island on Sunday, state media said.\n",
        "The seismological centre said the earthquake that hit the island of Qeshm measured magnitude-5.9.\n",
    )
    assert [(c["about"], [s["value"] for s in c["sides"]]) for c in dossier["conflicts"]] == [
        ("the magnitude", ["6.1", "5.9"])
    ]


def test_a_background_quake_dated_to_another_month_is_no_conflict(tmp_path: Path) -> None:
    dossier = _quake_pair(
        tmp_path,
        "A 6.1-magnitude quake struck Qeshm island on Sunday, killing 10 people.\n",
        "In February, a quake measuring 6.4 on the Richter scale hit the town of Zarand, "
        "killing 612 people.\n",
    )
    assert dossier["conflicts"] == []


def test_a_districts_toll_is_not_the_events_toll(tmp_path: Path) -> None:
    dossier = _quake_pair(
        tmp_path,
        "The earthquake on the island killed 24 people and injured 249, the disaster agency said.\n",
        "In the neighbouring Central Aceh district, 10 people were killed by the earthquake, "
        "the agency said.\n",
    )
    assert dossier["conflicts"] == []


def _questions(dossier: dict[str, Any]) -> list[tuple[str, list[str]]]:
    return [(c["about"], _side_values(c)) for c in dossier["conflicts"]]


def test_two_days_for_one_happening_conflict(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: Navy foils attack\nOutlet: Daily Example\nPublished: 2011-11-11\n\n"
        "The Indian Navy on Thursday thwarted a pirate attack on merchant vessels in the Gulf of Aden.\n",
        "Title: Warship foils pirates\nOutlet: Example Wire\nPublished: 2011-11-11\n\n"
        "An Indian warship foiled a pirate attack on merchant vessels in the Gulf of Aden on Friday.\n",
    )
    assert _questions(dossier) == [("the day it happened", ["Thursday", "Friday"])]


def test_the_day_aid_arrived_is_not_the_day_of_the_quake(tmp_path: Path) -> None:
    dossier = _quake_pair(
        tmp_path,
        "A powerful earthquake hit the island of Qeshm on Sunday, killing 10 people.\n",
        "Rescue workers handed out blankets on Monday to survivors of the earthquake that hit Qeshm.\n",
    )
    assert dossier["conflicts"] == []


def test_no_casualties_contradicts_a_toll(tmp_path: Path) -> None:
    dossier = _quake_pair(
        tmp_path,
        "A local official said at least 12 people were killed in the bombing of the refugee camp.\n",
        "Aid workers said no one was killed in the bombing of the refugee camp.\n",
    )
    assert _questions(dossier) == [("the number of dead", ["at least 12", "no one"])]


def test_an_age_conflicts_for_the_person_it_belongs_to(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: Man in court\nOutlet: Daily Example\nPublished: 2010-06-05\n\n"
        "John Jenkin is due in court over the murders of Alice McMeekin, 58, and Kathryn Jenkin, 20.\n",
        "Title: Victims named\nOutlet: Example Wire\nPublished: 2010-06-05\n\n"
        "The victims were named as Alice McMeekin, 58, of Millom and her 22-year-old daughter "
        "Kathryn Jenkin.\n",
    )
    [(about, values)] = _questions(dossier)
    assert about.startswith("the age of Kathryn") and values == ["20", "22-year-old"]


def test_a_time_in_gmt_does_not_contradict_a_local_time(tmp_path: Path) -> None:
    dossier = _quake_pair(
        tmp_path,
        "Our reporter arrived at the refugee camp at about 12:00 GMT as the bombs hit.\n",
        "The refugee camp was bombed at approximately 3:00 pm, the agency said.\n",
    )
    assert dossier["conflicts"] == []


def test_a_price_conflicts_when_both_reports_give_it_for_one_deal(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: AMD buys SeaMicro\nOutlet: Daily Example\nPublished: 2012-03-01\n\n"
        "Advanced Micro Devices on Wednesday announced a deal to acquire startup SeaMicro, a maker of "
        "microservers, for $334 million.\n",
        "Title: AMD to buy server maker\nOutlet: Example Wire\nPublished: 2012-03-01\n\n"
        "In a bold move into servers, AMD will acquire low-power specialist SeaMicro for $384 million.\n",
    )
    assert _questions(dossier) == [("the number (money)", ["$334 million", "$384 million"])]


def test_a_time_of_the_main_event_conflicts_however_differently_it_is_told(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: Earthquake rattles wine country\nOutlet: Daily Example\nPublished: 2013-01-24\n\n"
        "A magnitude 4.6 earthquake rattled wine country early Thursday.\n"
        "The quake occurred at 2:09 a.m. near Healdsburg and had a depth of 1.2 miles.\n",
        "Title: Quake wakes Napa\nOutlet: Example Wire\nPublished: 2013-01-24\n\n"
        "An earthquake woke residents across the valley on Thursday.\n"
        "The Napa Valley was shaken at 3:09 a.m. by a magnitude 4.6 earthquake located near Clearlake.\n",
    )
    assert _questions(dossier) == [("the time of day", ["2:09 a.m.", "3:09 a.m."])]


def test_two_streets_conflict_and_a_street_typed_as_a_person_is_still_a_street(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: Jewellery store robbed\nOutlet: Daily Example\nPublished: 2013-07-30\n\n"
        "Thieves robbed the Casty jewellery store in Paris on Monday.\n"
        "Police are going through the site of the robbery at the store on Rue de Castiglione.\n",
        "Title: Paris jewellery raid\nOutlet: Example Wire\nPublished: 2013-07-30\n\n"
        "Thieves robbed a jewellery store in central Paris on Monday.\n"
        "Four men drove a car through the front window of the store on Rue de Rivoli.\n",
    )
    assert _questions(dossier) == [("where it happened", ["Rue de Castiglione", "Rue de Rivoli"])]


def test_places_of_two_kinds_may_nest_and_do_not_conflict(tmp_path: Path) -> None:
    dossier = _quake_pair(
        tmp_path,
        "A magnitude 4.6 quake was recorded in the North Bay this morning.\n",
        "The quake occurred on the Maacama Fault this morning.\n",
    )
    assert dossier["conflicts"] == []


def test_the_town_where_one_person_died_conflicts(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: Esther Williams dies\nOutlet: Daily Example\nPublished: 2013-06-07\n\n"
        "Esther Williams, the swimming star, died on Thursday in Beverly Hills, California.\n",
        "Title: Swimming star dies at 91\nOutlet: Example Wire\nPublished: 2013-06-07\n\n"
        "Esther Williams died peacefully in her sleep Thursday in Palm Springs, her spokesman said.\n",
    )
    assert _questions(dossier) == [("where it happened", ["Beverly Hills", "Palm Springs"])]


def test_two_robberies_in_two_towns_are_no_conflict(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: Paris jewellery raid\nOutlet: Daily Example\nPublished: 2013-07-30\n\n"
        "Four men rammed their car into a jewellery store in Paris on Monday in a daring robbery.\n",
        "Title: Another jewellery raid\nOutlet: Example Wire\nPublished: 2013-07-30\n\n"
        "The robbery in Paris comes weeks after a gunman carried out a robbery in Cannes.\n",
    )
    assert dossier["conflicts"] == []


def test_a_modal_keeps_its_own_clause_from_committing_to_figures(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: Inmate escapes\nOutlet: Daily Example\nPublished: 2010-11-23\n\n"
        "An inmate escaped from a prison van on Monday after pulling a gun on two guards who were "
        "transporting him.\n",
        "Title: Escaped inmate hunted\nOutlet: Example Wire\nPublished: 2010-11-23\n\n"
        "Officials could answer few questions about how the inmate escaped from a prison van on Monday after "
        "pulling a gun on three guards who were transporting him.\n",
    )
    assert [values for _, values in _questions(dossier)] == [["two", "three"]]


def test_a_shot_to_the_temple_is_a_shot_in_the_head(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: Man convicted\nOutlet: Daily Example\nPublished: 2014-03-28\n\n"
        "Prosecutors said Simpson shot Flynn twice in the head in the car.\n",
        "Title: Jury convicts man\nOutlet: Example Wire\nPublished: 2014-03-28\n\n"
        "A photograph showed Flynn shot in the temple in the car, prosecutors said.\n",
    )
    assert dossier["conflicts"] == []


def test_a_count_of_the_main_event_conflicts_across_wordings(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: Teen shot by police\nOutlet: Daily Example\nPublished: 2013-03-14\n\n"
        "Police shot a teenager in Brooklyn on Saturday night.\n"
        "Gray, 16, was shot eleven times after police said he pulled out a revolver in East Flatbush.\n",
        "Title: Autopsy released\nOutlet: Example Wire\nPublished: 2013-03-14\n\n"
        "Police shot a teenager in Brooklyn on Saturday night.\n"
        "On Wednesday the autopsy showed that the boy had been shot seven times, three of them "
        "from the rear.\n",
    )
    assert ("the number of times (shoot)", ["eleven", "seven"]) in _questions(dossier)


def test_days_of_two_peoples_doings_do_not_conflict(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: Saints lose Thomas\nOutlet: Daily Example\nPublished: 2010-12-02\n\n"
        "The Saints placed Pierre Thomas on injured reserve on Wednesday with an ankle injury.\n",
        "Title: Saints lose Ivory\nOutlet: Example Wire\nPublished: 2010-12-02\n\n"
        "The Saints placed rookie Chris Ivory on injured reserve on Tuesday with a foot injury.\n",
    )
    assert [c["kind"] for c in dossier["conflicts"]] == []


def test_each_players_points_are_their_own(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: Creighton beats Drake\nOutlet: Daily Example\nPublished: 2013-03-08\n\n"
        "Creighton defeated Drake 65-53 on Friday.\n"
        "Doug McDermott scored 23 points as Creighton defeated Drake.\n",
        "Title: Bluejays roll\nOutlet: Example Wire\nPublished: 2013-03-08\n\n"
        "Creighton defeated Drake 65-53 on Friday.\n"
        "Will Artino scored 14 points off the bench as Creighton defeated Drake.\n",
    )
    assert dossier["conflicts"] == []


def test_a_denied_figure_is_not_asserted(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: Angels bid for Teixeira\nOutlet: Daily Example\nPublished: 2008-12-13\n\n"
        "The Angels have offered Mark Teixeira an eight-year contract worth $160 million.\n",
        "Title: Teixeira weighs offers\nOutlet: Example Wire\nPublished: 2008-12-13\n\n"
        "None of the other teams has been reported to have offered Mark Teixeira a contract of "
        "more than seven years.\n",
    )
    assert dossier["conflicts"] == []


def test_a_town_the_story_names_as_a_region_does_not_conflict_with_its_parts(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: Teen shot\nOutlet: Daily Example\nPublished: 2013-03-14\n\n"
        "Police shot and killed Kimani Gray in Brooklyn on Saturday night.\n",
        "Title: Vigil turns violent\nOutlet: Example Wire\nPublished: 2013-03-14\n\n"
        "Police shot and killed Kimani Gray in East Flatbush on Saturday night.\n"
        "Protesters gathered in East Flatbush, Brooklyn, on Monday.\n",
    )
    assert [c["about"] for c in dossier["conflicts"]] == []


def test_the_day_of_an_explosion_conflicts_however_it_is_told(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: Bomb kills officer\nOutlet: Daily Example\nPublished: 2008-12-13\n\n"
        "A bomb at a bank in Woodburn killed a police officer and a bomb technician.\n"
        "The explosion occurred Friday afternoon at a bank branch office in the town.\n",
        "Title: Bank bomb kills two\nOutlet: Example Wire\nPublished: 2008-12-13\n\n"
        "A bomb at a bank in Woodburn killed a police officer and a bomb technician.\n"
        "A bomb exploded at an Oregon bank late Thursday, killing two men.\n",
    )
    assert ("the day it happened", ["Friday", "late Thursday"]) in _questions(dossier)


def test_how_long_two_different_things_last_is_no_conflict(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: Apple refreshes laptop\nOutlet: Daily Example\nPublished: 2009-01-07\n\n"
        "Apple launched a new 17-inch MacBook Pro with an eight-hour battery life.\n",
        "Title: New MacBook Pro\nOutlet: Example Wire\nPublished: 2009-01-07\n\n"
        "Apple launched a new 17-inch MacBook Pro and says its battery lasts five years.\n",
    )
    assert dossier["conflicts"] == []


@pytest.mark.parametrize(
    ("anchor", "about"),
    [
        ("age/person:e7", "the age of Kathryn Jenkin"),
        ("age/woman", "the age of the woman"),
        ("length/person:e7", "the distance (Kathryn Jenkin)"),
        ("point@score/person:e7", "the number of points (score, Kathryn Jenkin)"),
        ("time@shoot", "the number of times (shoot)"),
        ("people/dead", "the number of dead"),
    ],
)
def test_a_conflicts_question_names_whose_figure_it_is(anchor: str, about: str) -> None:
    from corroborator.conflicts import _number_about

    assert _number_about(anchor, {"e7": "Kathryn Jenkin"}) == about


def _undated_pair(tmp_path: Path, first_text: str, second_text: str) -> dict[str, Any]:
    """Two reports with no publication date (as many archived articles are)."""
    return _two_article_dossier(
        tmp_path,
        "Title: Report\nOutlet: Daily Example\n\n" + first_text,
        "Title: Story\nOutlet: Example Wire\n\n" + second_text,
    )


def test_a_named_persons_two_offices_conflict(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: Charges laid\nOutlet: Daily Example\nPublished: 2009-01-07\n\n"
        "Two men have been charged with polygamy, Attorney General Wally Oppal said in a statement.\n",
        "Title: Polygamy case\nOutlet: Example Wire\nPublished: 2009-01-07\n\n"
        "Last June, British Columbia Solicitor General Wally Oppal appointed a special prosecutor.\n",
    )
    assert _questions(dossier) == [("the title of Wally Oppal", ["Attorney General", "Solicitor General"])]


def test_a_rank_and_a_post_of_one_person_are_no_conflict(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: General shot\nOutlet: Daily Example\nPublished: 2026-02-06\n\n"
        "Lieutenant General Vladimir Alekseyev was shot in Moscow on Friday.\n",
        "Title: Officer wounded\nOutlet: Example Wire\nPublished: 2026-02-06\n\n"
        "Vladimir Alekseyev, deputy chief of military intelligence, was shot in Moscow on Friday.\n",
    )
    assert _sides(dossier, "title") == []


def test_a_weekday_of_an_undated_report_still_conflicts(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: Arrest\nOutlet: Daily Example\nPublished: 2009-01-07\n\n"
        "Jackson was arrested on the DUI charge early Tuesday morning by the California Highway Patrol.\n",
        "Title: Player arrested\nOutlet: Example Wire\n\n"
        "Jackson was arrested by the California Highway Patrol early Monday morning after failing "
        "sobriety tests.\n",
    )
    assert _questions(dossier) == [("the day it happened", ["early Tuesday", "early Monday"])]


def test_an_undated_reports_month_dates_another_event(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "A 5.6 magnitude earthquake hit an island off Iran's southern coast on Sunday, injuring five "
        "people.\n",
        "A powerful quake with a magnitude of 6.1 struck southern Iran in September near Bandar Abbas.\n",
    )
    assert dossier["conflicts"] == []


def test_where_a_person_is_from_does_not_narrow_a_toll(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "A New Bedford man has been arrested in the slayings of two women found in an apartment.\n",
        "Gary Gomes of New Bedford, Massachusetts, accused in the deaths of three women found in a city "
        "apartment, appeared in court today.\n",
    )
    assert [_side_values(c) for c in dossier["conflicts"]] == [["two", "three"]]


def test_a_group_of_the_dead_larger_than_the_whole_toll_conflicts(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: Party shooting\nOutlet: Daily Example\nPublished: 2008-12-20\n\n"
        "One person was killed at the office Christmas party in Vancouver on Friday night.\n",
        "Title: Gunman at a party\nOutlet: Example Wire\nPublished: 2008-12-20\n\n"
        "Two men were killed at the office Christmas party in Vancouver on Friday night.\n",
    )
    assert [_side_values(c) for c in dossier["conflicts"]] == [["One", "Two"]]


def test_a_group_within_the_whole_toll_is_no_conflict(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: Party shooting\nOutlet: Daily Example\nPublished: 2008-12-20\n\n"
        "Three people were killed at the office Christmas party in Vancouver on Friday night.\n",
        "Title: Gunman at a party\nOutlet: Example Wire\nPublished: 2008-12-20\n\n"
        "Two men were killed at the office Christmas party in Vancouver on Friday night.\n",
    )
    assert dossier["conflicts"] == []


def test_a_place_in_one_clause_does_not_narrow_a_count_in_the_next(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: Inmate escapes\nOutlet: Daily Example\nPublished: 2008-11-18\n\n"
        "A Texas inmate escaped from a prison van near Houston after pulling a gun on two guards.\n",
        "Title: Escape\nOutlet: Example Wire\nPublished: 2008-11-18\n\n"
        "Officials said the inmate escaped from a prison van in Baytown after pulling a gun "
        "on three guards.\n",
    )
    assert [_side_values(c) for c in dossier["conflicts"]] == [["two", "three"]]


def test_an_unnamed_age_in_the_lead_is_the_protagonists(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "A 35-year-old New Bedford man is awaiting a murder arraignment after police arrested him.\n"
        "Gary Gomes was arrested late Tuesday night at his home.\n"
        "The prosecutor says Gomes was barricaded inside with a third person.\n",
        "Gary Gomes, 38, of New Bedford pleaded not guilty to two counts of murder.\n",
    )
    assert _questions(dossier) == [("the age of Gary Gomes", ["35-year-old", "38"])]


def test_undated_weekdays_of_different_deeds_are_no_conflict(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "The coroner said Fred LaRue died Saturday of natural causes in his motel room.\n",
        "Fred LaRue was found dead in his room at the Sun Tan Motel Tuesday morning, officials said.\n",
    )
    assert _sides(dossier, "date") == []


def test_an_unnamed_victims_age_is_not_the_protagonists(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "Police say a 59-year-old woman died after being struck by a vehicle in Queens on Friday night.\n"
        "Vishwanand Subryan was arrested several blocks away.\nSubryan was charged with manslaughter.\n",
        "Vishwanand Subryan, 23, was arrested after a woman was struck by a vehicle in Queens on Friday.\n",
    )
    assert [c for c in dossier["conflicts"] if c["about"].startswith("the age")] == []


@pytest.mark.parametrize(
    "line",
    [
        "UPDATED: TUESDAY, MARCH 12, 2013, 9:36 AM",
        "May 3, 2013 | 8:20 am",
        "21 July 2013 Last updated at 11:11 GMT",
        "First Posted: 08/04/11 06:44 PM ET Updated: 10/04/11 06:12 AM ET",
    ],
)
def test_a_pages_time_stamp_gives_no_values(line: str) -> None:
    assert is_timestamp(line)


def test_a_sentence_that_mentions_an_update_is_no_time_stamp() -> None:
    assert not is_timestamp("The report was updated on Monday to show 10 dead.")
    assert not is_timestamp("At 2:09 a.m. the quake struck.")


def test_clock_times_of_two_different_happenings_are_no_conflict(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "The fire at the old Palmer hotel broke out at 3:30 a.m., firefighters said.\n",
        "The first emergency call from the Palmer hotel came in at 3:50 a.m. from a visitor.\n",
    )
    assert dossier["conflicts"] == []


def test_the_year_of_a_persons_once_in_a_life_event_compares_however_it_is_told(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: Cheeks fired\nOutlet: Daily Example\nPublished: 2008-12-14\n\n"
        "The 76ers fired coach Maurice Cheeks on Saturday.\n"
        "Cheeks also played with San Antonio, New York, Atlanta and New Jersey before retiring in 1993.\n",
        "Title: Sixers fire coach\nOutlet: Example Wire\nPublished: 2008-12-14\n\n"
        "Maurice Cheeks was fired by the 76ers on Saturday.\nCheeks was in his fourth season as coach.\n"
        "He retired in 1991 as the league's all-time leader in steals.\n",
    )
    assert [_side_values(c) for c in dossier["conflicts"]] == [["1993", "1991"]]


def test_a_country_does_not_narrow_a_toll(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: Riots\nOutlet: Daily Example\nPublished: 2008-12-14\n\n"
        "Riots spread from the capital to a dozen other cities, with at least 70 people injured.\n",
        "Title: Rioting\nOutlet: Example Wire\nPublished: 2008-12-14\n\n"
        "The shooting has sparked the worst rioting in Greece in decades, with at least 90 people injured.\n",
    )
    assert [_side_values(c) for c in dossier["conflicts"]] == [["at least 70", "at least 90"]]
    assert is_country("Greece") and is_country("Massachusetts") and not is_country("Central Aceh")


def test_one_articles_timeline_of_two_sources_is_no_conflict(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "Howell reminded the jury that Flynn's roommate testified Flynn left their apartment around "
        "10:30 p.m. April 8.\n"
        "Between 10:37 and 10:58 p.m. April 8, the pay-as-you-go phone called Flynn's phone six times.\n",
        "The jury in the Flynn murder trial deliberated for almost seven hours.\n",
    )
    assert _sides(dossier, "time") == []


def test_offers_of_two_organisations_are_no_conflict(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: Teixeira offers\nOutlet: Daily Example\nPublished: 2008-12-20\n\n"
        "The Washington Nationals made Mark Teixeira an eight-year, $160 million offer.\n",
        "Title: Red Sox bid\nOutlet: Example Wire\nPublished: 2008-12-20\n\n"
        "The Boston Red Sox made Mark Teixeira an eight-year, $184 million offer.\n",
    )
    assert _sides(dossier, "number") == []


def test_an_undated_reports_day_of_a_month_conflicts_for_one_deed(tmp_path: Path) -> None:
    convicted = "Maria Garcia was convicted Nov. 12 of fraud by a jury in Denver.\n"
    control = _undated_pair(
        tmp_path / "control", convicted, "On November 12, a jury in Denver convicted Maria Garcia of fraud.\n"
    )
    edited = _undated_pair(
        tmp_path / "edited", convicted, "On November 19, a jury in Denver convicted Maria Garcia of fraud.\n"
    )
    assert control["conflicts"] == []
    assert _questions(edited) == [("the day it happened", ["Nov. 12", "November 19"])]
    other_deed = _undated_pair(tmp_path / "deed", convicted, "Maria Garcia was sentenced on November 19.\n")
    assert other_deed["conflicts"] == []


def test_a_year_that_dates_a_noun_does_not_date_the_clause(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "Maria Garcia was convicted Nov. 12 of fraud over losses of clients just before Christmas 2002.\n",
        "On November 19, a jury in Denver convicted Maria Garcia of fraud.\n",
    )
    assert [_side_values(c) for c in dossier["conflicts"]] == [["Nov. 12", "November 19"]]


def test_a_death_toll_put_at_another_figure_conflicts(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: School shelled\nOutlet: Daily Example\nPublished: 2009-01-07\n\n"
        "The shelling of the school killed 40 people, the UN said.\n",
        "Title: UN school\nOutlet: Example Wire\nPublished: 2009-01-07\n\n"
        "A UN spokesman put the death toll of the shelling at 46.\n"
        "Three people were killed when soldiers shelled another school in the city.\n",
    )
    assert [_side_values(c) for c in dossier["conflicts"]] == [["40", "46"]]


def test_a_things_size_conflicts_but_a_range_of_models_does_not(tmp_path: Path) -> None:
    phone = _undated_pair(
        tmp_path / "phone",
        "The new phone will have a full keyboard and a 2.44-inch display.\n",
        "The new phone also packs a 2.8-inch colour display and a speakerphone.\n",
    )
    assert _questions(phone) == [("the size of the display (inch)", ["2.44-inch", "2.8-inch"])]
    laptops = _undated_pair(
        tmp_path / "laptops",
        "The 11-inch models of the new laptop will start at $999.\n",
        "The 13-inch models of the new laptop start at $1,199.\n",
    )
    assert [c for c in laptops["conflicts"] if "size" in c["about"]] == []


def test_the_price_of_one_acquisition_conflicts_across_wordings(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "Analysts say Hewlett-Packard's $13.9 billion acquisition of Electronic Data Systems will pay off.\n",
        "The computer maker Hewlett-Packard will buy Electronic Data Systems for $15.9 billion, they said.\n",
    )
    assert [_side_values(c) for c in dossier["conflicts"]] == [["$13.9 billion", "$15.9 billion"]]


def test_the_cash_part_of_a_price_is_no_conflict(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "AMD agreed to buy ATI for around $5.4 billion in cash and stock, the companies announced.\n",
        "The purchase of ATI is a combination of $4.2 billion in cash and 57 million shares of AMD stock.\n",
    )
    assert dossier["conflicts"] == []


def test_where_a_company_is_based_conflicts(tmp_path: Path) -> None:
    based = "AMD agreed to buy Markham, Ont-based ATI for around $5.4 billion, the companies announced.\n"
    control = _undated_pair(
        tmp_path / "control", based, "ATI will keep its headquarters in Markham, Ontario.\n"
    )
    edited = _undated_pair(
        tmp_path / "edited", based, "ATI will keep its headquarters in Waterloo, Ontario.\n"
    )
    assert control["conflicts"] == []
    assert _questions(edited) == [("where the company is based", ["Markham", "Waterloo"])]


def test_an_undated_weekday_of_one_companys_deed_conflicts(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "Microsoft Wednesday took the rare step of issuing the patch for Internet Explorer.\n",
        "Microsoft released a critical security patch on Thursday to plug holes in Internet Explorer.\n",
    )
    assert [_side_values(c) for c in dossier["conflicts"]] == [["Wednesday", "Thursday"]]


def test_what_happened_to_one_group_conflicts(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "The Indian navy said it arrested 23 pirates who threatened a merchant vessel in the Gulf of Aden.\n",
        "The Indian navy has killed 23 pirates who threatened a merchant vessel in the Gulf of Aden.\n",
    )
    assert _questions(dossier) == [("what happened to the 23 pirates", ["arrested", "killed"])]


def test_the_town_of_a_named_clinic_conflicts(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "Tara Reid, 33, has checked into the Promises Treatment Center in Malibu, her publicist said.\n",
        "The actress had checked into the Promises Treatment Center in Palm Springs last week.\n",
    )
    assert [_side_values(c) for c in dossier["conflicts"]] == [["Malibu", "Palm Springs"]]


def test_the_year_of_a_named_work_conflicts(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        'Following her breakthrough in 1999\'s "American Pie," the actress was known for her parties.\n',
        "The actress, who shot to fame in 1997 movie American Pie, decided to check in last week.\n",
    )
    assert [_side_values(c) for c in dossier["conflicts"]] == [["1999", "1997"]]


def test_a_spokesman_is_not_the_one_an_unnamed_age_belongs_to(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "Police allege Eric Kirkpatrick, 61, opened fire at the office Christmas party.\n",
        "A 66-year-old Vancouver man was charged in the fatal shooting at an office Christmas party.\n"
        "Eric Kirkpatrick faces one count of first-degree murder, police spokesman Tim Fanning said.\n"
        "Kirkpatrick was let go by his employer last Thursday, Fanning said.\n"
        "The others escaped without injury, Fanning said.\n",
    )
    assert [_side_values(c) for c in dossier["conflicts"]] == [["61", "66-year-old"]]


def test_new_york_headquarters_are_the_citys(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "EYP MCF is headquartered in New York, the company said.\n",
        "EYP, based in Chicago, has 350 employees spread through 13 offices.\n",
    )
    assert [_side_values(c) for c in dossier["conflicts"]] == [["New York", "Chicago"]]


def test_tolls_dated_to_one_past_event_conflict(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: Sentenced\nOutlet: Daily Example\nPublished: 2008-12-13\n\n"
        "Judge Anne Barrow sentenced Nichols to life terms for the March 11, 2005, attack that left four "
        "people dead.\n",
        "Title: Profile\nOutlet: Example Wire\nPublished: 2008-12-13\n\n"
        "He is the former football player who went on a shooting rampage at an Atlanta courthouse in 2005, "
        "killing five people.\n",
    )
    assert _sides(dossier, "number") == [["four", "five"]]


def test_the_left_and_the_right_knee_conflict_and_a_knee_fits_either(tmp_path: Path) -> None:
    left = "Reggie Bush had surgery to repair the meniscus on his left knee, the Saints said.\n"
    right = _undated_pair(tmp_path / "right", left, "Reggie Bush sprained a ligament in his right knee.\n")
    plain = _undated_pair(tmp_path / "plain", left, "Reggie Bush sprained a ligament in his knee.\n")
    assert [_side_values(c) for c in right["conflicts"]] == [["left knee", "right knee"]]
    assert plain["conflicts"] == []


def test_an_undated_day_of_one_deed_to_one_thing_conflicts(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "Internet services in Egypt were cut after the submarine cables were damaged off Italy on Friday.\n",
        "The cause was three international underwater cables that were damaged Wednesday.\n",
    )
    assert [_side_values(c) for c in dossier["conflicts"]] == [["Friday", "Wednesday"]]


def test_two_prisons_where_one_man_was_found_dead_conflict(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "Gaetano Lo Presti, 52, was found dead in Pagliarelli prison only hours after his arrest.\n",
        "Gaetano Lo Presti was found dead in Ucciardone prison in Palermo, police said.\n",
    )
    assert _questions(dossier) == [("where it happened", ["Pagliarelli prison", "Ucciardone prison"])]


def test_what_one_person_was_paid_conflicts_across_wordings(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "Gary Ross ended up taking a relatively low $3 million to write and direct the film.\n",
        "Gary Ross was paid $5 million for co-writing and directing the film.\n",
    )
    assert [_side_values(c) for c in dossier["conflicts"]] == [["$3 million", "$5 million"]]


def test_a_rounds_count_does_not_conflict_with_the_fights(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "Klitschko, who was coming off an 11th-round knockout of Tony Thompson in July, "
        "landed 178 punches to just 30 for Rahman.\n",
        "Wladimir Klitschko dominated Hasim Rahman from the start.\nRahman barely threw a punch.\n"
        "In the sixth, he landed one punch.\n",
    )
    assert _sides(dossier, "number") == []


def test_two_reports_only_counts_of_one_thing_conflict_whatever_their_verbs(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "The ministry says three undersea Internet cables were cut off the coast of Sicily, "
        "disrupting traffic between Italy and Egypt.\n",
        "A total of four undersea cables went down off Sicily, disrupting Internet traffic to Egypt.\n",
    )
    assert _questions(dossier) == [("the number of cables", ["three", "four"])]


def test_counts_of_one_noun_for_two_deeds_or_told_again_are_no_conflict(tmp_path: Path) -> None:
    deeds = _undated_pair(
        tmp_path / "deeds",
        "Hansbrough scored 20 points as North Carolina beat Evansville on Thursday night.\n",
        "North Carolina won by 18 points against Evansville on Thursday night.\n",
    )
    recalled = _undated_pair(
        tmp_path / "recalled",
        "Navy personnel spotted a group of five suspicious boats approaching the merchant vessels.\n",
        "The three boats had a total of 26 Somali crew on board, the navy said.\n",
    )
    assert deeds["conflicts"] == [] and recalled["conflicts"] == []


def test_a_toll_so_far_does_not_conflict_with_one_attacks(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "Israeli forces killed at least 40 people when they shelled a UN school in Gaza on Tuesday.\n",
        "More than 600 Palestinians have been killed so far in the 12 days of the Israeli offensive.\n",
    )
    assert _sides(dossier, "number") == []


def test_an_injury_given_as_the_reason_for_a_missed_game_is_read(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "Receiver Marvin Harrison did not play in the win over Jacksonville due to a hamstring injury.\n",
        "The Colts won over Jacksonville without receiver Marvin Harrison (ankle).\n",
    )
    assert _sides(dossier, "body part") == [["hamstring", "ankle"]]


def test_the_day_a_person_died_conflicts_when_one_report_says_he(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "W. Mark Felt, the FBI official known as Deep Throat, has died.\nFelt was 95.\n"
        "A family friend who wrote about Felt's secret says he died Thursday.\n",
        "Felt died on Wednesday at his home in Santa Rosa, California.\n",
    )
    assert _sides(dossier, "date") == [["Thursday", "Wednesday"]]


def test_the_prison_he_was_found_dead_in_conflicts_with_the_named_mans(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "Gaetano Lo Presti, 52, was found dead in Pagliarelli prison hours after his arrest.\n",
        "Police are investigating how Gaetano Lo Presti was able to hang himself.\n"
        "He was found dead in a cell in Ucciardone prison late on Tuesday night.\n",
    )
    assert _sides(dossier, "place") == [["Pagliarelli prison", "Ucciardone prison"]]


def test_a_spokesmans_two_ranks_conflict(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "Vancouver Police spokesman Constable Tim Fanning said the suspect had been fired on Thursday.\n",
        "Sergeant Tim Fanning says the suspect had recently been fired from his job.\n",
    )
    assert _sides(dossier, "title") == [["Police spokesman Constable", "Sergeant"]]


def test_two_people_named_for_one_role_conflict(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "The prime minister, Costas Karamanlis, has rejected mounting calls to resign over the riots.\n",
        "However, Prime Minister Costas Simitis has rejected calls to resign.\n",
    )
    assert _questions(dossier) == [("who is the prime minister", ["Costas Karamanlis", "Costas Simitis"])]


def test_the_actor_in_brackets_after_a_character_is_who_plays_it(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "In New Moon, Bella Swan (Kristen Stewart) is devastated by the departure of her vampire love.\n",
        "In New Moon, Bella (Emma Roberts) recovers from the vampire attack that almost claimed her life.\n",
    )
    assert _questions(dossier) == [("who plays Bella", ["Kristen Stewart", "Emma Roberts"])]


def test_people_for_one_role_are_no_conflict_when_both_are_named_or_one_is_spelt_two_ways(
    tmp_path: Path,
) -> None:
    both = _undated_pair(
        tmp_path / "both",
        "Prime Minister Kevin Rudd met Prime Minister Gordon Brown in London.\n",
        "Prime Minister Gordon Brown said in London that the talks went well.\n",
    )
    spelt = _undated_pair(
        tmp_path / "spelt",
        "The hospital would not release details, hospital chairman Ilene Wolff said.\n",
        "Chairman Ilene Wolfe said that the families had requested privacy.\n",
    )
    spokesmen = _undated_pair(
        tmp_path / "spokesmen",
        '"Two of the bombs fell within the camp," said UNHCR spokesman Adrian Edwards.\n',
        "Spokesman Jonathan Hutson said at least one bomb landed in the camp.\n",
    )
    assert [c for d in (both, spelt, spokesmen) for c in d["conflicts"] if c["kind"] == "name"] == []


def test_an_age_beside_the_subject_of_a_denial_is_still_told(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "Winston Blackmore, 58, was arrested by police on Tuesday.\n",
        "Winston Blackmore, 52, was not available for comment.\n",
    )
    assert _sides(dossier, "number") == [["58", "52"]]


def test_thieves_and_robbers_on_the_street_of_the_raid_are_one_count(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "A gang of four thieves on Thursday stole nearly all the jewels on display "
        "at the Harry Winston boutique.\n",
        "The five robbers stole nearly all the jewellery on display at Harry Winston jewellers "
        "on the Avenue Montaigne.\n",
    )
    assert _sides(dossier, "number") == [["four", "five"]]


def test_a_time_staff_were_told_to_leave_conflicts(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "Staff at Fiji Island Auto, across the street, were told at 5:30 p.m. to leave the premises.\n",
        "Staff at Fiji Island Auto, across the street from the building where the shooting took place, "
        "were told at 4:30 p.m. local time to leave the premises.\n",
    )
    assert _sides(dossier, "time") == [["5:30 p.m.", "4:30 p.m."]]


def test_two_players_wounds_are_no_conflict(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "Phillips had already missed three games earlier this season with a fractured left forearm.\n",
        "Bush tweaked his left knee last Thursday and the Saints put him on injured reserve.\n",
    )
    assert _sides(dossier, "body part") == []


def test_the_town_of_a_clinic_named_in_apposition_conflicts(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "The actress Tara Reid was admitted into Promises Treatment Center in Los Angeles, California.\n",
        "Tara Reid has checked into Promises Treatment Center, a prominent rehab clinic in Palm Springs.\n",
    )
    assert _sides(dossier, "place") == [["Los Angeles", "Palm Springs"]]


def test_the_street_of_a_fire_does_not_narrow_its_toll(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "The pastor said some parishioners were in the church on Nicola Avenue at the time the fire "
        "was noticed but no one was injured.\n",
        "Two people were injured when the blaze hit the church.\n",
    )
    assert _sides(dossier, "number") == [["no one", "Two"]]


def test_representatives_are_many_and_name_no_one_role(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "Rep. Nick Rahall said Congress may try to overturn the new endangered species regulations.\n",
        "Rep. Jim McDermott said Congress may try to overturn the new endangered species regulations.\n",
    )
    assert _sides(dossier, "name") == []


def test_each_reports_one_doctor_conflicts_but_an_article_naming_several_asks_nothing(tmp_path: Path) -> None:
    one = _undated_pair(
        tmp_path / "one",
        "Matt Smith stepped into the title role as the 11th Doctor this weekend.\n",
        "The 26-year-old unknown was unveiled as the 12th Doctor on Saturday evening.\n",
    )
    several = _undated_pair(
        tmp_path / "several",
        "David Tennant, the tenth Doctor, leaves next year.\nMatt Smith will be the eleventh Doctor.\n",
        "The 26-year-old unknown was unveiled as the 12th Doctor on Saturday evening.\n",
    )
    assert [_side_values(c) for c in one["conflicts"]] == [["11th", "12th"]]
    assert several["conflicts"] == []


def test_yards_thrown_and_yards_run_back_are_no_conflict(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "David Garrard threw for 329 yards and a touchdown, but gave up a costly interception.\n",
        "Keiwan Ratliff intercepted David Garrard's pass and raced in from 35 yards out.\n",
    )
    assert _sides(dossier, "number") == []


def test_the_women_killed_in_a_past_attack_conflict_when_both_date_it(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "Police arrested Sharron Smith in the 1967 slayings of two women at an ice cream shop in Staunton.\n",
        "Sharron Smith is accused of murdering three women at a Staunton ice cream store in 1967.\n",
    )
    assert _sides(dossier, "number") == [["two", "three"]]


def test_what_the_loot_was_valued_at_and_worth_conflict(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "Armed robbers stole diamonds valued at $108 million from the Paris branch of jeweler "
        "Harry Winston.\n",
        "Robbers snatched $128 million worth of diamond rings from a Harry Winston boutique in Paris.\n",
    )
    assert _sides(dossier, "number") == [["$108 million", "$128 million"]]


def test_a_bomb_that_detonated_and_an_explosion_are_one_happening(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "The bomb detonated around 5:30 p.m. at the bank in the 2500 block of Oregon 214.\n",
        "The explosion happened at the West Coast Bank just before 4:30 p.m., deputies said.\n",
    )
    assert _sides(dossier, "time") == [["5:30 p.m.", "just before 4:30 p.m."]]


def test_the_day_a_host_was_named_or_unveiled_conflicts(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "On Friday, the Academy named Australian actor Hugh Jackman as the host of February's annual show.\n",
        "Oscar organizers on Thursday unveiled Hugh Jackman as the host of their gala film awards.\n",
    )
    assert _sides(dossier, "date") == [["Friday", "Thursday"]]


def test_two_prices_of_one_purchase_conflict_whatever_the_company_is_called(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: AMD buys ATI\nOutlet: Daily Example\nPublished: 2006-07-25\n\n"
        "Advanced Micro Devices Inc. shook up the industry by buying ATI Technologies Inc. "
        "for US $5.4-billion yesterday.\n",
        "Title: AMD to buy ATI\nOutlet: Example Wire\nPublished: 2006-07-25\n\n"
        "Yesterday Advanced Micro Devices Inc. (AMD) announced its purchase of ATI Technologies Inc. "
        "in a US $5.8 billion deal.\n",
    )
    assert _sides(dossier, "number") == [["5.4-billion", "$5.8 billion"]]


def test_one_players_moment_told_at_two_game_clocks_conflicts_but_two_moments_do_not(tmp_path: Path) -> None:
    first = "Title: Record night\nOutlet: Daily Example\n\n"
    second = "Title: McDermott's record\nOutlet: Example Wire\n\n"
    record = (
        "Doug McDermott set the school record when he sank a free throw with {} left in the first half.\n"
    )
    clash = _two_article_dossier(
        tmp_path / "clash", first + record.format("4:43"), second + record.format("4:34")
    )
    assert [_side_values(c) for c in clash["conflicts"]] == [["4:43", "4:34"]]
    moments = _two_article_dossier(
        tmp_path / "moments",
        first + "Doug McDermott made a jumper to make it 19-12 with 11:43 left in the first half.\n",
        second + "Doug McDermott sank a free throw with 4:43 left in the first half.\n",
    )
    assert moments["conflicts"] == []


def test_two_months_for_one_deed_conflict(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "AMD will buy SeaMicro for $334 million. It expects to close the deal in March.\n",
        "AMD is buying SeaMicro for $334 million. The deal is expected to close in April.\n",
    )
    assert ("the month it happened", ["March", "April"]) in [
        (c["about"], _side_values(c)) for c in dossier["conflicts"]
    ]


def test_the_town_of_a_named_clinic_has_one_answer(tmp_path: Path) -> None:
    dossier = _undated_pair(
        tmp_path,
        "Her lawyer told the judge that Lohan had checked into Morningside Recovery in Newport Beach.\n",
        "She flew on a private jet, headed for Morningside Recovery in Malibu, a facility with a pool.\n",
    )
    assert _sides(dossier, "place") == [["Newport Beach", "Malibu"]]


def test_a_day_a_hearing_is_set_for_is_to_come_and_does_not_date_an_age(tmp_path: Path) -> None:
    sentence = "Trial is set for June 17 for {}-year-old Christopher Simpson, who is accused of murder.\n"
    dossier = _two_article_dossier(
        tmp_path,
        "Title: Trial date\nOutlet: Daily Example\nPublished: 2013-05-01\n\n" + sentence.format(26),
        "Title: Simpson trial\nOutlet: Example Wire\n\n" + sentence.format(27),
    )
    assert [_side_values(c) for c in dossier["conflicts"]] == [["26-year-old", "27-year-old"]]


def test_a_sentence_run_twice_with_another_bare_figure_conflicts(tmp_path: Path) -> None:
    told = "In {}, Gigante was the hitman in a botched attempt to assassinate then-boss Frank Costello.\n"
    clash = _undated_pair(tmp_path / "clash", told.format(1957), told.format(1956))
    assert [(c["about"], _side_values(c)) for c in clash["conflicts"]] == [("the year", ["1957", "1956"])]
    same = _undated_pair(tmp_path / "same", told.format(1957), told.format(1957))
    assert same["conflicts"] == []


def test_an_eleven_and_a_twelve_year_veteran_disagree() -> None:
    from test_values import _read

    eleven, twelve = (
        next(v for v in _read(f"Williams, an {n}-year veteran, shared the award.") if v.anchor == "duration")
        for n in (11, 12)
    )
    months, weeks = (
        next(v for v in _read(f"She was sentenced to {span} in jail.") if v.anchor == "duration")
        for span in ("six months", "26 weeks")
    )
    assert not eleven.compatible(twelve) and months.compatible(weeks)


def test_a_cars_model_year_does_not_date_the_drive(tmp_path: Path) -> None:
    dossier = _two_article_dossier(
        tmp_path,
        "Title: Player arrested\nOutlet: Daily Example\nPublished: 2009-01-12\n\n"
        "Williams, 32, was going west in his 2008 Bentley about 1:30 a.m., Officer Pennings said.\n",
        "Title: Chargers tackle held\nOutlet: Example Wire\nPublished: 2009-01-12\n\n"
        "Williams was stopped for speeding westbound on state route 94 at approximately 2:30 a.m. Sunday.\n",
    )
    assert _sides(dossier, "time") == [["about 1:30 a.m.", "approximately 2:30 a.m."]]
