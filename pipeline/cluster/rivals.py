"""A theme per rival: the competitor category of a walled kind is walled again by the rival a
mention is about.

Why: "We pay RotaPro less", "Staffly already has everyone's contracts in it" and "ClockBee's
free tier" share the detector's category but not a worry, and their one theme (63 mentions) put
"raised 62 times" beside a sentence about one rival. A marketer answers rivals one at a time
(one comparison page each), so each rival a buyer worries about on ``MIN_RIVAL_CALLS`` calls
gets its own theme; the rest (a rival named once, no rival known) share the category's.

Which rival a mention is about, nearest evidence first: the rival its sentence names, else the
only rival its turn names, else the only rival its call lists. Between full re-clusters a new
worry whose sentence names a rival joins that rival's theme (``cluster_rivals``); the others join
the nearest theme of the category.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Text, and_, cast, func, select, union
from sqlalchemy.orm import Session, aliased

from pipeline.brand_names import short_form
from pipeline.detect.competitors import KNOWN_RIVAL_CONFIDENCE
from pipeline.rival_names import squashed
from pipeline.store.models import Call, Mention, ProductProfileVersion

RIVAL_CATEGORY = "competitor"
MIN_RIVAL_CALLS = 2  # a rival worried about on fewer calls stays in the category's theme
# A theme is a rival's when the rival its members name most is named by at least this share of
# them: a rival's own theme is full of sentences that name no one ("They wanted a three-week
# setup"), while the category's mixed theme names each rival in a few.
RIVAL_THEME_SHARE = 0.3
_CHUNK = 500


def known_competitors(db: Session) -> list[str]:
    """Names from call metadata and from detected competitor mentions (filters, cluster names).

    A detected name our product profile gives as our own or as an integration ("Native push of
    approved hours to LedgerLeaf payroll") is a partner, not a rival: "We use LedgerLeaf." had
    put our payroll partner among the competitors, and its comparison page failed."""
    names = set(listed_rivals(db))
    partner = partner_check(db)
    names.update(n for n in mentioned_rivals(db) if not partner(n))
    return sorted(names, key=str.lower)


def mentioned_rivals(db: Session) -> list[str]:
    """The competitors detection found on stored calls, each once (our partners too): read
    without reading every call's row, once per upload (no rep's "over at <rival>" names the
    account)."""
    return [str(n) for n in db.scalars(select(Mention.competitor).distinct()) if n]


def rivals_on_file(db: Session, configured: Iterable[str] = ()) -> list[str]:
    """Every rival on file (``known_competitors`` and the ``configured`` names, each once),
    the one buyers mention most first: what a comparison can be about, in the order a user
    most likely wants it ("needs a competitor's name" had named none of them)."""
    mentioned = (
        select(Mention.competitor, func.count())
        .where(Mention.competitor.is_not(None), Mention.excluded.is_(False))
        .group_by(Mention.competitor)
    )
    counts = {str(name): int(n) for name, n in db.execute(mentioned)}
    names = {squashed(n): n for n in reversed([*known_competitors(db), *configured]) if n.strip()}
    return sorted(names.values(), key=lambda n: (-counts.get(n, 0), n.casefold()))


def listed_rivals(db: Session) -> list[str]:
    """The rivals the calls' records list (a manifest's or a CRM's competitor column), each
    once: what every call's detection looks for, a CRM note with no record of its own too.

    Read as each distinct list's JSON text (PostgreSQL's JSON has no "=", its text has): every
    analysis batch asks, and reading every call's list made a 100k-note upload quadratic."""
    lists = db.scalars(select(cast(Call.competitors, Text)).distinct())
    return sorted(
        {str(n) for text in lists if text for n in json.loads(text) or [] if n}, key=str.lower
    )


def rivals_named(db: Session, *where: Any) -> set[str]:
    """The competitors the buyers of the mentions ``where`` selects (joined with their call)
    name: a mention's own, and the competitor tags on its sentence. "Smokeball is cheaper than
    you per user" is a price worry with no competitor of its own; a document citing the price
    theme had not been told that buyers now name Smokeball."""
    tag = aliased(Mention)
    own = (
        select(Mention.competitor)
        .join(Call, Mention.call_id == Call.id)
        .where(Mention.excluded.is_(False), Mention.competitor.is_not(None), *where)
    )
    tagged = (
        select(tag.competitor)
        .join(
            Mention,
            and_(tag.utterance_id == Mention.utterance_id, tag.char_start == Mention.char_start),
        )
        .join(Call, Mention.call_id == Call.id)
        .where(tag.kind == "competitor", tag.competitor.is_not(None))
        .where(Mention.excluded.is_(False), *where)
    )
    partner = partner_check(db)  # "We use LedgerLeaf" names our payroll partner
    return {name for name in db.scalars(union(own, tagged)) if name and not partner(name)}


def partner_check(db: Session) -> Callable[[str], bool]:
    """Whether a name is ours or a partner's: named by the current product profile (our
    name, a plan, a feature's data source, an integration), except where the profile says
    what we replace ("We migrate hours from ClockBee"), and no rival the calls name as one
    configured or in their metadata. "4 seats on Team plan" (our plan), "We pay for Nearmap"
    (imagery our auto-layout reads) had been rivals on the dashboard; JobNimbus, a configured
    rival we also integrate with, had left it. A product of a maker the profile names, and its
    short name the calls use ("ConnectWise Automate", "Automate"), is a partner's too. Read
    once; the check is then free."""
    ours = _ours_in_profile(db)
    if not ours:
        return lambda name: False
    kept = rivals_the_calls_name(db)
    tagged = [str(n) for n in db.scalars(select(Mention.competitor).distinct()) if n]
    partners = {
        short.casefold()
        for name in tagged
        if name.casefold() not in kept and _by_a_partner(name, ours)
        for short in _shortened(name)
    }

    def partner(name: str) -> bool:
        if name.casefold() in kept:
            return False
        return _by_a_partner(name, ours) or name.casefold() in partners

    return partner


def _by_a_partner(name: str, ours: str) -> bool:
    """Whether the profile names ``name`` or its maker: "ConnectWise Automate" is a product of
    ConnectWise, whose Manage the profile integrates with; the buyer's RMM, not our rival."""
    maker = short_form(name)
    return _written_in(name, ours) or (maker is not None and _written_in(maker, ours))


def _shortened(name: str) -> list[str]:
    """What buyers call a maker's product once named: its words after the maker's ("Automate"
    of "ConnectWise Automate")."""
    words = name.split()
    return [" ".join(words[i:]) for i in range(1, len(words))]


def _written_in(name: str, text: str) -> bool:
    """Whether ``text`` names ``name`` (any case) where it starts with a capital or digit:
    "Team plan" names Team, "as a team" does not."""
    pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE)
    return any(not found.group()[0].islower() for found in pattern.finditer(text))


# What the profile says we replace: "We migrate hours from ClockBee", "faster than RotaPro".
# "Import" and "bring" say so only in onboarding (coming over to us): an integration or
# feature that "imports GPS miles from Samsara" keeps reading a partner's data, and had put
# that partner among the rivals.
_MOVED = r"migrat|mov|switch|transfer|convert|port"
_CARRIED = r"import|bring|brought"
_SWITCHED_SECTION = "onboarding"


def _replaced(verbs: str) -> re.Pattern[str]:
    """What a profile text says we replace, moved ``from`` with one of ``verbs`` or weighed."""
    return re.compile(
        rf"(?:\b(?:{verbs})\w*\s+(?:[\w,&'-]+\s+){{0,5}}?(?:from|off|out of)|\b(?:than|vs\.?"
        r"|versus|unlike|instead of|replac\w*))\s+[^.;!?\n]*",
        re.IGNORECASE,
    )


_REPLACED = _replaced(_MOVED)
_REPLACED_ON_ARRIVAL = _replaced(f"{_MOVED}|{_CARRIED}")


def _ours_in_profile(db: Session) -> str:
    """Every text of the current product profile but what it says we replace ("" without
    one)."""
    data = db.scalar(
        select(ProductProfileVersion.data).order_by(ProductProfileVersion.version.desc()).limit(1)
    )
    if not isinstance(data, dict):
        return ""
    return "\n".join(
        (_REPLACED_ON_ARRIVAL if section == _SWITCHED_SECTION else _REPLACED).sub("", text)
        for section, value in data.items()
        for text in (value if isinstance(value, list) else [value])
        if isinstance(text, str)
    )


def rivals_the_calls_name(db: Session) -> set[str]:
    """Rivals (case-folded) the calls name as configured ones: in a call's metadata or tagged
    at a known rival's confidence (a guessed name is tagged lower)."""
    listed = {
        str(n).casefold() for names in db.scalars(select(Call.competitors)) for n in names or []
    }
    tagged = (
        select(Mention.competitor)
        .distinct()
        .where(
            Mention.kind == "competitor",
            Mention.competitor.is_not(None),
            Mention.confidence >= KNOWN_RIVAL_CONFIDENCE,
        )
    )
    return listed | {str(n).casefold() for n in db.scalars(tagged)}


def rival_of(sentence: str | None, turn: set[str], call: set[str]) -> str | None:
    """The rival (case-folded) a mention is about: its sentence's, else its turn's only one,
    else its call's only one."""
    if sentence:
        return sentence.casefold()
    for named in (turn, call):
        if len(named) == 1:
            return next(iter(named))
    return None


def rival_walls(
    categories: Sequence[str | None],
    rivals: Sequence[str | None],
    call_ids: Sequence[int],
    spelling: dict[str, str],
) -> list[str | None]:
    """Each row's wall: its category, or ``competitor: <Rival>`` for a competitor-category row
    about a rival worried about on ``MIN_RIVAL_CALLS`` calls or more."""
    calls: dict[str, set[int]] = defaultdict(set)
    for category, rival, call_id in zip(categories, rivals, call_ids, strict=True):
        if category == RIVAL_CATEGORY and rival:
            calls[rival].add(call_id)
    walls: list[str | None] = []
    for category, rival in zip(categories, rivals, strict=True):
        if category == RIVAL_CATEGORY and rival and len(calls[rival]) >= MIN_RIVAL_CALLS:
            walls.append(f"{RIVAL_CATEGORY}: {spelling.get(rival, rival)}")
        else:
            walls.append(category)
    return walls


def mention_rivals(
    session: Session,
    categories: Sequence[str | None],
    sentence_rivals: Sequence[str | None],
    utterance_ids: Sequence[int],
    call_ids: Sequence[int],
) -> list[str | None]:
    """``rival_of`` each competitor-category row (None for the other rows), reading the
    competitor tags of their turns and the competitors of their calls."""
    wanted = [p for p, category in enumerate(categories) if category == RIVAL_CATEGORY]
    turns = _turn_rivals(session, {utterance_ids[p] for p in wanted})
    calls = _call_rivals(session, {call_ids[p] for p in wanted})
    out: list[str | None] = [None] * len(categories)
    for p in wanted:
        out[p] = rival_of(
            sentence_rivals[p], turns.get(utterance_ids[p], set()), calls.get(call_ids[p], set())
        )
    return out


def rival_spelling(session: Session) -> dict[str, str]:
    """Each known rival's case-folded name to its spelling in metadata and detections."""
    return {name.casefold(): name for name in reversed(known_competitors(session))}


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    ordered = sorted(ids)
    for start in range(0, len(ordered), _CHUNK):
        yield ordered[start : start + _CHUNK]


def _turn_rivals(session: Session, utterance_ids: set[int]) -> dict[int, set[str]]:
    named: dict[int, set[str]] = defaultdict(set)
    for chunk in _chunks(utterance_ids):
        for utterance_id, rival in session.execute(
            select(Mention.utterance_id, Mention.competitor).where(
                Mention.utterance_id.in_(chunk), Mention.competitor.is_not(None)
            )
        ):
            named[int(utterance_id)].add(str(rival).casefold())
    return named


def _call_rivals(session: Session, call_ids: set[int]) -> dict[int, set[str]]:
    listed: dict[int, set[str]] = {}
    for chunk in _chunks(call_ids):
        for call_id, competitors in session.execute(
            select(Call.id, Call.competitors).where(Call.id.in_(chunk))
        ):
            listed[int(call_id)] = {str(n).casefold() for n in competitors or [] if n}
    return listed


def cluster_rivals(session: Session, cluster_ids: Sequence[int]) -> dict[int, str]:
    """The rival (case-folded) most of each theme's members name in their sentence, for the
    themes where one does: a theme of that rival."""
    named: dict[int, dict[str, int]] = defaultdict(dict)
    sizes: dict[int, int] = defaultdict(int)
    for chunk in _chunks(cluster_ids):
        for cluster_id, rival in session.execute(
            select(Mention.cluster_id, Mention.competitor).where(
                Mention.cluster_id.in_(chunk), Mention.excluded.is_(False)
            )
        ):
            if cluster_id is None:
                continue
            sizes[cluster_id] += 1
            if rival:
                counts = named[cluster_id]
                counts[rival.casefold()] = counts.get(rival.casefold(), 0) + 1
    out: dict[int, str] = {}
    for cluster_id, counts in named.items():
        rival, count = max(counts.items(), key=lambda item: (item[1], item[0]))
        if count >= RIVAL_THEME_SHARE * sizes[cluster_id]:
            out[cluster_id] = rival
    return out
