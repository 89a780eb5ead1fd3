"""A published export carries no writer's note and no words of our reps: a "To write" gap and a
clause quoting a rep's reply or a rep's note go with their citations and sources, a fact beside
them stays as our own claim, and an internal export keeps everything.

Why: a marina's published FAQ and pricing page read "To write, from what a rep said in a deal
we won: “Yes, a price item can be per metre of length.”", the SEO brief's FAQ-schema answer
copied it, the sources listed "— rep, …" and a comparison quoted a rep's CRM note ("[name]
(CFO) called, going with YardHand across all three yards") as evidence."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy.orm import Session

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.embed import Embedder
from pipeline.publish.export import export_document
from pipeline.publish.public_copy import GAP, clean, publishable, says_nothing
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, add_theme

# (industry, a buyer's price worry, our rep's reply in the won deal, our price, a rival)
INDUSTRIES = [
    (
        "Dental labs",
        "Forty pounds a case on top of the remakes is more than the lab can carry.",
        "Most labs make it back in the first month on remakes alone.",
        "£39 a month per lab, billed monthly.",
        "Shadeline",
    ),
    (
        "Breweries",
        "Sixty pounds a month is too much for a brewery our size.",
        "Most breweries pay it back on one lost keg a month.",
        "£49 a month per brewery, billed monthly.",
        "Kegtrack",
    ),
    (
        "Schools",
        "Two pounds a pupil is more than the school can spend this year.",
        "Most schools fund it from the clubs budget.",
        "£2 a pupil a year, billed each September.",
        "Clubly",
    ),
    (
        "Logistics",
        "The per-driver price is too steep for a fleet our size.",
        "Fleets your size save a driver's hour a day on routing.",
        "£12 per driver a month, billed monthly.",
        "Routewise",
    ),
    (
        "Salons",
        "Ninety pounds a month is too expensive for a two-chair salon.",
        "Most salons cover it with two fewer no-shows a month.",
        "£29 a month per salon, billed monthly.",
        "Chairly",
    ),
    (
        "Clinics",
        "The clinic can't afford another monthly subscription this year.",
        "Clinics your size recover it in missed-appointment fees.",
        "£59 a month per clinic, billed monthly.",
        "Medibook",
    ),
    (
        "Marinas",
        "Forty-nine pounds a month is nearly six hundred a year for something we do for nothing.",
        "Yes, a price item can be per metre of length.",
        "£49 a month per marina, billed monthly.",
        "YardHand",
    ),
    (
        "Veterinary practices",
        "It's too expensive for a two-vet practice.",
        "Two-vet practices pay it back on reminder bookings.",
        "£45 a month per practice, billed monthly.",
        "Vetdesk",
    ),
    (
        "Gyms",
        "It's too expensive for a gym with one studio.",
        "One-studio gyms earn it back from class no-shows.",
        "£35 a month per gym, billed monthly.",
        "Classly",
    ),
    (
        "Farms",
        "Nineteen pounds a month is too much for a farm with a few fields.",
        "Farms your size save a day a month on spray records.",
        "£19 a month per farm, billed monthly.",
        "Fieldbook",
    ),
]
PUBLISHED = ("md", "html", "jsonld")


def _seed(db: Session, industry: str, worry: str, reply: str, price: str) -> int:
    """A price theme: a won call where the buyer's worry got our rep's reply, a lost call's
    worry no one answered; our profile's price answers both."""
    set_profile(db, ProductProfile(name="Tallyway", pricing=[price], plans=[], features=[]))
    theme = add_theme(db, "Price", "price")
    uk = ("Pat", "buyer", "We're based just outside Leeds.")  # the market our price is for
    _, won = _call(
        db, 1, "Won Account", "won", "2026-10-20",
        [uk, ("Pat", "buyer", worry), ("Sam Rivera", "rep", reply)], industry=industry,
    )  # fmt: skip
    _, lost = _call(
        db, 2, "Lost Account", "lost", "2026-10-21",
        [uk, ("Kim", "buyer", "Honestly the price is too high for us this year.")],
        industry=industry,
    )  # fmt: skip
    _mention(db, won[1], "objection", "price", theme).confidence = 0.9
    _mention(db, lost[1], "objection", "price", theme).confidence = 0.9
    db.flush()
    return theme.id


def _exports(ws: Workspace, document_id: int, *, internal: bool = False) -> dict[str, str]:
    with ws.session() as db:
        return {
            fmt: export_document(
                db, ws.settings, document_id, fmt, internal=internal
            ).content.decode()
            for fmt in PUBLISHED
        }


def _assert_publishable(page: str, reply: str) -> None:
    """No gap, no rep's words, no rep source; the quotes cited are listed, numbered in order."""
    assert not GAP.search(page), page
    assert reply not in page and "— rep" not in page, page
    body, _, sources = page.partition("\n## Sources")
    met = list(dict.fromkeys(int(n) for n in re.findall(r"\[Q(\d+)\]", body)))
    assert met == list(range(1, len(met) + 1)), page
    assert [int(n) for n in re.findall(r"\*\*\[Q(\d+)\]\*\*", sources)] == met, page


@pytest.mark.parametrize("doc_type", ["objection-faq", "pricing-explainer", "one-pager"])
@pytest.mark.parametrize(("industry", "worry", "reply", "price", "_rival"), INDUSTRIES)
def test_a_published_page_drops_notes_and_rep_words_and_keeps_our_facts(
    ws: Workspace, doc_type: str, industry: str, worry: str, reply: str, price: str, _rival: str
) -> None:
    with ws.session() as db:
        theme = _seed(db, industry, worry, reply, price)
        document = generate_document(
            db, ws.settings, doc_type=doc_type, cluster_ids=[theme], use_llm=False
        )
        internal = document.body_markdown
    assert reply in internal  # the draft the team reviews keeps the rep's reply
    pages = _exports(ws, document.id)
    _assert_publishable(pages["md"], reply)
    assert price in pages["md"], pages["md"]  # our price stands as our own claim
    assert reply not in pages["html"] and not GAP.search(pages["html"])
    assert reply not in pages["jsonld"] and not GAP.search(pages["jsonld"])
    kept = _exports(ws, document.id, internal=True)["md"]
    assert reply in kept and "— rep Sam Rivera" in kept


@pytest.mark.parametrize(("industry", "worry", "reply", "price", "_rival"), INDUSTRIES[::3])
def test_the_seo_briefs_faq_schema_answer_is_our_fact_not_the_reps_words(
    ws: Workspace, industry: str, worry: str, reply: str, price: str, _rival: str
) -> None:
    with ws.session() as db:
        theme = _seed(db, industry, worry, reply, price)
        document = generate_document(
            db, ws.settings, doc_type="seo-brief", cluster_ids=[theme], use_llm=False
        )
    page = _exports(ws, document.id)["md"]
    _assert_publishable(page, reply)
    schema = page.split("## FAQ schema suggestion", 1)[1].split("## ", 1)[0]
    answers = [line for line in schema.splitlines() if "**A:**" in line]
    assert answers and all(price in answer for answer in answers), schema


def _comparison_seed(db: Session, industry: str, rival: str) -> None:
    """A deal lost to the rival: the buyer's line on it, and the rep's CRM note of the call."""
    set_profile(db, ProductProfile(name="Tallyway", pricing=[], plans=[], features=[]))
    _, lost = _call(
        db, 1, "Lost Account", "lost", "2026-10-21",
        [
            ("Kim", "buyer", f"{rival} does the bookings and the invoices in one system."),
            # With a strength of theirs: a bare "going with them" is listed nowhere (none told).
            ("Notes", "rep_note", f"Fiona (CFO) called, going with {rival}: they are cheaper "
             "across all sites."),
        ],
        industry=industry,
    )  # fmt: skip
    _mention(db, lost[0], "competitor", None, None, competitor=rival).confidence = 0.9
    _mention(db, lost[1], "competitor", None, None, competitor=rival).confidence = 0.9
    db.flush()


@pytest.mark.parametrize(("industry", "_worry", "_reply", "_price", "rival"), INDUSTRIES)
def test_a_published_comparison_quotes_no_reps_note(
    ws: Workspace, industry: str, _worry: str, _reply: str, _price: str, rival: str
) -> None:
    with ws.session() as db:
        _comparison_seed(db, industry, rival)
        document = generate_document(
            db, ws.settings, doc_type="comparison", competitor=rival, use_llm=False
        )
        internal = document.body_markdown
    note = "across all sites"
    assert note in internal  # quoted for the team, as the rep's
    page = _exports(ws, document.id)["md"]
    _assert_publishable(page, note)
    assert "in one system" in page  # the buyer's own words stay


# (a line of a draft, what a published page keeps of it; "" for nothing)
LINES = [
    (
        "To write, from what a rep said in a deal we won: “Labs pay it back on remakes.” "
        "£39 a month per lab. [Q1][Q2] [P1]",
        "£39 a month per lab. [Q1] [P1]",
    ),
    ("What worked in a deal we won: “Breweries pay it back on one keg.” [Q1][Q2]", "[Q1]"),
    ("Lost to Clubly, the rep's note: “Head called, going with Clubly.” [Q2]", ""),
    ("How a rep framed the value in a won deal: “Fleets save an hour a day.” [Q2]", ""),
    ("When this answer lands: “Salons cover it with two no-shows.” [Q2]", ""),
    ("A rep in a won deal: “Clinics go live in three weeks.” [Q2]", ""),
    ("To write: no rep answer from a won deal in the calls yet. Raised 3 times. [Q1]", "[Q1]"),
    ("To write: how we compare on this.", ""),
    ("To write: where we fit better (no won deal yet).", ""),
    ("Buyers who said “The vets hate the old diary.” chose us [Q1]", None),
    ("In the buyer's words: “Spray records take a day a month.” [Q1]", None),
    ("£19 a month per farm, billed monthly. [P1]", None),
]
REP = {2: "Placeholder"}


@pytest.mark.parametrize(("line", "kept"), LINES)
def test_a_line_keeps_all_but_notes_and_rep_words(line: str, kept: str | None) -> None:
    said = re.findall(r"“([^”]*)”", line)
    rep = {2: said[0]} if said and "[Q2]" in line else REP
    cleaned = clean(line, rep)
    if kept is None:
        assert cleaned == line
    elif kept == "[Q1]":
        assert cleaned == kept and says_nothing(cleaned)
    else:
        assert cleaned == kept


def test_an_faq_entry_left_with_no_answer_goes_with_its_question() -> None:
    page = (
        "# FAQ\n\n## Questions\n\n### What will it cost a school our size?\n\n"
        "To write: no rep answer from a won deal in the calls yet. [Q1]\n\n"
        "### Does it work with our MIS?\n\nIt syncs with SIMS nightly. [Q2] [P1]\n\n"
        "## Sources\n\nWhat buyers and reps said on sales calls:\n\n"
        "- **[Q1]** “Too dear for us.” — buyer, A, call 1, 2026-01-02, lost\n"
        "- **[Q2]** “We're on SIMS.” — buyer, B, call 2, 2026-01-03, won\n"
    )
    published = publishable(page, {})
    assert "What will it cost" not in published and "Too dear" not in published
    assert "### Does it work with our MIS?\n\nIt syncs with SIMS nightly. [Q1] [P1]" in published
    assert "- **[Q1]** “We're on SIMS.”" in published and "What buyers said" in published


def test_an_entry_headed_by_the_buyers_words_keeps_them_cited() -> None:
    worry = "Forty pounds a month is too much for a salon."
    page = (
        f"# Pricing\n\n## What buyers ask about price\n\n### {worry}\n\n"
        "What worked in a deal we won: “Salons cover it with two no-shows.” [Q1][Q2]\n\n"
        "## Sources\n\nWhat buyers and reps said on sales calls:\n\n"
        f"- **[Q1]** “{worry}” — buyer, A, call 1, 2026-01-02, won\n"
        "- **[Q2]** “Salons cover it with two no-shows.” — rep Sam, A, call 1, 2026-01-02, won\n"
    )
    published = publishable(page, {2: "Salons cover it with two no-shows."})
    assert f"### {worry} [Q1]" in published and "no-shows" not in published


def test_end_to_end_a_published_faq_and_its_json_ld_carry_our_fact(
    workspace: Workspace, embedder: Embedder
) -> None:
    """Real embedder and SQLite: generated with the embedder, the FAQ's published Markdown,
    HTML and JSON-LD answer with our price, never the rep's words nor a gap."""
    industry, worry, reply, price, _ = INDUSTRIES[6]
    with workspace.session() as db:
        theme = _seed(db, industry, worry, reply, price)
        document = generate_document(
            db, workspace.settings, doc_type="objection-faq", cluster_ids=[theme],
            use_llm=False, embedder=embedder,
        )  # fmt: skip
    pages = _exports(workspace, document.id)
    _assert_publishable(pages["md"], reply)
    answers = [q["acceptedAnswer"]["text"] for q in json.loads(pages["jsonld"])["mainEntity"]]
    assert answers and all(price in a and reply not in a for a in answers), answers
