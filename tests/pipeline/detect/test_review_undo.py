"""The review queue answered by a person: each answer says what was saved and can be taken back,
the count of uncertain sentences goes down with it, an objection needs its category, and the
page speaks in words a marketer reads (issue 21f, item 5)."""

from __future__ import annotations

import re

from sqlalchemy import select

from pipeline.detect import learning as detections
from pipeline.detect.labels import user_labelled
from pipeline.store.models import Mention
from pipeline.workspace import Workspace
from tests.conftest import app_client

KINDS = ("objection", "pain", "question", "current_setup", "other")


def _state(
    ws: Workspace, utterance_id: int, sentence: str
) -> tuple[str, str | None, str, int | None]:
    with ws.session() as session:
        row = session.execute(
            select(Mention.kind, Mention.category, Mention.source, Mention.cluster_id).where(
                Mention.utterance_id == utterance_id,
                Mention.text == sentence,
                Mention.kind.in_(KINDS),
            )
        ).one()
    return row[0], row[1], row[2], row[3]


def _first(ws: Workspace) -> detections.QueueEntry:
    with ws.session() as session:
        return detections.review_queue(ws, session, 1)[0]


def _uncertain(ws: Workspace) -> int:
    with ws.session() as session:
        return detections.queue_progress(ws, session).uncertain


def _unsure_of(ws: Workspace, count: int) -> None:
    """At least ``count`` sentences the detector was unsure of (the corpus's model may be sure
    of all): their P(objection) at the threshold and their kind below ``confident_at``."""
    with ws.session() as session:
        for mention in session.scalars(
            select(Mention).where(Mention.kind.in_(KINDS), Mention.source != "user").limit(count)
        ):
            mention.objection_probability = ws.settings.objection_threshold
            mention.confidence = ws.settings.confident_at / 2
        session.commit()


def test_every_answer_in_the_queue_lowers_the_uncertain_count_and_undo_puts_it_back(
    ws: Workspace,
) -> None:
    if _uncertain(ws) < 3:
        _unsure_of(ws, 3)
    with app_client(ws) as site:
        counts = []
        for _ in range(3):  # every sentence in doubt is asked, and counted
            entry, before = _first(ws), _uncertain(ws)
            counts.append(before)
            site.post(
                "/review/answer",
                data={
                    "utterance_id": str(entry.item.utterance_id),
                    "text": entry.item.sentence,
                    "kind": "pain",
                },
            )
            assert _uncertain(ws) == max(0, before - 1), counts  # past the last, the nearest
        assert counts[0] > 0
        assert "Undo" not in site.get("/review").text  # no answer named in the address
        saved = site.post(  # the last sentence again: this answer replaces "pain"
            "/review/answer",
            data={
                "utterance_id": str(entry.item.utterance_id),
                "text": entry.item.sentence,
                "kind": "question",
            },
        )
        assert "Saved “" in saved.text and "” as question." in saved.text
        assert 'action="/review/undo"' in saved.text
        assert [r.label for r in user_labelled(ws.settings.data_dir)] == ["pain"] * 2 + ["question"]
        undone = site.post(
            "/review/undo",
            data={"utterance_id": str(entry.item.utterance_id), "text": entry.item.sentence},
        )
        assert "is back in the queue" in undone.text
    # the verdict it had replaced comes back, and the sentence's kind with it
    assert [r.label for r in user_labelled(ws.settings.data_dir)] == ["pain"] * 3
    assert _state(ws, entry.item.utterance_id, entry.item.sentence)[:3] == ("pain", None, "user")


def test_undo_of_the_only_answer_gives_the_sentence_its_kind_and_theme_back(ws: Workspace) -> None:
    entry = _first(ws)
    was = _state(ws, entry.item.utterance_id, entry.item.sentence)
    uncertain = _uncertain(ws)
    with app_client(ws) as api:
        answer = api.post(
            f"/api/utterances/{entry.item.utterance_id}/label",
            json={"label": "objection", "category": "price", "text": entry.item.sentence},
        )
        assert answer.status_code == 200, answer.text
        assert _state(ws, entry.item.utterance_id, entry.item.sentence)[:3] == (
            "objection",
            "price",
            "user",
        )
        undone = api.delete(
            f"/api/utterances/{entry.item.utterance_id}/label",
            params={"text": entry.item.sentence},
        )
        assert undone.status_code == 200, undone.text
        assert undone.json()["label"] == was[0]
        again = api.delete(
            f"/api/utterances/{entry.item.utterance_id}/label",
            params={"text": entry.item.sentence},
        )
        assert again.status_code == 404
    assert _state(ws, entry.item.utterance_id, entry.item.sentence) == was
    assert user_labelled(ws.settings.data_dir) == []
    assert _uncertain(ws) == uncertain
    assert _first(ws).item.sentence == entry.item.sentence  # back at the head of the queue


def test_an_objection_with_no_category_is_not_filed(ws: Workspace) -> None:
    entry = _first(ws)
    with app_client(ws) as site:
        refused = site.post(
            "/review/answer",
            data={
                "utterance_id": str(entry.item.utterance_id),
                "text": entry.item.sentence,
                "kind": "objection",
                "category": "",
            },
        )
        assert "Choose the objection&#39;s category first." in refused.text
    assert user_labelled(ws.settings.data_dir) == []


def test_the_page_names_kinds_categories_and_certainty_in_words(ws: Workspace) -> None:
    with app_client(ws) as site:
        html = site.get("/review").text
    suggestion = re.search(r"data-suggestion>(.*?)</p>", html, re.S)
    assert suggestion and (
        "not sure (" in suggestion.group(1) or "fairly sure (" in suggestion.group(1)
    )
    assert "confidence 0." not in html and "re-fit" not in html
    assert "current_setup" not in re.sub(r'(value|data-key)="[^"]*"', "", html)
    assert "status_quo" not in re.sub(r'value="[^"]*"', "", html)
    assert "callmine learns from every 5 answers" in html
    assert "<kbd>Enter</kbd> saves the objection" in html and "<kbd>Esc</kbd> hands" in html
    assert re.search(r'<option value="price"[^>]* data-key="1">[^<]* \(1\)</option>', html)
    assert "<kbd>1</kbd> Price" in html
    picker = re.search(r'<select id="category".*?</select>', html, re.S)
    assert picker
    first_selected = re.search(r'<option value="([^"]*)" selected', picker.group(0))
    suggested = _first(ws).item.suggested
    expected = suggested.category if suggested.kind == "objection" and suggested.category else ""
    assert first_selected and first_selected.group(1) == expected
    assert "choose a category…" in picker.group(0)


def test_an_empty_queue_of_unscored_calls_offers_detect_again_on_the_page(ws: Workspace) -> None:
    with ws.session() as session:
        for mention in session.scalars(select(Mention)):
            mention.objection_probability = None
        session.commit()
    with app_client(ws) as site:
        html = site.get("/review").text
        assert "Nothing scored yet" in html and 'action="/review/redetect"' in html
        assert "callmine redetect" not in html
        started = site.post("/review/redetect")
        assert "Detecting again in every call" in started.text
