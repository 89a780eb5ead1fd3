"""What a buyer says of how they work today, read after the kind model: a pain said as one
("Honestly the worst bit is chasing people for their bank statements.") and a set-up described
("At the moment it's a spreadsheet plus a shared folder per client.") are no objection when
nothing in the sentence brings us in (our price, a switch, a decision, the buyer's content).

Why a rule after the model: "the problem is" and "right now" open objections as often as
pains, and the model had read "The problem is our controllers spend all day ringing drivers"
as an objection; what tells them apart is whether the sentence is about buying from us. So
are everyday pains with no pain word in them (time sunk into chasing, hunting or retyping,
things unreadable or broken, complaints about today's tool or a past vendor): the model had
read them as set-ups or as switching, integrations and adoption objections.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.detect.account_facts import states_the_account
from pipeline.detect.asides import names_a_rival_only, says_no_concern, tells_of_others_use
from pipeline.detect.busy_business import describes_a_busy_business
from pipeline.detect.classify import Kind, SentenceInput
from pipeline.detect.counted_loss import counts_a_loss, counts_a_loss_over_time
from pipeline.detect.named_problem import own_problem
from pipeline.detect.own_prices import states_their_own_prices
from pipeline.detect.own_worries import worries_for_their_own_work
from pipeline.detect.passing_remarks import hedged_setup, passes_a_remark
from pipeline.detect.rules import (
    CUES,
    KIND_CUES,
    alternation,
    cue_scores,
    is_direct_question,
    is_question,
    lowered,
    self_led,
)
from pipeline.detect.setup_echoes import echoed_setup
from pipeline.detect.small_talk import asks_small_talk, controls_the_call
from pipeline.detect.status_quo import flaw_after_concession
from pipeline.detect.stories import story_told
from pipeline.detect.tool_duties import duties_listed
from pipeline.detect.where_kept import kept_said, own_documents_aside, routed_through

_COSTS_THEM = alternation(CUES["statement"]["costs_them"])
_PAIN = alternation([*CUES["statement"]["pain"], *CUES["statement"]["costs_them"]])
_ABOUT_US = alternation(CUES["statement"]["about_us"])
_ANYONE = alternation(CUES["statement"]["impersonal_you"])
_SOMEONE_IF = alternation(CUES["statement"]["someone_if"])
_TODAYS_COST = alternation(CUES["statement"]["todays_cost"])
_TO_COME = alternation(CUES["statement"]["to_come"])
_UNREADY = alternation(CUES["statement"]["unready"])
_ASKED_TODAY = alternation(CUES["statement"]["asked_today"])
_REQUIRES = re.compile(r"\b(?:has to|needs to|must|has got to|'s got to)\b")
_BUYING_TOPICS = ("authority_timing", "contract")  # "It's fine, but the board meets in March."
_THEIRS = re.compile(r"\b(?:our|my|their|the old|the current|the existing)\b")
_KEPT_ON = alternation(CUES["statement"]["medium"])
_LEADS = {"it", "the", "this", "that", "these", "those", "a", "an", "everything", "all"}
_SETUP = re.compile(r"^(?:" + "|".join(CUES["statement"]["setup"]) + r")\b")
_SELF = self_led(CUES["statement"]["self_description"])
_TEAM_SIZE = alternation(CUES["statement"]["team_size"])
_WONDERING = self_led(CUES["question"]["wondering"])
_HISTORY = alternation(CUES["holdings"]["history"])
_DEVICES = alternation(CUES["holdings"]["devices"])
_HABIT = alternation(CUES["holdings"]["habit"])


def _today_only(text: str) -> bool:
    """No word about us, a "you" that means anyone aside ("you can't read them") and the cost
    words of their own documents ("the price list lives in a Word doc")."""
    return not _ABOUT_US.search(_ANYONE.sub(" ", own_documents_aside(text)))


def tells_a_pain(sentence: str) -> bool:
    """A problem with how they work today, said as one ("our main pain is the hub", "we
    still chase clients by email and it's painful") or told as a story (``stories.py``), with
    no word about us; not asked ("so it chases them for me?" is about us)."""
    text = lowered(sentence)
    asked = text.rstrip("\"') ").endswith("?")
    return (
        # the cheap tests first: the pain phrases are 76 patterns, a tenth of a millisecond; what
        # today's way costs them ("costing us a fortune") is no word about our price
        (not asked and _today_only(_COSTS_THEM.sub(" ", text)) and bool(_PAIN.search(text)))
        or tells_a_story(sentence)
        or names_its_own_problem(sentence)
    )


def fears_an_inspection(sentence: str) -> bool:
    """Unready for an audit or inspection to come, with nothing to show for it: a pain of
    today's records, whose "if" and "I'd" the about-us words would read as a worry about us."""
    return bool(_UNREADY.search(lowered(sentence)))


def names_its_own_problem(sentence: str) -> bool:
    """Something of their own named as hurting (``named_problem.own_problem``: "The bit that
    actually hurts is the insurance.", "Where it falls over is the handover between shifts."),
    with no word about us, what is to come, what a thing must do ("pay and bill has to match
    what our umbrella companies expect": a condition) or when or on what terms they would buy in
    the sentence: the model had read the topic word ("insurance") as a security objection."""
    named = own_problem(sentence)
    return (
        named is not None
        and _today_only(lowered(sentence))
        and not _TO_COME.search(named)
        and not _REQUIRES.search(named)
        and _no_buying_topic(named)
    )


def _no_buying_topic(text: str) -> bool:
    """No word of when or on what terms they would buy ("the board meets in March")."""
    topics = cue_scores(text).categories
    return not any(topics.get(topic) for topic in _BUYING_TOPICS)


def tells_a_story(sentence: str) -> bool:
    """A pain told as a story of their own operation (``stories.py``: customers asking what
    nobody can answer, a mishap counted in a time, a capability wished for), with no other
    word about us."""
    story = story_told(sentence)
    return story is not None and _today_only(story)


def tells_a_flaw(sentence: str) -> bool:
    """A concession of a tool and the flaw it turns to ("It works, it does work, but if someone
    leans on it, it's gone.", ``status_quo.py``), neither about us (a condition of theirs, "if
    someone ...", and what the tool costs them aside) nor about what is to come ("won't use
    it") or when or on what terms they would buy; the concession names no price ("Thirty
    dollars a month is fine, but ...")."""
    conceded = flaw_after_concession(sentence)
    if conceded is None:
        return False
    who, flaw = lowered(conceded[0]), conceded[1]
    said = _TODAYS_COST.sub(" ", _SOMEONE_IF.sub(" ", flaw))
    return (
        _today_only(who)
        and not cue_scores(who).categories.get("price")
        and _today_only(said)
        and not _TO_COME.search(said)
        and _no_buying_topic(flaw)
    )


def tells_todays_flaw(sentence: SentenceInput, ours: Sequence[str] = ()) -> bool:
    """``tells_a_flaw`` of a tool of theirs: one they name ("our CRM", "the spreadsheet",
    "Trello"; not ``ours``), or an "it" or "the app" that takes up their own sentence before it
    or the rep's question about how they work today. Said first in its turn after the rep's
    pitch, "It just works, except the sync keeps dropping orders" is a complaint about us."""
    conceded = flaw_after_concession(sentence.text)
    if conceded is None or not tells_a_flaw(sentence.text):
        return False
    who = conceded[0]
    if any(name and name.lower() in who.lower() for name in ours):
        return False
    context = lowered(sentence.context)
    asked = KIND_CUES["rep_discovery_question"].search(context) or _ASKED_TODAY.search(context)
    return _names_their_tool(who) or sentence.index_in_turn > 0 or asked is not None


def _names_their_tool(who: str) -> bool:
    """A tool of theirs by its words: "our CRM", "the old till", "the spreadsheet", a name
    ("Trello"); not "it", "the app" or "the booking system", which may be ours."""
    words = who.split()
    named = any(word[:1].isupper() for word in words[1:]) or (
        words[0][:1].isupper() and words[0].lower() not in _LEADS
    )
    return named or bool(_THEIRS.search(lowered(who)) or _KEPT_ON.search(lowered(who)))


def describes_what_they_hold(sentence: str) -> bool:
    """A fact of what the business holds: records kept since a year ("We've got payment records
    going back to 2009"), the devices their people carry ("two of them are on ancient Androids"),
    with no worry, pain or word about us in the sentence. Today's set-up: the money and age words
    in it had pulled the model to price and adoption objections ("going back to" reads as a
    return to an old system)."""
    text = lowered(sentence)
    held = _HISTORY.search(text) or _DEVICES.search(text)
    if held is None or is_question(sentence):
        return False
    # the fact itself ("still on Windows 7") and a habit ("some of the old boys will argue") aside
    said = _HABIT.sub(" ", _DEVICES.sub(" ", _HISTORY.sub(" ", text)))
    return (
        _today_only(said)
        and cue_scores(said).concern == 0
        and not (KIND_CUES["pain"].search(said) or _PAIN.search(said))
    )


def describes_the_setup(sentence: str) -> bool:
    """How they work today, opened as such ("At the moment it's ...", "We currently run
    everything through ..."), or told by where their work is kept or what they never moved to
    (``where_kept.py``), with no word about us."""
    text = lowered(sentence).strip()
    if _SETUP.match(text):
        return _today_only(text)
    rest = kept_said(text)
    return rest is not None and _today_only(rest)


def tells_where_work_goes(sentence: str) -> bool:
    """Where a piece of their work goes or is done, in a tool or medium they name
    (``where_kept.routed_through``: "Attendance goes into SIMS.", "Memberships are billed through
    GoCardless."), with no worry, pain or word about us: today's set-up, whatever kind the model
    read (the name had pulled it to an objection, a bare "goes into" to small talk)."""
    if not routed_through(sentence):
        return False
    text = lowered(sentence)
    return (
        _today_only(text)
        and cue_scores(text).concern == 0
        and not (KIND_CUES["pain"].search(text) or _PAIN.search(text))
    )


def lists_its_duties(sentence: str) -> bool:
    """What a tool of theirs does, listed (``tool_duties.py``: "It syncs to Xero every night.",
    "PourTrack does the keg tracking and the TTB reports."), with no worry, pain or word about
    us in the duties."""
    duties = duties_listed(sentence)
    return (
        duties is not None
        and _today_only(duties)
        and cue_scores(duties).concern == 0
        and not _PAIN.search(duties)
    )


def describes_themselves(sentence: str) -> Kind | None:
    """Who the buyer is, said of themselves ("So I'm the office manager for the Harbour Road
    surgery.", "I run ops for three sites."), with no worry and no word about us: today's
    set-up when it says the size of the team or the organisation (a count, "it's just me", "we're
    a two-vet practice"), else an introduction (``other``), as the labelled example calls have
    them. None for anything else ("It's just me for sixty-two staff, so I haven't got time to
    learn another tool." is an objection)."""
    text = lowered(sentence).strip()
    said = _TEAM_SIZE.sub(" ", text)  # "nobody else will do it" is who does the work, no worry
    if not _SELF.match(text) or not _today_only(said) or is_question(sentence):
        return None
    if cue_scores(said).concern > 0:
        return None
    return "current_setup" if said != text else "other"


def asks_only(sentence: str) -> bool:
    """A question in form with no more than a weak hedge in it ("Can we export all our client
    data if we leave?", "Does it read both units, or only one?"): a question, not an objection.
    A trailing "though" keeps its doubt ("Will the writers actually use it, though?"), unless
    the question asks for a fact ("How long does it take to set up, though?", "What does it
    cost, though?"), as the labelled sets have them."""
    text = lowered(sentence)
    return (
        is_direct_question(sentence)
        and cue_scores(sentence).concern < _HEDGE
        and not (_DOUBT.search(text) and not _ASKS_A_FACT.match(text))
    )


_HEDGE = 0.6  # the medium concern cues: "not", "worried"
# A question by another language's marks: Spanish "¿...?", the full-width "？", the Arabic "؟".
_MARKED_QUESTION = re.compile(r"¿[^?？]*[?？][\W]*$|[？؟][\W]*$")


def asks_in_words(sentence: str) -> bool:
    """A question said without its mark ("I was wondering whether it copes with more than one
    branch.", "Talk me through how the barcode scanning works.", "My accountant wants to know
    if you do a discount."), with no more than a weak hedge in it: a question, not an
    objection."""
    text = lowered(sentence).strip()
    return (
        not text.rstrip("\"') ").endswith("?")
        and bool(_ASKED_IN_WORDS.search(text))
        and cue_scores(sentence).concern < _HEDGE
    )


def wonders_aloud(sentence: str) -> bool:
    """A sentence that opens by wondering ("I was wondering whether the reminders can go by
    text?"), with or without its mark, whatever worry its reason names ("..., because I'm
    worried patients lose the paper ones"): a question (the worry word had made it one)."""
    return bool(_WONDERING.match(lowered(sentence).strip()))


def shrugs_at_the_setup(sentence: str) -> bool:
    """A set-up said with a shrug at its end (``passing_remarks.hedged_setup``: "Recalls go out
    as letters in the post, quite old school."), the rest with no worry, pain or word about us."""
    return _plain_fact(hedged_setup(sentence))


def echoes_the_setup(sentence: str) -> bool:
    """A reply that claims what was just said as their way today (``setup_echoes.py``: "That's
    exactly what we're doing now on a whiteboard."), with no worry, pain or word about us."""
    return _plain_fact(echoed_setup(sentence))


def _plain_fact(rest: str | None) -> bool:
    """Some words with no worry, pain or word about us in them."""
    return (
        rest is not None
        and _today_only(rest)
        and cue_scores(rest).concern == 0
        and not (KIND_CUES["pain"].search(rest) or _PAIN.search(rest))
    )


_ASKED_IN_WORDS = alternation(CUES["question"]["in_words"])


def asks_by_its_marks(sentence: str) -> bool:
    """A question said so by its marks in any language ("¿Tenéis servidores en Europa?"): the
    model reads English words and had it as small talk (0.98)."""
    return bool(_MARKED_QUESTION.search(sentence.strip()))


_DOUBT = re.compile(r"\bthough\W*$")
# A question for a fact: what, where, when, how long, how much; not "what if" (a doubt).
_ASKS_A_FACT = re.compile(
    r"^(?:so|and|but|okay|ok|right|also|oh|well)?[,\s]*(?:what(?!(?:'s| is)? (?:if|happens if)\b)"
    r"|where|when|which|who|how (?:long|much|many|often|soon|quickly|fast|big))\b"
)


def said_as_such(sentence: str, kind: Kind) -> bool:
    """The sentence states ``kind`` in so many words: a pain told as one ("Cycle counts are off
    every single week") is sure even where the model already read a pain, at 0.54."""
    return kind == "pain" and tells_a_pain(sentence)


def todays_kind(sentence: str, kind: Kind, rivals: Sequence[str] = ()) -> Kind:
    """The kind a statement of today's work or a plain question takes over the model's: a pain
    said as one is a pain (also when the model had it as set-up or small talk), a set-up
    described is a set-up and a question asked without doubt a question, not an objection;
    small talk (asked too), praise and a rival only named (``asides.py``; ``rivals``: the names
    as the sentence spells them) are ``other``; a buyer saying who they are is a set-up or an
    introduction (``describes_themselves``)."""
    # first: "the one that was actually booked", "without ringing every technician" in a story
    # read as a trial that went well
    if kind != "question" and tells_a_story(sentence):
        return "pain"
    # "We're a grooming salon with four tables, and the phone never stops."
    if kind != "question" and describes_a_busy_business(sentence):
        return "current_setup"
    if kind in ("objection", "pain", "current_setup") and (
        says_no_concern(sentence, rivals) or passes_a_remark(sentence)
    ):  # "Have a good Christmas if we don't speak.", "Routing would be amazing to be fair"
        return "other"
    if kind in ("objection", "other") and worries_for_their_own_work(sentence):
        return "pain"  # "It worries me how many prescriptions go out late."
    if kind in ("objection", "other") and fears_an_inspection(sentence):
        return "pain"  # "If we get audited I honestly don't know what I'd show them."
    if kind in ("objection", "pain") and (
        states_the_account(sentence) or describes_what_they_hold(sentence)
    ):  # "12 recruiters, on X", "records going back to 2009"
        return "current_setup"
    if kind in ("objection", "pain", "other") and lists_its_duties(sentence):
        return "current_setup"  # "It does the EDRS filing, it pushes to QuickBooks."
    # "Did you watch Friday night?", "Can I jump in?": small talk asked, the call steered
    if kind in ("question", "objection") and (
        asks_small_talk(sentence) or controls_the_call(sentence)
    ):
        return "other"
    if kind == "objection" and names_a_rival_only(sentence, rivals):  # a past look: no worry
        return "other"
    if kind in ("objection", "pain", "current_setup") and tells_of_others_use(sentence, rivals):
        return "other"  # "My cousin's salon uses <rival> and she swears by it.": not theirs
    if kind in ("objection", "pain", "other") and states_their_own_prices(sentence):
        return "current_setup"  # "We pass on a 1.2% surcharge on card payments at the fuel dock"
    if kind in ("objection", "other", "current_setup") and tells_a_pain(sentence):
        return "pain"
    if (kind in ("objection", "current_setup") and counts_a_loss(sentence, rivals)) or (
        kind == "other" and counts_a_loss_over_time(sentence, rivals)
    ):
        return "pain"  # "I reckon we lose thirty-odd berth holders a year that way."
    if (kind == "objection" and describes_the_setup(sentence)) or (
        kind in ("objection", "pain") and shrugs_at_the_setup(sentence)
    ):  # "We just use a shared Google calendar, nothing fancy."
        return "current_setup"
    if kind in ("objection", "pain", "other") and echoes_the_setup(sentence):
        return "current_setup"  # "That's exactly what we're doing now on a whiteboard."
    if kind in ("objection", "pain", "other") and tells_where_work_goes(sentence):
        return "current_setup"  # "Attendance goes into SIMS.", "Rotas are done in a Google Sheet"
    if kind == "objection" and (self_described := describes_themselves(sentence)) is not None:
        return self_described  # "So I'm the office manager for the Harbour Road surgery."
    if kind == "objection" and asks_only(sentence):
        return "question"
    if kind in ("objection", "other") and asks_in_words(sentence):
        return "question"  # "Talk me through how the barcode scanning works."
    if kind == "other" and asks_by_its_marks(sentence):  # an objection asked stays the model's
        return "question"
    return kind
