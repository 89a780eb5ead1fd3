"""The product profile on every surface (API, web page, CLI), stored with versions, and cited
as [Pn] by the documents generated after it (issue 20)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from typer.testing import CliRunner

from api.cli import app
from pipeline.content import profile as profile_module
from pipeline.content.citations import check_citations
from pipeline.content.collect import collect_evidence
from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, profile_versions, set_profile
from pipeline.content.quality import review_document
from pipeline.workspace import Workspace
from tests.conftest import ROOT, make_settings
from tests.plugins.documents import Seeded

EXAMPLE = ROOT / "examples" / "product_profile.toml"
PROFILE = {
    "name": "Shiftwise",
    "pitch": "Rotas and payroll hand-off for small teams.",
    "pricing": ["$49 a month base plus $4 per active user."],
    "plans": ["Monthly plan, cancel whenever."],
    "onboarding": ["Setup takes about two days with a named onboarding contact."],
    "proof_points": ["Most cafe customers plan the week in under thirty minutes."],
    "cta": "Book a walkthrough.",
}


def test_api_reads_and_versions_the_profile(api: TestClient) -> None:
    missing = api.get("/api/product")
    assert missing.status_code == 404 and "no product profile yet" in missing.json()["detail"]
    first = api.put("/api/product", json=PROFILE)
    assert first.status_code == 200 and first.json()["version"] == 1
    assert api.put("/api/product", json=PROFILE).json()["version"] == 1  # unchanged
    changed = api.put("/api/product", json=PROFILE | {"cta": "Start a free trial."})
    assert changed.json()["version"] == 2
    current = api.get("/api/product").json()
    assert current["profile"]["cta"] == "Start a free trial." and current["author"] == "api"
    bad = api.put("/api/product", json=PROFILE | {"name": "", "colour": "red"})
    assert bad.status_code == 422
    assert bad.headers["content-type"].startswith("application/problem+json")
    assert api.get("/api/product").json()["version"] == 2  # nothing lost


def test_web_page_edits_the_profile(api: TestClient, ws: Workspace) -> None:
    page = api.get("/product")
    assert page.status_code == 200 and "No profile yet" in page.text
    assert '<a href="/product" aria-current="page">Product</a>' in page.text
    saved = api.post(
        "/product",
        data={
            "name": "Shift<b>wise</b>",
            "pricing": "$49 a month base\n\n$4 per active user\n",
            "security": "Hosted in Frankfurt",
            "cta": "Book a demo",
        },
    )
    assert saved.status_code == 200 and "Product profile saved (version 1)" in saved.text
    assert "Shift&lt;b&gt;wise&lt;/b&gt;" in saved.text and "<b>wise</b>" not in saved.text
    assert "[P2]</strong>" in saved.text and "Hosted in Frankfurt" in saved.text
    refused = api.post("/product", data={"name": ""})
    assert "name" in refused.text and "version 1" in refused.text
    with ws.session() as db:
        [version] = profile_versions(db)
    assert version.profile.pricing == ["$49 a month base", "$4 per active user"]
    assert version.author == "web"


def test_cli_sets_and_shows_the_profile(tmp_path: Path, point_cli_at: Callable[..., None]) -> None:
    point_cli_at(tmp_path / "data")
    runner = CliRunner()
    before = runner.invoke(app, ["product", "show"])
    assert before.exit_code == 1 and "no product profile yet" in before.output
    result = runner.invoke(app, ["product", "set", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert "Shiftwise: version 1, 16 facts" in result.output
    shown = runner.invoke(app, ["product", "show"])
    assert "[P1] Pricing: $49 a month base" in shown.output
    broken = tmp_path / "broken.toml"
    broken.write_text('name = "X"\nprices = ["typo"]\n', "utf-8")
    refused = runner.invoke(app, ["product", "set", str(broken)])
    assert refused.exit_code == 1 and "prices" in refused.output


def test_documents_cite_the_profile_and_flag_uncited_claims(ws: Workspace, seeded: Seeded) -> None:
    with ws.session() as db:
        set_profile(db, ProductProfile.model_validate(PROFILE))
    with ws.session() as db:
        faq = generate_document(db, ws.settings, doc_type="objection-faq")
        price = next(
            item
            for item in faq.structured["content"]["items"]
            if item["question"].startswith("What will it cost")
        )
        # the pricing fact answers it; "Monthly plan, cancel whenever." says nothing of what
        # these buyers said of the price (a fact answers a theme only when it speaks of it)
        assert price["profile"] == [1]
        assert "$49 a month base plus $4 per active user." in price["answer"]
        assert "[P1]" in faq.body_markdown and "From our product profile:" in faq.body_markdown
        assert not review_document(db, faq).failed
        one_pager = generate_document(db, ws.settings, doc_type="one-pager")
        content = one_pager.structured["content"]
        assert (
            content["proof_points"][0]["profile"] == [4] and content["cta"] == "Book a walkthrough."
        )
        evidence = collect_evidence(db, [seeded.price])
    checked, warnings = check_citations(
        {
            "items": [
                {
                    "question": "Are you the cheapest?",
                    "answer": "Yes, by far.",
                    "citations": [],
                    "profile": [],
                },
                {"question": "R?", "answer": "Two days.", "citations": [], "profile": [3, 99]},
            ]
        },
        evidence,
    )
    assert checked["items"][1]["profile"] == [3]
    assert any("removed unknown citation P99" in w for w in warnings)
    assert any("no citation, check it for accuracy" in w and "cheapest" in w for w in warnings)


def test_an_older_database_gets_the_profile_table(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data")
    workspace = Workspace(settings)
    with workspace.db.engine.begin() as connection:
        connection.execute(text("DROP TABLE product_profile_versions"))
        connection.execute(text("DELETE FROM _migrations WHERE name = '006_product_profile'"))
    workspace.close()
    again = Workspace(settings)
    with again.session() as db:
        assert set_profile(db, ProductProfile.model_validate(PROFILE)).version == 1
    again.close()


def test_two_saves_racing_for_one_version_give_409_not_500(
    api: TestClient, ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two editors read version 1 and both save: the later save finds version 2 taken. It is a
    409 problem (try again), the first save stays, and the next save is version 3."""
    assert api.put("/api/product", json=PROFILE).json()["version"] == 1
    with ws.session() as session:
        stale = profile_module.current_profile(session)
    assert api.put("/api/product", json=PROFILE | {"cta": "First editor."}).json()["version"] == 2
    with monkeypatch.context() as patch:
        patch.setattr(profile_module, "current_profile", lambda _session: stale)
        late = api.put("/api/product", json=PROFILE | {"cta": "Second editor."})
    assert late.status_code == 409, late.text
    assert late.headers["content-type"].startswith("application/problem+json")
    assert api.get("/api/product").json()["profile"]["cta"] == "First editor."
    assert api.put("/api/product", json=PROFILE | {"cta": "Again."}).json()["version"] == 3
