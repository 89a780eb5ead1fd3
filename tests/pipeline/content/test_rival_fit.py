"""A comparison lists a buyer's line under a heading only where the line points that way and is
the buyer's: where the rival fits better, a good word on it (not a failure, nor how the buyer
works); why buyers stay, no wish to leave nor a buyer who moved to it; its pricing, a price;
where we fit better, the buyer's words before our rep's; each row headed by its topic.

Why: a marina comparison listed "MoorUp sold a berth on C pontoon that Tidemark had down as
occupied" and "The berth holders themselves are all in Tidemark" where Tidemark fits better,
"our Tidemark licence renews in January, so we'd want to move before then" as why buyers stay,
"Tidemark prints the annual invoices in March" as its pricing, our rep's line where we fit
better, and headed rows "Fact F1" and "What a buyer said"."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.content.rival_fit import keeps_them, states_a_price, tells_a_failure
from pipeline.embed import Embedder
from pipeline.publish.export import export_document
from pipeline.store.models import CompetitorFact
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, add_theme

# Per industry: the rival, a failure told with it, a neutral line of how the buyer works in it,
# a good word on it, a wish to leave it, a routine around its invoices, a fact our team entered.
CASES: list[dict[str, str]] = [
    {
        "rival": "Tidemark",
        "failure": "MoorUp sold a berth on C pontoon that Tidemark had down as occupied.",
        "neutral": "The berth holders themselves are all in Tidemark at the moment.",
        "praise": "Honestly Tidemark is great for the annual berth list.",
        "leave": "Our Tidemark licence renews in January, so we'd want to move before then.",
        "routine": "Tidemark prints the invoices in March and a third pay by standing order.",
        "fact": "Tidemark is desktop software installed on a server in the office.",
    },
    {
        "rival": "Shadeline",
        "failure": "Shadeline lost a whole batch of dockets when the server went down.",
        "neutral": "All our lab dockets are in Shadeline at the moment.",
        "praise": "Shadeline is really good for the shade matching.",
        "leave": "Our Shadeline contract renews in March, so we'd want to switch before then.",
        "routine": "Shadeline sends the statements monthly and the dentists pay by transfer.",
        "fact": "Shadeline is a cloud system for dental labs with a dentist portal.",
    },
    {
        "rival": "Kegtrack",
        "failure": "Kegtrack double-booked our delivery slot twice in August.",
        "neutral": "The kegs go out on Kegtrack at the moment.",
        "praise": "The draymen love Kegtrack, the scanning is quick.",
        "leave": "Our Kegtrack agreement renews in June, so we're looking to move before then.",
        "routine": "Kegtrack emails the invoices on Friday and the pubs pay by card.",
        "fact": "Kegtrack is an app for tracking casks and kegs, sold since 2015.",
    },
    {
        "rival": "Clubly",
        "failure": "Clubly had half the pupils down as absent last term.",
        "neutral": "The after-school clubs are booked through Clubly at the moment.",
        "praise": "Clubly is really easy for the parents.",
        "leave": "Our Clubly subscription renews in September, so we want to change before then.",
        "routine": "Clubly sends the termly invoices and the parents pay online.",
        "fact": "Clubly is a booking system for school clubs and wraparound care.",
    },
    {
        "rival": "Routewise",
        "failure": "Routewise sent three drivers to the same drop, total chaos.",
        "neutral": "The drivers get their runs from Routewise at the moment.",
        "praise": "Routewise is brilliant for planning the multi-drop runs.",
        "leave": "Our Routewise contract renews in April, so we'd want to move before then.",
        "routine": "Routewise bills the depots monthly and head office pays by direct debit.",
        "fact": "Routewise is route planning software for delivery fleets.",
    },
    {
        "rival": "Chairly",
        "failure": "Chairly double-booked our Saturday mornings all summer.",
        "neutral": "The salon diary is in Chairly at the moment.",
        "praise": "The stylists love Chairly, it's simple to use.",
        "leave": "Our Chairly plan renews in May, so we'd want to switch before then.",
        "routine": "Chairly sends the invoice on the first and we pay by card.",
        "fact": "Chairly is a salon booking app with a client app for iPhone and Android.",
    },
    {
        "rival": "Medibook",
        "failure": "Medibook went down for a whole morning of appointments in June.",
        "neutral": "Our appointments are all in Medibook at the moment.",
        "praise": "Medibook is really reliable for the appointment reminders.",
        "leave": "Our Medibook licence renews in October, so we'd want to move before then.",
        "routine": "Medibook invoices us quarterly and the practice manager pays it.",
        "fact": "Medibook is clinic software hosted in its own data centre.",
    },
    {
        "rival": "Vetdesk",
        "failure": "Vetdesk lost the vaccination reminders after the last update.",
        "neutral": "The patient records are all in Vetdesk at the moment.",
        "praise": "Vetdesk is great for the vaccination reminders.",
        "leave": "Our Vetdesk contract renews in February, so we want to switch before then.",
        "routine": "Vetdesk sends the bill each quarter and we pay by transfer.",
        "fact": "Vetdesk is practice management software for vets, sold since 2009.",
    },
    {
        "rival": "Classly",
        "failure": "Classly took two payments from half our members by mistake.",
        "neutral": "Members sign in on Classly at the moment.",
        "praise": "Members love Classly, the app is slick.",
        "leave": "Our Classly agreement renews in January, so we'd want to move before then.",
        "routine": "Classly sends the statement monthly and we pay by direct debit.",
        "fact": "Classly is a gym booking app with class passes and a member app.",
    },
    {
        "rival": "Fieldbook",
        "failure": "Fieldbook had the ewes down as sold after the sync.",
        "neutral": "The flock records are on Fieldbook at the moment.",
        "praise": "Fieldbook is really handy out in the fields.",
        "leave": "Our Fieldbook subscription renews in March, so we'd want to move before then.",
        "routine": "Fieldbook sends the invoice each spring and the farm office pays it.",
        "fact": "Fieldbook is farm record software with reports for the assurance scheme.",
    },
]
WORRY = "We looked at {rival} too, and the thing I need is the VAT split per item."
REPLY = "Each price item carries its own VAT rate, and the return comes out per rate."


@pytest.mark.parametrize("case", CASES, ids=[c["rival"] for c in CASES])
def test_what_a_line_tells_of_the_rival(case: dict[str, str]) -> None:
    forms = [case["rival"]]
    assert tells_a_failure(case["failure"])
    assert not tells_a_failure(case["praise"]) and not tells_a_failure(case["neutral"])
    assert states_a_price(f"We pay {case['rival']} about nine hundred a year.", forms)
    assert not states_a_price(case["routine"], forms)


def _seed(db: Session, case: dict[str, str]) -> None:
    """Open calls saying each line of the rival, a won call whose worry our rep answered, a
    lost call whose buyer moved to the rival, and a fact our team entered."""
    rival = case["rival"]
    set_profile(db, ProductProfile(name="Tallyway", plans=["Monthly plans, no minimum term."]))
    theme = add_theme(db, "Our current system", "system")
    lines = ("failure", "neutral", "praise", "leave", "routine")
    for n, key in enumerate(lines, start=1):
        _, [turn] = _call(
            db, n, f"Account {n}", "open", "2026-10-20", [("Pat", "buyer", case[key])]
        )
        _mention(db, turn, "competitor", None, None, competitor=rival).confidence = 0.9
    _, won = _call(
        db, 8, "Won Account", "won", "2026-10-21",
        [("Kim", "buyer", WORRY.format(rival=rival)), ("Sam Rivera", "rep", REPLY)],
    )  # fmt: skip
    _mention(db, won[0], "objection", "competitor", theme, competitor=rival).confidence = 0.9
    moved = f"We've decided to go with {rival}, it's all in one place and the staff know it."
    _, lost = _call(db, 9, "Lost Account", "lost", "2026-10-22", [("Lou", "buyer", moved)])
    _mention(db, lost[0], "competitor", None, None, competitor=rival).confidence = 0.9
    db.add(CompetitorFact(competitor=rival, fact=case["fact"], source="https://example.com"))
    db.flush()


def _page(ws: Workspace, case: dict[str, str], **kw: Any) -> tuple[dict[str, Any], int]:
    with ws.session() as db:
        _seed(db, case)
        document = generate_document(
            db, ws.settings, doc_type="comparison", competitor=case["rival"], use_llm=False, **kw
        )
        content: dict[str, Any] = document.structured["content"]
        return content, document.id


def _texts(points: list[dict[str, Any]]) -> str:
    return " ".join(p["text"] for p in points)


@pytest.mark.parametrize("case", CASES, ids=[c["rival"] for c in CASES])
def test_each_heading_lists_only_lines_that_point_its_way(
    ws: Workspace, case: dict[str, str]
) -> None:
    page, _ = _page(ws, case)
    better = _texts(page["them_better_when"])
    assert case["failure"] not in better and case["neutral"] not in better, better
    assert case["praise"] in better, better
    stay = _texts(page["why_they_stay"])
    assert case["leave"] not in stay and "decided to go with" not in stay, stay
    assert case["routine"] not in _texts(page["their_pricing"]), page["their_pricing"]


@pytest.mark.parametrize("case", CASES, ids=[c["rival"] for c in CASES])
def test_where_we_fit_better_quotes_the_buyer_first(ws: Workspace, case: dict[str, str]) -> None:
    page, _ = _page(ws, case)
    [first, *_] = page["us_better_when"]
    assert first["text"].startswith("Buyers who said “We looked at"), first
    assert first["text"].index("We looked at") < first["text"].index(REPLY[:20])


@pytest.mark.parametrize("case", CASES, ids=[c["rival"] for c in CASES])
def test_every_row_is_headed_by_a_topic(ws: Workspace, case: dict[str, str]) -> None:
    page, _ = _page(ws, case)
    aspects = [row["aspect"] for row in page["rows"]]
    assert aspects, page
    for aspect in aspects:
        assert not aspect.startswith(("Fact ", "What a buyer said", "What buyers said")), aspects


# A reason buyers stay, read as one: a contract that runs on, not wanting to move.
STAYING = [
    "We're locked into Tidemark until 2027.",
    "We don't want to move off Kegtrack mid-season.",
    "Honestly Chairly does the job and the girls know it.",
]


@pytest.mark.parametrize("said", STAYING)
def test_a_reason_to_stay_is_kept(said: str) -> None:
    from pipeline.content.evidence import Quote

    quote = Quote(1, said, "buyer", "competitor", 1, 1, 1, None, None, "open", "buyer", None)
    assert keeps_them(quote, frozenset())
    assert not keeps_them(quote, frozenset({1}))  # a buyer who moved to it does not stay


def test_end_to_end_the_published_comparison(workspace: Workspace, embedder: Embedder) -> None:
    """Real embedder and SQLite: generated with the embedder and exported for publishing, the
    comparison lists the praise where the rival fits better, none of the failure, the wish to
    leave or the invoice routine under their headings, and no row is "Fact F1"."""
    case = CASES[0]
    content, document_id = _page(workspace, case, embedder=embedder)
    with workspace.session() as db:
        page = export_document(db, workspace.settings, document_id, "md").content.decode()
    better = page.split(f"## When {case['rival']} is the better fit", 1)[1].split("\n## ", 1)[0]
    assert case["praise"] in better and case["failure"] not in better, page
    assert "**Fact F" not in page and "What a buyer said" not in page, page
    stay = page.split(f"## Why buyers stay with {case['rival']}", 1)
    assert len(stay) == 1 or case["leave"] not in stay[1].split("\n## ", 1)[0], page
