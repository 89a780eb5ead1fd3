"""Search finds what buyers said: a rep's note or a line no speaker is named for ("Parents
don't need the app", the rep's words in a chat read as one speaker) is left out unless the
search asks for that role, on the API and the web page alike."""

from __future__ import annotations

from sqlalchemy import select

from pipeline.store.models import Mention, Utterance
from pipeline.workspace import Workspace
from tests.conftest import app_client

PRICE = "it costs too much"


def _recast(ws: Workspace, mention_id: int, role: str) -> None:
    """Make the sentence of ``mention_id`` someone else's words than the buyer's."""
    with ws.session() as db:
        utterance = db.scalar(
            select(Utterance)
            .join(Mention, Mention.utterance_id == Utterance.id)
            .where(Mention.id == mention_id)
        )
        assert utterance is not None
        utterance.role = role


def test_search_shows_buyers_words_unless_a_role_widens_it(ws: Workspace) -> None:
    with app_client(ws) as client:
        before = client.get("/api/search", params={"q": PRICE, "k": 3}).json()
        note, unnamed = before[0], before[1]
        _recast(ws, note["mention_id"], "rep_note")
        _recast(ws, unnamed["mention_id"], "unknown")

        buyers = client.get("/api/search", params={"q": PRICE, "k": 3}).json()
        assert len(buyers) == 3 and {h["role"] for h in buyers} == {"buyer"}
        assert not {note["mention_id"], unnamed["mention_id"]} & {h["mention_id"] for h in buyers}
        # The buyer's quote left of the three still comes back (confident ones lead the list).
        assert before[2]["mention_id"] in {h["mention_id"] for h in buyers}

        wide = client.get(
            "/api/search", params={"q": PRICE, "k": 3, "role": ["buyer", "rep_note"]}
        ).json()
        assert [h["mention_id"] for h in wide][:1] == [note["mention_id"]]
        assert wide[0]["role"] == "rep_note"
        assert unnamed["mention_id"] not in {h["mention_id"] for h in wide}
        assert client.get("/api/search", params={"q": PRICE, "role": "rep"}).status_code == 422

        page = client.get("/", params={"q": PRICE}).text
    found = page.split('id="hits-title"', 1)[1].split("</section>", 1)[0]
    assert f"#u{note['utterance_id']}" not in found and f"#u{buyers[0]['utterance_id']}" in found
