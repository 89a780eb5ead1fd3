"""A bare fragment of the buyer's turn ("Maybe.", "I am a bit.") and a rebuttal of a colleague by
name ("They won't, Frank, not after the double-payment thing.") take their kind from the talk
around them (``pipeline/detect/side_remarks.py``): review 26 had them as objections (the
rebuttal, arguing for us, a price objection at 0.96). Real short objections keep theirs."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.classify import Detection, Kind, SentenceInput
from pipeline.detect.model import KindScore
from pipeline.detect.side_remarks import is_bare_fragment, rebuts_by_name, side_remarks
from pipeline.embed import Embedder
from tests.samples import Said

FRAGMENTS = [
    "Maybe.",
    "I am a bit.",
    "It is.",
    "Some people do.",
    "Could be.",
    "I suppose so.",
    "Well, we will.",
    "Probably.",
    "They do, sort of.",
    "Yeah, it is a bit.",
    "We'll see.",
    "Who knows.",
    "I guess.",
]
NOT_FRAGMENTS = [
    "Too expensive.",
    "Not for us, sorry.",
    "Can't justify it.",
    "It's a lot.",
    "Not yet.",
    "We can't.",
    "They won't.",
    "Does it?",
    "Hm.",
    "I need to think about it.",
    "No chance.",
    "The vans have tablets.",
]


@pytest.mark.parametrize("sentence", FRAGMENTS)
def test_a_clause_with_its_predicate_left_out_is_a_bare_fragment(sentence: str) -> None:
    assert is_bare_fragment(sentence)


@pytest.mark.parametrize("sentence", NOT_FRAGMENTS)
def test_a_worry_a_topic_or_a_question_is_no_bare_fragment(sentence: str) -> None:
    assert not is_bare_fragment(sentence)


REBUTTALS = [
    ("They won't, Frank, not after the double-payment thing.", "Frank"),  # marina
    ("No, Priya, that was the old system.", "Priya"),  # software agency
    ("It will, Dave, the vans already have tablets.", "Dave"),  # pest control
    ("Come on, Sue, the families have been asking for this for years.", "Sue"),  # funeral home
    ("Of course they will, Tom, the vets love anything on their phone.", "Tom"),  # vet practice
    ("Nah, Gemma, the trustees signed off the budget in March.", "Gemma"),  # charity
    ("We do, Amir, it's in the shared drive.", "Amir"),  # clinic
    ("That's not true, Ken, we lost three jobs to double bookings last month.", "Ken"),
    ("Dave, come on, the crews want this.", "Dave"),  # landscaping
    ("They did, Joan, it was the old spreadsheet that lost them.", "Joan"),  # farm
    ("It does, Marco, I saw it with my own eyes.", "Marco"),
]
NOT_REBUTTALS = [
    ("No, Dave, it's far too expensive for us.", "Dave"),  # a worry of its own
    ("They won't, Frank, the price is the problem.", "Frank"),
    ("Frank thinks it's too dear.", "Frank"),
    ("We looked at it, Frank and I, last spring.", "Frank"),
    ("Thanks, Frank, that's helpful.", "Frank"),
    ("They won't, Frankly, not at that price.", "Frank"),
    ("Honestly, Sue, we can't afford it this year.", "Sue"),
]


@pytest.mark.parametrize(("sentence", "name"), REBUTTALS)
def test_a_reply_to_a_colleague_by_name_rebuts_them(sentence: str, name: str) -> None:
    assert rebuts_by_name(sentence, name)


@pytest.mark.parametrize(("sentence", "name"), NOT_REBUTTALS)
def test_a_worry_of_its_own_or_no_reply_form_is_no_rebuttal(sentence: str, name: str) -> None:
    assert not rebuts_by_name(sentence, name)


def _score(objection: float = 0.4) -> KindScore:
    rest = (1.0 - objection) / 4
    probabilities = {"objection": objection, "pain": rest, "question": rest}
    probabilities |= {"current_setup": rest, "other": rest + 0.01}
    return KindScore("objection", "price", objection, objection, probabilities)


def _read(turns: list[tuple[Said, list[tuple[str, Kind]]]]) -> list[Kind]:
    """The kinds ``side_remarks`` leaves for the buyer sentences of ``turns`` (each utterance
    with its sentences as the detector had read them)."""
    rows: list[tuple[int, SentenceInput]] = []
    kinds: list[Detection] = []
    for said, sentences in turns:
        for index, (text, kind) in enumerate(sentences):
            sentence = SentenceInput(text, said.text, index_in_turn=index, turn_size=len(sentences))
            rows.append((said.id, sentence))
            kinds.append(Detection(kind, "price" if kind == "objection" else None, text, 0, 1))
    found = side_remarks([said for said, _ in turns], rows, kinds, [_score()] * len(kinds))
    return [d.kind for d in found]


def _turn(sentences: list[tuple[str, Kind]], speaker: str | None = None, uid: int = 1) -> Said:
    return Said(uid, "buyer", " ".join(text for text, _ in sentences), speaker)


FRAGMENT_TURNS: list[list[tuple[str, Kind]]] = [
    [("We spray forty sites a week.", "current_setup"), ("Some of them do.", "objection")],
    [("Maybe.", "objection"), ("I'd need to ask the directors first.", "objection")],  # funeral
    [("The vets like the old diary.", "other"), ("Well.", "other"), ("I do a bit.", "objection")],
    [("Could be.", "objection"), ("Harvest is when nobody has time to learn it.", "objection")],
    [("Our volunteers are mostly retired.", "current_setup"), ("Most of them are.", "objection")],
    [("I suppose so.", "objection"), ("The board will still want a second quote.", "objection")],
    [("I'm not blaming anyone.", "other"), ("Well.", "other"), ("I am a bit.", "objection")],
    [("The drivers text me.", "current_setup"), ("It is, honestly.", "objection")],  # couriers
    [("We'll see.", "objection"), ("Our accountant signs off anything over a grand.", "objection")],
    [("We bill by the hour.", "current_setup"), ("Probably.", "objection")],  # software agency
]


@pytest.mark.parametrize("sentences", FRAGMENT_TURNS)
def test_a_fragment_with_no_objection_before_it_in_its_turn_is_no_objection(
    sentences: list[tuple[str, Kind]],
) -> None:
    found = _read([(_turn(sentences), sentences)])
    fragments = [i for i, (text, _) in enumerate(sentences) if is_bare_fragment(text)]
    assert fragments and all(found[i] == "other" for i in fragments), found
    assert [k for i, k in enumerate(found) if i not in fragments] == [
        kind for i, (_, kind) in enumerate(sentences) if i not in fragments
    ]


KEPT_TURNS: list[list[tuple[str, Kind]]] = [
    [("The price is way over what we budgeted.", "objection"), ("Definitely.", "objection")],
    [("Too expensive.", "objection")],
    [("Hm.", "other"), ("Not for us, sorry.", "objection")],
    [("Can't justify it.", "objection")],
    [("Maybe.", "objection")],  # the whole turn: the rep's turn decides, as for "Hm."
    [("It's a lot.", "objection"), ("We'd have to think.", "objection")],
    [("We'd never get the crews onto it.", "objection"), ("They won't, honestly.", "objection")],
]


@pytest.mark.parametrize("sentences", KEPT_TURNS)
def test_real_short_objections_and_echoes_of_one_keep_their_kind(
    sentences: list[tuple[str, Kind]],
) -> None:
    assert _read([(_turn(sentences), sentences)]) == [kind for _, kind in sentences]


def test_a_rebuttal_of_a_colleagues_worry_is_no_objection() -> None:
    worry = [("Still a lot for us, the board will ask why we can't keep the sheet.", "objection")]
    rebuttal = [("They won't, Frank, not after the double-payment thing.", "objection")]
    turns = [
        (_turn(worry, "Frank DiMarco", 1), worry),
        (_turn(rebuttal, "Bev Sorensen", 2), rebuttal),
    ]
    assert _read(turns) == ["objection", "other"]


@pytest.mark.parametrize(
    ("before_speaker", "before_role", "before_kind", "speaker"),
    [
        ("Frank DiMarco", "buyer", "other", "Bev Sorensen"),  # no worry to rebut
        ("Frank DiMarco", "rep", "objection", "Bev Sorensen"),  # the rep's turn
        ("Frank DiMarco", "buyer", "objection", "Frank DiMarco"),  # the same speaker
        (None, "buyer", "objection", None),  # no names to go by
    ],
)
def test_no_rebuttal_of_a_colleague_without_a_colleagues_worry_before_it(
    before_speaker: str | None, before_role: str, before_kind: Kind, speaker: str | None
) -> None:
    before = [("The board will ask why we can't keep the spreadsheet.", before_kind)]
    rebuttal: list[tuple[str, Kind]] = [("They won't, Frank, not after last year.", "objection")]
    first = Said(1, before_role, before[0][0], before_speaker)
    turns = [(first, before), (_turn(rebuttal, speaker, 2), rebuttal)]
    assert _read(turns)[-1] == "objection"


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_reads_review_26s_turns(detector: RuleEmbeddingDetector) -> None:
    """The turns as the review's calls had them (the rep's, then the buyers')."""
    call = [
        Said(0, "rep", "Annual billing takes two months off that.", "Hattie Brennan"),
        Said(1, "buyer", "Maybe. I'd need to see that on paper.", "Morag Trelawny"),
        Said(2, "rep", "The lift schedule is shared between the office and the yard.", "Hattie"),
        Said(3, "buyer", "I'm not blaming anyone. Well. I am a bit.", "Dave Pascoe"),
        Said(4, "rep", "If you pay annually it's two months free, so fifteen hundred.", "Jordan"),
        Said(
            5,
            "buyer",
            "Hm. Still a lot for us. I'd have to get it past the board, and they'll ask why we"
            " can't just keep the spreadsheet.",
            "Frank DiMarco",
        ),
        Said(6, "buyer", "They won't, Frank, not after the double-payment thing.", "Bev Sorensen"),
        Said(7, "rep", "That's two pound ten a berth a month.", "Hattie Brennan"),
        Said(8, "buyer", "Too expensive.", "Morag Trelawny"),
    ]
    found = detector.detect_utterances(call)
    kinds = {d.text: d.kind for ds in found.values() for d in ds if d.kind != "competitor"}
    assert kinds["Maybe."] == "other" and kinds["I am a bit."] == "other"
    assert kinds["They won't, Frank, not after the double-payment thing."] != "objection"
    assert kinds["Still a lot for us."] == "objection"
    assert kinds["Too expensive."] == "objection"
