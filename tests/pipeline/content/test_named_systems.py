"""An integration fact answers a worry that names a tool only when it names that tool:
"QuickBooks Online and QuickBooks Desktop sync" had answered "Without a Xero integration we'd
be doing double entry again" in the FAQ and the use case, which reads as a dodge."""

from __future__ import annotations

import pytest

from pipeline.content.generate import generate_document
from pipeline.content.pairing import answers_theme, names_other_systems
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, add_theme

# (a worry naming the buyer's tool, an integration fact naming only others)
OTHER_TOOLS = [
    ("Without a Xero integration we'd be doing double entry again.",
     "QuickBooks Online and QuickBooks Desktop sync for operating and trust accounts."),
    ("We run the whole shop on Shopify, so it has to connect to that.",
     "Orders sync both ways with WooCommerce and BigCommerce."),
    ("All our patient notes live in Cliniko and nobody will retype them.",
     "Two-way sync with Nookal and Jane for appointments and notes."),
    ("Dispatch is in ServiceTitan, so if it doesn't talk to it we're stuck.",
     "Integrates with Jobber and Housecall Pro for jobs and invoices."),
    ("Payroll runs through Gusto and I won't enter hours twice.",
     "Timesheets connect to ADP and Paychex at the end of each pay period."),
    ("Our rent ledger is in Entrata, so charges must post there.",
     "Charges post to Yardi Voyager and AppFolio ledgers through their APIs."),
]  # fmt: skip
SAME_TOOL = [
    ("Without a Xero integration we'd be doing double entry again.",
     "Xero and QuickBooks Online sync for operating and trust accounts."),
    ("We run the whole shop on Shopify, so it has to connect to that.",
     "Orders sync both ways with Shopify and WooCommerce."),
    ("Our books are in Xero, not QuickBooks.", "Xero sync for bills and invoices."),
    ("Payroll runs through Gusto and I won't enter hours twice.",
     "An open API and nightly CSV sync connect any payroll system."),
]  # fmt: skip


@pytest.mark.parametrize(("worry", "fact"), OTHER_TOOLS)
def test_a_fact_naming_other_tools_does_not_answer(worry: str, fact: str) -> None:
    assert names_other_systems(fact, [worry])
    assert not answers_theme(fact, [worry])


@pytest.mark.parametrize(("worry", "fact"), SAME_TOOL)
def test_a_fact_naming_their_tool_or_none_still_answers(worry: str, fact: str) -> None:
    assert not names_other_systems(fact, [worry])


def _profile(*integrations: str) -> ProductProfile:
    return ProductProfile(
        name="Ledgerly", pricing=[], plans=[], features=[], integrations=list(integrations),
        security=[], onboarding=[], proof_points=[],
    )  # fmt: skip


def test_the_faq_leaves_a_gap_rather_than_name_another_tool(ws: Workspace) -> None:
    worry = "Without a Xero integration we'd be doing double entry again."
    quickbooks = "QuickBooks Online and QuickBooks Desktop sync for operating and trust accounts."
    with ws.session() as db:
        set_profile(db, _profile(quickbooks))
        theme = add_theme(db, "Xero integration", "xero")
        for n, account in enumerate(("Birch Legal", "Alder Law"), start=1):
            _, turns = _call(db, n, account, "lost", f"2026-03-0{n}",
                             [("Robin Hale", "buyer", worry)], "Family law")  # fmt: skip
            _mention(db, turns[0], "objection", "integrations", theme).confidence = 0.9
        db.flush()
        faq = generate_document(
            db, ws.settings, doc_type="objection-faq", use_llm=False, cluster_ids=[theme.id]
        )
        [item] = faq.structured["content"]["items"]
        assert quickbooks not in item["answer"] and item["answer"].startswith("To write")
        set_profile(db, _profile(quickbooks, "Xero sync."))
        faq = generate_document(
            db, ws.settings, doc_type="objection-faq", use_llm=False, cluster_ids=[theme.id]
        )
        [item] = faq.structured["content"]["items"]
        assert "Xero sync." in item["answer"] and quickbooks not in item["answer"]
