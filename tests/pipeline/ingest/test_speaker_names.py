"""Speakers named as people write them, whatever display name the meeting tool gave."""

from __future__ import annotations

from pipeline.ingest import parse_file

TEAMS_CHAT = """[4/2/2026 9:14 AM] Lindqvist, Maja (Guest):
Hi Omar, following up from the trade show.

[4/2/2026 9:15 AM] Omar Haddad:
Hi Maja! What's the team using for rotas today?

[4/2/2026 9:17 AM] Lindqvist, Maja (Guest):
A shared spreadsheet that nobody trusts.
"""

CAPTIONS = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Okafor, Tunde (External)>Our crews still phone in their hours every Friday.

00:00:05.000 --> 00:00:08.000
<v Brooks, Lena>The app takes their hours as they clock out.
"""


def _roles(data: str, filename: str, ours: list[str]) -> dict[str | None, str]:
    [call] = parse_file(data.encode(), filename, our_speakers=ours)
    return {u.speaker: u.role for u in call.utterances}


def test_a_guest_in_a_teams_chat_is_named_first_name_first_and_is_the_buyer() -> None:
    assert _roles(TEAMS_CHAT, "chat.txt", []) == {
        "Maja Lindqvist": "buyer",
        "Omar Haddad": "rep",
    }


def test_an_external_voice_in_captions_is_the_buyer_unless_it_is_ours() -> None:
    assert _roles(CAPTIONS, "call.vtt", []) == {"Tunde Okafor": "buyer", "Lena Brooks": "rep"}
    # A colleague who joined as a guest is still ours when the upload says so.
    ours = _roles(CAPTIONS, "call.vtt", ["Tunde Okafor", "Lena Brooks"])
    assert ours == {"Tunde Okafor": "rep", "Lena Brooks": "rep"}


PASTED_WITH_MARKUP = """Joss Ferreira: Hi Wen, what do you plan shifts with today?
Wen <b>Halloran</b>: A whiteboard, and <i>honestly</i> it's too dear to switch right now.
Joss Ferreira: Thanks, that helps.
<strong>Wen Halloran:</strong> Can your app <script>alert(2)</script> do SSO?
"""


def test_formatting_tags_in_a_pasted_label_leave_the_speaker_readable() -> None:
    """Markup copied into a label is dropped from the name, so each side keeps its own turns
    (the whole call had been read as one turn of the rep); the words keep what was typed."""
    [call] = parse_file(PASTED_WITH_MARKUP.encode(), "pasted.txt", our_speakers=["Joss Ferreira"])
    turns = [(u.speaker, u.role) for u in call.utterances]
    assert turns == [
        ("Joss Ferreira", "rep"),
        ("Wen Halloran", "buyer"),
        ("Joss Ferreira", "rep"),
        ("Wen Halloran", "buyer"),
    ]
    assert "<i>honestly</i>" in call.utterances[1].text
    assert "<script>alert(2)</script>" in call.utterances[3].text
