"""Synthetic buyer sentences in clear themes, stored as calls (shared by the insights tests)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.analysis.flow import analyse_calls
from pipeline.store.models import AnalysisState, Call, Mention, Utterance
from pipeline.workspace import Workspace

THEMES: dict[str, list[str]] = {
    "price": [
        "Honestly the price is too high for our budget this year.",
        "It is just too expensive compared to what we pay now.",
        "We can't justify that cost to finance right now.",
        "The licence fee is way more than we budgeted for.",
        "I'm worried the pricing will be too expensive once we add more seats.",
        "That price is a lot more than we expected to pay.",
    ],
    "setup": [
        "I'm worried setup will take months and we don't have the time.",
        "How long does the implementation take, because we can't spend weeks onboarding?",
        "Our concern is the setup time, our team is already stretched.",
        "The onboarding process sounds like it will take too long for us.",
        "We don't have the people to spend months on implementation.",
        "I'm concerned the rollout and setup will drag on for ages.",
    ],
    "integrations": [
        "Does it integrate with Salesforce? That's a blocker if it doesn't.",
        "We need it to work with our HubSpot CRM or it's a non-starter.",
        "I'm worried it won't integrate with the tools we already use.",
        "Without a Slack integration our team won't adopt it.",
        "The lack of an API integration with our ERP concerns me.",
        "Will it connect to our existing CRM, because that's essential for us?",
    ],
}


def add_call(
    workspace: Workspace,
    lines: Sequence[str],
    *,
    key: str,
    outcome: str = "lost",
    account: str = "Acme",
    day: dt.date = dt.date(2026, 3, 2),
) -> int:
    """Store a call whose buyer says ``lines`` (a rep line before each); returns its id."""
    with workspace.session() as session:
        call = Call(
            content_hash=key.ljust(64, "0")[:64],
            filename=f"{key}.txt",
            format="txt",
            raw_text="\n".join(lines),
            call_date=day,
            account=account,
            outcome=outcome,
            our_speakers=["Rep"],
            competitors=[],
        )
        session.add(call)
        session.flush()
        seq = 0
        for line in lines:
            for speaker, role, text in (("Rep", "rep", "Thanks, go on."), ("Buyer", "buyer", line)):
                session.add(
                    Utterance(
                        call_id=call.id,
                        seq=seq,
                        speaker=speaker,
                        role=role,
                        text=text,
                        start_seconds=float(seq * 10),
                    )
                )
                seq += 1
        return call.id


def add_objection(
    session: Session,
    utterance: Utterance,
    category: str,
    *,
    competitor: str | None = None,
    confidence: float = 0.9,
) -> Mention:
    """An objection over the whole of a buyer's turn, as the detector would store it."""
    mention = Mention(
        utterance_id=utterance.id,
        call_id=utterance.call_id,
        kind="objection",
        category=category,
        text=utterance.text,
        char_start=0,
        char_end=len(utterance.text),
        competitor=competitor,
        confidence=confidence,
    )
    session.add(mention)
    return mention


def add_theme_quote(
    workspace: Workspace,
    cluster_id: int,
    text: str,
    *,
    kind: str,
    category: str | None,
    confidence: float,
    key: str,
    account: str,
) -> None:
    """A call whose buyer says ``text``, stored as a ``kind`` mention in theme ``cluster_id``
    with the ``confidence`` a test ranks its quotes by."""
    call_id = add_call(workspace, [text], key=key, account=account)
    with workspace.session() as session:
        utterance = session.scalars(
            select(Utterance).where(Utterance.call_id == call_id, Utterance.role == "buyer")
        ).one()
        session.add(
            Mention(
                utterance_id=utterance.id, call_id=call_id, kind=kind, category=category,
                text=text, char_start=0, char_end=len(text), confidence=confidence,
                cluster_id=cluster_id,
            )
        )  # fmt: skip


def add_quote(workspace: Workspace, text: str, category: str, key: str, confidence: float) -> None:
    """A call whose buyer says ``text``, stored as an objection in no theme (as a detection
    between two full re-clusters would be). The call is marked analysed: left pending, a
    server starting over the workspace analyses it again in the background, re-detecting and
    re-clustering under the test's feet (a flaky test had shown it)."""
    call_id = add_call(workspace, [text], key=key)
    with workspace.session() as session:
        session.get_one(Call, call_id).analysis_state = AnalysisState.analysed
        for utterance in session.scalars(
            select(Utterance).where(Utterance.call_id == call_id, Utterance.role == "buyer")
        ):
            add_objection(session, utterance, category, confidence=confidence)


def analysed_corpus(workspace: Workspace) -> list[int]:
    """Six calls, each buyer raising one sentence of every theme; analysed and clustered."""
    ids = [
        add_call(
            workspace,
            [sentences[i] for sentences in THEMES.values()],
            key=f"theme-call-{i}",
            outcome="lost" if i % 2 else "won",
            account=f"Account {i % 3}",
            day=dt.date(2026, 1, 5) + dt.timedelta(days=7 * i),
        )
        for i in range(6)
    ]
    analyse_calls(workspace, ids)
    return ids
