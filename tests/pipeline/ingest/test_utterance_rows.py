"""Transcript tables with one utterance per row (Chorus, Gong, Avoma, Fathom, Fireflies CSV
exports): one call per call key, each row a speaker's words, sides from an affiliation or
internal flag. Why (walk 5, snag 1): a Chorus export was refused for having no notes column, and
the suggested ``{"text": "Sentence"}`` stored one speakerless rep note per row. Invented people
and trades, real layouts."""

from __future__ import annotations

import pytest

from pipeline.errors import BadInput
from pipeline.ingest import parse_file
from pipeline.ingest.service import parse_column_map

# Chorus-like: two calls' rows interleaved, sides from the affiliation column.
CHORUS = (
    "Engagement ID,Engagement Title,Engagement Date,Speaker Name,Speaker Email,"
    "Speaker Affiliation,Start Time (sec),Sentence\n"
    "501,Brightwash Laundries | Rinsely demo,2026-03-04 10:00:00,Nia Hart,nia@rinsely.example,"
    'Internal,2,"Hi Colm, thanks for making the time."\n'
    "502,Oakfield Linen | Rinsely follow-up,2026-03-05 14:00:00,Nia Hart,nia@rinsely.example,"
    "Internal,1,Good to speak again.\n"
    "501,Brightwash Laundries | Rinsely demo,2026-03-04 10:00:00,Colm Byrne,"
    "colm@brightwashlaundries.example,External,6,Our tumble dryers log nothing we can audit.\n"
    "501,Brightwash Laundries | Rinsely demo,2026-03-04 10:00:00,Colm Byrne,"
    'colm@brightwashlaundries.example,External,11,"And the price per machine is too high for us."\n'
    "501,Brightwash Laundries | Rinsely demo,2026-03-04 10:00:00,Nia Hart,nia@rinsely.example,"
    "Internal,17,We can look at annual pricing.\n"
    "502,Oakfield Linen | Rinsely follow-up,2026-03-05 14:00:00,Ada Quinn,ada@oakfield.example,"
    "External,5,Does it work with our old card readers?\n"
)

# Avoma/Fathom-like: a meeting id, clock timestamps, no side column.
AVOMA = (
    "Meeting UUID,Meeting Title,Speaker,Timestamp,Text\n"
    "a1f3,Pawprint Vets - discovery,Lena Ortiz,00:00:03,Morning Raj. How is the clinic?\n"
    "a1f3,Pawprint Vets - discovery,Raj Mehta,00:00:09,Busy. Our reminder texts go out late.\n"
    "a1f3,Pawprint Vets - discovery,Lena Ortiz,00:01:02,How many vets do you have?\n"
    "a1f3,Pawprint Vets - discovery,Raj Mehta,00:01:10,Four vets and two nurses.\n"
)

# Fireflies-like: one call, no call key, times in milliseconds, a yes/no internal flag.
FIREFLIES = (
    "Speaker Name,Start Time (ms),Is Internal,Sentence\n"
    "Tomasz Wolski,1500,TRUE,Thanks for joining. How do you quote tile jobs now?\n"
    "Grace Amoah,6200,FALSE,On paper. We lose a day a week to it.\n"
    "Grace Amoah,9100,FALSE,We also tried TileQuote but it was clunky.\n"
    "Tomasz Wolski,15000,TRUE,Ours prices a bathroom in a few minutes.\n"
)


def test_rows_of_two_calls_become_two_calls_with_speakers_and_sides() -> None:
    brightwash, oakfield = parse_file(CHORUS.encode(), "chorus_export.csv")
    assert [(u.speaker, u.role, u.start_seconds, u.text) for u in brightwash.utterances] == [
        ("Nia Hart", "rep", 2.0, "Hi Colm, thanks for making the time."),
        (
            "Colm Byrne",
            "buyer",
            6.0,
            "Our tumble dryers log nothing we can audit. And the price per machine is too "
            "high for us.",
        ),
        ("Nia Hart", "rep", 17.0, "We can look at annual pricing."),
    ]
    assert (brightwash.title, str(brightwash.call_date)) == (
        "Brightwash Laundries | Rinsely demo",
        "2026-03-04",
    )
    assert [(u.speaker, u.role) for u in oakfield.utterances] == [
        ("Nia Hart", "rep"),
        ("Ada Quinn", "buyer"),
    ]
    assert str(oakfield.call_date) == "2026-03-05"


def test_a_table_with_no_side_column_takes_the_usual_roles() -> None:
    [call] = parse_file(AVOMA.encode(), "avoma.csv", our_speakers=["Lena Ortiz"])
    assert [(u.speaker, u.role, u.start_seconds) for u in call.utterances] == [
        ("Lena Ortiz", "rep", 3.0),
        ("Raj Mehta", "buyer", 9.0),
        ("Lena Ortiz", "rep", 62.0),
        ("Raj Mehta", "buyer", 70.0),
    ]
    assert call.title == "Pawprint Vets - discovery"


def test_a_table_of_one_call_with_an_internal_flag_and_milliseconds() -> None:
    [call] = parse_file(FIREFLIES.encode(), "fireflies.csv")
    assert [(u.speaker, u.role, u.start_seconds) for u in call.utterances] == [
        ("Tomasz Wolski", "rep", 1.5),
        ("Grace Amoah", "buyer", 6.2),
        ("Tomasz Wolski", "rep", 15.0),
    ]


def test_a_column_map_names_the_speaker_call_and_role_columns() -> None:
    data = (
        b"Convo,Who,Side,Said\n"
        b"c-9,Ivo Petrov,seller,What stops you switching inverters today?\n"
        b"c-9,Maeve Kane,customer,Our installers hate the monitoring app.\n"
        b"c-10,Ivo Petrov,seller,Following up on the battery quote.\n"
    )
    mapping = parse_column_map(
        '{"text": "Said", "speaker": "Who", "call": "Convo", "role": "Side"}'
    )
    first, second = parse_file(data, "solar.csv", column_map=mapping)
    assert [(u.speaker, u.role) for u in first.utterances] == [
        ("Ivo Petrov", "rep"),
        ("Maeve Kane", "buyer"),
    ]
    assert [u.text for u in second.utterances] == ["Following up on the battery quote."]


def test_a_text_only_map_on_a_speaker_table_still_groups_the_rows() -> None:
    [call] = parse_file(FIREFLIES.encode(), "fireflies.csv", column_map={"text": "Sentence"})
    assert {u.speaker for u in call.utterances} == {"Tomasz Wolski", "Grace Amoah"}


def test_a_row_without_its_call_key_is_a_clear_error() -> None:
    data = CHORUS.replace("502,Oakfield Linen | Rinsely follow-up,2026-03-05", ",,", 1)
    with pytest.raises(BadInput, match=r"line 3 has no 'Engagement ID'"):
        parse_file(data.encode(), "chorus_export.csv")


def test_a_row_with_too_many_fields_is_a_clear_error() -> None:
    data = FIREFLIES + "Grace Amoah,20000,FALSE,Fine, send it,over\n"
    with pytest.raises(BadInput, match=r"line 6 has 6 fields but the header has 4"):
        parse_file(data.encode(), "fireflies.csv")


def test_an_unknown_map_field_names_the_turn_fields_and_the_hint_is_json() -> None:
    with pytest.raises(BadInput, match=r"use transcript, text, .*, speaker, call, role$"):
        parse_file(b"Gist,Who\nfine,Ann\n", "x.csv", column_map={"speeker": "Who"})
    with pytest.raises(BadInput, match=r'map one with a column map, \{"text": "<column>"\}'):
        parse_file(b"Gist,When\nfine,2026-01-01\n", "x.csv")
