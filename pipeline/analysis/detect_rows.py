"""A batch of calls detected into mention rows: the rivals each call's detection looks for
(its record's, the settings', those other calls' records list and those a user entered facts
about), our own names, what our product does, and the fuller name each rival is stored under.

Split from ``flow`` (the stages' order, batches and storing) because what a call's detection is
told is a concern of its own: a CRM note, which has no record, had not been told of the rivals
the manifest lists, and its "Requiem Desk" went untagged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.brand_names import brand_forms, our_brands
from pipeline.cluster.questions import stored_kind
from pipeline.cluster.rivals import listed_rivals
from pipeline.detect import Detection, Detector, UtteranceLike
from pipeline.redact import settings_redactor
from pipeline.rival_names import fuller_names
from pipeline.store.models import Call, CompetitorFact, Mention, ProductProfileVersion, Utterance
from pipeline.workspace import Workspace


def detected_rows(
    workspace: Workspace, detector: Detector, session: Session, call_ids: Sequence[int]
) -> list[dict[str, Any]]:
    """The mention rows of these calls. Calls sharing a competitor list are detected together:
    one embedding batch, not one per call (a call's 20 sentences embed at half the speed)."""
    calls = list(session.scalars(select(Call).where(Call.id.in_(call_ids)).order_by(Call.id)))
    turns: dict[int, list[UtteranceLike]] = {c.id: [] for c in calls}
    # Plain rows of the columns detection reads: ORM objects cost 50 us each to build.
    columns = (
        Utterance.id, Utterance.call_id, Utterance.role, Utterance.speaker, Utterance.text,
        Utterance.note_kind,  # the rep's own label in a note: the detector follows it
        Utterance.note_category,  # and the category it names ("Price objection:")
    )  # fmt: skip
    for utterance in session.execute(
        select(*columns)
        .where(Utterance.call_id.in_(call_ids))
        .order_by(Utterance.call_id, Utterance.seq)
    ):
        turns[utterance.call_id].append(utterance)
    groups: dict[tuple[tuple[str, ...], tuple[str, ...]], list[UtteranceLike]] = {}
    grouped_calls: dict[tuple[tuple[str, ...], tuple[str, ...]], list[int]] = {}
    settings = workspace.settings
    brands = our_brands(session, settings.our_company)  # never a rival
    work = _our_work(session)  # a system kept for other work is no rival
    elsewhere = settings.rival_names.canonical_list(
        [*listed_rivals(session), *_with_facts(session)]
    )
    for call in calls:
        named = settings.rival_names.canonical_list(call.competitors or [])
        if named != list(call.competitors or []):  # an alias added since: "HCP" is Housecall Pro
            call.competitors = named
        competitors = tuple(dict.fromkeys([*named, *settings.competitors]))
        ours = (*brands, *brand_forms([str((call.extra or {}).get("our_company") or "")]))
        groups.setdefault((competitors, ours), []).extend(turns[call.id])  # whole calls, in order
        grouped_calls.setdefault((competitors, ours), []).append(call.id)
    found: dict[int, list[Detection]] = {}
    for (competitors, ours), utterances in groups.items():
        # Redacted for the LLM check as content is: "We're on Aurora" keeps the rival's name.
        redactor = (
            settings_redactor(session, grouped_calls[(competitors, ours)], settings)
            if settings.llm_detect and settings.llm_configured  # only the LLM check reads it
            else None
        )
        found.update(
            detector.detect_utterances(
                utterances,
                competitors=list(competitors),
                redactor=redactor,
                ours=ours,
                elsewhere=elsewhere,
                work=work,
            )
        )
    fuller = _fuller(session, found, [*elsewhere, *(name for group, _ in groups for name in group)])
    return [
        _mention_row(call.id, utterance.id, d, fuller)
        for call in calls
        for utterance in turns[call.id]
        for d in found.get(utterance.id, [])
    ]


def _our_work(session: Session) -> tuple[str, ...]:
    """What our product does, in the current profile's pitch, features and proof points (not
    its integrations: others' systems): "We use Despatchly for the jobs" names no van
    tracker's rival, "Trakkio for tracking the vans" does."""
    data = session.scalar(
        select(ProductProfileVersion.data).order_by(ProductProfileVersion.version.desc()).limit(1)
    )
    if not isinstance(data, dict):
        return ()
    said = [data.get("pitch"), *(data.get("features") or []), *(data.get("proof_points") or [])]
    return tuple(text for text in said if isinstance(text, str) and text)


def _with_facts(session: Session) -> list[str]:
    """The rivals a user entered facts about: listed as surely as a record's, so named in any
    frame ("We're on Kegworth already, so yours has to sit beside it" is no kept tool's)."""
    names = session.scalars(select(CompetitorFact.competitor).distinct())
    return sorted({str(name) for name in names if name}, key=str.lower)


def _mention_row(
    call_id: int, utterance_id: int, d: Detection, fuller: dict[str, str]
) -> dict[str, Any]:
    """One detection as a mentions row. Small talk, clarifications and meeting logistics are
    not buyer questions worth a theme: they are stored as "other" (``stored_kind``), so no
    sentence goes missing."""
    kind, category = stored_kind(d.kind, d.text, d.category, d.source)
    return {
        "utterance_id": utterance_id,
        "call_id": call_id,
        "kind": kind,
        "category": category,
        "text": d.text,
        "char_start": d.char_start,
        "char_end": d.char_end,
        "competitor": fuller.get(d.competitor, d.competitor) if d.competitor else None,
        "confidence": d.confidence,
        "objection_probability": d.objection_probability,
        "category_margin": d.category_margin if kind == "objection" else None,
        "source": d.source,
    }


def _fuller(
    session: Session, found: dict[int, list[Detection]], configured: Sequence[str]
) -> dict[str, str]:
    """A rival's short name -> the fuller name buyers or the settings use for it (the
    dashboard had counted "Verizon" and "Verizon Connect" as two rivals)."""
    named = {d.competitor for detections in found.values() for d in detections if d.competitor}
    if not named:  # nothing to map: no query on every analysis batch
        return {}
    stored = session.scalars(
        select(Mention.competitor).where(Mention.competitor.is_not(None)).distinct()
    )
    return fuller_names([*named, *configured, *(n for n in stored if n)])
