"""Talk around the call, not about buying, read after the kind model: small talk about the
world (the weather, the journey, the weekend, sport: "Ha, Melbourne weather, four seasons in
one day."), asked ("Did you watch Friday night?") or answered ("How was the snow?" -> "We barely
got any."), a short laugh-led reaction ("Haha, he'll be thrilled.") and a question that
steers the call itself ("Can I jump in?", "Shall I share my screen?").

Why a rule after the model: the model reads a sentence with the rep's turn around it, and small
talk after a price slide had been filed as an objection, even as a theme of its own. None holds
once the product, a buying topic or a strong worry is in the sentence ("The weather app we
tried was too expensive.").
"""

from __future__ import annotations

import re

from pipeline.detect.classify import SentenceInput
from pipeline.detect.decisions import names_a_decision_or_time
from pipeline.detect.rules import (
    CUES,
    KIND_CUES,
    alternation,
    cue_scores,
    is_question,
    lowered,
    normalise_quotes,
)
from pipeline.detect.sentences import split_sentences
from pipeline.first_names import is_first_name
from pipeline.lazy_regex import lazy_compile
from pipeline.person_positions import WORD
from pipeline.word_names import stands_for_a_thing

PRODUCT_WORDS = alternation(CUES["aside"]["product"])  # "your", "the app": no small talk then
_WORLD = alternation(CUES["aside"]["world"])
_LAUGH = alternation(CUES["aside"]["laughs"])
_WORK = alternation(CUES["aside"]["work"])  # "log each job", "the rota": their day's work
_PAIN = alternation(CUES["statement"]["pain"])
_PAIN_WORDS = KIND_CUES["pain"]
_HABIT = KIND_CUES["habit"]
_SMALL_TALK_QUESTION = alternation(CUES["question"]["small_talk"])
_TEAM_ASKED = re.compile("|".join(CUES["question"]["small_talk_team"]))  # capitals kept
# Led by "sorry", "so", "just"...; ended by "there", "okay", "for a sec" or a name after a comma.
_CALL_CONTROL = lazy_compile(
    r"^(?:(?:sorry|so|ok|okay|right|um|uh|er|erm|oh|and|but|just|actually|wait|hang on|hold on"
    r"|quick question)\b[\s,.!-]*)*(?:"
    + "|".join(CUES["question"]["call_control"])
    + r")(?: (?:in|there|here|now|quickly|quick|real quick|please|so far|then|again|at all|ok"
    r"|okay|alright|all right|fine|properly|clearly"
    r"|(?:for )?a (?:sec|second|moment|minute)))*(?:,\s*[\w'-]+)?\W*$"
)
_OUR_WORK = re.compile(r"\b(?:we|we're|we've|our|us)\b")  # "our crews", "we lose jobs"
_SHORT_REACTION = 8  # words after the laugh: "Haha, he'll be thrilled." has three
_STRONG = 1.0  # "can't", "won't use", "too expensive": a worry, whatever the subject
_MEDIUM = 0.6  # "not", "never", "still": a worry when it is about the buyer's work


def makes_small_talk(sentence: str) -> bool:
    """The weather, the journey, the weekend, sport ("It's been pouring all week in Dublin.",
    "Shame about the Hurricanes last night eh"), or a short laugh-led reaction ("Haha, he'll be
    thrilled."), with no product, no buying topic, no strong worry ("The weather app we tried
    was too expensive." is an objection) and no worry for the buyer's own work ("The weather
    delays our crews every winter and we lose jobs" is a pain) and no work done or asked of
    us in it (``puts_it_to_work``)."""
    text = lowered(sentence)
    if not (_WORLD.search(text) or _laughs_off(text)) or PRODUCT_WORDS.search(text):
        return False
    if puts_it_to_work(text):
        return False
    cues = cue_scores(sentence)
    if cues.concern >= _MEDIUM and _OUR_WORK.search(text):
        return False
    return cues.concern < _STRONG and not any(cues.categories.values())


def is_banter(sentence: str) -> bool:
    """Small talk or a joke about someone, read from the words alone: what a document may
    never cite as a theme's only evidence (a quote keeps no turn around it)."""
    return makes_small_talk(sentence) or jokes_about_someone(sentence)


def asks_small_talk(sentence: str) -> bool:
    """A question about the world, sport or the journey ("Did you watch Friday night?", "Did you
    get much snow up there?", "Did you find the place alright?", "Did the Jets win last night?",
    "How are the Canadiens doing?"): small talk, never a question for a theme; not "Did you see
    the price went up?"."""
    text = lowered(sentence).strip().rstrip("\"') ")
    if not text.endswith("?") or puts_it_to_work(text):
        return False
    if _TEAM_ASKED.search(normalise_quotes(sentence)):  # "How are the Canadiens doing?"
        return True
    return bool(_SMALL_TALK_QUESTION.search(text)) or makes_small_talk(sentence)


def puts_it_to_work(text: str) -> bool:
    """The buyer's work or our product in ``text`` (lowered), the world only its circumstance:
    something asked of the product ("Can it text the parents when it snows?"), work the
    buyer's people must do ("Whenever it rains we have to reschedule every spray job.") or a
    question with the weather, the journey or the holidays in a when/if clause ("Like when a
    storm's coming, can the crew ..."). Why: a world word had made such questions small talk."""
    if _MUST_DO.search(text) or any(_of_the_product(m) for m in _ASKS_OF_IT.finditer(text)):
        return True
    asked = text.rstrip("\"') ").endswith("?")
    return asked and any(_WORLD.search(m.group()) for m in _CIRCUMSTANCE.finditer(text))


# Something asked of the product: "can it text", "does the system rebook", "could it ping";
# not the weather's "it" nor a chat verb ("does it ever stop raining", "can you believe").
_ASKS_OF_IT = re.compile(
    r"\b(?:can|could|does|do|will|would)(?:n't)? (?P<who>it|that|this|(?:the|your) [\w'-]+) "
    r"(?:(?:still|also|just|automatically|then|actually) )?(?P<verb>[a-z]+)\b"
)
_CHAT_VERBS = frozenset(
    "be get ever stay stop keep look seem feel always usually often tend happen really "
    "believe imagine mind matter last".split()
)
# Work the buyer's side must do: "we have to", "our drivers need to", "the clinic has to".
_MUST_DO = re.compile(
    r"\b(?:we|we've|we'll|(?:our|the) [\w'-]+)(?: [\w'-]+)? (?:have to|has to|need to|needs to"
    r"|got to|must|will have to|'ll have to|are meant to|are supposed to)\b"
)
# A when/if clause, to its comma or to the end: "like when a storm's coming", "if it snows".
_CIRCUMSTANCE = re.compile(
    r"\b(?:when|whenever|if|every time|each time|in case|as soon as|before|after|during|on"
    r" a|over the)\b[^,;?]*"
)


# How someone will feel or fare, said ahead: "he'll", "they're going to", "the guys will";
# not "She runs 2 salons." (a fact told of them). Staff by their job ("the techs") object.
_OPENER = r"^\W*(?:(?:oh|well|ha|haha|yeah|and|ah)[,\s]+)?"
_FARES = (
    r"(?:'ll|'d| will| would|'s going to| is going to|'s gonna| is gonna|'re going to"
    r"| are going to|'re gonna| are gonna)\b"
)
_ABOUT_SOMEONE = re.compile(
    _OPENER + r"(?:he|she|they|the (?:guys|lads|girls|boys|kids|team))" + _FARES
)
# A first name in its place ("Kyle will", "Maria's going to"), matched on the sentence's case.
_ABOUT_A_NAME = re.compile(f"(?i:{_OPENER})(?P<name>{WORD})(?i:{_FARES})")
_WHAT_IS_SOLD = re.compile(
    r"\b(?:it|this|that|them|i|i'm|i'll|i'd|me|my|we|we're|we'll|our|us|you)\b"
)
# Their say on the deal: a refusal ("She'll say no.") or a demand ("He'll want references.");
# a demand laughed off ("Maria's going to need a bigger desk, ha.") is the joke's.
_THEIR_SAY = re.compile(
    r"\b(?:expects?|asks?|insists?|demands?|refuses?|objects?|says? (?:no|yes)|push(?:es)? back)\b"
)
_DEMANDS = re.compile(r"\b(?:wants?|needs?)\b")
# Their people against the change: "They'll moan.", "The team will kick off.", "He'll struggle."
_RESISTS = re.compile(
    r"\b(?:moan|complain|grumble|whinge|whine|revolt|rebel|riot|mutiny|resist|kick off|kick up"
    r"|struggle|hate|quit|walk out|freak out|be (?:lost|confused|overwhelmed))\b"
)
_JOKE_WORDS = 10  # "He'll have to buy his own pizza." has seven


def jokes_about_someone(sentence: str) -> bool:
    """A short remark on how a third person will feel or fare ("He'll be devastated.", "Kyle
    will be devastated.", "They'll have to find a new lunch spot."), naming nothing of the
    sale: no product, no it/this/that for what is offered, nothing of the buyer's own side or
    ours (I, we, you), no worry, pain or buying topic, no decision, time, resistance or demand
    unless laughed off. "They'll need training." (set-up), "Kyle will never agree to it.",
    "He'll decide." and "The team will moan." (staff) object."""
    text = lowered(sentence)
    if is_question(sentence) or len(text.split()) > _JOKE_WORDS or not _about_someone(sentence):
        return False
    if _WHAT_IS_SOLD.search(text) or _THEIR_SAY.search(text) or _RESISTS.search(text):
        return False
    if _DEMANDS.search(text) and not _LAUGH.search(text):
        return False
    if names_a_decision_or_time(sentence):  # "He'll decide.", "She'll say no.": their say
        return False
    if any(cue.search(text) for cue in (PRODUCT_WORDS, _WORK, _PAIN, _PAIN_WORDS)):
        return False
    cues = cue_scores(sentence)
    return cues.concern < _MEDIUM and not any(cues.categories.values())


def _about_someone(sentence: str) -> bool:
    """Does ``sentence`` open on what a person or a group will feel or do: he, she, they, "the
    guys", or a first name where a person stands ("Kyle will", not "Will that" nor "Monday")?"""
    if _ABOUT_SOMEONE.match(lowered(sentence)):
        return True
    text = normalise_quotes(sentence)
    named = _ABOUT_A_NAME.match(text)
    if named is None or not is_first_name(named.group("name")):
        return False
    return not stands_for_a_thing(text, *named.span("name"))


def _of_the_product(asked: re.Match[str]) -> bool:
    """An ask of the product, not of the weather ("will it rain") nor chat ("does it ever")."""
    who, verb = asked.group("who"), asked.group("verb")
    return verb not in _CHAT_VERBS and not _WORLD.search(f"{who} {verb}")


def controls_the_call(sentence: str) -> bool:
    """A question that steers the call, the whole sentence ("Can I jump in?", "Am I on
    mute?", "Does that make sense?"): never a question theme; "Does that make sense for a
    two-vet practice?" asks about us."""
    text = lowered(sentence).strip()
    return text.rstrip("\"') ").endswith("?") and _CALL_CONTROL.match(text) is not None


def answers_small_talk(sentence: SentenceInput) -> bool:
    """The first sentence of a buyer's reply to the rep's small-talk question ("How was the snow
    up in Denver?" -> "Honestly we barely got any, which my kids were very upset about."), with
    no product, no buying topic, no pain told as one and nothing recurring in the buyer's work
    ("How was the weekend?" -> "Spent it chasing invoices, like every weekend." is a pain); a
    later sentence of the reply too while every one up to it keeps to small talk."""
    if not sentence.context.strip():
        return False
    asked = split_sentences(sentence.context)
    if not asked or not asks_small_talk(asked[-1][2]):
        return False
    if sentence.index_in_turn > 0:
        said = [text for *_, text in split_sentences(sentence.turn)][: sentence.index_in_turn]
        return all(_keeps_to_small_talk(text) for text in [*said, sentence.text])
    text = lowered(sentence.text)
    if any(cue.search(text) for cue in (PRODUCT_WORDS, _PAIN, _PAIN_WORDS, _HABIT)):
        return False
    return not any(cue_scores(sentence.text).categories.values())


def _keeps_to_small_talk(sentence: str) -> bool:
    """A sentence of the reply that stays off the buyer's work ("Ah, do not ask. It is a
    rebuilding year, again, like every year."): none of the product, a pain, a buying topic, a
    strong worry nor their own side (we, our: "We run three shops." moves on to the work)."""
    text = lowered(sentence)
    if any(cue.search(text) for cue in (PRODUCT_WORDS, _PAIN, _PAIN_WORDS, _OUR_WORK)):
        return False
    cues = cue_scores(sentence)
    return cues.concern < _STRONG and not any(cues.categories.values())


def _laughs_off(text: str) -> bool:
    """A short reaction led by a laugh ("Haha, love that.", "Lol, typical."): the laugh says
    it is banter; a long sentence after a laugh may still carry the worry."""
    text = text.lstrip(" \"'(-")
    laugh = _LAUGH.match(text)
    if laugh is None:
        return False
    rest = text[laugh.end() :]
    return re.match(r"[\s,!.]*$|\s*[,!.]", rest) is not None and (
        len(rest.split()) <= _SHORT_REACTION
    )
