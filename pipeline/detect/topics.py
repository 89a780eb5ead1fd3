"""Words that settle an objection's category whatever the model's category head read: "I'm not
paying full seats for them in August" had been filed as setup time (the months and the staff
pulled it there), "paying a full licence for them the other eleven months" likewise; paying for
seats that sit idle is price, in any trade. So are sums that don't work ("the numbers just don't
work for us this year" had been authority); an approver above the buyer ("I'd need sign-off from
our CFO") is authority, whatever money the sentence names."""

from __future__ import annotations

from pipeline.detect.rules import CUES, REASSURANCE, alternation, lowered

_PLAIN_TOPICS = {name: alternation(cues) for name, cues in CUES["plain_topic"].items()}
_MONEY = alternation(CUES["price_grows"]["money"])
_GROWS = alternation(CUES["price_grows"]["grows"])


def plain_topic(sentence: str, category: str | None) -> str | None:
    """The category the sentence's own words settle, else ``category``; a named rival's
    objection stays the rival's, and a topic said not to matter ("paying per seat is fine")
    settles nothing."""
    if category == "competitor":
        return category
    text = REASSURANCE.sub(" ", lowered(sentence))
    return next((name for name, cue in _PLAIN_TOPICS.items() if cue.search(text)), category)


def says_the_cost_grows(sentence: str) -> bool:
    """A price said to grow with their volume or to hurt them ("a per-order price basically
    punishes us for peak", "Per order is going to hurt us."): a price objection in so many
    words, however unsure the model was (it had been 0.28, below what documents answer)."""
    text = REASSURANCE.sub(" ", lowered(sentence))
    return bool(_MONEY.search(text)) and bool(_GROWS.search(text))
