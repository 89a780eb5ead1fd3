"""A question cut where its verb's particle goes is read whole: "Like a ten pack that runs out
after three months?" had named its theme "A ten pack that runs", a fragment that says the
opposite of nothing. A question that does not open as one (it asks after a thing) names its
theme by that thing, every word kept. Questions of a dental practice, a café and a council
parking office; named on the real embedder.
"""

from __future__ import annotations

import pytest

from pipeline.cluster.label import centralities, name_clusters
from pipeline.embed import Embedder, normalise

# trade -> (a question, the name of its theme)
ASKED = {
    "dental": (
        "Like a recall reminder that goes out before every checkup?",
        "A recall reminder that goes out before every checkup",
    ),
    "café": (
        "So a loyalty card that tops up after every tenth coffee?",
        "A loyalty card that tops up after every tenth coffee",
    ),
    "parking": (
        "Like a parking permit that runs out after six months?",
        "A parking permit that runs out after six months",
    ),
}


@pytest.mark.parametrize("trade", sorted(ASKED))
def test_a_question_names_its_theme_with_no_word_dropped(embedder: Embedder, trade: str) -> None:
    question, expected = ASKED[trade]
    vectors = embedder.encode([question])
    [name] = name_clusters(
        [[question]], centralities(vectors, [range(1)], normalise(vectors)), kind="question"
    )
    assert name == expected
