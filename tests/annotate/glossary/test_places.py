"""The gazetteer: places from GeoNames, decided by the story, and datelines. Every example is invented."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.annotate.glossary import places
from explainer.annotate.glossary.datelines import parse_dateline
from explainer.annotate.glossary.places import PlaceContext, lookup

CITY_LINE = re.compile(r"City in Ohio, United States; population [\d,]+ \(GeoNames\)")


def story(places_named=(), persons=(), text="") -> PlaceContext:
    return PlaceContext.of(places_named, persons, text)


# --- what a place is ---


def test_a_city_gets_its_id_state_country_population_and_a_card_line():
    place = lookup("Columbus, Ohio")
    assert place is not None and place.kind == "city" and place.label == "Columbus, Ohio"
    assert place.admin1 == "Ohio" and place.country == "United States" and place.country_code == "US"
    assert isinstance(place.geonames_id, int) and place.population and place.population > 500_000
    assert CITY_LINE.fullmatch(place.description)


def test_countries_states_continents_and_counties_have_their_kinds():
    assert lookup("Portugal").kind == "country"
    assert lookup("Portugal").description.startswith("Country in Europe; population ")
    assert lookup("Nebraska").kind == "us_state"
    assert lookup("Nebraska").description == "State of the United States (GeoNames)"
    assert lookup("Africa").kind == "continent"
    county = lookup("Franklin County", story(["Ohio"]))
    assert county.kind == "county" and county.admin1 == "Ohio" and county.geonames_id is None


def test_names_news_uses_for_countries():
    for name in ("U.S.", "the United States", "America", "US"):
        assert lookup(name).name == "United States"
    assert lookup("Britain").name == "United Kingdom"
    assert lookup("DPRK").name == "North Korea"
    assert lookup("Republic of Korea").name == "South Korea"
    assert lookup("Scotland").kind == "country" and lookup("Scotland").country == "United Kingdom"


def test_a_possessive_and_quotes_do_not_hide_the_place():
    assert lookup("Portugal's").name == "Portugal"
    assert lookup("“Nebraska”").name == "Nebraska"


def test_an_older_name_of_a_city_of_millions_counts():
    assert lookup("Kiev").name == "Kyiv"


def test_accents_do_not_matter():
    assert places.fold("São Paulo") == "sao paulo"
    assert lookup("Sao Paulo") is not None


def test_no_place_or_nothing_is_none():
    assert lookup("Blorptown") is None
    assert lookup("") is None
    assert lookup("'s") is None


# --- names several places share ---


def test_the_big_city_wins_over_its_small_namesakes_unless_the_story_places_the_small_one():
    assert lookup("Paris").label == "Paris, France"
    assert lookup("Paris", story(["Texas"])).label == "Paris, Texas"
    # Both named: the story does not decide, so prominence does, as with no story at all.
    assert lookup("Paris", story(["Texas", "France"])).label == "Paris, France"


def test_georgia_is_decided_by_the_places_around_it():
    assert lookup("Georgia") is None
    assert lookup("Georgia", story(["Atlanta"])).kind == "us_state"
    assert lookup("Georgia", story(["Tbilisi"])).kind == "country"
    assert lookup("Georgia", story(["Armenia"])).kind == "country"  # a bordering country
    assert lookup("Georgia", story(["Alabama"])).kind == "us_state"  # another state


def test_a_country_is_not_contested_by_a_small_city_of_its_name():
    assert lookup("Jordan").kind == "country"


def test_a_state_and_a_large_city_of_one_name_stay_undecided():
    assert lookup("Washington") is None
    assert lookup("Washington, D.C.").label == "Washington, D.C."
    assert lookup("Washington D.C.").label == "Washington, D.C."


def test_a_city_written_with_its_state_is_the_city_not_the_state():
    place = lookup("New York, N.Y.")
    assert place.kind == "city" and place.admin1 == "New York"


def test_a_city_state_is_its_country():
    assert lookup("Singapore").kind == "country"


@pytest.mark.parametrize("qualified", ["Sarasota, Fla.", "Sarasota, Florida", "Sarasota, FL"])
def test_ap_abbreviations_postal_codes_and_names_qualify_alike(qualified):
    assert lookup(qualified).label == "Sarasota, Florida"


def test_a_region_that_is_no_state_or_country_decides_nothing():
    assert lookup("Columbus, Nowhere") is None
    assert lookup("Blorptown, Ohio") is None


def test_a_city_the_story_does_not_place_must_be_large_and_far_larger_than_its_namesakes():
    # Kent, Washington is four times Kent, Ohio: not enough to choose without the story.
    assert lookup("Kent") is None
    assert lookup("Kent", story(["Ohio"])).label == "Kent, Ohio"
    assert lookup("Columbus") is None
    assert lookup("Columbus", story(["Ohio"])).label == "Columbus, Ohio"


def test_a_county_name_shared_by_many_states_needs_the_state():
    assert lookup("Franklin County") is None


def test_a_city_and_the_state_it_is_in_both_supported_stay_undecided():
    assert lookup("New York", story(["Brooklyn"])) is None


def test_the_name_itself_in_the_story_places_is_no_evidence():
    assert lookup("Georgia", story(["Georgia"])) is None


# --- a person's name is no place ---


def test_part_of_a_person_the_story_names_is_no_place():
    assert lookup("Jordan", story(persons=["Michael Jordan"])) is None
    assert lookup("Jordan", story(persons=["Jordan"])) is None


@pytest.mark.parametrize("text", [
    "Jordan said he was tired after the game.",
    "Coach Jordan praised the defence.",
    "Ms. Jordan declined to comment.",
    "Jordan, 34, joined the club in May.",
    "Jordan, who grew up nearby, scored twice.",
    "Jordan told reporters that he would retire.",
    "Jordan claims she was never paid.",
])
def test_the_story_using_the_name_for_a_person_makes_it_none(text):
    assert lookup("Jordan", story(text=text)) is None


@pytest.mark.parametrize("text", [
    "Jordan said it would close the border crossing.",
    "Refugees crossed into northern Jordan on foot.",
    "In Jordan, prices rose again.",
    "Visit Jordan, the posters said.",
])
def test_a_country_acting_or_visited_is_still_the_country(text):
    assert lookup("Jordan", story(text=text)).kind == "country"


def test_a_place_the_story_names_a_team_or_school_after_is_still_the_place():
    assert lookup("Nebraska", story(persons=["Nebraska Huskers"])).kind == "us_state"  # the model's mistake


@pytest.mark.parametrize("text", [
    "A senator from Jordan said he would vote no.",
    "Lena Ortiz, 59, of Dayton, Jordan, who watched the game, cheered.",
])
def test_a_place_after_a_preposition_or_a_comma_is_no_speaker(text):
    assert lookup("Jordan", story(text=text)).kind == "country"


def test_a_capitalised_word_before_a_country_is_no_first_name():
    assert lookup("UK", story(text="The analytics firm Tallyco UK said traffic doubled.")).name == "United Kingdom"


# --- strict: overruling the model ---


def test_strict_wants_a_city_placed_by_the_story():
    assert lookup("Paris", strict=True) is None
    assert lookup("Paris", story(["France"]), strict=True).label == "Paris, France"
    assert lookup("Kent", story(["Ohio"]), strict=True).label == "Kent, Ohio"
    assert lookup("Dayton, Ohio", strict=True).label == "Dayton, Ohio"


def test_strict_still_knows_countries_and_states():
    assert lookup("Portugal", strict=True).kind == "country"
    assert lookup("Nebraska", strict=True).kind == "us_state"


def test_spellings_count_but_translations_and_codes_do_not():
    assert lookup("Bombay").name == "Mumbai"
    assert lookup("White House") is None  # an old name of Casablanca in GeoNames


# --- datelines ---


def test_a_capitals_dateline_with_a_state():
    text = "COLUMBUS, Ohio — The council voted 5-2 on Monday."
    d = parse_dateline(text)
    assert d.place == "Columbus, Ohio" and text[d.start:d.end] == "COLUMBUS, Ohio" and d.agency is None
    assert text[d.start:d.city_end] == "COLUMBUS"
    assert text[d.body_start:].startswith("The council")


def test_a_dateline_with_an_agency():
    d = parse_dateline("WASHINGTON (Reuters) - The Senate adjourned.")
    assert d.place == "Washington" and d.agency == "Reuters"


def test_a_dateline_with_a_date_and_an_agency():
    text = "LONDON, May 3 (AP) — Rail workers walked out."
    d = parse_dateline(text)
    assert d.place == "London" and d.agency == "AP" and text[d.start:d.end] == "LONDON"


def test_a_dateline_keeps_periods_and_takes_geonames_spelling():
    assert parse_dateline("ST. LOUIS, Mo. -- A bridge closed.").place == "St. Louis, Mo."
    assert parse_dateline("MCALLEN, Texas — Crossings fell.").place == "McAllen, Texas"
    assert parse_dateline("WINSTON-SALEM, N.C. — A mill reopened.").place == "Winston-Salem, N.C."


def test_a_title_case_dateline_counts_only_when_geonames_knows_it():
    assert parse_dateline("Dayton, Ohio — A plant hired 300 people.").place == "Dayton, Ohio"
    assert parse_dateline("Meanwhile, Smith — who had left — returned.") is None
    assert parse_dateline("Yesterday, Ohio — voters went to the polls.") is None


@pytest.mark.parametrize("text", [
    "The mayor said — at last — that the bridge would open.",
    "NASA — the space agency — delayed the launch.",
    "COLUMBUS, Ohio The council voted.",
    "A man was hurt - police said.",
    "",
])
def test_no_dateline(text):
    assert parse_dateline(text) is None


def test_the_data_is_loaded_once():
    lookup("Portugal")
    lookup("Nebraska")
    assert places.gazetteer.cache_info().misses <= 1


# --- properties ---

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.text(max_size=200))
def test_parse_dateline_never_raises_and_its_spans_hold(text):
    d = parse_dateline(text)
    if d is not None:
        assert 0 <= d.start < d.city_end <= d.end <= d.body_start <= len(text)
        assert places.fold(d.place.split(",")[0]) == places.fold(text[d.start:d.end].split(",")[0])


@SETTINGS
@given(st.sampled_from(["COLUMBUS", "ST. LOUIS", "WINSTON-SALEM", "SPRINGFIELD", "BOISE"]),
       st.sampled_from(["", ", Ohio", ", Mo.", ", N.C."]), st.sampled_from(["", " (AP)", " (Reuters)"]),
       st.sampled_from(["—", "–", "--", "-"]), st.text(max_size=80))
def test_any_dateline_of_this_shape_is_read_whole(city, region, agency, dash, body):
    text = f"{city}{region}{agency} {dash} {body}"
    d = parse_dateline(text)
    assert d is not None
    assert text[d.start:d.end] == city + region
    assert d.agency == (agency.strip(" ()") or None)
    assert text[d.body_start:] == body.lstrip()


@SETTINGS
@given(st.text(max_size=40), st.lists(st.text(max_size=20), max_size=4), st.text(max_size=120))
def test_lookup_never_raises(name, named, text):
    place = lookup(name, story(named, text=text))
    assert place is None or place.kind in places.KIND_RANK


# --- a name used as a person's: tried only where it can match, with the answer a search of the whole story gives ---

WORDS = ["Mr", "Mr.", "Dr.", "Senator", "Jordan", "Jordanian", "said", "says", "he", "her", "it", "of", "in", "who",
         "34,", "the", "Lee", "told", "reporters", "that", ".", "Jordan,", "xJordan", "Jo", "rdan", "Ms", "é"]


def _whole_story_search(name: str, text: str) -> bool:
    """The rule as one search over the whole story: what ``looks_like_person`` answered before it was sped up."""
    pat, after = re.escape(name), places.NOT_AFTER
    saying = rf"{after}\b{pat}\s+(?:{'|'.join(places.SAYING)})(?:\s+\w+){{0,3}}?\s+(?:he|she|his|her|him)\b"
    who = rf"{after}\b{pat},\s+(?:who\b|\d{{1,3}},)"
    return bool(re.search(rf"\b(?:{'|'.join(places.PERSON_TITLES)})\.?\s+{pat}\b|{saying}|{who}", text))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", "", "  ", "\n", ", ", "\u00a0"])),
                min_size=1, max_size=14),
       st.sampled_from(["Jordan", "Lee", "Jo", "Mr", "Jordan Lee", "J. Lee", "Jordan,", "é"]))
def test_a_person_s_name_is_found_wherever_a_search_of_the_whole_story_finds_it(words, name):
    text = "".join(word + gap for word, gap in words)
    assert places.looks_like_person(name, story(text=text)) == _whole_story_search(name, text)


def test_a_title_a_period_and_several_spaces_before_a_name_still_make_it_a_person_s():
    assert places.looks_like_person("Jordan", story(text="Asked again, Mr.   \n Jordan shrugged."))
    assert not places.looks_like_person("Jordan", story(text="Flights to Jordan resumed."))
