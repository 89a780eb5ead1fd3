"""Speaker labels written "Surname, First" or "Surname, First (Dept)" (Teams, Outlook display
names): one speaker each, named "First Last"; "(Guest)"/"(External)" puts them on the buyer's
side. A call read as one speaker whose text still holds timestamped labels is warned about.
Invented people, in the tools' layouts."""

from __future__ import annotations

import io

import docx
import pytest

from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall

TEAMS_TURNS = [
    ("Lindqvist, Ola (Sales)", "0:04", "Hi both, thanks for joining. Who have we got today?"),
    ("Mbeki, Rosa (Estates Team)", "0:10", "Hi Ola. It's Rosa, I run the estates vans."),
    ("Farrow, Pete (Finance)", "0:17", "Morning."),
    ("Mbeki, Rosa (Estates Team)", "0:21", "We can't put cameras in the cabs without a DPIA."),
    ("Farrow, Pete (Finance)", "0:33", "And the budget only opens in April."),
    ("Lindqvist, Ola (Sales)", "0:40", "Understood, I'll send the DPIA template today."),
]


def _teams_docx(turns: list[tuple[str, str, str]]) -> bytes:
    """Teams' Word transcript: a "Name   0:04" paragraph, then the words."""
    document = docx.Document()
    document.add_paragraph("Estates telematics demo")
    document.add_paragraph("March 3, 2026, 10:02AM")
    document.add_paragraph("31m 5s")
    document.add_paragraph("Ola Lindqvist started transcription")
    for speaker, time, text in turns:
        document.add_paragraph(f"{speaker}   {time}")
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _turns(call: ParsedCall) -> list[tuple[str | None, str]]:
    return [(u.speaker, u.role) for u in call.utterances]


def test_teams_docx_surname_first_labels_are_speakers() -> None:
    [call] = parse_file(_teams_docx(TEAMS_TURNS), "estates.docx", our_speakers=["Ola Lindqvist"])
    assert _turns(call) == [
        ("Ola Lindqvist", "rep"),
        ("Rosa Mbeki", "buyer"),
        ("Pete Farrow", "buyer"),
        ("Rosa Mbeki", "buyer"),
        ("Pete Farrow", "buyer"),
        ("Ola Lindqvist", "rep"),
    ]
    assert call.utterances[1].start_seconds == 10
    assert call.utterances[1].text == "Hi Ola. It's Rosa, I run the estates vans."
    assert call.notice is None


def test_surname_first_inline_labels_and_a_guest_tag() -> None:
    text = (
        "Lindqvist, Ola: Thanks for the time, both.\n"
        "Mbeki, Rosa (Guest): Happy to. Our vans have no tracking at all.\n"
        "Lindqvist, Ola: What happens when one breaks down?\n"
        "Mbeki, Rosa (Guest): Nobody knows which van is nearest.\n"
    )
    [call] = parse_file(text.encode(), "call.txt")
    assert _turns(call) == [
        ("Ola Lindqvist", "rep"),
        ("Rosa Mbeki", "buyer"),
        ("Ola Lindqvist", "rep"),
        ("Rosa Mbeki", "buyer"),
    ]
    assert {u.company for u in call.utterances} == {None}  # "Guest" is no company


def test_vtt_voice_surname_first_is_one_person_and_external_the_buyer() -> None:
    vtt = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Lindqvist, Ola>Thanks for the time.</v>\n\n"
        "00:00:05.000 --> 00:00:08.000\n<v Mbeki, Rosa (External)>Our vans have no tracking.</v>"
        "\n\n00:00:09.000 --> 00:00:12.000\n<v Lindqvist, Ola>How many vans?</v>\n"
    )
    [call] = parse_file(vtt.encode(), "call.vtt")  # no roster: the tag alone tells
    assert [u.speaker for u in call.utterances] == ["Ola Lindqvist", "Rosa Mbeki", "Ola Lindqvist"]
    assert {u.speaker: u.role for u in call.utterances}["Rosa Mbeki"] == "buyer"


def test_a_notes_label_with_a_comma_is_no_speaker() -> None:
    text = (
        "Call with Rosa at the estates team.\n"
        "Pricing, Timeline: she wants a quote before April.\n"
        "Next Steps, Owner: send the DPIA template.\n"
    )
    [call] = parse_file(text.encode(), "notes.txt")
    assert {u.speaker for u in call.utterances} == {None}


def test_one_speaker_holding_timestamped_labels_is_warned() -> None:
    """Labels of a shape no reader knows ("Mbeki, Rosa, Dr (Estates)") glue every turn into
    the rep's; the summary had said only "1 speaker"."""
    turns = [
        ("Ola Lindqvist", time, text)
        if "Lindqvist" in label
        else (label.replace(" (", ", Dr ("), time, text)
        for label, time, text in TEAMS_TURNS
    ]
    [call] = parse_file(_teams_docx(turns), "estates.docx")
    assert {u.speaker for u in call.utterances} == {"Ola Lindqvist"}
    assert call.notice is not None
    assert "speaker labels left inside the text" in call.notice


def test_one_speakers_own_times_are_not_warned() -> None:
    text = (
        "Ola Lindqvist: Thanks for the time. Monday 10:30 works for the follow-up. "
        "We can also do Friday 14:00 if that suits.\n"
    )
    [call] = parse_file(text.encode(), "call.txt")
    assert call.notice is None


NO_DEPARTMENT_VTT = """WEBVTT

a1/1-0
00:00:02.000 --> 00:00:05.000
<v Whelan, Tomás>Thanks for joining, Orla.</v>

a1/2-0
00:00:06.000 --> 00:00:10.000
<v Brennan, Orla>Is there a minimum contract?</v>

a1/3-0
00:00:11.000 --> 00:00:14.000
<v Harrow, Bell Ltd>Our lawyers will need the data terms.</v>

a1/4-0
00:00:15.000 --> 00:00:19.000
<v Maya Chen, Tom Okafor>We share this room's microphone.</v>
"""


def test_surname_first_without_a_department_reads_first_last_but_no_company_or_pair() -> None:
    """A "Brennan, Orla" with no department is Orla Brennan (review 19c: the call page still
    showed "Brennan, Orla"); a company's label ("Harrow, Bell Ltd") and two people's full
    names sharing one label ("Maya Chen, Tom Okafor") are never flipped into one person."""
    [call] = parse_file(NO_DEPARTMENT_VTT.encode(), "teams.vtt", our_speakers=["Tomás Whelan"])
    assert [u.speaker for u in call.utterances] == [
        "Tomás Whelan",
        "Orla Brennan",
        "Harrow, Bell Ltd",
        "Maya Chen, Tom Okafor",
    ]
    assert [u.role for u in call.utterances[:2]] == ["rep", "buyer"]


def test_no_department_surname_first_in_a_teams_docx() -> None:
    turns = [("Whelan, Tomás", "0:02", "Thanks for joining."), ("Brennan, Orla", "0:06", "Hi.")]
    [call] = parse_file(_teams_docx(turns), "dental.docx", our_speakers=["Tomás Whelan"])
    assert _turns(call) == [("Tomás Whelan", "rep"), ("Orla Brennan", "buyer")]


# Teams' .docx transcript copied into a .txt (UTF-16, as Notepad saves it): the tool's own lines
# name the organiser "Surname, First" as its labels do; none of them is anyone's speech.
TEAMS_PASTED = """Lowther Care | scheduling demo
Transcript
4 March 2026, 09:30am
18m 2s

{who} started transcription

Ilunga, Kasia   0:04
Morning Bayo. Shall we start with the rota?

Bayo Adeyemi (Guest)   0:09
Yes please. The rota is the one thing that keeps me up at night.
{arrival}
Ilunga, Kasia   0:20
Understood, I'll show that first.

{who} stopped transcription
"""


@pytest.mark.parametrize(
    ("who", "arrival"),
    [
        ("Ilunga, Kasia", ""),
        ("Kasia Ilunga", ""),
        ("Ilunga, Kasia", "\nNwachukwu, Obi (Guest) joined the meeting\n"),
        ("Ilunga, Kasia", "\nObi Nwachukwu left the meeting\n"),
        ("Ilunga, Kasia", "\nIlunga, Kasia stopped recording\n"),
    ],
)
def test_teams_tool_lines_in_any_name_form_are_no_speech(who: str, arrival: str) -> None:
    text = TEAMS_PASTED.format(who=who, arrival=arrival)
    [call] = parse_file(text.encode("utf-16"), "lowther.txt", our_speakers=["Kasia Ilunga"])
    said = [(u.speaker, u.text) for u in call.utterances]
    assert said == [
        ("Kasia Ilunga", "Morning Bayo. Shall we start with the rota?"),
        ("Bayo Adeyemi", "Yes please. The rota is the one thing that keeps me up at night."),
        ("Kasia Ilunga", "Understood, I'll show that first."),
    ]
