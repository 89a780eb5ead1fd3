"""One buyer sentence's kind and objection category once the model has scored it: the rules
that read what the sentence says in so many words (a deal breaker, a rep's note of the buyer's
worry or question, today's work, a named rival, a price that grows, a question's topic) over
the model's guess. Kept apart from ``detector.py``, which gathers the sentences, scores them and
follows a user's verdicts, so that each decision can be read and tested on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from pipeline.detect import note_reports, rules
from pipeline.detect.account_facts import notes_the_account, states_its_size
from pipeline.detect.adoption_said import ADOPTION
from pipeline.detect.after_answer import needs_what_was_granted, needs_what_was_refused
from pipeline.detect.asides import nods_to_a_fact, weighs_a_rival
from pipeline.detect.blockers import blocked_topic, blocks_the_deal
from pipeline.detect.capabilities import needs_what_was_asked
from pipeline.detect.classify import (
    KINDS,
    OBJECTION_CATEGORIES,
    PLAN_NOTE,
    SAID_BY_THE_BUYER,
    Detection,
    Kind,
    SentenceInput,
)
from pipeline.detect.competitors import CompetitorHit, find_competitors
from pipeline.detect.conditions import condition_beside_a_rival
from pipeline.detect.decisions import (
    AUTHORITY,
    model_ranking,
    says_a_verdict,
    waits_on_someone_else,
)
from pipeline.detect.deferrals import defers_the_decision
from pipeline.detect.doubts import asks_in_doubt, feels_uneasy_ahead, worries_with_a_tag
from pipeline.detect.model import KindScore, category_margin
from pipeline.detect.named_problem import named_problem
from pipeline.detect.own_prices import states_what_they_pay
from pipeline.detect.parent_lock_in import lock_in_category, parent_lock_in_kind, through_a_parent
from pipeline.detect.plain_topics import plain_topic
from pipeline.detect.price_echoes import echoes_a_price
from pipeline.detect.quotable import SAYS_NOTHING_ALONE_SURE, says_nothing_alone
from pipeline.detect.real_worry import notes_a_must_have, worry_named_instead
from pipeline.detect.relayed_questions import relays_a_question
from pipeline.detect.requirements import sets_a_requirement
from pipeline.detect.retorts import denies_a_worry, speaks_in_irony
from pipeline.detect.rival_remarks import rival_remark
from pipeline.detect.said_no import says_no_to_us
from pipeline.detect.security_said import unless_security_unsaid
from pipeline.detect.settled_choice import settled_choice_kind
from pipeline.detect.small_talk import answers_small_talk, jokes_about_someone
from pipeline.detect.statements import said_as_such, tells_todays_flaw, todays_kind, wonders_aloud
from pipeline.detect.status_quo import defends_what_they_have, not_worth_the_change
from pipeline.detect.topics import (
    calls_the_price_high,
    has_no_budget,
    needs_it_offline,
    puts_it_off_while_busy,
    reason_topic,
    refuses_a_price_per_head,
    says_the_cost_grows,
    weighs_it_against_their_money,
)
from pipeline.detect.tries_told import failed_try_told
from pipeline.detect.vendor_doubts import vendor_doubt

BLOCKER_SURE = 0.9  # a deal breaker, a cost of leaving, a lock-in (``blockers.py``)
# A kind the sentence states in so many words (``statements.py``, ``asides.py``): the model's
# probability of it can be tiny ("eating an hour of my week" was a pain at 0.004, so uncertain).
STATEMENT_SURE = 0.8


@dataclass(frozen=True)
class Verdict:
    """A sentence's kind, its category (objections and on-topic questions only), the rival an
    objection is about as the sentence named it, and how sure the detector is."""

    kind: Kind
    category: str | None
    competitor: str | None
    confidence: float
    objection_probability: float


def sentence_verdict(
    sentence: SentenceInput,
    role: str,
    score: KindScore,
    objection_sims: Mapping[str, float],
    hits: Sequence[CompetitorHit],
    ours: Sequence[str] = (),
) -> Verdict:
    """The kind and category of a buyer sentence the model scored (``score``), given its
    similarity to each objection category's seed phrasings, the rivals it names (``hits``) and
    our own names (``ours``, never a rival)."""
    text = sentence.text
    # the head's categories, its authority only with a decision or a time named (``decisions``)
    ranked = model_ranking(score.category_probabilities, text)
    category = ranked[0] if ranked else score.category
    without_rival = next((c for c in ranked if c != "competitor"), score.without_rival)
    closest = max(objection_sims, key=lambda n: (objection_sims[n], n), default=None)
    if closest is not None and objection_sims[closest] >= _SEED_MATCH:
        category = closest  # a near copy of a seed phrasing (a user's own seeds included)
    competitor = None
    kind, confidence = score.kind, score.confidence
    blocked = blocks_the_deal(text, sentence.context)
    # "Needs it to post to Xero before anything else." (a note), "Whatever we buy has to talk
    # to Xero.", "Single sign-on or nothing." (the buyer): a condition on what they would buy
    # "Does it do X? That's the one thing I'd need.": the thing asked for, a condition too
    # "Does it work offline?" / "Not yet." / "That's the one thing I'd need.": across the answer
    refused = role in SAID_BY_THE_BUYER and needs_what_was_refused(sentence)
    must_have = (role == "rep_note" and notes_a_must_have(text)) or (
        role in SAID_BY_THE_BUYER
        and (sets_a_requirement(text) or needs_what_was_asked(sentence) or refused)
    )
    reported = must_have or (role == "rep_note" and note_reports.reports_a_worry(text))
    # not "It's okay, it's just really clunky." of their own tool: a flaw of today's, below
    said_by_them = role in SAID_BY_THE_BUYER and not tells_todays_flaw(sentence, ours)
    instead = worry_named_instead(text) if said_by_them else None
    deferred = role in SAID_BY_THE_BUYER and defers_the_decision(text)
    # "Our principal dentist would have to agree to it first.": someone else's yes to come
    awaited = role in SAID_BY_THE_BUYER and waits_on_someone_else(text)
    if blocked:  # "Yeah, that's a showstopper for me.": never small talk
        kind, confidence = "objection", max(score.objection_probability, BLOCKER_SURE)
        category = blocked_topic(sentence) or category
    elif role in SAID_BY_THE_BUYER and wonders_aloud(text):
        # "I was wondering whether the reminders can go by text, I'm worried they miss emails?"
        kind = "question"
        confidence = max(score.probabilities.get("question", 0.0), STATEMENT_SURE)
    elif role in SAID_BY_THE_BUYER and needs_what_was_granted(sentence):
        # "Does it do batch numbers?" / "Yes, it does." / "That's the one thing I'd need.": met
        kind, confidence = "other", max(score.probabilities.get("other", 0.0), STATEMENT_SURE)
    elif reported or instead is not None:
        # "Worried about retraining 25 seasonal pickers before Black Friday", "Needs it to post
        # to Xero before anything else.", "The minimum doesn't bother me, it's the monthly total."
        kind = "objection"
        confidence = max(score.objection_probability, STATEMENT_SURE)
    elif role in SAID_BY_THE_BUYER and (denies_a_worry(text) or speaks_in_irony(text)):
        # "Honestly the money's not my issue.", "Oh, a sales guy waiving fees, never heard that
        # one before.": a worry waved off or the pitch mocked, no worry of theirs
        kind, confidence = "other", max(score.probabilities.get("other", 0.0), STATEMENT_SURE)
    elif role in SAID_BY_THE_BUYER and (
        needs_it_offline(text)
        or calls_the_price_high(text)
        or has_no_budget(text)
        or refuses_a_price_per_head(text)
        or asks_in_doubt(text)
        or feels_uneasy_ahead(text)
        or worries_with_a_tag(text)  # "for seven people it's a lot, non?"
    ):  # "No cover on most of the farm, needs offline.", "a fair whack", "Budget is frozen",
        # "I'm not paying per groomer when one of mine only works Saturdays.", "Do you really
        # think the drivers will fill it in?", "I'd be a little uneasy having it hosted abroad."
        kind = "objection"
        confidence = max(score.objection_probability, STATEMENT_SURE)
    elif role in SAID_BY_THE_BUYER and (said := _said_topic(sentence, ours)) is not None:
        # "..., it's never once lost us a penny, so give me a reason." (status quo); "That's most
        # of a season's honesty box." after our price (price); "What happens to our files if
        # you go under?" (vendor trust)
        kind, category = "objection", said
        confidence = max(score.objection_probability, STATEMENT_SURE)
    elif role in SAID_BY_THE_BUYER and (puts_it_off_while_busy(text) or deferred or awaited):
        # "Let's pick this up again after the January sales, it's manic right now.", "Maybe
        # next year we look at moving them."; "take <rival>'s deal and look again next year"
        # stays the rival's
        rival_kept = deferred and bool(hits) and category == "competitor"
        kind, category = "objection", category if rival_kept else AUTHORITY
        confidence = max(score.objection_probability, STATEMENT_SURE)
    elif role in SAID_BY_THE_BUYER and (named := named_problem(text)) is not None:
        # "The problem is the timing.", "It's a budget thing.": the topic named is the worry
        kind, category = "objection", named
        confidence = max(score.objection_probability, STATEMENT_SURE)
    elif role in SAID_BY_THE_BUYER and says_no_to_us(text):
        # "I'll be straight with you, it's a no.", "The committee voted it down on Tuesday."
        # (small talk, a pain); the category is the verdict's, below
        kind, confidence = "objection", max(score.objection_probability, STATEMENT_SURE)
    elif role in SAID_BY_THE_BUYER and (settled := settled_choice_kind(text)) is not None:
        # "We tried two vendors and settled on Acme." (set-up, the rival a tag), "... and
        # neither worked." (a pain): their history, no worry about buying from us
        kind, confidence = settled, max(score.probabilities.get(settled, 0.0), STATEMENT_SURE)
    elif role in SAID_BY_THE_BUYER and (locked := parent_lock_in_kind(sentence)) is not None:
        kind = locked  # "we're on <tool> through the group": a caveat or after a pitch, or set-up
        confidence = max(score.probabilities.get(locked, 0.0), STATEMENT_SURE)
    elif kind != "question" and rival_remark(text, hits) == "other":
        # "We looked at <rival> last year but their system was clunky.": a look they took, no
        # pain of theirs (the pain word had made it one, also where the model read set-up or
        # small talk) and no worry about us
        kind, confidence = "other", max(score.probabilities.get("other", 0.0), STATEMENT_SURE)
    elif kind in _STATEMENTS and (answers_small_talk(sentence) or jokes_about_someone(text)):
        # "How was the snow?" -> "..."; "He'll have to buy his own pizza." (banter)
        kind, confidence = "other", max(score.probabilities.get("other", 0.0), STATEMENT_SURE)
    elif kind in ("objection", "pain") and (
        states_its_size(sentence)
        or (role == "rep_note" and notes_the_account(text))
        or (kind == "objection" and role in SAID_BY_THE_BUYER and _pays_today(sentence))
    ):  # "We've got two hundred and sixty members, about forty juniors." after "how big are
        # you?"; a note's "They run 1 studio in <town>, 180 members on <rival>." (no worry);
        # "We pay about 300 a month for <rival>." with no sum of ours before it (a pain stays)
        kind = "current_setup"
        confidence = max(score.probabilities.get(kind, 0.0), STATEMENT_SURE)
    elif kind != "question" and tells_todays_flaw(sentence, ours):
        # "It works, it does work, but if someone leans on it, it's gone.": a reason to buy
        kind, confidence = "pain", max(score.probabilities.get("pain", 0.0), STATEMENT_SURE)
    elif (said := todays_kind(text, kind, spelt_rivals(text, hits))) != kind or said_as_such(
        text, said
    ):  # "Cycle counts are off every week."
        kind, confidence = said, max(score.probabilities.get(said, 0.0), STATEMENT_SURE)
    elif kind == "objection" and (remark := rival_remark(text, hits)) is not None:
        kind, confidence = remark, max(score.probabilities.get(remark, 0.0), STATEMENT_SURE)
    elif kind == "objection" and nods_to_a_fact(text, spelt_rivals(text, hits)):
        kind = max(_STATEMENTS[1:] + ("other",), key=lambda k: score.probabilities.get(k, 0.0))
        confidence = score.probabilities.get(kind, 0.0)  # "Mm-hm, Bethesda is one of our busier"
    passed_on = (role == "rep_note" and note_reports.reports_a_question(text)) or (
        role == "unknown" and relays_a_question(text)
    )  # someone else's question told: "Asked re SSO.", "Q from Priya: offline on the roadmap?"
    if role == "rep_note" and passed_on and not refused:
        kind = "question"  # "Asked whether we integrate with Mindbody."
    elif role == "unknown" and passed_on:
        # "And someone asked whether the price goes up after the first year.": the audience's
        # question read out, never the speaker's objection, whatever it is about
        kind, blocked = "question", False
        confidence = max(score.probabilities.get("question", 0.0), STATEMENT_SURE)
    if (labelled := labelled_kind(sentence)) is not None:
        # "Pain: front desk double-books every Monday.": the rep sorted it as they heard it, and
        # the label is out of the text; "Next steps: send case study" is the rep's own plan
        kind, blocked = labelled, blocked and labelled == "objection"
        confidence = max(score.probabilities.get(labelled, 0.0), STATEMENT_SURE)
    if kind == "objection" and not blocked and through_a_parent(text):
        category = lock_in_category(text)  # a body above them decided what they use
    if kind == "objection" and (said := _said_topic(sentence, ours)) is not None:
        category = said  # the praise of a named tool is the status quo, not the rival's topic
    elif kind == "objection":
        rivals = [h for h in hits if h.relation in _RIVAL_RELATIONS and h.known]
        if rivals and not (blocked and category != "competitor"):  # a blocker's topic first
            # a buyer who uses or is weighing a named rival: that is the topic
            category, competitor = "competitor", rivals[0].name
        elif category == "competitor" and (
            topic := condition_beside_a_rival(text, spelt_rivals(text, hits))
        ):  # "Might lose to <rival> if the price doesn't move.": what we'd have to change
            category = topic
        elif category == "competitor" and (topic := topic_beside_a_rival(text, hits, reported)):
            category = topic  # "Worried about retraining 25 pickers, <rival> did it for them"
        elif category == "competitor" and (configured := [h for h in hits if h.known]):
            competitor = configured[0].name
        elif category == "competitor" and hits:  # a guessed name only ("We're on BigRoad for
            # the ELDs ... can you read BigRoad logs"): often a partner or a planned import,
            # so the worry is the topic its words say, the name a tag
            category = rules.topic_without_rival(text) or without_rival
        elif category == "competitor" and not rival_in_reach(sentence, ignore=ours):
            category = rules.topic_without_rival(text) or without_rival
        elif category == "competitor":  # a rival only near: "the payment fee on top bothers me"
            category = plain_topic(text, None) or category
        # "not paying full seats in August"; "Because they won't." after a price question; a
        # term that binds them stays the contract's ("a deal with Procore" is no integration)
        if not (blocked and category == "contract"):
            # "we talked it through and it's a no for now": the decision, when no topic is named
            verdict = AUTHORITY if category != "competitor" and says_a_verdict(text) else None
            category = plain_topic(text, reason_topic(sentence) or verdict or category)
        if (instead is not None or must_have) and not blocked:  # the need or worry that holds
            category = rules.topic_without_rival(instead or text) or category
        if (deferred or awaited) and category != "competitor":  # when or who, whatever is
            category = named_problem(text) or AUTHORITY  # put off, unless a topic is named
        # "if we get audited I don't know what I'd show them": security needs its own words
        category = unless_security_unsaid(category, ranked, text, sentence.turn)
        if category == "price" and says_the_cost_grows(text):  # "punishes us for peak"
            confidence = max(confidence, STATEMENT_SURE)
    elif kind == "question":
        on_topic = objection_sims.get(category or "", 0.0) >= _QUESTION_TOPIC_MIN
        # an on-topic question's own words settle which topic ("works offline" is no security)
        category = plain_topic(text, category) if on_topic else None
        if passed_on and category is None:  # the teller's words had drawn it off its topic
            category = plain_topic(text, None) or rules.topic_without_rival(text)
        unsaid = unless_security_unsaid(category, ranked, text, sentence.turn)  # "on the phone"
        if unsaid != category:  # the next category, when the question is on its topic too
            on_topic = objection_sims.get(unsaid or "", 0.0) >= _QUESTION_TOPIC_MIN
            category = unsaid if on_topic else None
    else:
        category = None
    if (noted := labelled_category(sentence, kind)) is not None:
        # "Price objection: said $12/user is a lot", "Security question: …": the rep's topic
        category, competitor = noted, competitor if noted == "competitor" else None
    planned = sentence.note_kind == PLAN_NOTE  # the rep's plan is never an objection to ask
    if says_nothing_alone(text) and not rules.says_nothing(text):
        # "Bad." (a pain at 0.93), "Twice.": what it is about was said before it, so it counts
        # as uncertain; a bare reaction ("Hm." after a price) keeps the model's reading
        confidence = min(confidence, SAYS_NOTHING_ALONE_SURE)
    return Verdict(
        kind,
        category,
        competitor,
        confidence,
        0.0 if planned else confidence if blocked else score.objection_probability,
    )


def labelled_kind(sentence: SentenceInput) -> Kind | None:
    """The kind the rep's own label in a note gave the sentence (``SentenceInput.note_kind``):
    "other" for the rep's plan, which is no buyer's words; None without one."""
    if sentence.note_kind == PLAN_NOTE:
        return "other"
    return next((kind for kind in KINDS if kind == sentence.note_kind), None)


def labelled_category(sentence: SentenceInput, kind: Kind) -> str | None:
    """The objection category the rep's label named ("Price objection:", "Objection -
    price:", ``SentenceInput.note_category``) for the objection or question it labelled; None
    without one."""
    if sentence.note_kind != kind or kind not in ("objection", "question"):
        return None
    return next((c for c in OBJECTION_CATEGORIES if c == sentence.note_category), None)


def _said_topic(sentence: SentenceInput, ours: Sequence[str] = ()) -> str | None:
    """The objection a buyer's sentence states in its own terms, with its topic: the tool they
    have defended against us or a change said not worth it (``status_quo.py``), us doubted in a
    question or a story (``vendor_doubts.py``; ``ours``: our names), a past try their people did
    not take up (``adoption_said.py``), our price weighed against their own money or said back
    in disbelief ("Two grand for setup?", ``price_echoes.py``)."""
    if defends_what_they_have(sentence.text) or not_worth_the_change(sentence.text):
        return "status_quo"
    if (doubted := vendor_doubt(sentence.text, ours)) is not None:
        return doubted
    if failed_try_told(sentence):  # "We tried it once and nobody used it.", over two too
        return ADOPTION
    weighed = weighs_it_against_their_money(sentence) or echoes_a_price(sentence)
    return "price" if weighed else None


def topic_beside_a_rival(
    text: str, hits: Sequence[CompetitorHit], reported_worry: bool = False
) -> str | None:
    """The topic a sentence's own words settle (``plain_topics.plain_topic``) when the rivals it
    names are only mentioned, not used, weighed or compared against us: the worry is about that
    topic and the rival keeps its tag. A note's reported worry that names no rival keeps its
    topic too, whatever rival the note names elsewhere. None when a rival is the point or no
    topic is said."""
    if any(hit.relation != "mention" for hit in hits) or not (hits or reported_worry):
        return None
    if weighs_a_rival(text, spelt_rivals(text, hits)):
        return None
    return plain_topic(text, None)


def _pays_today(sentence: SentenceInput) -> bool:
    """What they pay for a tool of theirs (``own_prices.states_what_they_pay``) with no pain in
    it: "..., and it's costing us a fortune." is a pain (``statements.tells_a_pain``)."""
    return states_what_they_pay(sentence) and not said_as_such(sentence.text, "pain")


def spelt_rivals(text: str, hits: Sequence[CompetitorHit]) -> list[str]:
    """The rivals a sentence names, as it spells them ("3PL Central", not its canonical name)."""
    return [text[hit.start : hit.end] for hit in hits]


_RIVAL_RELATIONS = ("current", "evaluated")
_STATEMENTS: tuple[Kind, ...] = ("objection", "pain", "current_setup")
_QUESTION_TOPIC_MIN = 0.4
_SEED_MATCH = 0.75


def rival_in_reach(sentence: SentenceInput, *, ignore: Iterable[str] = ()) -> bool:
    """A rival spoken of in the sentence ("the other vendor"), or named in its turn or the
    rep's turn before ("They're cheaper." after "How does RotaPro compare?"): a competitor
    worry has one; "Because that's non-negotiable." had been one with none in sight."""
    around = f"{sentence.context}\n{sentence.turn}"
    return rules.speaks_of_a_rival(sentence.text) or bool(
        find_competitors(
            around, sentence.competitors, ignore=ignore, around=around, listed=sentence.listed
        )
    )


def with_category_margin(detection: Detection, score: KindScore) -> Detection:
    """An objection the detector decided, with its category's margin under the model, whoever
    chose the category (rules, the LLM): a category the model hardly prefers is worth a
    question however sure the kind is."""
    if detection.kind != "objection" or detection.source == "user":
        return detection
    margin = category_margin(score.category_probabilities, detection.category)
    return replace(detection, category_margin=margin)
