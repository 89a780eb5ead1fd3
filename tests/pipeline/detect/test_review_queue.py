"""The review queue end to end on the analysed theme corpus: the CLI contract, the API, the web
page, answers that move sentences at once, the background re-fit, and the store migration."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, select, text
from typer.testing import CliRunner

from api.cli import app
from pipeline.detect import learning as detections
from pipeline.detect.labels import user_labelled
from pipeline.store.database import Database
from pipeline.store.models import Job, Mention
from pipeline.workspace import Workspace
from tests.conftest import app_client, make_settings

QUEUE_KEYS = {
    "utterance_id", "call_id", "sentence", "speaker", "role", "suggested", "confidence",
    "category_confidence",
}  # fmt: skip


def _kind_of(ws: Workspace, utterance_id: int, sentence: str) -> tuple[str, str | None, str]:
    with ws.session() as session:
        row = session.execute(
            select(Mention.kind, Mention.category, Mention.source).where(
                Mention.utterance_id == utterance_id,
                Mention.text == sentence,
                Mention.kind.in_(("objection", "pain", "question", "current_setup", "other")),
            )
        ).one()
    return row[0], row[1], row[2]


def test_cli_queue_prints_the_contract_and_a_label_answers_it(
    ws: Workspace, point_cli_at: Callable[..., None]
) -> None:
    point_cli_at(ws.settings.data_dir, ws.settings.database_url)
    runner = CliRunner()
    listed = runner.invoke(app, ["detections", "queue", "--limit", "4", "--json"])
    assert listed.exit_code == 0, listed.output
    items = json.loads(listed.output)
    assert len(items) == 4 and all(set(item) == QUEUE_KEYS for item in items)
    assert all(set(item["suggested"]) == {"kind", "category"} for item in items)
    assert all(item["role"] in ("buyer", "unknown", "rep_note") for item in items)
    assert all(0.0 <= item["confidence"] <= 1.0 for item in items)
    for item in items:  # how sure of an objection's category, 0..1; no other kind has one
        lead = item["category_confidence"]
        assert (lead is None) if item["suggested"]["kind"] != "objection" else 0 <= lead <= 1
    assert len({item["call_id"] for item in items}) >= 2  # spread over calls
    first = items[0]
    answered = runner.invoke(
        app,
        ["label", str(first["utterance_id"]), "pain", "--utterance", "--text", first["sentence"]],
    )
    assert answered.exit_code == 0, answered.output
    assert _kind_of(ws, first["utterance_id"], first["sentence"]) == ("pain", None, "user")
    rows = user_labelled(ws.settings.data_dir)
    assert [(r.label, r.sentence.text) for r in rows] == [("pain", first["sentence"])]
    assert rows[0].sentence.context == "Thanks, go on."  # where it was said travels with it
    again = json.loads(runner.invoke(app, ["detections", "queue", "--json"]).output)
    assert first["sentence"] not in [item["sentence"] for item in again]
    bad = runner.invoke(app, ["label", str(first["utterance_id"]), "maybe", "--utterance"])
    assert bad.exit_code != 0


def test_api_answers_move_sentences_and_refit_in_the_background(ws: Workspace) -> None:
    ws.settings = ws.settings.model_copy(update={"refit_every": 2})
    with app_client(ws) as api:
        items = api.get("/api/detections/queue", params={"limit": 3}).json()
        assert len(items) == 3 and set(items[0]) == QUEUE_KEYS
        before = api.get("/api/detections/progress").json()
        assert before["until_refit"] == 2 and before["unscored"] == 0
        assert before["refit_running"] is False and before["fitted_at"] is None
        one, two = items[0], items[1]
        first = api.post(
            f"/api/utterances/{one['utterance_id']}/label",
            json={"label": "objection", "category": "price", "text": one["sentence"]},
        )
        assert first.status_code == 200, first.text
        assert first.json()["refit_scheduled"] is False and first.json()["cluster_id"]
        second = api.post(
            f"/api/utterances/{two['utterance_id']}/label",
            json={"label": "current_setup", "text": two["sentence"]},
        )
        assert second.status_code == 200 and second.json()["refit_scheduled"] is True
        assert second.json()["cluster_id"] is None  # set-up is not clustered
        after = api.get("/api/detections/progress").json()
        assert after["answered"] == before["answered"] + 2 and after["until_refit"] == 2
        bad = api.post(f"/api/utterances/{one['utterance_id']}/label", json={"label": "maybe"})
        assert bad.status_code == 422
    assert _kind_of(ws, one["utterance_id"], one["sentence"]) == ("objection", "price", "user")
    with ws.session() as session:
        job = session.scalars(select(Job).where(Job.kind == detections.REFIT_JOB)).one()
        assert job.status == "done", job.message
        assert job.result["answers"] == 2 and job.result["rescored"] > 0
    assert list((ws.settings.data_dir / "models").glob("kind_model-*.npz"))


def test_review_page_shows_one_sentence_in_context_and_takes_an_answer(ws: Workspace) -> None:
    with app_client(ws) as site:
        page = site.get("/review")
        assert page.status_code == 200
        html = page.text
        assert "Rep before" in html and "data-review" in html and 'data-key="o"' in html
        assert 'name="category"' in html and "answered" in html
        assert html.count("<script") == 1 and 'src="/static/app.js"' in html  # no inline JS
        with ws.session() as session:
            entry = detections.review_queue(ws, session, 1)[0]
        saved = site.post(
            "/review/answer",
            data={
                "utterance_id": str(entry.item.utterance_id),
                "text": entry.item.sentence,
                "kind": "question",
            },
            follow_redirects=False,
        )
        assert saved.status_code == 303 and "as=question" in saved.headers["location"]
        wrong = site.post(
            "/review/answer",
            data={"utterance_id": "1", "text": "x", "kind": "nope"},
            follow_redirects=False,
        )
        assert "Unknown+kind" in wrong.headers["location"]
        home = site.get("/", params={"kind": "pain"}).text
        assert "Pains" in home and 'href="/review"' in home
    kind, _, source = _kind_of(ws, entry.item.utterance_id, entry.item.sentence)
    assert (kind, source) == ("question", "user")


def test_an_old_data_dir_is_migrated_and_keeps_its_mentions(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text("CREATE TABLE _migrations (name VARCHAR(255) PRIMARY KEY, applied_at DATETIME)")
        )
        connection.execute(
            text(
                "INSERT INTO _migrations VALUES ('001_initial_schema', '2026-01-01'), "
                "('002_analysis_state', '2026-01-01')"
            )
        )
        for table in ("calls", "documents"):  # as far as the later migrations read them
            connection.execute(text(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY)"))
        connection.execute(  # the first schema's, as far as the queue's progress reads it
            text("CREATE TABLE jobs (id VARCHAR(36) PRIMARY KEY, kind VARCHAR(32), status TEXT)")
        )
        connection.execute(  # whose words: the queue counts only those it may ask about
            text("CREATE TABLE utterances (id INTEGER PRIMARY KEY, call_id INTEGER, role TEXT)")
        )
        connection.execute(text("INSERT INTO utterances VALUES (1, 1, 'buyer')"))
        connection.execute(
            text(
                "CREATE TABLE mentions (id INTEGER PRIMARY KEY, utterance_id INTEGER, call_id "
                "INTEGER, kind VARCHAR(16), category VARCHAR(64), text TEXT, char_start INTEGER,"
                " char_end INTEGER, competitor VARCHAR(255), confidence FLOAT, cluster_id "
                "INTEGER, excluded BOOLEAN)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO mentions VALUES "
                "(1, 1, 1, 'objection', 'price', 'Too dear.', 0, 9, NULL, 0.7, NULL, 0)"
            )
        )
    engine.dispose()
    database = Database(url)
    with database.session() as session:
        mention = session.get(Mention, 1)
        assert mention is not None and mention.kind == "objection"
        assert mention.objection_probability is None and mention.source == "model"
    database.dispose()
    workspace = Workspace(make_settings(tmp_path / "data", database_url=url))
    with workspace.session() as session:
        assert detections.queue_progress(workspace, session).unscored == 1
    workspace.close()
