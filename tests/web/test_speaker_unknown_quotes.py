"""A quote whose speaker's side is unknown (a speakerless subtitle file) is shown as "speaker
unknown" on the theme page, its quote list and the home card, never as the buyer's.

Why (walk s31 #1): the web cluster page said "buyer · confidence 0.78" for a line of a
speakerless SRT whose role was ``unknown``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api import app as api_app
from pipeline.config import Settings
from pipeline.store.models import Call, Cluster, Mention, Utterance
from pipeline.workspace import Workspace
from tests.conftest import app_client

# A warehouse's buyer (named), and two lines of a speakerless call: a removals firm's, a
# garden centre's.
_QUOTES = [
    ("Dock Street Storage", "buyer", "Maeve Dunne", "The pallet fee is more than we pay now."),
    ("Pickford Removals", "unknown", None, "Ninety pounds a crew a month is too much for us."),
    ("Fernhill Garden Centre", "unknown", None, "The price per till is steep for a shop our size."),
]


@pytest.fixture
def site(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[TestClient, int]]:
    monkeypatch.setattr(api_app, "recover_at_start", lambda *_args: None)
    workspace = Workspace(settings)
    with workspace.session() as db:
        theme = Cluster(kind="objection", name="The price is too high", auto_name="Price")
        db.add(theme)
        db.flush()
        for seq, (account, role, speaker, text) in enumerate(_QUOTES):
            call = Call(
                content_hash=account, filename=f"{account}.srt", format="srt", raw_text=text,
                call_date=dt.date(2026, 2, 2 + seq), account=account, outcome="open",
                analysis_state="analysed",
            )  # fmt: skip
            db.add(call)
            db.flush()
            said = Utterance(call_id=call.id, seq=0, speaker=speaker, role=role, text=text)
            db.add(said)
            db.flush()
            db.add(
                Mention(
                    utterance_id=said.id,
                    call_id=call.id,
                    kind="objection",
                    category="price",
                    text=text,
                    char_end=len(text),
                    cluster_id=theme.id,
                    confidence=0.78,
                )  # fmt: skip
            )
        db.commit()
        theme_id = theme.id
    with app_client(workspace) as client:
        yield client, theme_id
    workspace.close()


def test_an_unknown_speakers_quote_is_never_called_the_buyers(
    site: tuple[TestClient, int],
) -> None:
    client, theme_id = site
    page = client.get(f"/clusters/{theme_id}").text
    assert "Maeve Dunne · confidence 0.78" in page
    assert page.count("speaker unknown · confidence 0.78") == 2
    assert "buyer · confidence" not in page
    assert "buyer, Pickford Removals" not in page
    assert "speaker unknown, Pickford Removals" in page
    home = client.get("/?kind=objection").text
    assert "speaker unknown · " in home
