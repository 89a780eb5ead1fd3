"""Sentence spans and the lenient value readers (timestamps, dates, outcomes)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.detect.sentences import split_sentences
from pipeline.ingest.values import (
    normalise_outcome,
    outcome_from_stage,
    parse_date,
    parse_timestamp,
)


def test_split_sentences_spans_match_the_text() -> None:
    text = (
        "We pay approx. $1.5k a month now, e.g. for Mr. Smith's team.  Is that fine? "
        "Yes! J. Smith agreed at 3 p.m. on Friday.\n- A bullet without a stop\n"
        '"That\'s too much." She said it twice...  Then left.'
    )
    spans = split_sentences(text)
    assert [s for _, _, s in spans] == [
        "We pay approx. $1.5k a month now, e.g. for Mr. Smith's team.",
        "Is that fine?",
        "Yes!",
        "J. Smith agreed at 3 p.m. on Friday.",
        "- A bullet without a stop",
        '"That\'s too much."',
        "She said it twice...",
        "Then left.",
    ]
    assert all(text[start:end] == sentence for start, end, sentence in spans)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Who's paid and who hasn't. Everything else.",
            ["Who's paid and who hasn't.", "Everything else."],
        ),
        ("Some won’t. They like Paul.", ["Some won’t.", "They like Paul."]),
        ("No. Never.", ["No.", "Never."]),
        ("Invoice No. 5 is late. Fine.", ["Invoice No. 5 is late.", "Fine."]),
        ("That's... that's good. Yes.", ["That's... that's good.", "Yes."]),
    ],
)
def test_contractions_and_a_plain_no_end_sentences(text: str, sentences: list[str]) -> None:
    assert [s for _, _, s in split_sentences(text)] == sentences


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_split_sentences_of_nothing(text: str) -> None:
    assert split_sentences(text) == []


def test_split_sentences_without_final_punctuation() -> None:
    assert split_sentences("  no punctuation at all ") == [(2, 23, "no punctuation at all")]


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (12.5, 12.5),
        (7, 7.0),
        ("75", 75.0),
        ("01:15", 75.0),
        ("1:02:03", 3723.0),
        ("00:00:01,250", 1.25),
        ("00:01:02.5", 62.5),
        ("[00:01:02]", 62.0),
        ("soon", None),
        (-3, None),
        (None, None),
        (True, None),
    ],
)
def test_parse_timestamp(value: object, seconds: float | None) -> None:
    assert parse_timestamp(value) == seconds


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("2026-03-12", dt.date(2026, 3, 12)),
        ("2026-03-12T14:05:00Z", dt.date(2026, 3, 12)),
        ("2026-03-12 14:05", dt.date(2026, 3, 12)),
        ("3/12/2026", dt.date(2026, 3, 12)),
        ("03/12/26", dt.date(2026, 3, 12)),
        ("3/12/2026 10:15 AM", dt.date(2026, 3, 12)),
        ("25/12/2026", dt.date(2026, 12, 25)),
        ("12.03.2026", dt.date(2026, 3, 12)),
        ("2/30/2026", None),
        ("12 Mar 2026", dt.date(2026, 3, 12)),
        ("12 March 2026", dt.date(2026, 3, 12)),
        ("Mar 12, 2026", dt.date(2026, 3, 12)),
        ("12-Mar-2026", dt.date(2026, 3, 12)),
        ("2026/03/12", dt.date(2026, 3, 12)),
        ("next Tuesday", None),
        ("", None),
        ("Wednesday, March 12, 2026 10:30 AM GMT", dt.date(2026, 3, 12)),
        ("Wed 12 Mar 2026", dt.date(2026, 3, 12)),
        ("We pay 12 a seat and signed in March 2026", None),  # a sentence, not a date line
        ("Called 12 times", None),
    ],
)
def test_parse_date(value: str, date: dt.date | None) -> None:
    assert parse_date(value) == date


@pytest.mark.parametrize(
    ("value", "boolean", "outcome"),
    [
        ("Closed Won", False, "won"),
        ("closedwon", False, "won"),
        ("WON", False, "won"),
        ("Closed Lost", False, "lost"),
        ("Lost", False, "lost"),
        ("Open", False, "open"),
        ("in progress", False, "open"),
        ("Left voicemail", False, "unknown"),
        ("", False, None),
        ("true", True, "won"),
        ("false", True, None),
        ("Closed Won", True, "won"),
    ],
)
def test_normalise_outcome(value: str, boolean: bool, outcome: str | None) -> None:
    assert normalise_outcome(value, boolean_column=boolean) == outcome


@pytest.mark.parametrize(
    ("stage", "outcome"),
    [
        ("Closed Won", "won"),
        ("Closed Lost", "lost"),
        ("Negotiation", "open"),
        ("Appointment scheduled", "open"),
        ("Closed (other)", "unknown"),
        ("", None),
    ],
)
def test_outcome_from_stage(stage: str, outcome: str | None) -> None:
    assert outcome_from_stage(stage) == outcome


def test_a_quote_keeps_the_sentences_its_meaning_depends_on() -> None:
    """A sentence alone can say the opposite of what the buyer meant: "Staffly is more
    expensive" is no reason to pick us when the next sentence is "But the partners see it as
    one system instead of two."."""
    from pipeline.detect.sentences import quote_text

    turn = (
        "We run three practices. Staffly is more expensive, quite a lot more. "
        "But the partners see it as one system instead of two. Anyway, next steps?"
    )
    sentence = "Staffly is more expensive, quite a lot more."
    start = turn.index(sentence)
    assert quote_text(turn, sentence, start, start + len(sentence)) == (
        sentence + " But the partners see it as one system instead of two."
    )
    short = "We also looked at Staffly. They wanted a three-week setup with a consultant. Fine."
    assert quote_text(short, "We also looked at Staffly.", 0, 26) == (
        "We also looked at Staffly. They wanted a three-week setup with a consultant."
    )
    # A sentence that stands on its own is quoted alone; a long one is not carried on.
    plain = "It's too expensive for us right now. We have twelve sites. But that's fine."
    assert quote_text(plain, "It's too expensive for us right now.", 0, 36) == (
        "It's too expensive for us right now."
    )
    long = "The onboarding took our managers far too long last time. It was painful."
    assert quote_text(long, long[:57], 0, 57) == long[:57]
    # The sentence before comes along when this one continues it, is a bare answer or ends on
    # a word pointing back to it.
    for before, sentence in (
        ("And what am I paying ClockBee now... forty-something.", "So I'm going up a lot."),
        ("It double-booked our cook on a Friday.", "Twice."),
        ("The hours history is in there.", "I don't want to lose it."),
        ("We also looked at Staffly.", "They wanted a three-week setup with a consultant."),
    ):
        turn = f"Right. {before} {sentence} Okay, what else?"
        start = turn.index(sentence)
        assert quote_text(turn, sentence, start, start + len(sentence)) == f"{before} {sentence}"
    # ...but not a filler: "Okay. And the hygienists ... are not keen on another app."
    turn = "Okay. And the hygienists are not keen on another app."
    assert quote_text(turn, turn[6:], 6, len(turn)) == turn[6:]
    # A bare answer that opens its turn takes the sentence after it; "Not..." turns one.
    turn = "ClockBee. We use ClockBee for clocking in and RotaPro for the rota."
    assert quote_text(turn, "ClockBee.", 0, 9) == turn
    turn = "We pay RotaPro less. Not a lot less, but less. The room module decided it."
    assert quote_text(turn, "We pay RotaPro less.", 0, 20) == (
        "We pay RotaPro less. Not a lot less, but less."
    )
    # What a buyer says of a rival is quoted with the sentence after it when asked to.
    turn = "We had a look at RotaPro a while back. The rep was pushy. Anyway."
    assert quote_text(turn, turn[:38], 0, 38) == turn[:38]
    assert quote_text(turn, turn[:38], 0, 38, goes_on=True) == turn[:57]
    # The last sentence, and a span that no longer matches its utterance, stay as stored.
    assert quote_text("Too pricey.", "Too pricey.", 0, 11) == "Too pricey."
    assert quote_text("Edited since. But more.", "Too pricey.", 0, 11) == "Too pricey."


_WORDS = ["But", "So", "Twice.", "Hmm.", "it.", "Not", "They", "the price", "ClockBee", "...", "?"]


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_WORDS) | st.text(max_size=12), max_size=20), st.data())
def test_a_quote_span_holds_its_sentence_and_stays_in_its_turn(
    words: list[str], data: st.DataObject
) -> None:
    """Whatever the turn, the span a quote shows holds the detected sentence, stays inside the
    turn and starts and ends on the turn's own sentences."""
    from pipeline.detect.sentences import quote_span

    turn = " ".join(words)
    spans = split_sentences(turn)
    if not spans:
        return
    start, end, _ = data.draw(st.sampled_from(spans))
    goes_on = data.draw(st.booleans())
    shown_start, shown_end = quote_span(turn, start, end, goes_on=goes_on)
    assert 0 <= shown_start <= start < end <= shown_end <= len(turn)
    assert shown_start in {s for s, _, _ in spans}
    assert shown_end in {e for _, e, _ in spans}
