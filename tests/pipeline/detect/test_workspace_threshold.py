"""The workspace's own objection threshold (``pipeline/detect/fit_state.py``): measured after
each fit from the calibrated probabilities of its stored buyer sentences, answers counting 1 or
0, kept with the fit, and used by the next detection; the setting stays the floor."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select, update

from pipeline.analysis.corrections import label_sentence, redetect_all
from pipeline.config import DEFAULT_OBJECTION_THRESHOLD
from pipeline.detect import learning
from pipeline.detect.classify import DETECTED_ROLES, KINDS
from pipeline.detect.detector import RuleEmbeddingDetector
from pipeline.detect.fit_state import (
    EVEN_ODDS,
    last_fit,
    measured_threshold,
    operating_threshold,
    record_fit,
)
from pipeline.detect.model import expected_recall_threshold
from pipeline.store.models import Mention, Utterance
from pipeline.workspace import Workspace
from tests.conftest import make_settings


def _stored(ws: Workspace) -> list[tuple[float, str]]:
    with ws.session() as session:
        rows = session.execute(
            select(Mention.objection_probability, Mention.source)
            .join(Utterance, Utterance.id == Mention.utterance_id)
            .where(Mention.kind.in_(KINDS), Utterance.role.in_(DETECTED_ROLES))
        ).all()
    return [(float(p), str(source)) for p, source in rows if p is not None]


def test_the_setting_is_the_floor_and_auto_can_be_turned_off(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    assert operating_threshold(settings) == DEFAULT_OBJECTION_THRESHOLD  # no fit yet
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "refit.json").write_text('{"answers": 5, "at": null}')  # older fit
    assert operating_threshold(settings) == DEFAULT_OBJECTION_THRESHOLD
    record_fit(settings, 5, 0.35)
    assert last_fit(settings).threshold == 0.35 and last_fit(settings).answers == 5
    assert operating_threshold(settings) == 0.35
    assert operating_threshold(settings.model_copy(update={"objection_threshold": 0.4})) == 0.4
    off = settings.model_copy(update={"auto_objection_threshold": False})
    assert operating_threshold(off) == DEFAULT_OBJECTION_THRESHOLD
    record_fit(settings, 10, None)
    assert operating_threshold(settings) == DEFAULT_OBJECTION_THRESHOLD


def test_the_measure_is_expected_recall_over_stored_sentences_within_floor_and_ceiling(
    ws: Workspace,
) -> None:
    probabilities = [p for p, _ in _stored(ws)]
    raw = expected_recall_threshold(probabilities, 0.9)
    with ws.session() as session:
        measured = measured_threshold(ws.settings, session)
        assert measured == min(EVEN_ODDS, max(DEFAULT_OBJECTION_THRESHOLD, raw))
        off = ws.settings.model_copy(update={"auto_objection_threshold": False})
        assert measured_threshold(off, session) is None
        session.execute(update(Mention).values(objection_probability=0.9))  # all sure
        assert measured_threshold(ws.settings, session) == EVEN_ODDS
        session.execute(update(Mention).values(objection_probability=0.01))  # none likely
        assert measured_threshold(ws.settings, session) == DEFAULT_OBJECTION_THRESHOLD
        session.rollback()


def test_a_refit_and_redetect_measure_it_and_the_next_detection_uses_it(ws: Workspace) -> None:
    with ws.session() as session:
        asked = learning.review_queue(ws, session, 2)
        for entry, kind in zip(asked, ("objection", "other"), strict=True):
            label_sentence(
                ws,
                session,
                entry.item.utterance_id,
                text=entry.item.sentence,
                label=kind,  # type: ignore[arg-type]
                category="price" if kind == "objection" else None,
            )
        session.commit()
    learning.refit(ws)
    fitted = last_fit(ws.settings)
    assert fitted.answers == 2 and fitted.threshold is not None
    stored = _stored(ws)
    assert sorted(p for p, source in stored if source == "user") == [0.0, 1.0]  # answers: 1/0
    raw = expected_recall_threshold([p for p, _ in stored], 0.9)
    assert fitted.threshold == round(min(EVEN_ODDS, max(DEFAULT_OBJECTION_THRESHOLD, raw)), 4)

    record_fit(ws.settings, 2, 0.45)  # a workspace where the model is sure: a high threshold
    detector = RuleEmbeddingDetector.from_settings(ws.settings, ws.embedder)
    assert detector.threshold == 0.45
    with ws.session() as session:
        turns = session.scalars(select(Utterance).order_by(Utterance.call_id, Utterance.seq)).all()
        sentences = [s for s in detector.sentences(turns) if s.role == "buyer"]
    # The model's scores at that threshold, no answer pulling its neighbours (``neighbours.py``:
    # the queue asked the two sentences nearest the threshold, which their answers now decide).
    plain = RuleEmbeddingDetector(ws.embedder, model=detector.model, threshold=detector.threshold)
    scores, _, _ = plain.score(sentences)
    between = [s for s in scores if DEFAULT_OBJECTION_THRESHOLD <= s.objection_probability < 0.449]
    assert between, "no sentence between the floor and the workspace threshold to test on"
    assert all(s.kind != "objection" for s in between)
    assert all(s.kind == "objection" for s in scores if s.objection_probability >= 0.451)

    redetect_all(ws)
    again = last_fit(ws.settings)
    raw = expected_recall_threshold([p for p, _ in _stored(ws)], 0.9)  # measured anew
    assert again.answers == 2
    assert again.threshold == round(min(EVEN_ODDS, max(DEFAULT_OBJECTION_THRESHOLD, raw)), 4)
