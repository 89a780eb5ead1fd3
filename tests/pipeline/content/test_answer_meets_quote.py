"""An answer cites the fact that meets what its quotes say, through the real offline draft
(the real embedder, SQLite): a setup question is never answered with a roadmap item because its
one quote asked for that item; a worry refusing a new app is met with the fact offering a way
without one ("... in the Staff app or any web browser"), not a fact sharing one word with it
("casual passes" for "half of them are casuals"); and a timeline's steps are setup work, never
a price fact ("waived on a 12-month plan"), its concerns headed by the worry, not by what the
buyer has now. Three trades each, none of them the walk's.

Why: a gym-software walk's FAQ answered "How long does it take to get up and running?" with
"Planned, not available yet: Automatic waitlists...", "Will my staff actually use it?" with
"Class packs, casual passes and memberships are sold online...", and its timeline made
"Step 4 | 12-month" of the onboarding fee."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.content.durations import gives_duration
from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.content.refusals import offers_refused
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.plugins.documents import objection_themes


def _draft(
    ws: Workspace, embedder: Embedder, doc_type: str, profile: ProductProfile, themes: Any
) -> tuple[dict[str, Any], dict[int, str]]:
    """The offline draft of ``doc_type`` from one theme per category of ``themes``; its
    content and the profile facts it may cite (id -> text)."""
    with ws.session() as db:
        set_profile(db, profile)
        ids = objection_themes(db, embedder, "Services", themes)
        doc = generate_document(
            db, ws.settings, doc_type=doc_type, use_llm=False, embedder=embedder, cluster_ids=ids
        )
        stated = {p["id"]: p["text"] for p in doc.structured["evidence"]["profile"]}
        return doc.structured["content"], stated


# (trade, the buyer's line asking for a planned thing in a setup theme, the roadmap item,
# the go-live fact)
PLANNED_IN_SETUP = [
    (
        "Dental clinics",
        "We'd also need the recall text reminders before we move, our front desk rings every"
        " recall by hand.",
        "Automatic recall text reminders for six-month checks (planned for Q3 2027).",
        "Most practices go live in ten days with a named onboarding lead.",
    ),
    (
        "Plumbing",
        "We'd also need the van stock tracking before we switch, the lads are always running"
        " out of fittings.",
        "Van stock tracking that reorders fittings automatically (planned for early 2027).",
        "Most plumbing firms are live within a week of signing.",
    ),
    (
        "Marinas",
        "We'd also need the fuel dock invoicing before we move across, half our summer income"
        " is fuel.",
        "Fuel dock invoicing on the berth holder's account (planned for Q1 2027).",
        "Most marinas go live in three weeks with a named onboarding specialist.",
    ),
]


@pytest.mark.parametrize(("trade", "said", "planned", "go_live"), PLANNED_IN_SETUP)
def test_a_setup_question_is_never_answered_with_a_roadmap_item(
    ws: Workspace, embedder: Embedder, trade: str, said: str, planned: str, go_live: str
) -> None:
    profile = ProductProfile(
        name="Ours",
        features=["Invoices go out by email the day a job is done."],
        onboarding=["We import your customer list from a spreadsheet.", go_live],
        roadmap=[planned],
    )
    faq, stated = _draft(ws, embedder, "objection-faq", profile, {"setup_time": [said]})
    [item] = faq["items"]
    assert item["question"] == "How long does it take to get up and running?", trade
    cited = [stated[i] for i in item["profile"]]
    assert planned not in cited and "Planned" not in item["answer"], trade
    assert cited[:1] == [go_live], trade


# (trade, buyers refusing a new app (one sharing a word with the wrong fact), the fact with a
# way round the app, the fact sharing that one word)
REFUSED_APP = [
    (
        "Commercial cleaning",
        [
            "My worry is the supervisors. They're old-school and they won't touch an app.",
            "Half our cleaners are casuals and they already refuse to download the Sweepr app,"
            " so I can't see them learning another one.",
        ],
        "Cleaners see their rota and tick off jobs in the Crew app or any web browser.",
        "Casual one-off cleans and regular contracts are booked online and by phone.",
    ),
    (
        "Veterinary locums",
        [
            "My worry is the nurses. They're set in their ways and they won't touch an app.",
            "Most of our locums are temps and they already refuse to download the VetShift"
            " app, so I can't see them learning another one.",
        ],
        "Locums see their shifts and confirm cover in the Rota app or any web browser.",
        "Temps and permanent vets are invoiced on one monthly statement.",
    ),
    (
        "Construction",
        [
            "My worry is the foremen. They're old-school and they won't touch an app.",
            "Most of the labourers are seasonal and they already refuse to download the"
            " SiteHub app, so I can't see them learning another one.",
        ],
        "Labourers see their jobs and sign in on the site app or any web browser.",
        "Seasonal rate cards and annual rates are set per client.",
    ),
]


@pytest.mark.parametrize(("trade", "said", "meets", "one_word"), REFUSED_APP)
def test_a_worry_refusing_an_app_is_met_by_the_fact_with_a_way_round_it(
    ws: Workspace, embedder: Embedder, trade: str, said: list[str], meets: str, one_word: str
) -> None:
    profile = ProductProfile(
        name="Ours",
        pricing=["$12 per worker per month."],
        features=[one_word, meets, "Invoices go out by email the day a job is done."],
        onboarding=["We import your staff list from a spreadsheet."],
    )
    faq, stated = _draft(ws, embedder, "objection-faq", profile, {"adoption": said})
    [item] = faq["items"]
    assert item["question"] == "Will my staff actually use it?", trade
    assert [stated[i] for i in item["profile"]] == [meets], trade


@pytest.mark.parametrize("trade", [t for t, *_ in REFUSED_APP])
def test_an_app_offered_beside_a_way_without_it_is_not_what_they_refuse(trade: str) -> None:
    said, meets = next((s, m) for t, s, m, _ in REFUSED_APP if t == trade)[:2]
    assert not offers_refused(meets, said[1])
    assert offers_refused(meets.split(" or ")[0] + ".", said[1])  # the app alone is refused


# (trade, the switching worry: what they have, then the worry leaning back on it; the fee
# fact waived on a term; the fact answering the worry)
TIMELINES = [
    (
        "Dog grooming",
        "We've got four hundred clients on PawBook. If moving them means every owner has to"
        " sign up again, it's not going to happen.",
        "A one-off setup fee of $400, waived on a 12-month plan.",
        "Existing PawBook clients move across without owners signing up again.",
    ),
    (
        "Accounting firms",
        "We've got nine hundred client files in LedgerBox. If moving them means re-keying"
        " every engagement letter, the partners won't wear it.",
        "Onboarding costs $1,500 once, free on a 24-month subscription.",
        "Engagement letters and client files move across from LedgerBox for you.",
    ),
    (
        "Driving schools",
        "We've got three hundred learners on Lessonly. If moving them means every learner has"
        " to book again, we'll lose half of them.",
        "A $250 onboarding fee, waived on a 12-month plan.",
        "Learners and their booked lessons move across from Lessonly without booking again.",
    ),
]


@pytest.mark.parametrize(("trade", "said", "fee", "answer"), TIMELINES)
def test_a_timeline_step_is_setup_work_and_a_concern_is_headed_by_the_worry(
    ws: Workspace, embedder: Embedder, trade: str, said: str, fee: str, answer: str
) -> None:
    profile = ProductProfile(
        name="Ours",
        pricing=["$49 a month per location.", fee],
        onboarding=[answer, "Most customers go live in two weeks."],
    )
    timeline, stated = _draft(
        ws, embedder, "implementation-timeline", profile, {"switching": [said]}
    )
    steps = [stated[p] for phase in timeline["phases"] for p in phase["profile"]]
    assert fee not in steps and all(p["duration"] != "12-month" for p in timeline["phases"])
    assert not gives_duration(fee), trade
    [concern] = [c for c in timeline["concerns"] if c["topic"]]
    assert "If moving them means" in concern["question"], trade
