"""The call page's Speakers panel renames a speaker ("Speaker 2" is Ruth Okafor): a small form
per speaker posting to the page's details route with the session's CSRF token, drawn for
marketing only, the new name escaped wherever the page shows it; the call's other details are
left as they were (the form sends only the speaker's)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.plugins.auth import Authed
from tests.speaker_rename_calls import VET_BUYER, ingest_rename_calls

_RENAME_FORM = re.compile(
    r'<form method="post" action="(/calls/\d+/details)" class="field">'
    r'<input type="hidden" name="csrf_token" value="[^"]+">\s*'
    r'<input type="hidden" name="speaker" value="([^"]+)">',
)


@pytest.mark.usefixtures("no_analysis")
def test_rename_a_speaker_on_the_call_page(authed: Authed, tmp_path: Path) -> None:
    ids = ingest_rename_calls(authed.workspace, tmp_path / "calls")
    vets, salon = ids["vets.json"], ids["salon.txt"]
    mark, sam = authed.sign_in("mark"), authed.sign_in("sam")
    page = f"/calls/{vets}"
    forms = _RENAME_FORM.findall(mark.client.get(page).text)
    assert forms == [(f"{page}/details", "Speaker 1"), (f"{page}/details", "Speaker 2")]
    assert not _RENAME_FORM.findall(sam.client.get(page).text)  # sales: read only

    rename = {"speaker": "Speaker 2", "speaker_name": "Ruth Okafor"}
    assert mark.client.post(f"{page}/details", data=rename).status_code == 403  # no token
    refused = sam.client.post(f"{page}/details", data={**rename, "csrf_token": sam.csrf})
    assert refused.status_code == 403
    done = mark.client.post(f"{page}/details", data={**rename, "csrf_token": mark.csrf})
    assert done.status_code == 200
    assert "Saved: speaker: Speaker 2 → Ruth Okafor." in done.text
    # The recorder's id stays beside the name, and the date, account and outcome are kept.
    assert f'Ruth Okafor <span class="muted">(id {VET_BUYER})</span>' in done.text
    call = mark.client.get(f"/api/calls/{vets}").json()
    assert (call["date"], call["account"], call["outcome"]) == (
        "2026-05-04",
        "Oakfield Vets",
        "lost",
    )
    assert {u["speaker"] for u in call["utterances"]} == {"Speaker 1", "Ruth Okafor"}

    salon_page = f"/calls/{salon}"
    taken = {"speaker": "Speaker B", "speaker_name": "speaker a", "csrf_token": mark.csrf}
    said = mark.client.post(f"{salon_page}/details", data=taken).text
    assert "Not saved: &#39;Speaker B&#39; cannot be renamed &#39;speaker a&#39;" in said
    script = "<img src=x onerror=alert(1)>"
    hostile = {"speaker": "Speaker B", "speaker_name": script, "csrf_token": mark.csrf}
    shown = mark.client.post(f"{salon_page}/details", data=hostile).text
    assert script not in shown
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown
