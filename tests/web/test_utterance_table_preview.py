"""The upload page's CSV preview of a table with one spoken line per row (Chorus, Gong), over
the real HTTP server: the calls it gives (one per call key), its speakers and their sides, and
the speaker, call and role pickers the CLI's ``--column-map`` takes. Such a table had been
previewed as "no notes column", with no way to say which column held the speaker or the call.
Three trades, invented people."""

from __future__ import annotations

import re

import httpx
import pytest
from sqlalchemy import select

from pipeline.store.models import Utterance
from tests.plugins.live_server import LiveServer

HEADER = "Conversation ID,Speaker,Affiliation,Start (sec),Text\n"
# (file, its rows, the calls it holds, the speakers with the sides shown)
TABLES = [
    (
        "lifts.csv",
        'c-101,Tom Reeve,Internal,2,"Hi Martin, thanks for booking in."\n'
        "c-101,Martin Doyle,External,6,Our engineers lose the service sheet in the shaft.\n"
        "c-102,Tom Reeve,Internal,1,Morning Gwen.\n"
        "c-102,Gwen Price,External,4,The price per engineer is more than we pay now.\n",
        2,
        ["Tom Reeve (ours)", "Martin Doyle (the buyer's)", "Gwen Price (the buyer's)"],
    ),
    (
        "dental.csv",
        "d-7,Ana Ruiz,Internal,0,How do recalls work at the practice today?\n"
        "d-7,Ines Okafor,External,5,The front desk loses the recall list every month.\n",
        1,
        ["Ana Ruiz (ours)", "Ines Okafor (the buyer's)"],
    ),
    (
        "bakery.csv",
        "b-1,Sam Lowe,Internal,0,What slows the morning orders down?\n"
        "b-1,Wen Halloran,External,3,We write every order on paper.\n"
        "b-2,Sam Lowe,Internal,0,How did the trial go?\n"
        "b-2,Priyanka Shah,External,2,The tablets were fine but the fee is too high.\n"
        "b-3,Sam Lowe,Internal,0,Any news from the owners?\n"
        "b-3,Dev Mistry,External,2,They want to wait until spring.\n",
        3,
        ["Sam Lowe (ours)", "Wen Halloran (the buyer's)", "Dev Mistry (the buyer's)"],
    ),
]


def _preview(server: LiveServer, name: str, text: str) -> str:
    response = httpx.post(
        f"{server.url}/upload/csv-preview", files={"file": (name, text.encode(), "text/csv")}
    )
    response.raise_for_status()
    return response.text


def _picked(page: str, field: str) -> str | None:
    """The header a field's picker shows as detected, or None when it has no picker shown."""
    shown = page.partition('<details class="more-fields"')[0]
    picker = re.search(
        rf'<select id="map-{field}" name="map_{field}">\s*<option value="">([^<]*)<', shown
    )
    return picker.group(1) if picker else None


@pytest.mark.parametrize(("name", "rows", "calls", "speakers"), TABLES)
def test_an_utterance_table_is_previewed_as_its_calls_speakers_and_sides(
    live_server: LiveServer, name: str, rows: str, calls: int, speakers: list[str]
) -> None:
    page = _preview(live_server, name, HEADER + rows)
    assert "no notes column" not in page and "notice-warn" not in page
    shape = re.search(r"<div class=\"utterance-shape\" data-shape>(.*?)</div>", page, re.S)
    assert shape, page
    said = " ".join(shape.group(1).split())
    assert f"{calls} call" in said and "one per “Conversation ID”" in said
    for speaker in speakers:
        assert speaker.replace("'", "&#39;") in said
    assert _picked(page, "speaker") == "Speaker (detected)"
    assert _picked(page, "call") == "Conversation ID (detected)"
    assert _picked(page, "role") == "Affiliation (detected)"
    assert _picked(page, "text") == "Text (detected)"


ODD = (
    "Meeting,Who,Said\n"
    "m-1,Ola Berg,Can we start with the yard?\n"
    "m-1,Kit Marsh,We retype every delivery note into the accounts system.\n"
    "m-2,Ola Berg,How was the trial?\n"
    "m-2,Rhea Dunn,The drivers liked it but the per-van fee is too high.\n"
)


def test_unusual_headers_get_speaker_and_call_pickers_and_the_mapping_is_read(
    live_server: LiveServer,
) -> None:
    """Headers no list knows ("Who", "Said", "Meeting"): the preview offers every field the CLI
    takes, speaker and call among them; the upload with those picks gives one call per
    meeting, each line its speaker's."""
    page = _preview(live_server, "haulage.csv", ODD)
    fields = set(re.findall(r'<select id="map-(\w+)"', page))
    assert {"speaker", "call", "role", "text", "account", "date"} <= fields
    assert re.search(r'<option value="Who">Who</option>', page)
    uploaded = httpx.post(
        f"{live_server.url}/upload/file",
        files={"file": ("haulage.csv", ODD.encode(), "text/csv")},
        data={"map_speaker": "Who", "map_text": "Said", "map_call": "Meeting"},
    )
    assert uploaded.status_code == 200, uploaded.text
    results = uploaded.json()["results"]
    assert [r["status"] for r in results] == ["created", "created"]
    with live_server.workspace.session() as session:
        speakers = [
            list(
                session.scalars(
                    select(Utterance.speaker)
                    .where(Utterance.call_id == r["call_id"])
                    .order_by(Utterance.id)
                )
            )
            for r in results
        ]
    assert speakers == [["Ola Berg", "Kit Marsh"], ["Ola Berg", "Rhea Dunn"]]
