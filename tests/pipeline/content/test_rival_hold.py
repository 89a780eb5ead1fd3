"""A comparison is fair to the rival's hold: a buyer keeping the rival for some of the work is
why buyers stay with it, never a reason they chose us; a line saying only how a won buyer
works with it today is no reason either; and someone else's use of it (a friend's, another
business's) is not how this buyer works today.

Why: a comparison's "When we are the better fit" cited "We're keeping MemorialPress for those
for now" (a won deal keeping the rival for its obituaries) and "We've been on MemorialPress
... since Katrina" as reasons buyers chose us, and "A friend at Woodvale uses MemorialPress ...
he's perfectly happy with it" (the buyer never used it) as how they work today and why buyers
stay with it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from pipeline.content.evidence import Quote
from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.content.rival_hold import keeps_rival, others_use
from pipeline.content.rival_rows import heading_for
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.plugins.documents import _call, _mention, add_theme

# (rival, a buyer's line keeping it for some or all of the work)
KEEPING = [
    ("BerthHop", "We'll stick with BerthHop for the fuel berth accounts this season."),
    ("Tidely", "The nurses are staying on Tidely for the vaccine reminders until spring."),
    ("Agworld", "Honestly we'll keep Agworld for the spray records, the agronomist likes it."),
    ("Jobber", "We still use Jobber for quoting, your side does the scheduling."),
    ("Clio", "The partners want to hang on to Clio for the trust accounting."),
    ("PestPac", "We're keeping PestPac for the termite contracts for now."),
    ("Donorbox", "We're holding on to Donorbox for the online giving page."),
    ("SchoolSync", "The office is keeping SchoolSync for the lunch money, the parents know it."),
    ("Harvestly", "We kept Harvestly for the packhouse, it's only the field side moving."),
    ("Canopy", "For the tax returns we'll carry on with Canopy until the spring."),
]
NOT_KEEPING = [
    ("SchoolSync", "We're not keeping SchoolSync after the summer."),
    ("BerthHop", "We kept losing bookings in BerthHop, so we left."),
    ("Tidely", "We switched from Tidely because the reminders never went out."),
    ("Harvestly", "My cousin is sticking with Harvestly, but we're moving everything."),
    ("Clio", "Clio keeps putting the price up every April."),
]
# (rival, someone else's use of it)
OTHERS = [
    ("BerthHop", "My cousin runs a marina and swears by BerthHop."),
    ("Tidely", "Another practice we know moved to Tidely last year."),
    ("Agworld", "A few farms round here use Agworld."),
    ("Jobber", "One of my old colleagues runs Jobber at his plumbing firm."),
    ("SchoolSync", "The school down the road uses SchoolSync for its clubs."),
    ("Donorbox", "Someone I know at the food bank uses Donorbox."),
    ("PestPac", "My brother-in-law has PestPac at his company and hates it."),
    ("Canopy", "A friend at another firm uses Canopy and he's perfectly happy with it."),
]
THE_BUYERS = [
    ("Agworld", "We use Agworld, and a few farms round here do too."),
    ("Clio", "We looked at Clio because a colleague recommended it, but it was too dear."),
    ("Tidely", "Our clinic uses Tidely for the diary."),
    ("Jobber", "We've been on Jobber since 2019, like a friend of mine."),
]


@pytest.mark.parametrize(("rival", "said"), KEEPING)
def test_a_buyer_keeping_the_rival_is_its_hold(rival: str, said: str) -> None:
    assert keeps_rival(said, (rival,))
    assert heading_for(_quote(said, rival), (rival,), ("Bookwise",)) == "stay"


@pytest.mark.parametrize(("rival", "said"), NOT_KEEPING)
def test_leaving_or_someone_else_keeping_it_is_no_hold(rival: str, said: str) -> None:
    assert not keeps_rival(said, (rival,))


@pytest.mark.parametrize(("rival", "said"), OTHERS)
def test_someone_elses_use_is_not_the_buyers(rival: str, said: str) -> None:
    assert others_use(said, (rival,))
    assert heading_for(_quote(said, rival), (rival,), ("Bookwise",)) != "stay"


@pytest.mark.parametrize(("rival", "said"), THE_BUYERS)
def test_the_buyers_own_use_is_theirs(rival: str, said: str) -> None:
    assert not others_use(said, (rival,))


def _quote(text: str, rival: str, outcome: str = "won") -> Quote:
    return Quote(
        id=1, text=text, role="buyer", kind="objection", call_id=1, utterance_id=1,
        mention_id=1, call_date=dt.date(2026, 5, 4), account="Acme", outcome=outcome,
        speaker="Pat", cluster_id=None, competitor=rival, category="competitor",
    )  # fmt: skip


class Market(NamedTuple):
    rival: str
    set_up: str  # how a won buyer works with the rival today: no reason
    keeping: str  # the same won buyer keeping the rival for one part, a move weighed
    friend: str  # a lost buyer telling of someone else's use
    fault: str  # another won buyer's fault with the rival: a reason, as before


MARKETS = [
    Market(
        "BerthHop",
        "We've been on BerthHop for the berth bookings and a ledger for everything else since "
        "2015.",
        "We're keeping BerthHop for the fuel berth for now, maybe next year we look at moving it.",
        "My cousin runs a marina up the coast on BerthHop and he's perfectly happy with it.",
        "BerthHop never answered a support ticket in under a week.",
    ),
    Market(
        "Agworld",
        "We've run Agworld for the spray diary since the old farm manager set it up.",
        "We'll stick with Agworld for the agronomist's reports and look at moving them in autumn.",
        "A few farms round here use Agworld and they're happy with it.",
        "Agworld is really built for the agronomist, not the farmer.",
    ),
    Market(
        "Tidely",
        "We've been on Tidely for the diary since we opened the second surgery.",
        "The nurses are staying on Tidely for the reminders, then we look at moving those over.",
        "Another practice we know uses Tidely and they're perfectly happy with it.",
        "Tidely put our price up by thirty percent with a week's notice.",
    ),
]

PROFILE = ProductProfile(
    name="Bookwise",
    pricing=["$40 a site a month."],
    plans=["Month-to-month: no minimum contract."],
    features=["Bookings, reminders and invoices in one place."],
    onboarding=["We import your bookings history for free."],
)


@pytest.fixture
def page(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[Market, str]]:
    market: Market = request.param
    ws = Workspace(make_settings(tmp_path / "data", competitors=[market.rival]))
    try:
        with ws.session() as db:
            set_profile(db, PROFILE)
            theme = add_theme(db, "Switching from what we have", "switching")
            turns = [("Pat", "buyer", market.set_up), ("Pat", "buyer", market.keeping)]
            _, kept = _call(db, 1, "Harbour One", "won", "2026-04-02", turns)
            _, [fault] = _call(
                db, 2, "Harbour Two", "won", "2026-04-09", [("Al", "buyer", market.fault)]
            )
            _, [friend] = _call(
                db, 3, "Harbour Three", "lost", "2026-04-16", [("Jo", "buyer", market.friend)]
            )
            _mention(db, kept[0], "current_setup", None, None, competitor=market.rival)
            for turn in (kept[1], fault, friend):
                _mention(db, turn, "objection", "competitor", theme, competitor=market.rival)
            db.flush()
            document = generate_document(
                db, ws.settings, doc_type="comparison", competitor=market.rival, use_llm=False
            )
            yield market, document.body_markdown
    finally:
        ws.close()


def _section(body: str, heading: str) -> str:
    return body.split(f"## {heading}")[1].split("\n## ")[0] if f"## {heading}" in body else ""


@pytest.mark.parametrize("page", MARKETS, indirect=True, ids=lambda m: m.rival)
def test_we_fit_better_only_for_reasons_given(page: tuple[Market, str]) -> None:
    market, body = page
    ours = _section(body, "When we are the better fit")
    assert market.set_up not in ours and market.keeping not in ours, ours
    assert market.fault in ours, ours  # a reason against the rival, as before


@pytest.mark.parametrize("page", MARKETS, indirect=True, ids=lambda m: m.rival)
def test_keeping_the_rival_is_why_buyers_stay(page: tuple[Market, str]) -> None:
    market, body = page
    assert market.keeping in _section(body, f"Why buyers stay with {market.rival}"), body


@pytest.mark.parametrize("page", MARKETS, indirect=True, ids=lambda m: m.rival)
def test_someone_elses_use_is_not_how_the_buyer_works(page: tuple[Market, str]) -> None:
    market, body = page
    assert market.friend not in _section(body, f"Why buyers stay with {market.rival}"), body
    today = [line for line in body.splitlines() if line.startswith("| **How they work today")]
    assert not [line for line in today if market.friend in line], today
