"""A theme page shows a quote that cannot stand alone ("And then the price.") after the words
said just before it in the same turn, lighter and escaped; its API quote carries them apart, so
the quote's own words stay the mention's sentence. Calls from four trades, through the real
ingest, detection, embedding and clustering."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from pipeline.store.models import Mention
from pipeline.workspace import Workspace
from tests.lead_in_calls import ingest_lead_in_calls

# (the fragment, the sentence before it in the same buyer turn, as the page escapes it)
LEANING = [
    (
        "And then the price.",
        "Setting up the X-ray &amp; lab codes took our front desk three full weeks.",
    ),
    ("Plus the contract.", "The pickers found the scanner app slow on the night shift."),
    (
        "Also the annual contract.",
        "Our bookkeeper Janet Morris spent two weeks re-keying client files in the trial.",
    ),
]


def _theme_of(workspace: Workspace, text: str) -> int:
    with workspace.session() as db:
        mention = db.scalars(select(Mention).where(Mention.text == text)).one()
        assert mention.cluster_id is not None and mention.kind == "objection", text
        return mention.cluster_id


def _representative(page: str) -> str:
    """The page's "Most representative" quotes (the table of every quote follows them)."""
    return page.split('id="best-title"', 1)[1].split('id="all-title"', 1)[0]


def test_a_fragment_is_shown_after_its_lead_in(
    workspace: Workspace, client: TestClient, tmp_path: Path
) -> None:
    ingest_lead_in_calls(workspace, tmp_path / "calls")
    for fragment, before in LEANING:
        theme = _theme_of(workspace, fragment)
        shown = _representative(client.get(f"/clusters/{theme}").text)
        assert f"“{fragment}”" not in shown  # never alone
        if fragment != "Plus the contract.":  # read below 0.5: the API lists it, the page not
            assert f'<span class="quote-lead">…{before}</span> {fragment}”' in shown, fragment
        quotes = client.get(f"/api/clusters/{theme}").json()["quotes"]
        quoted = next(q for q in quotes if q["text"] == fragment)
        assert quoted["lead_in"] == before.replace("&amp;", "&")


def test_a_quote_that_stands_alone_has_no_lead_in(
    workspace: Workspace, client: TestClient, tmp_path: Path
) -> None:
    ingest_lead_in_calls(workspace, tmp_path / "calls")
    theme = _theme_of(workspace, "Plus the contract.")
    quotes = client.get(f"/api/clusters/{theme}").json()["quotes"]
    alone = [q for q in quotes if not q["text"].startswith(("Plus", "Also"))]
    assert len(alone) == 2 and all(q["lead_in"] == "" for q in alone)
    shown = _representative(client.get(f"/clusters/{theme}").text)
    assert shown.count('class="quote-lead"') == 1
