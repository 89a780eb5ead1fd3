"""Borderline buyer sentences from ten trades (issue 16: misreads from new-user walks on other
products): feelings about our terms, status quo, authority, timing, a rival named without
judgement, pains said as numbers, set-ups with a mild judgement. The set
(``tests/fixtures/detect/borderline_kinds.csv``) was labelled by reading before any detector ran
on it; so were the second and third. Run with ``-s`` to see the figures and the misreads."""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from pipeline.detect import KINDS, RuleEmbeddingDetector, statements
from pipeline.detect import evaluate as ev
from pipeline.detect.decisions import waits_on_someone_else
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line, buyer_verdicts

FIXTURES = Path(__file__).parents[2] / "fixtures" / "detect"
# The first set, and a second one (small talk, wishes, worries about their own business,
# questions without a question mark, pains said with "never", rivals named in passing, hedged
# set-ups, and near-misses that are objections), and a third (a price per head whatever the unit,
# a price in the buyer's own units, a busy self-description, a note's terse request, hearsay
# about a rival, "I was wondering whether" beside a worry word), and a fourth (a rival's weakness
# or today's tool's gap said by the buyer who lives with it, a condition on signing said in
# hindsight, and their near-misses), and a fifth (a loss in their own business sized in words or
# by the crate, and the same loss said of a move or asked), and a sixth (ten trades none before
# used: objections said politely or as questions, conditions, pains said in the negative, set-ups
# with a mild judgement, a rival praised, hedged prices, a loss's reason in passing, CRM
# shorthand), each labelled before any detector ran on it. The third to sixth say who said each
# sentence and the rep's turn before it; the fourth to sixth, the rivals the call's record lists.
BORDERLINE = (
    FIXTURES / "borderline_kinds.csv",
    FIXTURES / "borderline_kinds_2.csv",
    FIXTURES / "borderline_kinds_3.csv",
    FIXTURES / "borderline_kinds_4.csv",
    FIXTURES / "borderline_kinds_5.csv",
    FIXTURES / "borderline_kinds_6.csv",
)


@dataclass(frozen=True)
class Labelled:
    label: str
    category: str
    trade: str
    shape: str
    text: str
    role: str = "buyer"
    context: str = ""  # the rep's turn before it
    own_call: bool = False  # said in a call of its own (a set with a role column)
    competitors: tuple[str, ...] = ()  # the rivals the call's record lists


def load_borderline(paths: tuple[Path, ...] = BORDERLINE) -> list[Labelled]:
    """The labelled rows of every set (each file's first line is a comment on how they were
    labelled)."""
    found: list[Labelled] = []
    for path in paths:
        with path.open(newline="", encoding="utf-8") as fh:
            rows = csv.DictReader(line for line in fh if not line.startswith("#"))
            found += [
                Labelled(
                    r["label"],
                    r["category"],
                    r["trade"],
                    r["shape"],
                    r["text"],
                    r.get("role") or "buyer",
                    r.get("context") or "",
                    "role" in r,
                    tuple(filter(None, (r.get("competitors") or "").split(";"))),
                )
                for r in rows
            ]
    return found


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


@pytest.fixture(scope="module")
def verdicts(detector: RuleEmbeddingDetector) -> dict[str, tuple[str, str | None]]:
    """Each sentence said by a buyer (the first sets' in one call, alone) or by its role after
    its context (the third and fourth sets', each in a call of its own with the rivals its record
    lists), and the kind and category the detector gives it."""
    rows = load_borderline()
    lines = [Line(i, "buyer", row.text) for i, row in enumerate(rows) if not row.own_call]
    found = buyer_verdicts(detector, lines)
    for call, row in enumerate((r for r in rows if r.own_call), start=2):
        placed = [Line(0, "rep", row.context, call)] if row.context else []
        said = Line(len(placed), row.role, row.text, call)
        detected = detector.detect_utterances([*placed, said], competitors=row.competitors)
        detected = detected[said.id]
        found[row.text] = next(
            (d.kind, d.category) for d in detected if d.kind not in ("competitor", "why_now")
        )
    return found


def test_the_set_is_labelled_across_trades_kinds_and_borderlines() -> None:
    rows = load_borderline()
    assert len(rows) >= 200 and len({r.text for r in rows}) == len(rows)
    assert {r.label for r in rows} == set(KINDS)
    assert len({r.trade for r in rows}) >= 6
    assert all(bool(r.category) == (r.label == "objection") for r in rows)


def test_per_kind_figures_on_the_borderline_set(
    verdicts: dict[str, tuple[str, str | None]],
) -> None:
    rows = load_borderline()
    truth = np.array([r.label for r in rows])
    found = np.array([verdicts[r.text][0] for r in rows])
    figures = {k: ev.rates(found == k, truth == k) for k in KINDS}
    by_shape = Counter(r.shape for r in rows)
    right_by_shape = Counter(r.shape for r, f in zip(rows, found, strict=True) if f == r.label)
    objections = [r for r in rows if r.label == "objection" and verdicts[r.text][0] == "objection"]
    category_right = sum(verdicts[r.text][1] == r.category for r in objections)
    print()
    for kind, rate in figures.items():
        print(f"{kind:>13}: P {rate.precision:.3f} R {rate.recall:.3f}")
    print("right per shape:", {s: f"{right_by_shape[s]}/{n}" for s, n in by_shape.items()})
    print(f"objection category right: {category_right}/{len(objections)}")
    for row, kind in zip(rows, found, strict=True):
        if kind != row.label:
            print(f"  {row.label:>13} -> {kind:<13} [{row.shape}] {row.text}")
    # Floors just under the figures reached (issue 16). Before the rules for where work goes,
    # someone else's yes and time counted per period: set-up recall 0.375, pain 0.870 / 0.690;
    # after: objection 0.754 / 0.945, pain 0.917 / 0.759, set-up 0.944 / 0.708, question
    # 1.0 / 0.882, other 0.765 / 0.722. With the second set, before the rules for remarks in
    # passing, own-business worries, "never" pains, questions in words and shrugged set-ups:
    # objection 0.575 / 0.942, pain 0.885 / 0.561, question 1.0 / 0.643, set-up 0.913 / 0.700,
    # other 0.879 / 0.644; after: 0.823 / 0.942, 0.951 / 0.951, 1.0 / 0.893, 0.929 / 0.867,
    # 0.900 / 0.800. With the third set, before the rules for prices per head and in the buyer's
    # units, busy self-descriptions, a note's "Wants X for N", unlisted hearsay and "I was
    # wondering": objection 0.727 / 0.900, pain 0.929 / 0.951, question 1.0 / 0.812, set-up
    # 0.853 / 0.829, other 0.900 / 0.679; after: 0.894 / 0.950, 0.951 / 0.951, 1.0 / 0.969,
    # 0.939 / 0.886, 0.941 / 0.906. With the fourth set, before the rules for today's tool's
    # faults and conditions said in hindsight: objection 0.847 / 0.922, pain 0.952 / 0.816,
    # question 1.0 / 0.969, set-up 0.939 / 0.886, other 0.860 / 0.891; after: 0.903 / 0.933,
    # 0.959 / 0.959, 1.0 / 0.969, 0.939 / 0.886, 0.909 / 0.909 (its two misses, a rival praised
    # and "If it had been up to me we'd have signed.", had been missed before too, and lower the
    # objection recall and other precision floors). With the sixth set, before the rules for
    # pains said in the negative, doubt said by a question's form or a feeling ahead, a question
    # about working offline, a rival's praise told as a result, thanks after "no problem", a
    # set-up's shrug and a price as expected: objection 0.853 / 0.921, pain 0.950 / 0.891,
    # question 0.951 / 0.951, set-up 0.947 / 0.818, other 0.887 / 0.887; after: 0.916 / 0.952,
    # 0.954 / 0.969, 1.0 / 0.976, 0.949 / 0.841, 0.919 / 0.919 (the first five sets' misses are
    # the same before and after; three set-ups with a mild judgement in the sixth, left labelled
    # as read, lower the set-up recall floor).
    floors = {
        "objection": (0.90, 0.94),
        "pain": (0.94, 0.95),
        "question": (0.98, 0.96),
        "current_setup": (0.93, 0.83),
        "other": (0.90, 0.90),
    }
    for kind, (precision, recall) in floors.items():
        assert figures[kind].precision >= precision, kind
        assert figures[kind].recall >= recall, kind


# The classes fixed, in other words and other trades than the set's; each sentence had been
# misread (the old kind or category in the comment).
WHERE_WORK_GOES = [
    "The practice uses Provet for the clinical notes.",  # vets; other
    "Our delivery notes come back through the post.",  # haulage; other
    "The drivers get their manifests from Descartes.",  # logistics; adoption objection
]
SOMEONE_ELSES_YES = [
    "The bursar will need to sign off on the quote.",  # school; other
    "Our operations director would have to okay it first.",  # warehousing; other
    "The trust would have to put it out to tender.",  # care homes; integrations
    "Our supervisor would have to agree to it.",  # cleaning; integrations
]
TIME_COUNTED = [
    "Month-end close takes the finance team three days every month.",  # accounting; authority
]


def test_the_classes_fixed_read_as_labelled(detector: RuleEmbeddingDetector) -> None:
    lines = [
        Line(i, "buyer", text)
        for i, text in enumerate([*WHERE_WORK_GOES, *SOMEONE_ELSES_YES, *TIME_COUNTED])
    ]
    found = buyer_verdicts(detector, lines)
    assert {t: found[t][0] for t in WHERE_WORK_GOES} == dict.fromkeys(
        WHERE_WORK_GOES, "current_setup"
    )
    assert {t: found[t] for t in SOMEONE_ELSES_YES} == dict.fromkeys(
        SOMEONE_ELSES_YES, ("objection", "authority_timing")
    )
    assert {t: found[t][0] for t in TIME_COUNTED} == dict.fromkeys(TIME_COUNTED, "pain")


@pytest.mark.parametrize(
    "sentence",
    [
        "Anything over a grand goes through Dave.",  # a person decides: not a tool
        "Everything goes through head office.",
        "It would all go through Xero?",
        "That would go into your system.",
        "Invoices go out by post and half of them get lost.",  # a pain
    ],
)
def test_no_set_up_by_where_work_goes(sentence: str) -> None:
    assert not statements.tells_where_work_goes(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "We'd have to agree to it first.",  # their own yes
        "The vet has to approve every prescription.",  # their own work, not the deal
        "If the board approves it we'll sign.",  # a condition
        "Would the owner have to sign off?",  # asked
        "Reception makes those calls every morning.",  # phone calls
        "The head has to sign off the timetable each term.",
    ],
)
def test_no_wait_on_someone_elses_yes(sentence: str) -> None:
    assert not waits_on_someone_else(sentence)


# Remarks in passing, own-business worries, "never" pains, questions in words and shrugged
# set-ups (issue 16, second set), in other words and trades than the set's; each had been
# misread said after the sentence before it (a call of two buyer lines).
AFTER_A_WORRY = "Honestly the monthly fee worries me for a shop this small."
SAID_NEXT = {
    "Have a great bank holiday if I don't speak to you before.": "other",  # salons
    "Sorry, I need to go, the lorry's just reversed into the bay.": "other",  # warehousing
    "Anyway, that's the main bit.": "other",  # accounting
    "Auto-reminders would be a godsend to be honest.": "other",  # vets
    "It worries me how many jobs we quote and never hear back on.": "pain",  # roofing
    "The petty cash never adds up at the end of the week.": "pain",  # cafes
    "Walk me through how a locum would log in.": "question",  # vets
    "Job sheets are kept in a ring binder in the van, nothing fancy.": "current_setup",  # trades
}
STILL_OBJECTIONS = [
    "I need to go with whatever is cheapest.",
    "It would be brilliant, but nobody here will use it.",
    "I'm worried your system would confuse the part-timers.",
    "We'd never get the drivers to fill it in.",
]


def test_remarks_worries_and_questions_read_as_labelled_after_a_worry(
    detector: RuleEmbeddingDetector,
) -> None:
    found = {}
    for i, text in enumerate([*SAID_NEXT, *STILL_OBJECTIONS]):
        lines = [Line(0, "buyer", AFTER_A_WORRY, call_id=i), Line(1, "buyer", text, call_id=i)]
        found[text] = buyer_verdicts(detector, lines)[text][0]
    assert {t: found[t] for t in SAID_NEXT} == SAID_NEXT
    assert {t: found[t] for t in STILL_OBJECTIONS} == dict.fromkeys(STILL_OBJECTIONS, "objection")


def test_a_notes_reported_question(detector: RuleEmbeddingDetector) -> None:
    """A question the buyer's side put, reported in a note ("Lucy says finance wants to know if
    ...") is a question (it had been a price objection)."""
    notes = {
        "Raj says the partners want to know if there's a multi-office discount.": "question",
    }
    lines = [Line(i, "rep_note", t, call_id=i) for i, t in enumerate(notes)]
    found = detector.detect_utterances(lines)
    kinds = {
        line.text: next(d.kind for d in found[line.id] if d.kind not in ("competitor", "why_now"))
        for line in lines
    }
    assert kinds == notes
