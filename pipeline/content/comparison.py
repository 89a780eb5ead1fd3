"""The offline comparison page: us and one rival, side by side, from what buyers said of the
rival itself and the facts our team entered.

Split from ``drafts`` (the other offline drafts) because a fair page needs rules of its own: a
quote goes in the rival's column only when it says something about the rival
(``rival_claims.speaks_of``), a row per thing said of it (``rival_rows``) answered by a fact on
the same (``row_answers``), "lost to" only where the deal's words say the rival won it.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.content.deal_terms import opposite_fact
from pipeline.content.drafts import names_the_rival, say, say_quoting
from pipeline.content.evidence import Evidence, Quote
from pipeline.content.our_fit import where_we_fit
from pipeline.content.plan_scope import cheaper_plan
from pipeline.content.profile import ProfileFact
from pipeline.content.quote_text import clip
from pipeline.content.rival_claims import asks, finds_fault, names_rival, rival_topic
from pipeline.content.rival_fit import (
    aspect_topic,
    fits_them_better,
    keeps_them,
    moved_to,
    offers_something,
    ours_too,
    says_well,
    states_a_price,
    switched_calls,
    tells_a_failure,
)
from pipeline.content.rival_points import said_of_them, strong_in_them
from pipeline.content.rival_polarity import fault_words, praise_and_fault
from pipeline.content.rival_prices import (
    names_them,
    rival_price_verdict,
    states_their_price,
    their_words,
)
from pipeline.content.rival_rows import ClaimRow, claim_rows, claims_about, heading_for
from pipeline.content.row_answers import TOPIC_SECTIONS, our_answers
from pipeline.content.row_facts import fact_row_answer
from pipeline.content.types import MAX_CITATIONS, Comparison, ComparisonRow, FitPoint
from pipeline.deals import outcome_counts
from pipeline.errors import BadInput

MAX_ROWS = 6
MAX_FIT = 4  # points where either side fits better


def naming_rival(evidence: Evidence, name: str) -> list[Quote]:
    """Buyer quotes tagged with the rival or naming it (a sentence quoted for its theme first
    carries no tag, and had left the ClockBee page with one quote); no line of an unknown side,
    which may be our rep's word on the rival."""
    said = [q for q in evidence.quotes if q.kind != "answer" and q.role != "unknown"]
    return [q for q in said if names_the_rival(q, name)]


def _shown(claims: tuple[Quote, ...], room: int, limit: int = 240) -> list[Quote]:
    """The claims a row's rival column quotes: the first, and the next while they fit in
    ``limit`` characters and in the ``room`` citations a row may carry (five short quotes
    and a reply had made a row the schema refuses: a server error)."""
    shown = [claims[0]]
    for quote in claims[1:]:
        if len(shown) >= room or sum(len(q.text) + 3 for q in [*shown, quote]) > limit:
            break
        shown.append(quote)
    return shown


def rival_wanted(label: str, on_file: Sequence[str], shown: int = 8) -> str:
    """Why a comparison was refused without a competitor, naming the rivals on file (most
    mentioned first) to pick from: the reason had named none."""
    wanted = f"A {label.lower()} needs a competitor's name to compare with"
    if not on_file:
        return f"{wanted}; none is on file yet (no buyer named one, no call or setting lists one)."
    more = f" and {len(on_file) - shown} more" if len(on_file) > shown else ""
    listed = ", ".join(on_file[:shown])
    return f"{wanted}: the rivals on file, most mentioned first, are {listed}{more}."


def comparison(evidence: Evidence) -> Comparison:
    name = evidence.competitor
    if not name:
        raise BadInput("a comparison needs a competitor (--competitor NAME)")
    naming, claims = naming_rival(evidence, name), claims_about(evidence, name)
    forms, ours = evidence.rival_forms or (name,), [evidence.product] if evidence.product else []
    heading = {q.id: heading_for(q, forms, ours) for q in claims}
    # What a line says of them, kept for the lists below: a lost deal's reason is filed where
    # they fit better, and the same line (one source) is still why buyers stay with them.
    said_of = dict(heading)
    if not claims and not evidence.facts:
        raise BadInput(
            f"no buyer quotes or facts about {name} itself (not only their own work done in "
            f"it): add facts about them with `callmine facts add {name} ...` (or `callmine "
            f"facts import`) or `POST /api/competitors/{name}/facts`, each with its source"
        )
    # Where they fit better: what buyers found strong in them, the deals we lost to them
    # first, then the other lost deals; not a contract that runs on, a fault found with them,
    # or their price said plainly ("Canopy's $2,500 for setup" is a fact about their deal).
    # Why a deal went to them, its own line or the rep's note, first: the page counts those
    # deals as lost to them, and had not said why. In such a deal what holds the buyer to them
    # ("their MSP already runs X on all 40 machines") is why they fit better; a fault found
    # with them is no reason they won.
    reasons = [q for i in evidence.rival_reasons if (q := evidence.quote(i)) and not asks(q.text)]
    for quote in reasons:
        heading[quote.id] = "short" if heading_for(quote, forms, ours) == "short" else "strong"
    # A line that praises them in one clause and faults them in the next is filed by clause:
    # "X's fine for scheduling" where they fit better, "its reporting is useless" where not.
    halves = {
        q.id: split
        for q in claims
        if heading[q.id] == "short" and (split := praise_and_fault(q.text, forms))
    }
    strong = [q for q in reasons if heading[q.id] == "strong"] + sorted(
        (q for q in claims if (heading[q.id] == "strong" or q.id in halves) and q not in reasons),
        key=lambda q: (q.call_id not in evidence.rival_won, q.outcome != "lost"),
    )
    strong = [
        q
        for q in strong
        if _fits_them(q, halves, forms, ours) and (q.id in halves or not ours_too(evidence, q))
    ][:MAX_FIT]
    rows = _fact_rows(evidence)
    named = {q.call_id for q in naming} | {q.call_id for q in claims}
    answers = [q for q in evidence.of_kind("answer") if q.call_id in named][:2]
    # A rival's column quotes what is said of the rival: not "It's still too pricey for us",
    # which names no rival and is said of our offer (listed where the rival fits better).
    theirs = [q for q in claims if heading[q.id] != "strong" or names_them(q.text, forms, ours)]
    said_rows = claim_rows(theirs, forms)[: MAX_ROWS - len(rows)]
    # A fact a fact row states is referred to there, not written out twice.
    stated = {i: r.aspect for r in rows for i in r.profile}
    spare: list[ComparisonRow] = []  # rows on nothing buyers compared, nothing of ours answers
    for row, (fact, reply) in zip(said_rows, our_answers(evidence, said_rows), strict=True):
        us = clip(fact.text, 240) if fact else None
        if fact and fact.id in stated:
            us = say("row_said_above", aspect=stated[fact.id])
        if reply is not None:  # the fact first: published, the rep's words are left out
            said = say_quoting("quoted", 240, text=reply.text)
            if us and len(us) + 1 + len(said) > 240:
                reply = None  # our fact says it; the rep's words would not fit beside it
            else:
                us = f"{us} {said}" if us else said
        shown = _shown(row.claims, room=MAX_CITATIONS - (reply is not None))
        theirs_said = [their_words(q.text, forms, ours) for q in shown]  # not our price
        aspect = say(
            "rival_aspect",
            topic=_row_topic(row, forms),
            outcome=row.outcome,
            calls=row.deals(evidence.rival_deals),
        )
        if reply is None and _onto_fact_row(rows, aspect, shown, us, fact):
            continue
        (rows if fact or reply or _compared(row, forms) else spare).append(
            ComparisonRow(
                aspect=aspect,
                us=us or say("answer_to_write", replies=bool(answers)),
                them=clip(" ".join(say_quoting("quoted", 240, text=t) for t in theirs_said), 240),
                citations=[q.id for q in shown] + ([reply.id] if reply else []),
                facts=[],
                profile=[fact.id] if fact else [],
            )
        )
    rows = rows or spare[:1]  # a page has a row: the first line said of them, as it is
    # Where we fit better: what buyers who chose us said of them or of us, then won answers.
    us_better = where_we_fit(evidence, claims, naming, answers, forms, ours)
    # The calls the page quotes, not every call its evidence holds; a line stating the rival's
    # price first ("X came in at five-fifty flat" before a word on it).
    pool = sorted(
        dict.fromkeys([*reasons, *claims]), key=lambda q: not states_their_price(q.text, forms)
    )
    switched = switched_calls(evidence.quotes, forms)
    stay, short, pricing = (
        [
            said_of_them(q, name, words)
            for q in pool
            if said_of.get(q.id, heading.get(q.id)) == said
            and _listed(said, q, switched, forms)
            # Where they fall short, a line's complaint of them alone (``fault_words``).
            and (
                words := halves[q.id][1]
                if q.id in halves
                else q.text
                if said != "short"
                else fault_words(q.text, forms, ours)
            )
        ][:4]
        for said in ("stay", "short", "price")
    )
    stay = [*stay, *_stays_unrowed(spare, pool, stay, switched, name)]
    # One line, one heading: a line quoted where they fit better is not also why buyers stay.
    fit = {q.id for q in strong}
    stay = [point for point in stay if not fit & set(point.citations)][:4]
    deals = _deals(evidence, name)
    cited = {i for row in rows for i in row.citations} | {q.id for q in strong}
    for point in [*us_better[:MAX_FIT], *stay, *short, *pricing]:
        cited |= set(point.citations)
    calls = len({q.call_id for q in evidence.quotes if q.id in cited})
    # How many calls named them is the dashboard's count; the page quotes some of those.
    named_on = max(evidence.rival_calls, calls)
    return Comparison(
        title=clip(say("comparison_title", name=name, product=evidence.product), 120),
        summary=clip(say("comparison_summary", name=name, calls=named_on, quoted=calls), 600),
        rows=rows,
        us_better_when=us_better[:MAX_FIT],
        them_better_when=[
            *(
                strong_in_them(
                    q, name, evidence.rival_won, halves[q.id][0] if q.id in halves else q.text
                )
                for q in strong
            ),
            *_their_features(evidence, rows, name),
        ][:MAX_FIT],
        why_they_stay=stay,
        falls_short=short,
        their_pricing=pricing,
        deals=deals,
    )


def _fact_rows(evidence: Evidence) -> list[ComparisonRow]:
    """A row per fact our team entered on the rival (three at most), our side a profile fact
    stating the same term of a deal the other way (``deal_terms``: their commission, our "no
    booking commission"), else one of its topic's lists naming what it names
    (``fact_row_answer``), each once, else a gap to write."""
    rows: list[ComparisonRow] = []
    for fact in evidence.facts[:3]:
        used = {i for row in rows for i in row.profile}
        stated = [f for f in evidence.profile if f.id not in used and evidence.may_state(f)]
        lists = TOPIC_SECTIONS.get(rival_topic(fact.text) or "", ())
        ours = opposite_fact(fact.text, stated) or fact_row_answer(evidence, fact.text, used, lists)
        if ours is not None:  # a plan's price: the cheapest covering what theirs covers
            ours = cheaper_plan([fact.text], stated, evidence.rival_forms, chosen=ours) or ours
        rows.append(
            ComparisonRow(
                aspect=say("rival_aspect", topic=aspect_topic(fact.text, "what_it_is")),
                us=clip(ours.text, 240) if ours else say("compare_to_write"),
                them=clip(fact.text, 240),
                citations=[],
                facts=[fact.id],
                profile=[ours.id] if ours else [],
            )
        )
    return rows


def _fits_them(
    quote: Quote, halves: dict[int, tuple[str, str]], forms: Sequence[str], ours: list[str]
) -> bool:
    """Whether a line (its praised half, where split) may say where the rival fits better
    (``fits_them_better``): no failure, no neutral line of how the buyer works, no complaint
    about us."""
    if quote.id in halves:
        return True  # its praised clause (``praise_and_fault``) says well of them
    # Called the cheaper by name: our price called steep ("It's not cheap", "It's too much")
    # is a complaint about us, no strength of theirs.
    text = quote.text
    cheaper = "cheaper" in rival_price_verdict(text, forms, ours) and names_rival(text, forms)
    return fits_them_better(quote, ours, cheaper)


def _their_features(evidence: Evidence, rows: list[ComparisonRow], name: str) -> list[FitPoint]:
    """Where they fit better by our team's facts: a fact telling a thing the rival does or has
    (``offers_something``) that its row found nothing of ours to set beside (a thing we lack),
    never a fault or a term of theirs ("X contracts renew yearly")."""
    answered = {i for row in rows if row.profile for i in row.facts}
    return [
        FitPoint(
            text=say("their_feature", name=name, text=clip(fact.text, 200)),
            citations=[],
            facts=[fact.id],
        )
        for fact in evidence.facts
        if fact.id in {i for row in rows for i in row.facts}
        and fact.id not in answered
        and offers_something(fact.text)
        and not tells_a_failure(fact.text)
    ]


def _stays_unrowed(
    spare: Sequence[ComparisonRow],
    pool: Sequence[Quote],
    stay: Sequence[FitPoint],
    switched: frozenset[int],
    name: str,
) -> list[FitPoint]:
    """The lines of rows left out of the table (on nothing buyers compared, nothing of ours
    answering) that find no fault with the rival and keep the buyer with it, as reasons buyers
    stay: "To be fair, X is fine for the routes." and "I trained eight people on X's boards last
    spring. I'm not doing that again." had been quoted nowhere once such rows left the table."""
    listed = {i for point in stay for i in point.citations}
    by_id = {q.id: q for q in pool}
    cited = [i for row in spare for i in row.citations if i not in listed and i in by_id]
    return [
        said_of_them(q, name, q.text)
        for i in dict.fromkeys(cited)
        if not finds_fault((q := by_id[i]).text) and keeps_them(q, switched)
    ]


def _listed(heading: str, quote: Quote, switched: frozenset[int], forms: Sequence[str]) -> bool:
    """Whether a line filed under ``heading`` is listed there: a reason to stay is no wish
    to leave nor a buyer who moved to them (``keeps_them``), a price is said as one."""
    if heading == "stay":
        return keeps_them(quote, switched)
    return heading != "price" or states_a_price(quote.text, forms)


def _row_topic(row: ClaimRow, forms: Sequence[str]) -> str:
    """A row's topic: what its words are about, else the buyer's choice of the rival, else
    whether they like it."""
    if row.topic:
        return row.topic
    text = row.claims[0].text
    if moved_to(text, forms):
        return "decision"
    return aspect_topic(text, "liked" if says_well(text) else "what_it_does")


def _compared(row: ClaimRow, forms: Sequence[str]) -> bool:
    """Whether a row is on something buyers compared (price, switching, how they work today,
    what the rival does or lacks, a problem they have with it...): not a line whose words name
    nothing of the rival's ("I'll probably take X's deal and look again next year."), which,
    unanswered, is no row while the page has another. The RotaPro page had four "What it does"
    rows, each "To write", quoting lines that said nothing of what RotaPro does."""
    claim = row.claims[0]
    if claim.kind == "pain":  # a problem they have with it ("X drains the desk's Fridays")
        return True
    return (
        _row_topic(row, forms) != "what_it_does" or finds_fault(claim.text) or says_well(claim.text)
    )


def _onto_fact_row(
    rows: list[ComparisonRow],
    aspect: str,
    shown: list[Quote],
    us: str | None,
    fact: ProfileFact | None,
) -> bool:
    """Put buyers' lines on a point a fact row already covers ("Price") into that row's note,
    whole quotes while they fit, our fact beside them where the row had none; False where
    there is no such row or no quote fits (a row of their own then). Why: the RotaPro page had
    two "Price" and two "Plans and terms" rows, the second saying "As in the … row above"; and
    the fact and the quotes run on in one cell had read as one stitched sentence."""
    at = next((i for i, r in enumerate(rows) if r.facts and r.aspect == aspect), None)
    if at is None:
        return False
    row = rows[at]
    quoted: list[tuple[str, int]] = []
    for quote in shown:
        text = say_quoting("quoted", 240, text=quote.text)
        length = len(row.note) + sum(len(t) + 1 for t, _ in quoted) + len(text)
        if len(row.citations) + len(quoted) >= MAX_CITATIONS or length > 240:
            break
        quoted.append((text, quote.id))
    if not quoted:
        return False
    update: dict[str, object] = {
        "note": " ".join([row.note, *(t for t, _ in quoted)]).strip(),
        "citations": [*row.citations, *(i for _, i in quoted)],
    }
    if not row.profile and fact is not None and us:
        update |= {"us": us, "profile": [fact.id]}
    rows[at] = row.model_copy(update=update)
    return True


def _deals(evidence: Evidence, name: str) -> list[str]:
    """The deals buyers named the rival in (``pipeline.deals``: a deal's calls count once, with
    its latest outcome), and how many of those lost went to it by the deal's own words."""
    deals = evidence.rival_deals
    if not deals:
        return []
    counts = outcome_counts(deals)
    won, lost = counts["won"], counts["lost"]
    counts_line = say(
        "deals_named", name=name, calls=len(deals), won=won, lost=lost,
        other=len(deals) - won - lost,
    )  # fmt: skip
    to_them = [d for d in deals if d.outcome == "lost" and evidence.rival_won & set(d.call_ids)]
    lost_to = [say("deals_lost_to", name=name, count=len(to_them), lost=lost)] if to_them else []
    return [clip(line, 240) for line in [counts_line, *lost_to]]
