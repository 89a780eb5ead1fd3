"""A long call is read a page at a time: the API returns a page of its turns, the web page a
page of its transcript, so a 50,000-cue export never becomes one 50 MB response (issue 19)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from api.pages.calls import TURNS_PER_PAGE
from pipeline.calls.queries import CALL_TURNS_PAGE

TURNS = 700
PAGE = 500  # turns per API request in this test


def long_transcript() -> bytes:
    lines = []
    for n in range(1, TURNS + 1):
        speaker = "Maria Chen" if n % 2 else "Dana Ruiz"
        lines.append(f"{speaker}: Turn number {n} of the long call.")
    return ("\n".join(lines) + "\n").encode()


def upload(client: TestClient) -> int:
    response = client.post(
        "/api/calls",
        files=[("files", ("long-call.txt", long_transcript(), "text/plain"))],
        data={"our_speakers": "Maria Chen"},
    )
    assert response.status_code == 201, response.text
    call_id = response.json()["results"][0]["call_id"]
    assert isinstance(call_id, int)
    return call_id


def test_the_api_pages_a_long_calls_turns(client: TestClient, no_analysis: list[list[int]]) -> None:
    call_id = upload(client)

    whole = client.get(f"/api/calls/{call_id}").json()  # a call under the default page size
    assert whole["utterance_count"] == len(whole["utterances"]) == TURNS <= CALL_TURNS_PAGE

    first = client.get(f"/api/calls/{call_id}", params={"limit": PAGE}).json()
    assert first["utterance_count"] == TURNS
    assert first["utterances_offset"] == 0
    assert len(first["utterances"]) == PAGE
    assert first["utterances"][0]["text"] == "Turn number 1 of the long call."

    rest = client.get(f"/api/calls/{call_id}", params={"limit": PAGE, "offset": PAGE}).json()
    assert rest["utterances_offset"] == PAGE
    assert [u["text"] for u in rest["utterances"]] == [
        f"Turn number {n} of the long call." for n in range(PAGE + 1, TURNS + 1)
    ]
    small = client.get(f"/api/calls/{call_id}", params={"limit": 5, "offset": 10}).json()
    assert [u["speaker"] for u in small["utterances"]] == ["Maria Chen", "Dana Ruiz"] * 2 + [
        "Maria Chen"
    ]
    assert client.get(f"/api/calls/{call_id}", params={"limit": 10_001}).status_code == 422
    assert client.get(f"/api/calls/{call_id}", params={"offset": -1}).status_code == 422


def test_the_call_page_shows_one_page_of_the_transcript(
    client: TestClient, no_analysis: list[list[int]]
) -> None:
    call_id = upload(client)
    pages = -(-TURNS // TURNS_PER_PAGE)

    first = client.get(f"/calls/{call_id}")
    assert first.status_code == 200
    assert len(re.findall(r'<li class="turn ', first.text)) == TURNS_PER_PAGE
    assert f"Page 1 of {pages}" in first.text
    assert f"turns 1–{TURNS_PER_PAGE} of {TURNS}" in first.text
    assert 'href="?page=2"' in first.text and "Previous" not in first.text

    last = client.get(f"/calls/{call_id}", params={"page": pages})
    shown = TURNS - (pages - 1) * TURNS_PER_PAGE
    assert len(re.findall(r'<li class="turn ', last.text)) == shown
    assert f"turns {TURNS - shown + 1}–{TURNS} of {TURNS}" in last.text
    assert f"Turn number {TURNS} of the long call." in last.text
    assert "Turn number 1 of the long call." not in last.text
    # Every speaker can still be given a role from any page.
    assert 'value="Maria Chen"' in last.text and 'value="Dana Ruiz"' in last.text
    assert len(last.text) < len(first.text)
