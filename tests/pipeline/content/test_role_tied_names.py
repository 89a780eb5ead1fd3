"""A name the sentence ties to a person by a role or a pronoun ("Declan, our MD", "I'd need
Declan to sign that off, he's our MD") is a buyer's, whatever word it is: an Irish name that is
also in the embedder's vocabulary had reached a published FAQ beside "he's our MD". Products,
rivals, places and our own people in the same positions stay."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from pipeline.config import get_settings
from pipeline.first_names import is_first_name
from pipeline.person_positions import tied_names
from pipeline.redact import NAME, Redactor, redactor_for
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.conftest import ROOT, Cli

FIXTURE = ROOT / "tests" / "fixtures" / "role_tied_names"
PRODUCTS = frozenset({"xero", "salesforce", "shiftwell", "rosterly"})


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        (
            "Honestly I'd need Declan to sign that off, he's our MD and he approves anything.",
            "Honestly I'd need [name] to sign that off, he's our MD and he approves anything.",
        ),
        ("Declan, our MD, decides.", "[name], our MD, decides."),
        ("Declan is our CFO.", "[name] is our CFO."),
        ("Grace is the MD, so it goes to her.", "[name] is the MD, so it goes to her."),
        ("Declan's our MD.", "[name]'s our MD."),
        ("Declan, he's our finance director.", "[name], he's our finance director."),
        (
            "Gwenllian, she's our FD, thinks it's too dear.",
            "[name], she's our FD, thinks it's too dear.",
        ),
        ("Our MD Declan approves it.", "Our MD [name] approves it."),
        ("Our CEO, Bláthnaid, signs everything.", "Our CEO, [name], signs everything."),
        ("Chukwuemeka, who is our COO, will decide.", "[name], who is our COO, will decide."),
        (
            "Przemysław, our head of operations, owns it.",
            "[name], our head of operations, owns it.",
        ),
        ("I need Tadhg to approve it.", "I need [name] to approve it."),
        ("We'd get Oluwaseun to look at the contract.", "We'd get [name] to look at the contract."),
        ("Ask Aoibheann about the rollout.", "Ask [name] about the rollout."),
        ("Tadhg approves anything over a grand.", "[name] approves anything over a grand."),
        ("Ifeoma vetoed the last vendor.", "[name] vetoed the last vendor."),
        ("I'd need Ruairí Ó Dálaigh to okay it.", "I'd need [name] to okay it."),
        ("Dylan is the CEO.", "[name] is the CEO."),
        ("We'd ask Declan, he runs the budget.", "We'd ask [name], he runs the budget."),
    ],
)
def test_a_name_tied_to_a_person_is_hidden_whatever_word_it_is(said: str, shown: str) -> None:
    assert Redactor(common=PRODUCTS).redact(said) == shown


@pytest.mark.parametrize(
    "said",
    [
        "I'd need Xero to sync that every Friday.",
        "You'd have to ask Salesforce whether the records come across.",
        "We need Shiftwell to export the timesheets first.",
        "Xero is our payroll tool and our accountant likes it.",
        "Dublin is our head office.",
        "We need Legal to sign it, they are slow.",
        "Monday, he said, is the earliest.",
        "The CFO wants Xero to sync with the rota.",
        "Rosterly is our favourite so far.",
    ],
)
def test_products_places_and_teams_in_the_same_positions_stay(said: str) -> None:
    assert NAME not in Redactor(common=PRODUCTS).redact(said)


def test_tied_names_are_collected_to_hide_elsewhere() -> None:
    said = "I'd need Declan to sign that off, he's our MD. Ask Xero about it."
    assert tied_names(said, common=PRODUCTS, is_name=is_first_name) == ["Declan"]


HIDDEN = ["Declan", "Bláthnaid", "Chukwuemeka", "Gwenllian", "Przemysław", "Aoibheann"]


def test_published_exports_and_prompts_hide_names_tied_by_role_or_pronoun(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CALLMINE_OUR_COMPANY", "Rosterly")
    monkeypatch.setenv("CALLMINE_COMPETITORS", '["Shiftwell"]')
    get_settings.cache_clear()
    profile = tmp_path / "rosterly.toml"
    profile.write_text(
        'name = "Rosterly"\n'
        'pitch = "Rostering, timesheets and pay for staffing agencies."\n'
        'integrations = ["Payroll sync to Xero every pay run.",'
        ' "Candidate records import from Salesforce."]\n',
        "utf-8",
    )
    assert cli("product", "set", profile).exit_code == 0
    calls = tmp_path / "calls"
    shutil.copytree(FIXTURE, calls)
    cli.generated_offline(calls, "objection-faq")
    exported = ""
    for fmt in ("md", "html"):
        out = tmp_path / f"doc.{fmt}"
        result = cli("export", "1", "--format", fmt, "-o", out)
        assert result.exit_code == 0, result.output
        exported += out.read_text("utf-8")
    assert NAME in exported
    assert [name for name in HIDDEN if name in exported] == []
    assert "I'd need Xero to sync that" in exported  # quoted, as said
    assert "ask Salesforce whether" in exported
    # What reaches an LLM: the name tied once is hidden wherever the calls say it, the rep's
    # "a one-page summary for Declan" too, and our rep stays.
    workspace = Workspace(cli.settings())
    try:
        with workspace.session() as db:
            ids = list(db.scalars(select(Call.id)))
            redactor = redactor_for(db, ids)
    finally:
        workspace.close()
    said = "Lior Adler: Shall I put together a one-page summary for Declan? Xero too."
    assert (
        redactor.redact(said)
        == "Lior Adler: Shall I put together a one-page summary for [name]? Xero too."
    )
