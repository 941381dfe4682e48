"""Character-level quote finding: no model needed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.annotate.attribution.quotes import QuoteSpan, scan_quotes
from explainer.content.markdown import blocks_of


def scan(markdown: str) -> tuple[list[QuoteSpan], list]:
    spans, problems = scan_quotes(blocks_of(markdown), "a.md", markdown)
    return list(spans), list(problems)


def texts(markdown: str) -> list[str]:
    return [s.text for s in scan(markdown)[0]]


def test_curly_and_straight_marks() -> None:
    md = "“We will go,” she said. He added, \"And we will stay.\""
    assert texts(md) == ["We will go", "And we will stay."]


def test_quote_text_has_no_marks_and_no_trailing_comma() -> None:
    (span,), _ = scan('"It is over," he said.')
    assert span.text == "It is over"
    assert span.segments[0].block == 0


def test_segments_point_at_the_words() -> None:
    md = 'She said "yes, we can" twice.'
    blocks = blocks_of(md)
    (span,), _ = scan(md)
    seg = span.segments[0]
    assert blocks[0].text[seg.start:seg.end] == "yes, we can"


def test_a_pair_of_the_other_double_mark_is_nested_not_a_new_quote() -> None:
    # Pasted copy mixes straight and curly marks: the inner pair is a quote inside the quote.
    md = ('"PENCE: She thinks this is an episode of “Shark Tank.” But this is serious business.\n\n'
          'Later that day:\n\n'
          '“He read the "Daily Ledger" story and laughed,” she said. "Then he left."\n')
    assert texts(md) == ["She thinks this is an episode of “Shark Tank.” But this is serious business.",
                         'He read the "Daily Ledger" story and laughed', "Then he left."]


def test_apostrophes_are_never_quotes() -> None:
    md = "The ministers’ plan doesn’t date from the ’90s, and O’Brien's 'em too."
    assert texts(md) == []


def test_nested_single_quotes_stay_inside_the_double_quote() -> None:
    md = "“He called it ‘nonsense’ and left,” she said."
    assert texts(md) == ["He called it ‘nonsense’ and left"]


def test_single_quotes_as_the_main_style() -> None:
    md = "‘We will win,’ the minister said. The ministers’ aides said ‘nothing is decided’."
    assert texts(md) == ["We will win", "nothing is decided"]


def test_doubled_mark_is_read_as_one() -> None:
    md = 'Wang added that ""China-Russia cooperation has no limits," repeating a line.'
    spans, problems = scan(md)
    assert [s.text for s in spans] == ["China-Russia cooperation has no limits"]
    assert problems == []


def test_partial_and_full_quotes() -> None:
    md = ('Officials accused China of signaling "willingness" to help. '
          '"We will not back down," he said. They watched the "Shark Tank" episode.')
    assert [(s.text, s.partial) for s in scan(md)[0]] == [
        ("willingness", True), ("We will not back down", False), ("Shark Tank", True)]


def test_multi_paragraph_quote_in_ap_style() -> None:
    md = ('He said: "The first paragraph ends open.\n\n'
          '"The second one too.\n\n'
          '"The last one closes," he said.\n\n'
          'Then "another" one.')
    spans, problems = scan(md)
    assert problems == []
    first = spans[0]
    assert [s.block for s in first.segments] == [0, 1, 2]
    assert first.text == "The first paragraph ends open. The second one too. The last one closes"
    assert first.close_mark is not None and first.close_mark[0] == 2
    assert spans[1].text == "another"


def test_unclosed_quote_ends_with_its_paragraph_and_warns() -> None:
    md = 'A title line.\n\nShe said "this never closes.\n\nThe next paragraph is prose.'
    spans, problems = scan(md)
    assert [s.text for s in spans] == ["this never closes."]
    assert spans[0].close_mark is None
    (warning,) = problems
    assert warning.level == "warning" and warning.line == 3 and warning.path == "a.md"


def test_a_new_opening_mark_ends_an_unclosed_quote() -> None:
    md = 'He said "first part. Then she said "second part" aloud.'
    spans, problems = scan(md)
    assert [s.text for s in spans] == ["first part. Then she said", "second part"]
    assert len(problems) == 1


def test_heading_stops_a_running_quote() -> None:
    md = 'She said "it runs on\n\n## "Heading" here'
    spans, problems = scan(md)
    assert [s.text for s in spans] == ["it runs on", "Heading"]
    assert len(problems) == 1


TEXT = st.text(alphabet=st.sampled_from(list("ab A.,;:!?-—’‘'\"“”\n")), max_size=80)


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_scan_never_raises_and_spans_are_well_formed(paragraphs: list[str]) -> None:
    md = "\n\n".join(paragraphs)
    blocks = blocks_of(md)
    spans, problems = scan_quotes(blocks, "p.md", md)
    for span in spans:
        assert span.segments and span.text
        assert span.text[0] not in "\"“”" and span.text[-1] not in "\"“”"
        for seg in span.segments:
            assert 0 <= seg.start < seg.end <= len(blocks[seg.block].text)
        assert [s.block for s in span.segments] == sorted({s.block for s in span.segments})
    assert all(p.level == "warning" for p in problems)


WORD = st.text(alphabet=st.sampled_from(list("abcdefgh")), min_size=1, max_size=6)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(WORD, st.sampled_from(["’", "'"]), WORD), min_size=1, max_size=6))
def test_apostrophes_inside_words_never_start_a_quote(words: list[tuple[str, str, str]]) -> None:
    md = "‘Fine,’ he said. " + " ".join(a + mark + b for a, mark, b in words) + " end."
    spans, _ = scan_quotes(blocks_of(md), "p.md", md)
    assert [s.text for s in spans] == ["Fine"]


def test_typewriter_double_apostrophes_quote() -> None:
    md = "''This isn't reform,'' said Jo Hale. ''It's tinkering.''"
    assert texts(md) == ["This isn't reform", "It's tinkering."]


def test_titles_after_a_preposition_are_flagged() -> None:
    md = ('He said on “Fox News Sunday” that the plan was “dead on arrival.” Trump called her "Crooked Hillary." '
          'On an episode of “The Steve Harvey Morning Show,” she spoke.')
    assert [(s.text, s.title) for s in scan(md)[0]] == [
        ("Fox News Sunday", True), ("dead on arrival.", False), ("Crooked Hillary.", False),
        ("The Steve Harvey Morning Show", True)]


def test_transcript_turns_do_not_run_on() -> None:
    md = '"WALLACE: Will she be there?\n\n"PENCE: She will not."'
    spans, problems = scan(md)
    # The label names the speaker; it is not part of what was said.
    assert [s.text for s in spans] == ["Will she be there?", "She will not."]
    assert len(problems) == 1


def test_a_nickname_between_first_name_and_surname_is_no_quote() -> None:
    spans, _ = scan('Her aunt, Delegate Maria "Mia" Lopez, spoke first. He said "Yes" Monday.')
    assert [(s.text, s.title) for s in spans] == [("Mia", True), ("Yes", False)]


def test_a_year_between_a_possessive_and_a_title_keeps_it_a_title() -> None:
    spans, _ = scan('He put it in his 2009 “Pledge to the Valley.” It passed.')
    assert [(s.text, s.title) for s in spans] == [("Pledge to the Valley.", True)]


def test_typewriter_quotes_hold_beside_one_pair_of_straight_marks() -> None:
    # A summary line in "..." does not turn the body's '' quotes into apostrophes; a ' inside is a nested quote.
    md = ('Mayor backs "new deal" for the harbor\n\n'
          "''We cannot wait for 'later,' '' said Lena Ortiz. ''The boats are ready.''")
    assert texts(md) == ["new deal", "We cannot wait for 'later,'", "The boats are ready."]


def test_backticks_open_a_typewriter_quote() -> None:
    assert texts("``The rain will stop,'' the forecaster said.") == ["The rain will stop"]


def test_a_curly_opener_typed_as_a_closer_is_read_by_its_neighbours() -> None:
    md = "Lee called the ruling “unfair“ in a post. “It stands,“ said the judge."
    assert texts(md) == ["unfair", "It stands"]


def test_a_title_after_a_work_noun_and_a_chant_after_a_noun_of_shouting() -> None:
    md = ('She starred in her new film, “Harbor Lights.” He wrote the memoir "Salt and Iron." '
          'The hall rang with chants of “Vote Them Out!” and calls for "Fair Wages Now."')
    assert [(s.text, s.title) for s in scan(md)[0]] == [
        ("Harbor Lights.", True), ("Salt and Iron.", True), ("Vote Them Out!", False), ("Fair Wages Now.", False)]


def test_attribute_values_of_pasted_html_are_not_quotes() -> None:
    md = 'She wrote: <blockquote class="tweet" data-id="88"><p>"We are open," she said.</p></blockquote>'
    assert texts(md) == ["We are open"]


def test_three_apostrophes_close_a_nested_quote_and_its_typewriter_quote() -> None:
    md = "''They tell us, 'Wait,''' said Mia Lund. ''We are tired of waiting.''"
    assert texts(md) == ["They tell us, 'Wait", "We are tired of waiting."]
