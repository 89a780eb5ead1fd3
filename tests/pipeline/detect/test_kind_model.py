"""The kind model: shipped weights in step with the training data, label files, save/load,
calibrated probabilities, a user's labels re-fitting it warm."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pipeline.detect import KINDS, RuleEmbeddingDetector, load_seeds, training_examples
from pipeline.detect.classify import SentenceInput
from pipeline.detect.features import feature_matrix
from pipeline.detect.labels import LabelledSentence, builtin_labelled, parse_labelled
from pipeline.detect.model import KindModel, expected_recall_threshold, fine_class, fit
from pipeline.detect.train import (
    builtin_model_path,
    example_features,
    kind_rows,
    seed_groups,
    seed_vectors,
    shipped_features,
    shipped_vectors,
    training_key,
)
from pipeline.embed import Embedder
from pipeline.errors import BadInput
from tests.conftest import make_settings


def test_shipped_model_matches_the_builtin_training_data(embedder: Embedder) -> None:
    seeds = load_seeds()
    key = training_key(training_examples(seeds), seeds, embedder.name)
    shipped = KindModel.load(builtin_model_path())
    assert shipped.key == key, "stale pipeline/data/kind_model.npz: run make detector-model"
    features = shipped_features(key)  # what a user's first re-fit starts from
    assert features is not None, "stale pipeline/data/kind_features.npz: run make detector-model"
    assert features.shape[0] == len(training_examples(seeds)) and features.dtype == np.float32
    rows = training_examples(seeds)[-40:]  # labelled call sentences, with the rep's turns
    vectors = seed_vectors(seeds, embedder, shipped.vectors_for(embedder.name))
    groups = seed_groups(seeds, vectors, len(next(iter(vectors.values()))))
    fresh = feature_matrix(embedder, [e.sentence for e in rows], list(seeds.objection), groups)
    np.testing.assert_allclose(features[-40:], fresh, atol=2e-3)  # half precision
    known = shipped_vectors(embedder)  # what a re-fit on other seeds reads instead of embedding
    assert known is not None, "stale pipeline/data/kind_features.npz: run make detector-model"
    texts = sorted({t for e in rows for t in (e.sentence.text, e.sentence.context) if t})
    np.testing.assert_allclose(
        np.vstack([known[t] for t in texts]), embedder.encode(texts), atol=7e-3
    )
    assert {c.split(":")[0] for c in shipped.classes} == set(KINDS)
    # A fine class per category some labelled sentence has; the head knows every seeded one.
    labelled = {e.category for e in builtin_labelled() if e.label == "objection"}
    assert {c.split(":")[1] for c in shipped.classes if ":" in c} == labelled & set(seeds.objection)
    assert set(shipped.category_names) == set(seeds.objection)
    counts = {kind: sum(e.label == kind for e in builtin_labelled()) for kind in KINDS}
    assert counts == {  # all twenty-two labelled sets (examples/label_columns.py TRAINED)
        "objection": 1359, "pain": 654, "question": 566, "current_setup": 566, "other": 1705,
    }  # fmt: skip


def test_labels_file_errors_are_bad_input() -> None:
    for text, problem in [
        ("text,label\nhi,other\n", "missing column"),
        ("label,category,text\nmaybe,,hi\n", "label must be one of"),
        ("label,category,text\nobjection,,too dear\n", "needs a category"),
    ]:
        with pytest.raises(BadInput, match=problem):
            parse_labelled(text, filename="labels.csv")


def test_sentences_of_one_turn_share_the_turn_and_know_their_place() -> None:
    examples = parse_labelled(
        "file,utterance,label,category,text,context,reply,position\n"
        "a.txt,3,other,,Sure.,What do you use today?,,0.2\n"
        "a.txt,3,current_setup,,We use a spreadsheet.,What do you use today?,Got it.,0.2\n"
        "a.txt,5,objection,price,Too dear.,,,\n",
        filename="labels.csv",
    )
    assert [e.sentence.turn for e in examples] == [
        "Sure. We use a spreadsheet.",
        "Sure. We use a spreadsheet.",
        "Too dear.",
    ]
    first, second, third = (e.sentence for e in examples)
    assert second.context == "What do you use today?" and second.reply == "Got it."
    assert (first.index_in_turn, second.index_in_turn, second.turn_size) == (0, 1, 2)
    assert second.position == 0.2 and third.position == 0.5
    assert examples[2].category == "price" and examples[1].category == ""


def test_save_load_round_trip_is_exact_and_fits_are_deterministic(
    tmp_path: Path, memo_embedder: Embedder
) -> None:
    seeds = load_seeds()
    examples = training_examples(seeds)[:500]
    vectors = seed_vectors(seeds, memo_embedder, {})
    groups = seed_groups(seeds, vectors, memo_embedder.dim)
    features = example_features(memo_embedder, examples, [], seeds, groups)
    labels = [fine_class(e.label, e.category) for e in examples]
    weights = [e.weight for e in examples]
    model = fit(features, labels, weights, list(seeds.objection), key="k")
    model.save(tmp_path / "m.npz")
    loaded = KindModel.load(tmp_path / "m.npz")
    assert [p.name for p in tmp_path.iterdir()] == ["m.npz"]
    assert np.allclose(loaded.kind_probabilities(features), model.kind_probabilities(features))
    assert np.allclose(model.kind_probabilities(features).sum(axis=1), 1.0)
    again = fit(features, labels, weights, list(seeds.objection), key="k")
    assert [p.kind for p in again.predict(features)] == [p.kind for p in model.predict(features)]
    # A warm re-fit on the same data lands on the same optimum.
    warm = fit(features, labels, weights, list(seeds.objection), warm_from=model, tol=1e-4)
    assert (
        np.abs(warm.kind_probabilities(features) - model.kind_probabilities(features)).max() < 0.02
    )


def test_the_threshold_decides_objection_and_confidence_is_the_kind_shown(
    memo_embedder: Embedder,
) -> None:
    detector = RuleEmbeddingDetector(memo_embedder)
    text = "Seventy-three a month for six people, that's nearly nine hundred a year."
    (found,) = [d for d in detector.detect(text) if d.kind in KINDS]
    strict = RuleEmbeddingDetector(memo_embedder, model=detector.model, threshold=0.99)
    (other,) = [d for d in strict.detect(text) if d.kind in KINDS]
    assert found.kind == "objection" and found.category == "price"
    assert found.confidence == pytest.approx(found.objection_probability, abs=1e-3)
    assert other.kind != "objection" and other.objection_probability == found.objection_probability


def test_expected_recall_threshold_needs_no_labels() -> None:
    probabilities = [0.9, 0.8, 0.3, 0.1, 0.05, 0.02]
    threshold = expected_recall_threshold(probabilities, target=0.9)
    kept = sum(p for p in probabilities if p >= threshold)
    assert kept / sum(probabilities) >= 0.9 and threshold == 0.3


def test_user_labels_teach_the_detector(tmp_path: Path, memo_embedder: Embedder) -> None:
    """A user's own labelled sentences re-fit the model (cached in the data dir), warm."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    sentence = "The lads would rather keep the whiteboard in the van."
    baseline = RuleEmbeddingDetector.from_settings(make_settings(data_dir), memo_embedder)
    (before,) = [d for d in baseline.detect(sentence) if d.kind in KINDS]
    rows = "\n".join(
        f"objection,status_quo,{text}"
        for text in [
            sentence,
            "The lads would rather keep the whiteboard.",
            "Honestly the whiteboard in the van does the job for the lads.",
            "We'd rather keep the whiteboard, it's what the crews know.",
        ]
    )
    (data_dir / "objection_labels.csv").write_text(f"label,category,text\n{rows}\n")
    taught = RuleEmbeddingDetector.from_settings(make_settings(data_dir), memo_embedder)
    assert taught.model.key != baseline.model.key
    assert list((data_dir / "models").glob("kind_model-*.npz"))
    # the built-in rows' features came with the package: none were embedded and cached again
    assert not list((data_dir / "models").glob("features-*.npy"))
    probe = "Honestly the crews would rather keep the whiteboard in the van."
    (after,) = [d for d in taught.detect(probe) if d.kind in KINDS]
    (plain,) = [d for d in baseline.detect(probe) if d.kind in KINDS]
    assert after.kind == "objection" and after.category == "status_quo"
    assert (after.objection_probability or 0) > (plain.objection_probability or 0)
    (exact,) = [d for d in taught.detect(sentence) if d.kind in KINDS]
    assert exact.source == "user" or exact.objection_probability != before.objection_probability


def test_a_category_only_seeds_have_is_no_kind_class_but_the_head_knows_it() -> None:
    """Why: a dozen context-free phrasings of a new category, as a fine class of their own, had
    moved questions near the threshold to objections ("Would that stop us losing a fortune on
    expired vaccines?"); the category head still learns the category from them."""

    def row(text: str, label: str, category: str, group: str) -> LabelledSentence:
        return LabelledSentence(SentenceInput(text, text), label, category, group)

    rows = [
        row("Our old courier software went bust overnight.", "objection", "vendor_trust", "seeds"),
        row("Forty quid a head is steep for a salon.", "objection", "price", "seeds"),
        row("That's more than we pay the vets' locum.", "objection", "price", "call.txt"),
        row("We log every bake on paper.", "current_setup", "", "seeds"),
        row(
            "You're a small outfit, and our books can't vanish.",
            "objection",
            "vendor_trust",
            "seeds",
        ),
    ]
    assert kind_rows(rows) == [False, True, True, True, False]
    labelled = [*rows, row("If you fold we lose the fleet.", "objection", "vendor_trust", "u.csv")]
    assert all(kind_rows(labelled))  # once a labelled sentence has it, its seeds count too
    vectors = np.eye(len(rows), 8, dtype=np.float32)
    labels = [fine_class(e.label, e.category) for e in rows]
    model = fit(
        vectors, labels, [1.0] * len(rows), ["price", "vendor_trust"], kind_rows=kind_rows(rows)
    )
    assert "objection:vendor_trust" not in model.classes and "objection:price" in model.classes
    assert set(model.category_names) == {"price", "vendor_trust"}
