"""An SEO brief a writer can use (review 21e item 3): keywords a searcher types, H3s that are
questions a searcher asks, each citing the quotes it came from, in the page's language, never
a statement, praise or a next step copied from the calls, and a plain meta description."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from pipeline.cluster.phrases import FUNCTION_WORDS, OPENERS_ONLY
from pipeline.content.citations import check_citations
from pipeline.content.evidence import Evidence, Phrase, Quote
from pipeline.content.offline import OFFLINE_DRAFTS
from pipeline.content.seo_keywords import keyword_like, product_category, shared_phrases
from pipeline.content.types import SEOBrief
from pipeline.language import in_english
from tests.pipeline.content.one_theme import objection_theme


@dataclass(frozen=True)
class Theme:
    name: str
    category: str
    said: tuple[str, ...]  # buyer lines, in the order the theme quotes them


# Invented calls from five industries, each theme with the lines that had broken a brief: a
# statement, praise, a next step, a line in another language, and a question asked as such.
INDUSTRIES: dict[str, tuple[str, tuple[Theme, ...]]] = {
    "warehousing": (
        "Warehouse management software for 3PLs: receiving, picking and shipping.",
        (
            Theme(
                "Since our largest client launches",
                "setup_time",
                (
                    "We cannot go live during peak season, we would lose clients over a bad "
                    "cutover.",
                    "Every Sunday for the loading dock, it takes about 19 hours.",
                    "Mándame la propuesta en pesos y en dólares, por favor.",
                    "Honestly, I'd recommend you to anyone running their own warehouse.",
                    "A go-live during peak season is out of the question for us.",
                ),
            ),
            Theme(
                "Per order at peak",
                "price",
                (
                    "Per order pricing is going to hurt us in November.",
                    "Does the per-user fee apply to seasonal pickers too?",
                    "The per order pricing doubles our bill at peak.",
                ),
            ),
        ),
    ),
    "dental": (
        "Scheduling, reminders and online booking for dental practices.",
        (
            Theme(
                "Front desk won't use it",
                "adoption",
                (
                    "Our front desk staff already juggle three systems.",
                    "¿El sistema funciona en español para la recepción?",
                    "The front desk staff will not learn another system.",
                    "Sure, run it by our office manager first.",
                ),
            ),
            Theme(
                "Patient data",
                "security",
                (
                    "Where is patient data stored, and who at your company can see it?",
                    "Patient data has to stay in the country for our insurer.",
                ),
            ),
        ),
    ),
    "hospitality": (
        "",
        (
            Theme(
                "Rota and payroll",
                "integrations",
                (
                    "The rota has to feed our payroll provider without retyping.",
                    "Est-ce que le logiciel fonctionne avec notre caisse?",
                    "Retyping hours into the payroll provider takes a whole afternoon.",
                ),
            ),
            Theme(
                "Locked in",
                "contract",
                (
                    "We're locked into a two-year contract with our current rota tool.",
                    "The two-year contract ends in March.",
                ),
            ),
        ),
    ),
    "field service": (
        "Field service management for HVAC and plumbing teams.",
        (
            Theme(
                "Moving our jobs over",
                "switching",
                (
                    "Moving five years of job history over sounds like a nightmare.",
                    "The job history is the one thing we can't lose.",
                    "Sounds good, talk soon.",
                ),
            ),
            Theme(
                "Other tools",
                "competitor",
                (
                    "FieldPro is cheaper for a team of our size.",
                    "FieldPro already quoted us half your price for the same team size.",
                ),
            ),
        ),
    ),
    "legal": (
        "Acme is practice management software for small law firms.",
        (
            Theme(
                "Client files",
                "security",
                (
                    "Client files can never leave our document server.",
                    "Do you sign a data processing agreement with the firm?",
                    "Our client files sit under legal hold for seven years.",
                ),
            ),
        ),
    ),
}


def _evidence(pitch: str, themes: tuple[Theme, ...]) -> Evidence:
    quotes: list[Quote] = []
    clusters = []
    for number, theme in enumerate(themes, start=1):
        ids = []
        for text in theme.said:
            quote_id = len(quotes) + 1
            quotes.append(
                Quote(
                    id=quote_id,
                    text=text,
                    role="buyer",
                    kind="question" if text.endswith("?") else "objection",
                    call_id=quote_id,
                    utterance_id=quote_id,
                    mention_id=quote_id,
                    call_date=dt.date(2026, 3, quote_id),
                    account=f"Account {quote_id}",
                    outcome="open",
                    speaker="buyer",
                    cluster_id=number,
                    category=theme.category,
                    competitor="FieldPro" if "FieldPro" in text else None,
                )
            )
            ids.append(quote_id)
        rivals = ["FieldPro"] if theme.category == "competitor" else []
        clusters.append(objection_theme(number, theme.name, theme.category, ids, rivals))
    evidence = Evidence(clusters=clusters, quotes=quotes, phrases=[], facts=[])
    category = product_category(pitch)
    if category:
        evidence.product_category = category
    return evidence


def _brief(evidence: Evidence) -> SEOBrief:
    brief = OFFLINE_DRAFTS["seo-brief"](evidence)
    assert isinstance(brief, SEOBrief)
    return brief


def _headings(brief: SEOBrief) -> list[tuple[str, list[int]]]:
    """Each H3's text and citations (the schema before review 21e held text only)."""
    found = []
    for section in brief.outline:
        for heading in section.h3:
            text = heading if isinstance(heading, str) else heading.text
            cited = [] if isinstance(heading, str) else heading.citations
            found.append((text, cited))
    return found


@pytest.mark.parametrize("industry", list(INDUSTRIES))
def test_keywords_are_phrases_a_searcher_types(industry: str) -> None:
    brief = _brief(_evidence(*INDUSTRIES[industry]))
    keywords = [brief.target_keyword, *brief.secondary_keywords]
    for keyword in keywords:
        words = keyword.lower().split()
        assert 2 <= len(words) <= 4, keyword
        assert words[0] not in FUNCTION_WORDS | OPENERS_ONLY, keyword
        assert words[-1] not in FUNCTION_WORDS, keyword
    assert len({k.lower() for k in keywords}) == len(keywords) and len(keywords) <= 9


@pytest.mark.parametrize("industry", list(INDUSTRIES))
def test_h3s_are_cited_questions_in_the_page_language(industry: str) -> None:
    evidence = _evidence(*INDUSTRIES[industry])
    brief = _brief(evidence)
    headings = _headings(brief)
    assert headings
    statements = {q.text for q in evidence.quotes if not q.text.endswith("?")}
    asked = {q.text for q in evidence.quotes if q.text.endswith("?")}
    for text, cited in headings:
        assert text.endswith("?"), text
        assert text not in statements, text  # a question asked may stand as asked
        assert in_english(text), text
        assert cited and all(evidence.quote(i) for i in cited), text
        if text in asked:
            assert [q.text for q in map(evidence.quote, cited) if q] == [text]
    for question in brief.questions:
        assert question.text.endswith("?") and in_english(question.text) and question.citations
    # Each quote backs one claim: no H3 and no listed question share a source.
    cited = [i for text, ids in headings for i in ids]
    cited += [i for question in brief.questions for i in question.citations]
    assert len(cited) == len(set(cited))


@pytest.mark.parametrize("industry", list(INDUSTRIES))
def test_no_claim_goes_uncited_and_the_meta_is_plain(industry: str) -> None:
    evidence = _evidence(*INDUSTRIES[industry])
    brief = _brief(evidence)
    _, warnings = check_citations(brief.model_dump(), evidence)
    assert not [w for w in warnings if "no citation" in w], warnings
    meta = brief.meta_description
    assert len(meta) < 160 and "“" not in meta and "”" not in meta
    assert all(theme.name not in meta for theme in evidence.clusters)
    assert brief.target_keyword.lower() in meta.lower()


def test_praise_a_next_step_and_another_language_head_nothing() -> None:
    """What a buyer said in praise, to arrange the next step or in Spanish is cited by no H3."""
    evidence = _evidence(*INDUSTRIES["warehousing"])
    cited = {i for _text, ids in _headings(_brief(evidence)) for i in ids}
    said = {q.text: q.id for q in evidence.quotes}
    assert said["Mándame la propuesta en pesos y en dólares, por favor."] not in cited
    assert said["Honestly, I'd recommend you to anyone running their own warehouse."] not in cited
    dental = _evidence(*INDUSTRIES["dental"])
    cited = {i for _text, ids in _headings(_brief(dental)) for i in ids}
    assert {q.id for q in dental.quotes if "run it by" in q.text or "¿" in q.text}.isdisjoint(cited)
    field = _evidence(*INDUSTRIES["field service"])
    cited = {i for _text, ids in _headings(_brief(field)) for i in ids}
    assert not {q.id for q in field.quotes if q.text.startswith("Sounds good")} & cited


def test_the_target_keyword_joins_our_kind_of_product_to_the_top_theme() -> None:
    brief = _brief(_evidence(*INDUSTRIES["warehousing"]))
    assert brief.target_keyword == "warehouse management software implementation"
    # Said by two of its buyers: "per order pricing", which opens on a preposition.
    assert "order pricing" in brief.secondary_keywords


@pytest.mark.parametrize(
    ("pitch", "category"),
    [
        ("Warehouse management software for 3PLs: picking.", "warehouse management software"),
        ("Scheduling, time clocking and payroll hand-off for small teams.", "scheduling software"),
        ("Acme is practice management software for firms.", "practice management software"),
        ("Field service management for HVAC teams.", "field service management software"),
        ("Rotas and payroll hand-off for small teams.", None),
        ("We make payroll simple.", None),
        ("", None),
    ],
)  # fmt: skip
def test_our_kind_of_product_is_read_from_the_pitch(pitch: str, category: str | None) -> None:
    assert product_category(pitch) == category


def test_a_shared_phrase_is_said_twice_or_names_the_theme() -> None:
    said = [
        "The front desk staff will not learn another system.",
        "Our front desk staff already juggle three systems.",
        "It takes a whole afternoon.",
    ]
    found = shared_phrases(said, "Front desk won't use it")
    assert "front desk staff" in found and "it takes" not in found
    assert all(keyword_like(p) for p in found)
    assert not keyword_like("per order") and not keyword_like("it takes")


INTAKE = ["The intake forms are a mess.", "Honestly the intake forms are the worst bit."]
HANDOVER = ["Key handover takes an hour.", "Every key handover is paper.", "Key handover again."]
ROUTES = ["Route planning on paper.", "We do route planning by hand."]


@pytest.mark.parametrize(
    ("said", "calls", "shared"),
    [
        # One buyer saying a thing twice in one call is one buyer's wording (a new user's walk:
        # an SEO brief's target keyword had come from one call).
        (INTAKE, [1, 1], False),
        (INTAKE, [1, 2], True),
        (HANDOVER, [7, 7, 7], False),
        (HANDOVER, [7, 7, 9], True),
        (ROUTES, ["a", "b"], True),
        (ROUTES, ["a", "a"], False),
    ],
)  # fmt: skip
def test_a_shared_phrase_is_said_in_two_calls(
    said: list[str], calls: list[object], shared: bool
) -> None:
    found = shared_phrases(said, sources=calls)
    phrase = {"intake": "intake forms", "key": "key handover", "route": "route planning"}
    wanted = next(v for k, v in phrase.items() if k in said[0].lower())
    assert (wanted in found) is shared, found
    assert wanted in shared_phrases(said)  # counted per quote, as other callers count


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("Mándame la propuesta en pesos y en dólares, por favor.", False),
        ("¿Cuánto cuesta el usuario adicional?", False),
        ("Est-ce que le logiciel fonctionne avec notre caisse?", False),
        ("Quanto custa o plano para duas lojas?", False),
        ("Which handhelds do you support?", True),
        ("Do you integrate with NetSuite, ShipStation and Shopify?", True),
        ("Can Dr. Okafor's hygienists see the schedule?", True),
    ],
)
def test_a_sentence_reads_as_english_or_not(text: str, english: bool) -> None:
    assert in_english(text) is english


def test_an_llm_reply_with_plain_h3s_still_reads_and_is_flagged() -> None:
    """A reply giving H3s as text (the schema before) validates, each H3 uncited and so flagged."""
    brief = SEOBrief.model_validate(
        {
            "title": "t",
            "meta_description": "m",
            "target_keyword": "online booking software",
            "search_intent": "commercial",
            "outline": [{"h2": "h", "h3": ["Is it worth it?"], "citations": [1]}],
            "word_count_min": 800,
            "word_count_max": 1200,
        }
    )
    evidence = _evidence(*INDUSTRIES["legal"])
    _, warnings = check_citations(brief.model_dump(), evidence)
    assert [w for w in warnings if w.startswith("outline[0].h3[0]")]


def test_recurring_buyer_phrases_fill_in_only_as_keywords() -> None:
    evidence = _evidence(*INDUSTRIES["hospitality"])
    evidence.phrases = [Phrase("it takes", 3), Phrase("payroll provider", 2)]
    keywords = [*(b := _brief(evidence)).secondary_keywords, b.target_keyword]
    assert "it takes" not in keywords and "payroll provider" in keywords


def test_the_llm_prompt_states_the_same_rules_and_shows_the_outline() -> None:
    from pipeline.content.generate import build_messages, content_type

    evidence = _evidence(*INDUSTRIES["warehousing"])
    prompt = build_messages(content_type("seo-brief"), evidence)[1]["content"]
    task = prompt.split("CALL_DATA>>>", 1)[1]
    for rule in ("2 to 4 words", 'ending in "?"', "another language", "praise", "citing"):
        assert rule in task, rule
    assert "warehouse management software implementation" in task
    # "Every Sunday for the loading dock, it takes about 19 hours." is no set-up worry
    assert 'How long does it take to get up and running?" (Q1)' in task
