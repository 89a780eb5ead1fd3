"""Documents through the real API (TestClient) and the real CLI (Typer runner)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader
from typer.testing import CliRunner

from api.cli import app as cli_app
from pipeline.config import Settings
from tests.conftest import ROOT
from tests.plugins.documents import Seeded, written


def test_generate_review_export_through_the_api(api: TestClient, seeded: Seeded) -> None:
    created = api.post(
        "/api/documents",
        json={"type": "objection-faq", "cluster_ids": [seeded.price], "use_llm": "false"},
    )
    assert created.status_code == 201, created.text
    doc = created.json()
    assert (
        doc["state"] == "draft"
        and doc["generator"] == "offline"
        and doc["cluster_ids"] == [seeded.price]
    )
    assert doc["quotes"] and "## Questions" in doc["body_markdown"]
    doc_id = doc["id"]

    listed = api.get("/api/documents").json()
    assert [d["id"] for d in listed] == [doc_id]

    edited = api.patch(
        f"/api/documents/{doc_id}",
        json={"body_markdown": written(doc["body_markdown"]) + "\nEdited.\n", "author": "lee"},
    )
    assert edited.json()["current_version"] == 2
    assert (
        api.post(f"/api/documents/{doc_id}/review", json={"state": "approved"}).status_code == 409
    )
    assert (
        api.post(
            f"/api/documents/{doc_id}/review", json={"state": "in_review", "reviewer": "mia"}
        ).json()["state"]
        == "in_review"
    )
    marked = api.post(
        f"/api/documents/{doc_id}/accuracy",
        json={"verdict": "accurate", "comment": "ok", "reviewer": "sam"},
    )
    assert marked.json()["accuracy"] == "accurate"
    comment = api.post(f"/api/documents/{doc_id}/comments", json={"body": "Nice", "author": "mia"})
    assert comment.status_code == 201 and comment.json()["kind"] == "comment"
    approved = api.post(
        f"/api/documents/{doc_id}/review", json={"state": "approved", "reviewer": "mia"}
    ).json()
    assert approved["state"] == "approved"
    assert [c["kind"] for c in approved["comments"]] == ["review", "accuracy", "comment", "review"]

    versions = api.get(f"/api/documents/{doc_id}/versions").json()
    assert [(v["version"], v["author"]) for v in versions] == [(1, "api"), (2, "lee")]
    diff = api.get(f"/api/documents/{doc_id}/diff").json()
    assert "+Edited." in diff["diff"] and diff["from_version"] == 1
    assert api.get(f"/api/documents/{doc_id}/versions/1").json()["prompt"] is None

    md = api.get(f"/api/documents/{doc_id}/export?format=md")
    assert md.headers["content-type"].startswith("text/markdown") and not md.text.startswith(
        "> **DRAFT**"
    )
    assert "attachment" in md.headers["content-disposition"]
    # Published by default: no account, call or outcome; internal=true (and the page's
    # "Internal Markdown") keeps them for the team.
    assert "Acme Dental" not in md.text and "— buyer, Health & fitness, March 2024" in md.text
    internal = api.get(f"/api/documents/{doc_id}/export?format=md&internal=true").text
    assert "— buyer, Acme Dental, call 1, 2024-03-04, won" in internal
    page = api.get(f"/documents/{doc_id}/export/md?internal=true").text
    assert "Acme Dental, call 1" in page
    pdf = api.get(f"/api/documents/{doc_id}/export?format=pdf")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    jsonld = api.get(f"/api/documents/{doc_id}/export?format=jsonld").json()
    assert jsonld["@type"] == "FAQPage"
    assert api.get(f"/api/documents/{doc_id}/export?format=docx").status_code == 422


def test_api_errors_are_problem_json(api: TestClient, seeded: Seeded) -> None:
    missing = api.get("/api/documents/999")
    assert (
        missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
    )
    bad = api.post("/api/documents", json={"type": "one-pager", "cluster_ids": [12345]})
    assert bad.status_code == 404 and "12345" in bad.json()["detail"]
    assert api.post("/api/documents", json={"type": "comparison"}).status_code == 422
    assert (
        api.post("/api/documents", json={"type": "one-pager", "use_llm": "true"}).status_code == 422
    )


def test_competitor_facts_feed_comparisons(api: TestClient, seeded: Seeded) -> None:
    added = api.post(
        "/api/competitors/Acuity/facts",
        json={
            "fact": "Acuity offers intake forms on every plan.",
            "source": "https://acuityscheduling.com/pricing",
        },
    )
    assert added.status_code == 201
    assert (
        api.post(
            "/api/competitors/Acuity/facts", json={"fact": "x", "source": "ftp://nope"}
        ).status_code
        == 422
    )
    assert [f["fact"] for f in api.get("/api/competitors/acuity/facts").json()] == [
        "Acuity offers intake forms on every plan."
    ]
    doc = api.post(
        "/api/documents",
        json={"type": "comparison", "competitor": "Acuity", "cluster_ids": [seeded.price]},
    ).json()
    assert "[F1]" in doc["body_markdown"] and "intake forms" in doc["body_markdown"]


@pytest.fixture
def cli_env(settings: Settings, seeded: Seeded, point_cli_at: Callable[..., None]) -> Seeded:
    point_cli_at(settings.data_dir, settings.database_url)
    return seeded


def test_cli_generate_review_accuracy_export_and_facts(cli_env: Seeded, tmp_path: Path) -> None:
    runner = CliRunner()
    added = runner.invoke(
        cli_app,
        [
            "facts",
            "add",
            "Calendly",
            "Calendly has a free plan for one user.",
            "--source",
            "https://calendly.com/pricing",
        ],
    )
    assert added.exit_code == 0, added.output
    imported = runner.invoke(
        cli_app, ["facts", "import", str(ROOT / "examples" / "competitor_facts.toml")]
    )
    assert imported.exit_code == 0, imported.output

    result = runner.invoke(
        cli_app,
        [
            "generate",
            "--type",
            "one-pager",
            "--cluster",
            str(cli_env.price),
            "--cluster",
            str(cli_env.setup),
            "--offline",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["cluster_ids"] == [cli_env.price, cli_env.setup] and doc["state"] == "draft"
    doc_id = str(doc["id"])

    comparison = runner.invoke(
        cli_app, ["generate", "--type", "comparison", "--competitor", "Calendly", "--offline"]
    )
    assert comparison.exit_code == 0 and "free plan for one user" in comparison.stdout

    listing = json.loads(runner.invoke(cli_app, ["documents", "--json"]).stdout)
    assert {d["doc_type"] for d in listing} == {"one-pager", "comparison"}

    assert (
        runner.invoke(
            cli_app, ["review", doc_id, "--state", "in_review", "--reviewer", "mia"]
        ).exit_code
        == 0
    )
    needs_fix = runner.invoke(cli_app, ["accuracy", doc_id, "needs-fix", "--comment", "Wrong stat"])
    assert needs_fix.exit_code == 0
    blocked = runner.invoke(cli_app, ["review", doc_id, "--state", "approved", "--comment", "ok"])
    assert blocked.exit_code == 1 and "needing a fix" in blocked.output

    out = tmp_path / "one-pager.pdf"
    exported = runner.invoke(cli_app, ["export", doc_id, "--format", "pdf", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    assert len(PdfReader(str(out)).pages) == 1
    md = runner.invoke(cli_app, ["export", doc_id, "--format", "md"])
    assert md.stdout.startswith("> **DRAFT**")
    missing = runner.invoke(cli_app, ["export", "999", "--format", "md"])
    assert missing.exit_code == 1 and "not found" in missing.output

    # Marketing writes the brief's gaps from the body alone, saves it back, and sales approve.
    body = runner.invoke(cli_app, ["document", doc_id, "--markdown"]).stdout
    assert body.startswith("# ") and not body.startswith("> **DRAFT**")
    page = tmp_path / "one-pager.md"
    page.write_text(written(body), encoding="utf-8")
    saved = runner.invoke(cli_app, ["edit", doc_id, "--body", str(page), "--author", "lee"])
    assert saved.exit_code == 0, saved.output
    for step in (
        ["review", doc_id, "--state", "in_review"],
        ["accuracy", doc_id, "accurate"],
        ["review", doc_id, "--state", "approved"],
    ):
        done = runner.invoke(cli_app, step)
        assert done.exit_code == 0, done.output
    assert not runner.invoke(cli_app, ["export", doc_id, "--format", "md"]).stdout.startswith(
        "> **DRAFT**"
    )


def test_use_case_for_an_industry_through_api_web_and_cli(cli_env: Seeded, api: TestClient) -> None:
    """The industry is part of the request on every surface; a use case quotes only that
    industry's buyers and counts only its calls (Trades: call 2, lost)."""
    made = api.post("/api/documents", json={"type": "use-case", "industry": "trades"})
    assert made.status_code == 201, made.text
    doc = made.json()
    assert doc["industry"] == "trades"
    assert doc["title"] == "A use case for trades: what buyers told us"
    trades_call = cli_env.calls[1]
    buyers = [q for q in doc["quotes"] if q["kind"] != "answer"]
    assert buyers and {q["call_id"] for q in buyers} == {trades_call}
    assert "## What trades buyers ask before they switch" in doc["body_markdown"]
    # No won deal in Trades: no reply from another industry's won deal either.
    assert {q["call_id"] for q in doc["quotes"]} == {trades_call}
    default = api.post("/api/documents", json={"type": "use-case"}).json()
    assert default["industry"] == "Health & fitness"  # the industry with the most calls
    unknown = api.post("/api/documents", json={"type": "use-case", "industry": "Bakeries"})
    assert unknown.status_code == 422
    assert unknown.json()["detail"] == (
        "no calls in industry 'Bakeries': the calls' industries are Health & fitness, Trades"
    )
    one_pager = api.post("/api/documents", json={"type": "one-pager", "industry": "Nonexistent"})
    assert one_pager.status_code == 422 and "callmine" not in one_pager.text
    assert "no calls in industry 'Nonexistent'" in one_pager.json()["detail"]

    form = api.get("/generate", params={"type": "use-case"}).text
    assert '<select id="industry" name="industry">' in form and "<option>Trades</option>" in form
    page = api.post("/generate", data={"doc_type": "use-case", "industry": "Trades"})
    assert page.status_code == 200 and "Draft generated." in page.text
    listing = api.get("/documents").text
    assert "A use case for Trades" in listing
    assert '<span class="small muted">Trades</span>' in listing

    runner = CliRunner()
    result = runner.invoke(
        cli_app, ["generate", "--type", "use-case", "--industry", "Trades", "--offline", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["industry"] == "Trades"


def test_no_themes_is_told_each_surface_its_own_way(
    settings: Settings, client: TestClient, point_cli_at: Callable[..., None]
) -> None:
    """The CLI's advice (`callmine cluster`, --cluster) is the CLI's: the API had given it."""
    over_api = client.post("/api/documents", json={"type": "objection-faq", "use_llm": "false"})
    assert over_api.status_code == 422, over_api.text
    detail = over_api.json()["detail"]
    assert detail.startswith("no suitable objection clusters") and "callmine" not in detail
    point_cli_at(settings.data_dir, settings.database_url)
    result = CliRunner().invoke(cli_app, ["generate", "--type", "objection-faq", "--offline"])
    assert result.exit_code != 0
    assert "run `callmine cluster` first or pass --cluster ID" in " ".join(result.output.split())
