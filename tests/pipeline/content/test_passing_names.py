"""A buyer-side name said in passing is hidden in every publishing format alike, the brief too;
a quote opening on a hidden name heads no entry, and an entry's bold head starts with a capital.

Why: a marina's published brief printed "At the end of the day Kirra adds up the log…" while
its Markdown and HTML hid the names they quoted: Kirra was on no speaker list and no first-name
list, and the brief quotes three lines a theme holds where a page quotes one. A one-pager's
entry was headed "**[name]'s been here thirty years…**" and another "**we'd need the DPIA…**"."""

from __future__ import annotations

import json

import pytest
from sqlalchemy.orm import Session

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.content.quote_text import leads_with_placeholder
from pipeline.embed import Embedder
from pipeline.publish.export import export_document
from pipeline.redact import NAME, Redactor
from pipeline.store.models import Mention
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, add_theme

# (industry, a problem told with a colleague's name in passing, the name)
IN_PASSING = [
    (
        "Marinas",
        "At the end of the day Kirra adds up the log and it never matches the pumps.",
        "Kirra",
    ),
    (
        "Dental labs",
        "Every Friday Ngaire checks the shade tabs against the dockets by hand.",
        "Ngaire",
    ),
    ("Breweries", "After close Tamsin counts the kegs in the cold store on a clipboard.", "Tamsin"),
    ("Schools", "On Mondays Aroha types the club registers into the spreadsheet again.", "Aroha"),
    (
        "Logistics",
        "Each night Dervla reconciles the delivery notes against the invoices.",
        "Dervla",
    ),
    (
        "Salons",
        "On Saturdays Bronwen rings every client to confirm, it takes all morning.",
        "Bronwen",
    ),
    (
        "Clinics",
        "First thing Ffion phones the patients on the recall list from a printout.",
        "Ffion",
    ),
    ("Veterinary practices", "Most mornings Kiri does all the books in a spreadsheet.", "Kiri"),
    ("Gyms", "Every month Moana chases the lapsed direct debits one by one.", "Moana"),
    ("Farms", "At lambing Pita writes the tag numbers in a notebook in the shed.", "Pita"),
    ("Cafes", "Before opening Tane tallies the float and the card receipts on paper.", "Tane"),
]


@pytest.mark.parametrize(("_industry", "said", "name"), IN_PASSING)
def test_a_name_said_in_passing_is_hidden(_industry: str, said: str, name: str) -> None:
    hidden = Redactor().redact(said)
    assert name not in hidden and NAME in hidden, hidden


# What is no one, before the same doings: a word the workspace knows (a brand, an account),
# an English word, or one before a doing a product or place does too.
NO_ONE = [
    ("Tidemark adds a fee for each extra site.", {"tidemark"}),
    ("Harbourdesk checks the insurance dates for you.", {"harbourdesk"}),
    ("Pittwater reconciles its own fuel log.", {"pittwater"}),
    ("Grace checks the tills on a Friday, she's got it down to an hour.", set()),
    ("Kingsgate orders print on our printer.", set()),
    ("The new one on Alder opened in May.", set()),
    ("Tidemark prints the annual invoices in March.", set()),
]


@pytest.mark.parametrize(("said", "known"), NO_ONE)
def test_a_known_word_or_a_things_doing_is_no_one(said: str, known: set[str]) -> None:
    assert Redactor(common=frozenset(known)).redact(said) == said


PROFILE = ProductProfile(
    name="Tallyway",
    pricing=[],
    plans=[],
    features=["Reconciles the day's takings against the till and card feeds automatically."],
    proof_points=["A customer cut a day a week of paperwork."],
)


def _seed_problem(db: Session, industry: str, said: str) -> list[int]:
    """A pain theme whose surest lines come first and the one naming a colleague third, so a
    page quotes another and the brief all three; an objection theme for the one-pager."""
    set_profile(db, PROFILE)
    pain = add_theme(db, "Paper records", "paper")
    pain.kind = "pain"
    worry = add_theme(db, "Price", "price")
    lines = [
        "We keep every record on paper and it takes hours a week.",
        "The spreadsheet never matches what the card machine says.",
        said,
    ]
    for n, (text, confidence) in enumerate(zip(lines, (0.98, 0.95, 0.9), strict=True), start=1):
        _, [turn] = _call(
            db, n, f"Account {n}", "open", "2026-10-20", [("Pat", "buyer", text)], industry=industry
        )
        db.add(_mention(turn.id, turn.call_id, text, "pain", pain.id, confidence))
    _, [turn] = _call(
        db, 9, "Account 9", "lost", "2026-10-22",
        [("Kim", "buyer", "It's too expensive for a business our size.")], industry=industry,
    )  # fmt: skip
    db.add(_mention(turn.id, turn.call_id, turn.text, "objection", worry.id, 0.9))
    db.flush()
    return [pain.id, worry.id]


def _mention(
    utterance_id: int, call_id: int, text: str, kind: str, theme: int, confidence: float
) -> Mention:
    return Mention(
        utterance_id=utterance_id, call_id=call_id, kind=kind, category="price",
        text=text, char_start=0, char_end=len(text), cluster_id=theme, confidence=confidence,
    )  # fmt: skip


FORMATS = ("md", "html", "jsonld", "brief")


@pytest.mark.parametrize(("industry", "said", "name"), IN_PASSING)
def test_every_publishing_format_hides_the_name_alike(
    ws: Workspace, industry: str, said: str, name: str
) -> None:
    with ws.session() as db:
        themes = _seed_problem(db, industry, said)
        document = generate_document(
            db, ws.settings, doc_type="one-pager", cluster_ids=themes, use_llm=False
        )
        pages = {
            fmt: export_document(db, ws.settings, document.id, fmt).content.decode()
            for fmt in FORMATS
        }
    for fmt, page in pages.items():
        assert name not in page, (fmt, page)
    assert said.replace(name, NAME) in pages["brief"], pages["brief"]


# (industry, a worry opening on a buyer's name, a plain worry of the same theme)
NAMED_FIRST = [
    ("Marinas", "Pete's been here thirty years, he doesn't own a smartphone.",
     "Our dockhands won't learn another app before the lift-out."),
    ("Dental labs", "Sharon won't touch anything that isn't on paper.",
     "Our technicians have never used a tablet at the bench."),
    ("Breweries", "Gary's done the brew log in a notebook for twenty years.",
     "The brewers won't fill in a form with wet hands."),
    ("Schools", "Maureen in the office refuses to use anything new.",
     "Our office staff are already stretched by the new MIS."),
    ("Logistics", "Dave says the drivers will never open an app.",
     "Our drivers won't use an app between drops."),
    ("Salons", "Tracy has done the diary in pencil since we opened.",
     "Our stylists won't check a screen between clients."),
    ("Clinics", "Linda on reception hates learning new systems.",
     "Our reception team is too stretched to learn a new system."),
    ("Veterinary practices", "Brian won't give up the paper day sheets.",
     "Our vets won't type notes during a consult."),
    ("Gyms", "Karen does the rota on the whiteboard and likes it that way.",
     "Our trainers won't use another app for the rota."),
    ("Farms", "Colin keeps the flock records in his head.",
     "Our farm hands have never used an app for the flock records."),
]  # fmt: skip


def _seed_adoption(db: Session, industry: str, named: str, plain: str, first: int = 1) -> int:
    set_profile(db, ProductProfile(name="Tallyway", onboarding=["Two training sessions, on site."]))
    theme = add_theme(db, "Staff won't use it", "staff")
    for n, (text, confidence) in enumerate(((named, 0.97), (plain, 0.7)), start=first):
        _, [turn] = _call(
            db, n, f"Account {n}", "open", "2026-10-20", [("Pat", "buyer", text)], industry=industry
        )
        mention = _mention(turn.id, turn.call_id, text, "objection", theme.id, confidence)
        mention.category = "adoption"
        db.add(mention)
    db.flush()
    return theme.id


@pytest.mark.parametrize(("industry", "named", "plain"), NAMED_FIRST)
def test_a_quote_opening_on_a_hidden_name_heads_no_entry(
    ws: Workspace, industry: str, named: str, plain: str
) -> None:
    with ws.session() as db:
        theme = _seed_adoption(db, industry, named, plain)
        document = generate_document(
            db, ws.settings, doc_type="one-pager", cluster_ids=[theme], use_llm=False
        )
        heads = [o["objection"] for o in document.structured["content"]["objections"]]
    assert heads == [plain], heads
    assert not any(leads_with_placeholder(head) for head in heads)


# Said lower case, as a sentence cut from the middle of a turn is.
LOWER = [
    "we'd need the DPIA and your Cyber Essentials certificate before it goes to committee",
    "our technicians have never used a tablet at the bench",
    "the brewers won't fill in a form with wet hands",
    "our drivers won't use an app between drops",
    "the stylists won't check a screen between clients",
]


@pytest.mark.parametrize("said", LOWER)
def test_a_bold_head_starts_with_a_capital(ws: Workspace, said: str) -> None:
    with ws.session() as db:
        theme = _seed_adoption(db, "Salons", said, said)
        document = generate_document(
            db, ws.settings, doc_type="one-pager", cluster_ids=[theme], use_llm=False
        )
        body = document.body_markdown
    assert f"- **{said[0].upper()}{said[1:]}" in body, body


def test_end_to_end_the_published_one_pager_and_brief_name_no_one(
    workspace: Workspace, embedder: Embedder
) -> None:
    """Real embedder and SQLite: generated with the embedder, the published Markdown, HTML,
    JSON-LD and brief hide the name said in passing; no bold head opens on a hidden name."""
    industry, said, name = IN_PASSING[0]
    with workspace.session() as db:
        themes = _seed_problem(db, industry, said)
        themes.append(_seed_adoption(db, industry, *NAMED_FIRST[0][1:], first=20))
        document = generate_document(
            db, workspace.settings, doc_type="one-pager", cluster_ids=themes,
            use_llm=False, embedder=embedder,
        )  # fmt: skip
        pages = {
            fmt: export_document(db, workspace.settings, document.id, fmt).content.decode()
            for fmt in FORMATS
        }
    assert all(name not in page for page in pages.values()), pages
    assert "- **[name]" not in pages["md"] and "- **Pete" not in pages["md"]
    json.loads(pages["jsonld"])
