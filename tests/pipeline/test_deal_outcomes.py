"""A quote carries its deal's outcome, not its call's: the discovery call of a deal lost three
weeks later had shown "open" beside its quotes, counted under open in its theme and was left
out of the "lost" filter, while the comparisons counted the same deal as lost."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from pipeline.analysis.flow import analyse_calls
from pipeline.cluster.queries import get_cluster, list_clusters
from pipeline.content.collect import collect_evidence
from pipeline.content.stale_quotes import decided_since
from pipeline.deals import deal_outcomes
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.insights_corpus import THEMES, add_call

DEAL = "Bexley Print Works"
# (account, outcome, day): the deal's discovery call (open), then its close (lost).
CALLS = [
    (DEAL, "open", dt.date(2026, 1, 5)),
    ("Quill Diner", "won", dt.date(2026, 1, 12)),
    ("Rowan Tacos", "open", dt.date(2026, 1, 19)),
    (DEAL, "lost", dt.date(2026, 1, 26)),
    ("Saffron House", "won", dt.date(2026, 2, 2)),
    ("Ivy Florist", "lost", dt.date(2026, 2, 9)),
]


def _themed_calls(workspace: Workspace) -> list[int]:
    ids = [
        add_call(
            workspace,
            [lines[i] for lines in THEMES.values()],
            key=f"deal-call-{i}",
            outcome=outcome,
            account=account,
            day=day,
        )
        for i, (account, outcome, day) in enumerate(CALLS)
    ]
    analyse_calls(workspace, ids)
    return ids


def _expected(ids: list[int]) -> dict[int, str]:
    """Each call's deal's outcome, by hand: the deal's two calls read lost."""
    by_account = {account: outcome for account, outcome, _ in CALLS}  # the latest, in order
    return {i: by_account[account] for i, (account, _, _) in zip(ids, CALLS, strict=True)}


def test_quotes_counts_and_the_filter_follow_the_deals_latest_outcome(
    workspace: Workspace,
) -> None:
    ids = _themed_calls(workspace)
    expected, discovery = _expected(ids), ids[0]
    with workspace.session() as db:
        assert db.get(Call, discovery).outcome == "open"  # the call's own, as stored
        assert deal_outcomes(db, ids) == expected
        themes = list_clusters(db, kind="objection")
        details = [get_cluster(db, theme["id"]) for theme in themes]
        mentions = [m for d in details for m in d["mentions"]]
        said = [m for m in mentions if m["call_id"] == discovery]
        assert said and {m["outcome"] for m in said} == {"lost"}
        shown = [q for d in details for q in d["quotes"] if q["call_id"] == discovery]
        assert all(q["outcome"] == "lost" for q in shown)
        for theme, detail in zip(themes, details, strict=True):
            counted = Counter(expected[m["call_id"]] for m in detail["mentions"])
            assert theme["outcome_counts"] == dict(sorted(counted.items()))
        for outcome in ("lost", "open", "won"):
            listed = list_clusters(db, kind="objection", outcome=outcome)
            wanted = [m for m in mentions if expected[m["call_id"]] == outcome]
            assert sum(t["size"] for t in listed) == len(wanted) > 0, outcome
            assert all(set(t["outcome_counts"]) == {outcome} for t in listed)


def test_a_documents_quotes_and_theme_counts_follow_the_deal(workspace: Workspace) -> None:
    ids = _themed_calls(workspace)
    expected, discovery, close = _expected(ids), ids[0], ids[3]
    with workspace.session() as db:
        themes = [t["id"] for t in list_clusters(db, kind="objection")]
        evidence = collect_evidence(db, themes, redact=False, quotes_per_cluster=6)
        assert {q.call_id: q.outcome for q in evidence.quotes} == {
            q.call_id: expected[q.call_id] for q in evidence.quotes
        }
        assert any(q.call_id == discovery for q in evidence.quotes)
        for cluster in evidence.clusters:
            counted = Counter(expected[c] for c in cluster.call_ids)
            assert cluster.outcomes == dict(sorted(counted.items()))
        given = [{"call_id": q.call_id, "outcome": q.outcome} for q in evidence.quotes]
        assert decided_since(db, given) == []  # as given: no deal has moved since
        db.get(Call, close).outcome = "won"  # the deal is won after all
        db.flush()
        assert f"call {discovery} is now won (was lost)" in decided_since(db, given)
