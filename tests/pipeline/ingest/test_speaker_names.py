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
