"""A title before a name or a post ends no sentence ("Tom Vickery, Hon. Treasurer" had been cut
after "Hon.", and "Treasurer)." read as a sentence of its own); the same word in lower case, or
before a word that opens a sentence, still ends one. People invented."""

from __future__ import annotations

import pytest

from pipeline.detect.sentences import split_sentences

KEPT_WHOLE = [
    "Met the committee (Ann Lyle, Chair; Tom Vickery, Hon. Treasurer) at the clubhouse.",
    "The funeral is led by Rev. Okafor from St Mary's on Friday.",
    "Cllr. Patel sits on the parish council's finance group.",
    "The farm's books are signed off by Capt. Hughes, who owns the land.",
    "Prof. Amadi runs the clinic's research side and wants the audit trail.",
    "The pest control contract is with Sgt. Mills at the barracks.",
    "Fr. Doyle runs the parish charity shop with two volunteers.",
    "Our tenant is Lt. Col. Barker, retired, who pays by cheque.",
    "The trust's patron is the Rt. Hon. Lady Denby and she chairs the board.",
    "Det. Insp. Rowe asked how the evidence lockers are logged.",
    "Msgr. Kelly approves any spend over five hundred pounds.",
    "The agency's account lead is Asst. Director Nwosu in Leeds.",
]


@pytest.mark.parametrize("text", KEPT_WHOLE)
def test_a_title_before_a_capitalised_name_or_post_ends_no_sentence(text: str) -> None:
    assert [sentence for _, _, sentence in split_sentences(text)] == [text]


SPLIT = [
    ("Spoke to the office mgr. She wants a demo.",
     ["Spoke to the office mgr.", "She wants a demo."]),
    ("We met the Gen. They liked it.", ["We met the Gen.", "They liked it."]),
    ("It's the next gen. Nobody uses the old one.",
     ["It's the next gen.", "Nobody uses the old one."]),
    ("Thanks hon. See you Monday.", ["Thanks hon.", "See you Monday."]),
    ("Ask the Capt. The crew won't know.", ["Ask the Capt.", "The crew won't know."]),
    ("Book Dr. Lee for Tuesday. Then the vet.", ["Book Dr. Lee for Tuesday.", "Then the vet."]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "sentences"), SPLIT)
def test_a_lower_case_word_or_a_sentence_opener_after_it_still_ends_one(
    text: str, sentences: list[str]
) -> None:
    assert [sentence for _, _, sentence in split_sentences(text)] == sentences
