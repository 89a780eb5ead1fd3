"""A question an unknown speaker relays from someone else: a webinar host reading out the chat
("And someone asked whether the price goes up after the first year.", "Next question, from Sam:
does it work offline?"), a buyer passing on a colleague's ("A few of the nurses asked if...").

Why: in a speakerless SRT the host's relayed "someone asked whether the price goes up" had been
an objection on price and a theme's most representative quote. What is relayed is still the
audience's question, so it stays a question (its topic counted), never an objection; the lead-in
("we had a question from the chat about") is the relayer's words, never a buyer's phrase.
"""

from __future__ import annotations

import re

# What a relayed question opens on: "asked whether", "wants to know how" (not "asking for").
_WH = r"whether|if|how|what|when|why|which|where|who|can|does|do|is|are|will"
# "And", "So", "Okay, next": the host's turn-taking before the relay.
_OPENER = r"(?:(?:and|so|okay|ok|right|alright|now|then|also|great)[,.]?\s+)*"
# Who asked: anyone in the audience, or a name ("Sam", "Priya from Leeds", "Dan in the chat").
_ASKER = (
    r"(?:someone|somebody|one (?:of you|person|attendee|listener|viewer|customer)"
    r"|(?:a (?:few|couple|number|lot|handful)|lots|several|many|some|two|three|most) of (?:you|us"
    r"|the \w+|our \w+|people|folks|attendees)|(?:an(?:other)?|one more|one) (?:attendee|viewer"
    r"|listener|participant|person)|a (?:viewer|listener|participant)|people"
    r"|(?!(?:I|We|They|You|It|That|This|There|What|Which|Who|If|When)\b)(?-i:[A-Z][a-z]+)"
    r"(?: (?:from|at) (?-i:[A-Z][\w&'-]+)| (?:in|on) the (?:chat|comments|q&a))?)"
)
_ASKED = (
    r"(?:(?:has|have|had|also|just|then|always|keep|kept)\s+)*(?:asked|asks|asking|is asking"
    r"|are asking|was asking|were asking|been asking|wants? to know|wanted to know|wondered"
    r"|wonders|is wondering|are wondering|was wondering|were wondering)"
)
# "we had a question from the chat (about)", "there's a question in the Q&A", "a question came
# in (asking)": the source says it is the audience's, not the speaker's own question.
_SOURCE = (
    r"(?:(?:in|from|on|via|through)\s+the (?:chat|q&a|q and a|comments|audience|floor|room"
    r"|attendees|webinar)|from (?-i:[A-Z][a-z]+))"
)
_A_QUESTION = (
    r"(?:(?:we(?:'ve)?|i(?:'ve)?) (?:had|have|got|received)|there's|there is|here's|got)\s+"
    r"(?:a|an|another|one more|one|a few|a couple of|some|two|three|lots of)\s+"
    r"(?:(?:good|great|quick|related|similar|common|follow-up|interesting)\s+)?questions?\s+"
    rf"(?:(?:here|now|just)\s+)?{_SOURCE}"
    r"|(?:a|another|one more|the next) questions? (?:has |just )?(?:came|come|coming) in"
)
# "Next question, from Sam:", "Final question from the chat:", "Another question:"; "Q from
# Priya:" (shorthand names its source: a bare "Question:" may be the host's own).
_NEXT = (
    r"(?:the )?(?:next|last|final|another|one more|second|third) question"
    rf"(?:\s*,?\s*(?:comes\s+)?{_SOURCE})?(?=\s*(?:[:,-]|is (?:{_WH})\b))"
    rf"|(?:q|question)\s*,?\s*{_SOURCE}(?=\s*[:,-])"
)
# What a relayed question runs on into: a question word, its topic ("asked re SSO"), a quote, or
# the question itself asked without one, when the sentence ends on a question mark ("someone asked
# the price goes up after year one?").
_ASKED_WHAT = rf"(?=\s*(?:(?:{_WH}|about|re|regarding)\b|[:,\"“])|[^?]*\?\W*$)"
_RELAY = re.compile(
    rf"^{_OPENER}(?:{_ASKER}\s+{_ASKED}{_ASKED_WHAT}|{_A_QUESTION}\b|{_NEXT})"
    r"(?:\s*(?:about|on|asking|regarding|around|re)\b)?[\s,:;-]*",
    re.IGNORECASE,
)


def relay_lead_in(sentence: str) -> int:
    """The length of the relayer's own words that open ``sentence`` ("And someone asked ",
    "We had a question from the chat about "), 0 when it relays no question."""
    text = sentence.replace("’", "'")
    found = _RELAY.match(text.lstrip())
    if found is None:
        return 0
    return len(text) - len(text.lstrip()) + found.end()


def relays_a_question(sentence: str) -> bool:
    """Whether ``sentence`` passes on someone else's question ("a few of you asked if the app
    works offline"): a question, whatever the topic, never the speaker's objection."""
    return relay_lead_in(sentence) > 0
