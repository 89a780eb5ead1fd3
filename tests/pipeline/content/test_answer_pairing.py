"""A fact or a won deal's reply answers a theme only when it speaks of what its buyers said,
end to end with the real embedder: "I can't see the partners signing that off" had been
answered "Month-to-month: no minimum contract", a physio clinic's all-in-one worry with a
dental integration that admits a gap, "Will my staff use it?" with a reply about patient
logins, while the pricing explainer said "To write" beside the fact that answers part-timers."""

from __future__ import annotations

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, theme_around

MONTHLY = "Pay monthly: no minimum term, cancel any time."
HALF_PRICE = "Groomers working under ten hours a week are half price."
PER_HEAD = "£25 per groomer per month."
SYNC_GAP = (
    "Two-way sync with the main grooming salon software; KennelDesk sync is planned for 2028."
)
NO_ACCOUNT = "No, owners book without an account, just a name and a mobile number."
PROFILE = ProductProfile(
    name="Pawslot",
    pricing=[PER_HEAD, HALF_PRICE],
    plans=[MONTHLY],
    features=["Owners book online from your website, day or night."],
    integrations=[SYNC_GAP],
    security=[],
    onboarding=["Front-desk training is one short session, booked around your quiet days."],
    proof_points=[],
)
SIGN_OFF = ["I can't see the owners signing that off.", "Nothing gets approved until the committee meets in March."]  # fmt: skip  # noqa: E501
ALL_IN_ONE = ["KennelDesk does the records and the bookings in one place, so one login."]
PRICE = ["We've got eleven groomers, some part time, so that's nearly three hundred a month."]
LOGIN_Q = "Will owners need to make a new login?"
ADOPTION = "If they do, my phone will ring off the hook the first week."


def _seed(ws: Workspace, embedder: Embedder) -> dict[str, int]:
    themes: dict[str, int] = {}
    with ws.session() as db:
        set_profile(db, PROFILE)
        plan = [
            ("authority_timing", SIGN_OFF, "Grooming", "lost"),
            ("competitor", ALL_IN_ONE, "Boarding", "lost"),
            ("price", PRICE, "Boarding", "lost"),
        ]
        for n, (category, said, industry, outcome) in enumerate(plan, start=1):
            theme = theme_around(db, embedder, said)
            turns = [("Robin", "buyer", text) for text in said]
            _, utterances = _call(db, n, f"Kennels {n}", outcome, f"2026-0{n}-01", turns, industry)
            for utterance in utterances:
                _mention(db, utterance, "objection", category, theme).confidence = 0.9
            themes[category] = theme.id
        theme = theme_around(db, embedder, [ADOPTION])
        turns = [("Robin", "buyer", f"{LOGIN_Q} {ADOPTION}"), ("Sam Rivera", "rep", NO_ACCOUNT)]
        _, utterances = _call(db, 9, "Happy Tails", "won", "2026-05-01", turns, "Grooming")
        mention = _mention(db, utterances[0], "objection", "adoption", theme)
        start = utterances[0].text.index(ADOPTION)
        mention.text, mention.char_start, mention.char_end = ADOPTION, start, start + len(ADOPTION)
        mention.confidence = 0.9
        themes["adoption"] = theme.id
        db.flush()
    return themes


def _faq(ws: Workspace, embedder: Embedder, themes: dict[str, int]) -> dict[str, str]:
    with ws.session() as db:
        faq = generate_document(
            db, ws.settings, doc_type="objection-faq", use_llm=False, embedder=embedder,
            cluster_ids=list(themes.values()),
        )  # fmt: skip
        return {i["question"]: i["answer"] for i in faq.structured["content"]["items"]}


def test_an_answer_must_speak_of_what_the_theme_s_buyers_said(
    ws: Workspace, embedder: Embedder
) -> None:
    themes = _seed(ws, embedder)
    faq = _faq(ws, embedder, themes)
    sign_off, all_in_one, price, adoption = faq.values()
    assert sign_off.startswith("To write")  # not "Pay monthly": no answer to who signs off
    assert all_in_one.startswith("To write")  # not another industry's fact admitting a gap
    assert adoption.startswith("To write")  # its reply answered the login question
    assert "raised 1 time on 1 sales call" in adoption
    assert HALF_PRICE in price
    with ws.session() as db:
        one_pager = generate_document(
            db, ws.settings, doc_type="one-pager", use_llm=False, embedder=embedder,
            cluster_ids=list(themes.values()),
        )  # fmt: skip
        said = {o["objection"]: o["answer"] for o in one_pager.structured["content"]["objections"]}
    assert not {MONTHLY, SYNC_GAP, NO_ACCOUNT} & {a.strip("“”") for a in said.values()}
    assert all(MONTHLY not in a and SYNC_GAP not in a for a in said.values())


def test_the_pricing_explainer_answers_a_worry_from_the_fact_that_speaks_of_it(
    ws: Workspace, embedder: Embedder
) -> None:
    themes = _seed(ws, embedder)
    with ws.session() as db:
        explainer = generate_document(
            db, ws.settings, doc_type="pricing-explainer", use_llm=False, embedder=embedder,
            cluster_ids=[themes["price"]],
        )  # fmt: skip
        [concern] = explainer.structured["content"]["concerns"]
    assert concern["question"] == PRICE[0] and concern["answer"] == HALF_PRICE
    # The FAQ answers the same theme with the same fact.
    assert HALF_PRICE in " ".join(_faq(ws, embedder, {"price": themes["price"]}).values())
