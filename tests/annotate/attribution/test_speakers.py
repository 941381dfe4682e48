"""Speaker attribution on the real small English model, one rule per test."""

from __future__ import annotations

from typing import Sequence

from explainer.annotate.attribution.quotes import scan_quotes
from explainer.annotate.attribution.speakers import attribute, sole_author
from explainer.content.markdown import blocks_of
from explainer.model import Entity, Mention, Quote, Speaker

# The project's seed article (Lavrov in China, 2022), as Markdown paragraphs.
SEED = """\
Beijing and Moscow advanced a vision of a new world order Wednesday as Russia's foreign minister made his first visit to key ally China since the invasion of Ukraine.

Sergei Lavrov landed in the eastern city of Huangshan early Wednesday for a series of meetings about the future of Afghanistan.

But Russia's bloody assault on Ukraine is likely to loom large over proceedings.

Beijing has refused to condemn the invasion and has provided a level of diplomatic cover for an increasingly isolated Russia.

U.S. officials have accused China of signaling "willingness" to provide military and economic aid to Russia, while President Joe Biden has compared the invasion of Ukraine to China's crushing of protests in Tiananmen Square in 1989.

But on Wednesday, Lavrov painted a picture of a new world order, saying the world was "living through a very serious stage in the history of international relations."

"We, together with you, and with our sympathizers will move towards a multipolar, just, democratic world order," Lavrov said in a video released by the Russian Foreign Ministry ahead of a meeting with Chinese Foreign Minister Wang Yi.

The two ministers were shown on Chinese state TV in face masks bumping elbows in front of their national flags.

There has been no readout of their meeting from the Chinese side.

But foreign ministry spokesman Wang Wenbin later told reporters that Moscow and Beijing will continue efforts in "advancing global multipolarity and the democratisation of international relations."

Wang added that ""China-Russia cooperation has no limits," repeating a line used by President Vladimir Putin and his Chinese counterpart Xi Jinping to characterise ties.

"Our striving for peace has no limits, our upholding of security has no limits, our opposition towards hegemony has no limits," Wang said.

## Afghanistan

Lavrov will attend a series of meetings hosted by China to discuss ways to help Afghanistan, with diplomats from the United States and the Taliban-led country's neighbors also expected to attend.

The meetings follow a visit by Wang last week to Kabul, his first trip to Afghanistan since the Taliban seized power.
"""


Result = tuple[tuple[Quote, ...], dict[str, Speaker]]


def run(nlp, markdown: str, entities: Sequence[Entity] = (), author: str | None = None) -> Result:  # type: ignore[no-untyped-def]
    blocks = blocks_of(markdown)
    docs = list(nlp.pipe(b.text for b in blocks))
    spans, _ = scan_quotes(blocks, "t.md", markdown)
    quotes, speakers = attribute(blocks, docs, spans, entities, lambda texts: list(nlp.pipe(texts)), author)
    return quotes, {s.id: s for s in speakers}


def said(result: Result) -> list[tuple[str, str | None]]:
    """Each quote's first words with its speaker's name."""
    quotes, speakers = result
    return [(q.text, speakers[q.speaker].name if q.speaker else None) for q in quotes]


def test_seed_article(nlp) -> None:  # type: ignore[no-untyped-def]
    quotes, speakers = run(nlp, SEED)
    by_speaker = {s.name: [q.text for q in quotes if q.speaker == s.id] for s in speakers.values()}
    assert [q[:20] for q in by_speaker["Sergei Lavrov"]] == ["living through a ver", "We, together with yo"]
    assert [q[:20] for q in by_speaker["Wang Wenbin"]] == [
        "advancing global mul", "China-Russia coopera", "Our striving for pea"]
    assert by_speaker["U.S. officials"] == ["willingness"]
    assert set(by_speaker) == {"Sergei Lavrov", "Wang Wenbin", "U.S. officials"}
    by_name = {s.name: s for s in speakers.values()}
    assert by_name["U.S. officials"].kind == "group"
    assert by_name["Sergei Lavrov"].role == "Russia's foreign minister"
    assert by_name["Wang Wenbin"].role == "foreign ministry spokesman"
    assert [q.id for q in quotes] == ["q1", "q2", "q3", "q4", "q5", "q6"]
    assert all(q.speaker for q in quotes)
    q = quotes[-1]
    assert SEED[q.start:q.end] == q.text


def test_inverted_cue_with_appositive_role(nlp) -> None:  # type: ignore[no-untyped-def]
    (quote,), speakers = run(nlp, '"We are ready for the storm," said Jane Okafor, the mayor of Riverton.')
    speaker = speakers[quote.speaker]
    assert (speaker.name, speaker.kind, speaker.id) == ("Jane Okafor", "person", "jane-okafor")
    assert speaker.role and "mayor" in speaker.role


def test_according_to_an_organization(nlp) -> None:  # type: ignore[no-untyped-def]
    result = run(nlp, '"Service will resume on Monday morning," according to Amtrak.')
    assert said(result) == [("Service will resume on Monday morning", "Amtrak")]
    assert next(iter(result[1].values())).kind == "organization"


def test_group_speaker_is_not_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    result = run(nlp, '"We are deeply worried about the talks," U.S. officials said on Tuesday.')
    assert said(result) == [("We are deeply worried about the talks", "U.S. officials")]
    assert next(iter(result[1].values())).kind == "group"


def test_pronoun_across_sentences(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Maria Lopez spent ten years in the state senate before the vote. '
          '"It was a lesson in patience," she said.')
    assert said(run(nlp, md)) == [("It was a lesson in patience", "Maria Lopez")]


def test_scare_quote_is_dropped_but_a_cued_fragment_kept(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('The so-called "reform" passed in May.\n\n'
          'Senator Tom Reyes called the plan "a disaster for farmers."')
    assert said(run(nlp, md)) == [("a disaster for farmers.", "Tom Reyes")]


def test_continuation_paragraph_keeps_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('"We will rebuild the bridge," said Ann Kerr, the transport minister.\n\n'
          '"It will take two years and a lot of money."\n\n'
          'The opposition leader, Paul Dunn, disagreed.\n\n'
          '"Nobody believes those numbers."')
    assert said(run(nlp, md)) == [
        ("We will rebuild the bridge", "Ann Kerr"),
        ("It will take two years and a lot of money.", "Ann Kerr"),
        ("Nobody believes those numbers.", None)]


def test_ap_multi_paragraph_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Ann Kerr said, "The first part of the plan is the bridge.\n\n'
          '"The second part is the road, which comes later."\n\n'
          'Traffic was light.')
    (quote,), speakers = run(nlp, md)
    assert [s.block for s in quote.segments] == [0, 1]
    assert speakers[quote.speaker].name == "Ann Kerr"


def test_colon_lead_in_in_the_previous_paragraph(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Ann Kerr, the transport minister, told parliament on Monday:\n\n'
          '"The bridge will be rebuilt within two years."')
    assert said(run(nlp, md)) == [("The bridge will be rebuilt within two years.", "Ann Kerr")]


def test_passive_cue_names_the_agent(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'The crowd was told by police chief Ann Kerr that it was "free to go home now."'
    assert said(run(nlp, md)) == [("free to go home now.", "Ann Kerr")]


def test_role_noun_resolves_through_roles_in_the_text(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Foreign ministry spokesman Wang Wenbin spoke in Beijing on Monday.\n\n'
          '"We firmly oppose the sanctions," the spokesman said.')
    assert said(run(nlp, md)) == [("We firmly oppose the sanctions", "Wang Wenbin")]


def test_wang_is_the_nearest_earlier_wang(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Chinese Foreign Minister Wang Yi met his guest in Beijing.\n\n'
          'Later, foreign ministry spokesman Wang Wenbin spoke to the press.\n\n'
          '"Our ties are strong," Wang said.')
    quotes, speakers = run(nlp, md)
    assert said((quotes, speakers)) == [("Our ties are strong", "Wang Wenbin")]


def test_speaker_takes_the_glossary_entity(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'Sergei Lavrov arrived.\n\n"We will stay the course," Lavrov said.'
    blocks = blocks_of(md)
    mentions = tuple(Mention(b.index, b.text.find(name), b.text.find(name) + len(name), name, 0, 0)
                     for b, name in ((blocks[0], "Sergei Lavrov"), (blocks[1], "Lavrov")))
    lavrov = Entity("lavrov-kb", "Sergei Lavrov", "person", mentions, role="Russia's foreign minister", known=True)
    (quote,), speakers = run(nlp, md, [lavrov])
    assert quote.speaker == "lavrov-kb"
    assert speakers["lavrov-kb"].entity == "lavrov-kb"
    assert speakers["lavrov-kb"].role == "Russia's foreign minister"


def test_quote_with_no_cue_has_no_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'The weather turned cold overnight. "Welcome to the friendliest town in the state."'
    assert said(run(nlp, md)) == [("Welcome to the friendliest town in the state.", None)]


def test_a_sign_or_a_note_speaks_for_itself(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('The old sign still reads: "Welcome to the friendliest town in the state."\n\n'
          '"You will be missed," the note says.')
    assert said(run(nlp, md)) == [("Welcome to the friendliest town in the state.", "old sign"),
                                  ("You will be missed", "note")]


def test_titles_are_not_quotes(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'Ann Kerr said on "Fox News Sunday" that the plan was "dead on arrival."'
    assert said(run(nlp, md)) == [("dead on arrival.", "Ann Kerr")]


def test_signature_dash_after_a_testimonial(nlp) -> None:  # type: ignore[no-untyped-def]
    # The first two lines are one paragraph: a soft break separates the testimonials.
    md = ('“The debate left me worried about my job.” ― Carla Sanchez\n'
          '“I will vote early.”― Tom Reyes.\n\n“Nothing changed.” — Jo Hale, teacher')
    result = run(nlp, md)
    assert said(result) == [("The debate left me worried about my job.", "Carla Sanchez"),
                            ("I will vote early.", "Tom Reyes"), ("Nothing changed.", "Jo Hale")]
    assert result[1]["jo-hale"].role == "teacher"


def test_transcript_speaker_labels(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Governor Mike Pence spoke to Chris Wallace on Sunday.\n\n'
          '"WALLACE: Will she be there tomorrow night?\n\n'
          '"PENCE: She will not be attending the debate."')
    quotes, speakers = run(nlp, md)
    assert [(q.text, speakers[q.speaker].name) for q in quotes if q.speaker] == [
        ("Will she be there tomorrow night?", "Chris Wallace"), ("She will not be attending the debate.", "Mike Pence")]


def test_a_thing_is_no_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'Her controversial comment describing them as "super predators" returned.'
    assert said(run(nlp, md)) == []


def test_pronoun_follows_the_honorific_gender(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Ms. Elaine Kamarck wrote the rules. Mr. Don Fowler argued for a faster process.\n\n'
          '"Elaine knows the rules," Ms. Kamarck said.\n\n'
          '"There should be a unified effort," he said.')
    assert said(run(nlp, md)) == [("Elaine knows the rules", "Elaine Kamarck"),
                                  ("There should be a unified effort", "Don Fowler")]


def test_two_quotes_around_one_cue_share_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Carmel Martin criticised the plan. In an essay, Ivanka Trump defended it. '
          '"The number of households has doubled," she wrote, "and most of these women work long hours."')
    assert [name for _, name in said(run(nlp, md))] == ["Ivanka Trump", "Ivanka Trump"]


def test_evaluative_cues_and_clauses_under_a_preposition(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('President Obama condemned the test as "provocative and destabilizing" on Friday.\n\n'
          'After admitting that he had "concerns about the trial lawyers," Paul Ryan backed the bill.')
    assert said(run(nlp, md)) == [("provocative and destabilizing", "Obama"),
                                  ("concerns about the trial lawyers", "Paul Ryan")]


def test_pronoun_prefers_the_main_clause_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Don Fowler said he expects Hillary Clinton to recover from her illness.\n\n'
          '"It is something you would be a fool not to prepare for," he said.')
    assert said(run(nlp, md)) == [("It is something you would be a fool not to prepare for", "Don Fowler")]


def test_pronoun_gender_learnt_from_a_possessive(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Ann Kerr opened the campaign in May. Later, Tom Reyes spoke at his first rally.\n\n'
          '"We will win this," she said.')
    assert said(run(nlp, md)) == [("We will win this", "Ann Kerr")]


def test_quote_after_a_reporter_sentence_takes_its_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('"We need to step away from these efforts," Mike Pence said on Sunday.\n\n'
          'On another show, Bernie Sanders named young voters as the key to the race. '
          '"Young people are sick and tired of discrimination."')
    assert said(run(nlp, md)) == [("We need to step away from these efforts", "Mike Pence"),
                                  ("Young people are sick and tired of discrimination.", "Bernie Sanders")]


def test_cue_split_off_after_a_question(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('“Who would have believed we would get this far?” Jane Doakes said, looking at the crowd. '
          '“Not me.” Tom Reyes said the count was slow.')
    assert said(run(nlp, md))[0] == ("Who would have believed we would get this far?", "Jane Doakes")


def test_gender_from_first_names_and_reported_pronouns(nlp) -> None:  # type: ignore[no-untyped-def]
    from explainer.annotate.attribution.context import quoted_ranges
    from explainer.annotate.attribution.people import people_of

    md = ('Robin Kerr said she would beat Jordan Reyes in May. Betty Shelby stayed home. '
          'Melanie watched. Carmel Martin left, and Martin stayed away.')
    blocks = blocks_of(md)
    docs = list(nlp.pipe(b.text for b in blocks))
    genders = {p.name: p.gender for p in people_of(blocks, docs, quoted_ranges([]))}
    assert genders["Robin Kerr"] == "f" and genders["Betty Shelby"] == "f" and genders["Melanie"] == "f"
    assert genders.get("Jordan Reyes") is None and genders.get("Carmel Martin") is None


def test_surname_tagged_as_a_common_noun_is_still_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Donald Trump spoke in Ohio on Monday. Keith Scott was shot on Tuesday.\n\n'
          'Trump has also commented on the case.\n\n'
          'On Wednesday, he told a crowd that he was “troubled” by the situation.')
    assert said(run(nlp, md)) == [("troubled", "Donald Trump")]


def test_inverted_colon_lead_in(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'Tom Ellis studies the tax code. She ignored it. Said Ellis: “I don’t see any interest in reform.”'
    assert said(run(nlp, md)) == [("I don’t see any interest in reform.", "Tom Ellis")]


def test_reporter_sentence_may_hold_a_show_title(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('On "Meet the Voters," Sen. Bernie Sanders (Vt.), who lost the primaries to Clinton, identified young '
          'voters as one of the reasons for hope. "Young people are sick and tired of discrimination."')
    assert said(run(nlp, md))[-1] == ("Young people are sick and tired of discrimination.", "Bernie Sanders")


def test_an_unnamed_businessman_speaks_as_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    quotes, speakers = run(nlp, 'The New York businessman says of Clinton, “If she wins, she will sell the office.”')
    assert [(speakers[q.speaker].name, speakers[q.speaker].kind) for q in quotes] == [
        ("New York businessman", "person")]


def test_characterising_as_with_any_active_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('In recent weeks, Reid has gone after Jo Hale as a “human leech who will bleed the town” and a '
          '“spoiled brat.” Hale was painted as a “greedy landlord” in the papers.')
    assert said(run(nlp, md)) == [("human leech who will bleed the town", "Reid"), ("spoiled brat.", "Reid")]


def test_cue_the_lemmatiser_misreads(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'FactWatch rated 32% of the claims as “false” or “pants on fire,” compared to 11% of the others.'
    assert said(run(nlp, md)) == [("false", "FactWatch"), ("pants on fire", "FactWatch")]


def test_sayer_of_a_clause_before_a_passive_main_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('After saying her right foot was “so swollen I could barely walk,” Jane Doakes was taken to '
          'the hospital by her husband.')
    assert said(run(nlp, md)) == [("so swollen I could barely walk", "Jane Doakes")]


def test_role_nouns_resolve_only_through_a_stated_role(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Democratic nominee Ann Kerr and Republican nominee Tom Reyes met on Monday. '
          'Jo Hale, the mayor, hosted them.\n\n'
          '"I will win this state," the Republican nominee said.\n\n'
          '"The town is proud," the mayor said.\n\n'
          '"We are worried about turnout," a senior official said.\n\n'
          'My father left the farm in 1990. Beehive Ridge was his next home.\n\n'
          '"We live on borrowed time," my father often said.')
    quotes, speakers = run(nlp, md)
    assert [(speakers[q.speaker].name, speakers[q.speaker].kind) for q in quotes] == [
        ("Tom Reyes", "person"), ("Jo Hale", "person"), ("senior official", "person"), ("my father", "person")]


def test_a_guessed_role_is_shown_but_does_not_resolve(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Russia’s foreign minister made his first visit to China on Wednesday.\n\n'
          'Sergei Lavrov landed in Huangshan early Wednesday.\n\n'
          '"We are ready," the minister said.')
    assert said(run(nlp, md)) == [("We are ready", "minister")]


def test_pronoun_takes_a_person_named_just_before_over_an_older_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Tom Reyes opened the meeting on Monday.\n\n'
          'The delay is something that worries Jim Dunn, head of the union.\n\n'
          '"Nobody told us anything," he said.')
    assert said(run(nlp, md)) == [("Nobody told us anything", "Jim Dunn")]


def test_a_dash_parsed_as_a_subject_is_skipped(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('When Kerr noted that Reyes has not paid anything in state taxes ― as was true for the few years '
          'his returns were made public ― Reyes boasted, “That makes me smart.”')
    assert said(run(nlp, md)) == [("That makes me smart.", "Reyes")]


def test_more_reporting_verbs_lead_in(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('While debating the nominees, a friend commented: "For you, the economy is the only reason."\n\n'
          'Sen. Ann Kerr (D-Mo.) scolded him: “The evidence is against you,” she said.')
    assert said(run(nlp, md)) == [("For you, the economy is the only reason.", "friend"),
                                  ("The evidence is against you", "Ann Kerr")]


def test_surname_goes_to_the_earlier_namesake_who_acted(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Tom Cruz endorsed the governor on Friday.\n\n'
          'The governor once shared an unflattering photo of Heidi Cruz, his wife.\n\n'
          '"I will tell the truth," Cruz said.')
    assert said(run(nlp, md)) == [("I will tell the truth", "Tom Cruz")]


def test_first_person_outside_quotes_is_nobody_named(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Ann Kerr hosted the family dinner.\n\n'
          'When my mother mentioned the storm, I laughed and said, "I am not afraid of it."')
    assert said(run(nlp, md)) == [("I am not afraid of it.", None)]


def test_first_lady_is_a_role_that_speaks(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('The former first lady and U.S. senator said it was "a mistake" to use the old server, '
          'but she denied that she broke the rules.')
    quotes, speakers = run(nlp, md)
    assert [(speakers[q.speaker].name, speakers[q.speaker].kind) for q in quotes] == [("former first lady", "person")]


def test_inverted_report_and_a_speaker_in_apposition(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('This is “roughly the same lead she has held all month,” reported Reuters.\n\n'
          'With 50 days to go, Jo Hale, a senior adviser to the campaign, called the speech "a true wake-up call" '
          'to voters.')
    assert said(run(nlp, md)) == [("roughly the same lead she has held all month", "Reuters"),
                                  ("a true wake-up call", "Jo Hale")]


def test_they_and_it_stand_for_groups_and_organizations(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('"Rates will stay low," Reuters reported on Monday.\n\n'
          'The IMF published its outlook. Although the IMF did not name the plan, it referenced '
          '"political tensions" in rich economies.\n\n'
          'Demonstrators marched downtown. They said they want “justice for Terrence,” but stayed calm.')
    quotes, speakers = run(nlp, md)
    assert [(speakers[q.speaker].name, speakers[q.speaker].kind) for q in quotes] == [
        ("Reuters", "organization"), ("IMF", "organization"), ("Demonstrators", "group")]


def test_a_surname_the_tagger_misreads_is_known_from_the_full_name(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Donald Trump spoke in Ohio.\n\n'
          'Trump further described the incident as a “terrible situation,” but stopped short of blaming anyone.')
    assert said(run(nlp, md)) == [("terrible situation", "Donald Trump")]


def test_a_document_reads_and_a_group_keeps_its_members(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Parents sent a letter to the board.\n\n'
          '“We see charter schools offering hope,” the letter reads.\n\n'
          'A group of black parents said the schools are "a lifeline" for them.')
    quotes, speakers = run(nlp, md)
    assert [(speakers[q.speaker].name, speakers[q.speaker].kind) for q in quotes] == [
        ("letter", "organization"), ("group of black parents", "group")]


def test_a_sure_gender_outweighs_a_nearby_her(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Ann Kerr criticised a Tom Reyes post about the mayor.\n\n'
          'The Democratic candidate’s response to Reyes came in her own series of posts on Friday.\n\n'
          'She wrote: “When something gets under his skin, he lashes out.”')
    assert said(run(nlp, md)) == [("When something gets under his skin, he lashes out.", "Ann Kerr")]


def test_a_participle_right_after_a_name_is_that_persons(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'The ad uses footage of Ann Kerr asking, “Why aren’t I 50 points ahead, you might ask?”'
    assert said(run(nlp, md)) == [("Why aren’t I 50 points ahead, you might ask?", "Ann Kerr")]


def test_a_pronoun_chain_keeps_the_subject_over_a_later_object(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Tom Reyes spoke to the committee on Monday.\n\n'
          'Though the last vote was calm, he said, the next one could bring intense lobbying by Jim Dunn.\n\n'
          '“This is a different time,” he said.')
    assert said(run(nlp, md)) == [("This is a different time", "Tom Reyes")]


def test_names_in_a_title_case_headline_are_not_people(nlp) -> None:  # type: ignore[no-untyped-def]
    from explainer.annotate.attribution.context import quoted_ranges
    from explainer.annotate.attribution.people import people_of

    md = ('Black Lawmakers Rip Donald Trump Over Urban Policy Remarks.\n\n'
          'Governor Mike Pence spoke to Chris Wallace on Sunday.')
    blocks = blocks_of(md)
    docs = list(nlp.pipe(b.text for b in blocks))
    names = {p.name for p in people_of(blocks, docs, quoted_ranges([]))}
    assert names == {"Mike Pence", "Chris Wallace"}


def test_a_document_speaks_for_its_named_owner(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('The IMF report said "political tensions" were rising. A statement from the Security Council called '
          'it "a clear threat to peace." The report said "growth is slowing."')
    assert said(run(nlp, md)) == [("political tensions", "IMF"), ("a clear threat to peace.", "Security Council"),
                                  ("growth is slowing.", "report")]


def test_an_unknown_entity_under_a_name_nobody_has_is_not_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'President Obama spoke on Saturday.\n\n"Tolerance is on the ballot," Mr. Obama said.'
    blocks = blocks_of(md)
    at = blocks[1].text.find("Obama")
    bogus = Entity("obama-speech", "Obama Speech", "person", (Mention(1, at, at + 5, "Obama", 0, 0),))
    quotes, speakers = run(nlp, md, [bogus])
    (quote,) = quotes
    assert speakers[quote.speaker].name == "Obama" and speakers[quote.speaker].entity is None


def test_the_source_of_according_to_is_the_antecedent(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Tom Reyes spoke at the base on Monday.\n\n'
          'According to Reyes, the agency has lost staff because many disagreed with Jim Dunn’s plans.\n\n'
          '“We are on our fourth director,” he said.')
    assert said(run(nlp, md)) == [("We are on our fourth director", "Tom Reyes")]


def test_a_bare_surname_is_the_namesake_its_sentence_speaks_of(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Former President Tom Reyes and his wife, Ann Reyes, visited the clinic in 1998.\n\n'
          'In her 2003 memoir, Reyes noted the illness.\n\n'
          'After saying her foot was “so swollen I could barely walk,” she went to the hospital.')
    assert said(run(nlp, md)) == [("so swollen I could barely walk", "Ann Reyes")]


def test_a_name_qualifying_a_thing_is_no_antecedent(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Ann Reyes will visit the city on Friday.\n\n'
          '“We are in trouble,” said Lee Kerr, a local organizer.\n\n'
          'Many believe the Reyes campaign took black voters for granted and has to win them back for her.\n\n'
          '“They have a big problem,” she said.')
    assert said(run(nlp, md))[-1] == ("They have a big problem", "Lee Kerr")


def test_a_subject_he_does_not_pick_the_namesake(nlp) -> None:  # type: ignore[no-untyped-def]
    from explainer.annotate.attribution.context import quoted_ranges
    from explainer.annotate.attribution.people import people_of, resolve_person

    md = ('Ann Reyes and her husband, Tom Reyes, visited the clinic in 1998.\n\n'
          'Lee Kerr spoke on Monday. He warned that Reyes must rest.')
    blocks = blocks_of(md)
    docs = list(nlp.pipe(b.text for b in blocks))
    people = people_of(blocks, docs, quoted_ranges([]))
    at = blocks[1].text.index("Reyes")
    assert resolve_person("Reyes", 1, at, people).name == "Ann Reyes"  # type: ignore[union-attr]


def test_a_capitalised_common_noun_opening_a_sentence_is_nobody(nlp) -> None:  # type: ignore[no-untyped-def]
    from spacy.tokens import Span

    from explainer.annotate.attribution.context import quoted_ranges
    from explainer.annotate.attribution.people import people_of

    md = 'Does it matter? Historians have argued about the farm vote. Tom Reyes ignores them.'
    blocks = blocks_of(md)
    doc = nlp(blocks[0].text)
    at = next(t.i for t in doc if t.text == "Historians")
    doc.ents = [Span(doc, at, at + 1, "PERSON")] + [e for e in doc.ents if e.start > at]  # as the model may tag it
    assert {p.name for p in people_of(blocks, [doc], quoted_ranges([]))} == {"Tom Reyes"}


def test_a_known_surname_tagged_as_a_common_noun_is_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    from explainer.annotate.attribution.context import quoted_ranges
    from explainer.annotate.attribution.people import people_of

    md = 'Radio host Dan Matthews spoke.\n\nMatthews said the speech should lift the campaign.'
    blocks = blocks_of(md)
    docs = list(nlp.pipe(b.text for b in blocks))
    first = docs[1][0]
    docs[1].ents = []
    first.pos_, first.tag_ = "NOUN", "NNS"  # as the model may read a surname ending in -s
    names = [(p.name, p.block, p.subject) for p in people_of(blocks, docs, quoted_ranges([]))]
    assert names == [("Dan Matthews", 0, True), ("Matthews", 1, True)]


def test_a_pronoun_like_all_is_no_preceding_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'All of this is shown in the film. “It is a long story.”'
    assert said(run(nlp, md)) == [("It is a long story.", None)]


def test_a_comma_inside_a_nested_quote_still_ends_the_masked_quote() -> None:
    from explainer.annotate.attribution.context import PLACEHOLDER, _mask

    text = '“Told by the media, with labels of ‘thug, predator,’” Ann Kerr told the paper.'
    start, end = 1, text.index("’”") + 1
    assert _mask(text, start, end) == (0, end + 1, f'"{PLACEHOLDER},"')


def test_the_cue_right_after_a_quote_governs_it(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('The statement also described the vote: “Our members have spoken, and the result is clear,” '
          'the union wrote.')
    assert said(run(nlp, md)) == [("Our members have spoken, and the result is clear", "union")]


def test_a_document_speaks_for_whoever_wrote_or_issued_it(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Tom Reyes released a letter from his doctor on Friday that says he is in “excellent health.”\n\n'
          'After a short meeting, the council issued a statement calling the test “a grave provocation.”\n\n'
          'The Daily Ledger checked the figures. They announced that Reyes’s statement was “true.”')
    assert said(run(nlp, md)) == [("excellent health.", "his doctor"), ("a grave provocation.", "council"),
                                  ("true.", "Daily Ledger")]


def test_as_a_source_put_it(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'The main test for the permit is a "clean record of past conduct," as a city memo put it.'
    assert said(run(nlp, md)) == [("clean record of past conduct", "city memo")]


def test_likening_and_comparing_are_cues(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Tom Reyes likened the new rules to "tearing up the charter."\n\n'
          'Ann Kerr, a debate coach, compared him to a player who is "arguing with the umpire."')
    assert said(run(nlp, md)) == [("tearing up the charter.", "Tom Reyes"),
                                  ("arguing with the umpire.", "Ann Kerr")]


def test_a_share_of_those_polled_speaks_as_a_group(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'Only 41 percent of likely voters said the mayor was "fit to serve."'
    quotes, speakers = run(nlp, md)
    (quote,) = quotes
    assert speakers[quote.speaker].kind == "group" and "percent" in speakers[quote.speaker].name


def test_a_clip_a_family_and_a_chanting_crowd_speak(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('The clip says Reyes "has never paid his share."\n\n'
          'The Kerr family has asked the police to publish the tapes "in the name of fairness."\n\n'
          'Marchers in the square chanted "No more waiting!" until midnight.')
    assert said(run(nlp, md)) == [("has never paid his share.", "clip"), ("in the name of fairness.", "Kerr family"),
                                  ("No more waiting!", "Marchers")]


def test_a_fragment_under_a_reported_cue_is_the_reporters(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('City lawyer Jo Hale said in the letter that the flyer “clearly and falsely” suggests that '
          'the police back the mayor.\n\n'
          'Ann Kerr spoke on Monday. She pointed to reports that Reyes called the judge a “total disgrace.”')
    assert said(run(nlp, md)) == [("clearly and falsely", "Jo Hale"), ("total disgrace.", "Ann Kerr")]


def test_a_testimonial_broken_by_a_remark_takes_the_next_signature(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('“The rally was loud and long.” ― Lee Kerr\n\n'
          '“He talks and talks. As my aunt says, ‘Empty pots make the most noise.” And that is all he is '
          '“a noisy pot’.” ― Ana Ruiz.')
    assert [name for _, name in said(run(nlp, md))] == ["Lee Kerr", "Ana Ruiz", "Ana Ruiz"]


def test_a_long_subject_after_an_exclaimed_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('"What a night for our city, friends!" Reyes\'s sister, county clerk Maria "Mia" Lopez '
          '(D-Lakeside), shouted to the crowd.')
    assert "Lopez" in (said(run(nlp, md))[0][1] or "")


def test_kin_nouns_speak(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'Her niece said the new plan was "a slow disaster."'
    assert said(run(nlp, md)) == [("a slow disaster.", "Her niece")]


def test_a_colon_lead_in_without_a_cue_names_the_person_acting(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'With the vote close, Tom Reyes is trying a more personal pitch: "This one is about me."'
    assert said(run(nlp, md)) == [("This one is about me.", "Tom Reyes")]


def test_what_a_study_finds_it_says(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('An audit released in May found that the city could not trace money "spent on consultants and '
          'other outside help." Reyes found the money "somewhere else."')
    assert said(run(nlp, md)) == [("spent on consultants and other outside help.", "audit")]


def test_a_participle_after_an_aside_in_dashes_belongs_to_the_main_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Small groups of marchers continued to ask for answers, circling the blocks around City Arena - where '
          'the Lakeside Hawks beat the Dunmore Rams - while chanting, "No justice, no peace."')
    assert said(run(nlp, md)) == [("No justice, no peace.", "Small groups of marchers")]


def test_climbing_from_a_cue_takes_the_subject_nearest_the_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Senator Jo Hale, despite admitting that he had his concerns about "lawyers getting rich" and other '
          'matters, the farmers "must have their day in court" and he does believe the bill will pass.')
    assert said(run(nlp, md)) == [("lawyers getting rich", "Jo Hale"), ("must have their day in court", "Jo Hale")]


def test_a_noun_after_a_sentence_opening_verb_is_its_object(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'Calls men derogatory names, like "brutes," and runs beauty contests.'
    assert said(run(nlp, md)) == []


def test_an_inverted_lead_in_still_names_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    md = '"We will win," said the mayor. Said the spokesman: "We are ready."'
    assert said(run(nlp, md)) == [("We will win", "mayor"), ("We are ready.", "spokesman")]


def test_talking_about_something_is_a_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    assert said(run(nlp, 'Dr. Ann Kerr spoke of "a long night" at the clinic.')) == [("a long night", "Ann Kerr")]


def test_a_fragment_in_a_coordinated_clause_is_not_the_first_clause_reporters(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'Tom Reyes said the vote was close, and Mayor Jo Hale called the courts "rigged" at once.'
    assert said(run(nlp, md)) == [("rigged", "Jo Hale")]


def test_casting_verb_before_as_when_the_parse_breaks(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'Mayor Ann Kerr, in particular, has been pounding Trump as a “con artist” ― as she did with Jones in 2012.'
    assert said(run(nlp, md)) == [("con artist", "Ann Kerr")]


def test_serving_as_something_casts_no_one(nlp) -> None:  # type: ignore[no-untyped-def]
    assert said(run(nlp, 'The old park now serves as a "green lung" for the city.')) == []


def test_the_owner_of_a_claim_says_its_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'After the debate the paper checked Mayor Jo Hale’s claim that there were “hundreds of break-ins” in the city.'
    assert said(run(nlp, md)) == [("hundreds of break-ins", "Jo Hale")]


def test_an_agentless_passive_cue_above_a_fragment_names_no_one(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Lawyers for the voters object to their removal from the rolls because they did not respond to letters '
          'and have not voted since 2010, in what is being criticized as a "vote or lose it" approach.')
    assert said(run(nlp, md)) == []


def test_a_cue_after_coordinated_prepositions_climbs_to_their_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Congress questioned Tom Reyes, where he appeared at a 2014 Senate hearing for his role in promoting diet '
          'pills on his show and for saying that a green tea pill was a “miracle cure for every body type.”')
    assert said(run(nlp, md)) == [("miracle cure for every body type.", "Tom Reyes")]


def test_an_untagged_owner_is_a_pronoun_antecedent(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Critics of the show were blunt. "The host is a fraud," said Paul Dunn, a surgeon in Ohio.\n\n'
          'SENATORS GRILLED HIM — Zub’s odd advice earned him a hearing in Congress, where he said that a green '
          'tea pill was a “miracle cure for every body type.”')
    assert said(run(nlp, md))[-1] == ("miracle cure for every body type.", "Zub")


def test_a_lead_in_naming_whose_statement_follows(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('The slant shows in how the site rated this statement by Tom Reyes on June 11:\n\n'
          '“Half of the young people in this city have no job.”\n\n'
          'The site rated Ann Kerr’s claim this way:\n\n'
          '“The budget is balanced.”')
    assert [s for _, s in said(run(nlp, md))] == ["Tom Reyes", "Ann Kerr"]


def test_names_the_parser_joined_to_a_noun_still_speak(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Mayor Ann Kerr and Governor Tom Reyes spoke on Monday.\n\n'
          'When gunmen are unmasked as part of the second front of the long border war, Kerr and Reyes call them '
          '"lost souls" and describe their acts as crimes.')
    assert said(run(nlp, md)) == [("lost souls", "Tom Reyes")]


def test_pronoun_follows_the_gender_of_a_kin_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    # "my uncle" and "my aunt" are named by kinship alone: "she" is the aunt, never the uncle.
    text = ('"The harvest will be late," my uncle told us every spring.\n\n'
            'My aunt kept the accounts, and at ninety she still tells visitors, "Nothing grows on debt."\n\n'
            'When my aunt drove us to town, she said, "Count the fields as we pass."\n')
    assert said(run(nlp, text)) == [
        ("The harvest will be late", "my uncle"),
        ("Nothing grows on debt.", "my aunt"),
        ("Count the fields as we pass.", "my aunt"),
    ]


def test_per_names_a_source_as_according_to_does(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Members may send proxies, but not when voting "to fill a vacancy on the ticket," per the league\'s bylaws.\n\n'
          'The plant will close, per Reuters, and the loss is "a sad day for the valley."\n\n'
          'Prices rose 4 per cent a year, a rise the bank called "too fast."\n')
    assert said(run(nlp, md)) == [("to fill a vacancy on the ticket", "league's bylaws"),
                                  ("a sad day for the valley.", "Reuters"), ("too fast.", "bank")]


def test_quoted_someone_as_saying_gives_the_quote_to_that_someone(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('The Herald quoted Mayor Ann Cole as saying "the bridge will reopen by June."\n\n'
          'State television quoted an army spokesman as calling the raid "a complete success."\n')
    assert said(run(nlp, md)) == [("the bridge will reopen by June.", "Ann Cole"),
                                  ("a complete success.", "army spokesman")]


def test_the_first_person_is_the_bylines_one_writer(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'When my aunt asked about the harvest, I said, "Not this year."\n\n"Then next year," she said.\n'
    assert said(run(nlp, md, author=sole_author("By Ann Cole"))) == [("Not this year.", "Ann Cole"),
                                                                     ("Then next year", "my aunt")]
    assert said(run(nlp, md))[0] == ("Not this year.", None)  # no byline: no one to name
    assert [sole_author(b) for b in ("by Ann Cole", "Ann Cole and Bo Li", "Staff, Reuters", None)] == \
        ["Ann Cole", None, None, None]


def test_a_title_before_the_name_is_not_part_of_the_role(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'Republican vice-presidential nominee Gov. Mike Pence said the debate "will be a fair fight."'
    quotes, speakers = run(nlp, md)
    assert [(s.name, s.role) for s in speakers.values()] == [("Mike Pence", "Republican vice-presidential nominee")]
    quotes, speakers = run(nlp, '"We need a vote," Sen. Ann Cole said.')
    assert [(s.name, s.role) for s in speakers.values()] == [("Ann Cole", "senator")]


def test_card_roles_are_offices_not_codes_places_or_titles() -> None:
    from explainer.annotate.glossary.roles import clean_role
    assert [clean_role(r) for r in ("Vermont Sen.", "Former Pennsylvania Gov.", "Republican vice-presidential nominee Gov.",
                                    "Sen.", "Retired Lt. Gen.", "Rev.", "Republican Indiana Gov.", "Mr.")] == [
        "Vermont senator", "Former Pennsylvania governor", "Republican vice-presidential nominee", "senator",
        "Retired general", None, "Republican Indiana governor", None]
    assert [clean_role(r) for r in ("D-Md.", "N.C.", "D", "Massachusetts", "NBC's", "herself", "”―", "", None)] == \
        [None] * 9
    assert [clean_role(r) for r in ("German Chancellor", "RT host", "Wells Fargo CEO", "two-decade veteran",
                                    "Another critic", "Democrat")] == [
        "German Chancellor", "RT host", "Wells Fargo CEO", "two-decade veteran", "Another critic", "Democrat"]


def test_a_described_role_beats_a_bare_title(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('"The vote was a disgrace," said Rep. Ann Cole (D-N.C.), head of the Ruritan Caucus.\n\n'
          '"We will vote again," added Rep. Bo Reyes (D-S.C.), the assistant leader of the Ruritan caucus.\n')
    quotes, speakers = run(nlp, md)
    assert [(s.name, s.role) for s in speakers.values()] == [
        ("Ann Cole", "head of the Ruritan Caucus"), ("Bo Reyes", "assistant leader of the Ruritan caucus")]


def test_an_object_pronoun_before_a_participle_is_resolved_like_a_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'Ann Cole spoke first.\n\nA clip shows her saying "we will win the vote."\n'
    assert said(run(nlp, md)) == [("we will win the vote.", "Ann Cole")]


def test_a_speech_verb_of_any_manner_after_the_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    # Verbs of speaking by manner (Levin 37.3) and of complaint or judgement, not a list of three.
    md = ('"The budget is a fantasy," Nora Vance scoffed on Monday.\n\n'
          '"Nobody asked the teachers," Omar Reyes grumbled.\n\n'
          '"We will be back," mused Ilse Brandt, the club\'s captain.\n\n'
          'Continued Brandt: "And we will win."\n\n'
          'Paul Ode bemoaned what he called "a lost decade for the port."')
    assert said(run(nlp, md)) == [("The budget is a fantasy", "Nora Vance"), ("Nobody asked the teachers", "Omar Reyes"),
                                  ("We will be back", "Ilse Brandt"), ("And we will win.", "Ilse Brandt"),
                                  ("a lost decade for the port.", "Paul Ode")]


def test_who_can_speak(nlp) -> None:  # type: ignore[no-untyped-def]
    # A person named by age speaks; a capitalised name the tagger misread speaks; a weekday never does.
    md = ('"I have never missed a vote," said the 81-year-old.\n\n'
          '"The polls are wrong," Brandvold added.\n\n'
          'Tuesday said "nothing at all" about the merger.')
    assert said(run(nlp, md)) == [("I have never missed a vote", "81-year-old"), ("The polls are wrong", "Brandvold")]


def test_both_halves_of_an_interrupted_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('"We have waited long enough," Rosa Delgado concluded, "to see the bridge rebuilt."\n\n'
          "''For now,'' she continued, ''the ferry will have to do.''")
    assert said(run(nlp, md)) == [("We have waited long enough", "Rosa Delgado"),
                                  ("to see the bridge rebuilt.", "Rosa Delgado"), ("For now", "Rosa Delgado"),
                                  ("the ferry will have to do.", "Rosa Delgado")]


def test_a_panel_each_named_with_affiliation_before_a_colon(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('We asked three readers about the new tram line.\n\n'
          'Jo Park, Eastside Tenants Union: "It is late, but it is welcome."\n\n'
          'Ben Cho, a lawyer at Cho and Partners: "The contract is a mess."\n\n'
          'Mara Lind: "I will keep cycling."')
    quotes, speakers = run(nlp, md)
    assert said((quotes, speakers)) == [("It is late, but it is welcome.", "Jo Park"),
                                        ("The contract is a mess.", "Ben Cho"), ("I will keep cycling.", "Mara Lind")]
    roles = {s.name: s.role for s in speakers.values()}
    assert roles["Ben Cho"] == "a lawyer at Cho and Partners"


def test_he_is_the_topic_of_the_passage_not_someone_named_in_passing(nlp) -> None:  # type: ignore[no-untyped-def]
    # The subject named in apposition ("commissioner, Arne Dahl,") is whom the paragraph is about; an earlier
    # speaker two paragraphs up and a person inside an object are not.
    md = ('"The river is rising," said Nils Berg, a hydrologist.\n\n'
          'The talk then turned to money.\n\n'
          "The league's new commissioner, Arne Dahl, brushes aside the complaints of Gene Holt. \"Our rules are simple,\" "
          "he said.")
    assert said(run(nlp, md))[-1] == ("Our rules are simple", "Arne Dahl")


def test_an_unnamed_described_speaker_is_the_later_he(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Bill Soto spoke at the dock, where Gene Holt, a fisherman, listened. '
          'A hospital spokesman said the injured were stable. "They will recover," he said.')
    quotes, speakers = run(nlp, md)
    assert said((quotes, speakers)) == [("They will recover", "hospital spokesman")]
    assert all(s.role is None for s in speakers.values())  # Bill Soto was never given the spokesman's role


def test_a_quote_opening_a_sentence_takes_the_main_verb_of_the_sentence_before(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('"The lease stands," spokesman Ron Lee told the Ledger in May, after Mayor Ana Ruiz said she would cancel '
          'the contract. "Nothing in it lets the city walk away."\n\n'
          '"We are done here," Lee said on Friday, an hour after the council announced its vote. "We move on."')
    assert [s for _, s in said(run(nlp, md))] == ["Ron Lee"] * 4


def run_with_glossary(nlp, markdown: str) -> Result:  # type: ignore[no-untyped-def]
    from explainer.annotate.glossary.entities import find_entities

    blocks = blocks_of(markdown)
    entities = find_entities(blocks, list(nlp.pipe(b.text for b in blocks)), (), markdown, "t.md").entities
    return run(nlp, markdown, entities)


def test_roles_for_every_kind_of_introduction(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Alderman Jo Park opened the meeting. "We start now," Park said.\n\n'
          'Ana Ruiz, who leads the Eastside Tenants Union, spoke next. "Rents are too high," Ruiz said.\n\n'
          'The State Water Board met on Monday. A spokesman for the agency, Ben Cho, said: "The reservoir is full."\n\n'
          'The Harbor City Falcons lost again. "We were tired," the Falcons\' coach, Lee Grant, said.')
    _, speakers = run_with_glossary(nlp, md)
    assert {s.name: s.role for s in speakers.values()} == {
        "Jo Park": "Alderman", "Ana Ruiz": "leader of the Eastside Tenants Union",
        "Ben Cho": "spokesman for the State Water Board", "Lee Grant": "coach of the Harbor City Falcons"}


def test_a_quote_paragraph_after_the_paragraph_that_introduces_its_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Ann Kerr praised the plan on Monday.\n\n"It is the best we have had in years."\n\n"And it is cheap."\n\n'
          'The weather turned cold.\n\n"Nobody expected this."')
    assert said(run(nlp, md)) == [("It is the best we have had in years.", "Ann Kerr"), ("And it is cheap.", "Ann Kerr"),
                                  ("Nobody expected this.", None)]


def test_a_colon_lead_in_without_a_speech_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'The Harbor Trust issued a statement on Friday:\n\n"We regret the delay."'
    assert said(run(nlp, md)) == [("We regret the delay.", "Harbor Trust")]


def test_words_named_by_a_noun_of_saying_are_its_owners(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Mayor Ann Hale toured the docks. The city, in Hale\'s words, is "a place that never sleeps."\n\n'
          'Tom Reyes lost the vote after his comment that "the farmers can wait."')
    assert said(run(nlp, md)) == [("a place that never sleeps.", "Ann Hale"), ("the farmers can wait.", "Tom Reyes")]


def test_a_frame_after_a_question_mark_with_a_listener(nlp) -> None:  # type: ignore[no-untyped-def]
    md = '"Who pays for the repairs?" Ben Ruiz told the committee at the hearing.'
    assert said(run(nlp, md)) == [("Who pays for the repairs?", "Ben Ruiz")]


def test_a_cue_in_a_relative_clause_does_not_frame_the_next_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('"I have had enough," said Carla Mendes, a grocer and a longtime member of the board who said she would '
          'resign in June. "They stopped listening."')
    assert said(run(nlp, md)) == [("I have had enough", "Carla Mendes"), ("They stopped listening.", "Carla Mendes")]


def test_an_ad_speaks_for_whoever_released_it(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'Ann Cole placed a newspaper ad calling the toll rise "a tax on workers."'
    assert said(run(nlp, md)) == [("a tax on workers.", "Ann Cole")]


def test_a_street_is_never_the_he_who_speaks(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Outside the mill on Ignacio Zaragoza Street in the town of Villa Nueva, a welder named Ruben Ortega says '
          'his wages are fine. "The bosses treat us well," he said.')
    assert said(run(nlp, md)) == [("The bosses treat us well", "Ruben Ortega")]


def test_an_unnamed_speaker_is_not_the_she_of_a_later_passage(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Ann Hale led the budget talks.\n\n"She hated the first draft," said a committee veteran.\n\n'
          'The talks dragged on for weeks.\n\nNobody slept much.\n\n'
          '"I wanted a plan we could defend," she said.')
    assert said(run(nlp, md)) == [("She hated the first draft", "committee veteran"),
                                  ("I wanted a plan we could defend", "Ann Hale")]


def test_a_name_that_is_also_a_month_still_speaks(nlp) -> None:  # type: ignore[no-untyped-def]
    md = '"We will leave the union," Theresa May said on Monday.'
    assert said(run(nlp, md)) == [("We will leave the union", "Theresa May")]


def test_a_quote_paragraph_after_a_paragraph_whose_cue_names_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Above all, Tom Ash wrote in a memo, the flood proves the levee is too low.\n\n'
          '"Can we really wait another year?"')
    assert said(run(nlp, md)) == [("Can we really wait another year?", "Tom Ash")]


def test_a_full_quote_closing_a_sentence_after_a_comma(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('On Sunday, Ann Hale opened up to a room of volunteers at the library, '
          '"I have never been this nervous before a vote."')
    assert said(run(nlp, md)) == [("I have never been this nervous before a vote.", "Ann Hale")]


def test_the_name_right_after_an_inverted_verb_speaks_however_it_was_parsed(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('"What is shaping up is a battle for the ages," said Dale Brockton, a longtime ally who heads the '
          'pro-Varga group Keep the Harbor.\n\n'
          '"We have to thread the needle," added Palmer, about the content mix - which will also include more '
          'interviews.')
    assert said(run(nlp, md)) == [("What is shaping up is a battle for the ages", "Dale Brockton"),
                                  ("We have to thread the needle", "Palmer")]


def test_a_short_frame_after_a_comma_names_the_speaker_however_it_was_tagged(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('The Harbor Ledger ran an editorial on Friday.\n\n'
          '"If she wants to lead the county, Varga should come to the coast," the editorial read.\n\n'
          '"The council has failed the town," Will wrote in his column.')
    assert said(run(nlp, md)) == [("If she wants to lead the county, Varga should come to the coast", "editorial"),
                                  ("The council has failed the town", "Will")]



def test_a_role_read_before_a_pronoun_quote_names_the_body_in_full(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('The Harbor City Falcons won on Sunday.\n\n'
          'The Falcons\' coach, Lee Grant, was pleased. "It was a good day," he said.')
    _, speakers = run_with_glossary(nlp, md)
    assert {s.name: s.role for s in speakers.values()} == {"Lee Grant": "coach of the Harbor City Falcons"}
