"""A concern said absent and the one that holds said next is an objection on the second
(review 24o item 3: "The fifty-unit minimum doesn't bother me, it's the monthly total.", the
answer to "Was price the main factor?" in a lost deal, had been small talk at 0.99); a rep's
note of a need set before buying is an objection ("Needs it to post to Xero before anything
else." had been small talk); and a rival criticised from a look taken is no pain of the buyer's
(item 9: "We looked at <rival> last year but their system was clunky." had been a pain)."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.classify import Kind, SentenceInput
from pipeline.detect.competitors import find_competitors
from pipeline.detect.model import KindScore
from pipeline.detect.real_worry import notes_a_must_have, worry_named_instead
from pipeline.detect.verdict import sentence_verdict
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

RIVALS = ["Crewboard", "Dentrix", "Fleetio", "Toastly", "Clio", "Procore"]

# (the rep's question, the buyer's answer, the worry named, its category)
SHIFTED = [
    ("Was price the main factor?",
     "The fifty-seat minimum doesn't bother me, it's the monthly total.", "price"),
    ("Was it the price?", "It's not the price, it's the contract length.", "contract"),
    ("What would stop you going ahead?",
     "The hardware is fine, the monthly fee isn't.", "price"),
    ("Is the cost the sticking point?",
     "I'm not worried about the cost, what bothers me is the training time for the drivers.",
     "setup_time"),
    ("Is it the price?", "The per-seat price is fine, the onboarding fee is the real problem.",
     "price"),
    ("Was it the switch that put you off?",
     "The migration doesn't scare me, it's more getting forty nurses to use it.", "adoption"),
    ("Is it the contract?",
     "The setup fee doesn't worry me, but the three-year contract does.", "contract"),
    ("Was budget the issue?", "Budget isn't the issue, it's the sign-off from head office.",
     "authority_timing"),
    ("What's holding you back?",
     "It's not the features, it's the Xero integration we'd lose.", "integrations"),
    ("Was the price too high?",
     "The licence doesn't bother us, it's the per-user fee for the paralegals.", "price"),
    ("Is the setup a worry?",
     "The onboarding doesn't bother me, it's the annual commitment up front.", "contract"),
    ("What would make it a yes?",
     "It's not the app, it's where the patient data is stored.", "security"),
]  # fmt: skip
# A concern said absent and nothing named that holds: no objection from this rule.
SETTLED = [
    "Price isn't really the issue, it's fine.",
    "Honestly the cost doesn't bother me, it's great value.",
    "The price is fine, it's all good.",
    "No problem at all, it's a great fit.",
    "That's not a problem, it's what we expected.",
    "Price is fine, that's not the issue.",
    "The training doesn't worry me, it's a two-hour session.",
    "Price wasn't really the issue.",
    "Is it the price that's not the issue, or the contract?",
]
MUST_HAVE = [
    ("Needs it to post to Xero before anything else.", "integrations"),
    ("Must have SSO with Azure AD.", "security"),
    ("Won't move without the Sage sync.", "integrations"),
    ("Needs the rota to sync with payroll before she'd consider moving.", "integrations"),
    ("Has to have data kept in the EU, non-negotiable.", "security"),
    ("Insists on a monthly contract, no annual commitment.", "contract"),
    ("Wants the QuickBooks export before anything else.", "integrations"),
    ("Can't sign without the board's approval of the budget line.", "authority_timing"),
]
NOT_MUST_HAVE = [
    "Needs a quote by Friday.",
    "Needs to check with her partner.",
    "Has 40 users across three sites.",
    "Wants a demo for the branch managers next week.",
]
LOOKED_AND_CRITICISED = [
    "We looked at Crewboard last year but their system was clunky.",
    "We trialled Dentrix in 2023 and it was far too complicated for the front desk.",
    "We had a demo of Fleetio and honestly it looked dated.",
    "We tried Toastly for a month but the tablets kept crashing.",
    "We looked at Clio a while back but it felt clunky.",
    "We looked at Procore but it kept logging us out on site.",
    "We tried Toastly for a month but the tablets kept crashing.",
    "We looked at Clio a couple of years ago and it was far too complicated for the paralegals.",
    "We had a demo of Fleetio last spring and it felt clunky for the drivers.",
    "We trialled Dentrix but the support was useless.",
    "We looked at Crewboard for the care homes and the staff hated it.",
    "We had Procore in for a pilot and it kept freezing on the tablets.",
]


@pytest.mark.parametrize(("_", "sentence", "__"), SHIFTED)
def test_the_concern_that_holds_is_named(_: str, sentence: str, __: str) -> None:
    assert worry_named_instead(sentence)


@pytest.mark.parametrize("sentence", SETTLED)
def test_no_concern_that_holds_no_worry(sentence: str) -> None:
    assert worry_named_instead(sentence) is None


@pytest.mark.parametrize(("sentence", "_"), MUST_HAVE)
def test_a_need_set_before_buying_is_noted(sentence: str, _: str) -> None:
    assert notes_a_must_have(sentence)


@pytest.mark.parametrize("sentence", NOT_MUST_HAVE)
def test_a_plain_need_or_next_step_is_no_must_have(sentence: str) -> None:
    assert not notes_a_must_have(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder, competitors=RIVALS)


def _kinds(detector: RuleEmbeddingDetector, lines: list[Line]) -> dict[int, tuple[str, str]]:
    found = detector.detect_utterances(lines)
    return {
        i: next((d.kind, d.category or "") for d in ds if d.kind not in ("competitor", "why_now"))
        for i, ds in found.items()
        if ds
    }


def test_the_worry_named_after_a_rep_question_is_an_objection_on_it(
    detector: RuleEmbeddingDetector,
) -> None:
    lines: list[Line] = []
    for asked, said, _ in SHIFTED:
        lines += [Line(len(lines), "rep", asked), Line(len(lines) + 1, "buyer", said)]
    kinds = _kinds(detector, lines)
    wrong = {
        said: kinds[2 * i + 1]
        for i, (_, said, topic) in enumerate(SHIFTED)
        if kinds[2 * i + 1] != ("objection", topic)
    }
    assert not wrong


# Settled concerns the detector already read as no objection (the model's own misreads of the
# others are not this rule's to change).
SETTLED_KEPT = [SETTLED[i] for i in (2, 3, 4, 5, 7)]


def test_a_settled_concern_stays_no_objection(detector: RuleEmbeddingDetector) -> None:
    lines = [Line(i, "buyer", said) for i, said in enumerate(SETTLED_KEPT)]
    kinds = _kinds(detector, lines)
    assert [s for i, s in enumerate(SETTLED_KEPT) if kinds[i][0] == "objection"] == []


def test_a_must_have_in_a_note_is_an_objection_on_it(detector: RuleEmbeddingDetector) -> None:
    lines = [Line(i, "rep_note", said) for i, (said, _) in enumerate(MUST_HAVE)]
    kinds = _kinds(detector, lines)
    wrong = {
        s: kinds[i] for i, (s, topic) in enumerate(MUST_HAVE) if kinds[i] != ("objection", topic)
    }
    assert not wrong


def test_a_rival_criticised_from_a_look_is_no_pain(detector: RuleEmbeddingDetector) -> None:
    lines: list[Line] = []
    for said in LOOKED_AND_CRITICISED:
        lines += [
            Line(len(lines), "rep", "All customer data is hosted in London."),
            Line(len(lines) + 1, "buyer", f"Good, that helps. {said}"),
        ]
    found = detector.detect_utterances(lines)
    for i, said in enumerate(LOOKED_AND_CRITICISED):
        kinds = [d.kind for d in found[2 * i + 1] if d.text == said and d.kind != "competitor"]
        assert kinds == ["other"], said


@pytest.mark.parametrize("read", ["objection", "pain", "current_setup", "other"])
@pytest.mark.parametrize("said", LOOKED_AND_CRITICISED)
def test_a_look_criticised_is_other_whatever_the_model_read(said: str, read: Kind) -> None:
    """Fitted on twenty-two sets, the model read some of these as set-up or small talk, and the
    pain words then made them a pain; the look decides, whatever kind the model leans to."""
    hits = find_competitors(said, RIVALS)
    score = KindScore(read, None, 0.6, 0.2 if read != "objection" else 0.6, {read: 0.6})
    verdict = sentence_verdict(SentenceInput(said, said), "buyer", score, {}, hits)
    assert verdict.kind == "other"


def test_the_buyers_own_rival_criticised_stays_a_pain(detector: RuleEmbeddingDetector) -> None:
    found = detector.detect_utterances(
        [Line(0, "buyer", "We use Crewboard today and it's clunky, we retype every shift.")]
    )
    assert [d.kind for d in found[0] if d.kind != "competitor"] == ["pain"]
