"""Calls pages: the filtered list, and one call's transcript with detections highlighted."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from api.auth import LABELLERS, MARKETING, READ
from api.deps import SessionDep, WorkspaceDep
from api.web import Segment, highlight, redirect, render
from pipeline.analysis.corrections import correctable_sentences, label_sentence
from pipeline.calls.edits import correct_call, correct_details
from pipeline.calls.queries import get_call, kept_mentions, list_calls, speaker_roles
from pipeline.calls.schemas import CallUpdate
from pipeline.detect import DETECTED_ROLES, KINDS, load_seeds
from pipeline.detect import KIND_LABELS as DETECTED_KIND_LABELS
from pipeline.detect import learning as detections
from pipeline.errors import BadInput, CallmineError
from pipeline.ingest.schemas import split_names
from pipeline.ingest.speaker_ids import shown_speaker_ids
from pipeline.ingest.values import iso_date
from pipeline.store.models import Outcome
from pipeline.types import PageNumber, RowId

router = APIRouter()

PAGE_SIZE = 50
TURNS_PER_PAGE = 300  # of one call's transcript
ROLE_CHOICES = ("buyer", "rep", "unknown")
# What the transcript highlights: every kind a sentence may have but "other", then the tags.
KIND_LABELS = {
    **{kind: label.capitalize() for kind, label in DETECTED_KIND_LABELS.items() if kind != "other"},
    "competitor": "Competitor",
    "why_now": "Why now",
}


@router.get("/calls", response_class=HTMLResponse, dependencies=[READ])
def calls_page(
    request: Request,
    db: SessionDep,
    outcome: str = "",
    account: str = "",
    date_from: str = "",
    date_to: str = "",
    page: PageNumber = 1,
) -> HTMLResponse:
    filters = {"outcome": outcome, "account": account, "date_from": date_from, "date_to": date_to}
    error = None
    try:
        result = list_calls(
            db,
            outcome=outcome or None,
            account=account or None,
            date_from=iso_date(date_from, "date_from"),
            date_to=iso_date(date_to, "date_to"),
            page=page,
            page_size=PAGE_SIZE,
        )
    except CallmineError as exc:
        error = exc.detail
        result = list_calls(db, page=1, page_size=PAGE_SIZE)
    pages = max(1, -(-result.total // PAGE_SIZE))
    return render(
        request,
        "calls.html",
        title="Calls",
        calls=result,
        filters=filters,
        pages=pages,
        error=error,
    )


def _spans(db: SessionDep, call_id: int) -> dict[int, list[tuple[int, int, str, str]]]:
    """Char spans of the kept detections per utterance, for highlighting: only the kinds the
    key shows, so "other" (a lead-in, small talk) stays plain text."""
    spans: dict[int, list[tuple[int, int, str, str]]] = {}
    for utterance_id, mentions in kept_mentions(db, call_id).items():
        for m in mentions:
            if m.kind not in KIND_LABELS:
                continue
            note = KIND_LABELS[m.kind]
            if m.category:
                note += f": {m.category.replace('_', ' ')}"
            if m.competitor:
                note += f" ({m.competitor})"
            spans.setdefault(utterance_id, []).append((m.char_start, m.char_end, m.kind, note))
    return spans


@router.get("/calls/{call_id}", response_class=HTMLResponse, dependencies=[READ])
def call_page(
    request: Request,
    db: SessionDep,
    workspace: WorkspaceDep,
    call_id: RowId,
    page: PageNumber = 1,
) -> HTMLResponse:
    """One page of the transcript (``TURNS_PER_PAGE`` turns): a long call stays a light page."""
    call = get_call(db, call_id, limit=TURNS_PER_PAGE, offset=(page - 1) * TURNS_PER_PAGE)
    pages = max(1, -(-call.utterance_count // TURNS_PER_PAGE))
    seeds = load_seeds(workspace.settings.data_dir)
    sentences = {  # what a user may correct: each sentence the detector read (not a rep's)
        u.id: correctable_sentences(u.text) for u in call.utterances if u.role in DETECTED_ROLES
    }
    spans = _spans(db, call_id)
    segments: dict[int, list[Segment]] = {
        u.id: highlight(u.text, spans.get(u.id, [])) for u in call.utterances
    }
    roles = speaker_roles(db, call_id)
    found = Counter(kind for per_utterance in spans.values() for _s, _e, kind, _n in per_utterance)
    counts = {kind: found[kind] for kind in KIND_LABELS if found[kind]}  # the kinds it has
    return render(
        request,
        "call.html",
        title=call.title or call.filename,
        call=call,
        page=min(page, pages),
        pages=pages,
        segments=segments,
        roles=roles,
        speaker_ids=shown_speaker_ids(call.extra),  # "Speaker 2" is "Gong id 99900…"
        role_choices=ROLE_CHOICES,
        counts=counts,
        kind_labels=KIND_LABELS,
        sentences=sentences,
        kinds={kind: DETECTED_KIND_LABELS[kind] for kind in KINDS},
        categories={name: seeds.category_label(name) for name in seeds.objection},
        outcomes=[outcome.value for outcome in Outcome],
    )


@router.post("/calls/{call_id}/utterances/{utterance_id}/label", dependencies=[LABELLERS])
def label_turn(
    db: SessionDep,
    workspace: WorkspaceDep,
    background: BackgroundTasks,
    call_id: RowId,
    utterance_id: RowId,
    kind: Annotated[str, Form()],
    text: Annotated[str, Form()] = "",
    category: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """A user's verdict on one sentence, any kind (the category for an objection), taken as a
    review-queue answer is: the sentence changes kind at once and the detector learns it."""
    back = f"/calls/{call_id}#u{utterance_id}"
    if kind not in KINDS:
        return redirect(back, f"Unknown kind {kind!r}.", "error")
    category = category if kind == "objection" else ""
    try:
        done = label_sentence(
            workspace, db, utterance_id, text=text or None, label=kind, category=category or None
        )
    except CallmineError as exc:
        return redirect(back, exc.detail, "error")
    detections.schedule_refit(workspace, db, background.add_task)
    said = DETECTED_KIND_LABELS[kind] + (f" ({category})" if category else "")
    return redirect(back, f"Saved: “{done['text']}” is {said}. The detector learns from it.")


@router.post("/calls/{call_id}/roles", dependencies=[MARKETING])
def fix_role(
    workspace: WorkspaceDep,
    call_id: RowId,
    speaker: Annotated[str, Form()],
    role: Annotated[str, Form()],
) -> RedirectResponse:
    """Re-label every turn of one speaker; the call is re-analysed (buyers' words only count)."""
    if role not in ROLE_CHOICES:
        return redirect(f"/calls/{call_id}", f"Unknown role {role!r}.", "error")
    try:
        correct_call(workspace, call_id, CallUpdate(speaker_roles={speaker: role}))
    except CallmineError as exc:
        return redirect(f"/calls/{call_id}", exc.detail, "error")
    return redirect(f"/calls/{call_id}", f"{speaker} is now marked as {role}; detections updated.")


@router.post("/calls/{call_id}/details", dependencies=[MARKETING])
def fix_details(
    workspace: WorkspaceDep,
    call_id: RowId,
    date: Annotated[str | None, Form()] = None,
    account: Annotated[str | None, Form()] = None,
    outcome: Annotated[str | None, Form()] = None,
    industry: Annotated[str | None, Form()] = None,
    competitors: Annotated[str | None, Form()] = None,
    speaker: Annotated[str | None, Form()] = None,
    speaker_name: Annotated[str | None, Form()] = None,
) -> RedirectResponse:
    """The call's details as PATCH /api/calls/{id} and ``call-update`` fix them (a misread
    date, a missing account; a speaker's name): only the fields a form sends, blank clears one
    (the Speakers panel sends only ``speaker`` and ``speaker_name``)."""
    back = f"/calls/{call_id}"
    sent: dict[str, object] = {}
    try:
        if date is not None:
            sent["date"] = iso_date(date, "date")
        if account is not None:
            sent["account"] = account.strip() or None
        if outcome is not None:
            if outcome not in {o.value for o in Outcome}:
                raise BadInput(f"Unknown outcome {outcome!r}.")
            sent["outcome"] = Outcome(outcome)
        if industry is not None:
            sent["industry"] = industry.strip() or None
        if competitors is not None:
            sent["competitors"] = split_names(competitors)
        if speaker is not None and speaker_name is not None:
            sent["speaker_names"] = {speaker: speaker_name}
        changes = correct_details(workspace, call_id, CallUpdate.model_validate(sent))
    except ValidationError as exc:
        return redirect(back, f"Not saved: {exc.errors()[0]['msg']}.", "error")
    except CallmineError as exc:
        return redirect(back, f"Not saved: {exc.detail}", "error")
    if not changes:
        return redirect(back, "Nothing changed.")
    return redirect(back, "Saved: " + "; ".join(changes) + ".")
