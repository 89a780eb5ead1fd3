"""A theme nothing else names is named by one of its quotes; when its quotes mostly stay and
that quote can still name it, a re-cluster keeps the name rather than swap it for another
quote's words, and gives it up for what more of its quotes say (real embedder and namer)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import pytest

from pipeline.cluster.held_names import a_quotes_words, held_name, quote_names_kept
from pipeline.cluster.label import ClusterLabel, centralities, name_clusters
from pipeline.embed import Embedder, normalise
from pipeline.store.models import Cluster

# (pains a theme was named on, pains an upload added to it): nothing most of them share.
QUOTE_FOR_QUOTE = {
    "vets": (
        [
            "Half our reminder letters come back undelivered.",
            "The front desk spends whole mornings on hold to the lab.",
            "Owners turn up for boosters we never booked.",
            "Nobody can find the consent forms when the surgeon asks.",
        ],
        [
            "We lose an hour every day chasing insurers for pre-authorisations.",
            "Locums never know where anything is in the system.",
            "Stock of the flea treatments runs out before anyone notices.",
        ],
    ),
    "warehousing": (
        [
            "Pickers walk the whole aisle twice because the bins are mislabelled.",
            "The forklift charger trips every time the kettle goes on.",
            "Drivers leave without the signed delivery notes.",
            "Returns sit on the dock for a week before anyone books them in.",
        ],
        [
            "Goods in gets booked against the wrong purchase order.",
            "Nobody knows which bay the damaged stock went to.",
            "Putaway takes longer than unloading the lorry.",
        ],
    ),
    "salons": (
        [
            "Clients book online for colours we don't do on a Monday.",
            "The card machine drops out when the dryers are on.",
            "Stylists swap shifts on WhatsApp and the diary never knows.",
            "Product orders arrive the day after we run out of toner.",
        ],
        [
            "Walk-ins wait while the junior hunts for clean gowns.",
            "Regulars forget their patch test and we have to turn them away.",
            "The till and the diary never agree on who paid.",
        ],
    ),
}

# The upload's pains say what several of the theme's say: that names it now.
SAID_BY_MORE = {
    "vets": (
        QUOTE_FOR_QUOTE["vets"][0] + ["The rota gets printed on Friday and is wrong by Monday."],
        [
            "The rota never shows which vet is on call at the weekend.",
            "Every week the rota has a gap on Saturday morning.",
            "Swapping a shift on the rota takes three phone calls.",
        ],
    ),
    "warehousing": (
        QUOTE_FOR_QUOTE["warehousing"][0],
        [
            "Drivers come back with half the proofs of delivery unsigned.",
            "The van leaves before the paperwork for the last drop is printed.",
            "Customers say we never delivered because the driver lost the notes.",
        ],
    ),
    "salons": (
        QUOTE_FOR_QUOTE["salons"][0],
        [
            "The online booking lets clients pick stylists who are off that day.",
            "Clients book a cut online and turn up wanting a full colour.",
            "Online bookings land in slots the stylist has already blocked.",
        ],
    ),
}


def _named(embedder: Embedder, texts: Sequence[str]) -> tuple[str, list[float]]:
    """The built-in name of one pain theme of ``texts``, and how typical each text is."""
    vectors = embedder.encode(list(texts))
    [typical] = centralities(vectors, [range(len(texts))], normalise(vectors.sum(axis=0)))
    [name] = name_clusters([list(texts)], [typical], kind="pain")
    return name, typical


def _renamed(embedder: Embedder, old: list[str], new: list[str]) -> tuple[str, str, str]:
    """(the name on ``old``, the namer's on them all, the name a re-cluster shows)."""
    before, _ = _named(embedder, old)
    texts = old + new
    fresh, typical = _named(embedder, texts)
    theme = Cluster(id=5, kind="pain", name=before, auto_name=before, status="active")
    held = partial(
        held_name, theme, {5: set(range(len(old)))}, set(range(len(texts))), texts, typical, []
    )
    holding = held(None, kind="pain")
    [shown] = quote_names_kept(
        [ClusterLabel(holding or fresh, [], "")],
        [holding],
        [partial(held, None, kind="pain", alone=True)],
        [texts],
        [None],
        [],
    )
    return before, fresh, shown.name


@pytest.mark.parametrize("trade", sorted(QUOTE_FOR_QUOTE))
def test_a_quotes_name_is_not_swapped_for_another_quotes(embedder: Embedder, trade: str) -> None:
    old, new = QUOTE_FOR_QUOTE[trade]
    before, fresh, shown = _renamed(embedder, old, new)
    # the premise: both are one quote's words, and the namer alone would swap them
    assert a_quotes_words(before, old, None, []) and a_quotes_words(fresh, old + new, None, [])
    assert fresh != before
    assert shown == before


@pytest.mark.parametrize("trade", sorted(SAID_BY_MORE))
def test_a_quotes_name_gives_way_to_what_more_quotes_say(embedder: Embedder, trade: str) -> None:
    old, new = SAID_BY_MORE[trade]
    before, fresh, shown = _renamed(embedder, old, new)
    assert a_quotes_words(before, old, None, [])
    assert not a_quotes_words(fresh, old + new, None, [])
    assert shown == fresh != before
