"""The detector measured against hand labels for the example calls (issue 16).

``examples/labels.csv`` gives every buyer sentence of ``examples/calls`` one kind (objection with
its category, pain, question, current set-up, other). The labels were made by reading the calls,
never by looking at the detector's output (``examples/README.md``), so the figures below measure,
they do not fit. Everything is cross-validated by call file: a file's sentences are scored by a
model fitted without its labels; a simulated user then answers the review queue (or random
sentences) with the true labels. Run with ``-s`` to see the figures.
"""

from __future__ import annotations

import csv
import importlib.util
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import select

from pipeline.cluster.queries import list_clusters
from pipeline.cluster.questions import worth_a_theme
from pipeline.detect import KINDS, OBJECTION_CATEGORIES, load_seeds
from pipeline.detect import evaluate as ev
from pipeline.detect.labels import builtin_labelled
from pipeline.detect.rules import says_nothing
from pipeline.detect.sentences import split_sentences
from pipeline.embed import Embedder
from pipeline.store.models import Call, Mention, Utterance
from pipeline.workspace import Workspace
from tests.conftest import EXAMPLES_DIR, ROOT, examples_copy

LABELS_FILE = EXAMPLES_DIR.parent / "labels.csv"
Key = tuple[str, int, int]  # (file, utterance index within the file, sentence index)


@dataclass(frozen=True)
class Label:
    label: str
    category: str
    text: str


def load_labels(path: Path = LABELS_FILE) -> dict[Key, Label]:
    with path.open(newline="", encoding="utf-8") as fh:
        return {
            (row["file"], int(row["utterance"]), int(row["sentence"])): Label(
                row["label"], row["category"], row["text"]
            )
            for row in csv.DictReader(fh)
        }


def _label_columns() -> ModuleType:
    """``examples/label_columns.py`` (a maintainer script, not a package module)."""
    spec = importlib.util.spec_from_file_location(
        "label_columns", ROOT / "examples" / "label_columns.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def labels() -> dict[Key, Label]:
    return load_labels()


def _check_set(calls_dir: Path, labels_file: Path) -> Counter[str]:
    """Every buyer sentence of ``calls_dir`` labelled once, derived columns fresh, kinds and
    categories valid; the counts per kind."""
    labels = load_labels(labels_file)
    derived = _label_columns().derived_columns(calls_dir)
    assert sorted(derived) == sorted(labels), f"{labels_file} is stale: run label_columns.py"
    with labels_file.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = (row["file"], int(row["utterance"]), int(row["sentence"]))
            for column, value in derived[key].items():
                assert row[column] == value, (key, column)
    for key, label in labels.items():
        assert label.label in KINDS, key
        if label.label == "objection":
            assert label.category in OBJECTION_CATEGORIES, key
        else:
            assert label.category == "", key
    return Counter(label.label for label in labels.values())


def test_labels_cover_every_buyer_sentence_with_valid_kinds() -> None:
    counts = _check_set(EXAMPLES_DIR, LABELS_FILE)
    print(f"\nlabels: {dict(counts)}")
    assert counts == {
        "objection": 217, "pain": 107, "question": 82, "current_setup": 92, "other": 397,
    }  # fmt: skip


def test_every_labelled_set_is_fresh_and_the_package_trains_on_the_chosen_ones() -> None:
    script = _label_columns()
    sets = script.labelled_sets()
    assert len(sets) >= 2  # the example calls and at least one set of other products
    for name, calls_dir, labels_file in sets[1:]:
        counts = _check_set(calls_dir, labels_file)
        print(f"\n{name}: {dict(counts)}")
        assert counts["objection"] and counts["pain"] and counts["current_setup"], name
    shipped = (ROOT / "pipeline" / "data" / "objection_labels.csv").read_bytes().decode("utf-8")
    assert shipped == script.training_csv(script.refreshed_sets()), "run label_columns.py"
    trained = {e.group.split("/")[0] if "/" in e.group else "" for e in builtin_labelled()}
    assert trained == set(script.TRAINED)


@pytest.fixture(scope="module")
def curve(memo_embedder: Embedder) -> tuple[ev.Dataset, ev.Curve]:
    data = ev.build_dataset(memo_embedder, builtin_labelled(), load_seeds())
    # Before any answer only: six cold fits. The learning curve (queue against random answers
    # at 10, 30 and 100 answers, 36+ warm re-fits) is bench/detect_learning.py's job.
    return data, ev.learning_curve(data, (0,), ("queue",))


@pytest.mark.slow
@pytest.mark.timeout(1800)  # six cold fits: under a minute on a quiet machine
def test_cross_validated_figures_per_kind_and_the_learning_curve(
    curve: tuple[ev.Dataset, ev.Curve],
) -> None:
    data, found = curve
    figures = {
        strategy: {b: ev.summary(data, p) for b, p in by_budget.items()}
        for strategy, by_budget in found.probabilities.items()
    }
    print()
    for strategy, by_budget in figures.items():
        for budget, summary in by_budget.items():
            print(f"{strategy} {budget:>3} answers: {json.dumps(summary)}")
    before = figures["queue"][0]
    kinds = before["kinds"]
    assert isinstance(kinds, dict)
    # ISSUE 16 TARGET NOT MET before any answer: objection precision >= 0.75 at recall >= 0.85.
    # Since 5 Dec the built-in labels are thirteen labelled sets (3,875 sentences, about twenty
    # products and voices), cross-validated by call: P 0.668 at R 0.85 per sentence, 0.711 per
    # utterance; at the shipped threshold 0.2: P 0.645 R 0.875; pain 0.784 / 0.59 (with five sets,
    # 2,691 sentences: 0.586 / 0.645, P 0.57 R 0.87, pain 0.77 / 0.52). A call's product is still
    # in the fit through its other calls: bench/detect_new_products.py leaves whole sets out.
    # Floors sit just under the measured figures.
    assert before["objection_p_at_r85_sentence"] >= 0.65
    assert before["objection_p_at_r85_utterance"] >= 0.7
    assert kinds["objection"]["recall"] >= 0.85 and kinds["objection"]["precision"] >= 0.62
    assert kinds["pain"]["precision"] >= 0.77 and kinds["pain"]["recall"] >= 0.57
    assert kinds["question"]["precision"] >= 0.88 and kinds["question"]["recall"] >= 0.83
    assert kinds["current_setup"]["precision"] >= 0.73 and kinds["current_setup"]["recall"] >= 0.57
    assert kinds["other"]["precision"] >= 0.86 and kinds["other"]["recall"] >= 0.72
    # NOT MET after 30 answers either (bench/detect_learning.py, 4 Dec, all five sets: queue 0.675
    # per sentence against 0.624 at random; the example calls alone 0.819 against 0.725; the
    # settings of 3 Dec reached 0.891 there but read new products worse). README "Detection".


# --- clusters ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def examples_workspace(
    tmp_path_factory: pytest.TempPathFactory, analysed_examples_dir: Path, embedder: Embedder
) -> Iterator[Workspace]:
    """All example calls ingested and analysed (the session's copy)."""
    folder = tmp_path_factory.mktemp("examples-copy") / "data"
    workspace = examples_copy(analysed_examples_dir, folder, embedder)
    yield workspace
    workspace.close()


def stored_objection_clusters(workspace: Workspace) -> dict[Key, set[int | None]]:
    """Clusters of the stored objection mentions, keyed by the labelled sentence they overlap."""
    keyed: dict[Key, set[int | None]] = defaultdict(set)
    with workspace.session() as session:
        calls = session.scalars(select(Call).order_by(Call.id)).all()
        offsets: dict[int, tuple[str, int]] = {}
        seen: Counter[str] = Counter()
        for call in calls:
            name = Path(call.filename).name
            offsets[call.id] = (name, seen[name])
            seen[name] += len(call.utterances)
        rows = session.execute(
            select(Mention, Utterance).join(Utterance).where(Mention.kind == "objection")
        ).all()
        for mention, utterance in rows:
            if mention.excluded or says_nothing(mention.text):  # "Hm." joins no theme
                continue
            name, offset = offsets[utterance.call_id]
            spans = split_sentences(utterance.text)
            for number, (start, end, _) in enumerate(spans):
                if mention.char_start < end and start < mention.char_end:
                    keyed[(name, offset + utterance.seq, number)].add(mention.cluster_id)
    return keyed


def category_purity(
    labels: dict[Key, Label], clusters: dict[Key, set[int | None]], *, min_mentions: int = 3
) -> dict[str, tuple[float, int]]:
    """Per labelled category: share of its detected mentions in its most common cluster."""
    by_category: dict[str, list[int | None]] = defaultdict(list)
    for key, label in labels.items():
        if label.label == "objection":
            for cluster_id in clusters.get(key, ()):
                by_category[label.category].append(cluster_id)
    purity: dict[str, tuple[float, int]] = {}
    for category, ids in by_category.items():
        if len(ids) >= min_mentions:
            top = Counter(i for i in ids if i is not None).most_common(1)
            purity[category] = ((top[0][1] if top else 0) / len(ids), len(ids))
    return purity


def test_labelled_objection_categories_gather_in_one_cluster(
    labels: dict[Key, Label], examples_workspace: Workspace
) -> None:
    clusters = stored_objection_clusters(examples_workspace)
    purity = category_purity(labels, clusters)
    shown = ", ".join(f"{c}={p:.2f}/{n}" for c, (p, n) in sorted(purity.items()))
    mean = sum(p for p, _ in purity.values()) / len(purity)
    print(f"\ncluster purity per category (share/mentions): {shown}; mean={mean:.2f}")
    unclustered = sum(None in ids for ids in clusters.values())
    print(f"labelled objection sentences with an unclustered mention: {unclustered}")
    assert unclustered == 0
    assert len(purity) >= 6
    # Each recurring objection should be one cluster. Clusters never mix the detector's
    # categories; inside one, a split needs a clearly separate theme, and the competitor
    # category is split by the rival a worry is about (``pipeline/cluster/rivals.py``).
    # Measured with the shipped model's detections (fitted on these labels too, so this
    # measures the clustering, not detection): adoption 0.94, authority_timing 1.00, competitor
    # 0.53 (a theme each for Staffly, RotaPro and the rest; 0.58 before a worry naming no rival
    # took its topic's category), contract 1.00, price 0.90,
    # security 1.00, setup_time 1.00, status_quo 0.94, switching 0.94; mean 0.92.
    assert mean >= 0.85
    for category, (share, _) in purity.items():
        assert share >= 0.5, category


def test_question_themes_are_substantive(examples_workspace: Workspace) -> None:
    """Small talk and clarifications in the example calls are not question themes; the themes
    are what buyers ask about (price, integrations, security)."""
    with examples_workspace.session() as session:
        asked = set(session.scalars(select(Mention.text).where(Mention.kind == "question")))
        themes = list_clusters(session, kind="question")
    for small_talk in ("Say that again?", "Next Tuesday morning?", "Can I say something first?"):
        assert not any(small_talk in text for text in asked), small_talk
    assert themes and all(worth_a_theme(t["quote"]) for t in themes), [
        (t["name"], t["quote"]) for t in themes if not worth_a_theme(t["quote"])
    ]
    said = " ".join(f"{t['name']} {t['quote']}" for t in themes).lower()
    for topic in (("cost", "price"), ("ledgerleaf", "payroll")):
        assert any(word in said for word in topic), (topic, said)
    # The buyers' questions about their data (where it is stored, who sees it, getting it out)
    # gather: in one question theme, and those the detector reads as the security concern they
    # carry in the security objection theme. (Labelled questions, four of them; the model fitted
    # on all five sets puts two of them just over the objection threshold. A rep note asking
    # about the data and the contract at once sits, uncertain, with the contract questions.)
    with examples_workspace.session() as session:
        about_data = session.execute(
            select(Mention.kind, Mention.category, Mention.cluster_id, Mention.confidence).where(
                Mention.kind.in_(("question", "objection")),
                Mention.text.ilike("%our data%") | Mention.text.ilike("%the data%"),
            )
        ).all()
    assert len(about_data) >= 5, about_data
    for kind in ("question", "objection"):  # confident ones: the rest sit behind "uncertain"
        themes_of_kind = {
            r.cluster_id for r in about_data if r.kind == kind and r.confidence >= 0.5
        }
        assert len(themes_of_kind) == 1, (kind, about_data)
    assert {r.category for r in about_data if r.kind == "objection"} == {"security"}
