"""An FAQ entry cites only the quotes that speak of its question: "whether you'll still be here
in five years" (a worry about the vendor lasting) had been cited under a sign-off question, and
"I'm not blaming anyone." (no topic at all) under "Why change when what we do now works?"."""

from __future__ import annotations

import pytest

from pipeline.content.collect import collect_evidence
from pipeline.content.drafts import asked_category
from pipeline.content.offline import OFFLINE_DRAFTS
from pipeline.content.topics import speaks_of_question
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, add_theme

SIGN_OFF = "Can we take our time and get sign-off before we commit?"
STATUS_QUO = "Why change when what we do now works?"
PRICE = "What will it cost a business our size?"
SETUP = "How long does it take to get up and running?"
SWITCH = "How hard is it to switch from what we use now?"
SECURITY = "Where is our data stored, and who can see it?"
CONTRACT = "Are we locked into a long contract?"
INTEGRATIONS = "Does it work with the tools we already use?"
ADOPTION = "Will my staff actually use it?"
RIVALS = "Why should we pick you over the other tools we're looking at?"
OVER_PESTPRO = "Why should we pick you over PestPro?"


def _speaks(question: str, said: str, rivals: tuple[str, ...] | None = None) -> bool:
    competitor = "PestPro" if "PestPro" in question else None
    return speaks_of_question(question, said, asked_category(question, competitor), rivals)


@pytest.mark.parametrize(
    ("question", "said", "rivals"),
    [
        (SIGN_OFF, "The partners will want to sign it off before anything's agreed.", None),
        (SIGN_OFF, "Our trustees meet in June and nothing gets signed before then.", None),
        (SWITCH, "Who moves our patient records over from the old system?", None),
        (SETUP, "Training the embalmers on a new system will take weeks.", None),
        (PRICE, "Twelve quid a head is steep for a farm our size.", None),
        (SECURITY, "Is the client data stored in the EU?", None),
        (CONTRACT, "We won't sign a three-year contract.", None),
        (INTEGRATIONS, "Does it sync with Xero?", None),
        (ADOPTION, "My technicians won't learn another app.", None),
        (STATUS_QUO, "The whiteboard works fine for us, so why change?", None),
        (RIVALS, "Field Pro quoted us half that.", ("Field Pro",)),
        (RIVALS, "KennelDesk does the records and the bookings in one place.", ()),
        (OVER_PESTPRO, "PestPro already does the route planning.", None),
    ],
)
def test_a_quote_of_the_questions_topic_may_be_cited(
    question: str, said: str, rivals: tuple[str, ...] | None
) -> None:
    assert _speaks(question, said, rivals)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        (SIGN_OFF, "Will your company still be around in three years?"),  # the vendor lasting
        (SIGN_OFF, "How do I know you won't be bought and shut down?"),
        (SIGN_OFF, "Are you big enough to still be around for us?"),
        (SIGN_OFF, "The embalming room needs a new extractor fan."),
        (SIGN_OFF, "Who's going to do the data move? It won't be me."),
        (OVER_PESTPRO, "We're staying with FieldPro for next season."),  # another rival
        (SETUP, "The termite warranty tracking is huge for us."),
        (ADOPTION, "If you had online donations by March we'd talk."),
        # no topic of their own
        (STATUS_QUO, "I'm not blaming anyone."),
        (STATUS_QUO, "I am a bit."),
        (PRICE, "Maybe."),
        (SIGN_OFF, "No promises."),
        (ADOPTION, "It does sound like what we need, yeah."),
    ],
)
def test_a_quote_of_another_topic_or_none_is_never_cited(question: str, said: str) -> None:
    assert not _speaks(question, said)


VIABILITY = "Will your company still be around in three years?"
APPROVAL = "The partners will want to sign it off before anything's agreed."
COMMITTEE = "Our trustees meet in June and nothing gets signed before then."
NO_TOPIC = "I'm not blaming anyone."
KEEP_SHEET = "The board will ask why we can't just keep the spreadsheet, it works fine for us."


def test_an_entry_cites_the_quotes_of_its_question_only(ws: Workspace) -> None:
    """A law firm, a charity and a farm: a sign-off theme holding a worry about the vendor
    lasting, and a status-quo theme holding a line with no topic, each read surer than the
    lines that ask the question."""
    with ws.session() as db:
        sign_off = add_theme(db, "Sign-off", "sign")
        status_quo = add_theme(db, "Status quo", "spreadsheet")
        lines = [
            (VIABILITY, sign_off, "authority_timing", 0.95),
            (APPROVAL, sign_off, "authority_timing", 0.8),
            (COMMITTEE, sign_off, "authority_timing", 0.7),
            (NO_TOPIC, status_quo, "status_quo", 0.95),
            (KEEP_SHEET, status_quo, "status_quo", 0.8),
        ]
        for n, (said, theme, category, confidence) in enumerate(lines, start=1):
            account = ("Kessel Legal", "Friends of Ashby Park", "Oakfield Farm")[n % 3]
            _, [turn] = _call(
                db, n, account, "open", f"2026-04-0{n}", [("Nell Okafor", "buyer", said)]
            )
            _mention(db, turn, "objection", category, theme).confidence = confidence
        db.flush()
        evidence = collect_evidence(db, [sign_off.id, status_quo.id], redact=False)
    faq = OFFLINE_DRAFTS["objection-faq"](evidence)
    cited = {
        item.question: {q.text for i in item.citations if (q := evidence.quote(i))}
        for item in faq.items
    }
    assert cited[SIGN_OFF] == {APPROVAL, COMMITTEE}, cited
    assert cited[STATUS_QUO] == {KEEP_SHEET}, cited
    brief = OFFLINE_DRAFTS["seo-brief"](evidence)
    headed = {
        h.text: {q.text for i in h.citations if (q := evidence.quote(i))}
        for section in brief.outline
        for h in section.h3
    }
    assert VIABILITY not in headed.get(SIGN_OFF, set()), headed  # its own question it may head
    assert not any(NO_TOPIC in said for said in headed.values()), headed


@pytest.mark.parametrize(
    ("said", "question"),
    [
        (
            "I can't go back to two screens and the spreadsheet, it has to talk to ServiceTitan.",
            INTEGRATIONS,
        ),
        ("The booking page has to talk to Xero or the bookkeeper walks.", INTEGRATIONS),
        ("Whatever we pick for the funeral diary has to sync with the ledger.", INTEGRATIONS),
        ("The donor records need to connect to the Gift Aid claim file.", INTEGRATIONS),
        ("The practice data must be hosted in Canada.", SECURITY),
    ],
)
def test_a_theme_filed_under_the_wrong_topic_asks_what_its_lines_say(
    ws: Workspace, said: str, question: str
) -> None:
    """A line read as an adoption worry that says it must talk to their tools had been asked
    "Will my staff actually use it?"; it asks what it says and is cited under it."""
    with ws.session() as db:
        theme = add_theme(db, "Two screens", "screens")
        _, [turn] = _call(db, 1, "Summit Vets", "open", "2026-04-01", [("Rick", "buyer", said)])
        _mention(db, turn, "objection", "adoption", theme).confidence = 0.9
        db.flush()
        evidence = collect_evidence(db, [theme.id], redact=False)
    [item] = OFFLINE_DRAFTS["objection-faq"](evidence).items
    assert item.question == question
    assert [q.text for i in item.citations if (q := evidence.quote(i))] == [said]
