"""A won deal's reply is cited with the worry it answered: the pricing explainer once paired
"four dollars a head adds up" with whatever reply came next in the list, and took the reply to
a sentence the detector only guessed was an objection ("Exactly, and the hours you spend
Sunday night." after "the overtime alone was a few hundred bucks", read at 0.21)."""

from __future__ import annotations

from sqlalchemy import delete

from pipeline.content.collect import collect_evidence
from pipeline.content.generate import build_messages, content_type, prompt_text
from pipeline.content.offline import OFFLINE_DRAFTS
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.store.models import Utterance
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, add_theme

FOUR_DOLLARS = "Four dollars a head adds up when most of them work one shift a week."
BASE_PRICE = "Totally fair. It's forty-nine a month base plus four per active user, that's all."
LOCKED_IN = "I don't want to be locked into twelve months on something new."
MONTHLY = "Then do monthly. Same price, no annual commitment, cancel whenever you like."
OVERTIME = "The overtime thing alone was a few hundred bucks."
SUNDAY = "Exactly, and the hours you spend on Sunday night chasing timesheets."
TOO_DEAR = "It's too expensive for a team our size, honestly."
CANT_JUSTIFY = "We can't justify the cost for a small team like ours."


PROFILE = ProductProfile(
    name="Shiftwise",
    pricing=["$49 a month base plus $4 per active user."],
    plans=[],
    features=[],
    integrations=[],
    security=[],
    onboarding=[],
    proof_points=[],
)


def _seed(ws: Workspace, lost: tuple[float, float] = (0.95, 0.92)) -> int:
    """One won call where each worry got its own reply, and one uncertain read got one too;
    a lost call's worries no one answered, read with the ``lost`` confidences."""
    with ws.session() as db:
        price = add_theme(db)
        _, won = _call(
            db,
            1,
            "Brightbean Coffee",
            "won",
            "2026-07-07",
            industry="Hospitality",
            turns=[
                ("Dana", "buyer", OVERTIME),
                ("Sam Rivera", "rep", SUNDAY),
                ("Dana", "buyer", FOUR_DOLLARS),
                ("Sam Rivera", "rep", BASE_PRICE + " How many staff work each week?"),
                ("Dana", "buyer", LOCKED_IN),
                ("Sam Rivera", "rep", MONTHLY),
            ],
        )
        surer, less_sure = lost
        _, lost_turns = _call(
            db,
            2,
            "Granite Fitness",
            "lost",
            "2026-07-09",
            industry="Hospitality",
            turns=[
                ("Alex", "buyer", TOO_DEAR),
                ("Sam Rivera", "rep", "Understood."),
                ("Alex", "buyer", CANT_JUSTIFY),
            ],
        )
        for utterance, confidence in ((won[0], 0.21), (won[2], 0.9), (won[4], 0.8)):
            _mention(db, utterance, "objection", "price", price).confidence = confidence
        _mention(db, lost_turns[0], "objection", "price", price).confidence = surer
        _mention(db, lost_turns[2], "objection", "price", price).confidence = less_sure
        db.flush()
        return price.id


def test_each_reply_is_paired_with_the_confident_worry_it_followed(ws: Workspace) -> None:
    price = _seed(ws)
    with ws.session() as db:
        evidence = collect_evidence(db, [price], redact=False)
    [cluster] = evidence.clusters
    pairs = [(worry.text, reply.text) for worry, reply in evidence.answered(cluster)]
    assert pairs == [(FOUR_DOLLARS, BASE_PRICE), (LOCKED_IN, MONTHLY)]
    assert all(SUNDAY not in q.text for q in evidence.quotes)
    # The LLM sees which worry each reply answered.
    prompt = prompt_text(build_messages(content_type("pricing-explainer"), evidence))
    for worry, reply in evidence.answered(cluster):
        assert f"Q{reply.id} (rep, answer, won deal, reply to Q{worry.id})" in prompt

    # The lost deal's worries are surer and as plain: they lead, a reply only breaks a tie;
    # both say the price is too high, so they are one entry, headed by the first.
    explainer = OFFLINE_DRAFTS["pricing-explainer"](evidence).model_dump()
    assert [c["question"] for c in explainer["concerns"]] == [TOO_DEAR]


def test_a_replied_worry_as_sure_as_the_others_shows_its_own_reply(ws: Workspace) -> None:
    price = _seed(ws, lost=(0.6, 0.55))
    with ws.session() as db:
        evidence = collect_evidence(db, [price], redact=False)
    explainer = OFFLINE_DRAFTS["pricing-explainer"](evidence).model_dump()
    answered = {
        concern["question"]: concern["answer"]
        for concern in explainer["concerns"]
        if "deal we won" in concern["answer"]
    }
    assert answered.keys() == {FOUR_DOLLARS, LOCKED_IN}
    assert BASE_PRICE in answered[FOUR_DOLLARS] and MONTHLY in answered[LOCKED_IN]
    assert TOO_DEAR == explainer["summary"]["text"].split("“")[1].rstrip("”")


def test_a_use_case_worry_keeps_its_own_reply(ws: Workspace) -> None:
    price = _seed(ws, lost=(0.6, 0.55))
    with ws.session() as db:
        evidence = collect_evidence(db, [price], redact=False, industry="Hospitality")
    use_case = OFFLINE_DRAFTS["use-case"](evidence).model_dump()
    [worry] = use_case["objections"]
    pairs = {worry.text: reply.text for worry, reply in evidence.answered(evidence.clusters[0])}
    assert worry["objection"] in pairs
    assert pairs[worry["objection"]] in worry["answer"]
    assert "each has an answer that won a deal" in use_case["summary"]
    # A worry no won deal answered: the summary no longer promises an answer for each.
    with ws.session() as db:
        unanswered = add_theme(db, "Too dear", "dear")
        _, turns = _call(
            db,
            3,
            "Corner Cafe",
            "lost",
            "2026-07-10",
            turns=[("Ann", "buyer", "Honestly it's more than we budgeted for this year.")],
            industry="Hospitality",
        )
        _mention(db, turns[0], "objection", "price", unanswered).confidence = 0.95
        set_profile(db, PROFILE)  # its answer is a profile fact, not a won deal's reply
        db.flush()
        evidence = collect_evidence(
            db, [price, unanswered.id], redact=False, industry="Hospitality"
        )
    summary = OFFLINE_DRAFTS["use-case"](evidence).model_dump()["summary"]
    assert summary.endswith("; one of the two has an answer that won a deal.")


def test_a_one_pager_objection_keeps_its_own_reply(ws: Workspace) -> None:
    price = _seed(ws, lost=(0.6, 0.55))
    with ws.session() as db:
        evidence = collect_evidence(db, [price], redact=False)
    one_pager = OFFLINE_DRAFTS["one-pager"](evidence).model_dump()
    [objection] = one_pager["objections"]
    assert objection["objection"] == FOUR_DOLLARS and BASE_PRICE in objection["answer"]


def test_an_faq_answer_cites_the_worry_its_reply_followed(ws: Workspace) -> None:
    price = _seed(ws)
    with ws.session() as db:
        evidence = collect_evidence(db, [price], redact=False)
    [item] = OFFLINE_DRAFTS["objection-faq"](evidence).model_dump()["items"]
    cited = [evidence.quote(i).text for i in item["citations"]]  # type: ignore[union-attr]
    assert BASE_PRICE in item["answer"] and cited[0] == FOUR_DOLLARS and BASE_PRICE in cited


def test_a_reply_answers_the_last_objection_of_the_turn_before_it(ws: Workspace) -> None:
    first, last = "And what am I paying ClockBee now, forty-something.", "So I'm going up a lot."
    reply = "You are, but you're replacing ClockBee and the sheet, and the payroll pieces."
    with ws.session() as db:
        price = add_theme(db)
        _, turns = _call(
            db,
            1,
            "Ironworks Gym",
            "won",
            "2026-07-16",
            turns=[("Alex", "buyer", f"{first} {last}"), ("Tom Okafor", "rep", reply)],
        )
        for text, confidence in ((first, 0.9), (last, 0.7)):
            start = turns[0].text.index(text)
            mention = _mention(db, turns[0], "objection", "price", price)
            mention.text, mention.confidence = text, confidence
            mention.char_start, mention.char_end = start, start + len(text)
        db.flush()
        last_id = mention.id
        evidence = collect_evidence(db, [price.id], redact=False)
    [(worry, answer)] = evidence.answered(evidence.clusters[0])
    assert (worry.mention_id, answer.text) == (last_id, reply)
    assert worry.text == f"{first} {last}"  # "So ..." is quoted with the sentence it continues


MOVE_FROM_ROTAPRO = "And I'd need to move everything over from RotaPro, all the staff records."
MOVE_FROM_CLOCKBEE = "Moving our staff records over from ClockBee sounds like weeks of work."
CLOCKBEE_IMPORT = "We import your ClockBee export for you, it takes a day and we check it with you."
MOVE_ANY = "Moving all our staff data across to a new system really worries me."
IMPORT_SHEET = (
    "We import your staff list from a spreadsheet in a day and check every record with you."
)


def test_a_segment_no_won_deal_answered_borrows_no_other_segments_reply(
    ws: Workspace,
) -> None:
    """A use case is from its industry's calls only: a theme its won deals never answered
    has no reply, not another industry's rep line ("We'll clean that up in the import" from
    an Ecommerce deal had answered a 3PL worry)."""
    from pipeline.embed import embed_cached

    with ws.session() as db:
        theme = add_theme(db, "Moving our data over", "move")
        _, lost = _call(
            db, 1, "Riverside Practice", "lost", "2026-07-01",
            industry="Healthcare",
            turns=[("Jo", "buyer", MOVE_FROM_ROTAPRO), ("Sam Rivera", "rep", "Noted.")],
        )  # fmt: skip
        said: list[tuple[str, str, float]] = [
            (FOUR_DOLLARS, BASE_PRICE, 0.97),  # the most confident worry: about price
            (MOVE_FROM_CLOCKBEE, CLOCKBEE_IMPORT, 0.9),  # near, but about another tool
            (MOVE_ANY, IMPORT_SHEET, 0.8),
        ]
        for n, (worry, reply, confidence) in enumerate(said, start=2):
            call, turns = _call(
                db, n, f"Cafe {n}", "won", f"2026-07-0{n}",
                industry="Hospitality",
                turns=[("Dana", "buyer", worry), ("Sam Rivera", "rep", reply)],
            )  # fmt: skip
            call.competitors = ["ClockBee"] if "ClockBee" in worry else []
            _mention(db, turns[0], "objection", "switching", theme).confidence = confidence
        _mention(db, lost[0], "objection", "switching", theme).confidence = 0.9
        embed_cached(
            db, ws.embedder, [MOVE_FROM_ROTAPRO, FOUR_DOLLARS, MOVE_FROM_CLOCKBEE, MOVE_ANY]
        )
        db.flush()
        evidence = collect_evidence(db, [theme.id], redact=False, industry="Healthcare")
    use_case = OFFLINE_DRAFTS["use-case"](evidence).model_dump()
    [worry] = use_case["objections"]
    assert worry["objection"] == MOVE_FROM_ROTAPRO
    assert not any(reply in worry["answer"] for reply in (IMPORT_SHEET, CLOCKBEE_IMPORT))
    assert evidence.of_kind("answer") == []


def test_a_general_faq_question_takes_the_reply_about_no_one_tool(ws: Workspace) -> None:
    """ "How hard is it to switch from what we use now?" had been answered with "We take the
    ClockBee export..." beside a buyer leaving RotaPro: a reply about one rival answers no
    general question."""
    with ws.session() as db:
        theme = add_theme(db, "Moving our data over", "move")
        said = [
            (MOVE_FROM_CLOCKBEE, CLOCKBEE_IMPORT, 0.95, "ClockBee"),
            (MOVE_ANY, IMPORT_SHEET, 0.9, None),
        ]
        for n, (worry, reply, confidence, rival) in enumerate(said, start=1):
            _, turns = _call(
                db, n, f"Cafe {n}", "won", f"2026-07-0{n}",
                turns=[("Dana", "buyer", worry), ("Sam Rivera", "rep", reply)],
            )  # fmt: skip
            mention = _mention(db, turns[0], "objection", "switching", theme, competitor=rival)
            mention.confidence = confidence
        _, lost = _call(
            db, 3, "Pinecrest Animal Hospital", "lost", "2026-07-03",
            turns=[("Jo", "buyer", MOVE_FROM_ROTAPRO), ("Sam Rivera", "rep", "Noted.")],
        )  # fmt: skip
        _mention(db, lost[0], "objection", "switching", theme, competitor="RotaPro")
        db.flush()
        evidence = collect_evidence(db, [theme.id], redact=False)
    assert evidence.clusters[0].competitor is None  # no one tool is named by half of them
    [item] = OFFLINE_DRAFTS["objection-faq"](evidence).model_dump()["items"]
    assert IMPORT_SHEET in item["answer"] and "ClockBee" not in item["answer"]
    with ws.session() as db:  # with only the rival's reply, the answer is still to write
        db.execute(delete(Utterance).where(Utterance.text == IMPORT_SHEET))
        db.flush()
        evidence = collect_evidence(db, [theme.id], redact=False)
    [item] = OFFLINE_DRAFTS["objection-faq"](evidence).model_dump()["items"]
    assert "ClockBee" not in item["answer"]


def test_an_uncertain_worry_counts_when_the_reply_takes_it_up(ws: Workspace) -> None:
    """Read at 0.28, "They wanted a three-week implementation" still got its won-deal reply,
    which named the same rival: the FAQ had said "To write" beside it. A reply that shares
    nothing with an uncertain worry, or opens by agreeing, answers something else."""
    looked, wanted = (
        "We also looked at Staffly.",
        "They wanted a three-week setup with a consultant.",
    )
    bigger = "Staffly is a bigger HR suite, so the setup is bigger. We're quicker to get going."
    with ws.session() as db:
        theme = add_theme(db, "Setup takes weeks", "setup")
        call, turns = _call(
            db, 1, "Summit Climbing", "won", "2026-08-18",
            turns=[
                ("Jo", "buyer", f"{looked} {wanted}"),
                ("Sam Rivera", "rep", bigger),
                ("Jo", "buyer", OVERTIME),
                ("Sam Rivera", "rep", "We do rotas for gyms and climbing walls all the time."),
            ],
        )  # fmt: skip
        call.competitors = ["Staffly"]
        for turn, text in ((turns[0], wanted), (turns[2], OVERTIME)):
            mention = _mention(db, turn, "objection", "setup_time", theme)
            mention.text, mention.confidence = text, 0.28
            mention.char_start = turn.text.index(text)
            mention.char_end = mention.char_start + len(text)
        db.flush()
        evidence = collect_evidence(db, [theme.id], redact=False)
    pairs = [(w.text, r.text) for w, r in evidence.answered(evidence.clusters[0])]
    assert pairs == [(f"{looked} {wanted}", bigger)]
