"""A theme's page speaks of its own kind: a pain theme's says "Same pain as" and "Not a pain"
and offers only content that takes pains; a question theme's likewise. A pain page had offered
"Generate content: Objection FAQ", "Same objection as" and "Not an objection"."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api import app as api_app
from pipeline.config import Settings
from pipeline.store.models import Call, Cluster, Mention, Utterance
from pipeline.workspace import Workspace
from tests.conftest import app_client

# Per kind: two themes (one to merge into), each of buyers' lines from a vet, a warehouse, a salon.
THEMES = {
    "pain": (
        (
            "Reminders go out by hand",
            [
                "Vaccination reminders go out by hand from a spreadsheet.",
                "We text every booking reminder ourselves the night before.",
                "Colour appointment reminders are written on cards at the till.",
            ],
        ),
        (
            "Pallets go missing",
            [
                "We lose pallets between the dock and the racking every week.",
                "Stock from the kennels store walks out and nobody logs it.",
                "Retail stock in the salon never matches the till count.",
            ],
        ),
    ),
    "question": (
        (
            "Does it work offline?",
            [
                "Does the app work in the cold store with no signal?",
                "Can the nurses use it offline in the back surgery?",
                "Will it still take bookings if the salon wifi drops?",
            ],
        ),
        (
            "Can we import our records?",
            [
                "Can we import the patient records from our old system?",
                "Can we bring our stock list across from the spreadsheet?",
                "Will it import client colour notes from the old booking tool?",
            ],
        ),
    ),
}
ACCOUNTS = ("Quarry Lane Vets", "Northgate Storage", "Fringe Benefits Salon")


@pytest.fixture
def site(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """Pain and question themes stored as analysis stores them; no start-up recovery."""
    monkeypatch.setattr(api_app, "recover_at_start", lambda *_args: None)
    workspace = Workspace(settings)
    with workspace.session() as session:
        calls = [
            Call(
                content_hash=f"kind-{a}",
                filename=f"{a}.txt",
                format="txt",
                title=a,
                raw_text="",
                account=a,
                analysis_state="analysed",
            )  # fmt: skip
            for a in ACCOUNTS
        ]
        session.add_all(calls)
        session.flush()
        for kind, themes in THEMES.items():
            for name, lines in themes:
                theme = Cluster(kind=kind, name=name, auto_name=name, status="active")
                session.add(theme)
                session.flush()
                for seq, (call, text) in enumerate(zip(calls, lines, strict=True)):
                    said = Utterance(
                        call_id=call.id, seq=theme.id * 10 + seq, role="buyer", text=text
                    )
                    session.add(said)
                    session.flush()
                    session.add(
                        Mention(
                            utterance_id=said.id,
                            call_id=call.id,
                            kind=kind,
                            text=text,
                            char_end=len(text),
                            cluster_id=theme.id,
                            confidence=0.9,
                        )  # fmt: skip
                    )
        session.commit()
    with app_client(workspace) as client:
        yield client
    workspace.close()


def _theme_id(site: TestClient, kind: str, name: str) -> int:
    found = [c["id"] for c in site.get(f"/api/clusters?kind={kind}").json() if c["name"] == name]
    assert found, name
    return int(found[0])


@pytest.mark.parametrize(
    ("kind", "offered"), [("pain", ["One-pager"]), ("question", ["SEO brief"])]
)
def test_a_theme_page_speaks_of_its_kind(site: TestClient, kind: str, offered: list[str]) -> None:
    theme = _theme_id(site, kind, THEMES[kind][0][0])
    page = site.get(f"/clusters/{theme}").text
    assert f"Same {kind} as" in page and f"Not a {kind}</button>" in page
    for said in ("Same objection", "Not an objection", "Objection FAQ", "objections mixed"):
        assert said not in page, said
    generate = re.search(r'aria-label="Generate content[^"]*">(.*?)</div>', page, re.S)
    assert generate is not None
    labels = re.findall(r">(?:Generate content: )?([^<]+)</a>", generate.group(1))
    assert labels == offered
    for link in re.findall(r'href="(/generate\?[^"]+)"', generate.group(1)):
        assert site.get(link.replace("&amp;", "&")).status_code == 200


def test_marking_a_pain_not_a_pain_hides_it_and_says_so(site: TestClient) -> None:
    theme = _theme_id(site, "pain", THEMES["pain"][1][0])
    marked = site.post(f"/clusters/{theme}/mark", data={"not_objection": "yes"})
    assert "Marked as not a pain." in marked.text and "not an objection" not in marked.text
    assert theme not in [c["id"] for c in site.get("/api/clusters?kind=pain").json()]
