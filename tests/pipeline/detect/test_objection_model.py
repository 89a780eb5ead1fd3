"""The objection model: shipped weights in step with the training data, label files, save/load."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pipeline.detect import RuleEmbeddingDetector, load_seeds, training_examples
from pipeline.detect.classify import SentenceInput
from pipeline.detect.features import feature_matrix
from pipeline.detect.labels import builtin_labelled, parse_labelled
from pipeline.detect.train import ObjectionModel, builtin_model_path, fit, training_key
from pipeline.embed import Embedder
from pipeline.errors import BadInput
from tests.conftest import make_settings

CATEGORIES = list(load_seeds().objection)


def test_shipped_model_matches_the_builtin_training_data(embedder: Embedder) -> None:
    seeds = load_seeds()
    key = training_key(training_examples(seeds), list(seeds.objection), embedder.name)
    shipped = ObjectionModel.load(builtin_model_path())
    assert shipped.key == key, "stale pipeline/data/objection_model.npz: run make detector-model"
    assert set(shipped.category_names) == set(seeds.objection)
    assert len(builtin_labelled()) >= 800


def test_labels_file_errors_are_bad_input() -> None:
    for text, problem in [
        ("text,label\nhi,other\n", "missing column"),
        ("label,category,text\nmaybe,,hi\n", "label must be one of"),
        ("label,category,text\nobjection,,too dear\n", "needs a category"),
    ]:
        with pytest.raises(BadInput, match=problem):
            parse_labelled(text, filename="labels.csv")


def test_sentences_of_one_turn_share_the_turn_text() -> None:
    examples = parse_labelled(
        "file,utterance,label,category,text,context\n"
        "a.txt,3,other,,Sure.,What do you use today?\n"
        "a.txt,3,objection,status_quo,The spreadsheet is fine.,What do you use today?\n"
        "a.txt,5,objection,price,Too dear.,\n",
        filename="labels.csv",
    )
    assert [e.sentence.turn for e in examples] == [
        "Sure. The spreadsheet is fine.",
        "Sure. The spreadsheet is fine.",
        "Too dear.",
    ]
    assert examples[1].sentence.context == "What do you use today?"
    assert examples[2].category == "price" and examples[0].category == ""


def test_save_and_load_round_trip_leaves_no_temporary_files(
    tmp_path: Path, memo_embedder: Embedder
) -> None:
    seeds = load_seeds()
    examples = training_examples(seeds)[:400]
    categories = list(seeds.objection)
    features = feature_matrix(memo_embedder, [e.sentence for e in examples], categories)
    model = fit(features, examples, categories, key="k")
    model.save(tmp_path / "m.npz")
    loaded = ObjectionModel.load(tmp_path / "m.npz")
    assert [p.name for p in tmp_path.iterdir()] == ["m.npz"]
    assert np.allclose(loaded.probability(features), model.probability(features))
    assert loaded.category(features) == model.category(features)
    assert fit(features, examples, categories, key="k").category(features) == model.category(
        features
    )  # deterministic


def test_user_labels_teach_the_detector(tmp_path: Path, memo_embedder: Embedder) -> None:
    """A user's own labelled sentences re-fit the model (cached in the data dir)."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    sentence = "The lads would rather keep the whiteboard in the van."
    baseline = RuleEmbeddingDetector.from_settings(make_settings(data_dir), memo_embedder)
    probe = feature_matrix(memo_embedder, [SentenceInput(sentence, sentence)], CATEGORIES)
    before = float(baseline.model.probability(probe)[0])
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
    assert list((data_dir / "models").glob("objection_model-*.npz"))
    (found,) = [d for d in taught.detect(sentence) if d.kind == "objection"]
    assert found.category == "status_quo"
    assert found.confidence > before


def test_threshold_setting_reaches_the_detector(tmp_path: Path, embedder: Embedder) -> None:
    settings = make_settings(tmp_path, objection_threshold=0.9)
    strict = RuleEmbeddingDetector.from_settings(settings, embedder)
    default = RuleEmbeddingDetector.from_settings(make_settings(tmp_path), embedder)
    assert (strict.threshold, default.threshold) == (0.9, 0.3)
    text = "Seventy-three a month for six people, that's nearly nine hundred a year."
    found = [d for d in default.detect(text) if d.kind == "objection"]
    assert found and found[0].confidence < 0.9
    assert [d for d in strict.detect(text) if d.kind == "objection"] == []
