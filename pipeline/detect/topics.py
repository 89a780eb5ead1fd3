"""Words that settle an objection's category whatever the model's category head read: "I'm not
paying full seats for them in August" had been filed as setup time (the months and the staff
pulled it there), "paying a full licence for them the other eleven months" likewise; paying for
seats that sit idle is price, in any trade. So are sums that don't work ("the numbers just don't
work for us this year" had been authority); an approver above the buyer ("I'd need sign-off from
our CFO") is authority, whatever money the sentence names. No signal where the work happens
("There's no coverage at all down by the bog fields." had been security) is adoption."""

from __future__ import annotations

import re

from pipeline.detect.after_answer import refused_topic
from pipeline.detect.capabilities import asks_for_a_capability, lacked_topic, needs_what_was_asked
from pipeline.detect.classify import SentenceInput
from pipeline.detect.plain_topics import plain_topic
from pipeline.detect.rules import (
    CUES,
    KIND_CUES,
    REASSURANCE,
    alternation,
    is_direct_question,
    is_question,
    lowered,
)
from pipeline.detect.sentences import sentence_before
from pipeline.lazy_regex import Regex

_PRICE_SAID_HIGH = alternation(CUES["price_said_high"]["cues"])
_PER_HEAD_REFUSED = alternation(CUES["price_per_head"]["refused"])
_PAYING_PER_HEAD = alternation(CUES["price_per_head"]["paying"])
_LOW_USE = alternation(CUES["price_per_head"]["low_use"])
_NO_BUDGET = alternation(CUES["no_budget"]["cues"])
_NEGATED = re.compile(r"\b(?:not|isn'?t|wasn'?t|aren'?t|never|hardly)\b(?:\W+\w+){0,2}\W*$")
_NO_SIGNAL = alternation(CUES["no_signal"]["where"])
_OFFLINE = alternation(CUES["no_signal"]["offline"])
# A bare reason that goes on from the sentence before it: "Because they won't."
_BARE_REASON = re.compile(r"^\W*(?:because|'?cause|cos|coz|cuz|since|which)\b(?:\W+\w+){0,5}\W*$")
_BUSY_NOW = alternation(CUES["busy_now"]["busy"])
_LATER = alternation(CUES["busy_now"]["later"])
_MONEY = alternation(CUES["price_grows"]["money"])
_GROWS = alternation(CUES["price_grows"]["grows"])
_SHARE = alternation(CUES["price_share"]["share"])
_THEIR_MONEY = alternation(CUES["price_share"]["money"])
_PERIOD = alternation(CUES["price_share"]["period"])
_RESTATED = re.compile("|".join(CUES["price_share"]["restated"]))  # from the start: "£149 is"
_EFFORT = re.compile(r"^\W*(?:" + "|".join(CUES["price_share"]["effort"]) + r")")
_SHARE_WORDS = 6  # "that's most of a season's honesty box": the amount follows close


def reason_topic(sentence: SentenceInput) -> str | None:
    """The topic a bare reason takes from the sentence it goes on from in the same turn ("Would
    the contractors need to pay for their own logins? Because they won't." is price; it had
    been adoption, read from "they won't" alone); after a question whether the product does a
    thing ("Does it do multi-currency? Because without that it's a no."), what it lacks
    (``lacked_topic``: a missing feature unless a system to connect, a safeguard or a term), and
    so is the thing asked for called the one they need ("That's the one thing I'd need.",
    ``needs_what_was_asked``);
    across the rep's no, what the buyer asked (``after_answer.refused_topic``); None for any
    other sentence."""
    if (refused := refused_topic(sentence)) is not None:
        return refused
    if not (_BARE_REASON.match(lowered(sentence.text)) or needs_what_was_asked(sentence)):
        return None
    said_before = sentence_before(sentence.turn, sentence.text)
    if not said_before:
        return None
    if asks_for_a_capability(said_before):
        return lacked_topic(said_before)
    return plain_topic(said_before, None)


def says_the_cost_grows(sentence: str) -> bool:
    """A price said to grow with their volume or to hurt them ("a per-order price basically
    punishes us for peak", "Per order is going to hurt us."): a price objection in so many
    words, however unsure the model was (it had been 0.28, below what documents answer)."""
    text = REASSURANCE.sub(" ", lowered(sentence))
    return bool(_MONEY.search(text)) and bool(_GROWS.search(text))


def needs_it_offline(sentence: str) -> bool:
    """No signal where they work and a need to work without it, in one sentence ("No cover on
    most of the farm, needs offline."): the requirement a note reports is an objection (it had
    been read as today's set-up). Not asked as a question ("Does it work offline down a lift pit
    with no signal?" asks what we do; it had been an adoption objection)."""
    text = lowered(sentence)
    return (
        bool(_NO_SIGNAL.search(text))
        and bool(_OFFLINE.search(text))
        and not is_direct_question(sentence)
    )


def calls_the_price_high(sentence: str) -> bool:
    """The price called high in everyday words ("That's a fair whack for a spray diary.", "a
    bit steep for four vans"), not negated: a price objection however the model read it (it
    had been small talk at 0.89)."""
    return _said_not_negated(_PRICE_SAID_HIGH, sentence)


def refuses_a_price_per_head(sentence: str) -> bool:
    """A price by the head refused, whatever the unit ("I'm not paying per groomer when one of
    mine only works Saturdays.", "We won't pay per van."), or paying by the head said of heads
    that barely use it ("Paying per instructor makes no sense when three only teach evenings."):
    a price objection (the unit and the staff had made them pains and set-up-time worries)."""
    text = REASSURANCE.sub(" ", lowered(sentence))
    return bool(_PER_HEAD_REFUSED.search(text)) or bool(
        _PAYING_PER_HEAD.search(text) and _LOW_USE.search(text)
    )


def has_no_budget(sentence: str) -> bool:
    """No money for it, said or noted ("Budget is frozen until Q1, f/u then.", "there's a
    spending freeze till April"), not negated: a price objection, as the README has it (the
    note's line had been small talk at 0.63)."""
    return _said_not_negated(_NO_BUDGET, sentence)


def puts_it_off_while_busy(sentence: str) -> bool:
    """The deal put off to a time named because the buyer is busy now ("Let's pick this up
    again after the January sales, it's manic right now."): a timing objection, not the next
    step its words arrange (it had been small talk at 0.99); the next step may be asked ("...,
    can we talk again in May?"), the busy clause is said."""
    text = lowered(sentence)
    return bool(_BUSY_NOW.search(text) and _LATER.search(text))


def weighs_it_against_their_money(sentence: SentenceInput) -> bool:
    """An amount put as a share of the buyer's own money ("That's a third of our marketing
    budget.", "That's more than we clear on a funeral some months."), or of what a time brings
    in right after the rep named a price ("That's most of a season's honesty box." after "£120 a
    month"): the price called high in their own terms, however the model read it (it had been
    small talk at 0.96). Not negated ("that's not even half our budget") nor asked. So is the
    price said again in what they sell right after the rep named it ("One seventeen is a lot of
    nail trims.", ``restates_it_in_their_units``)."""
    text = REASSURANCE.sub(" ", lowered(sentence.text))
    if is_question(sentence.text):
        return False
    if restates_it_in_their_units(sentence):
        return True
    for share in _SHARE.finditer(text):
        if _NEGATED.search(text[: share.start()]):
            continue
        amount = " ".join(text[share.end() :].split()[:_SHARE_WORDS])
        if _THEIR_MONEY.search(amount) or (
            _PERIOD.search(amount) and KIND_CUES["price"].search(lowered(sentence.context))
        ):
            return True
    return False


def restates_it_in_their_units(sentence: SentenceInput) -> bool:
    """The rep's price said again as a lot of what the buyer sells ("One seventeen is a lot of
    nail trims.", "That's a lot of buttonholes." after "£65 a month"): the price weighed in
    their own units (it had been today's set-up, read as a count of the business). Not a lot of
    work or of things to learn ("That's a lot of admin."), nor with no price before it."""
    text = lowered(sentence.text)
    said = _RESTATED.search(text)
    if said is None or not KIND_CUES["price"].search(lowered(sentence.context)):
        return False
    return not _EFFORT.match(text[said.end() :])


def _said_not_negated(cue: Regex, sentence: str) -> bool:
    text = REASSURANCE.sub(" ", lowered(sentence))
    return any(not _NEGATED.search(text[: said.start()]) for said in cue.finditer(text))
