"""How far a document's counted evidence moved since it was written: its themes' quotes and
calls, the calls naming the rival a comparison is about, and the product facts it cites. Each change
is said as a marketer acts on it ("3 new quotes in “Card fees” since v1 (10 now, 7 when
written; heard on 9 calls now, 7 when written)")."""

from __future__ import annotations

import math
from typing import Any, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.content.citations import page_order
from pipeline.content.profile import current_profile, profile_facts
from pipeline.content.quote_text import clip
from pipeline.content.rival_deals import calls_naming
from pipeline.content.written_notes import stated_counts
from pipeline.store.models import Call, Mention
from pipeline.wording import plural

# A count the page states moved enough to say so: by a tenth of it, and by one at least. One
# new quote in a theme of 7 is news to the page quoting it; in a theme of 500 it is not.
NEWS_SHARE = 0.1


def moved(was: int, now: int) -> bool:
    """A count went from ``was`` to ``now`` by enough that the page stating it is behind."""
    return abs(now - was) >= max(1, math.ceil(was * NEWS_SHARE))


class Counted(NamedTuple):
    """A theme's evidence now: its mentions, and the calls they are on."""

    mentions: int
    call_ids: frozenset[int]


def theme_counts(session: Session, ids: list[int], segment: list[Any]) -> dict[int, Counted]:
    """Each theme's mentions and calls now, counted as the page counted them (not excluded;
    a use case: its industry's calls only)."""
    mentions: dict[int, int] = {}
    calls: dict[int, set[int]] = {}
    for theme, call_id, count in session.execute(
        select(Mention.cluster_id, Mention.call_id, func.count())
        .join(Call, Mention.call_id == Call.id)
        .where(Mention.cluster_id.in_(ids), Mention.excluded.is_(False), *segment)
        .group_by(Mention.cluster_id, Mention.call_id)
    ):
        cluster_id = int(theme or 0)  # never None: the query asks for these themes only
        mentions[cluster_id] = mentions.get(cluster_id, 0) + int(count)
        calls.setdefault(cluster_id, set()).add(int(call_id))
    return {cid: Counted(mentions[cid], frozenset(calls[cid])) for cid in mentions}


NO_EVIDENCE = Counted(0, frozenset())  # a theme with no mention left


def theme_news(label: str, recorded: dict[str, Any], now: Counted, version: int) -> str | None:
    """What moved in one theme the page cites, or None: quotes gained or lost since the
    version was written, and the calls it is heard on."""
    was, then = int(recorded["size"]), int(recorded.get("calls") or 0)
    calls = len(now.call_ids)
    quotes_moved = moved(was, now.mentions)
    calls_moved = "calls" in recorded and moved(then, calls)
    if not (quotes_moved or calls_moved):
        return None
    heard = f"heard on {plural(calls, 'call')} now, {then} when written"
    if now.mentions == was:
        return f"{label} is {heard}"
    gained = now.mentions - was
    told = plural(abs(gained), "new quote" if gained > 0 else "fewer quote")
    counts = f"{now.mentions} now, {was} when written"
    return f"{told} in {label} since v{version} ({counts}{'; ' + heard if calls != then else ''})"


def reach_news(
    body_markdown: str, recorded: list[dict[str, Any]], counts: dict[int, Counted]
) -> list[str]:
    """The calls a page's themes are heard on together, when its text states that count
    ("heard on 12 sales calls", "on 6 sales calls and in 8 CRM notes") and it moved; a page of
    one theme says it per theme."""
    if len(recorded) < 2 or any("call_ids" not in c for c in recorded):
        return []
    then = {int(call) for c in recorded for call in c["call_ids"]}
    now = {call for c in recorded for call in counts.get(int(c["id"]), NO_EVIDENCE).call_ids}
    if len(then) not in stated_counts(body_markdown) or not moved(len(then), len(now)):
        return []
    heard = f"{plural(len(now), 'call')} and notes now"
    return [f"its themes are heard on {heard}; it says {plural(len(then), 'call')} and notes"]


def rival_news(session: Session, evidence: dict[str, Any], segment: list[Any]) -> list[str]:
    """A comparison's count of calls whose buyers named its rival, when that moved (recorded
    on pages written since it was)."""
    rival, was = evidence.get("competitor"), evidence.get("rival_calls")
    if not rival or not isinstance(was, int):
        return []
    now = calls_naming(session, str(rival), *segment)
    if not moved(was, now):
        return []
    return [f"buyers named {rival} on {plural(now, 'call')} now, {was} when written"]


def changed_facts(session: Session, body_markdown: str, evidence: dict[str, Any]) -> list[str]:
    """Product profile facts the page cites that are no longer in the profile (edited or
    removed since). Competitor facts are only ever added, so a cited one stands."""
    cited = set(page_order(body_markdown, "P"))
    stated = [f for f in evidence.get("profile") or [] if f.get("id") in cited]
    if not stated:
        return []
    profile = current_profile(session)
    now = {fact.text for fact in profile_facts(profile.profile if profile else None)}
    return [
        f"a product fact it cites was changed or removed: “{clip(str(f['text']), 80)}” [P{f['id']}]"
        for f in stated
        if f.get("text") not in now
    ]
