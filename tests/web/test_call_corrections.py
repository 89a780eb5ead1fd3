"""The call page's corrections and the review page's re-fit status, over the real HTTP server:
a call page takes any kind a review answer can give, words its form for what the line is, counts
every kind the call has; /review says whether a re-fit runs, is due, or when the last one was."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from pipeline.analysis.corrections import label_sentence, redetect_all
from pipeline.analysis.flow import analyse_calls
from pipeline.detect import learning
from pipeline.detect.labels import user_labelled
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_bytes
from pipeline.jobs import runs as jobs
from pipeline.store.models import Mention, Utterance
from tests.plugins.live_server import LiveServer

# Invented people and companies: a freight-software rep (Parcelwise) and a warehouse buyer.
BUYER = "[00:00:{:02d}] Lena Vasquez (Northgate Storage): "
TRANSCRIPT = "\n".join(
    [
        "Northgate Storage <> Parcelwise | Discovery",
        "Date: 3 March 2026",
        "",
        "[00:00:04] Idris Okafor (Parcelwise): Thanks for the time, Lena. How do you plan loads?",
        BUYER.format(12)
        + "Our drivers lose an hour a day waiting at the dock because nobody knows which bay is"
        " free. Is there a mobile app for the drivers?",
        "[00:00:40] Idris Okafor (Parcelwise): There is, on both phone systems.",
        BUYER.format(46)
        + "We plan everything in a shared spreadsheet at the moment. The licence is more than we"
        " can spend this year.",
    ]
)
NOTES = """# Northgate Storage — follow-up notes

Date: 10 March 2026
Account: Northgate Storage
Rep: Idris Okafor
Attendees: Idris Okafor (Parcelwise); Lena Vasquez (Northgate Storage)

- Lena said: "the yard team rekeys every booking into the warehouse system by hand"
- Next step: send the pricing sheet.
"""
PAIN = "Our drivers lose an hour a day waiting at the dock because nobody knows which bay is free."


@pytest.fixture(scope="module")
def server(start_live_server: Callable[..., Any]) -> Iterator[LiveServer]:
    with start_live_server(our_company="Parcelwise", refit_every=2) as live:
        workspace = live.workspace
        created = [
            r.call_id
            for name, text in [("northgate.txt", TRANSCRIPT), ("northgate_notes.md", NOTES)]
            for r in ingest_bytes(
                workspace, text.encode(), name, CallMetadata(account="Northgate"), analyse=False
            )
            if r.call_id is not None
        ]
        analyse_calls(workspace, created)
        yield live


def _turn(server: LiveServer, role: str) -> Utterance:
    with server.workspace.session() as session:
        turn = session.scalars(select(Utterance).where(Utterance.role == role).limit(1)).one()
        session.expunge(turn)
    return turn


def _turn_html(page: str, utterance_id: int) -> str:
    return page.split(f'id="u{utterance_id}"', 1)[1].split("</li>", 1)[0]


def test_a_call_page_correction_takes_any_kind_and_shows_it_at_once(server: LiveServer) -> None:
    sentence = "We plan everything in a shared spreadsheet at the moment."
    turn = _turn_saying(server, sentence)
    page = httpx.get(f"{server.url}/calls/{turn.call_id}").text
    form = _turn_html(page, turn.id)
    kinds = re.findall(r'<select id="kind-\d+" name="kind" required>(.*?)</select>', form, re.S)[0]
    assert re.findall(r'value="(\w+)"', kinds) == [
        "objection", "pain", "question", "current_setup", "other"
    ]  # fmt: skip
    # nothing preselected: a Save without a choice cannot mislabel the sentence
    assert '<option value="" selected disabled>' in kinds
    assert 'name="category"' in form and 'value="price"' in form
    saved = httpx.post(
        f"{server.url}/calls/{turn.call_id}/utterances/{turn.id}/label",
        data={"kind": "current_setup", "text": sentence, "category": "price"},
        follow_redirects=True,
    )
    assert saved.status_code == 200 and "is current set-up" in saved.text
    assert f'<mark class="m-current_setup" title="Current set-up">{sentence}</mark>' in _turn_html(
        saved.text, turn.id
    )
    with server.workspace.session() as session:
        kind, category = session.execute(
            select(Mention.kind, Mention.category).where(
                Mention.utterance_id == turn.id, Mention.text == sentence
            )
        ).one()
    assert (kind, category) == ("current_setup", None)  # the category is an objection's only
    assert [(r.label, r.sentence.text) for r in user_labelled(server.workspace.settings.data_dir)][
        -1
    ] == ("current_setup", sentence)


def _turn_saying(server: LiveServer, sentence: str) -> Utterance:
    with server.workspace.session() as session:
        turn = session.scalars(select(Utterance).where(Utterance.text.contains(sentence))).one()
        session.expunge(turn)
    return turn


def test_the_form_is_worded_for_a_note_and_absent_under_a_rep(server: LiveServer) -> None:
    note = _turn_saying(server, "send the pricing sheet")  # not "Lena said:", a bare lead-in
    assert note.role == "rep_note"
    notes_page = httpx.get(f"{server.url}/calls/{note.call_id}").text
    assert "on this note" in _turn_html(notes_page, note.id)
    assert "turn of the buyer" not in notes_page
    rep = _turn(server, "rep")
    call_page = httpx.get(f"{server.url}/calls/{rep.call_id}").text
    assert "Correct the detector" not in _turn_html(call_page, rep.id)
    assert "on this turn of Lena Vasquez" in call_page


def test_the_key_counts_every_kind_the_call_has(server: LiveServer) -> None:
    buyer = _turn_saying(server, PAIN)
    httpx.post(
        f"{server.url}/calls/{buyer.call_id}/utterances/{buyer.id}/label",
        data={"kind": "pain", "text": PAIN},
    )
    with server.workspace.session() as session:
        kinds = set(
            session.scalars(
                select(Mention.kind).where(
                    Mention.call_id == buyer.call_id, Mention.excluded.is_(False)
                )
            )
        )
    page = httpx.get(f"{server.url}/calls/{buyer.call_id}").text
    key = page.split('aria-label="Highlight key">', 1)[1].split("</div>", 1)[0]
    shown = dict(re.findall(r'<mark class="m-(\w+)">[^<]+</mark> (\d+)', key))
    assert "pain" in kinds and set(shown) == kinds - {"other"}
    assert all(int(count) > 0 for count in shown.values())


def test_other_sentences_are_not_highlighted(server: LiveServer) -> None:
    """The "other" kind is in no highlight key, so the transcript leaves it plain (a bare mark
    had shown in the browser's loud default yellow)."""
    with server.workspace.session() as session:
        calls = set(
            session.scalars(
                select(Mention.call_id).where(Mention.kind == "other", Mention.excluded.is_(False))
            )
        )
    assert calls
    for call_id in calls:
        page = httpx.get(f"{server.url}/calls/{call_id}").text
        assert 'class="m-other"' not in page and "<mark" in page


def _status(server: LiveServer) -> str:
    page = httpx.get(f"{server.url}/review").text
    status: str = re.findall(r"data-review-progress>(.*?)</p>", page)[0]
    return status


def _no_refit_running(server: LiveServer) -> None:
    """Wait for a re-fit an earlier answer started in the background (a second or two)."""
    deadline = time.monotonic() + 60
    while any(
        job.status in ("queued", "running")
        for job in jobs.list_jobs(server.workspace, kind=learning.REFIT_JOB).items
    ):
        assert time.monotonic() < deadline, "the re-fit did not finish"
        time.sleep(0.2)


def test_the_review_page_says_where_the_refit_stands(server: LiveServer) -> None:
    workspace = server.workspace
    _no_refit_running(server)
    with workspace.session() as session:  # answers as `callmine label` gives them: no re-fit
        for mention in session.scalars(
            select(Mention).where(Mention.kind == "other", Mention.source != "user").limit(2)
        ):
            label_sentence(
                workspace, session, mention.utterance_id, text=mention.text, label="other"
            )
    assert "learns from your answers after the next one" in _status(server)
    redetect_all(workspace)  # fits the detector on every answer and detects again
    after = _status(server)
    answers = len(user_labelled(workspace.settings.data_dir))
    assert "learning from your answers now" not in after and "(2 to go)" in after
    learnt = rf"last learnt from {answers} answers at \d{{4}}-\d\d-\d\d \d\d:\d\d UTC"
    assert re.search(learnt, after)
    job_id = jobs.create_job(workspace, learning.REFIT_JOB, "re-fitting")
    assert "learning from your answers now" in _status(server)
    jobs.finish(workspace, job_id, {})
    assert "learning from your answers now" not in _status(server)
